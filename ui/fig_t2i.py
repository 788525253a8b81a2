"""Computations and plotly figures of the 'From text to image' page (views/t2i.py): pure
functions of the engine and of arrays, no Streamlit here (FORMULAS.md §p, §m).

The toy is `ddpm_core.latent.default_pipeline()`: PCA of 4000 glyph digits (16×16) as the
decoder, two Gaussians per class in its 16-dim latent as the generator's exact ε*, on the
pipeline's own schedule (linear, T = 1000). The independent checks here rebuild what they
compare against from the definitions (numpy eigh, dense 256×256 Gaussians in pixel space),
not from the code under test.
"""

from __future__ import annotations

import functools
import math
import time

import numpy as np
import torch

from ddpm_core.guidance import LabelledMixture
from ddpm_core.latent import (
    PIPELINE,
    LatentGuidedEps,
    LatentPipeline,
    PCAAutoencoder,
    default_pipeline,
)
from ddpm_core.sampling import sample, sample_progressive
from ui import plot
from ui.fig_objective import log_ticks

# Stable Diffusion v1, as its model card and the LDM paper state them (Rombach et al. 2022;
# CompVis/stable-diffusion README and the v1-4 model card): 512×512 RGB images, an autoencoder
# with downsampling factor f = 8 to a 64×64×4 latent, CLIP ViT-L/14's text encoder (77 tokens
# × 768 features, non-pooled, fed to the UNet by cross-attention), an 860M-parameter UNet and a
# 123M-parameter text encoder.
SD = {"image": (512, 512, 3), "latent": (64, 64, 4), "text": (77, 768), "f": 8,
      "unet_params": "860M", "text_params": "123M"}
PIPELINE_N = PIPELINE["n_data"]  # digits the PCA and the mixture were fitted to
LOSS_TS = (1, 10, 50, 100, 200, 400, 600, 800, 1000)  # t of the gradient-loss chart
TRAJ_SHOWN = 8  # decoded x̂₀ and x_t shown at this many steps of the trajectory


# ------------------------------------------------------------------ the toy and its data
@functools.lru_cache(maxsize=1)
def toy_data() -> tuple[torch.Tensor, torch.Tensor]:
    """The 4000 digits the default pipeline was fitted to (same generator seed, same draw
    order as `build_pipeline`): (N, 1, 16, 16) in [-1, 1] and labels (N,). Read-only."""
    from ddpm_core.data import glyph_digits

    g = torch.Generator().manual_seed(PIPELINE["seed"])
    return glyph_digits(PIPELINE["n_data"], PIPELINE["image_size"], g)


def warm() -> None:
    """What the page needs before its first render: the pipeline (PCA + mixture fit, ~2 s on
    a loaded 2-core CPU) and its data. Called by ui/warmup.py."""
    default_pipeline()
    toy_data()
    data_eigvals()
    loss_curve(LOSS_TS)
    step_cost()


def pca_at(pca: PCAAutoencoder, d: int) -> PCAAutoencoder:
    """The same eigenvectors, keeping the top d (no refit)."""
    return PCAAutoencoder(pca.mean, pca.eigvecs, pca.eigvals, int(d), pca.data_shape)


# ------------------------------------------------------------------ section 1: the pipeline
def trajectories(pipe: LatentPipeline, c: int, scales, steps: int, seed: int) -> list[dict]:
    """Guided DDIM runs in the latent, one chain per scale in `scales`, all from the z_T that
    seed draws (one batch: a scale grid costs about one run), every step: z_t (steps+1, d), the
    decoded x̂₀ = m + U ẑ₀ and the decoded noisy latent √ᾱ_t m + U z_t (the on-plane part of
    x_t), with t — one dict per scale."""
    sc = torch.as_tensor([float(v) for v in scales], dtype=torch.float64)
    model = LatentGuidedEps(pipe.lm, pipe.sched, c, sc)
    g = torch.Generator().manual_seed(seed)
    z_T = torch.randn((1, pipe.pca.d), generator=g).expand(len(sc), -1)  # as text_to_image
    zs, x0s, ts = [], [], []
    for info in sample_progressive(model, pipe.sched, len(sc), sampler="ddim", steps=steps,
                                   x_T=z_T):
        zs.append(info["x_t"].double())
        x0s.append(info["x0_pred"].double())
        ts.append(int(info["t"]))
        last = info["x_prev"].double()
    zs.append(last)
    ts.append(0)
    Z = torch.stack(zs, 1)  # (S, steps+1, d)
    ab = pipe.sched.alpha_bars[torch.tensor(ts)]
    pca = pipe.pca
    noisy = ab.sqrt()[:, None] * pca.mean + Z @ pca.U.T  # (S, steps+1, D)
    x0 = pca.decode(torch.stack(x0s, 1).reshape(-1, pca.d)).reshape(len(sc), len(x0s), -1)
    image = pca.decode(last).clamp(-1, 1)  # (S, 1, 16, 16)
    # the pictures in float32 (what the figures draw; a scale grid of 200 steps is ~7 MB)
    noisy, x0 = noisy.clamp(-1, 1).float(), x0.clamp(-1, 1).float()
    return [{"t": np.array(ts), "z": Z[i].numpy(), "noisy": noisy[i].numpy(),
             "x0": x0[i].numpy(), "image": image[i:i + 1].numpy()} for i in range(len(sc))]


