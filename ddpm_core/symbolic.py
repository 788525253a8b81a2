"""SymPy derivations of the DDPM closed forms, step by step, checked against the engine tables.

Index convention: the paper's t = 1..T (Ho et al. 2020); every engine table has length
T + 1 and entry 0 stands for x_0. Each result is an expression in the two independent
symbols α_t and ᾱ_{t-1} only (β_t = 1 - α_t and ᾱ_t = α_t ᾱ_{t-1} are substituted before
simplifying and put back only for display). `Derivation.evaluate` feeds it
α_t = sched.alphas[t] and ᾱ_{t-1} on these ranges:

  "forward"    q(x_t|x_0): √ᾱ_t and 1 - ᾱ_t                 t = 1..T
  "posterior"  β̃_t, c^0_t, c^x_t of q(x_{t-1}|x_t,x_0)       t = 2..T
  "mu_eps"     μ̃_t = (x_t - β_t/√(1-ᾱ_t) ε)/√α_t           t = 1..T
  "kl_eps"     λ_t for σ_t² = β̃_t                           t = 2..T
               λ_t for σ_t² = β_t                            t = 1..T

Where ᾱ_{t-1} comes from: "forward" is evaluated as its own induction, from the α's alone
(ᾱ_0 = 1, then ᾱ_t = (derived √ᾱ_t)², t = 1..T), so it checks the engine's ᾱ table and does not
read it; the other derivations take ᾱ_{t-1} = sched.alpha_bars[t-1] (the forward check has
vouched for it). The engine side is always the engine's own code: its tables, and for "mu_eps"
the function `posterior_mean_from_eps` itself (its coefficients of x_t and ε are read off by
calling it at (x_t, ε) = (1, 0) and (0, 1)), never a formula typed here.

`evaluate` returns {name: Comparison(t, derived, engine)}; `check` the largest relative error.
Why t = 1 is left out of "posterior": the route divides by 1 - ᾱ_0 = 0 (A = ∞); q(x_0|x_1,x_0)
is the point x_0, which the engine stores as β̃_1 = 0, c^0_1 = 1, c^x_1 = 0 (the closed forms
at ᾱ_0 = 1 give the same values). λ_1 for σ² = β̃ is +inf in the engine (that term is the
decoder L_0). Tolerance: agree to 1e-7 relative, not 1e-12: near t = 1, 1 - α_t and
1 - α_t ᾱ_{t-1} cancel in float64 (FORMULAS.md §d, STYLE.md).

SymPy is imported only here; `import ddpm_core` does not load this module.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import sympy as sp
import torch

from .objectives import lambda_t
from .posterior import posterior_mean_from_eps
from .schedule import Schedule

# ------------------------------------------------------------------ symbols
alpha_t = sp.Symbol(r"\alpha_t", positive=True)  # independent
alpha_bar_prev = sp.Symbol(r"\bar\alpha_{t-1}", positive=True)  # independent
beta_t = sp.Symbol(r"\beta_t", positive=True)  # = 1 - α_t (display)
alpha_bar_t = sp.Symbol(r"\bar\alpha_t", positive=True)  # = α_t ᾱ_{t-1} (display)
x0, x_t, x_prev = sp.symbols("x_0 x_t x_{t-1}", real=True)
eps, eps1, eps2 = sp.symbols(r"\epsilon \epsilon_1 \epsilon_2", real=True)
eps_theta = sp.Symbol(r"\epsilon_\theta", real=True)
sigma2_t = sp.Symbol(r"\sigma_t^2", positive=True)  # variance of p_θ(x_{t-1}|x_t)


def independent(expr: sp.Expr) -> sp.Expr:
    """Replace β_t → 1 - α_t and ᾱ_t → α_t ᾱ_{t-1}: the only relations between the symbols."""
    return expr.subs({beta_t: 1 - alpha_t, alpha_bar_t: alpha_t * alpha_bar_prev})


def _tidy(expr: sp.Expr) -> sp.Expr:
    """Write factors (s - 1)^k as ±(1 - s)^k, the way the paper prints them."""
    if expr.is_Add:
        return sp.Add(*[_tidy(term) for term in expr.args], evaluate=False)
    if not (expr.is_Mul or expr.is_Pow):
        return expr
    sign, factors = 1, []
    for f in sp.Mul.make_args(expr):
        base, k = f.as_base_exp()
        if base.is_Add and k.is_integer and base.as_coeff_Add()[0] == -1:
            sign *= (-1) ** int(k)
            f = sp.expand(-base) if k == 1 else sp.Pow(sp.expand(-base), k, evaluate=False)
        factors.append(f)
    return sp.Mul(*([-1] if sign < 0 else []), *factors, evaluate=False)


def pretty(expr: sp.Expr) -> sp.Expr:
    """Display form: 1 - α_t → β_t and α_t ᾱ_{t-1} → ᾱ_t, signs as in the paper."""
    # SymPy splits √(α_t ᾱ_{t-1}) into √α_t √ᾱ_{t-1} for positive symbols, so match both forms
    return (_tidy(expr).subs(sp.sqrt(alpha_t) * sp.sqrt(alpha_bar_prev), sp.sqrt(alpha_bar_t))
            .subs(alpha_t * alpha_bar_prev, alpha_bar_t).subs(1 - alpha_t, beta_t))


# ------------------------------------------------------------------ data types
@dataclass(frozen=True)
class Step:
    """One line of a derivation; `key` is a stable id for the app's translations."""

    key: str
    expr: sp.Basic
    latex: str
    reason: str


