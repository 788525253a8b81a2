"""Absorbing-state (masking) diffusion and its decoders — FORMULAS.md §n, §o (o3).

Time is the paper's t = 1..T; the survival table `alpha_bars` has length T + 1 with
ᾱ_0 = 1 (entry 0 stands for x_0) and ᾱ_T = 0 (everything masked, so L_T = 0).
Tokens are ints 0..V−1; [MASK] is the extra id `mask_id` (V by default).
- forward (Austin et al. 2021, D3PM absorbing): keep x_0 w.p. ᾱ_t, else [MASK], never back;
- posterior: for x_t = [MASK], [MASK] w.p. (1−ᾱ_{t−1})/(1−ᾱ_t), x_0 w.p. (ᾱ_{t−1}−ᾱ_t)/(1−ᾱ_t);
- NELBO (Sahoo et al. 2024, MDLM, T steps) Σ_t u_t E_q Σ_{ℓ masked} −log p(x^ℓ | visible),
  summed over positions, u_t = (ᾱ_{t−1}−ᾱ_t)/(1−ᾱ_t) (= 1/t for ᾱ_t = 1 − t/T);
- `JointTable`: an enumerable joint p(x^1..x^L) whose exact denoiser p(x^ℓ | visible) is a sum;
- MaskGIT (Chang et al. 2022) and Mask-Predict (Ghazvininejad et al. 2019) decoding, as generators.
A `logprob_fn(tokens (B, N) long) -> (B, N, V) log-probs` is any denoiser; it carries `.mask_id`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import torch


def _check_int(name: str, v, low: int) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or v < low:
        raise ValueError(f"{name} must be an int >= {low}, got {name}={v!r}")
    return v


# ----------------------------------------------------------------- forward process and posterior
def mask_survival(T: int) -> torch.Tensor:
    """ᾱ_t = 1 − t/T, t = 0..T (β_t = 1/(T−t+1)) — FORMULAS.md §n [n1]; float64, length T + 1."""
    T = _check_int("T", T, 1)
    return 1.0 - torch.arange(T + 1, dtype=torch.float64) / T


def _check_alpha_bars(alpha_bars) -> torch.Tensor:
    if not isinstance(alpha_bars, torch.Tensor) or alpha_bars.ndim != 1 or len(alpha_bars) < 2:
        raise ValueError("alpha_bars must be a 1-D tensor of length T + 1 >= 2, got "
                         f"{alpha_bars!r}")
    a = alpha_bars.double()
    if not bool(torch.isfinite(a).all()) or a[0] != 1 or a[-1] != 0 or bool((a[1:] > a[:-1]).any()):
        raise ValueError("alpha_bars must be non-increasing from alpha_bars[0] = 1 to "
                         f"alpha_bars[T] = 0, got {a.tolist()}")
    return a


def unmask_weights(alpha_bars: torch.Tensor) -> torch.Tensor:
    """u_t = (ᾱ_{t−1} − ᾱ_t)/(1 − ᾱ_t) — Sahoo et al. 2024 (MDLM), T-step NELBO weight.

    Entry 0 = 0 (no transition)."""
    a = _check_alpha_bars(alpha_bars)
    u = torch.zeros_like(a)
    u[1:] = (a[:-1] - a[1:]) / (1 - a[1:])  # 1 - ᾱ_t > 0 for t >= 1 (ᾱ_0 = 1 is the only 1)
    return u


def q_mask(x0: torch.Tensor, t: int, alpha_bars: torch.Tensor, mask_id: int,
           generator: torch.Generator | None = None) -> torch.Tensor:
    """q(x_t|x_0): x_0 w.p. ᾱ_t, else [MASK] — Austin et al. 2021 (D3PM absorbing).

    Q̄_t = ᾱ_t I + (1−ᾱ_t) 1e_mᵀ."""
    a = _check_alpha_bars(alpha_bars)
    _check_t(t, len(a) - 1, 0)
    x0 = _check_tokens("x0", x0)
    keep = torch.rand(x0.shape, generator=generator, dtype=torch.float64) < a[t]
    return torch.where(keep, x0, torch.full_like(x0, mask_id))


def q_mask_step(x_prev: torch.Tensor, t: int, alpha_bars: torch.Tensor, mask_id: int,
                generator: torch.Generator | None = None) -> torch.Tensor:
    """q(x_t|x_{t−1}): keep w.p. ᾱ_t/ᾱ_{t−1} = 1 − β_t, else [MASK] — Austin et al. 2021, Q_t.

    [MASK] is absorbing: it stays."""
    a = _check_alpha_bars(alpha_bars)
    _check_t(t, len(a) - 1, 1)
    x_prev = _check_tokens("x_prev", x_prev)
    keep_p = float(a[t] / a[t - 1]) if a[t - 1] > 0 else 0.0
    keep = torch.rand(x_prev.shape, generator=generator, dtype=torch.float64) < keep_p
    return torch.where(keep & (x_prev != mask_id), x_prev, torch.full_like(x_prev, mask_id))


def q_mask_posterior(x_t: torch.Tensor, t: int, alpha_bars: torch.Tensor,
                     mask_id: int) -> torch.Tensor:
    """q(x_{t−1}=[MASK] | x_t, x_0) = (1−ᾱ_{t−1})/(1−ᾱ_t) if x_t = [MASK], else 0 (x_{t−1} = x_0)
    — Austin et al. 2021, q(x_{t−1}|x_t,x_0) ∝ x_t Q_tᵀ ⊙ x_0 Q̄_{t−1}; float64, shape of x_t."""
    a = _check_alpha_bars(alpha_bars)
    _check_t(t, len(a) - 1, 1)
    x_t = _check_tokens("x_t", x_t)
    p_mask = float((1 - a[t - 1]) / (1 - a[t]))  # the rest, (ᾱ_{t−1}−ᾱ_t)/(1−ᾱ_t), is x_0
    zero = torch.zeros(x_t.shape, dtype=torch.float64)
    return torch.where(x_t == mask_id, zero + p_mask, zero)


def _check_t(t, T: int, low: int) -> int:
    if isinstance(t, bool) or not isinstance(t, int) or not low <= t <= T:
        raise ValueError(f"t must be an int in {low}..{T}, got t={t!r}")
    return t


def _check_tokens(name: str, x) -> torch.Tensor:
    if not isinstance(x, torch.Tensor) or x.dtype != torch.long or x.ndim < 1:
        raise ValueError(f"{name} must be a long tensor of token ids with a batch dimension, "
                         f"got {x!r}")
    return x


# ----------------------------------------------------------------- exact small-table denoiser
class JointTable:
    """p(x^1..x^L) on V^L cells; exact denoiser p(x^ℓ | visible) = Σ_{x consistent} p(x) / Σ p
    — FORMULAS.md §n [n2]; enumeration, float64. Callable as a `logprob_fn` (N = L)."""

    def __init__(self, probs, labels: list[str] | None = None):
        p = torch.as_tensor(probs, dtype=torch.float64)
        if p.ndim < 1 or len(set(p.shape)) != 1 or p.shape[0] < 2 or p.numel() > 200_000:
            raise ValueError(f"probs must be a (V, ..., V) table with V >= 2 and at most 200,000 "
                             f"cells, got shape {tuple(p.shape)}")
        if not bool(torch.isfinite(p).all()) or bool((p < 0).any()) \
                or abs(float(p.sum()) - 1) > 1e-9:
            raise ValueError("probs must be finite, >= 0 and sum to 1")
        self.p, self.L, self.V = p, p.ndim, p.shape[0]
        self.mask_id = self.V
        self.labels = labels
        # every cell as an (V^L, L) array of token ids, in the table's row-major order
        self.cells = torch.tensor(list(itertools.product(range(self.V), repeat=self.L)))
        self.flat = p.reshape(-1)

    def log_prob(self, x: torch.Tensor) -> torch.Tensor:
        """log p(x) for x (B, L) long."""
        return self.flat[self._index(x)].log()

    def _index(self, x: torch.Tensor) -> torch.Tensor:
        x = _check_tokens("x", x)
        if x.shape[-1] != self.L or bool(((x < 0) | (x >= self.V)).any()):
            raise ValueError(f"x must be (B, {self.L}) tokens in 0..{self.V - 1}, got {x.tolist()}")
        w = self.V ** torch.arange(self.L - 1, -1, -1)
        return (x * w).sum(-1)

    def marginal(self, l: int) -> torch.Tensor:
        """p_ℓ(x^ℓ) = Σ over the other positions."""
        return self.p.sum(dim=[d for d in range(self.L) if d != l])

    def entropy(self) -> float:
        """H(X) = −Σ p log p (nats)."""
        q = self.flat[self.flat > 0]
        return float(-(q * q.log()).sum())

    def total_correlation(self) -> float:
        """KL(p ‖ Π_ℓ p_ℓ) = Σ_ℓ H(X^ℓ) − H(X); the mutual information I(X¹;X²) when L = 2."""
        hs = 0.0
        for l in range(self.L):
            m = self.marginal(l)
            m = m[m > 0]
            hs += float(-(m * m.log()).sum())
        return hs - self.entropy()

    def pmi(self, x: torch.Tensor) -> torch.Tensor:
        """PMI(x) = log p(x) − Σ_ℓ log p_ℓ(x^ℓ)."""
        out = self.log_prob(x)
        for l in range(self.L):
            out = out - self.marginal(l)[x[:, l]].log()
        return out

    def __call__(self, tokens: torch.Tensor) -> torch.Tensor:
        """log p(x^ℓ = v | visible tokens of `tokens`) (B, L, V); at a visible ℓ, a point mass."""
        tokens = _check_tokens("tokens", tokens)
        if tokens.ndim != 2 or tokens.shape[1] != self.L:
            raise ValueError(f"tokens must be (B, {self.L}), got {tuple(tokens.shape)}")
        vis = tokens != self.mask_id  # (B, L)
        agree = (self.cells[None] == tokens[:, None]) | ~vis[:, None]  # (B, V^L, L)
        w = self.flat[None] * agree.all(-1)  # (B, V^L): p(x) on the cells consistent with it
        onehot = torch.nn.functional.one_hot(self.cells, self.V).double()  # (V^L, L, V)
        if bool((w.sum(-1) == 0).any()):
            raise ValueError("tokens: the visible tokens of a row have probability 0 in the table")
        num = torch.einsum("bc,clv->blv", w, onehot)
        with torch.no_grad():
            return num.log() - w.sum(-1)[:, None, None].log()

    def nelbo(self, x: torch.Tensor, T: int, alpha_bars: torch.Tensor | None = None,
              weighting: str = "sum") -> torch.Tensor:
        """NELBO(x) = Σ_t u_t E_{z_t~q(z_t|x)} Σ_{ℓ masked} −log p(x^ℓ | visible(z_t)), L_T = 0
        — Sahoo et al. 2024 (MDLM) with T steps; FORMULAS.md §n [n2]. Exact: all 2^L masks.

        weighting="average" divides each pattern's sum by its masked count (the ⚠ pitfall)."""
        a = mask_survival(T) if alpha_bars is None else _check_alpha_bars(alpha_bars)
        if alpha_bars is not None and len(a) != _check_int("T", T, 1) + 1:
            raise ValueError(f"alpha_bars must have length T + 1 = {T + 1}, got {len(a)}")
        if weighting not in ("sum", "average"):
            raise ValueError(f"weighting must be 'sum' or 'average', got {weighting!r}")
        u = unmask_weights(a)
        x = _check_tokens("x", x)
        self._index(x)
        out = torch.zeros(x.shape[0], dtype=torch.float64)
        for pattern in itertools.product([False, True], repeat=self.L):
            m = torch.tensor(pattern)
            k = int(m.sum())
            if k == 0:
                continue
            z = torch.where(m, torch.full_like(x, self.mask_id), x)
            nll = -self(z).gather(-1, x[..., None])[..., 0]  # (B, L)
            loss = (nll * m).sum(-1) / (k if weighting == "average" else 1)
            # P(pattern at t) = (1−ᾱ_t)^k ᾱ_t^(L−k), summed over t with weights u_t
            w = float((u[1:] * (1 - a[1:]) ** k * a[1:] ** (self.L - k)).sum())
            out += w * loss
        return out

    def nelbo_fixed_order(self, x: torch.Tensor, order: list[int]) -> torch.Tensor:
        """−ELBO of one token per step in a fixed order (T = L): Σ_k −log p(x^{o_k} | x^{o_<k})
        — FORMULAS.md §o [o3]; exact denoiser ⇒ = −log p(x). `order` = the unmasking order."""
        if sorted(order) != list(range(self.L)):
            raise ValueError(f"order must be a permutation of 0..{self.L - 1}, got {order!r}")
        x = _check_tokens("x", x)
        self._index(x)
        z = torch.full_like(x, self.mask_id)
        out = torch.zeros(x.shape[0], dtype=torch.float64)
        for l in order:  # reverse step: reveal position l given the ones revealed before it
            out -= self(z)[:, l].gather(-1, x[:, l:l + 1])[:, 0]
            z[:, l] = x[:, l]
        return out

    def parallel_error(self, tokens: torch.Tensor | None = None) -> float:
        """KL(p(x_M | x_vis) ‖ Π_{ℓ∈M} p(x^ℓ | x_vis)) — FORMULAS.md §n [n5]; by enumeration.

        The error of unmasking all masked positions M of `tokens` (1, L) in one step (default:
        all-[MASK])."""
        z = (torch.full((1, self.L), self.mask_id) if tokens is None
             else _check_tokens("tokens", tokens))
        if z.shape != (1, self.L):
            raise ValueError(f"tokens must be (1, {self.L}), got {tuple(z.shape)}")
        logc = self(z)[0]  # (L, V): each position's conditional given the visible tokens
        vis = z[0] != self.mask_id
        agree = ((self.cells == z[0]) | ~vis).all(-1)
        cond = self.flat * agree / (self.flat * agree).sum()  # p(x | visible), on all cells
        logq = sum(logc[l][self.cells[:, l]] for l in range(self.L) if not vis[l])
        keep = cond > 0
        if not isinstance(logq, torch.Tensor):  # nothing masked: no error
            return 0.0
        return float((cond[keep] * (cond[keep].log() - logq[keep])).sum())


