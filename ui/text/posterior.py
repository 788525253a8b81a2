"""Strings of the posterior page (page 5: q(x_{t-1} | x_t, x_0))."""

TEXT = {
    "posterior.title": {
        "en": "The posterior $q(x_{t-1}\\mid x_t, x_0)$",
        "zh": "后验 $q(x_{t-1}\\mid x_t, x_0)$",
    },
    "posterior.intro": {
        "en": "To learn the reverse process we need a target: the distribution of the previous, "
              "less noisy $x_{t-1}$ given the current $x_t$. This page derives it exactly, "
              "and every number on it is checked against the engine.",
        "zh": "要学习逆向过程，需要一个目标：已知当前的 $x_t$ 时，上一步（噪声更少的）"
              "$x_{t-1}$ 的分布。本页精确推导它，页面上每个数字都与引擎的计算结果相互核对。",
    },
    "posterior.why_x0": {
        "en": "**Why condition on $x_0$?** The reverse step $q(x_{t-1}\\mid x_t)$ alone is "
              "intractable: it averages over every clean image $x_0$ that could have produced "
              "$x_t$, weighted by $q(x_0\\mid x_t)$, i.e. it needs the whole data distribution. "
              "Once $x_0$ is given, all three densities in Bayes' rule are Gaussians we already "
              "know, and the product of Gaussians in $x_{t-1}$ is again a Gaussian, with "
              "mean and variance in closed form. During training $x_0$ is known (it is the "
              "training example), so this posterior is the target that "
              "$p_\\theta(x_{t-1}\\mid x_t)$ is trained to match.",
        "zh": "**为什么要以 $x_0$ 为条件？** 单独的逆向一步 $q(x_{t-1}\\mid x_t)$ 是难以计算的："
              "它要对所有可能产生 $x_t$ 的干净图像 $x_0$ 按 $q(x_0\\mid x_t)$ 加权平均，"
              "也就是需要整个数据分布。一旦给定 $x_0$，贝叶斯公式中的三个密度都是已知的高斯分布，"
              "而关于 $x_{t-1}$ 的高斯之积仍是高斯分布，均值和方差都有闭式解。"
              "训练时 $x_0$ 是已知的（就是训练样本），所以这个后验正是 "
              "$p_\\theta(x_{t-1}\\mid x_t)$ 要去拟合的目标。",
    },
    "posterior.s1": {
        "en": "1. Bayes, then completing the square",
        "zh": "1. 贝叶斯公式，然后配方",
    },
    "posterior.s1_intro": {
        "en": "The two Gaussians we know (one forward step, Ho Eq. 2, and the closed-form "
              "marginal, Ho Eq. 4). Every line below was produced and checked by SymPy "
              "(`ddpm_core.symbolic`); nothing is typed in by hand.",
        "zh": "我们已知的两个高斯分布（前向的一步，Ho 式 (2)；闭式边缘分布，Ho 式 (4)）。"
              "下面每一行都由 SymPy（`ddpm_core.symbolic`）推出并检验，没有手写的公式。",
    },
    "posterior.loading_sympy": {
        "en": "Running the SymPy derivation (a few seconds, once)…",
        "zh": "正在运行 SymPy 推导（仅第一次需要几秒）……",
    },
    "posterior.step.bayes": {
        "en": "Bayes: $q(x_{t-1}\\mid x_t,x_0) \\propto q(x_t\\mid x_{t-1})\\,"
              "q(x_{t-1}\\mid x_0)$ (the denominator $q(x_t\\mid x_0)$ does not depend on "
              "$x_{t-1}$; by the Markov property $q(x_t\\mid x_{t-1},x_0)=q(x_t\\mid x_{t-1})$). "
              "Take logs: the two Gaussian log-densities add.",
        "zh": "贝叶斯公式：$q(x_{t-1}\\mid x_t,x_0) \\propto q(x_t\\mid x_{t-1})\\,"
              "q(x_{t-1}\\mid x_0)$（分母 $q(x_t\\mid x_0)$ 与 $x_{t-1}$ 无关；"
              "由马尔可夫性 $q(x_t\\mid x_{t-1},x_0)=q(x_t\\mid x_{t-1})$）。"
              "取对数：两个高斯对数密度相加。",
    },
    "posterior.step.quadratic": {
        "en": "Expand: the exponent is a quadratic in $x_{t-1}$ (so the posterior is Gaussian).",
        "zh": "展开：指数是 $x_{t-1}$ 的二次函数（因此后验是高斯分布）。",
    },
    "posterior.step.A": {
        "en": "Write it as $-\\tfrac12(A x_{t-1}^2 - 2B x_{t-1}) + \\text{const}$: "
              "$A$ is minus twice the coefficient of $x_{t-1}^2$.",
        "zh": "写成 $-\\tfrac12(A x_{t-1}^2 - 2B x_{t-1}) + \\text{常数}$："
              "$A$ 是 $x_{t-1}^2$ 系数的 −2 倍。",
    },
    "posterior.step.A_simplify": {
        "en": "Common denominator, using $\\beta_t = 1-\\alpha_t$ and "
              "$\\alpha_t\\bar\\alpha_{t-1} = \\bar\\alpha_t$.",
        "zh": "通分，并利用 $\\beta_t = 1-\\alpha_t$ 与 $\\alpha_t\\bar\\alpha_{t-1} = "
              "\\bar\\alpha_t$。",
    },
    "posterior.step.B": {
        "en": "$B$ is the coefficient of $x_{t-1}$.",
        "zh": "$B$ 是 $x_{t-1}$ 的系数。",
    },
    "posterior.step.complete_square": {
        "en": "Complete the square; the last term does not depend on $x_{t-1}$ and goes into "
              "the normalising constant.",
        "zh": "配方；最后一项与 $x_{t-1}$ 无关，归入归一化常数。",
    },
    "posterior.step.variance": {
        "en": "So the posterior is Gaussian with variance $1/A$ (Ho et al. 2020, Eq. 7).",
        "zh": "所以后验是高斯分布，方差为 $1/A$（Ho 等 2020，式 (7)）。",
    },
    "posterior.step.mean": {
        "en": "… and mean $B/A$, linear in $x_0$ and $x_t$ (Ho et al. 2020, Eqs. 6–7).",
        "zh": "……均值为 $B/A$，是 $x_0$ 与 $x_t$ 的线性组合（Ho 等 2020，式 (6)–(7)）。",
    },
    "posterior.s2": {
        "en": "2. The result (Ho et al. 2020, Eqs. 6–7)",
        "zh": "2. 结果（Ho 等 2020，式 (6)–(7)）",
    },
    "posterior.s2_intro": {
        "en": "Reading off variance $1/A$ and mean $B/A$:",
        "zh": "读出方差 $1/A$ 与均值 $B/A$：",
    },
    "posterior.s2_remarks": {
        "en": "Nothing here depends on the network parameters $\\theta$: the mean and variance "
              "are fixed by the schedule. $\\tilde\\beta_t \\le \\beta_t$ because "
              "$1-\\bar\\alpha_{t-1} \\le 1-\\bar\\alpha_t$: knowing $x_0$ can only reduce the "
              "uncertainty about $x_{t-1}$.",
        "zh": "这里没有任何量依赖网络参数 $\\theta$：均值和方差完全由噪声调度决定。"
              "由于 $1-\\bar\\alpha_{t-1} \\le 1-\\bar\\alpha_t$，有 $\\tilde\\beta_t \\le "
              "\\beta_t$：知道 $x_0$ 只会减少对 $x_{t-1}$ 的不确定性。",
    },
    "posterior.s3": {
        "en": "3. SymPy-checked coefficients",
        "zh": "3. 经 SymPy 核对的系数",
    },
    "posterior.s3_intro": {
        "en": "The SymPy results above, turned into numbers with the current schedule's "
              "$\\alpha_t$ and $\\bar\\alpha_{t-1}$, beside the engine's tables "
              "(`beta_tildes`, `posterior_coef_x0`, `posterior_coef_xt`) at every "
              "$t = 2,\\dots,T$.",
        "zh": "把上面的 SymPy 结果代入当前调度的 $\\alpha_t$ 与 $\\bar\\alpha_{t-1}$ 算成数值，"
              "与引擎的表（`beta_tildes`、`posterior_coef_x0`、`posterior_coef_xt`）"
              "在每个 $t = 2,\\dots,T$ 上逐一比较。",
    },
    "posterior.max_rel_err": {
        "en": "Largest relative error",
        "zh": "最大相对误差",
    },
    "posterior.max_rel_err_help": {
        "en": "SymPy vs engine: max over t = 2..T and the three quantities of "
              "|derived − engine| / |engine|.",
        "zh": "SymPy 对比引擎：在 t = 2..T 及三个量上取 |推导值 − 引擎值| / |引擎值| 的最大值。",
    },
    "posterior.check_ok": {
        "en": "All {T} schedule entries agree to within 1e-7 relative (float64 rounding; "
              "near t = 1, 1 − α_t and 1 − ᾱ_t cancel).",
        "zh": "全部 {T} 个调度条目的相对误差都在 1e-7 以内（float64 舍入；t 接近 1 时 "
              "1 − α_t 与 1 − ᾱ_t 相减会损失精度）。",
    },
    "posterior.check_bad": {
        "en": "The derivation and the engine disagree: largest relative error {err:.2e} > 1e-7.",
        "zh": "推导与引擎不一致：最大相对误差 {err:.2e} > 1e-7。",
    },
    "posterior.derived": {"en": "SymPy-derived", "zh": "SymPy 推导"},
    "posterior.engine": {"en": "engine table", "zh": "引擎的表"},
    "posterior.engine_short": {"en": "engine", "zh": "引擎"},
    "posterior.rel_err": {"en": "relative error", "zh": "相对误差"},
    "posterior.coef_caption": {
        "en": "Lines: SymPy's closed forms; crosses: the engine's tables (every few t). "
              "A log axis is used where a quantity spans many decades. Right: relative error "
              "per t (exact agreement is drawn at 1e-17); the dashed line is the 1e-7 "
              "tolerance.",
        "zh": "曲线：SymPy 的闭式结果；叉号：引擎的表（每隔几个 t 取一个）。"
              "跨越多个数量级的量使用对数坐标。右图：每个 t 的相对误差（完全一致的点画在 1e-17）；"
              "虚线是 1e-7 的容差。",
    },
    "posterior.no_t2": {
        "en": "With T = {T} there is no step t ≥ 2, so there is no posterior with x_{{t−1}} ≠ "
              "x_0 to show: q(x_0 | x_1, x_0) is simply the point x_0 (see the t = 1 note "
              "below). Increase T in the sidebar.",
        "zh": "T = {T} 时不存在 t ≥ 2 的步，因此没有 x_{{t−1}} ≠ x_0 的后验可展示："
              "q(x_0 | x_1, x_0) 就是点 x_0（见下文关于 t = 1 的说明）。请在侧栏增大 T。",
    },
    "posterior.s4": {
        "en": "4. Prior × likelihood = posterior, in 1-D",
        "zh": "4. 一维图示：先验 × 似然 = 后验",
    },
    "posterior.s4_intro": {
        "en": "Pick a step $t$, a clean value $x_0$ and a noisy value $x_t$. As functions of "
              "$x_{t-1}$: the prior $q(x_{t-1}\\mid x_0) = \\mathcal N(\\sqrt{\\bar\\alpha_{t-1}}"
              "x_0,\\ 1-\\bar\\alpha_{t-1})$, the likelihood $q(x_t\\mid x_{t-1}) \\propto "
              "\\mathcal N(x_t;\\ \\sqrt{\\alpha_t}x_{t-1},\\ \\beta_t)$, which normalised over "
              "$x_{t-1}$ is $\\mathcal N(x_t/\\sqrt{\\alpha_t},\\ \\beta_t/\\alpha_t)$, and the "
              "posterior $\\mathcal N(\\tilde\\mu_t, \\tilde\\beta_t)$ computed by the engine's "
              "`q_posterior`.",
        "zh": "选择步数 $t$、干净值 $x_0$ 和带噪值 $x_t$。作为 $x_{t-1}$ 的函数："
              "先验 $q(x_{t-1}\\mid x_0) = \\mathcal N(\\sqrt{\\bar\\alpha_{t-1}}"
              "x_0,\\ 1-\\bar\\alpha_{t-1})$；似然 $q(x_t\\mid x_{t-1}) \\propto "
              "\\mathcal N(x_t;\\ \\sqrt{\\alpha_t}x_{t-1},\\ \\beta_t)$，对 $x_{t-1}$ 归一化后是 "
              "$\\mathcal N(x_t/\\sqrt{\\alpha_t},\\ \\beta_t/\\alpha_t)$；以及由引擎的 "
              "`q_posterior` 算出的后验 $\\mathcal N(\\tilde\\mu_t, \\tilde\\beta_t)$。",
    },
    "posterior.slider_t": {"en": "step t", "zh": "步数 t"},
    "posterior.only_t2": {
        "en": "step t = 2 (the only step with t ≥ 2 when T = 2)",
        "zh": "步数 t = 2（T = 2 时唯一满足 t ≥ 2 的步）",
    },
    "posterior.slider_x0": {"en": "clean value x₀", "zh": "干净值 x₀"},
    "posterior.slider_xt": {"en": "noisy value xₜ", "zh": "带噪值 xₜ"},
    "posterior.curve_prior": {"en": "prior q(xₜ₋₁ | x₀)", "zh": "先验 q(xₜ₋₁ | x₀)"},
    "posterior.curve_like": {
        "en": "likelihood q(xₜ | xₜ₋₁), normalised in xₜ₋₁",
        "zh": "似然 q(xₜ | xₜ₋₁)（对 xₜ₋₁ 归一化）",
    },
    "posterior.curve_post": {
        "en": "posterior q(xₜ₋₁ | xₜ, x₀) (engine)",
        "zh": "后验 q(xₜ₋₁ | xₜ, x₀)（引擎）",
    },
    "posterior.word_prior": {"en": "prior", "zh": "先验"},
    "posterior.word_like": {"en": "likelihood", "zh": "似然"},
    "posterior.density": {"en": "density", "zh": "概率密度"},
    "posterior.s4_read": {
        "en": "A product of two Gaussians in $x_{t-1}$ is a Gaussian whose **precisions add** "
              "and whose mean is the **precision-weighted average** of the two means. For "
              "large $t$ the likelihood is much narrower than the prior, so the posterior sits "
              "on it; for small $t$ the prior is narrow too and pulls the mean towards "
              "$\\sqrt{\\bar\\alpha_{t-1}}x_0$:",
        "zh": "关于 $x_{t-1}$ 的两个高斯之积仍是高斯：**精度（方差的倒数）相加**，"
              "均值是两个均值的**按精度加权平均**。$t$ 较大时似然远比先验窄，后验几乎落在似然上；"
              "$t$ 较小时先验也很窄，会把均值拉向 $\\sqrt{\\bar\\alpha_{t-1}}x_0$：",
    },
    "posterior.check_head": {
        "en": "**Live check at t = {t}**: the precision-weighted formula (from the schedule's "
              "table values) against the engine's `q_posterior`.",
        "zh": "**t = {t} 处的实时核对**：按精度加权的公式（用调度表中的数值计算）"
              "对比引擎的 `q_posterior`。",
    },
    "posterior.check_rel": {
        "en": "Largest relative difference between formula and engine: {rel}.",
        "zh": "公式与引擎之间的最大相对差：{rel}。",
    },
    "posterior.s5": {"en": "5. The case t = 1", "zh": "5. t = 1 的情形"},
    "posterior.s5_text": {
        "en": "At $t = 1$ the step goes back to $x_0$ itself, and $\\bar\\alpha_0 = 1$: the "
              "prior $q(x_0\\mid x_0)$ has variance $1-\\bar\\alpha_0 = 0$ (the derivation "
              "above would divide by zero, $A = \\infty$). The posterior is the point $x_0$: "
              "$\\tilde\\beta_1 = 0$, coefficient of $x_0$ equal to 1, coefficient of $x_t$ "
              "equal to 0, which is also what the closed forms give at $\\bar\\alpha_0 = 1$. "
              "The engine's tables at $t = 1$:",
        "zh": "$t = 1$ 时这一步回到 $x_0$ 本身，且 $\\bar\\alpha_0 = 1$：先验 "
              "$q(x_0\\mid x_0)$ 的方差为 $1-\\bar\\alpha_0 = 0$（上面的推导会除以零，"
              "$A = \\infty$）。后验就是点 $x_0$：$\\tilde\\beta_1 = 0$，$x_0$ 的系数为 1，"
              "$x_t$ 的系数为 0；闭式结果在 $\\bar\\alpha_0 = 1$ 时给出的也正是这些值。"
              "引擎的表在 $t = 1$ 处的值：",
    },
    "posterior.s5_float": {
        "en": "In float64 the coefficient of x₀ may print as 1.00000000000011 (1 − 0.9999 "
              "rounds); that is rounding, not a different formula. That is why the SymPy "
              "check above uses t = 2..T, and in the ELBO the t = 1 term is the decoder L₀.",
        "zh": "在 float64 中 x₀ 的系数可能显示为 1.00000000000011（1 − 0.9999 有舍入），"
              "这只是舍入误差，不是公式不同。因此上面的 SymPy 核对只用 t = 2..T；"
              "在 ELBO 中 t = 1 的项是解码器 L₀。",
    },
}
