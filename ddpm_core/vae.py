"""VAE vs diffusion (FORMULAS.md §o): a small Gaussian VAE, the exact linear-Gaussian VAE, and
DDPM as a hierarchical VAE whose ELBO is computed exactly for N(0, 1) data.

- `GaussianVAE` / `train_vae`: q(z|x) = N(μ(x), diag s²(x)), p(z) = N(0, I),
  p(x|z) = N(g(z), σ_x² I) with σ_x a fixed, explicit number (Kingma & Welling 2014). Its ELBO
  is split into the reconstruction term E_q log p(x|z) and the KL term (KW App. B):
  ELBO = −D/2 log 2πσ_x² − E_q‖x − g(z)‖²/(2σ_x²) − ½Σ_j(μ_j² + s_j² − 1 − log s_j²).
  ⚠ an MSE loss is −ELBO only up to the factor 1/(2σ_x²) and constants.
- `LinearGaussianVAE`: g(z) = Wz + b, so log p(x) (x ~ N(b, WWᵀ + σ_x² I)), the posterior
  and the ELBO of any Gaussian q are closed form; ELBO = log p(x) − KL(q ‖ p(z|x)) `[o1]`.
- `ddpm_gaussian_elbo`: DDPM's L = L_T + Σ_{t=2..T} L_{t−1} + L_0 (Ho Eq. (5)) for N(0, 1) data
  and p_θ(x_{t−1}|x_t) = N(√α_t x_t, σ_t²), term by term in closed form: σ_t² = β_t is the
  true reverse process, so −L = log p(x_0) `[o2]`.
Time is the paper's t = 1..T; tables have length T + 1. Everything is in nats; bad input
raises ValueError naming the argument.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import torch
from torch import nn

from .schedule import Schedule

LOG_2PI = math.log(2.0 * math.pi)


def _check_pos(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {name}={value!r}")
    return float(value)


def _check_int(name: str, value, low: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise ValueError(f"{name} must be an integer >= {low}, got {name}={value!r}")
    return value


def _check_data(name: str, x, ndim_min: int = 2) -> torch.Tensor:
    if not isinstance(x, torch.Tensor) or not x.dtype.is_floating_point or x.ndim < ndim_min:
        shape = tuple(x.shape) if isinstance(x, torch.Tensor) else type(x).__name__
        raise ValueError(f"{name} must be a floating (N, ...) tensor, got {shape}")
    if x.shape[0] < 1 or not bool(torch.isfinite(x).all()):
        raise ValueError(f"{name} must be non-empty and finite")
    return x


# ------------------------------------------------------------------ the Gaussian VAE
def gaussian_vae_elbo(x: torch.Tensor, x_rec: torch.Tensor, mu: torch.Tensor,
                      logvar: torch.Tensor, sigma_x: float) -> dict:
    """ELBO = [−D/2 log 2πσ_x² − ‖x − g(z)‖²/(2σ_x²)] − ½Σ(μ² + s² − 1 − log s²) — FORMULAS §o1,
    KW App. B; one z per row (the reconstruction is a one-sample estimate of E_q). Per row, nats:
    {"recon", "kl", "elbo", "sq_err"} (sq_err = ‖x − g(z)‖², what an MSE loss sees)."""
    s_x = _check_pos("sigma_x", sigma_x)
    if x.shape != x_rec.shape:
        raise ValueError(f"x_rec must have the shape of x {tuple(x.shape)}, got "
                         f"{tuple(x_rec.shape)}")
    if mu.shape != logvar.shape or mu.shape[0] != x.shape[0]:
        raise ValueError(f"mu and logvar must both have shape (N, d) with N = {x.shape[0]}, got "
                         f"{tuple(mu.shape)} and {tuple(logvar.shape)}")
    D = x[0].numel()
    sq = (x - x_rec).flatten(1).pow(2).sum(1)
    recon = -0.5 * D * math.log(2 * math.pi * s_x**2) - sq / (2 * s_x**2)
    kl = 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar).sum(1)
    return {"recon": recon, "kl": kl, "elbo": recon - kl, "sq_err": sq}


class GaussianVAE(nn.Module):
    """q(z|x) = N(μ(x), diag s²(x)), p(z) = N(0, I), p(x|z) = N(g(z), σ_x² I) — Kingma & Welling
    2014 §3 / App. C.2; MLP encoder and decoder (SiLU), data of any shape (flattened inside)."""

    def __init__(self, data_shape=(2,), latent_dim: int = 2, hidden: int = 64, depth: int = 2,
                 sigma_x: float = 0.1):
        super().__init__()
        shape = tuple(int(s) for s in (data_shape if isinstance(data_shape, (tuple, list))
                                       else (data_shape,)))
        if not shape or any(s < 1 for s in shape):
            raise ValueError(f"data_shape must be a tuple of sizes >= 1, got {data_shape!r}")
        self.data_shape, self.latent_dim = shape, _check_int("latent_dim", latent_dim)
        self.sigma_x = _check_pos("sigma_x", sigma_x)
        _check_int("hidden", hidden)
        _check_int("depth", depth)
        D = math.prod(shape)

        def mlp(n_in, n_out):
            layers, n = [], n_in
            for _ in range(depth):
                layers += [nn.Linear(n, hidden), nn.SiLU()]
                n = hidden
            return nn.Sequential(*layers, nn.Linear(n, n_out))

        self.encoder, self.decoder = mlp(D, 2 * latent_dim), mlp(latent_dim, D)
        self._cfg = {"data_shape": list(shape), "latent_dim": latent_dim, "hidden": hidden,
                     "depth": depth, "sigma_x": self.sigma_x}

    def config(self) -> dict:
        """The constructor's arguments (JSON-serialisable)."""
        return dict(self._cfg)

    def _check_x(self, x) -> torch.Tensor:
        _check_data("x", x, 1)
        if tuple(x.shape[1:]) != self.data_shape:
            raise ValueError(f"x must have shape (N, {', '.join(map(str, self.data_shape))}), "
                             f"got {tuple(x.shape)}")
        return x

    def encode(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(μ(x), log s²(x)), each (N, d): the encoder q(z|x) = N(μ, diag s²) — KW §3."""
        h = self.encoder(self._check_x(x).flatten(1))
        mu, logvar = h.chunk(2, dim=1)
        return mu, logvar.clamp(-12.0, 8.0)

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        """g(z), the mean of p(x|z), in the data's shape."""
        if not isinstance(z, torch.Tensor) or z.ndim != 2 or z.shape[1] != self.latent_dim:
            raise ValueError(f"z must have shape (N, {self.latent_dim})")
        return self.decoder(z).view(z.shape[0], *self.data_shape)

    @staticmethod
    def reparameterize(mu: torch.Tensor, logvar: torch.Tensor, noise: torch.Tensor) -> torch.Tensor:
        """z = μ + s ⊙ ε, ε ~ N(0, I) — the reparameterisation trick, KW §2.4 (noise explicit)."""
        if noise.shape != mu.shape:
            raise ValueError(f"noise must have the shape of mu {tuple(mu.shape)}, got "
                             f"{tuple(noise.shape)}")
        return mu + (0.5 * logvar).exp() * noise

    def elbo_terms(self, x: torch.Tensor, generator: torch.Generator | None = None) -> dict:
        """ELBO(x) = E_q log p(x|z) − KL(q(z|x) ‖ N(0, I)) per row, one reparameterised z each
        (FORMULAS §o1); also "mu", "logvar", "z", "x_rec"."""
        mu, logvar = self.encode(x)
        eps = torch.randn(mu.shape, generator=generator).to(mu)
        z = self.reparameterize(mu, logvar, eps)
        x_rec = self.decode(z)
        out = gaussian_vae_elbo(x, x_rec, mu, logvar, self.sigma_x)
        out.update(mu=mu, logvar=logvar, z=z, x_rec=x_rec)
        return out

    @torch.no_grad()
    def sample(self, n: int, generator: torch.Generator | None = None, *,
               decoder_noise: bool = False) -> torch.Tensor:
        """x = g(z), z ~ N(0, I): generation from the prior in one decoder step (with
        `decoder_noise`, x = g(z) + σ_x ε: a draw of p(x|z) itself)."""
        _check_int("n", n)
        p = next(self.parameters())
        z = torch.randn(n, self.latent_dim, generator=generator).to(p)
        x = self.decode(z)
        if decoder_noise:
            x = x + self.sigma_x * torch.randn(x.shape, generator=generator).to(x)
        return x

    @torch.no_grad()
    def reconstruct(self, x: torch.Tensor) -> torch.Tensor:
        """g(μ(x)): encode to the posterior mean, decode."""
        return self.decode(self.encode(x)[0])


@dataclass
class VAEHistory:
    """−ELBO = −recon + KL at the logged steps (batch means, nats per example; `recon` is
    E_q log p(x|z), so it is stored with its sign)."""

    steps: list = field(default_factory=list)
    loss: list = field(default_factory=list)
    recon: list = field(default_factory=list)
    kl: list = field(default_factory=list)
    seconds: float = 0.0
    steps_done: int = 0
    stopped: bool = False


# default training for the two data kinds (chosen on the 2-core CPU; see bench.bench_vae).
# 2-D: 1500 Adam steps, lr 1e-2 warmed up over the first 5 % then cosine-decayed to 5 %
# (training.lr_at). It replaced 2000 steps at a constant 3e-3; back to back on the same (loaded)
# machine, seeds 0-2, medians: held-out −ELBO lower (better) by 0.03-0.07 nats on every set
# (moons 2.272 -> 2.242, 8gaussians 2.201 -> 2.134, swiss_roll 2.398 -> 2.332, checkerboard
# 2.685 -> 2.645), the SWD of prior samples to the data over the floor about the same or a little
# worse (moons 2.69 -> 2.72, 8gaussians 1.84 -> 2.08, swiss_roll 2.01 -> 2.09, checkerboard
# 1.91 -> 1.86), at 3/4 of the steps.
VAE_2D = {"latent_dim": 2, "hidden": 64, "depth": 2, "sigma_x": 0.1, "steps": 1500,
          "batch_size": 256, "lr": 1e-2, "warmup": 75, "n_data": 10_000}
VAE_DIGITS = {"latent_dim": 16, "hidden": 256, "depth": 2, "sigma_x": 0.3, "steps": 1500,
              "batch_size": 128, "lr": 2e-3, "warmup": None, "n_data": 4000, "image_size": 16}


def train_vae(vae: GaussianVAE, data: torch.Tensor, steps: int, batch_size: int, lr: float, *,
              generator: torch.Generator | None = None, callback=None, should_stop=None,
              log_every: int = 50, warmup: int | None = None) -> VAEHistory:
    """Adam on −ELBO (FORMULAS §o1; KW Alg. 1, one z per example), batch means in nats.

    `warmup` None: a constant lr; an integer w ≥ 0: linear warm-up over w steps, then cosine
    decay to 5 % of lr at the last step (`training.lr_at`, as DDPM's training).
    `callback(step, loss, recon, kl)` at every logged step; `should_stop()` ends early.
    The data are checked once here, so each step runs the model without re-checking them."""
    from .training import lr_at

    if not isinstance(vae, GaussianVAE):
        raise ValueError(f"vae must be a GaussianVAE, got {type(vae).__name__}")
    vae._check_x(_check_data("data", data))
    _check_int("steps", steps)
    _check_int("batch_size", batch_size)
    _check_int("log_every", log_every)
    if warmup is not None:
        _check_int("warmup", warmup, 0)
    if isinstance(lr, bool) or not isinstance(lr, (int, float)) or not 0 < lr < 1:
        raise ValueError(f"lr must be a number in (0, 1), got lr={lr!r}")
    opt = torch.optim.Adam(vae.parameters(), lr=lr, foreach=True)
    hist, t0, N = VAEHistory(), time.perf_counter(), data.shape[0]
    B, d, s2 = min(batch_size, N), vae.latent_dim, vae.sigma_x**2
    const = -0.5 * math.prod(vae.data_shape) * math.log(2 * math.pi * s2)  # recon's constant
    flat = data.flatten(1)
    acc = torch.zeros(3)
    for step in range(1, steps + 1):
        if warmup is not None:
            for group in opt.param_groups:
                group["lr"] = lr_at(step - 1, steps, lr, warmup)
        x = flat[torch.randint(0, N, (B,), generator=generator)]
        # the terms of gaussian_vae_elbo, on the flat batch (no per-step re-checks)
        mu, logvar = vae.encoder(x).chunk(2, dim=1)
        logvar = logvar.clamp(-12.0, 8.0)
        z = mu + (0.5 * logvar).exp() * torch.randn((B, d), generator=generator)
        sq = (x - vae.decoder(z)).pow(2).sum(1).mean()
        kl = 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar).sum(1).mean()
        loss = sq / (2 * s2) + kl  # −ELBO − const
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        acc += torch.stack((loss.detach(), sq.detach(), kl.detach()))
        hist.steps_done = step
        if step % log_every == 0 or step == steps:
            k = step - (hist.steps[-1] if hist.steps else 0)
            loss_m, sq_m, kl_m = (acc / k).tolist()
            acc.zero_()
            recon = const - sq_m / (2 * s2)
            hist.steps.append(step)
            hist.loss.append(loss_m - const)  # the loss minimised, as −ELBO
            hist.recon.append(recon)
            hist.kl.append(kl_m)
            if callback is not None:
                callback(step, loss_m - const, recon, kl_m)
        if should_stop is not None and should_stop():
            hist.stopped = True
            break
    hist.seconds = time.perf_counter() - t0
    return hist


