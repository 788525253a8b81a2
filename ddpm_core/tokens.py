"""A small masked-token model (masked visual / language token modelling) trained on CPU in
seconds, for the decoders of `masking` — FORMULAS.md §n; Chang et al. 2022 (MaskGIT), the lecture's
P43–P51 and seed 004 (MVTM).

Three token data sets of fixed length N (positions 0..N−1), vocabulary 0..V−1, [MASK] = V:
- "en": phrases of `corpus/en.txt`, one token per word, padded with "<pad>" to N = 8;
- "zh": the same phrases in `corpus/zh.txt`, one token per character, N = 8;
- "glyphs": 16×16 `glyph_digits` cut into 4×4 patches (N = 16) and quantised by a k-means codebook.
Held out: every 10th phrase (every 10th digit). The model sees masked inputs (each position masked
w.p. r ~ U(0, 1), at least one) and is trained by cross-entropy on the masked positions.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import torch
from torch import nn

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
PAD = "<pad>"
TEXT_N = 8
TOKEN_SETS = ("en", "zh", "glyphs")
# default training (≤ 20 s on the 2-core CPU; see bench_masking)
DEFAULT_TRAIN = {"steps": 600, "batch_size": 128, "lr": 3e-3, "arch": "mlp", "layers": 2,
                 "width": 256}


def load_corpus(lang: str) -> list[str]:
    """The phrases of corpus/<lang>.txt (lines not starting with '#')."""
    if lang not in ("en", "zh"):
        raise ValueError(f"lang must be 'en' or 'zh', got {lang!r}")
    lines = (CORPUS_DIR / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    return [s.strip() for s in lines if s.strip() and not s.startswith("#")]


def split_phrase(phrase: str, lang: str) -> list[str]:
    """Words (en, lower-cased) or characters (zh, spaces dropped)."""
    if not isinstance(phrase, str) or not phrase.strip():
        raise ValueError(f"phrase must be a non-empty string, got {phrase!r}")
    if lang == "en":
        return phrase.lower().split()
    if lang == "zh":
        return [c for c in phrase if not c.isspace()]
    raise ValueError(f"lang must be 'en' or 'zh', got {lang!r}")


class TextTokenizer:
    """Phrase ↔ (N,) token ids over the corpus vocabulary; index 0 is <pad>, [MASK] = V."""

    def __init__(self, lang: str, N: int = TEXT_N):
        self.lang, self.N = lang, N
        words = sorted({w for p in load_corpus(lang) for w in split_phrase(p, lang)})
        self.vocab = [PAD] + words
        self.index = {w: i for i, w in enumerate(self.vocab)}
        self.V = len(self.vocab)
        self.mask_id = self.V

    def encode(self, phrase: str, *, allow_mask: bool = False) -> torch.Tensor:
        """(N,) long; '_' (en: a word '_', zh: '_') stands for [MASK] when `allow_mask`."""
        toks = split_phrase(phrase, self.lang)
        if len(toks) > self.N:
            raise ValueError(f"phrase has {len(toks)} tokens, more than the model's context "
                             f"N = {self.N}: {phrase!r}")
        ids = []
        for w in toks:
            if allow_mask and w == "_":
                ids.append(self.mask_id)
            elif w in self.index and w != PAD:
                ids.append(self.index[w])
            else:
                raise ValueError(f"phrase contains {w!r}, which is not in the {self.lang} "
                                 f"vocabulary ({self.V - 1} tokens: {' '.join(self.vocab[1:])})")
        return torch.tensor(ids + [0] * (self.N - len(ids)), dtype=torch.long)

    def decode(self, ids) -> str:
        """Tokens back to text: [MASK] as '_', <pad> dropped."""
        words = ["_" if int(i) == self.mask_id else self.vocab[int(i)] for i in ids]
        words = [w for w in words if w != PAD]
        return (" " if self.lang == "en" else "").join(words)


class GlyphTokenizer:
    """16×16 digit ↔ 16 tokens: 4×4 patches, nearest of K k-means centroids (Lloyd, fixed seed)."""

    def __init__(self, images: torch.Tensor, K: int = 16, patch: int = 4, iters: int = 15,
                 generator: torch.Generator | None = None):
        if not isinstance(K, int) or isinstance(K, bool) or not 2 <= K <= 256:
            raise ValueError(f"K must be an int in 2..256, got K={K!r}")
        self.patch, self.size = patch, images.shape[-1]
        self.N = (self.size // patch) ** 2
        x = self._patches(images).reshape(-1, patch * patch)
        cent = x[torch.randperm(len(x), generator=generator)[:K]].clone()
        for _ in range(iters):  # Lloyd's k-means
            lab = torch.cdist(x, cent).argmin(1)
            for k in range(K):
                sel = x[lab == k]
                if len(sel):
                    cent[k] = sel.mean(0)
        self.codebook, self.V, self.mask_id = cent, K, K

    def _patches(self, images: torch.Tensor) -> torch.Tensor:
        p = self.patch
        x = images.reshape(-1, self.size // p, p, self.size // p, p).permute(0, 1, 3, 2, 4)
        return x.reshape(len(images), self.N, p * p)  # (n, N, p²) row-major patches

    def encode(self, images: torch.Tensor) -> torch.Tensor:
        """(n, 1, 16, 16) → (n, N) long: the nearest codeword of each patch."""
        x = self._patches(images)
        return torch.cdist(x, self.codebook[None].expand(len(x), -1, -1)).argmin(-1)

    def decode(self, tokens: torch.Tensor) -> torch.Tensor:
        """(n, N) → (n, 1, 16, 16); [MASK] patches are drawn as 0 (grey)."""
        t = tokens.clamp(max=self.V - 1)
        x = torch.where((tokens == self.mask_id)[..., None], 0.0, self.codebook[t])
        g, p = self.size // self.patch, self.patch
        return x.reshape(-1, g, g, p, p).permute(0, 1, 3, 2, 4).reshape(-1, 1, self.size, self.size)


class MaskedTokenModel(nn.Module):
    """tokens (B, N) with [MASK] = V → logits (B, N, V): an MLP over all positions' one-hot tokens
    (arch="mlp", the default: cheapest on a CPU) or a tiny bidirectional transformer.
    Usable as a decoder's `logprob_fn` (the decoders apply log_softmax)."""

    def __init__(self, V: int, N: int, d_model: int = 64, layers: int = 2, heads: int = 4,
                 arch: str = "mlp", width: int = 256):
        super().__init__()
        if arch not in ("mlp", "transformer"):
            raise ValueError(f"arch must be 'mlp' or 'transformer', got {arch!r}")
        self.V, self.N, self.mask_id, self.arch = V, N, V, arch
        if arch == "mlp":
            dims = [N * (V + 1)] + [width] * layers
            mods: list[nn.Module] = []
            for a, b in zip(dims, dims[1:]):
                mods += [nn.Linear(a, b), nn.GELU()]
            self.mlp = nn.Sequential(*mods, nn.Linear(width, N * V))
            return
        self.tok = nn.Embedding(V + 1, d_model)
        self.pos = nn.Parameter(torch.randn(N, d_model) * 0.02)
        layer = nn.TransformerEncoderLayer(d_model, heads, 2 * d_model, dropout=0.0,
                                           batch_first=True, norm_first=True)
        self.body = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
        self.head = nn.Sequential(nn.LayerNorm(d_model), nn.Linear(d_model, V))

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        if tokens.ndim != 2 or tokens.shape[1] != self.N:
            raise ValueError(f"tokens must be (B, {self.N}), got {tuple(tokens.shape)}")
        if self.arch == "mlp":
            onehot = nn.functional.one_hot(tokens, self.V + 1).float().flatten(1)  # (B, N(V+1))
            return self.mlp(onehot).view(-1, self.N, self.V)
        return self.head(self.body(self.tok(tokens) + self.pos))


