"""ε-prediction networks: `model(x_t, t) -> eps_pred`, t the paper's step 1..T.

`MLP2D` for 2-D point data, `TinyUNet` for 1-channel images up to 32×32. Both
take t as an int (one step for the whole batch, the sampler's case: the time
embedding is then computed once and broadcast) or a (B,) integer tensor.
`model.config()` describes the network; `build_model(config)` rebuilds it.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

MODEL_KINDS = ("mlp2d", "tiny_unet")
# ReLU is the default for the 2-D MLP: on a 2-core AVX2 CPU it costs a sixth of SiLU
# (transcendentals are slow there), and the samples are as sharp (see ddpm_core.bench).
ACTIVATIONS = {"relu": F.relu, "silu": F.silu, "gelu": F.gelu}


def timestep_embedding(t: torch.Tensor, dim: int) -> torch.Tensor:
    """Sinusoidal embedding [sin(tω_i), cos(tω_i)], ω_i = 10000^{-2i/dim} — Vaswani et al. 2017."""
    half = dim // 2
    freqs = torch.exp(
        -math.log(10000.0) * torch.arange(half, device=t.device, dtype=torch.float32) / half
    )
    args = t.float().reshape(-1, 1) * freqs  # (B, half)
    return torch.cat([torch.sin(args), torch.cos(args)], dim=1)  # (B, dim)


def _as_time(t, batch: int, device: torch.device) -> torch.Tensor:
    """t as a (1,) tensor when it is one step for all rows, else the (B,) tensor itself."""
    if isinstance(t, torch.Tensor):
        t = t.to(device)
        if t.ndim == 0:
            return t.reshape(1)
        if t.ndim != 1 or t.shape[0] not in (1, batch):
            raise ValueError(
                f"t must be an int or a (B,) tensor with B={batch}, got {tuple(t.shape)}"
            )
        return t
    return torch.tensor([int(t)], device=device)


def _as_label(model, y, x: torch.Tensor) -> torch.Tensor | None:
    """y as a (B,) or (1,) long tensor in 0..C (C = "no class"); None for an unconditional model."""
    num = getattr(model, "num_classes", 0)
    if not num:
        if y is not None:
            raise ValueError("y is given, but the model is not class-conditional (num_classes=0)")
        return None
    if y is None:
        return torch.tensor([num], device=x.device)
    yy = torch.as_tensor(y, device=x.device).long().reshape(-1)
    if yy.shape[0] not in (1, x.shape[0]):
        raise ValueError(f"y must be an int or a (B,) tensor with B={x.shape[0]}, got "
                         f"{tuple(yy.shape)}")
    if bool((yy < 0).any()) or bool((yy > num).any()):
        raise ValueError(f"y must be a class in 0..{num - 1} (or {num}: no class), got "
                         f"{yy.tolist()[:8]}")
    return yy


def _check_input(x: torch.Tensor, tail: tuple, name: str = "x_t") -> None:
    if not isinstance(x, torch.Tensor) or x.ndim != len(tail) + 1:
        shape = tuple(x.shape) if isinstance(x, torch.Tensor) else type(x).__name__
        raise ValueError(f"{name} must have shape (B, {', '.join(map(str, tail))}), got {shape}")
    for got, want in zip(x.shape[1:], tail):
        if want is not None and got != want:
            raise ValueError(f"{name} must have shape (B, {tail}), got {tuple(x.shape)}")


def fourier_features(x: torch.Tensor, octaves: int) -> torch.Tensor:
    """[x, sin(ω_k x), cos(ω_k x)] for ω_k = 2^k·π/2, k < octaves: (B, d) -> (B, d(1 + 2·octaves)).

    Uses the double-angle recurrence sin 2a = 2 sin a cos a, cos 2a = 1 - 2 sin² a, so only
    the first octave calls sin and cos (transcendentals are slow on a CPU).
    """
    feats = [x]
    if octaves:
        a = x * (math.pi / 2)
        s, c = torch.sin(a), torch.cos(a)
        feats += [s, c]
        for _ in range(octaves - 1):
            s, c = 2 * s * c, 1 - 2 * s * s
            feats += [s, c]
    return torch.cat(feats, dim=1)


class MLP2D(nn.Module):
    """ε_θ(x_t, t) for 2-D points: an MLP on Fourier features of x_t with t in every layer.

    h_1 = act(W_x φ(x_t) + W_t^{(1)} e(t) + b_1),  h_l = act(W_l h_{l-1} + W_t^{(l)} e(t) + b_l),
    ε̂ = W_out h_depth + b_out, where φ(x) = [x, sin(2^k π x/2), cos(2^k π x/2)]_{k<fourier} and
    e(t) is the sinusoidal time embedding. The Fourier features let a small ReLU net draw sharp
    edges (checkerboard); the per-layer time rows let it switch from smooth (large t) to sharp
    (small t). For a single t the rows W_t^{(l)} e(t) + b_l are computed once per sampling step.
    """

    def __init__(self, width: int = 128, depth: int = 3, emb_dim: int = 32, dim: int = 2,
                 act: str = "relu", fourier: int = 4, num_classes: int = 0):
        super().__init__()
        if act not in ACTIVATIONS:
            raise ValueError(f"act must be one of {tuple(ACTIVATIONS)}, got act={act!r}")
        for name, v, lo in (("width", width, 1), ("depth", depth, 1), ("emb_dim", emb_dim, 2),
                            ("dim", dim, 1), ("fourier", fourier, 0),
                            ("num_classes", num_classes, 0)):
            if isinstance(v, bool) or not isinstance(v, int) or v < lo:
                raise ValueError(f"{name} must be an integer >= {lo}, got {name}={v!r}")
        if emb_dim % 2:
            raise ValueError(f"emb_dim must be even, got emb_dim={emb_dim}")
        if fourier > 12:
            raise ValueError(f"fourier must be at most 12 octaves, got fourier={fourier}")
        self.width, self.depth, self.emb_dim, self.dim = width, depth, emb_dim, dim
        self.act, self.fourier = act, fourier
        self._act = ACTIVATIONS[act]
        self.inp_x = nn.Linear(dim * (1 + 2 * fourier), width)
        self.inp_t = nn.Linear(emb_dim, width * depth, bias=False)  # one time row per layer
        self.hidden = nn.ModuleList(nn.Linear(width, width) for _ in range(depth - 1))
        self.out = nn.Linear(width, dim)
        # class-conditional: one row per layer for each class and for "no class" (index C),
        # the null label of classifier-free guidance (Ho & Salimans 2022)
        self.num_classes = num_classes
        if num_classes:
            self.class_rows = nn.Embedding(num_classes + 1, width * depth)

    @property
    def sample_shape(self) -> tuple:
        return (self.dim,)

    def config(self) -> dict:
        cfg = {"kind": "mlp2d", "width": self.width, "depth": self.depth,
               "emb_dim": self.emb_dim, "dim": self.dim, "act": self.act,
               "fourier": self.fourier}
        return {**cfg, "num_classes": self.num_classes} if self.num_classes else cfg

    def _time_rows(self, tt: torch.Tensor, y: torch.Tensor | None = None) -> list[torch.Tensor]:
        rows = self.inp_t(timestep_embedding(tt, self.emb_dim))
        if self.num_classes:
            rows = rows + self.class_rows(y)
        return list(rows.split(self.width, dim=1))

    def _row_table(self, t_max: int, device, y: int | None = None) -> torch.Tensor:
        """Row t (0..t_max): every layer's time row plus its bias, (t_max + 1, width·depth), for
        class y (None: the unconditional case, "no class"): all steps' embeddings in one batched
        pass. Equal to the per-step rows to float rounding (a batched matmul sums in another
        order)."""
        label = torch.tensor([self.num_classes if y is None else y], device=device)
        rows = torch.cat(self._time_rows(torch.arange(t_max + 1, device=device), label), dim=1)
        bias = torch.cat([self.inp_x.bias] + [layer.bias for layer in self.hidden])
        return (rows + bias).contiguous()

    def _fourier_into(self, x: torch.Tensor, buf: torch.Tensor) -> torch.Tensor:
        """`fourier_features(x, self.fourier)` written into buf (n, d(1 + 2·fourier)) in place:
        the same operations (2sc as (s·c)·2 and 1 − 2s² as (s·s)·(−2) + 1, exact reorderings:
        a product by 2 is exact), without fresh tensors."""
        d = x.shape[1]
        buf[:, :d].copy_(x)
        if self.fourier:
            s, c = buf[:, d:2 * d], buf[:, 2 * d:3 * d]
            torch.mul(x, math.pi / 2, out=s)
            torch.cos(s, out=c)
            s.sin_()
            for k in range(1, self.fourier):
                s2 = buf[:, d * (1 + 2 * k):d * (2 + 2 * k)]
                c2 = buf[:, d * (2 + 2 * k):d * (3 + 2 * k)]
                torch.mul(s, c, out=s2).mul_(2)
                torch.mul(s, s, out=c2).mul_(-2).add_(1)
                s, c = s2, c2
        return buf

    def _fourier_into_t(self, x: torch.Tensor, buf_t: torch.Tensor,
                        ones: torch.Tensor | None = None, zeros: torch.Tensor | None = None
                        ) -> torch.Tensor:
        """`_fourier_into` feature-major: buf_t (d(1 + 2·fourier), n), the transpose of
        `fourier_features(x, self.fourier)`, each block a contiguous (d, n) slab (elementwise
        kernels on the row-major buffer's narrow column slices cost ~4x as much on a CPU).

        With `ones` and `zeros` ((d, n) of 1 and 0, the sampling loop's constants) each octave
        of the double-angle recurrence is two `addcmul`s, 2sc as 0 + 2·s·c and 1 − 2s² as
        1 + (−2)·s·s (a product by ±2 is exact; the sum may be fused, a difference of at most
        one rounding), instead of five kernels: the per-call overhead of a kernel on 2 × n
        floats is most of its cost. Returns buf_t."""
        d = x.shape[1]
        buf_t[:d].copy_(x.t())
        if self.fourier:
            s, c = buf_t[d:2 * d], buf_t[2 * d:3 * d]
            torch.mul(buf_t[:d], math.pi / 2, out=s)
            torch.cos(s, out=c)
            s.sin_()
            for k in range(1, self.fourier):
                s2 = buf_t[d * (1 + 2 * k):d * (2 + 2 * k)]
                c2 = buf_t[d * (2 + 2 * k):d * (3 + 2 * k)]
                if ones is None:
                    torch.mul(s, c, out=s2).mul_(2)
                    torch.mul(s, s, out=c2).mul_(-2).add_(1)
                else:
                    torch.addcmul(zeros, s, c, value=2, out=s2)
                    torch.addcmul(ones, s, s, value=-2, out=c2)
                s, c = s2, c2
        return buf_t

    @torch.no_grad()
    def sampling_fn(self, n: int, t_max: int | None = None, y: int | None = None):
        """A forward pass for n points at one int t per call, reusing preallocated buffers.

        Same numbers as `forward` (to float rounding), for the sampler's hot loop: the time
        rows are computed once per step and folded into the biases, and every layer writes
        in place (fresh (n, width) outputs each step cost more than the ReLUs on a CPU).
        With `t_max` the rows of every step 0..t_max are computed up front in one batched
        pass (`_row_table`) and a step only indexes them. The returned tensor is overwritten
        by the next call. The weights are detached copies taken now and the buffers are plain
        tensors that never require grad, so a call needs no grad-mode context (entering one per
        call costs ~25 µs, ~2 % of a 2,000-point step). A class-conditional model takes one
        class `y` for all n points (None: "no class", the unconditional ε).
        """
        p = self.out.weight
        W_in = self.inp_x.weight.detach().t().contiguous()
        hidden = [layer.weight.detach().t().contiguous() for layer in self.hidden]
        biases = [self.inp_x.bias.detach()] + [layer.bias.detach() for layer in self.hidden]
        # the output layer as a transposed view: a (width, dim) copy with dim = 2 columns sends
        # the CPU's GEMM down a path ~4x slower than the (dim, width) weight read transposed
        W_out, b_out = self.out.weight.detach().t(), self.out.bias.detach()
        h_a = torch.empty(n, self.width, device=p.device, dtype=p.dtype)
        h_b = torch.empty_like(h_a)
        out = torch.empty(n, self.dim, device=p.device, dtype=p.dtype)
        feats_t = torch.empty(self.dim * (1 + 2 * self.fourier), n, device=p.device,
                              dtype=p.dtype)  # feature-major (`_fourier_into_t`)
        ones = torch.ones(self.dim, n, device=p.device, dtype=p.dtype)
        zeros = torch.zeros_like(ones)
        inplace_act = {"relu": torch.relu_, "silu": lambda h: F.silu(h, inplace=True),
                       "gelu": lambda h: h.copy_(F.gelu(h))}[self.act]

        if y is not None and not (self.num_classes and 0 <= int(y) < self.num_classes):
            raise ValueError(f"y must be a class in 0..{self.num_classes - 1} of a conditional "
                             f"model, got y={y!r}")
        # the class of every row; unconditional: "no class"
        label = torch.tensor([self.num_classes if y is None else int(y)], device=p.device)
        # (t_max + 1, depth, width): row t, layer l is table[t, l]
        table = None if t_max is None else \
            self._row_table(int(t_max), p.device, y).view(-1, self.depth, self.width)

        def eps_fn(x_t: torch.Tensor, t: int) -> torch.Tensor:
            if x_t.requires_grad:
                x_t = x_t.detach()
            if table is not None:
                rb = table[int(t)].unbind(0)  # time row + bias, per layer
            else:
                with torch.no_grad():
                    rows = self._time_rows(torch.tensor([int(t)], device=p.device), label)
                    rb = [row + bias for row, bias in zip(rows, biases)]
            feats = self._fourier_into_t(x_t, feats_t, ones, zeros).t()
            a, b = h_a, h_b
            inplace_act(torch.addmm(rb[0], feats, W_in, out=a))
            for W, row in zip(hidden, rb[1:]):
                inplace_act(torch.addmm(row, a, W, out=b))
                a, b = b, a
            return torch.addmm(b_out, a, W_out, out=out)

        return eps_fn

    @torch.no_grad()
    def eps_and_divergence(self, x_t: torch.Tensor, t, y: torch.Tensor | None = None
                           ) -> tuple[torch.Tensor, torch.Tensor]:
        """(ε_θ(x_t, t), ∇_x·ε_θ = Σ_i ∂ε_i/∂x_i) by forward-mode differentiation.

        One tangent per input coordinate e_j rides along the forward pass (dφ/dx_j through the
        Fourier features, W·(tangent) through each layer, times the activation's slope), all
        d tangents stacked into one matmul per layer; the divergence is Σ_j (J e_j)_j. The same
        Jacobian trace as autograd's d backward passes (to float rounding), without a graph.
        """
        _check_input(x_t, (self.dim,))
        tt = _as_time(t, x_t.shape[0], x_t.device)
        rows = self._time_rows(tt, _as_label(self, y, x_t))
        B, d = x_t.shape
        feats = fourier_features(x_t, self.fourier)  # [x, s_0, c_0, s_1, c_1, ...], d columns each
        # tangents of the features along e_j: ∂x/∂x_j = e_j, ∂s_k/∂x_j = ω_k c_k e_j,
        # ∂c_k/∂x_j = −ω_k s_k e_j with ω_k = 2^k π/2
        blocks = [torch.ones_like(x_t)]
        for k in range(self.fourier):
            w = 2.0**k * math.pi / 2
            s_k = feats[:, d * (1 + 2 * k):d * (2 + 2 * k)]
            c_k = feats[:, d * (2 + 2 * k):d * (3 + 2 * k)]
            blocks += [w * c_k, -w * s_k]
        # (d, B, F): block-wise derivative times the one-hot of coordinate j in every block
        onehot = torch.eye(d, dtype=x_t.dtype, device=x_t.device).repeat(1, 1 + 2 * self.fourier)
        tang = (torch.cat(blocks, dim=1)[None] * onehot[:, None, :]).reshape(d * B, -1)
        slope = {"relu": lambda p: (p > 0).to(p.dtype),
                 "silu": lambda p: torch.sigmoid(p) * (1 + p * (1 - torch.sigmoid(p))),
                 "gelu": lambda p: 0.5 * (1 + torch.erf(p / math.sqrt(2)))
                 + p * torch.exp(-0.5 * p * p) / math.sqrt(2 * math.pi)}[self.act]
        # rows 0..B−1: the layer's input; rows B(1+j)..: its tangent along e_j (one matmul each)
        z = torch.cat([feats, tang]) @ self.inp_x.weight.t()
        for layer, row, bias in zip([*self.hidden, None], rows, [self.inp_x.bias,
                                                                *(h.bias for h in self.hidden)]):
            pre = z[:B].add_(row).add_(bias)
            z[B:].view(d, B, -1).mul_(slope(pre))
            pre.copy_(self._act(pre)) if self.act != "relu" else pre.relu_()
            z = z @ (layer or self.out).weight.t()
        eps = z[:B].add_(self.out.bias)
        jac = z[B:].view(d, B, d)  # jac[j, b] = ∂ε_b/∂x_j
        return eps, jac.diagonal(dim1=0, dim2=2).sum(-1)

    @torch.inference_mode()
    def divergence_fn(self, n: int, t_max: int | None = None):
        """`eps_and_divergence` for n points at one int t per call (unconditional), reusing
        preallocated buffers: the input and its d tangents in one (n(1 + d), ·) matrix, every
        layer in place, and with `t_max` every step's time rows up front (`_row_table`). The
        same numbers as `eps_and_divergence` to float rounding; the returned tensors are
        overwritten by the next call."""
        p = self.out.weight
        dev, dt = p.device, p.dtype
        B, d, Fd = n, self.dim, self.dim * (1 + 2 * self.fourier)
        W_in = self.inp_x.weight.t().contiguous()
        hidden = [layer.weight.t().contiguous() for layer in self.hidden]
        biases = [self.inp_x.bias] + [layer.bias for layer in self.hidden]
        W_out, b_out = self.out.weight.t().contiguous(), self.out.bias
        inp = torch.zeros((1 + d) * B, Fd, device=dev, dtype=dt)  # [φ(x); ∂φ/∂x_1; …]
        z_a = torch.empty((1 + d) * B, self.width, device=dev, dtype=dt)
        z_b, out = torch.empty_like(z_a), torch.empty((1 + d) * B, d, device=dev, dtype=dt)
        mask = torch.empty(B, self.width, device=dev, dtype=torch.bool)
        slope = {"silu": lambda q: torch.sigmoid(q) * (1 + q * (1 - torch.sigmoid(q))),
                 "gelu": lambda q: 0.5 * (1 + torch.erf(q / math.sqrt(2)))
                 + q * torch.exp(-0.5 * q * q) / math.sqrt(2 * math.pi)}.get(self.act)
        null = torch.tensor([self.num_classes], device=dev)
        table = None if t_max is None else self._row_table(int(t_max), dev)
        tang = inp[B:].view(d, B, Fd)
        for j in range(d):  # ∂x/∂x_j = e_j: constant
            tang[j, :, j] = 1.0
        omegas = [2.0**k * math.pi / 2 for k in range(self.fourier)]

        @torch.inference_mode()
        def fn(x_t: torch.Tensor, t: int) -> tuple[torch.Tensor, torch.Tensor]:
            if table is not None:
                rb = table[int(t)].split(self.width)
            else:
                rows = self._time_rows(torch.tensor([int(t)], device=dev), null)
                rb = [row + bias for row, bias in zip(rows, biases)]
            feats = self._fourier_into(x_t, inp[:B])
            # ∂s_k/∂x_j = ω_k c_k e_j, ∂c_k/∂x_j = −ω_k s_k e_j: column j of each block
            for k, w in enumerate(omegas):
                s_k = feats[:, d * (1 + 2 * k):d * (2 + 2 * k)]
                c_k = feats[:, d * (2 + 2 * k):d * (3 + 2 * k)]
                for j in range(d):
                    torch.mul(c_k[:, j], w, out=tang[j, :, d * (1 + 2 * k) + j])
                    torch.mul(s_k[:, j], -w, out=tang[j, :, d * (2 + 2 * k) + j])
            z, other = z_a, z_b
            torch.mm(inp, W_in, out=z)
            for W, row in zip([*hidden, None], rb):
                pre = z[:B].add_(row)
                if slope is None:  # ReLU: the slope is the indicator of pre > 0
                    torch.gt(pre, 0, out=mask)
                    z[B:].view(d, B, -1).mul_(mask)
                    pre.relu_()
                else:
                    z[B:].view(d, B, -1).mul_(slope(pre))
                    pre.copy_(self._act(pre))
                if W is None:
                    torch.mm(z, W_out, out=out)
                    break
                torch.mm(z, W, out=other)
                z, other = other, z
            eps = out[:B].add_(b_out)
            jac = out[B:].view(d, B, d)  # jac[j, b] = ∂ε_b/∂x_j
            return eps, jac.diagonal(dim1=0, dim2=2).sum(-1)

        return fn

    def forward(self, x_t: torch.Tensor, t, y: torch.Tensor | None = None) -> torch.Tensor:
        """ε_θ(x_t, t) or, for a class-conditional model, ε_θ(x_t, t, y); y = None (or the label
        num_classes) is "no class"."""
        _check_input(x_t, (self.dim,))
        tt = _as_time(t, x_t.shape[0], x_t.device)
        rows = self._time_rows(tt, _as_label(self, y, x_t))  # (B or 1, width) each
        h = self._act(self.inp_x(fourier_features(x_t, self.fourier)) + rows[0])
        for layer, row in zip(self.hidden, rows[1:]):
            h = self._act(layer(h) + row)
        return self.out(h)


class _ResBlock(nn.Module):
    def __init__(self, c_in: int, c_out: int, t_dim: int, groups: int = 8):
        super().__init__()
        self.norm1 = nn.GroupNorm(min(groups, c_in), c_in)
        self.conv1 = nn.Conv2d(c_in, c_out, 3, padding=1)
        self.t_proj = nn.Linear(t_dim, c_out)
        self.norm2 = nn.GroupNorm(min(groups, c_out), c_out)
        self.conv2 = nn.Conv2d(c_out, c_out, 3, padding=1)
        self.skip = nn.Conv2d(c_in, c_out, 1) if c_in != c_out else nn.Identity()

    def forward(self, x, temb):
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.t_proj(temb)[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        return h + self.skip(x)

    def fast(self, x, temb, h=None):
        """`forward` without autograd, in place where it can be, the 1×1 skip as a batched
        matmul (~1.6x faster than oneDNN's 1×1 convolution on a CPU); `h` (optional): conv1's
        output for x when the caller has it (the shared part of a classifier-free-guidance
        batch). The same numbers to float rounding."""
        if h is None:
            h = self.conv1(_norm_silu(self.norm1, x))
        h = h + self.t_proj(temb)[:, :, None, None]
        h = self.conv2(_norm_silu(self.norm2, h))
        return h.add_(x if isinstance(self.skip, nn.Identity) else _conv1x1(self.skip, x))


def _norm_silu(norm: nn.GroupNorm, x: torch.Tensor) -> torch.Tensor:
    """silu(GroupNorm(x)) for a channels-last x (PyTorch's own channels-last GroupNorm runs ~4x
    slower than its NCHW one on a CPU): each channel's sum and sum of squares over the pixels
    (reductions along rows of the (B, H·W, C) memory), pooled per group, var = E[x²] − mean²,
    then one fused scale-and-shift per (sample, channel). NCHW: `norm` itself."""
    if not x.is_contiguous(memory_format=torch.channels_last) or x.is_contiguous():
        return F.silu(norm(x), inplace=True)
    B, C, H, W = x.shape
    G = norm.num_groups
    Cg, n = C // G, H * W * (C // G)
    xv = x.permute(0, 2, 3, 1).reshape(B, H * W, C)  # a view of the channels-last memory
    mean = xv.sum(1).view(B, G, Cg).sum(-1).div_(n)
    var = (xv * xv).sum(1).view(B, G, Cg).sum(-1).div_(n).sub_(mean * mean).clamp_min_(0)
    a = (var + norm.eps).rsqrt_().repeat_interleave(Cg, 1).mul_(norm.weight)  # (B, C)
    shift = norm.bias - mean.repeat_interleave(Cg, 1) * a
    return F.silu(torch.addcmul(shift.view(B, C, 1, 1), x, a.view(B, C, 1, 1)), inplace=True)


def _conv1x1(conv: nn.Conv2d, x: torch.Tensor) -> torch.Tensor:
    """A 1×1 convolution as one batched matmul: (C_out, C_in) @ (B, C_in, H·W) + bias."""
    B, C, H, W = x.shape
    if x.is_contiguous(memory_format=torch.channels_last) and not x.is_contiguous():
        # (B·H·W, C) rows @ W^T: the result in channels-last memory too
        flat = x.permute(0, 2, 3, 1).reshape(B * H * W, C)
        out = torch.addmm(conv.bias, flat, conv.weight.view(-1, C).t())
        return out.view(B, H, W, -1).permute(0, 3, 1, 2)
    w = conv.weight.view(1, -1, C).expand(B, -1, C)
    b = conv.bias.view(1, -1, 1).expand(B, -1, H * W)
    return torch.baddbmm(b, w, x.reshape(B, C, H * W)).view(B, -1, H, W)


def _conv3x3_to_one(conv: nn.Conv2d, x: torch.Tensor) -> torch.Tensor:
    """A 3×3 convolution with padding 1 and ONE output channel as nine taps: the (9, C_in)
    matrix of the kernel's taps times x (one batched matmul, (B, 9, H, W)), then the nine maps
    shifted and summed. oneDNN's direct convolution with a single output channel runs ~5x
    slower than this on a CPU (it computes a whole 8-channel block). Same numbers to float
    rounding (another summation order)."""
    B, C, H, W = x.shape
    taps = conv.weight[0].permute(1, 2, 0).reshape(9, C)  # tap (dy, dx) -> row 3·dy + dx
    if x.is_contiguous(memory_format=torch.channels_last) and not x.is_contiguous():
        y = (x.permute(0, 2, 3, 1).reshape(B * H * W, C) @ taps.t()).view(B, H, W, 9)
        y = y.permute(0, 3, 1, 2).contiguous()
    else:
        y = torch.matmul(taps, x.reshape(B, C, H * W)).view(B, 9, H, W)
    y = F.pad(y, (1, 1, 1, 1))
    out = y[:, 0:1, 0:H, 0:W] + conv.bias.view(1, 1, 1, 1)
    for k in range(1, 9):
        dy, dx = divmod(k, 3)
        out.add_(y[:, k:k + 1, dy:dy + H, dx:dx + W])
    return out


class TinyUNet(nn.Module):
    """A small UNet ε_θ(x_t, t) for (B, C, H, W) images, H and W divisible by 4, up to 32×32.

    Two resolutions below the input (H → H/2 → H/4), one residual block per level,
    the time embedding added in every block — after Ho et al. 2020, App. B, much smaller.
    """

    # without autograd, `forward` takes `_fast` (same numbers to float rounding); False: the
    # plain layers (the reference the tests compare the fast path with)
    fast_path = True

    def __init__(self, channels: int = 32, image_size: int = 28, in_channels: int = 1,
                 emb_dim: int = 64, num_classes: int = 0):
        super().__init__()
        for name, v, lo in (("channels", channels, 8), ("image_size", image_size, 4),
                            ("in_channels", in_channels, 1), ("emb_dim", emb_dim, 2),
                            ("num_classes", num_classes, 0)):
            if isinstance(v, bool) or not isinstance(v, int) or v < lo:
                raise ValueError(f"{name} must be an integer >= {lo}, got {name}={v!r}")
        if image_size % 4 or image_size > 32:
            raise ValueError(f"image_size must be divisible by 4 and <= 32, got {image_size}")
        if channels % 8:
            raise ValueError(f"channels must be a multiple of 8, got channels={channels}")
        self.channels, self.image_size = channels, image_size
        self.in_channels, self.emb_dim = in_channels, emb_dim
        c, t_dim = channels, 4 * channels
        self.t_mlp = nn.Sequential(nn.Linear(emb_dim, t_dim), nn.SiLU(), nn.Linear(t_dim, t_dim))
        self.num_classes = num_classes  # class embedding added to the time embedding; C = none
        if num_classes:
            self.class_emb = nn.Embedding(num_classes + 1, t_dim)
        self.inp = nn.Conv2d(in_channels, c, 3, padding=1)
        self.down1 = _ResBlock(c, c, t_dim)
        self.pool1 = nn.Conv2d(c, c, 3, stride=2, padding=1)
        self.down2 = _ResBlock(c, 2 * c, t_dim)
        self.pool2 = nn.Conv2d(2 * c, 2 * c, 3, stride=2, padding=1)
        self.mid = _ResBlock(2 * c, 2 * c, t_dim)
        self.up2 = _ResBlock(4 * c, 2 * c, t_dim)
        self.up1 = _ResBlock(3 * c, c, t_dim)
        self.out_norm = nn.GroupNorm(8, c)
        self.out = nn.Conv2d(c, in_channels, 3, padding=1)

    @property
    def sample_shape(self) -> tuple:
        return (self.in_channels, self.image_size, self.image_size)

    def config(self) -> dict:
        cfg = {"kind": "tiny_unet", "channels": self.channels, "image_size": self.image_size,
               "in_channels": self.in_channels, "emb_dim": self.emb_dim}
        return {**cfg, "num_classes": self.num_classes} if self.num_classes else cfg

    def forward(self, x_t: torch.Tensor, t, y: torch.Tensor | None = None) -> torch.Tensor:
        _check_input(x_t, self.sample_shape)
        tt = _as_time(t, x_t.shape[0], x_t.device)
        temb = self.t_mlp(timestep_embedding(tt, self.emb_dim))  # (B or 1, 4c)
        yy = _as_label(self, y, x_t)
        if yy is not None:
            temb = temb + self.class_emb(yy)
        if self.fast_path and not torch.is_grad_enabled():  # sampling: the in-place path
            return self._fast(x_t, temb)
        h0 = self.inp(x_t)  # (B, c, H, W)
        h1 = self.down1(h0, temb)
        h2 = self.down2(self.pool1(h1), temb)  # (B, 2c, H/2, W/2)
        h3 = self.mid(self.pool2(h2), temb)  # (B, 2c, H/4, W/4)
        u = F.interpolate(h3, scale_factor=2.0, mode="nearest")
        u = self.up2(torch.cat([u, h2], 1), temb)
        u = F.interpolate(u, scale_factor=2.0, mode="nearest")
        u = self.up1(torch.cat([u, h1], 1), temb)
        return self.out(F.silu(self.out_norm(u)))

    def _fast(self, x_t: torch.Tensor, temb: torch.Tensor, copies: int = 1) -> torch.Tensor:
        """The forward pass without autograd (`_ResBlock.fast`, the output convolution as nine
        taps, `_conv3x3_to_one`, when it has one channel). With `copies` = k the batch is x_t
        repeated k times and temb has k·B rows (or 1): the first convolution and down1's conv1
        do not depend on t or y, so they run once on x_t and are repeated (`forward_shared`)."""
        # channels-last memory: oneDNN's NHWC convolutions run ~2x faster than its NCHW ones
        # (which also reorder every input and output), interpolate and cat ~3x
        # (the one-channel input is both layouts at once: the first output is converted)
        h0 = self.inp(x_t).contiguous(memory_format=torch.channels_last)
        d1 = self.down1
        a = d1.conv1(_norm_silu(d1.norm1, h0))
        if copies > 1:
            h0, a = torch.cat([h0] * copies), torch.cat([a] * copies)  # keeps channels-last
        h1 = d1.fast(h0, temb, a)
        h2 = self.down2.fast(self.pool1(h1), temb)
        h3 = self.mid.fast(self.pool2(h2), temb)
        u = F.interpolate(h3, scale_factor=2.0, mode="nearest")
        u = self.up2.fast(torch.cat([u, h2], 1), temb)
        u = F.interpolate(u, scale_factor=2.0, mode="nearest")
        u = self.up1.fast(torch.cat([u, h1], 1), temb)
        u = _norm_silu(self.out_norm, u)
        out = _conv3x3_to_one(self.out, u) if self.out.out_channels == 1 else self.out(u)
        return out.contiguous()

    @torch.no_grad()
    def forward_shared(self, x_t: torch.Tensor, t, ys: list) -> torch.Tensor:
        """[ε_θ(x_t, t, y) for y in ys] stacked along the batch, (len(ys)·B, ...): what
        classifier-free guidance asks (ys = [class, no class]), without running the parts that
        do not see t or y twice. Equals `forward(x_t.repeat(k), t, cat(ys))` to float
        rounding. t an int or a (B,) tensor; each y an int, None or a (B,) tensor."""
        _check_input(x_t, self.sample_shape)
        k, B = len(ys), x_t.shape[0]
        if self.num_classes:
            labels = torch.cat([_as_label(self, y, x_t).expand(B) for y in ys])
        elif any(y is not None for y in ys):
            raise ValueError("y is given, but the model is not class-conditional (num_classes=0)")
        else:
            labels = None
        if not self.fast_path:  # the reference: one plain call on the repeated batch
            tt = t.repeat(k) if isinstance(t, torch.Tensor) and t.ndim > 0 else t
            return self.forward(torch.cat([x_t] * k), tt, labels)
        tt = _as_time(t, B, x_t.device)
        temb = self.t_mlp(timestep_embedding(tt, self.emb_dim))  # (B or 1, 4c)
        if labels is not None:
            temb = temb.expand(B, -1).repeat(k, 1) + self.class_emb(labels)
        elif temb.shape[0] != 1:
            temb = temb.repeat(k, 1)
        return self._fast(x_t, temb, copies=k)


def build_model(config: dict, device: torch.device | str | None = None) -> nn.Module:
    """Rebuild a network from `model.config()` on `device` (default: `get_device()`, which
    honours DDPM_DEVICE); unknown kinds or sizes raise ValueError."""
    if not isinstance(config, dict):
        raise ValueError(f"model config must be a dict, got {type(config).__name__}")
    kind = config.get("kind")
    kwargs = {k: v for k, v in config.items() if k != "kind"}
    cls = {"mlp2d": MLP2D, "tiny_unet": TinyUNet}.get(kind)
    if cls is None:
        raise ValueError(f"model kind must be one of {MODEL_KINDS}, got kind={kind!r}")
    try:
        model = cls(**kwargs)
    except TypeError as e:
        raise ValueError(f"model config for kind={kind!r} is invalid: {e}") from None
    from .device import get_device

    return model.to(get_device() if device is None else device)