# A vocabulary-3, length-2 table (cells in percent) whose numbers are the formula sheet's:
# H = 1.8812 nats, I(X¹;X²) = 0.3087 nats, continuous-time averaged weighting (3H − I)/4 = 1.334.
SMALL_TABLE = [[0.26, 0.03, 0.04],
               [0.03, 0.26, 0.08],
               [0.04, 0.08, 0.18]]


def small_table() -> JointTable:
    """The vocabulary-3, length-2 table of FORMULAS.md §n (H = 1.88, I = 0.3087 nats)."""
    return JointTable(SMALL_TABLE, labels=["a", "b", "c"])


# ----------------------------------------------------------------- decoding schedules
def maskgit_schedule(N: int, T: int) -> list[int]:
    """#masked after step t = 0..T−2: max(1, min(#masked − 1, ⌊N cos(π(t+1)/(2T))⌋)); last step 0
    — Chang et al. 2022 (MaskGIT), official decode; FORMULAS.md §n [n3]."""
    N, T = _check_int("N", N, 1), _check_int("T", T, 1)
    if N < T:
        raise ValueError(f"N must be >= T for MaskGIT (each step reveals at least one token), "
                         f"got N={N}, T={T}")
    out, masked = [], N
    for t in range(T - 1):
        gamma = math.cos(math.pi / 2 * (t + 1) / T)
        masked = max(1, min(masked - 1, math.floor(N * gamma)))
        out.append(masked)
    return out + [0]