def default_vae(kind: str = "2d", *, dataset: str = "moons", seed: int = 0,
                steps: int | None = None, callback=None, should_stop=None,
                log_every: int = 50) -> tuple[GaussianVAE, VAEHistory, torch.Tensor]:
    """max ELBO by `train_vae` with the default settings — KW Alg. 1: kind "2d" (on
    `toy_2d(dataset)`, VAE_2D) or "digits" (16×16 glyph digits, VAE_DIGITS). The page's
    'train it yourself' worker runs exactly this (ui.training_job), as does bench.bench_vae.
    Returns (vae, history, training data); history.seconds counts the training steps only."""
    from .data import glyph_digits, toy_2d

    if kind not in ("2d", "digits"):
        raise ValueError(f"kind must be '2d' or 'digits', got kind={kind!r}")
    cfg = dict(VAE_2D if kind == "2d" else VAE_DIGITS)
    if steps is not None:
        cfg["steps"] = _check_int("steps", steps)
    g = torch.Generator().manual_seed(seed)
    if kind == "2d":
        data = toy_2d(dataset, cfg["n_data"], g)
    else:
        data = glyph_digits(cfg["n_data"], cfg["image_size"], g)[0]
    torch.manual_seed(seed)
    vae = GaussianVAE(tuple(data.shape[1:]), cfg["latent_dim"], cfg["hidden"], cfg["depth"],
                      cfg["sigma_x"])
    warmup = cfg["warmup"]
    if warmup is not None:  # the same fraction of a shorter or longer run
        warmup = round(warmup * cfg["steps"] / (VAE_2D if kind == "2d" else VAE_DIGITS)["steps"])
    hist = train_vae(vae, data, cfg["steps"], cfg["batch_size"], cfg["lr"], generator=g,
                     callback=callback, should_stop=should_stop, log_every=log_every,
                     warmup=warmup)
    return vae.eval(), hist, data


