"""The shipped models of the 'VAE vs diffusion' page (views/vae.py), computed once per setting
for all sessions (st.cache_resource / st.cache_data; read-only) and warmed by ui.warmup:
the VAEs in pretrained/vae/ (safetensors, never unpickled; built by
`python -m ddpm_core.pretrain --only vae`) and samples of the shipped DDPMs (pretrained/); and
the page's two ELBOs on N(0, 1) data, term by term (`ddpm_elbo`, `linear_vae`). They live here,
not in the page script, so that their Streamlit cache wrappers are built once per process
(defined in the page they were built again on every full rerun; none reads a session's
state)."""

from __future__ import annotations

import math

import numpy as np
import streamlit as st
import torch

import ddpm_core
from ddpm_core import vae as V
from ui.engine_cache import schedule_from_key
from ui.models import PRETRAINED_DIR, load_pretrained, pretrained_names

VAE_DIR = PRETRAINED_DIR / "vae"
N_2D, N_IMG = 1000, 32  # samples drawn each way (points / digits)
SHOW_IMG = 32  # digits shown of each
EVAL_N = {"2d": 4000, "digits": 512}  # held-out points for the VAE's ELBO
SEED, TRUTH_SEED, EVAL_SEED = 0, 12345, 7
DIGIT_STEPS = 100  # DDPM steps for digits (DDIM-spaced ancestral, η = 1): see the caption
GREY = 0.5  # a pixel is 'grey' when |x| < GREY (data pixels sit near ±1)


# ------------------------------------------------------------------ cached engine results
def vae_names() -> list[str]:
    have = {p.stem for p in VAE_DIR.glob("*.safetensors")}
    return [n for n in V.VAE_NAMES if n in have]


@st.cache_resource(show_spinner=False)
def load_vae(name: str) -> tuple[V.GaussianVAE, dict]:
    """A shipped VAE (safetensors, never unpickled), loaded once and shared read-only."""
    if name not in vae_names():
        raise ValueError(f"name must be one of {vae_names()}, got name={name!r}")
    return V.load_vae_bytes((VAE_DIR / f"{name}.safetensors").read_bytes())


def _data(name: str, n: int, g: torch.Generator) -> torch.Tensor:
    if name == "digits":
        return ddpm_core.glyph_digits(n, 16, g)[0]
    return ddpm_core.toy_2d(name, n, g)


@st.cache_data(show_spinner=False, max_entries=16)
def vae_eval(name: str) -> dict:
    """The VAE's ELBO on fresh data, split into E_q log p(x|z) and KL, mean ± SE (nats)."""
    vae, meta = load_vae(name)
    kind = "digits" if name == "digits" else "2d"
    g = torch.Generator().manual_seed(EVAL_SEED)
    x = _data(name, EVAL_N[kind], g)
    with torch.no_grad():
        out = vae.elbo_terms(x, g)
    res = {}
    for k in ("recon", "kl", "elbo"):
        v = out[k].double()
        res[k] = float(v.mean())
        res[k + "_se"] = float(v.std() / math.sqrt(v.numel()))
    res.update(n=int(x.shape[0]), D=int(x[0].numel()), d=vae.latent_dim, sigma_x=vae.sigma_x,
               enc_params=sum(p.numel() for p in vae.encoder.parameters()),
               dec_params=sum(p.numel() for p in vae.decoder.parameters()),
               train_seconds=meta.get("train_seconds"), train_steps=meta.get("train_steps"))
    return res


@st.cache_resource(show_spinner=False, max_entries=8)
def ddpm_samples(name: str) -> np.ndarray:
    """Samples of the shipped DDPM `name` with its own schedule (computed once, shared)."""
    ckpt = load_pretrained(name)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        g = torch.Generator().manual_seed(SEED)
        if name == "digits":
            x = ddpm_core.sample(ckpt.model, ckpt.schedule, N_IMG, sampler="ddim",
                                 steps=DIGIT_STEPS, eta=1.0, generator=g)
        else:
            x = ddpm_core.sample(ckpt.model, ckpt.schedule, N_2D, sigma="beta", generator=g)
    finally:
        torch.set_num_threads(threads)
    out = x.cpu().numpy().astype(np.float32)
    out.flags.writeable = False
    return out


