"""Catalog of the SDE and ODE page (views/sde.py)."""

TEXT = {
    "sde.title": {"en": 'SDE and ODE', "zh": 'SDE 与 ODE'},
    "sde.question": {
        "en": 'What do the T small steps become as T → ∞, and what does the deterministic ODE with the same marginals give us?',
        "zh": '当 T → ∞ 时，这 T 个小步变成了什么？与之边缘分布相同的确定性 ODE 又给了我们什么？',
    },
    "sde.wip": {"en": "This page is being written.", "zh": "本页正在编写中。"},
}