# ------------------------------------------------------------------ the exact linear VAE
class LinearGaussianVAE:
    """p(z) = N(0, I_d), p(x|z) = N(Wz + b, σ_x² I_D): x ~ N(b, WWᵀ + σ_x² I) — FORMULAS §o1
    (the ELBO page's model in D, d dimensions). float64; x is (N, D)."""

    def __init__(self, W, b, sigma_x: float):
        self.W = torch.as_tensor(W, dtype=torch.float64)
        if self.W.ndim != 2:
            raise ValueError(f"W must be a (D, d) matrix, got shape {tuple(self.W.shape)}")
        self.D, self.d = self.W.shape
        self.b = torch.as_tensor(b, dtype=torch.float64).reshape(-1)
        if self.b.shape != (self.D,):
            raise ValueError(f"b must have shape ({self.D},), got {tuple(self.b.shape)}")
        if not (bool(torch.isfinite(self.W).all()) and bool(torch.isfinite(self.b).all())):
            raise ValueError("W and b must be finite")
        self.sigma_x = _check_pos("sigma_x", sigma_x)

    def _x(self, x) -> torch.Tensor:
        x = torch.as_tensor(x, dtype=torch.float64)
        x = x.reshape(1, -1) if x.ndim <= 1 else x
        if x.ndim != 2 or x.shape[1] != self.D or not bool(torch.isfinite(x).all()):
            raise ValueError(f"x must be finite with shape (N, {self.D}), got {tuple(x.shape)}")
        return x

    def marginal_cov(self) -> torch.Tensor:
        """Cov(x) = WWᵀ + σ_x² I."""
        return self.W @ self.W.T + self.sigma_x**2 * torch.eye(self.D, dtype=torch.float64)

    def log_px(self, x) -> torch.Tensor:
        """log p(x) = log N(x; b, WWᵀ + σ_x² I): the evidence, z integrated out (FORMULAS §o1)."""
        x = self._x(x)
        L = torch.linalg.cholesky(self.marginal_cov())
        sol = torch.linalg.solve_triangular(L, (x - self.b).T, upper=False)
        return -0.5 * (self.D * LOG_2PI + 2 * L.diagonal().log().sum() + sol.pow(2).sum(0))

    def posterior(self, x) -> tuple[torch.Tensor, torch.Tensor]:
        """p(z|x) = N(Σ Wᵀ(x − b)/σ_x², Σ), Σ = (I + WᵀW/σ_x²)⁻¹: precisions add (Bayes for a
        linear Gaussian). Returns means (N, d) and the (d, d) covariance (the same for every x)."""
        x = self._x(x)
        s2 = self.sigma_x**2
        cov = torch.linalg.inv(torch.eye(self.d, dtype=torch.float64) + self.W.T @ self.W / s2)
        return (x - self.b) @ self.W @ cov / s2, cov

    def _q(self, x, mu, cov):
        x = self._x(x)
        mu = torch.as_tensor(mu, dtype=torch.float64).reshape(-1, self.d).expand(x.shape[0], -1)
        cov = torch.as_tensor(cov, dtype=torch.float64)
        if cov.ndim == 1:  # diagonal variances s_j²
            cov = torch.diag_embed(cov)
        if cov.ndim not in (2, 3) or cov.shape[-2:] != (self.d, self.d):
            raise ValueError(f"cov must be diagonal variances ({self.d},), a ({self.d}, {self.d}) "
                             f"covariance or (N, {self.d}, {self.d}), got {tuple(cov.shape)}")
        if bool((torch.linalg.eigvalsh(cov) <= 0).any()):
            raise ValueError("cov must be positive definite (variances > 0)")
        return x, mu, cov.expand(x.shape[0], self.d, self.d)

    def elbo_terms(self, x, mu, cov) -> dict:
        """ELBO(q) = −D/2 log 2πσ_x² − (‖x − Wμ − b‖² + tr(WΣWᵀ))/(2σ_x²) − KL(N(μ, Σ) ‖ N(0, I))
        for q = N(μ, Σ), Σ diagonal (as variances) or full — FORMULAS §o1 (tr WΣWᵀ = Σ_j s_j²
        ‖W_{:,j}‖² for a diagonal Σ). Per row: {"recon", "kl", "elbo"}, nats."""
        x, mu, cov = self._q(x, mu, cov)
        s2 = self.sigma_x**2
        resid = x - mu @ self.W.T - self.b
        spread = torch.einsum("ij,njk,ik->n", self.W, cov, self.W)  # tr(W Σ Wᵀ)
        sq = resid.pow(2).sum(1) + spread  # E_q‖x − Wz − b‖²
        recon = -0.5 * self.D * math.log(2 * math.pi * s2) - sq / (2 * s2)
        kl = 0.5 * (cov.diagonal(dim1=-2, dim2=-1).sum(-1) + mu.pow(2).sum(1) - self.d
                    - torch.linalg.slogdet(cov)[1])
        return {"recon": recon, "kl": kl, "elbo": recon - kl}

    def elbo(self, x, mu, cov) -> torch.Tensor:
        """ELBO(q) per row (see `elbo_terms`); equals log p(x) iff q = p(z|x)."""
        return self.elbo_terms(x, mu, cov)["elbo"]

    def kl_to_posterior(self, x, mu, cov) -> torch.Tensor:
        """KL(q ‖ p(z|x)) = ½[tr(P⁻¹Σ) + (μ_p − μ)ᵀP⁻¹(μ_p − μ) − d + log det P − log det Σ] for
        q = N(μ, Σ), p(z|x) = N(μ_p, P): the gap log p(x) − ELBO, computed on its own."""
        x, mu, cov = self._q(x, mu, cov)
        mp, P = self.posterior(x)
        Pinv = torch.linalg.inv(P)
        diff = mp - mu
        return 0.5 * (torch.einsum("ij,nji->n", Pinv, cov) + torch.einsum("ni,ij,nj->n", diff,
                      Pinv, diff) - self.d + torch.linalg.slogdet(P)[1]
                      - torch.linalg.slogdet(cov)[1])

    def sample_q(self, mu, cov, n: int, generator: torch.Generator | None = None) -> torch.Tensor:
        """n draws z = μ + Lε of q = N(μ, LLᵀ) (μ one row): the reparameterised sampler."""
        _check_int("n", n)
        _, mu, cov = self._q(torch.zeros(1, self.D), mu, cov)
        eps = torch.randn(n, self.d, generator=generator, dtype=torch.float64)
        return mu[0] + eps @ torch.linalg.cholesky(cov[0]).T


