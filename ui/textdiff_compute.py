"""The computations behind the 'Diffusion for text' page (views/textdiff.py), in a module so that
their Streamlit cache wrappers are built once per process: defined inside the page script they
were built again on every full rerun of the page (~7 ms of the server's one interpreter per
rerun: each cache decorator hashes its function's source).

The shipped masked-token models (`shipped`, pretrained/masked/), their tasks and tokenizers are
shared read-only by all sessions (st.cache_resource); the page's results are cached per setting
(st.cache_data): the rounding of embedding noise (`rounding_curve`, `rounding_at`,
`embed_demo`), the forward masking and its checks (`forward_demo`, `bayes_by_matrices`,
`forward_mc`), the decoders' steps (`decode_shipped`, `decode_with`), the small table's numbers
(`table_numbers`), the models' held-out accuracy (`quality`) and decode time (`decode_time`).
None of them reads a session's state."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import streamlit as st
import torch

from ddpm_core import masking as M
from ddpm_core import tokens as K

MASKED_DIR = Path(__file__).resolve().parent.parent / "pretrained" / K.MASKED_DIR
T_FWD = 10  # steps of the forward-masking demo: ᾱ_t = 1 − t/10
EMB_DIM = 8
MC_DRAWS = 20_000  # Monte-Carlo draws of the forward check


# ------------------------------------------------------------------ shared, read-only resources
@st.cache_resource(show_spinner=False)
def shipped(name: str) -> K.MaskedCheckpoint | None:
    """pretrained/masked/<name>.safetensors (built by `python -m ddpm_core.pretrain`), shared by
    all sessions: eval mode, no gradients; never train it."""
    path = MASKED_DIR / f"{name}.safetensors"
    if not path.exists():
        return None
    return K.load_masked_model_bytes(path.read_bytes())


@st.cache_resource(show_spinner=False)
def task(name: str) -> K.TokenTask:
    return K.make_task(name)


@st.cache_resource(show_spinner=False)
def tokenizer(name: str) -> K.TextTokenizer:
    return K.TextTokenizer(name)


# ------------------------------------------------------------------ cached computations
@st.cache_data(show_spinner=False, max_entries=8)
def rounding_curve(V: int) -> tuple[list[float], list[float]]:
    grid = [i / 20 for i in range(21)]
    return grid, K.rounding_accuracy(K.word_embedding(V, EMB_DIM), grid, n=100)


@st.cache_data(show_spinner=False, max_entries=256)
def rounding_at(V: int, alpha_bar: float) -> float:
    return K.rounding_accuracy(K.word_embedding(V, EMB_DIM), [alpha_bar], n=100)[0]


@st.cache_data(show_spinner=False, max_entries=64)
def embed_demo(lang_: str, ids: tuple[int, ...], alpha_bar: float, seed: int) -> dict:
    tok = tokenizer(lang_)
    E = K.word_embedding(tok.V, EMB_DIM)
    x = torch.tensor(ids, dtype=torch.long)
    z, hat = K.embed_noise_round(x, E, alpha_bar, torch.Generator().manual_seed(seed))
    # independent rounding: unit rows ⇒ the nearest row is the largest inner product
    zn, En = z.numpy(), E.numpy()
    ind = [int(np.argmax([float(np.dot(zi, e)) for e in En])) for zi in zn]
    dist = np.linalg.norm(zn - En[x.numpy()], axis=1)
    return {"hat": hat.tolist(), "ind": ind, "dist": dist.tolist()}


@st.cache_data(show_spinner=False, max_entries=64)
def forward_demo(ids: tuple[int, ...], mask_id: int, seed: int) -> list[list[int]]:
    """x_t for t = 0..T_FWD with one uniform draw per token (the same seed at every t): a token
    masked at t stays masked later."""
    a = M.mask_survival(T_FWD)
    x0 = torch.tensor([ids], dtype=torch.long)
    return [M.q_mask(x0, s, a, mask_id, torch.Generator().manual_seed(seed))[0].tolist()
            for s in range(T_FWD + 1)]


def bayes_by_matrices(t_: int, V: int = 3) -> float:
    """q(x_{t−1} = [MASK] | x_t = [MASK], x_0 = 0) from the transition matrices Q_s = (1−β_s)I +
    β_s 1e_mᵀ (β_s = 1/(T−s+1)): Bayes' rule on one-hot rows, no survival formula used."""
    m = V
    Qbar = np.eye(V + 1)
    Qs = []
    for s in range(1, T_FWD + 1):
        b = 1.0 / (T_FWD - s + 1)
        Q = (1 - b) * np.eye(V + 1)
        Q[:, m] += b
        Qs.append(Q)
    for Q in Qs[:t_ - 1]:
        Qbar = Qbar @ Q
    x0 = np.eye(V + 1)[0]
    xt = np.eye(V + 1)[m]
    post = (xt @ Qs[t_ - 1].T) * (x0 @ Qbar)  # q(x_t|x_{t−1}) q(x_{t−1}|x_0), over x_{t−1}
    return float(post[m] / post.sum())