def random_mask(x: torch.Tensor, mask_id: int, generator: torch.Generator | None = None):
    """Mask each position w.p. r ~ U(0, 1) per row (at least one): returns (inputs, mask)."""
    B, N = x.shape
    r = torch.rand(B, 1, generator=generator)
    m = torch.rand(B, N, generator=generator) < r
    force = torch.randint(0, N, (B,), generator=generator)
    m[torch.arange(B), force] = True
    return torch.where(m, torch.full_like(x, mask_id), x), m


@dataclass
class TokenTask:
    """A token data set: `train` and `held_out` (M, N) long, its tokenizer, V, N, mask_id."""
    name: str
    tokenizer: object
    train: torch.Tensor
    held_out: torch.Tensor
    V: int = field(init=False)
    N: int = field(init=False)

    def __post_init__(self):
        self.V, self.N = self.tokenizer.V, self.tokenizer.N

    @property
    def mask_id(self) -> int:
        return self.V


def make_task(name: str, n_glyphs: int = 3000, seed: int = 0) -> TokenTask:
    """"en", "zh" (corpus phrases) or "glyphs" (k-means patch tokens of 16×16 glyph digits)."""
    if name in ("en", "zh"):
        tok = TextTokenizer(name)
        data = torch.stack([tok.encode(p) for p in load_corpus(name)])
    elif name == "glyphs":
        from .glyphs import glyph_digits
        g = torch.Generator().manual_seed(seed)
        images, _ = glyph_digits(n_glyphs, 16, g)
        tok = GlyphTokenizer(images[:1000], generator=g)
        data = tok.encode(images)
    else:
        raise ValueError(f"name must be one of {TOKEN_SETS}, got {name!r}")
    held = torch.arange(len(data)) % 10 == 9
    return TokenTask(name, tok, data[~held], data[held])


