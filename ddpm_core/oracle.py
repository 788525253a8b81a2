"""The exact optimal noise predictor for Gaussian-mixture data: the "perfect network".

If q(x_0) = Σ_k π_k N(μ_k, Σ_k), then q(x_t) = Σ_k π_k N(m_k, C_k) with
m_k = √ᾱ_t μ_k and C_k = ᾱ_t Σ_k + (1-ᾱ_t) I (FORMULAS.md §h). At a fixed t,
L_simple is a least-squares regression of ε on x_t, so the best any network can
do is ε*(x_t, t) = E[ε | x_t] = -√(1-ᾱ_t) ∇log q(x_t). Time is the paper's
t = 0..T (t = 0 gives ε* = 0).
"""

from __future__ import annotations

import torch

from ._util import check_t, check_tensor
from .data import GaussianMixture2D
from .schedule import Schedule


def marginal(mix: GaussianMixture2D, sched: Schedule, t: int) -> GaussianMixture2D:
    """q(x_t) = Σ_k π_k N(√ᾱ_t μ_k, ᾱ_t Σ_k + (1-ᾱ_t) I) as a mixture (t an int)."""
    sched.check_t(t)
    ab = float(sched.alpha_bars[int(t)])
    eye = torch.eye(mix.dim, dtype=torch.float64)
    return GaussianMixture2D(ab**0.5 * mix.means, ab * mix.covs + (1 - ab) * eye, mix.weights)


def _terms(mix: GaussianMixture2D, sched: Schedule, x_t: torch.Tensor, t, *,
           log_w: bool = False):
    """Per sample: responsibilities w_k (B, K) (their logs with `log_w`), C_k^{-1}(x_t - m_k)
    (B, K, d), ᾱ_t (B,)."""
    check_tensor("x_t", x_t)
    if x_t.ndim != 2 or x_t.shape[1] != mix.dim:
        raise ValueError(f"x_t must have shape (B, {mix.dim}), got {tuple(x_t.shape)}")
    check_t(sched, t, x_t)
    B = x_t.shape[0]
    tt = t.cpu().long() if isinstance(t, torch.Tensor) and t.ndim > 0 else torch.full((B,), int(t))
    return terms_at(mix, x_t, sched.alpha_bars[tt], log_w=log_w)


def terms_at(mix: GaussianMixture2D, x_t: torch.Tensor, ab: torch.Tensor, *,
             with_inverse: bool = False, log_w: bool = False):
    """The same at given ᾱ per sample ((B,) float64, any value in (0, 1]: continuous time too).

    C_k depends on ᾱ only, so it is factored once per distinct ᾱ, never per sample. With
    `with_inverse`, also returns tr C_k⁻¹ per sample (B, K).
    """
    x = x_t.detach().to("cpu", torch.float64)
    ab = ab.to(torch.float64).cpu()
    if bool((ab == ab[0]).all()):  # one time for the whole batch: no gather
        uniq, inv = ab[:1], None
    else:
        uniq, inv = torch.unique(ab, return_inverse=True)  # (U,), (B,)
    eye = torch.eye(mix.dim, dtype=torch.float64)
    C = uniq[:, None, None, None] * mix.covs + (1 - uniq)[:, None, None, None] * eye  # (U,K,d,d)
    C_inv = torch.linalg.inv(C)  # small: U·K matrices of d×d
    logdet = torch.linalg.slogdet(C)[1]  # (U, K)
    diff = x[:, None, :] - ab.sqrt()[:, None, None] * mix.means  # x_t - m_k, (B, K, d)
    if inv is None:
        sol = torch.einsum("kij,bkj->bki", C_inv[0], diff)  # C_k^{-1}(x_t - m_k)
        logdet_b = logdet[0].expand(x.shape[0], -1)
    else:
        sol = (C_inv[inv] @ diff.unsqueeze(-1)).squeeze(-1)
        logdet_b = logdet[inv]
    maha = (diff * sol).sum(-1)  # (B, K)
    logw = torch.log(mix.weights) - 0.5 * (maha + logdet_b)  # (2π)^{d/2} cancels in w_k
    # log-sum-exp: no underflow at small t; `log_w` keeps the logs (a class's share far away)
    w = torch.log_softmax(logw, dim=1) if log_w else torch.softmax(logw, dim=1)
    if with_inverse:
        tr = C_inv.diagonal(dim1=-2, dim2=-1).sum(-1)  # (U, K)
        return w, sol, ab, (tr[0].expand(x.shape[0], -1) if inv is None else tr[inv])
    return w, sol, ab


def score(mix: GaussianMixture2D, sched: Schedule, x_t: torch.Tensor, t) -> torch.Tensor:
    """∇_x log q(x_t) = Σ_k w_k C_k^{-1}(m_k - x_t), w_k ∝ π_k N(x_t; m_k, C_k) (float64)."""
    w, sol, _ = _terms(mix, sched, x_t, t)
    return -(w.unsqueeze(-1) * sol).sum(1)


def optimal_eps(mix: GaussianMixture2D, sched: Schedule, x_t: torch.Tensor, t) -> torch.Tensor:
    """ε*(x_t, t) = E[ε | x_t] = -√(1-ᾱ_t) ∇log q(x_t) — the minimiser of L_simple at each t.

    t is an int or a (B,) tensor in 0..T; returned in x_t's dtype and device.
    """
    w, sol, ab = _terms(mix, sched, x_t, t)
    eps = (1 - ab).sqrt()[:, None] * (w.unsqueeze(-1) * sol).sum(1)
    return eps.to(device=x_t.device, dtype=x_t.dtype)


