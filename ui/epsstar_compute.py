"""The computations behind page 7, 'The exact ε* and a trained network' (views/epsstar.py), in a
module so that their Streamlit cache wrappers are built once per process: defined inside the
page script they were built again on every full rerun of the page (~3.5 ms of the server's one
interpreter per rerun: each cache decorator hashes its function's source).

`floor_curve`: the Monte-Carlo floor E‖ε − ε*‖²/d of the 8-Gaussian mixture per t;
`eps_errors`: a network's per-t loss against ε* (floor, error, Γ_t, the cross term);
`vector_field`: ε̂ (and ε*) on a grid with a cloud of x_t. All are cached by the schedule's
config key and, for a network, by `fingerprint` (the pretrained name or a hash of the student's
weights); the network itself is passed unhashed (`_model`). None reads a session's state."""

from __future__ import annotations

import hashlib

import numpy as np
import streamlit as st
import torch

import ddpm_core
from ui.engine_cache import schedule_from_key
from ui.models import ModelChoice

SEED = 0
MIXTURE = "8gaussians"  # the data set whose ε* the floor section shows
FLOOR_N = 2000  # Monte Carlo draws per t for the loss floor
FLOOR_K = 40  # number of t values at which the floor is estimated
EPS_N = 3000  # Monte Carlo draws of (x_0, ε) per t for the trained model vs ε*
VF_GRID, VF_LIM, VF_CLOUD = 21, 3.0, 1500  # vector field: 21×21 arrows on [-3, 3]², x_t cloud