def batches(pipe: LatentPipeline, c: int, scales, steps: int, seed: int, n: int) -> np.ndarray:
    """n guided DDIM samples in the latent per scale, decoded, all scales in one batch from the
    same n draws of z_T: (len(scales), n, 1, 16, 16) in [-1, 1]."""
    S = len(scales)
    sc = torch.as_tensor([float(v) for v in scales], dtype=torch.float64).repeat_interleave(n)
    model = LatentGuidedEps(pipe.lm, pipe.sched, c, sc)
    z_T = torch.randn((n, pipe.pca.d), generator=torch.Generator().manual_seed(1000 + seed))
    z0 = sample(model, pipe.sched, S * n, sampler="ddim", steps=steps, x_T=z_T.repeat(S, 1))
    return pipe.pca.decode(z0).clamp(-1, 1).float().numpy().reshape(S, n, 1, 16, 16)


def lifted_mixture(pipe: LatentPipeline, delta: float = 1e-3) -> LabelledMixture:
    """The latent mixture drawn in pixels: N(m + Uμ_k, UΣ_kUᵀ + δI) — the same model the
    generator uses, but in D = 256 dimensions (for the cost-per-step comparison)."""
    from ddpm_core.data import GaussianMixture2D

    U, m = pipe.pca.U, pipe.pca.mean
    mix = pipe.lm.mix
    means = m + mix.means @ U.T
    covs = U @ mix.covs @ U.T + delta * torch.eye(U.shape[0], dtype=torch.float64)
    covs = (covs + covs.transpose(1, 2)) / 2
    return LabelledMixture(GaussianMixture2D(means, covs, mix.weights), pipe.lm.labels)


