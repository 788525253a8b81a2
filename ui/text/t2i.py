"""Catalog of the 'From text to image' page (views/t2i.py)."""

TEXT = {
    "t2i.title": {"en": "From text to image", "zh": "从文本到图像"},
    "t2i.question": {
        "en": "What does each part of a text-to-image model do, and why does the "
              "generator work in a latent?",
        "zh": "文生图模型的每个部分各做什么？为什么生成器在隐空间里工作？",
    },
}