@st.cache_data(show_spinner=False, max_entries=32)
def floor_curve(cfg: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """E‖ε − ε*‖²/d at up to FLOOR_K values of t (as ddpm_core.loss_floor, on a subset of t),
    and its Monte-Carlo standard error."""
    s = schedule_from_key(cfg)
    mix = ddpm_core.mixture(MIXTURE)
    ts = np.unique(np.round(np.geomspace(1, s.T, min(FLOOR_K, s.T))).astype(int))
    g = torch.Generator().manual_seed(SEED)
    x0 = mix.sample(FLOOR_N, g, dtype=torch.float64)
    vals, ses = [], []
    for step in ts:
        eps = torch.randn(x0.shape, generator=g, dtype=torch.float64)
        x_t = ddpm_core.q_sample(s, x0, int(step), eps)
        per = ((eps - ddpm_core.optimal_eps(mix, s, x_t, int(step))) ** 2).mean(1)  # per draw
        vals.append(float(per.mean()))
        ses.append(float(per.std() / len(per) ** 0.5))
    return ts, np.array(vals), np.array(ses)


def fingerprint(choice: ModelChoice) -> str:
    """A cache key for a model: the pretrained name, or a hash of the student's weights (their
    model changes whenever they retrain it, its key "user" does not)."""
    if not choice.is_user:
        return choice.key
    h = hashlib.sha1()
    for v in choice.model.state_dict().values():
        h.update(v.detach().cpu().contiguous().reshape(-1).view(torch.uint8).numpy().tobytes())
    return "user:" + h.hexdigest()[:20]


def _predict(model: torch.nn.Module, x: torch.Tensor, step: int) -> torch.Tensor:
    """ε̂(x, t) in float64 on the CPU (the network runs in its own dtype and device)."""
    p = next(model.parameters(), None)
    device, dtype = (p.device, p.dtype) if p is not None else ("cpu", torch.float32)
    with torch.inference_mode():
        out = model(x.to(device, dtype), int(step))
    return out.detach().to("cpu", torch.float64)


def _x0(dataset: str, n: int, g: torch.Generator) -> torch.Tensor:
    if dataset in ddpm_core.MIXTURES:
        return ddpm_core.mixture(dataset).sample(n, g, dtype=torch.float64)
    return ddpm_core.toy_2d(dataset, n, g).double()


def _t_grid(T: int) -> np.ndarray:
    """About 30 values of t in 1..T: geometric (small t) and even (large t)."""
    return np.unique(np.round(np.concatenate([np.geomspace(1, T, 18),
                                              np.linspace(1, T, 13)])).astype(int))


@st.cache_data(show_spinner=False, max_entries=16)
def eps_errors(mkey: str, cfg: str, dataset: str, _model: torch.nn.Module) -> dict:
    """Per t of `_t_grid`, with x_0 ~ data, ε ~ N(0, I), x_t = q_sample(x_0, t, ε) (EPS_N draws):
    the model's loss E‖ε − ε̂‖²/d and, for mixtures, the floor E‖ε − ε*‖²/d, the error
    E‖ε* − ε̂‖²/d, Γ_t = E‖ε*‖²/d, and the cross term 2E[(ε − ε*)·(ε* − ε̂)]/d with its standard
    error (every mean is over the same draws, so loss = floor + error + cross exactly)."""
    s = schedule_from_key(cfg)
    ts = _t_grid(s.T)
    exact = dataset in ddpm_core.MIXTURES
    g = torch.Generator().manual_seed(SEED)
    x0 = _x0(dataset, EPS_N, g)
    keys = ("loss", "loss_se", "floor", "gap", "gamma", "cross", "cross_se")
    out: dict = {k: np.full(len(ts), np.nan) for k in keys}
    out["t"], out["exact"], out["finite"] = ts, exact, True
    for i, step in enumerate(ts):
        eps = torch.randn(x0.shape, generator=g, dtype=torch.float64)
        x_t = ddpm_core.q_sample(s, x0, int(step), eps)
        eps_hat = _predict(_model, x_t, int(step))
        if not bool(torch.isfinite(eps_hat).all()):
            out["finite"] = False
            return out
        star = (ddpm_core.optimal_eps(ddpm_core.mixture(dataset), s, x_t, int(step))
                if exact else None)
        for k, v in ddpm_core.loss_decomposition(eps, eps_hat, star).items():
            out[k][i] = v
    return out


@st.cache_data(show_spinner=False, max_entries=128)
def vector_field(mkey: str, cfg: str, dataset: str, step: int, _model: torch.nn.Module) -> dict:
    """ε̂ (and ε* for mixtures) on a VF_GRID² grid over [-VF_LIM, VF_LIM]², and VF_CLOUD draws of
    x_t (the same x_0 and ε at every t, so the cloud moves smoothly with the slider)."""
    s = schedule_from_key(cfg)
    ax = np.linspace(-VF_LIM, VF_LIM, VF_GRID)
    gx, gy = np.meshgrid(ax, ax)
    grid = torch.tensor(np.stack([gx.ravel(), gy.ravel()], 1), dtype=torch.float64)
    g = torch.Generator().manual_seed(SEED)
    x0 = _x0(dataset, VF_CLOUD, g)
    eps = torch.randn(x0.shape, generator=g, dtype=torch.float64)
    x_t = ddpm_core.q_sample(s, x0, step, eps)
    hat, hat_cloud = _predict(_model, grid, step), _predict(_model, x_t, step)
    out = {"grid": grid.numpy(), "cloud": x_t.numpy(), "hat": hat.numpy(),
           "alpha_bar": float(s.alpha_bars[step]),
           "finite": bool(torch.isfinite(hat).all() and torch.isfinite(hat_cloud).all()),
           "loss": float(((eps - hat_cloud) ** 2).mean())}
    if dataset in ddpm_core.MIXTURES:
        mix = ddpm_core.mixture(dataset)
        star_cloud = ddpm_core.optimal_eps(mix, s, x_t, step)
        out["star"] = ddpm_core.optimal_eps(mix, s, grid, step).numpy()
        out["gap"] = float(((star_cloud - hat_cloud) ** 2).mean())
        out["gamma"] = float((star_cloud**2).mean())
    return out