# ------------------------------------------------------------------ DDPM as a hierarchical VAE
def ddpm_gaussian_elbo(sched: Schedule, x0, sigma: str = "beta") -> dict:
    """−L = −(L_T + Σ_{t=2}^T L_{t−1} + L_0), Ho Eq. (5), exactly, for N(0, 1) data and
    p_θ(x_{t−1}|x_t) = N(√α_t x_t, σ_t²) — FORMULAS §o2; σ_t² = β_t is the true reverse process
    of N(0, 1) data, so −L = log p(x_0) = log N(x_0; 0, 1).

    sigma: "beta" or "beta_tilde" (σ_1² = β̃_1 = 0 is degenerate: L_0 then uses σ_1² = β_1).
    x0: a number or a 1-D tensor of values. Returns float64 tensors over x0: "L_T", "L_0",
    "L" (T+1, N) with L[t] = L_{t−1} for t = 2..T (rows 0, 1 zero), "total", "elbo" (= −total),
    "log_px" (log N(x_0; 0, 1), the data's density), "gap" (= log_px − elbo: ≥ 0 on average
    over the data, not at every x_0), "log_p_model" (log p_θ(x_0) = log N(x_0; 0, v_0), the
    model's exact marginal) and "model_gap" (= log p_θ(x_0) − elbo ≥ 0 at every x_0).
    """
    if not isinstance(sched, Schedule):
        raise ValueError(f"sched must be a Schedule, got {type(sched).__name__}")
    if sigma not in ("beta", "beta_tilde"):
        raise ValueError(f"sigma must be 'beta' or 'beta_tilde', got sigma={sigma!r}")
    x = torch.as_tensor(x0, dtype=torch.float64).reshape(-1)
    if x.numel() < 1 or not bool(torch.isfinite(x).all()):
        raise ValueError(f"x0 must be finite numbers, got x0={x0!r}")
    T, ab, al, be = sched.T, sched.alpha_bars, sched.alphas, sched.betas
    var = sched.reverse_variance(sigma).clone()
    var[1] = be[1]  # the decoder's variance (β̃_1 = 0 has no density)

    def kl(m1, v1, m2, v2):
        """KL(N(m1, v1) ‖ N(m2, v2)) = ½[log v2/v1 + (v1 + (m1 − m2)²)/v2 − 1] — FORMULAS §e2."""
        return 0.5 * (torch.log(v2 / v1) + (v1 + (m1 - m2) ** 2) / v2 - 1)

    L_T = kl(ab[T].sqrt() * x, 1 - ab[T], torch.zeros(()), torch.ones((), dtype=torch.float64))
    L = torch.zeros(T + 1, x.numel(), dtype=torch.float64)
    if T >= 2:  # every t = 2..T at once (rows), every x0 (columns)
        # μ̃ − √α_t x_t = c0 x0 + a x_t, a = c_x − √α_t, x_t ~ N(√ᾱ_t x0, 1 − ᾱ_t): E of the square
        c0 = sched.posterior_coef_x0[2:].double()[:, None]
        a = (sched.posterior_coef_xt[2:].double() - al[2:].sqrt())[:, None]
        abt = ab[2:][:, None]
        msq = (c0 + a * abt.sqrt()) ** 2 * x**2 + a**2 * (1 - abt)
        bt, v = sched.beta_tildes[2:].double()[:, None], var[2:][:, None]
        L[2:] = 0.5 * (torch.log(v / bt) + (bt + msq) / v - 1)
    # L_0 = −E log N(x0; √α_1 x_1, σ_1²), x_1 ~ N(√α_1 x0, β_1): residual mean β_1 x0, var α_1 β_1
    L_0 = 0.5 * torch.log(2 * math.pi * var[1]) + (be[1] ** 2 * x**2 + al[1] * be[1]) / (2 * var[1])
    total = L_T + L.sum(0) + L_0
    log_px = -0.5 * (LOG_2PI + x**2)
    # the model's marginal: Var x_T = 1, then Var x_{t−1} = α_t Var x_t + σ_t², unrolled:
    # v_0 = ᾱ_T + Σ_t σ_t² ᾱ_{t−1}
    v0 = ab[T] + (var[1:] * ab[:-1]).sum()
    log_model = -0.5 * (LOG_2PI + torch.log(v0) + x**2 / v0)
    return {"L_T": L_T, "L": L, "L_0": L_0, "total": total, "elbo": -total, "log_px": log_px,
            "gap": log_px + total, "log_p_model": log_model, "model_gap": log_model + total}