def mask_predict_counts(N: int, T: int) -> list[int]:
    """n_t = ⌊N (T − t)/T⌋ re-masked at iterations t = 1..T−1, in integers — Ghazvininejad et al.
    2019 (Mask-Predict), fairseq cmlm; FORMULAS.md §n [n4]."""
    N, T = _check_int("N", N, 1), _check_int("T", T, 1)
    return [N * (T - t) // T for t in range(1, T)]  # int(N*(1-t/T)) gives 0 at N = T = 5, t = 4


# ----------------------------------------------------------------- decoders
@dataclass
class DecodeStep:
    """One decoding step: tokens after it (B, N) with [MASK] where still masked, `masked` (B, N),
    `probs` (B, N) the probability each current token had when it was predicted, `predicted`
    (B, N) the prediction before re-masking, `remasked` (B, N) the positions masked again;
    MaskGIT only: `confidence` (B, N) the score it ranked by (+inf for tokens fixed earlier)."""
    step: int
    tokens: torch.Tensor
    masked: torch.Tensor
    probs: torch.Tensor
    predicted: torch.Tensor
    remasked: torch.Tensor
    confidence: torch.Tensor | None = None


def _setup(logprob_fn, N, T, mask_id, batch):
    N, T, batch = _check_int("N", N, 1), _check_int("T", T, 1), _check_int("batch", batch, 1)
    if not callable(logprob_fn):
        raise ValueError(f"logprob_fn must be callable, got {logprob_fn!r}")
    mask_id = getattr(logprob_fn, "mask_id", None) if mask_id is None else mask_id
    if isinstance(mask_id, bool) or not isinstance(mask_id, int) or mask_id < 0:
        raise ValueError(f"mask_id must be an int >= 0 (or logprob_fn.mask_id), got {mask_id!r}")
    return N, T, mask_id, torch.full((batch, N), mask_id, dtype=torch.long)


@torch.no_grad()
def _logprobs(logprob_fn, tokens, mask_id):
    lp = logprob_fn(tokens)
    if not isinstance(lp, torch.Tensor) or lp.shape[:2] != tokens.shape or lp.ndim != 3:
        raise ValueError(f"logprob_fn must return (B, N, V) log-probs, got "
                         f"{getattr(lp, 'shape', lp)!r}")
    return lp.double().log_softmax(-1)  # renormalise (a model's logits are fine too)


def decode_maskgit(logprob_fn: Callable, N: int, T: int, generator: torch.Generator | None,
                   temperature: float = 4.5, *, mask_id: int | None = None,
                   batch: int = 1) -> Iterator[DecodeStep]:
    """Step t = 0..T−1: sample every masked token; confidence log p(sampled) + τ(1 − (t+1)/T)·Gumbel
    (fixed tokens +∞); re-mask the lowest to `maskgit_schedule` — Chang et al. 2022, official
    decode."""
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float)) \
            or not math.isfinite(temperature) or temperature < 0:
        raise ValueError(f"temperature must be a finite number >= 0, got {temperature!r}")
    N, T, mask_id, tokens = _setup(logprob_fn, N, T, mask_id, batch)
    counts = maskgit_schedule(N, T)
    probs = torch.ones(batch, N, dtype=torch.float64)
    for t in range(T):
        masked = tokens == mask_id
        lp = _logprobs(logprob_fn, tokens, mask_id)  # (B, N, V)
        B, _, V = lp.shape
        sampled = torch.multinomial(lp.exp().reshape(-1, V).float(), 1, generator=generator)
        sampled = torch.where(masked, sampled.view(B, N), tokens)
        logp = lp.gather(-1, sampled[..., None])[..., 0]
        probs = torch.where(masked, logp.exp(), probs)
        u = torch.rand(B, N, generator=generator, dtype=torch.float64).clamp(1e-20, 1 - 1e-16)
        conf = logp + temperature * (1 - (t + 1) / T) * -torch.log(-torch.log(u))
        conf = torch.where(masked, conf, math.inf)  # fixed tokens are never re-masked
        remask = torch.zeros(B, N, dtype=torch.bool)
        if counts[t] > 0:
            remask.scatter_(1, conf.topk(counts[t], dim=1, largest=False).indices, True)
        new = torch.where(remask, torch.full_like(sampled, mask_id), sampled)
        yield DecodeStep(t, new, remask, probs.clone(), sampled, remask, conf)
        tokens = new


