"""Strings of the posterior page (page 5: q(x_{t-1} | x_t, x_0))."""

TEXT = {
    "posterior.question": {
        "en": "If we also know $x_0$, what is the distribution of the less noisy $x_{t-1}$ "
              "given $x_t$, the target the reverse step is trained to match?",
        "zh": "如果还知道 $x_0$，给定 $x_t$ 时噪声更少的 $x_{t-1}$ 服从什么分布？"
              "它就是反向一步要去拟合的目标。",
    },
    "posterior.title": {
        "en": "The posterior $q(x_{t-1}\\mid x_t, x_0)$",
        "zh": "后验 $q(x_{t-1}\\mid x_t, x_0)$",
    },
    "posterior.intro": {
        "en": "To learn the reverse process we need a target: the distribution of the previous, "
              "less noisy $x_{t-1}$ given the current $x_t$. This page derives it exactly "
              "and checks the result against the engine.",
        "zh": "要学习反向过程，需要一个目标：已知当前的 $x_t$ 时，上一步（噪声更少的）"
              "$x_{t-1}$ 的分布。本页精确推导它，并把结果与引擎的计算相互核对。",
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
        "zh": "**为什么要以 $x_0$ 为条件？** 单独的反向一步 $q(x_{t-1}\\mid x_t)$ 是难以计算的："
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
        "en": "The two Gaussians we know (one forward step, Ho et al. 2020, Eq. (2), and the "
              "closed-form marginal, Eq. (4)). Every numbered line below was produced and "
              "checked by SymPy (`ddpm_core.symbolic`); nothing is typed in by hand.",
        "zh": "我们已知的两个高斯分布（前向的一步，Ho 等人（2020）式 (2)；闭式边缘分布，式 (4)）。"
              "下面每个编号的步骤都由 SymPy（`ddpm_core.symbolic`）推出并检验，没有手写的公式。",
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
        "en": "So the posterior is Gaussian with variance $1/A$ (Ho et al. 2020, Eq. (7)).",
        "zh": "所以后验是高斯分布，方差为 $1/A$（Ho 等人（2020）式 (7)）。",
    },
    "posterior.step.mean": {
        "en": "… and mean $B/A$, linear in $x_0$ and $x_t$ (Ho et al. 2020, Eqs. (6)–(7)).",
        "zh": "……均值为 $B/A$，是 $x_0$ 与 $x_t$ 的线性组合（Ho 等人（2020）式 (6)–(7)）。",
    },
    "posterior.s2": {
        "en": "2. The result (Ho et al. 2020, Eqs. (6)–(7))",
        "zh": "2. 结果（Ho 等人（2020）式 (6)–(7)）",
    },
    "posterior.s2_intro": {
        "en": "Reading off variance $1/A$ and mean $B/A$:",
        "zh": "读出方差 $1/A$ 与均值 $B/A$：",
    },
    "posterior.s2_remarks": {
        "en": "Nothing here depends on the network parameters $\\theta$: the mean and variance "
              "are fixed by the schedule. $\\tilde\\beta_t \\le \\beta_t$ simply because "
              "$1-\\bar\\alpha_{t-1} \\le 1-\\bar\\alpha_t$; it does not say that knowing "
              "$x_0$ reduces the uncertainty *below the forward step's* $\\beta_t$, which is the "
              "variance of a different distribution, $q(x_t\\mid x_{t-1})$. What knowing $x_0$ "
              "does reduce is the reverse step's own uncertainty: by the law of total variance, "
              "for every $x_t$,",
        "zh": "这里没有任何量依赖网络参数 $\\theta$：均值和方差完全由噪声调度决定。"
              "$\\tilde\\beta_t \\le \\beta_t$ 只是因为 $1-\\bar\\alpha_{t-1} \\le "
              "1-\\bar\\alpha_t$；它并不是说知道 $x_0$ 会把不确定性降到前向一步的 $\\beta_t$ "
              "*以下*——$\\beta_t$ 是另一个分布 $q(x_t\\mid x_{t-1})$ 的方差。知道 $x_0$ "
              "真正减少的是反向一步自身的不确定性：由全方差公式，对每个 $x_t$ 都有",
    },
    "posterior.s2_example": {
        "en": "The reverse step without $x_0$ can be *more* uncertain than $\\beta_t$: for "
              "data $x_0 \\sim \\mathcal N(0, {v})$ at $t = {t}$ of this schedule (where the "
              "gap is largest), "
              "$\\operatorname{{Var}}(x_{{t-1}}\\mid x_t) = {var}$, while "
              "$\\beta_t = {beta}$ and $\\tilde\\beta_t = {beta_tilde}$ (for Gaussian data "
              "$\\mathcal N(0, v)$ it exceeds $\\beta_t$ exactly when $v > 1$).",
        "zh": "不知道 $x_0$ 时，反向一步的不确定性可能*大于* $\\beta_t$：对数据 "
              "$x_0 \\sim \\mathcal N(0, {v})$，在本调度的 $t = {t}$ 处（差距最大的一步），"
              "$\\operatorname{{Var}}(x_{{t-1}}\\mid x_t) = {var}$，而 "
              "$\\beta_t = {beta}$，$\\tilde\\beta_t = {beta_tilde}$"
              "（对高斯数据 $\\mathcal N(0, v)$，它大于 $\\beta_t$ 当且仅当 $v > 1$）。",
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
        "en": "All {n} entries (3 quantities at t = 2..{T}) agree to within 10⁻⁷ relative. "
              "The tolerance allows for float64 cancellation: near t = 1, 1 − αₜ and 1 − ᾱₜ "
              "are differences of numbers close to 1.",
        "zh": "全部 {n} 个条目（3 个量，t = 2..{T}）的相对误差都在 10⁻⁷ 以内。"
              "这个容差是为 float64 的相消留出的：t 接近 1 时，1 − αₜ 与 1 − ᾱₜ "
              "都是两个接近 1 的数之差，舍入误差较大。",
    },
    "posterior.check_bad": {
        "en": "The derivation and the engine disagree: largest relative error {err} > 10⁻⁷.",
        "zh": "推导与引擎不一致：最大相对误差 {err} > 10⁻⁷。",
    },
    "posterior.derived": {"en": "SymPy-derived", "zh": "SymPy 推导"},
    "posterior.engine": {"en": "engine table", "zh": "引擎的表"},
    "posterior.engine_short": {"en": "engine", "zh": "引擎"},
    "posterior.rel_err": {"en": "relative error", "zh": "相对误差"},
    "posterior.coef_caption": {
        "en": "Lines: SymPy's closed forms; crosses: the engine's tables (every few t). "
              "A log axis is used where a quantity spans many decades. Right: relative error "
              "per t (exact agreement is drawn at 10⁻¹⁷); the dashed line is the 10⁻⁷ "
              "tolerance.",
        "zh": "曲线：SymPy 的闭式结果；叉号：引擎的表（每隔几个 t 取一个）。"
              "跨越多个数量级的量使用对数坐标。右图：每个 t 的相对误差（完全一致的点画在 10⁻¹⁷）；"
              "虚线是 10⁻⁷ 的容差。",
    },
    "posterior.no_t2": {
        "en": "With T = {T} there is no step t ≥ 2, so there is no posterior with xₜ₋₁ ≠ "
              "x₀ to show: q(x₀ | x₁, x₀) is simply the point x₀ (see the t = 1 section "
              "below). Increase T in the sidebar.",
        "zh": "T = {T} 时不存在 t ≥ 2 的步，因此没有 xₜ₋₁ ≠ x₀ 的后验可展示："
              "q(x₀ | x₁, x₀) 就是点 x₀（见下文关于 t = 1 的一节）。请在侧边栏增大 T。",
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
              "and whose mean is the **precision-weighted average** of the two means:",
        "zh": "关于 $x_{t-1}$ 的两个高斯之积仍是高斯：**精度（方差的倒数）相加**，"
              "均值是两个均值的**按精度加权平均**：",
    },
    "posterior.s4_weights": {
        "en": "At t = {t}: the prior's variance is {v_prior} and the likelihood's {v_like}, so "
              "the posterior mean puts weight {w_like} on the likelihood's mean xₜ/√αₜ and "
              "{w_prior} on the prior's √ᾱₜ₋₁ x₀; the narrower curve wins.",
        "zh": "t = {t} 时：先验的方差为 {v_prior}，似然的方差为 {v_like}；因此后验均值给似然的"
              "均值 xₜ/√αₜ 的权重为 {w_like}，给先验的均值 √ᾱₜ₋₁ x₀ 的权重为 {w_prior}："
              "更窄的那条曲线占主导。",
    },
    "posterior.check_head": {
        "en": "**Live check at t = {t}**: the precision-weighted formula (computed from the "
              "schedule's $\\alpha_t$, $\\beta_t$ and $\\bar\\alpha_{{t-1}}$) against the "
              "engine's `q_posterior` (which reads the engine's precomputed posterior "
              "coefficient tables).",
        "zh": "**t = {t} 处的实时检验**：按精度加权的公式（由调度中的 $\\alpha_t$、$\\beta_t$、"
              "$\\bar\\alpha_{{t-1}}$ 计算）对比引擎的 `q_posterior`（它使用引擎预先算好的后验"
              "系数表）。",
    },
    "posterior.check_rel": {
        "en": "Largest relative difference between formula and engine: {rel} (they agree when "
              "it is ≤ {tol}: float64 rounding of two routes to the same numbers).",
        "zh": "公式与引擎之间的最大相对差：{rel}（不超过 {tol} 即为一致：同一个数经两条"
              "计算路径的 float64 舍入差）。",
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
    "posterior.s5_why": {
        "en": "This is why the SymPy check of section 3 covers $t = 2,\\dots,T$: at $t = 1$ "
              "its route divides by $1-\\bar\\alpha_0 = 0$. The exclusion is structural, not "
              "numerical, and the ELBO agrees: its $t = 1$ term is not a KL to this posterior "
              "but the decoder term $L_0 = -\\log p_\\theta(x_0\\mid x_1)$.",
        "zh": "这就是第 3 节的 SymPy 检验只覆盖 $t = 2,\\dots,T$ 的原因：在 $t = 1$ 处，"
              "它的推导要除以 $1-\\bar\\alpha_0 = 0$。排除 $t = 1$ 是结构上的原因，与数值无关；"
              "ELBO 也是如此：其中 $t = 1$ 的项不是到这个后验的 KL，而是解码器项 "
              "$L_0 = -\\log p_\\theta(x_0\\mid x_1)$。",
    },
    "posterior.s5_float": {
        "en": "The stored c⁰₁ differs from 1 by {d}: the engine computes β₁/(1 − ᾱ₁), and "
              "1 − (1 − β₁) rounds in float64. That is rounding, not a different formula.",
        "zh": "表中的 c⁰₁ 与 1 相差 {d}：引擎计算的是 β₁/(1 − ᾱ₁)，而 1 − (1 − β₁) 在 "
              "float64 中有舍入。这只是舍入误差，不是公式不同。",
    },
    "posterior.s5_exact": {
        "en": "With this schedule the stored c⁰₁ is exactly 1 in float64.",
        "zh": "在这个调度下，表中的 c⁰₁ 在 float64 中恰好等于 1。",
    },
}
