"""Strings of page 3, 'The ELBO' (views/elbo.py). Texts formatted with arguments double
their LaTeX braces ({{ }}); texts without arguments keep them single."""

TEXT = {
    "elbo.title": {"en": "The evidence lower bound (ELBO)", "zh": "证据下界（ELBO）"},
    "elbo.question": {
        "en": "log p(x) of a latent-variable model cannot be computed — so what can we compute "
              "and maximise instead, and how far is it from log p(x)?",
        "zh": "隐变量模型的 log p(x) 算不出来——那么我们能计算并最大化什么？它离 log p(x) "
              "有多远？",
    },
    "elbo.intro": {
        "en": "A diffusion model, like a VAE, is a **latent-variable model**: "
              "$p_\\theta(x) = \\int p(z)\\,p_\\theta(x\\mid z)\\,dz$. The integral over every "
              "possible $z$ is what makes $\\log p_\\theta(x)$ hard to compute, let alone "
              "maximise. The trick is not to compute $\\log p(x)$ at all, but a **lower "
              "bound** of it that holds for *any* distribution $q(z\\mid x)$ we like, and to "
              "maximise that bound instead:",
        "zh": "扩散模型和 VAE 一样是**隐变量模型**："
              "$p_\\theta(x) = \\int p(z)\\,p_\\theta(x\\mid z)\\,dz$。正是对所有可能的 $z$ "
              "积分，使得 $\\log p_\\theta(x)$ 难以计算，更难以最大化。技巧在于："
              "不去算 $\\log p(x)$ 本身，而是算它的一个**下界**——这个下界对我们任选的"
              "分布 $q(z\\mid x)$ 都成立——然后转而最大化这个下界：",
    },
    "elbo.derive": {
        "en": "Why: $p(z\\mid x) = p(x,z)/p(x)$, so $\\log p(x) = \\log p(x,z) - \\log "
              "p(z\\mid x)$ for every $z$. Average over $z \\sim q(z\\mid x)$ and add and "
              "subtract $\\log q(z\\mid x)$. The first expectation is the ELBO; the second is a "
              "KL divergence, never negative, and zero **only when "
              "$q(z\\mid x) = p(z\\mid x)$**. So the gap between the evidence and the bound "
              "is exactly the KL divergence from $q$ to the true posterior (Kingma and "
              "Welling (2014), Eqs. (1)–(3)).",
        "zh": "原因：$p(z\\mid x) = p(x,z)/p(x)$，所以对任意 $z$ 都有 $\\log p(x) = "
              "\\log p(x,z) - \\log p(z\\mid x)$。对 $z \\sim q(z\\mid x)$ 取平均，再同时加上、"
              "减去 $\\log q(z\\mid x)$。第一个期望就是 ELBO；第二个是 KL 散度，永远非负，"
              "**当且仅当 $q(z\\mid x) = p(z\\mid x)$ 时为零**。所以证据与下界之间的差距，"
              "恰好就是 $q$ 相对真实后验的 KL 散度（Kingma 与 Welling（2014），"
              "式 (1)–(3)）。",
    },
    # ------------------------------------------------------------------ part 1
    "elbo.s1": {
        "en": "1. A model small enough that everything is exact",
        "zh": "1. 一个小到一切都能精确计算的模型",
    },
    "elbo.s1_intro": {
        "en": "One latent number $z$, one observation $x$, everything Gaussian and linear. "
              "Then the evidence $p(x)$, the true posterior $p(z\\mid x)$, the ELBO of any "
              "Gaussian $q = \\mathcal N(m, s^2)$ and the gap all have closed forms, so we can "
              "*see* the identity $\\log p(x) = \\mathrm{ELBO} + \\mathrm{KL}$ instead of "
              "trusting it.",
        "zh": "一个隐变量 $z$、一个观测 $x$，全是线性高斯。于是证据 $p(x)$、真实后验 "
              "$p(z\\mid x)$、任意高斯 $q = \\mathcal N(m, s^2)$ 的 ELBO 以及差距都有闭式解，"
              "我们就能亲眼*看到* $\\log p(x) = \\mathrm{ELBO} + \\mathrm{KL}$，而不必只是相信它。",
    },
    "elbo.pitfalls": {
        "en": "**Two pitfalls.** (1) The posterior variance is $v = \\sigma^2/(w^2+\\sigma^2)$, "
              "not $\\sigma^2$: precisions (inverse variances) add, $1/v = 1 + w^2/\\sigma^2$ "
              "(prior plus likelihood). (2) The boxed term $w^2s^2$ comes from "
              "$\\mathbb E_q[(wz - wm)^2] = w^2 s^2$: the spread of $q$ also makes the "
              "reconstruction worse. It is the term most often dropped by hand; without "
              "it the 'lower bound' can rise above $\\log p(x)$.",
        "zh": "**两个易错点。** (1) 后验方差是 $v = \\sigma^2/(w^2+\\sigma^2)$，而不是 "
              "$\\sigma^2$：精度（方差的倒数）相加，$1/v = 1 + w^2/\\sigma^2$（先验加似然）。"
              "(2) 方框中的 $w^2s^2$ 来自 $\\mathbb E_q[(wz - wm)^2] = w^2 s^2$："
              "$q$ 的展宽同样会让重建变差。手推时最常漏掉的就是这一项；"
              "漏掉它，所谓的“下界”就可能跑到 $\\log p(x)$ 之上。",
    },
    "elbo.slider_x": {"en": "observed x", "zh": "观测值 x"},
    "elbo.slider_m": {"en": "mean m of q(z)", "zh": "q(z) 的均值 m"},
    "elbo.slider_s": {"en": "standard deviation s of q(z)", "zh": "q(z) 的标准差 s"},
    "elbo.model_params": {
        "en": "Model parameters w, b, σ (the decoder x | z ~ N(wz + b, σ²))",
        "zh": "模型参数 w、b、σ（解码器 x | z ~ N(wz + b, σ²)）",
    },
    "elbo.slider_w": {"en": "weight w", "zh": "权重 w"},
    "elbo.slider_b": {"en": "offset b", "zh": "偏置 b"},
    "elbo.slider_sigma": {"en": "decoder noise σ", "zh": "解码器噪声 σ"},
    "elbo.toggle_post": {
        "en": "Set q = p(z | x) (the best possible q)",
        "zh": "令 q = p(z | x)（最优的 q）",
    },
    "elbo.toggle_post_help": {
        "en": "q becomes the engine's exact posterior N(μ, v); the m and s sliders are ignored.",
        "zh": "q 取为引擎算出的精确后验 N(μ, v)；此时忽略 m 与 s 两个滑块。",
    },
    "elbo.at_post": {
        "en": "q = p(z | x): m = μ = {m}, s = √v = {s}. Move a model parameter or x and q "
              "follows the posterior.",
        "zh": "q = p(z | x)：m = μ = {m}，s = √v = {s}。调节模型参数或 x，q 会随后验一起变化。",
    },
    "elbo.metric_log_px": {"en": "log p(x) (exact)", "zh": "log p(x)（精确）"},
    "elbo.metric_elbo": {"en": "ELBO(q)", "zh": "ELBO(q)"},
    "elbo.metric_kl": {"en": "KL(q ‖ p(z|x))", "zh": "KL(q ‖ p(z|x))"},
    "elbo.metric_post": {"en": "p(z | x) = N(μ, v): μ, v", "zh": "p(z | x) = N(μ, v)：μ, v"},
    "elbo.curve_prior": {"en": "prior p(z)", "zh": "先验 p(z)"},
    "elbo.curve_post": {"en": "true posterior p(z | x)", "zh": "真实后验 p(z | x)"},
    "elbo.curve_q": {"en": "your q(z) = N(m, s²)", "zh": "你选的 q(z) = N(m, s²)"},
    "elbo.density": {"en": "density", "zh": "概率密度"},
    "elbo.bar_elbo": {"en": "ELBO", "zh": "ELBO"},
    "elbo.bar_kl": {"en": "+ KL(q ‖ p(z|x))", "zh": "+ KL(q ‖ p(z|x))"},
    "elbo.bar_log_px": {"en": "= log p(x)", "zh": "= log p(x)"},
    "elbo.nats": {"en": "nats", "zh": "nat"},
    "elbo.gap_caption": {
        "en": "Left: the closer q (blue, dashed) is to the true posterior (green), the smaller "
              "the KL. Right: the red bar starts at the ELBO and has height KL(q ‖ p(z|x)), "
              "computed on its own; it ends exactly on the dashed line, log p(x), also "
              "computed on its own. Moving q changes the split, never the total.",
        "zh": "左图：q（蓝色虚线）越接近真实后验（绿色），KL 越小。右图：红色柱从 ELBO 出发，"
              "高度是单独算出的 KL(q ‖ p(z|x))；它的顶端恰好落在虚线 log p(x) 上，"
              "而 log p(x) 也是单独算出的。移动 q 只改变两部分的分配，总和始终不变。",
    },
    "elbo.check1_head": {
        "en": "**Live check.** First column: the formula says the gap log p(x) − ELBO (both "
              "in closed form) is KL(q ‖ p(z|x)); the engine computes the KL directly from "
              "μ, v, m, s. Second column: the closed-form ELBO against a Monte-Carlo "
              "estimate E_q[log p(x, z) − log q(z)] from {n} reparameterised draws "
              "z = m + s·ε.",
        "zh": "**实时检验。** 第一列：公式给出差距 log p(x) − ELBO（两者都用闭式）等于 "
              "KL(q ‖ p(z|x))；引擎则直接由 μ、v、m、s 算出这个 KL。第二列：闭式 ELBO 与"
              "蒙特卡洛估计 E_q[log p(x, z) − log q(z)] 的比较，使用 {n} 个重参数化样本 "
              "z = m + s·ε。",
    },
    "elbo.col_gap": {"en": "gap = KL (nats)", "zh": "差距 = KL（nat）"},
    "elbo.col_elbo": {"en": "ELBO (nats)", "zh": "ELBO（nat）"},
    "elbo.check1_caption": {
        "en": "Gap against KL: they differ by ${diff}$ (floating-point rounding). Monte Carlo "
              "against the closed form: difference ${mc_diff}$, standard error "
              "SE $= {se}$; agreement means $|\\text{{difference}}| \\le {k}\\,\\mathrm{{SE}} + "
              "{floor} = {tol}$ → **{verdict}**.{post}",
        "zh": "差距与 KL：两者相差 ${diff}$（浮点舍入误差）。蒙特卡洛与闭式：差为 "
              "${mc_diff}$，标准误 SE $= {se}$；判为一致的条件是 "
              "$|\\text{{差}}| \\le {k}\\,\\mathrm{{SE}} + {floor} = {tol}$ → **{verdict}**。"
              "{post}",
    },
    "elbo.check1_post": {
        "en": " At q = p(z|x) every draw gives exactly log p(x): the SE is rounding noise, and "
              "the absolute floor, not a count of standard errors, is what the difference is "
              "judged by.",
        "zh": "当 q = p(z|x) 时每个样本都恰好给出 log p(x)：此时 SE 只是舍入噪声，"
              "判断依据是绝对下限，而不是相差几个标准误。",
    },
    "elbo.agree": {"en": "agree", "zh": "一致"},
    "elbo.disagree": {"en": "DISAGREE — the engine is wrong", "zh": "不一致——引擎有错"},
    "elbo.pitfall_numbers": {
        "en": "Here: $v$ = {v} while $\\sigma^2$ = {sigma2}. The $w^2s^2/(2\\sigma^2)$ term is "
              "{w2s2} nats; an ELBO without it would read {wrong}, against "
              "$\\log p(x)$ = {log_px}.",
        "zh": "当前：$v$ = {v}，而 $\\sigma^2$ = {sigma2}。$w^2s^2/(2\\sigma^2)$ 这一项为 "
              "{w2s2} nat；漏掉它的 ELBO 会是 {wrong}，对比 $\\log p(x)$ = {log_px}。",
    },
    "elbo.tight": {
        "en": "The bound is tight: with q = p(z | x) the KL is 0 and ELBO = log p(x). "
              "Maximising the ELBO over q is the same as fitting q to the posterior.",
        "zh": "下界是紧的：q = p(z | x) 时 KL 为 0，ELBO = log p(x)。"
              "对 q 最大化 ELBO，等价于让 q 去拟合后验。",
    },
    # ------------------------------------------------------------------ part 2
    "elbo.s2": {
        "en": "2. The same bound for DDPM",
        "zh": "2. DDPM 的同一个下界",
    },
    "elbo.s2_intro": {
        "en": "In DDPM the latent is the whole noisy chain $z = x_{1:T}$, and $p_\\theta(x_0)$ "
              "integrates over all of it. The 'encoder' $q$ is not learned: it is the "
              "fixed forward process. Applying the bound above and splitting the log-ratio "
              "step by step (Ho et al. (2020), Eq. (3) and Appendix A) gives three kinds of "
              "term (their Eq. (5)). Ho's $L$ is **minus** the ELBO, so it *upper*-bounds the "
              "negative log-likelihood:",
        "zh": "在 DDPM 中，隐变量是整条带噪链 $z = x_{1:T}$，$p_\\theta(x_0)$ 要对它整体积分。"
              "这里的“编码器” $q$ 不需要学习：它就是固定的前向过程。"
              "套用上面的下界，再把对数比逐步拆开（Ho 等人（2020），式 (3) 与附录 A），"
              "就得到三类项（原文式 (5)）。Ho 的 $L$ 是 ELBO 的**相反数**，因此它是负对数"
              "似然的*上*界：",
    },
    "elbo.terms_meaning": {
        "en": "- $L_T$ — **prior matching**: how far the end of the forward process "
              "$q(x_T\\mid x_0)$ is from the pure noise $p(x_T)=\\mathcal N(0,I)$ that sampling "
              "starts from. It has **no parameters** (θ does not appear), so training can "
              "leave it out; the schedule and the data alone decide its size.\n"
              "- $L_{t-1}$, $t = 2..T$ — **denoising matching**: the KL divergence between "
              "$q(x_{t-1}\\mid x_t, x_0)$ — the forward process's own conditional, which "
              "exists whatever its form; the posterior page shows it is a Gaussian with a "
              "closed form — and the model's step $p_\\theta(x_{t-1}\\mid x_t)$. This is where "
              "θ is learned (the ε-objective page turns it into the ε-loss).\n"
              "- $L_0$ — **reconstruction**: $-\\log p_\\theta(x_0\\mid x_1)$, how well the "
              "last step decodes the data from an almost clean $x_1$. For continuous 2-D "
              "data it is minus a log *density* and can be negative.",
        "zh": "- $L_T$ —— **先验匹配**：前向过程的终点 $q(x_T\\mid x_0)$ 与采样起点纯噪声 "
              "$p(x_T)=\\mathcal N(0,I)$ 相差多远。它**不含参数**（θ 不出现），"
              "所以训练时可以不管它；它的大小只由调度和数据决定。\n"
              "- $L_{t-1}$，$t = 2..T$ —— **去噪匹配**：$q(x_{t-1}\\mid x_t, x_0)$——"
              "前向过程自身的条件分布，无论其形式如何都存在；后验页会说明它是有闭式的高斯"
              "——与模型的一步 $p_\\theta(x_{t-1}\\mid x_t)$ 之间的 KL 散度。θ 正是在这里被"
              "学习的（ε 目标函数页把它化成 ε 损失）。\n"
              "- $L_0$ —— **重建**：$-\\log p_\\theta(x_0\\mid x_1)$，最后一步从几乎干净的 "
              "$x_1$ 解码出数据的好坏。对连续的二维数据，它是对数*密度*的相反数，可以为负。",
    },
    "elbo.s2_gap": {
        "en": "The gap is the same KL divergence as in part 1, now between whole chains: "
              "$L - (-\\log p_\\theta(x_0)) = \\mathrm{KL}\\big(q(x_{1:T}\\mid x_0)\\,\\|\\,"
              "p_\\theta(x_{1:T}\\mid x_0)\\big)$. Because $q$ is fixed, the bound can only "
              "become tight if the model's reverse chain matches the forward one.",
        "zh": "差距仍是第 1 部分中的那个 KL 散度，只不过现在是整条链之间的："
              "$L - (-\\log p_\\theta(x_0)) = \\mathrm{KL}\\big(q(x_{1:T}\\mid x_0)\\,\\|\\,"
              "p_\\theta(x_{1:T}\\mid x_0)\\big)$。由于 $q$ 是固定的，只有当模型的反向链与"
              "前向链相吻合时，下界才可能变紧。",
    },
    "elbo.ahead": {
        "en": "⏩ Ahead of the story: every term computed (uses β̃ₜ and ε*, defined on the "
              "posterior and ε-objective pages)",
        "zh": "⏩ 提前一瞥：逐项计算（用到后验页与 ε 目标函数页才定义的 β̃ₜ 和 ε*）",
    },
    "elbo.ahead_intro": {
        "en": "This part computes the bound term by term. It uses three things the next pages "
              "define: the posterior $q(x_{t-1}\\mid x_t, x_0)$ with its variance "
              "$\\tilde\\beta_t$, the KL divergence between two Gaussians that makes each "
              "$L_{t-1}$ a formula, and the optimal noise predictor $\\epsilon^*$. Read it "
              "now for the numbers, or come back after those pages.",
        "zh": "这一部分逐项计算上界。它用到后面几页才定义的三样东西：后验 "
              "$q(x_{t-1}\\mid x_t, x_0)$ 及其方差 $\\tilde\\beta_t$、让每个 $L_{t-1}$ "
              "都有公式的两个高斯之间的 KL 散度，以及最优噪声预测器 $\\epsilon^*$。"
              "可以现在先看数字，也可以读完那几页再回来。",
    },
    "elbo.ahead_posterior": {
        "en": "β̃ₜ, q(xₜ₋₁ | xₜ, x₀): posterior page",
        "zh": "β̃ₜ 与 q(xₜ₋₁ | xₜ, x₀)：后验页",
    },
    "elbo.ahead_objective": {
        "en": "Lₜ₋₁ as a KL, ε*: ε-objective page",
        "zh": "Lₜ₋₁ 写成 KL 散度、ε*：ε 目标函数页",
    },
    "elbo.s3": {
        "en": "3. Every term, for the sidebar's schedule",
        "zh": "3. 逐项计算（使用侧边栏的调度）",
    },
    "elbo.s3_intro": {
        "en": "We need data whose true density is known and a model that is as good as a "
              "model can be. Data: a 2-D Gaussian mixture (its $\\log q(x_0)$ is exact). "
              "Model: the exact optimal noise predictor $\\epsilon^*(x_t, t) = "
              "\\mathbb E[\\epsilon\\mid x_t]$ of this mixture, the network a perfect training "
              "run would reach. `vlb_terms` computes every $L_k$ for {n} points $x_0$, one "
              "fresh $x_t$ per point and $t$ (units: nats per 2-D point).",
        "zh": "我们需要真实密度已知的数据，以及一个好到不能再好的模型。数据：二维高斯混合"
              "（它的 $\\log q(x_0)$ 是精确的）。模型：该混合分布的精确最优噪声预测器 "
              "$\\epsilon^*(x_t, t) = \\mathbb E[\\epsilon\\mid x_t]$，也就是完美训练所能达到的"
              "网络。`vlb_terms` 对 {n} 个数据点 $x_0$ 计算每一项 $L_k$，每个点、每个 $t$ "
              "各抽一个新的 $x_t$（单位：每个二维点的 nat）。",
    },
    "elbo.mixture": {"en": "data (Gaussian mixture)", "zh": "数据（高斯混合）"},
    "elbo.mix.8gaussians": {"en": "8 Gaussians on a circle", "zh": "圆上的 8 个高斯"},
    "elbo.mix.two_gaussians": {"en": "two Gaussians", "zh": "两个高斯"},
    "elbo.sigma2": {
        "en": "reverse variance σₜ² of p_θ(xₜ₋₁ | xₜ)",
        "zh": "p_θ(xₜ₋₁ | xₜ) 的反向方差 σₜ²",
    },
    "elbo.sig.beta_tilde": {"en": "σₜ² = β̃ₜ", "zh": "σₜ² = β̃ₜ"},
    "elbo.sig.beta": {"en": "σₜ² = βₜ", "zh": "σₜ² = βₜ"},
    "elbo.computing": {
        "en": "Computing all T = {T} terms with the exact ε*, for both variances (once per "
              "schedule)…",
        "zh": "正在用精确的 ε* 为两种方差计算全部 T = {T} 项（每个调度只算一次）……",
    },
    "elbo.m_L0": {"en": "L₀ (reconstruction)", "zh": "L₀（重建）"},
    "elbo.m_Lmid": {"en": "Σ Lₜ₋₁ (denoising)", "zh": "Σ Lₜ₋₁（去噪匹配）"},
    "elbo.m_LT": {"en": "L_T (prior)", "zh": "L_T（先验）"},
    "elbo.m_L": {"en": "L = −ELBO (bound)", "zh": "L = −ELBO（上界）"},
    "elbo.m_nll": {"en": "−E log q(x₀) (exact)", "zh": "−E log q(x₀)（精确）"},
    "elbo.fig_budget": {"en": "The bound, term by term", "zh": "上界的各部分"},
    "elbo.fig_per_t": {
        "en": "Every Lₖ, k = 1..T (log scale; L_T in orange)",
        "zh": "每一项 Lₖ，k = 1..T（对数坐标；L_T 为橙色）",
    },
    "elbo.fig_caption": {
        "en": "Left: the terms, their sum L and the exact negative log-likelihood of the data "
              "(green). L₀ is minus a log-density, so it can be negative (here {L0} nats); "
              "the denoising terms are KL divergences, never negative. Right: Lₖ compares "
              "q(xₖ | xₖ₊₁, x₀) with p_θ(xₖ | xₖ₊₁), so k = t − 1; L₀ is not drawn there "
              "(the axis is logarithmic). {share}",
        "zh": "左图：各项、它们的和 L，以及数据的精确负对数似然（绿色）。L₀ 是对数密度的相反数，"
              "可以为负（此处为 {L0} nat）；去噪项都是 KL 散度，从不为负。右图：Lₖ 比较的是 "
              "q(xₖ | xₖ₊₁, x₀) 与 p_θ(xₖ | xₖ₊₁)，即 k = t − 1；L₀ 未画在此图中"
              "（纵轴是对数坐标）。{share}",
    },
    "elbo.fig_share": {
        "en": "For this schedule the first {first} denoising terms (the first tenth, "
              "k ≤ {first}) hold {share}% of their sum.",
        "zh": "在当前调度下，前 {first} 个去噪项（前十分之一，k ≤ {first}）占它们总和的 "
              "{share}%。",
    },
    "elbo.check2_head": {
        "en": "**Live check.** Two densities of $x_0$ meet here: $q(x_0)$, the data's (the "
              "mixture, exact), and $p_\\theta(x_0)$, the model's (nobody can compute it). "
              "For every $x_0$ the bound says $L \\ge -\\log p_\\theta(x_0)$. Against the "
              "data's density only the **mean** is bounded: "
              "$\\mathbb E_q[L] \\ge \\mathbb E_q[-\\log p_\\theta(x_0)] \\ge H(q) = "
              "-\\mathbb E_q[\\log q(x_0)]$, so the mean gap $\\mathbb E_q[L + \\log q(x_0)]$ "
              "is never negative. A single point's $L + \\log q(x_0) = "
              "\\mathrm{KL}(q(x_{1:T}\\mid x_0)\\,\\|\\,p_\\theta(x_{1:T}\\mid x_0)) + "
              "\\log q(x_0) - \\log p_\\theta(x_0)$ can be negative, wherever the model puts "
              "more density than the data.",
        "zh": "**实时检验。** 这里出现 $x_0$ 的两个密度：数据的 $q(x_0)$（高斯混合，精确），"
              "和模型的 $p_\\theta(x_0)$（没人算得出）。对每个 $x_0$，上界给出 "
              "$L \\ge -\\log p_\\theta(x_0)$。相对数据的密度，只有**均值**有界："
              "$\\mathbb E_q[L] \\ge \\mathbb E_q[-\\log p_\\theta(x_0)] \\ge H(q) = "
              "-\\mathbb E_q[\\log q(x_0)]$，所以平均差距 $\\mathbb E_q[L + \\log q(x_0)]$ "
              "永远不为负。单个点的 $L + \\log q(x_0) = "
              "\\mathrm{KL}(q(x_{1:T}\\mid x_0)\\,\\|\\,p_\\theta(x_{1:T}\\mid x_0)) + "
              "\\log q(x_0) - \\log p_\\theta(x_0)$ 则可能为负：凡是模型的密度高于数据的地方"
              "都可能如此。",
    },
    "elbo.col_L": {"en": "mean L = −ELBO (nats)", "zh": "L = −ELBO 的均值（nat）"},
    "elbo.col_gap2": {"en": "mean gap L + log q(x₀) (nats)",
                      "zh": "平均差距 L + log q(x₀)（nat）"},
    "elbo.check2_caption": {
        "en": "Formula row: the least values the bound allows for the means (mean L ≥ the "
              "exact mean NLL, mean gap ≥ 0). Engine row: L as the sum of the terms above and "
              "the gap, both averaged over the same {n} points (one draw of each xₜ per "
              "point): Monte-Carlo estimates.",
        "zh": "“公式给出”一行：上界允许的均值的最小值（L 的均值 ≥ 精确的平均 NLL，"
              "平均差距 ≥ 0）。“引擎算得”一行：把上面各项相加得到的 L 与差距，"
              "都在同样的 {n} 个数据点上取平均（每个点的每个 xₜ 只抽一次）：蒙特卡洛估计。",
    },
    "elbo.gap_clear": {
        "en": "The bound holds with room to spare: mean gap = {gap} ± {se} nats (± one "
              "standard error), {z} standard errors above 0, beyond the tolerance "
              "{k}·SE + 10⁻⁹ = {tol}.",
        "zh": "上界成立且留有余量：平均差距 = {gap} ± {se} nat（± 一个标准误），比 0 高 {z} "
              "个标准误，超出容差 {k}·SE + 10⁻⁹ = {tol}。",
    },
    "elbo.gap_small": {
        "en": "The bound is nearly tight: the mean gap {gap} ± {se} nats is within the "
              "tolerance {k}·SE + 10⁻⁹ = {tol} of 0 (a negative estimate here is Monte-Carlo "
              "noise, not a violation).",
        "zh": "上界几乎是紧的：平均差距 {gap} ± {se} nat 与 0 的差别在容差 "
              "{k}·SE + 10⁻⁹ = {tol} 之内（此处出现负的估计值是蒙特卡洛噪声，并非违反上界）。",
    },
    "elbo.gap_violated": {
        "en": "The mean gap {gap} ± {se} nats is below 0 by more than the tolerance "
              "{k}·SE + 10⁻⁹ = {tol}: that contradicts the bound, so something in the "
              "computation is wrong.",
        "zh": "平均差距 {gap} ± {se} nat 比 0 低，且超出容差 {k}·SE + 10⁻⁹ = {tol}："
              "这与上界矛盾，说明计算中有错误。",
    },
    "elbo.sigma_note": {
        "en": "**Which reverse variance?** Even with the perfect ε*, the bound depends on the "
              "fixed σₜ². Here ({kind}, T = {T}, {mix}) the mean gap is {g_bt} ± {se_bt} nats "
              "with σₜ² = β̃ₜ and {g_b} ± {se_b} nats with σₜ² = βₜ. β̃ₜ is the variance of "
              "the reverse step when $x_0$ is known; the model knows only $x_t$, and its "
              "uncertainty about $x_0$ makes the true reverse step wider: its variance, "
              "averaged over $x_t$, is $\\sigma_t^{{*2}} = \\tilde\\beta_t + "
              "(c^0_t)^2\\,\\mathbb E\\,\\mathrm{{tr\\,Cov}}(x_0\\mid x_t)/d \\ge "
              "\\tilde\\beta_t$ (law of total variance; $c^0_t$ is the weight of $x_0$ in "
              "the posterior mean). Using this best fixed variance is the point of "
              "Analytic-DPM (Bao et al. (2022)).",
        "zh": "**反向方差取哪个？** 即使有完美的 ε*，上界仍取决于固定的 σₜ²。在当前设置"
              "（{kind}，T = {T}，{mix}）下，取 σₜ² = β̃ₜ 时平均差距为 {g_bt} ± {se_bt} nat，"
              "取 σₜ² = βₜ 时为 {g_b} ± {se_b} nat。β̃ₜ 是已知 $x_0$ 时反向一步的方差；"
              "模型只知道 $x_t$，它对 $x_0$ 的不确定性让真实的反向一步更宽：对 $x_t$ 平均后的"
              "方差为 $\\sigma_t^{{*2}} = \\tilde\\beta_t + (c^0_t)^2\\,\\mathbb E\\,"
              "\\mathrm{{tr\\,Cov}}(x_0\\mid x_t)/d \\ge \\tilde\\beta_t$（全方差公式；"
              "$c^0_t$ 是后验均值中 $x_0$ 的系数）。采用这个最优的固定方差，正是 "
              "Analytic-DPM（Bao 等人（2022））的要点。",
    },
    "elbo.T1": {
        "en": "T = 1: the bound has only two terms, L = L₀ + L_T, and no denoising-matching "
              "term at all: everything the model can learn sits in one Gaussian decoder step "
              "p_θ(x₀ | x₁), while the prior term L_T = {LT} nats is fixed by the schedule.",
        "zh": "T = 1：上界只有两项 L = L₀ + L_T，完全没有去噪匹配项：模型能学的全部内容"
              "都在一步高斯解码器 p_θ(x₀ | x₁) 里，而先验项 L_T = {LT} nat 完全由调度决定。",
    },
    "elbo.T2": {
        "en": "T = 2: a single denoising-matching term, L₁ (t = 2), between L₀ and L_T.",
        "zh": "T = 2：在 L₀ 与 L_T 之间只有一个去噪匹配项 L₁（t = 2）。",
    },
    "elbo.prior_mismatch": {
        "en": "Prior mismatch: ᾱ_T = {ab}, so x_T still carries x₀ and q(x_T | x₀) is not "
              "N(0, I). The prior term alone costs L_T = {LT} nats (the whole mean gap above "
              "the exact NLL is {gap} nats). No θ can fix this: only a longer or noisier "
              "schedule can.",
        "zh": "先验不匹配：ᾱ_T = {ab}，x_T 仍带有 x₀ 的信息，q(x_T | x₀) 不是 N(0, I)。"
              "仅先验项就要 L_T = {LT} nat（高出精确 NLL 的平均总差距为 {gap} nat）。"
              "任何 θ 都无法弥补这一点，只能靠更长或噪声更大的调度。",
    },
}