# ------------------------------------------------------------------ shipped VAEs (safetensors)
VAE_FORMAT = "ddpm_core.vae"
VAE_NAMES = ("moons", "8gaussians", "swiss_roll", "checkerboard", "digits")  # pretrained/vae/
VAE_SEEDS = {name: 100 + i for i, name in enumerate(VAE_NAMES)}  # one fixed seed per model


def vae_bytes(vae: GaussianVAE, meta: dict | None = None) -> bytes:
    """`vae`'s weights (float32) and config as safetensors bytes: tensors and JSON only."""
    import json

    from safetensors.torch import save as st_save

    if not isinstance(vae, GaussianVAE):
        raise ValueError(f"vae must be a GaussianVAE, got {type(vae).__name__}")
    state = {k: v.detach().float().cpu().contiguous() for k, v in vae.state_dict().items()}
    header = {"format": VAE_FORMAT, "config": vae.config(), "meta": dict(meta or {})}
    return st_save(state, metadata={"config": json.dumps(header, sort_keys=True)})


def load_vae_bytes(data: bytes) -> tuple[GaussianVAE, dict]:
    """(GaussianVAE in eval mode, meta) from `vae_bytes` output; never unpickles. Raises
    ValueError naming what is wrong (not safetensors, not a VAE, tensors of the wrong shape)."""
    import json

    from safetensors.torch import load as st_load

    if not isinstance(data, (bytes, bytearray)) or len(data) < 8:
        raise ValueError("data must be the bytes of a safetensors file")
    n = int.from_bytes(bytes(data[:8]), "little")
    if n <= 0 or n > 1024 * 1024 or 8 + n > len(data):
        raise ValueError("data is not a safetensors file (bad header length)")
    try:
        header = json.loads(bytes(data[8:8 + n]))
        cfg = json.loads(header["__metadata__"]["config"])
        state = st_load(bytes(data))
    except Exception as e:  # noqa: BLE001 - any parse failure is the file's fault
        raise ValueError(f"data is not a ddpm_core VAE file: {str(e).splitlines()[0][:200]}") \
            from None
    if not isinstance(cfg, dict) or cfg.get("format") != VAE_FORMAT \
            or not isinstance(cfg.get("config"), dict):
        raise ValueError(f"data is not a ddpm_core VAE file (format {VAE_FORMAT!r} expected)")
    c = cfg["config"]
    try:
        vae = GaussianVAE(tuple(c["data_shape"]), c["latent_dim"], c["hidden"], c["depth"],
                          c["sigma_x"])
    except (KeyError, TypeError) as e:
        raise ValueError(f"the VAE config is incomplete: {e}") from None
    want = vae.state_dict()
    if set(state) != set(want) or any(state[k].shape != want[k].shape for k in want):
        raise ValueError("the VAE file's tensors do not match its config")
    vae.load_state_dict({k: v.float() for k, v in state.items()})
    return vae.eval().requires_grad_(False), dict(cfg.get("meta") or {})


