"""Catalog of the Guidance page (views/guidance.py)."""

TEXT = {
    "guid.title": {"en": 'Guidance', "zh": '引导'},
    "guid.question": {
        "en": 'How do we make the model draw a chosen class, and what does a guidance scale really sample?',
        "zh": '怎样让模型画出指定的类别？引导系数实际采样的是什么分布？',
    },
    "guid.wip": {"en": "This page is being written.", "zh": "本页正在编写中。"},
}
