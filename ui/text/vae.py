"""Catalog of the 'VAE vs diffusion' page (views/vae.py)."""

TEXT = {
    "vae.title": {"en": "VAE vs diffusion", "zh": "VAE 与扩散模型"},
    "vae.question": {
        "en": "What is DDPM as a VAE, and why do many small steps beat one?",
        "zh": "把 DDPM 看成 VAE 是什么样？为什么许多小步胜过一步？",
    },
}