class Comparison(NamedTuple):
    """One result quantity at every t of its valid range (float64 arrays of equal length)."""

    t: np.ndarray  # int64, the paper's t
    derived: np.ndarray  # the SymPy result, lambdified
    engine: np.ndarray  # the engine table at the same t


def _table(x) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


@dataclass
class Derivation:
    """Ordered steps and the result expressions (in α_t, ᾱ_{t-1}), with their engine tables."""

    name: str
    title: str
    steps: list[Step]
    result: dict[str, sp.Expr]
    t_from: dict[str, int]  # first t at which each result is valid (last is T)
    engine: dict[str, Callable]  # sched -> (T+1,) table of the same quantity
    induction: bool = False  # ᾱ_{t-1} from this derivation's own √ᾱ_t, not the engine's table
    _fns: dict[str, Callable] = field(default_factory=dict, repr=False, compare=False)

    def _fn(self, k: str) -> Callable:
        if k not in self._fns:  # lambdify once, on first use
            self._fns[k] = sp.lambdify((alpha_t, alpha_bar_prev), self.result[k], modules="numpy")
        return self._fns[k]

    def evaluate(self, sched: Schedule) -> dict[str, Comparison]:
        """Each result at t = t_from..T, beside the engine's value (see the module docstring)."""
        alphas = _table(sched.alphas)
        T = len(alphas) - 1
        alpha_bars = self._induction(alphas) if self.induction else _table(sched.alpha_bars)
        out = {}
        for k in self.result:
            t = np.arange(self.t_from[k], T + 1, dtype=np.int64)
            with np.errstate(all="ignore"):
                derived = np.broadcast_to(self._fn(k)(alphas[t], alpha_bars[t - 1]), t.shape)
                engine = _table(self.engine[k](sched))[t]
            out[k] = Comparison(t, np.asarray(derived, dtype=np.float64), engine)
        return out

    def _induction(self, alphas: np.ndarray) -> np.ndarray:
        """ᾱ_0 = 1 and ᾱ_t = (√ᾱ_t derived from α_t and ᾱ_{t-1})², t = 1..T: the induction of
        the forward derivation run on the α's, independent of the engine's ᾱ table."""
        coef = self._fn("mean_coef")
        out = np.ones(len(alphas))
        for t in range(1, len(alphas)):
            out[t] = float(coef(alphas[t], out[t - 1])) ** 2
        return out

    def check(self, sched: Schedule) -> float:
        """Largest |derived - engine| / max(|engine|, tiny) over every t and quantity; NaN → inf."""
        worst = 0.0
        for _, derived, engine in self.evaluate(sched).values():
            with np.errstate(all="ignore"):
                err = np.abs(derived - engine) / np.maximum(np.abs(engine), np.finfo(float).tiny)
            err = np.where(derived == engine, 0.0, err)
            if err.size:
                worst = max(worst, float(np.nan_to_num(err, nan=np.inf).max()))
        return worst


