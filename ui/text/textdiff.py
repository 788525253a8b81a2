"""Catalog of the 'Diffusion for text' page (views/textdiff.py)."""

TEXT = {
    "txt.title": {"en": "Diffusion for text", "zh": "文本的扩散模型"},
    "txt.question": {
        "en": "How do we diffuse discrete tokens, and what does decoding many at once cost?",
        "zh": "离散的词元怎样扩散？一次解码多个词元要付出什么代价？",
    },
}
