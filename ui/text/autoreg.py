"""Catalog of the 'Diffusion is autoregression' page (views/autoreg.py)."""

TEXT = {
    "ar.title": {"en": "Diffusion is autoregression", "zh": "扩散即自回归"},
    "ar.question": {
        "en": "In what order does diffusion decide an image, and when is it exactly "
              "autoregression?",
        "zh": "扩散模型按什么顺序决定一幅图像？什么时候它恰好就是自回归？",
    },
}