def train_masked_model(task: TokenTask, steps: int = DEFAULT_TRAIN["steps"],
                       batch_size: int = DEFAULT_TRAIN["batch_size"],
                       lr: float = DEFAULT_TRAIN["lr"],
                       *, arch: str = DEFAULT_TRAIN["arch"], layers: int = DEFAULT_TRAIN["layers"],
                       width: int = DEFAULT_TRAIN["width"],
                       seed: int = 0, callback: Callable[[int, float], None] | None = None,
                       should_stop: Callable[[], bool] | None = None,
                       ) -> tuple[MaskedTokenModel, dict]:
    """min E_{x, r, mask} mean_{ℓ masked} −log p_θ(x^ℓ | x_visible) — MaskGIT / MDLM training loss
    (Chang et al. 2022; Sahoo et al. 2024), masking ratio r ~ U(0, 1), Adam, mean over the batch's
    masked positions. Returns (model in eval mode, history with wall and CPU seconds)."""
    for name, v in (("steps", steps), ("batch_size", batch_size)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise ValueError(f"{name} must be an int >= 1, got {name}={v!r}")
    if not isinstance(lr, (int, float)) or not 0 < lr < 1:
        raise ValueError(f"lr must be in (0, 1), got lr={lr!r}")
    g = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    model = MaskedTokenModel(task.V, task.N, layers=layers, arch=arch, width=width)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, lr, total_steps=steps, pct_start=0.1)
    hist = {"step": [], "loss": [], "seconds": 0.0, "cpu_seconds": 0.0}
    t0, c0 = time.perf_counter(), time.process_time()
    model.train()
    for step in range(1, steps + 1):
        x = task.train[torch.randint(0, len(task.train), (batch_size,), generator=g)]
        inp, m = random_mask(x, task.mask_id, g)
        logits = model(inp)
        loss = nn.functional.cross_entropy(logits[m], x[m])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        sched.step()
        if step % 10 == 0 or step == steps:
            hist["step"].append(step)
            hist["loss"].append(float(loss.detach()))
            if callback is not None:
                callback(step, hist["loss"][-1])
        if should_stop is not None and should_stop():
            break
    hist["seconds"] = time.perf_counter() - t0
    hist["cpu_seconds"] = time.process_time() - c0  # CPU time of this process (all threads)
    return model.eval(), hist


@torch.no_grad()
def completion_accuracy(model: Callable, data: torch.Tensor, mask_id: int,
                        skip_token: int | None = 0) -> float:
    """Mask each position of each phrase in turn (all others visible) and predict it by argmax:
    the fraction right. Positions holding `skip_token` (text: <pad>) are not counted."""
    B, N = data.shape
    right = total = 0
    for l in range(N):
        inp = data.clone()
        inp[:, l] = mask_id
        pred = model(inp)[:, l].argmax(-1)
        keep = (data[:, l] != skip_token if skip_token is not None
                else torch.ones(B, dtype=torch.bool))
        right += int((pred == data[:, l])[keep].sum())
        total += int(keep.sum())
    return right / max(total, 1)