def posterior_mean_x0(mix: GaussianMixture2D, sched: Schedule, x_t: torch.Tensor, t):
    """E[x_0 | x_t] = Σ_k w_k (μ_k + √ᾱ_t Σ_k C_k^{-1}(x_t - m_k)) (Tweedie's formula), float64."""
    w, sol, ab = _terms(mix, sched, x_t, t)
    per = mix.means + ab.sqrt()[:, None, None] * (mix.covs @ sol.unsqueeze(-1)).squeeze(-1)
    return (w.unsqueeze(-1) * per).sum(1)


def posterior_cov_x0(mix: GaussianMixture2D, sched: Schedule, x_t: torch.Tensor, t):
    """Cov(x_0|x_t) = Σ_k w_k (S_k + a_k a_kᵀ) − E[x_0|x_t] E[x_0|x_t]ᵀ, (B, d, d) float64, with
    each component's posterior a_k = μ_k + √ᾱ Σ_k C_k⁻¹(x_t − m_k), S_k = Σ_k − ᾱ Σ_k C_k⁻¹ Σ_k."""
    w, sol, ab = _terms(mix, sched, x_t, t)
    check_t(sched, t, x_t)
    a = mix.means + ab.sqrt()[:, None, None] * (mix.covs @ sol.unsqueeze(-1)).squeeze(-1)
    eye = torch.eye(mix.dim, dtype=torch.float64)
    C_inv = torch.linalg.inv(ab[:, None, None, None] * mix.covs
                             + (1 - ab)[:, None, None, None] * eye)  # (B, K, d, d)
    S = mix.covs - ab[:, None, None, None] * mix.covs @ C_inv @ mix.covs
    second = (w[..., None, None] * (S + a.unsqueeze(-1) @ a.unsqueeze(-2))).sum(1)
    mean = (w.unsqueeze(-1) * a).sum(1)
    return second - mean.unsqueeze(-1) @ mean.unsqueeze(-2)


class OracleEps(torch.nn.Module):
    """The exact ε* as a model: `OracleEps(mix, sched)(x_t, t)`; usable wherever a model is."""

    def __init__(self, mix: GaussianMixture2D, sched: Schedule):
        super().__init__()
        self.mix, self.sched = mix, sched

    @property
    def sample_shape(self) -> tuple:
        return (self.mix.dim,)

    def forward(self, x_t: torch.Tensor, t) -> torch.Tensor:
        if not isinstance(t, torch.Tensor) or t.ndim == 0:
            t = int(t)
        elif t.shape[0] == 1 and x_t.shape[0] != 1:
            t = int(t[0])
        return optimal_eps(self.mix, self.sched, x_t, t)


@torch.no_grad()
def loss_floor(mix: GaussianMixture2D, sched: Schedule, n: int = 4000,
               generator: torch.Generator | None = None) -> torch.Tensor:
    """Per t, the least possible E‖ε - ε_θ‖²/d = 1 - E‖ε*‖²/d = 1 - Γ_t (Monte Carlo, n draws).

    (T+1,) float64, entry 0 is 0. The mean of entries 1..T is the floor of L_simple
    (averaged over coordinates) that no network can beat.
    """
    floor = torch.zeros(sched.T + 1, dtype=torch.float64)
    x0 = mix.sample(n, generator, dtype=torch.float64)
    for t in range(1, sched.T + 1):
        eps = torch.randn(x0.shape, generator=generator, dtype=torch.float64)
        ab = float(sched.alpha_bars[t])
        x_t = ab**0.5 * x0 + (1 - ab) ** 0.5 * eps
        floor[t] = ((eps - optimal_eps(mix, sched, x_t, t)) ** 2).mean()
    return floor


def loss_decomposition(eps: torch.Tensor, eps_hat: torch.Tensor,
                       eps_star: torch.Tensor | None = None) -> dict[str, float]:
    """Split a network's L_simple at one t by the orthogonality of ε − ε* (FORMULAS.md §h).

    With per-draw means over the d coordinates:
    ‖ε−ε̂‖² = ‖ε−ε*‖² + ‖ε*−ε̂‖² + 2(ε−ε*)·(ε*−ε̂) holds draw by draw, and the cross term has
    mean 0 because ε − ε* is orthogonal to every function of x_t. Returns the Monte Carlo
    means: loss (and loss_se) and, given ε*, floor = E‖ε−ε*‖²/d, gap = E‖ε*−ε̂‖²/d,
    gamma = Γ_t = E‖ε*‖²/d and cross (and cross_se), so loss = floor + gap + cross exactly.
    """
    check_tensor("eps", eps)
    check_tensor("eps_hat", eps_hat)
    if eps.ndim != 2 or eps.shape[0] < 2 or eps_hat.shape != eps.shape:
        raise ValueError(f"eps and eps_hat must both have shape (n >= 2, d), got "
                         f"{tuple(eps.shape)} and {tuple(eps_hat.shape)}")
    n = eps.shape[0]
    eps, eps_hat = eps.double(), eps_hat.double()
    loss = ((eps - eps_hat) ** 2).mean(1)
    out = {"loss": float(loss.mean()), "loss_se": float(loss.std() / n**0.5)}
    if eps_star is not None:
        check_tensor("eps_star", eps_star)
        if eps_star.shape != eps.shape:
            raise ValueError(f"eps_star must have shape {tuple(eps.shape)}, "
                             f"got {tuple(eps_star.shape)}")
        eps_star = eps_star.double()
        cross = 2 * ((eps - eps_star) * (eps_star - eps_hat)).mean(1)
        out.update(floor=float(((eps - eps_star) ** 2).mean()),
                   gap=float(((eps_star - eps_hat) ** 2).mean()),
                   gamma=float((eps_star**2).mean()),
                   cross=float(cross.mean()), cross_se=float(cross.std() / n**0.5))
    return out