@functools.lru_cache(maxsize=1)
def step_cost(reps: int = 15) -> dict:
    """Fastest of `reps` timings (the least disturbed by other load) of one guided ε
    evaluation (one sampler step) in the latent (d = 16) and
    of the same mixture in pixels (D = 256), each on a batch of one; and the multiply-adds of
    the per-component rotation Q_kᵀ(z − m_k), Q_k(·) in each: 2·K·d² against 2·K·D²."""
    pipe = default_pipeline()
    lm_x = lifted_mixture(pipe)
    out = {}
    for name, lm, dim in (("latent", pipe.lm, pipe.pca.d), ("pixel", lm_x, pipe.pca.D)):
        model = LatentGuidedEps(lm, pipe.sched, 3, 3.0)
        v = torch.randn(1, dim, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
        model(v, 500)
        times = []
        for _ in range(reps):
            t0 = time.perf_counter()
            model(v, 500)
            times.append(time.perf_counter() - t0)
        out[name] = float(np.min(times))
        out[f"{name}_madds"] = 2 * lm.mix.weights.shape[0] * dim * dim
    return out


# ------------------------------------------------------------------ section 3: PCA
@functools.lru_cache(maxsize=1)
def data_eigvals() -> np.ndarray:
    """λ_1 ≥ … ≥ λ_D of Cov(x) = (X − m)ᵀ(X − m)/N of the toy's digits, computed here with
    numpy (float64, numpy.linalg.eigh), independently of `PCAAutoencoder.fit`."""
    x, _ = toy_data()
    Xn = x.reshape(x.shape[0], -1).double().numpy()
    Xc = Xn - Xn.mean(0)
    return np.linalg.eigh(Xc.T @ Xc / Xn.shape[0])[0][::-1].copy()


def pca_check(x: torch.Tensor, pca: PCAAutoencoder, d: int) -> dict:
    """The engine's reconstruction error, mean over the data of ‖x − x̂‖², against Σ_{j>d} λ_j
    computed independently (`data_eigvals`); and the identities UᵀU = I, encode(decode(z)) = z,
    Cov(z) = diag(λ_1..λ_d) as max |differences|."""
    p = pca_at(pca, d)
    X = x.reshape(x.shape[0], -1).double()
    z = p.encode(x)
    rec = p.decode(z).reshape(X.shape)
    resid = float(((X - rec) ** 2).sum(1).mean())
    lam = data_eigvals()
    tail = float(lam[d:].sum())
    cov_z = (z - z.mean(0)).T @ (z - z.mean(0)) / z.shape[0]
    eye = torch.eye(d, dtype=torch.float64)
    zz = torch.randn(5, d, generator=torch.Generator().manual_seed(1), dtype=torch.float64)
    return {"resid": resid, "tail": tail, "total": float(lam.sum()),
            "kept": float(lam[:d].sum() / lam.sum()),
            "orth": float((p.U.T @ p.U - eye).abs().max()),
            "roundtrip": float((p.encode(p.decode(zz)) - zz).abs().max()),
            "cov": float((cov_z - torch.diag(p.eigvals[:d])).abs().max())}


def reconstructions(x: torch.Tensor, pca: PCAAutoencoder, d: int, idx: list[int]) -> np.ndarray:
    """The digits x[idx] and their reconstructions m + UUᵀ(x − m) with d components, in two
    rows: (2·len(idx), 1, 16, 16)."""
    xs = x[idx].double()
    rec = pca_at(pca, d).reconstruct(xs).clamp(-1, 1)
    return torch.cat([xs, rec]).numpy()


# ------------------------------------------------------------------ section 4: z vs x
def _chol(S: torch.Tensor, ab: float) -> tuple[torch.Tensor, torch.Tensor]:
    """Cholesky factors L_k of C_k = ᾱ S_k + (1 − ᾱ) I (K, D, D) and log det C_k (K,)."""
    D = S.shape[-1]
    L = torch.linalg.cholesky(ab * S + (1 - ab) * torch.eye(D, dtype=torch.float64))
    return L, 2 * torch.log(torch.diagonal(L, dim1=1, dim2=2)).sum(1)


def _pixel_terms(mu: torch.Tensor, L: torch.Tensor, logdet: torch.Tensor, logw: torch.Tensor,
                 ab: float, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """log π_k N(x; √ᾱ μ_k, C_k) (B, K) and C_k⁻¹(x − √ᾱ μ_k) (B, K, D), dense, from the
    Cholesky factors of C_k = ᾱ S_k + (1 − ᾱ) I — built here from the definition."""
    D = mu.shape[1]
    diff = x[:, None, :] - math.sqrt(ab) * mu[None]  # (B, K, D)
    sol = torch.cholesky_solve(diff.permute(1, 2, 0), L).permute(2, 0, 1)  # (B, K, D)
    logp = logw - 0.5 * ((diff * sol).sum(-1) + logdet + D * math.log(2 * math.pi))
    return logp, sol


@functools.lru_cache(maxsize=16)
def _lifted_factor(t: int) -> tuple:
    """The default pipeline's mixture drawn on the plane, N(m + Uμ_k, UΣ_kUᵀ) — no extra
    noise — and the Cholesky factors of its noised covariances ᾱ_t UΣ_kUᵀ + (1 − ᾱ_t) I."""
    pipe = default_pipeline()
    U, m, mix = pipe.pca.U, pipe.pca.mean, pipe.lm.mix
    ab = float(pipe.sched.alpha_bars[t])
    L, logdet = _chol(U @ mix.covs @ U.T, ab)
    return m + mix.means @ U.T, L, logdet, mix.weights.log(), ab


def pixel_check(x: torch.Tensor, t: int, c: int, s: float) -> tuple[torch.Tensor, torch.Tensor]:
    """For the default pipeline's mixture lifted to pixels (`_lifted_factor`), computed densely
    in D = 256 and independently of `eps_x_from_latent`: the CFG ε̃ = ε*_u + s(ε*_c − ε*_u),
    ε* = √(1 − ᾱ) Σ_k w_k C_k⁻¹(x − √ᾱ μ_k), and ∇_x log p_t(c|x) by autograd of
    log Σ_{k∈c} π_k N_k(x) − log Σ_k π_k N_k(x). Both (B, 256) float64."""
    pipe = default_pipeline()
    mu, L, logdet, logw, ab = _lifted_factor(int(t))
    xx = x.detach().double().clone().requires_grad_(True)
    logp, sol = _pixel_terms(mu, L, logdet, logw, ab, xx)
    member = (pipe.lm.labels == c)[None]
    lp = torch.logsumexp(logp.masked_fill(~member, -math.inf), 1) - torch.logsumexp(logp, 1)
    grad, = torch.autograd.grad(lp.sum(), xx)
    with torch.no_grad():
        w = torch.softmax(logp, 1)
        w_c = torch.softmax(logp.masked_fill(~member, -math.inf), 1)
        k = math.sqrt(1 - ab)
        eps_u = k * (w[..., None] * sol).sum(1)
        eps_c = k * (w_c[..., None] * sol).sum(1)
        return eps_u + s * (eps_c - eps_u), grad


def noisy_data(pipe: LatentPipeline, t: int, n: int, seed: int) -> torch.Tensor:
    """x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε for n real digits x_0 (off the plane too), (n, 256)."""
    x, _ = toy_data()
    g = torch.Generator().manual_seed(seed)
    idx = torch.randperm(x.shape[0], generator=g)[:n]
    x0 = x[idx].reshape(n, -1).double()
    ab = float(pipe.sched.alpha_bars[t])
    return math.sqrt(ab) * x0 + math.sqrt(1 - ab) * torch.randn(x0.shape, generator=g,
                                                                dtype=torch.float64)


def class_gaussians_pixel(reg: float = 1e-3) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """One Gaussian per class fitted to the digits in pixels (mean, Cov + reg·I, share): a
    model whose class information is NOT confined to the PCA plane."""
    x, y = toy_data()
    X = x.reshape(x.shape[0], -1).double()
    mus, covs, ws = [], [], []
    for c in range(10):
        xc = X[y == c]
        mu = xc.mean(0)
        mus.append(mu)
        covs.append((xc - mu).T @ (xc - mu) / xc.shape[0] + reg * torch.eye(X.shape[1],
                                                                            dtype=torch.float64))
        ws.append(xc.shape[0] / X.shape[0])
    return torch.stack(mus), torch.stack(covs), torch.tensor(ws, dtype=torch.float64)


def gradient_loss(pipe: LatentPipeline, ts: list[int], n: int = 200) -> dict:
    """For the per-class pixel Gaussians (`class_gaussians_pixel`): at each t, on n noisy
    digits x_t (seed t), the share ‖(I − UUᵀ)g‖² / ‖g‖² of g = ∇_x log p_t(c|x) (c = each
    point's own label) that a latent classifier cannot see, averaged over the points; and each
    class mean's distance off the plane ‖(I − UUᵀ)(μ_c − m)‖ with its share of ‖μ_c − m‖²."""
    mus, covs, ws = class_gaussians_pixel()
    U, m = pipe.pca.U, pipe.pca.mean
    P = U @ U.T
    x, y = toy_data()
    shares = []
    for t in ts:
        g = torch.Generator().manual_seed(int(t))
        idx = torch.randperm(x.shape[0], generator=g)[:n]
        ab = float(pipe.sched.alpha_bars[int(t)])
        x0 = x[idx].reshape(n, -1).double()
        x_t = math.sqrt(ab) * x0 + math.sqrt(1 - ab) * torch.randn(
            x0.shape, generator=g, dtype=torch.float64)
        x_t.requires_grad_(True)
        L, logdet = _chol(covs, ab)
        logp, _ = _pixel_terms(mus, L, logdet, ws.log(), ab, x_t)
        lp = logp[torch.arange(n), y[idx]] - torch.logsumexp(logp, 1)
        grad, = torch.autograd.grad(lp.sum(), x_t)
        off = grad - grad @ P
        share = (off**2).sum(1) / (grad**2).sum(1).clamp_min(1e-300)
        shares.append(float(share.mean()))
    dm = mus - m
    off_m = dm - dm @ P
    return {"t": np.array(ts), "share": np.array(shares),
            "mean_off": off_m.norm(dim=1).numpy(),
            "mean_share": ((off_m**2).sum(1) / (dm**2).sum(1)).numpy()}


@functools.lru_cache(maxsize=1)
def loss_curve(ts: tuple[int, ...]) -> dict:
    """`gradient_loss` of the default pipeline at ts, once per process (warmed)."""
    return gradient_loss(default_pipeline(), list(ts))


# ------------------------------------------------------------------ figures
def trajectory_figure(traj: dict, idx: list[int], titles: list[str]) -> plot.Figure:
    """Two rows of small images at the chosen steps: the decoded noisy latent √ᾱ_t m + U z_t
    (top) and the decoded prediction x̂₀ = m + U ẑ₀ (bottom)."""
    n = len(idx)
    fig = plot.Figure(rows=2, cols=n, subplot_titles=titles + [""] * n,
                      horizontal_spacing=0.01, vertical_spacing=0.04)
    for r, key in ((1, "noisy"), (2, "x0")):
        for j, i in enumerate(idx, start=1):
            img = (traj[key][i].reshape(16, 16) + 1) / 2
            fig.add_trace(plot.heatmap(z=img, zmin=0, zmax=1, colorscale="gray",
                                       showscale=False, hoverinfo="skip"), row=r, col=j)
            k = (r - 1) * n + j
            fig.update_xaxes(visible=False, constrain="domain", row=r, col=j)
            fig.update_yaxes(visible=False, autorange="reversed", row=r, col=j,
                             scaleanchor=f"x{'' if k == 1 else k}", scaleratio=1)
    for a in fig.layout.get("annotations", []):
        a["font"] = {"size": 11}
    fig.update_layout(height=260, margin={"l": 5, "r": 5, "t": 30, "b": 5},
                      template="plotly_white", uirevision="t2i-traj")
    return fig


def latent_figure(traj: dict, title: str, xlab: str, ylab: str, n_coords: int = 6) -> plot.Figure:
    """The first n_coords latent coordinates z_t[j] along the sampler's steps (t from T to 0)."""
    fig = plot.Figure()
    x = np.arange(len(traj["t"]))
    for j in range(min(n_coords, traj["z"].shape[1])):
        fig.add_trace(plot.scatter(x=x, y=traj["z"][:, j], mode="lines", name=f"z[{j + 1}]",
                                   customdata=traj["t"],
                                   hovertemplate="t = %{customdata}: %{y:.3f}"))
    ticks = np.unique(np.linspace(0, len(x) - 1, min(6, len(x))).round().astype(int))
    fig.update_layout(title=title, height=300, template="plotly_white",
                      margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      xaxis={"title": xlab, "tickvals": ticks.tolist(),
                             "ticktext": [str(traj["t"][i]) for i in ticks]},
                      yaxis={"title": ylab}, legend={"orientation": "h", "y": -0.3})
    return fig


def spectrum_figure(eigvals: np.ndarray, d: int, title: str, kept: str, dropped: str,
                    ylab: str) -> plot.Figure:
    """λ_j (log scale), the kept ones (j ≤ d) and the dropped ones (their sum is the error)."""
    lam = np.maximum(np.asarray(eigvals, np.float64), 1e-12)
    j = np.arange(1, lam.size + 1)
    fig = plot.Figure()
    fig.add_trace(plot.bar(x=j[:d], y=lam[:d], name=kept, marker={"color": "#1f77b4"}))
    fig.add_trace(plot.bar(x=j[d:], y=lam[d:], name=dropped, marker={"color": "#d62728"}))
    fig.update_layout(title=title, height=280, template="plotly_white", bargap=0,
                      margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      xaxis={"title": "j"}, yaxis=log_ticks({"title": ylab}, lam),
                      legend={"orientation": "h", "y": -0.3})
    return fig


def loss_figure(gl: dict, t_sel: int, title: str, ylab: str) -> plot.Figure:
    """The off-plane share of the classifier gradient against t."""
    fig = plot.Figure()
    fig.add_trace(plot.scatter(x=gl["t"], y=100 * gl["share"], mode="lines+markers",
                               name=ylab, line={"color": "#d62728"}))
    fig.add_vline(t_sel, line={"color": "#888", "dash": "dot"}, annotation_text=f"t = {t_sel}")
    fig.update_layout(title=title, height=280, template="plotly_white", showlegend=False,
                      margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      xaxis={"title": "t"}, yaxis={"title": ylab, "rangemode": "tozero"})
    return fig