@st.cache_data(show_spinner=False, max_entries=32)
def vae_samples(name: str, noise: bool) -> np.ndarray:
    vae, _ = load_vae(name)
    n = N_IMG if name == "digits" else N_2D
    return vae.sample(n, torch.Generator().manual_seed(SEED), decoder_noise=noise).numpy()


@st.cache_data(show_spinner=False, max_entries=32)
def compare(name: str, noise: bool) -> dict:
    """SWD of each to fresh data, the floor (two fresh draws), and the share of grey pixels."""
    a = vae_samples(name, noise)
    b = ddpm_samples(name)
    g = torch.Generator().manual_seed(TRUTH_SEED)
    n = len(a)
    d1, d2 = _data(name, n, g), _data(name, n, g)
    flat = lambda x: torch.tensor(np.asarray(x, np.float32)).reshape(len(x), -1)  # noqa: E731
    out = {"swd_vae": ddpm_core.sliced_wasserstein(flat(a), flat(d1)),
           "swd_ddpm": ddpm_core.sliced_wasserstein(flat(b), flat(d1)),
           "swd_floor": ddpm_core.sliced_wasserstein(flat(d2), flat(d1)),
           "data": d1.numpy()}
    if name == "digits":
        for k, x in (("vae", a), ("ddpm", b), ("data", d1.numpy())):
            out["grey_" + k] = float((np.abs(np.clip(x, -1, 1)) < GREY).mean())
    return out


# ------------------------------------------------------------------ the two ELBOs (section 3)
@st.cache_data(show_spinner=False, max_entries=256)
def ddpm_elbo(cfg: str, x0: float, sigma: str) -> dict:
    """DDPM's ELBO term by term for N(0, 1) data (engine), at x0 and at x0 = 1 (the mean over
    the data: every term is linear in x0², E x0² = 1)."""
    sched = schedule_from_key(cfg)
    r = V.ddpm_gaussian_elbo(sched, torch.tensor([x0, 1.0], dtype=torch.float64), sigma)
    L = r["L"].numpy()
    return {"L_T": float(r["L_T"][0]), "L_0": float(r["L_0"][0]), "mid": float(L[:, 0].sum()),
            "per_t": np.concatenate([[float(r["L_0"][0])], L[2:, 0]]),
            "elbo": float(r["elbo"][0]), "log_px": float(r["log_px"][0]),
            "log_model": float(r["log_p_model"][0]), "gap": float(r["gap"][0]),
            "mean_gap": float(r["gap"][1]), "T": sched.T}


@st.cache_data(show_spinner=False, max_entries=512)
def linear_vae(x: float, w: float, m: float | None, s: float | None) -> dict:
    """The exact linear VAE p(z) = N(0,1), p(x|z) = N(wz, 1 − w²) (so p(x) = N(0, 1), the data):
    its posterior, the ELBO terms at q = N(m, s²) (the posterior when m is None), and the KL
    to the posterior."""
    lin = V.LinearGaussianVAE([[w]], [0.0], math.sqrt(1 - w * w))
    mu, P = lin.posterior([x])
    if m is None:
        m, s2 = float(mu[0, 0]), float(P[0, 0])
    else:
        s2 = s * s
    terms = lin.elbo_terms([x], [m], [s2])
    return {"post_m": float(mu[0, 0]), "post_v": float(P[0, 0]), "m": m, "s2": s2,
            "recon": float(terms["recon"][0]), "kl": float(terms["kl"][0]),
            "elbo": float(terms["elbo"][0]),
            "kl_post": float(lin.kl_to_posterior([x], [m], [s2])[0]),
            "log_px_engine": float(lin.log_px([x])[0])}


def warm() -> None:
    """The VAE page's default data set and its slowest one sampled both ways, once per server
    (ui.warmup's thread, not a session's): the page then renders from the shared caches."""
    have = set(pretrained_names())
    for name in ("moons", "digits"):  # the default, and the slowest (the others: 2-6 s each)
        if name in have and name in vae_names():
            vae_eval(name)
            compare(name, False)