def _step(key: str, expr: sp.Basic, reason: str, lhs: str | None = None, order=None) -> Step:
    body = sp.latex(pretty(expr), order=order)  # order="none": terms as built
    return Step(key, expr, f"{lhs} = {body}" if lhs else body, reason)


def _simp(expr: sp.Expr) -> sp.Expr:
    """One common fraction, factored, with powers of equal bases merged (fast, no simplify())."""
    return sp.powsimp(sp.factor(sp.together(expr)))


def _verify(difference: sp.Expr, what: str) -> None:
    if difference != 0:  # an internal consistency check of the derivation itself
        raise ArithmeticError(f"symbolic step '{what}' does not reduce to 0: {difference}")


def _termwise(expr: sp.Expr, *vs: sp.Symbol) -> sp.Expr:
    """Σ factor(coefficient of v)·v: a linear form with each coefficient simplified."""
    return sp.Add(*[sp.factor(expr.coeff(v)) * v for v in vs])


# ------------------------------------------------------------------ (a) forward
def _forward() -> Derivation:
    a, ap = alpha_t, alpha_bar_prev
    one_step = sp.sqrt(a) * x_prev + sp.sqrt(beta_t) * eps2  # Ho et al. 2020, Eq. (2)
    hypothesis = sp.sqrt(ap) * x0 + sp.sqrt(1 - ap) * eps1
    base = hypothesis.subs(ap, 1)  # ᾱ_0 = 1
    merged = sp.expand(one_step.subs(x_prev, hypothesis))
    mean_coef = merged.coeff(x0)  # √α_t √ᾱ_{t-1}, shown as √ᾱ_t
    var_sum = merged.coeff(eps1) ** 2 + merged.coeff(eps2) ** 2
    variance = sp.expand(independent(var_sum))
    marginal = mean_coef * x0 + sp.sqrt(variance) * eps
    steps = [
        _step("forward.one_step", one_step, "One forward step q(x_t|x_{t-1}) = N(√α_t x_{t-1}, "
              "β_t I), with ε₂ ~ N(0, I) (Ho et al. 2020, Eq. (2)).", "x_t"),
        _step("forward.hypothesis", hypothesis, "Induction hypothesis: x_{t-1} ~ q(x_{t-1}|x_0), "
              "with ε₁ ~ N(0, I) independent of ε₂.", "x_{t-1}"),
        _step("forward.base_case", base, "Base case t = 1: with ᾱ_0 = 1 the hypothesis reads "
              "x_0 = x_0.", r"\left.x_{t-1}\right|_{t=1,\ \bar\alpha_0=1}"),
        _step("forward.merge", merged, "Substitute the hypothesis into the one-step formula "
              "and expand.", "x_t"),
        _step("forward.mean_coef", mean_coef, "Coefficient of x_0: √α_t √ᾱ_{t-1} = √ᾱ_t.",
              r"\sqrt{\alpha_t}\sqrt{\bar\alpha_{t-1}}"),
        _step("forward.add_variances", var_sum, "The two noise terms are independent Gaussians: "
              "their variances add.", r"\operatorname{Var}"),
        _step("forward.variance_simplify", variance, "With β_t = 1 - α_t and ᾱ_t = α_t ᾱ_{t-1}, "
              "the variance is 1 - ᾱ_t.", r"\alpha_t(1-\bar\alpha_{t-1}) + \beta_t"),
        _step("forward.induction", marginal, "So x_t = √ᾱ_t x_0 + √(1-ᾱ_t) ε: the hypothesis "
              "holds at t, hence for every t (Ho et al. 2020, Eq. (4)).", "x_t"),
    ]
    return Derivation(
        "forward", "q(x_t | x_0) by merging Gaussian steps", steps,
        {"mean_coef": mean_coef, "variance": variance}, {"mean_coef": 1, "variance": 1},
        {"mean_coef": lambda s: np.sqrt(_table(s.alpha_bars)),
         "variance": lambda s: 1.0 - _table(s.alpha_bars)},
        induction=True,
    )


