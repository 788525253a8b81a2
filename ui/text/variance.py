"""Catalog of the The optimal reverse variance page (views/variance.py)."""

TEXT = {
    "var.title": {"en": 'The optimal reverse variance', "zh": '最优反向方差'},
    "var.question": {
        "en": 'Between σ_t² = β_t and σ_t² = β̃_t, which reverse variance is best, and how much does it matter?',
        "zh": '在 σ_t² = β_t 与 σ_t² = β̃_t 之间，哪个反向方差最好？差别有多大？',
    },
    "var.wip": {"en": "This page is being written.", "zh": "本页正在编写中。"},
}
