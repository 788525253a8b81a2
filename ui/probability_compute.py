"""The engine calls behind page 0, 'The probability you need' (views/probability.py), cached, in
a module so that their Streamlit cache wrappers are built once per process: defined inside the
page script they were built again on every full rerun of the page (~3.8 ms of the server's one
interpreter per rerun: each cache decorator hashes its function's source).

What a slider only indexes is computed once per setting (st.cache_data) from
`ddpm_core.probability`: the coin's posterior and evidence (`coin_result`), the triangle's draws
and slice check (`triangle_draws`, `triangle_slice`), the two-coin likelihood and the timed sums
(`two_coin_result`, `coin_timings`), the reparameterization's fixed ε (`grad_eps`), an
importance-sampling run (`importance_run`), and the IWAE gap, exact and Monte Carlo
(`iwae_curve`, `iwae_mc`, `iwae_mc_all`). None reads a session's state."""

from __future__ import annotations

import numpy as np
import streamlit as st
import torch

from ddpm_core import probability as P

TRIANGLE_N, TRIANGLE_HALF, TRIANGLE_DRAWN = 200_000, 0.025, 1500
COIN_TIMED_MAX = 16  # the brute-force sum is run and timed up to this n (2¹⁶ terms)
GRAD_N = 20_000
IS_N = 20_000
IWAE_KS = (1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000)
IWAE_DRAWS = 100_000  # n·K draws per K (n ≥ 200 sets)
SEED = 0


@st.cache_data(show_spinner=False, max_entries=256)
def coin_result(k: int, n: int, a: float, b: float) -> dict:
    post = P.coin_posterior(k, n, a, b)
    theta = np.linspace(5e-4, 1 - 5e-4, 800)
    exact = (P.coin_evidence_fraction(k, n, int(a), int(b))
             if float(a).is_integer() and float(b).is_integer() else None)
    return {"post": post, "theta": theta, "dens": P.coin_densities(theta, k, n, a, b),
            "quad": P.coin_evidence_quadrature(k, n, a, b), "exact": exact}


@st.cache_data(show_spinner=False)
def triangle_draws() -> np.ndarray:
    return P.triangle_sample(TRIANGLE_DRAWN, torch.Generator().manual_seed(SEED))


@st.cache_data(show_spinner=False, max_entries=256)
def triangle_slice(x0: float) -> P.SliceCheck:
    return P.triangle_slice_mc(x0, TRIANGLE_N, TRIANGLE_HALF, torch.Generator().manual_seed(SEED))


@st.cache_data(show_spinner=False)
def coin_timings() -> dict:
    """Best-of-3 seconds of both sums for n = 1..COIN_TIMED_MAX, measured once per server."""
    ns = np.arange(1, COIN_TIMED_MAX + 1)
    tb, tf = zip(*[P.time_two_coin(int(n))[:2] for n in ns])
    return {"n": ns, "brute": np.array(tb), "fact": np.array(tf)}


@st.cache_data(show_spinner=False, max_entries=256)
def two_coin_result(n: int, k: int, p1: float, p2: float, alpha: float) -> dict:
    xs = (np.arange(n) < k).astype(np.int64)  # k heads, then tails: the order does not matter
    fact = P.two_coin_likelihood_factorised(xs, p1, p2, alpha)
    brute = P.two_coin_likelihood_brute(xs, p1, p2, alpha) if n <= COIN_TIMED_MAX else None
    return {"fact": fact, "brute": brute}


@st.cache_data(show_spinner=False)
def grad_eps() -> torch.Tensor:
    return torch.randn(GRAD_N, generator=torch.Generator().manual_seed(SEED), dtype=torch.float64)


@st.cache_data(show_spinner=False, max_entries=256)
def importance_run(a: float, s2: float) -> P.ISRun:
    return P.importance_sampling(a, s2, IS_N, torch.Generator().manual_seed(SEED))


@st.cache_data(show_spinner=False)
def iwae_curve() -> dict:
    """Exact L_K - log p(x) for every K the slider offers (one 1-D quadrature each)."""
    Ks = np.array(IWAE_KS)
    return {"K": Ks, "exact": np.array([P.iwae_gap_exact(int(K)) for K in Ks]),
            "delta": np.array([P.iwae_delta_bias(int(K)) for K in Ks]),
            "rel_var": P.iwae_weight_relative_variance()}


@st.cache_data(show_spinner=False, max_entries=32)
def iwae_mc(K: int) -> P.IWAEBound:
    return P.iwae_bound(K, max(200, IWAE_DRAWS // K), torch.Generator().manual_seed(SEED + K))


@st.cache_data(show_spinner=False)
def iwae_mc_all() -> dict:
    runs = [iwae_mc(int(K)) for K in IWAE_KS]
    return {"gap": np.array([r.L_K - r.log_px for r in runs]), "se": np.array([r.se for r in runs])}