# ------------------------------------------------------------------ (b) posterior
def _posterior() -> Derivation:
    a, ap = alpha_t, alpha_bar_prev
    log_q = (-(x_t - sp.sqrt(a) * x_prev) ** 2 / (2 * beta_t)
             - (x_prev - sp.sqrt(ap) * x0) ** 2 / (2 * (1 - ap)))
    quad = sp.collect(sp.expand(log_q), x_prev, evaluate=False)
    A = sp.Add(*[sp.factor(term) for term in sp.Add.make_args(-2 * quad[x_prev**2])])
    B = _termwise(quad[x_prev], x_t, x0)
    A_simple = sp.factor(sp.together(independent(A)))
    As, Bs = sp.symbols("A B", positive=True)
    square = -As / 2 * (x_prev - Bs / As) ** 2 + Bs**2 / (2 * As)
    _verify(sp.expand(square + (As * x_prev**2 - 2 * Bs * x_prev) / 2), "complete the square")
    beta_tilde = sp.factor(1 / A_simple)
    mean = _termwise(sp.expand(independent(B) / A_simple), x0, x_t)
    coef_x0, coef_xt = mean.coeff(x0), mean.coeff(x_t)
    steps = [
        _step("posterior.bayes", log_q, "Bayes: q(x_{t-1}|x_t,x_0) ∝ q(x_t|x_{t-1}) "
              "q(x_{t-1}|x_0); add the two Gaussian log-densities.",
              r"\log q(x_{t-1}|x_t,x_0) - \text{const}", "none"),
        _step("posterior.quadratic", sp.collect(sp.expand(log_q), x_prev), "Expand: the "
              "exponent is a quadratic in x_{t-1}.", r"\log q - \text{const}"),
        _step("posterior.A", A, "Write it as -½(A x_{t-1}² - 2B x_{t-1}) + const: A is minus "
              "twice the coefficient of x_{t-1}².", "A"),
        _step("posterior.A_simplify", A_simple, "Common denominator, β_t = 1 - α_t and "
              "α_t ᾱ_{t-1} = ᾱ_t.", "A"),
        _step("posterior.B", B, "B is the coefficient of x_{t-1}.", "B"),
        _step("posterior.complete_square", square, "Complete the square; the last term does "
              "not depend on x_{t-1}.", r"-\tfrac12(A x_{t-1}^2 - 2 B x_{t-1})"),
        _step("posterior.variance", beta_tilde, "So the posterior is Gaussian with variance "
              "1/A (Ho et al. 2020, Eq. (7)).", r"\tilde\beta_t = 1/A"),
        _step("posterior.mean", mean, "... and mean B/A, linear in x_0 and x_t "
              "(Ho et al. 2020, Eqs. (6)-(7)).", r"\tilde\mu_t = B/A"),
    ]
    result = {"beta_tilde": beta_tilde, "coef_x0": coef_x0, "coef_xt": coef_xt}
    return Derivation(
        "posterior", "The posterior q(x_{t-1} | x_t, x_0)", steps, result,
        dict.fromkeys(result, 2),
        {"beta_tilde": lambda s: s.beta_tildes, "coef_x0": lambda s: s.posterior_coef_x0,
         "coef_xt": lambda s: s.posterior_coef_xt},
    )