# ----------------------------------------------------------------- noise in an embedding space
def word_embedding(V: int, d: int = 8, seed: int = 0) -> torch.Tensor:
    """A fixed random embedding: V unit vectors in R^d (float64), one per token id.

    Diffusion-LM (Li et al. 2022) learns its embedding; a random one is enough to show the
    rounding step: with unit rows, the nearest row to z is argmax_v ⟨z, e_v⟩, so rounding z and
    rounding z/√ᾱ give the same word."""
    for name, v, low in (("V", V, 1), ("d", d, 1)):
        if isinstance(v, bool) or not isinstance(v, int) or v < low:
            raise ValueError(f"{name} must be an int >= {low}, got {name}={v!r}")
    e = torch.randn(V, d, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)
    return e / e.norm(dim=1, keepdim=True)


def embed_noise_round(ids: torch.Tensor, embedding: torch.Tensor, alpha_bar: float,
                      generator: torch.Generator | None = None,
                      ) -> tuple[torch.Tensor, torch.Tensor]:
    """z = √ᾱ e(x_0) + √(1−ᾱ) ε, then round: x̂ = argmin_v ‖z − e_v‖ — Li et al. 2022
    (Diffusion-LM: embed, Gaussian diffusion in R^d, round to the nearest word).

    ids (n,) long; embedding (V, d); returns (z (n, d) float64, x̂ (n,) long)."""
    if not isinstance(ids, torch.Tensor) or ids.dtype != torch.long or ids.ndim != 1:
        raise ValueError(f"ids must be a 1-D long tensor, got {ids!r}")
    if not isinstance(embedding, torch.Tensor) or embedding.ndim != 2:
        raise ValueError(f"embedding must be a (V, d) tensor, got {embedding!r}")
    if bool(((ids < 0) | (ids >= len(embedding))).any()):
        raise ValueError(f"ids must lie in 0..{len(embedding) - 1}, got {ids.tolist()}")
    if isinstance(alpha_bar, bool) or not isinstance(alpha_bar, (int, float)) \
            or not 0 <= alpha_bar <= 1:
        raise ValueError(f"alpha_bar must be a number in [0, 1], got alpha_bar={alpha_bar!r}")
    e = embedding.double()
    eps = torch.randn(len(ids), e.shape[1], generator=generator, dtype=torch.float64)
    z = alpha_bar ** 0.5 * e[ids] + (1 - alpha_bar) ** 0.5 * eps
    return z, torch.cdist(z, e).argmin(1)


def rounding_accuracy(embedding: torch.Tensor, alpha_bars, n: int = 200, seed: int = 0,
                      ) -> list[float]:
    """P(round(√ᾱ e(x) + √(1−ᾱ) ε) = x) at each ᾱ, x uniform over the vocabulary: Monte Carlo,
    n draws per word."""
    V = len(embedding)
    ids = torch.arange(V).repeat(n)
    g = torch.Generator().manual_seed(seed)
    out = []
    for ab in alpha_bars:
        _, hat = embed_noise_round(ids, embedding, float(ab), g)
        out.append(float((hat == ids).double().mean()))
    return out


# ----------------------------------------------------------------- saving (safetensors, no pickle)
MASKED_FORMAT = "ddpm_core.masked_token_model/1"


def masked_model_bytes(model: MaskedTokenModel, task_name: str, tokenizer, meta: dict | None = None,
                       ) -> bytes:
    """The model as safetensors bytes: its weights, the glyph codebook (glyphs) and a JSON header
    (architecture, token set, vocabulary, `meta`). Read back with `load_masked_model_bytes`."""
    import json

    from safetensors.torch import save

    if task_name not in TOKEN_SETS:
        raise ValueError(f"task_name must be one of {TOKEN_SETS}, got {task_name!r}")
    tensors = {f"model.{k}": v.detach().float().contiguous().cpu()
               for k, v in model.state_dict().items()}
    if task_name == "glyphs":
        tensors["codebook"] = tokenizer.codebook.float().contiguous()
    cfg = {"V": model.V, "N": model.N, "arch": model.arch,
           "layers": sum(isinstance(m, nn.Linear) for m in model.mlp) - 1
           if model.arch == "mlp" else len(model.body.layers),
           "width": model.mlp[0].out_features if model.arch == "mlp" else 256,
           "d_model": 64 if model.arch == "mlp" else model.tok.embedding_dim}
    header = {"format": MASKED_FORMAT, "task": task_name, "model": json.dumps(cfg),
              "vocab": json.dumps(getattr(tokenizer, "vocab", None), ensure_ascii=False),
              "meta": json.dumps(meta or {}, ensure_ascii=False)}
    return save(tensors, metadata=header)