def build_pretrained_vaes(out, names=VAE_NAMES, *, quick: bool = False, log=print) -> dict:
    """Train `default_vae` for each name (fixed seeds VAE_SEEDS, one torch thread) and save
    `out/<name>.safetensors`; returns {name: meta}. `quick`: 30 steps (a smoke test)."""
    from pathlib import Path

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    metas = {}
    for name in names:
        if name not in VAE_NAMES:
            raise ValueError(f"names must be among {VAE_NAMES}, got {name!r}")
        kind = "digits" if name == "digits" else "2d"
        vae, hist, _ = default_vae(kind, dataset=name if kind == "2d" else "moons",
                                   seed=VAE_SEEDS[name], steps=30 if quick else None)
        cfg = VAE_2D if kind == "2d" else VAE_DIGITS
        meta = {"dataset": name, "kind": kind, "seed": VAE_SEEDS[name],
                "train_steps": hist.steps_done, "batch_size": cfg["batch_size"], "lr": cfg["lr"],
                "n_data": cfg["n_data"], "train_seconds": round(hist.seconds, 2),
                "final_loss": round(hist.loss[-1], 4), "final_recon": round(hist.recon[-1], 4),
                "final_kl": round(hist.kl[-1], 4), "quick": quick,
                "built_by": "python -m ddpm_core.pretrain --only vae",
                "torch": torch.__version__}
        (out / f"{name}.safetensors").write_bytes(vae_bytes(vae, meta))
        log(f"vae {name}: {hist.steps_done} steps in {hist.seconds:.1f} s, "
            f"-ELBO {hist.loss[-1]:.3f}")
        metas[name] = meta
    return metas