# ------------------------------------------------------------------ (c) mu_eps
def _mu_eps(forward: Derivation, posterior: Derivation) -> Derivation:
    r = posterior.result
    mu_tilde = r["coef_x0"] * x0 + r["coef_xt"] * x_t
    q_sample = sp.Eq(x_t, forward.result["mean_coef"] * x0
                     + sp.sqrt(forward.result["variance"]) * eps)
    _, x0_of_eps = sp.solve_linear(q_sample.lhs - q_sample.rhs, symbols=[x0])
    substituted = _termwise(sp.expand(mu_tilde.subs(x0, x0_of_eps)), x_t, eps)
    coef_xt, coef_eps = _simp(substituted.coeff(x_t)), _simp(substituted.coeff(eps))
    inner = x_t + _simp(coef_eps / coef_xt) * eps
    steps = [
        _step("mu_eps.posterior_mean", mu_tilde, "The posterior mean from the previous "
              "derivation (Ho et al. 2020, Eq. (7)).", r"\tilde\mu_t"),
        _step("mu_eps.x0_from_eps", x0_of_eps, "Solve x_t = √ᾱ_t x_0 + √(1-ᾱ_t) ε "
              "(Ho et al. 2020, Eq. (4)) for x_0.", "x_0"),
        _step("mu_eps.substitute", substituted, "Substitute into μ̃_t and collect x_t and ε.",
              r"\tilde\mu_t"),
        _step("mu_eps.coef_xt", coef_xt, "The coefficient of x_t simplifies to 1/√α_t.",
              r"\text{coef. of } x_t"),
        _step("mu_eps.coef_eps", coef_eps, "The coefficient of ε.", r"\text{coef. of } \epsilon"),
        _step("mu_eps.result", sp.Mul(coef_xt, inner, evaluate=False), "Ho et al. 2020, "
              "Eqs. (9)-(10); with ε_θ(x_t, t) in place of ε this is μ_θ, Eq. (11).",
              r"\tilde\mu_t", "none"),
    ]

    return Derivation(
        "mu_eps", "The posterior mean in terms of ε", steps,
        {"coef_xt": coef_xt, "coef_eps": coef_eps}, {"coef_xt": 1, "coef_eps": 1},
        {"coef_xt": lambda s: _engine_mu_coef(s, 1.0, 0.0),
         "coef_eps": lambda s: _engine_mu_coef(s, 0.0, 1.0)},
    )


def _engine_mu_coef(sched: Schedule, x_t: float, eps: float) -> np.ndarray:
    """The engine's μ_θ = posterior_mean_from_eps(x_t, t, ε) at every t = 1..T for one (x_t, ε):
    at (1, 0) it is the coefficient of x_t, at (0, 1) that of ε (μ_θ is linear in both).
    Entry 0 (no step) is NaN; it is never compared."""
    T = sched.T
    t = torch.arange(1, T + 1)
    xs = torch.full((T, 1), x_t, dtype=torch.float64)
    es = torch.full((T, 1), eps, dtype=torch.float64)
    out = posterior_mean_from_eps(sched, xs, t, es)[:, 0].numpy()
    return np.concatenate([[np.nan], out])