@dataclass
class MaskedCheckpoint:
    """A loaded masked-token model: the model (eval, no grad), its task name, tokenizer, meta."""
    model: MaskedTokenModel
    task_name: str
    tokenizer: object
    meta: dict


def load_masked_model_bytes(data: bytes) -> MaskedCheckpoint:
    """Inverse of `masked_model_bytes`; ValueError for anything else (never unpickles)."""
    import json

    from safetensors.torch import load

    if not isinstance(data, (bytes, bytearray)):
        raise ValueError(f"data must be bytes, got {type(data).__name__}")
    try:
        tensors = load(bytes(data))
        n = int.from_bytes(data[:8], "little")  # safetensors: u64 header length, JSON header
        header = json.loads(bytes(data[8:8 + n]).decode("utf-8")).get("__metadata__") or {}
    except Exception as e:  # noqa: BLE001 - safetensors raises its own error types
        raise ValueError(f"data is not a valid safetensors file: {e}") from None
    if header.get("format") != MASKED_FORMAT:
        raise ValueError(f"data is not a masked-token model (format {header.get('format')!r})")
    cfg, name = json.loads(header["model"]), header["task"]
    if name == "glyphs":
        tok = GlyphTokenizer.__new__(GlyphTokenizer)
        tok.codebook = tensors.pop("codebook")
        tok.patch, tok.size = 4, 16
        tok.N, tok.V = (tok.size // tok.patch) ** 2, len(tok.codebook)
        tok.mask_id = tok.V
    elif name in ("en", "zh"):
        tok = TextTokenizer(name)
        if json.loads(header["vocab"]) != tok.vocab:
            raise ValueError(f"data: the model's {name} vocabulary differs from the corpus's")
    else:
        raise ValueError(f"data: unknown token set {name!r}")
    if (tok.V, tok.N) != (cfg["V"], cfg["N"]):
        raise ValueError(f"data: model V, N = {cfg['V']}, {cfg['N']} but the tokenizer has "
                         f"{tok.V}, {tok.N}")
    model = MaskedTokenModel(cfg["V"], cfg["N"], d_model=cfg["d_model"], layers=cfg["layers"],
                             arch=cfg["arch"], width=cfg["width"])
    state = {k[len("model."):]: v for k, v in tensors.items() if k.startswith("model.")}
    try:
        model.load_state_dict(state, strict=True)
    except RuntimeError as e:
        raise ValueError(f"data: weights do not fit the model: {e}") from None
    return MaskedCheckpoint(model.eval().requires_grad_(False), name, tok,
                            json.loads(header["meta"]))


def held_out_accuracy(model, task: TokenTask) -> float:
    """`completion_accuracy` on the task's held-out rows (text: <pad> not counted)."""
    return completion_accuracy(model, task.held_out, task.mask_id,
                               skip_token=None if task.name == "glyphs" else 0)


# Held-out completion accuracy the shipped models must reach (measured: en .64, zh .66,
# glyphs .71 with the default training, seed 0, 1 thread).
ACC_BAR = {"en": 0.55, "zh": 0.55, "glyphs": 0.65}
MASKED_DIR = "masked"  # pretrained/masked/<name>.safetensors


def build_masked(name: str, out: Path, *, seed: int = 0, quick: bool = False, log=print) -> dict:
    """Train the default masked-token model of token set `name` from `seed` and save it to
    out/masked/<name>.safetensors with its held-out accuracy in meta['quality']."""
    task = make_task(name, seed=seed)
    steps = 30 if quick else DEFAULT_TRAIN["steps"]
    model, hist = train_masked_model(task, steps=steps, seed=seed)
    acc = held_out_accuracy(model, task)
    meta = {"task": name, "train_steps": steps, "seed": seed, "seconds": round(hist["seconds"], 2),
            "threads": torch.get_num_threads(), "torch": torch.__version__,
            "train": {k: v for k, v in DEFAULT_TRAIN.items() if k != "steps"},
            "quality": {"held_out_accuracy": acc, "bar": ACC_BAR[name],
                        "held_out": len(task.held_out)},
            "loss": hist["loss"]}
    path = Path(out) / MASKED_DIR / f"{name}.safetensors"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(masked_model_bytes(model, name, task.tokenizer, meta))
    log(f"masked_{name}: {steps} steps in {hist['seconds']:.1f} s, held-out accuracy {acc:.3f}")
    return meta
