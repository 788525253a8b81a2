"""One module per page or area, each defining TEXT = {key: {"en": ..., "zh": ...}}."""