# ------------------------------------------------------------------ (d) kl_eps
def _kl_eps(posterior: Derivation, mu_eps: Derivation) -> Derivation:
    x, m1, m2, d = sp.symbols(r"x \mu_1 \mu_2 \Delta", real=True)
    s1, s2, ratio = sp.symbols(r"\sigma_1 \sigma_2 r", positive=True)
    # log N(x; μ₁, σ₁²) - log N(x; μ₂, σ₂²); the 2π terms cancel
    log_ratio = sp.log(s2 / s1) - (x - m1) ** 2 / (2 * s1**2) + (x - m2) ** 2 / (2 * s2**2)
    poly = sp.collect(sp.expand(log_ratio), x, evaluate=False)
    kl_raw = poly[x**2] * (m1**2 + s1**2) + poly[x] * m1 + poly[sp.S.One]  # E[x²], E[x]
    # the means enter only through Δ = μ₁ - μ₂: group the non-log terms
    terms = sp.Add.make_args(sp.expand(kl_raw.subs(m1, m2 + d)))
    log_part = sp.logcombine(sp.Add(*[u for u in terms if u.has(sp.log)]), force=True)
    rest = sp.factor(sp.Add(*[u for u in terms if not u.has(sp.log)]) + sp.S.Half)
    kl = log_part + rest.subs(d, m1 - m2) - sp.S.Half
    _verify(sp.expand(sp.expand_log(kl - kl_raw, force=True)), "Gaussian KL")
    kl_equal = sp.factor(kl.subs({s1: s2}))
    mu_tilde, mu_theta = sp.symbols(r"\tilde\mu_t \mu_\theta", real=True)
    bt = sp.Symbol(r"\tilde\beta_t", positive=True)
    kl_t = kl.subs({s1: sp.sqrt(bt), s2: sp.sqrt(sigma2_t), m1: mu_tilde, m2: mu_theta})
    mean_term = kl_equal.subs({s2: sp.sqrt(sigma2_t), m1: mu_tilde, m2: mu_theta})
    C = sp.expand(sp.expand_log(sp.expand(kl_t - mean_term).subs(bt, ratio * sigma2_t), force=True))
    split = sp.Add(mean_term, *sp.Add.make_args(C.subs(ratio, bt / sigma2_t)), evaluate=False)
    cx, ce = mu_eps.result["coef_xt"], mu_eps.result["coef_eps"]
    diff = sp.factor((cx * x_t + ce * eps) - (cx * x_t + ce * eps_theta))
    lam = sp.factor(sp.cancel(mean_term.subs({mu_tilde - mu_theta: diff})
                              / (eps - eps_theta) ** 2))
    lam_bt = sp.factor(lam.subs(sigma2_t, posterior.result["beta_tilde"]))
    lam_b = sp.factor(lam.subs(sigma2_t, 1 - alpha_t))
    steps = [
        _step("kl_eps.log_ratio", log_ratio, "Log-ratio of two 1-D Gaussian densities "
              "(the 2π terms cancel).", r"\log\frac{\mathcal N(x;\mu_1,\sigma_1^2)}"
              r"{\mathcal N(x;\mu_2,\sigma_2^2)}"),
        _step("kl_eps.expectation", kl_raw, "KL = its expectation under N(μ₁, σ₁²): replace "
              "x by μ₁ and x² by μ₁² + σ₁².", r"\mathrm{KL}"),
        _step("kl_eps.gaussian_kl", kl, "Simplified: the standard Gaussian KL.", r"\mathrm{KL}"),
        _step("kl_eps.equal_variance", kl_equal, "With equal variances only the mean term is "
              "left.", r"\mathrm{KL}\big|_{\sigma_1=\sigma_2}"),
        _step("kl_eps.split", split, "With σ₁² = β̃_t (posterior) and σ₂² = σ_t² (model): "
              "a mean term plus a constant C (Ho et al. 2020, Eq. (8)).", "L_{t-1}", "none"),
        _step("kl_eps.constant", C, "C depends on r = β̃_t/σ_t² only; r - 1 - log r ≥ 0 "
              "with equality iff r = 1 (σ_t² = β̃_t).", "C"),
        _step("kl_eps.mean_difference", diff, "Both means in ε form (Ho et al. 2020, "
              "Eqs. (10)-(11)): x_t cancels.", r"\tilde\mu_t - \mu_\theta"),
        _step("kl_eps.lambda", lam, "So L_{t-1} - C = λ_t (ε - ε_θ)² (Ho et al. 2020, "
              "Eq. (12)).", r"\lambda_t"),
        _step("kl_eps.lambda_beta_tilde", lam_bt, "σ_t² = β̃_t (defined for t ≥ 2).",
              r"\lambda_t\big|_{\sigma_t^2=\tilde\beta_t}"),
        _step("kl_eps.lambda_beta", lam_b, "σ_t² = β_t.", r"\lambda_t\big|_{\sigma_t^2=\beta_t}"),
    ]
    return Derivation(
        "kl_eps", "The KL term as a weighted ε error", steps,
        {"lambda_beta_tilde": lam_bt, "lambda_beta": lam_b},
        {"lambda_beta_tilde": 2, "lambda_beta": 1},
        {"lambda_beta_tilde": lambda s: lambda_t(s, "beta_tilde"),
         "lambda_beta": lambda s: lambda_t(s, "beta")},
    )


# ------------------------------------------------------------------ public
@functools.lru_cache(maxsize=1)
def derivations() -> dict[str, Derivation]:
    """The four derivations, in teaching order: forward, posterior, mu_eps, kl_eps (cached)."""
    forward, posterior = _forward(), _posterior()
    mu_eps = _mu_eps(forward, posterior)
    return {"forward": forward, "posterior": posterior, "mu_eps": mu_eps,
            "kl_eps": _kl_eps(posterior, mu_eps)}


def check_all(sched: Schedule) -> dict[str, float]:
    """Largest relative error of each derivation against the engine tables of `sched`."""
    return {name: d.check(sched) for name, d in derivations().items()}