def decode_mask_predict(logprob_fn: Callable, N: int, T: int, *, mask_id: int | None = None,
                        batch: int = 1) -> Iterator[DecodeStep]:
    """Iteration 0 predicts all N by argmax; t = 1..T−1 re-masks the n_t lowest-probability tokens
    among all N and predicts those again (others keep their probability) — Ghazvininejad et al.
    2019."""
    N, T, mask_id, tokens = _setup(logprob_fn, N, T, mask_id, batch)
    counts = [N] + mask_predict_counts(N, T)
    probs = torch.zeros(batch, N, dtype=torch.float64)
    for t in range(T):
        remask = torch.zeros(batch, N, dtype=torch.bool)
        if counts[t] > 0:
            remask.scatter_(1, probs.topk(counts[t], dim=1, largest=False).indices, True)
        tokens = torch.where(remask, torch.full_like(tokens, mask_id), tokens)
        best, arg = _logprobs(logprob_fn, tokens, mask_id).max(-1)
        tokens = torch.where(remask, arg, tokens)
        probs = torch.where(remask, best.exp(), probs)
        yield DecodeStep(t, tokens.clone(), torch.zeros_like(remask), probs.clone(),
                         tokens.clone(), remask)


def decode(steps: Iterator[DecodeStep]) -> torch.Tensor:
    """Run a decoder to the end and return its final tokens (B, N)."""
    last = None
    for step in steps:
        last = step
    return last.tokens