@st.cache_data(show_spinner=False, max_entries=64)
def forward_mc(t_: int, seed: int) -> tuple[float, float]:
    a = M.mask_survival(T_FWD)
    x0 = torch.zeros(1, MC_DRAWS, dtype=torch.long)
    xt = M.q_mask(x0, t_, a, 3, torch.Generator().manual_seed(seed + 1))
    return float((xt == 3).double().mean()), float(a[t_])


def _run_decoders(model, N: int, T: int, seed: int, tau: float, batch: int):
    g = torch.Generator().manual_seed(seed)
    mg = list(M.decode_maskgit(model, N, T, g, tau, batch=batch)) if N >= T else None
    mp = list(M.decode_mask_predict(model, N, T, batch=batch))
    return mg, mp


def _steps_to_lists(steps):
    return None if steps is None else [
        {"tokens": s.tokens.tolist(), "probs": s.probs.tolist(), "pred": s.predicted.tolist(),
         "remasked": s.remasked.tolist(),
         "conf": None if s.confidence is None else s.confidence.tolist()} for s in steps]


@st.cache_data(show_spinner=False, max_entries=128)
def decode_shipped(name: str, T: int, seed: int, tau: float, batch: int):
    ck = shipped(name)
    mg, mp = _run_decoders(ck.model, ck.tokenizer.N, T, seed, tau, batch)
    return _steps_to_lists(mg), _steps_to_lists(mp)


def decode_with(ck: K.MaskedCheckpoint, mine: bool, name: str, T: int, seed: int, tau: float,
                batch: int):
    if not mine:
        return decode_shipped(name, T, seed, tau, batch)
    mg, mp = _run_decoders(ck.model, ck.tokenizer.N, T, seed, tau, batch)
    return _steps_to_lists(mg), _steps_to_lists(mp)


@st.cache_data(show_spinner=False, max_entries=8)
def table_numbers(T_max: int) -> dict:
    tb = M.small_table()
    p = np.array(M.SMALL_TABLE)
    p1, p2 = p.sum(1), p.sum(0)
    H = float(-(p * np.log(p)).sum())
    I_hand = float((p * np.log(p / np.outer(p1, p2))).sum())
    xs = torch.tensor([[i, j] for i in range(3) for j in range(3)])
    w = torch.tensor(p.reshape(-1))
    Ts = sorted({1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64, T_max})
    summed = [float((w * tb.nelbo(xs, T)).sum()) for T in Ts]
    averaged = [float((w * tb.nelbo(xs, T, weighting="average")).sum()) for T in Ts]
    fixed = float((w * tb.nelbo_fixed_order(xs, [0, 1])).sum())
    return {"p": p, "p1": p1, "p2": p2, "H": H, "I_hand": I_hand, "I_engine": tb.parallel_error(),
            "Ts": Ts, "summed": summed, "averaged": averaged, "fixed": fixed,
            "cond_err": [tb.parallel_error(torch.tensor([[v, tb.mask_id]])) for v in range(3)]}


@st.cache_data(show_spinner=False, max_entries=8)
def quality(name: str) -> dict:
    ck, tk = shipped(name), task(name)
    acc = K.held_out_accuracy(ck.model, tk)
    skip = None if name == "glyphs" else 0
    mode = torch.mode(tk.train, 0).values
    keep = tk.held_out != skip if skip is not None else torch.ones_like(tk.held_out).bool()
    base = float(((tk.held_out == mode) & keep).sum()) / float(keep.sum())
    return {"acc": acc, "stored": ck.meta["quality"]["held_out_accuracy"],
            "counted": int(keep.sum()),
            "bar": K.ACC_BAR[name], "baseline": base, "n": len(tk.held_out),
            "seconds": ck.meta.get("seconds")}


@st.cache_data(show_spinner=False, max_entries=4)
def decode_time(name: str) -> float:
    """Median wall time (ms) of one 8-step MaskGIT decode of a whole phrase, 5 runs."""
    ck = shipped(name)
    M.decode(M.decode_maskgit(ck.model, ck.tokenizer.N, 8, torch.Generator()))  # warm-up
    times = []
    for r in range(5):
        g = torch.Generator().manual_seed(r)
        t0 = time.perf_counter()
        M.decode(M.decode_maskgit(ck.model, ck.tokenizer.N, 8, g))
        times.append(1000 * (time.perf_counter() - t0))
    return float(np.median(times))
