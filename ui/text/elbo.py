"""Strings of page 3, 'The ELBO' (views/elbo.py). Texts formatted with arguments double
their LaTeX braces ({{ }}); texts without arguments keep them single."""

TEXT = {
    "elbo.title": {"en": "The evidence lower bound (ELBO)", "zh": "证据下界（ELBO）"},
    "elbo.intro": {
        "en": "A diffusion model, like a VAE, is a **latent-variable model**: "
              "$p_\\theta(x) = \\int p(z)\\,p_\\theta(x\\mid z)\\,dz$. The integral over every "
              "possible $z$ is what makes $\\log p_\\theta(x)$ hard to compute, let alone "
              "maximise. The trick of the lecture (P14) is not to compute $\\log p(x)$ at all, "
              "but a **lower bound** of it that holds for *any* distribution $q(z\\mid x)$ we "
              "like, and to maximise that bound instead:",
        "zh": "扩散模型和 VAE 一样是**隐变量模型**："
              "$p_\\theta(x) = \\int p(z)\\,p_\\theta(x\\mid z)\\,dz$。正是对所有可能的 $z$ "
              "积分，使得 $\\log p_\\theta(x)$ 难以计算，更难以最大化。课程（P14）的技巧是："
              "不去算 $\\log p(x)$ 本身，而是算它的一个**下界**——这个下界对我们任选的"
              "分布 $q(z\\mid x)$ 都成立——然后转而最大化这个下界：",
    },
    "elbo.derive": {
        "en": "Why: $p(z\\mid x) = p(x,z)/p(x)$, so $\\log p(x) = \\log p(x,z) - \\log "
              "p(z\\mid x)$ for every $z$. Average over $z \\sim q(z\\mid x)$ and add and "
              "subtract $\\log q(z\\mid x)$. The first expectation is the ELBO; the second is a "
              "KL divergence, never negative, and zero **only when "
              "$q(z\\mid x) = p(z\\mid x)$**. So the gap between the evidence and the bound "
              "is exactly how far $q$ is from the true posterior (Kingma & Welling 2014, "
              "Eqs. 1–3).",
        "zh": "原因：$p(z\\mid x) = p(x,z)/p(x)$，所以对任意 $z$ 都有 $\\log p(x) = "
              "\\log p(x,z) - \\log p(z\\mid x)$。对 $z \\sim q(z\\mid x)$ 取平均，再同时加上、"
              "减去 $\\log q(z\\mid x)$。第一个期望就是 ELBO；第二个是 KL 散度，永远非负，"
              "**当且仅当 $q(z\\mid x) = p(z\\mid x)$ 时为零**。所以证据与下界之间的差距，"
              "恰好就是 $q$ 与真实后验之间的距离（Kingma & Welling 2014，式 1–3）。",
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
              "not $\\sigma^2$: precisions add, $1/v = 1 + w^2/\\sigma^2$ (prior plus "
              "likelihood). (2) The boxed term $w^2s^2$ comes from "
              "$\\mathbb E_q[(wz - wm)^2] = w^2 s^2$: the spread of $q$ also costs "
              "reconstruction accuracy. It is the term most often dropped by hand; without "
              "it the 'lower bound' can rise above $\\log p(x)$.",
        "zh": "**两个易错点。** (1) 后验方差是 $v = \\sigma^2/(w^2+\\sigma^2)$，而不是 "
              "$\\sigma^2$：精度相加，$1/v = 1 + w^2/\\sigma^2$（先验加似然）。"
              "(2) 方框中的 $w^2s^2$ 来自 $\\mathbb E_q[(wz - wm)^2] = w^2 s^2$："
              "$q$ 的展宽同样会降低重建精度。手推时最常漏掉的就是这一项；"
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
    "elbo.metric_post": {"en": "p(z | x) = N(μ, v)", "zh": "p(z | x) = N(μ, v)"},
    "elbo.curve_prior": {"en": "prior p(z)", "zh": "先验 p(z)"},
    "elbo.curve_post": {"en": "true posterior p(z | x)", "zh": "真实后验 p(z | x)"},
    "elbo.curve_q": {"en": "your q(z) = N(m, s²)", "zh": "你选的 q(z) = N(m, s²)"},
    "elbo.density": {"en": "density", "zh": "概率密度"},
    "elbo.bar_elbo": {"en": "ELBO", "zh": "ELBO"},
    "elbo.bar_kl": {"en": "+ KL(q ‖ p(z|x))", "zh": "+ KL(q ‖ p(z|x))"},
    "elbo.bar_log_px": {"en": "= log p(x)", "zh": "= log p(x)"},
    "elbo.nats": {"en": "nats", "zh": "奈特（nats）"},
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
        "en": "**Live check.** The formula says the gap log p(x) − ELBO (both in closed form) "
              "is KL(q ‖ p(z|x)); the engine computes the KL directly from μ, v, m, s. "
              "Second column: the closed-form ELBO against a Monte-Carlo estimate "
              "E_q[log p(x, z) − log q(z)] from {n} reparameterised draws z = m + s·ε.",
        "zh": "**实时核对。** 公式给出：差距 log p(x) − ELBO（两者都用闭式）等于 "
              "KL(q ‖ p(z|x))；引擎则直接由 μ、v、m、s 算出这个 KL。第二列：闭式 ELBO 与"
              "蒙特卡洛估计 E_q[log p(x, z) − log q(z)] 的比较，使用 {n} 个重参数化样本 "
              "z = m + s·ε。",
    },
    "elbo.col_gap": {"en": "gap = KL (nats)", "zh": "差距 = KL（nats）"},
    "elbo.col_elbo": {"en": "ELBO (nats)", "zh": "ELBO（nats）"},
    "elbo.col_se": {"en": "Monte-Carlo SE", "zh": "蒙特卡洛标准误"},
    "elbo.check1_caption": {
        "en": "Gap vs KL: they differ by {diff} (rounding). Monte Carlo vs closed form: "
              "{z} standard errors (within ±4 is agreement; at q = p(z|x) every draw gives "
              "exactly log p(x), so the SE is 0).",
        "zh": "差距与 KL 相差 {diff}（舍入误差）。蒙特卡洛与闭式相差 {z} 个标准误"
              "（在 ±4 以内即为一致；当 q = p(z|x) 时每个样本都恰好给出 log p(x)，"
              "所以标准误为 0）。",
    },
    "elbo.pitfall_numbers": {
        "en": "Here: $v$ = {v} while $\\sigma^2$ = {sigma2}. The $w^2s^2/(2\\sigma^2)$ term is "
              "{w2s2} nats; an ELBO without it would read {wrong}, against "
              "$\\log p(x)$ = {log_px}.",
        "zh": "当前：$v$ = {v}，而 $\\sigma^2$ = {sigma2}。$w^2s^2/(2\\sigma^2)$ 这一项为 "
              "{w2s2} nats；漏掉它的 ELBO 会是 {wrong}，对比 $\\log p(x)$ = {log_px}。",
    },
    "elbo.tight": {
        "en": "The bound is tight: with q = p(z | x) the KL is 0 and ELBO = log p(x). "
              "Maximising the ELBO over q is the same as fitting q to the posterior.",
        "zh": "下界是紧的：q = p(z | x) 时 KL 为 0，ELBO = log p(x)。"
              "对 q 最大化 ELBO，等价于让 q 去拟合后验。",
    },
    # ------------------------------------------------------------------ part 2
    "elbo.s2": {
        "en": "2. The same bound for DDPM (lecture P15–16, P22)",
        "zh": "2. DDPM 的同一个下界（课程 P15–16、P22）",
    },
    "elbo.s2_intro": {
        "en": "In DDPM the latent is the whole noisy chain $z = x_{1:T}$, and $p_\\theta(x_0)$ "
              "integrates over all of it (P15). The 'encoder' $q$ is not learned: it is the "
              "fixed forward process. Applying the bound above and splitting the log-ratio "
              "step by step (Ho et al. 2020, Eq. 3, App. A) gives three kinds of term "
              "(Eq. 5). Ho's $L$ is **minus** the ELBO, so it *upper*-bounds the negative "
              "log-likelihood:",
        "zh": "在 DDPM 中，隐变量是整条带噪链 $z = x_{1:T}$，$p_\\theta(x_0)$ 要对它整体积分"
              "（P15）。这里的“编码器” $q$ 不需要学习：它就是固定的前向过程。"
              "套用上面的下界，再把对数比逐步拆开（Ho et al. 2020，式 3、附录 A），"
              "就得到三类项（式 5）。Ho 的 $L$ 是 ELBO 的**相反数**，因此它是负对数似然的"
              "*上*界：",
    },
    "elbo.terms_meaning": {
        "en": "- $L_T$ — **prior matching**: how far the end of the forward process "
              "$q(x_T\\mid x_0)$ is from the pure noise $p(x_T)=\\mathcal N(0,I)$ that sampling "
              "starts from. It has **no parameters** (θ does not appear), so training ignores "
              "it; the schedule alone makes it small (P22: the second term can be dropped).\n"
              "- $L_{t-1}$, $t = 2..T$ — **denoising matching**: the KL between the "
              "tractable posterior $q(x_{t-1}\\mid x_t, x_0)$ (fixed, computable: page 5) and "
              "the model's step $p_\\theta(x_{t-1}\\mid x_t)$. This is where θ is learned "
              "(page 6 turns it into the ε-loss).\n"
              "- $L_0$ — **reconstruction**: $-\\log p_\\theta(x_0\\mid x_1)$, how well the "
              "last step decodes the data from an almost clean $x_1$. For continuous 2-D "
              "data it is minus a log *density* and can be negative.",
        "zh": "- $L_T$ —— **先验匹配**：前向过程的终点 $q(x_T\\mid x_0)$ 与采样起点纯噪声 "
              "$p(x_T)=\\mathcal N(0,I)$ 相差多远。它**不含参数**（θ 不出现），"
              "所以训练时忽略它；只靠调度就能让它很小（P22：第二项可以略掉）。\n"
              "- $L_{t-1}$，$t = 2..T$ —— **去噪匹配**：可精确计算的后验 "
              "$q(x_{t-1}\\mid x_t, x_0)$（固定的，见第 5 页）与模型的一步 "
              "$p_\\theta(x_{t-1}\\mid x_t)$ 之间的 KL。θ 正是在这里被学习的"
              "（第 6 页把它化成 ε 损失）。\n"
              "- $L_0$ —— **重建**：$-\\log p_\\theta(x_0\\mid x_1)$，最后一步从几乎干净的 "
              "$x_1$ 解码出数据的好坏。对连续的二维数据，它是对数*密度*的相反数，可以为负。",
    },
    "elbo.s2_gap": {
        "en": "The gap is the same KL as in part 1, now between whole chains: "
              "$L - (-\\log p_\\theta(x_0)) = \\mathrm{KL}\\big(q(x_{1:T}\\mid x_0)\\,\\|\\,"
              "p_\\theta(x_{1:T}\\mid x_0)\\big)$. Because $q$ is fixed, the bound can only "
              "become tight if the model's reverse chain matches the forward one.",
        "zh": "差距仍是第 1 部分中的那个 KL，只不过现在是整条链之间的 KL："
              "$L - (-\\log p_\\theta(x_0)) = \\mathrm{KL}\\big(q(x_{1:T}\\mid x_0)\\,\\|\\,"
              "p_\\theta(x_{1:T}\\mid x_0)\\big)$。由于 $q$ 是固定的，只有当模型的逆向链与"
              "前向链相吻合时，下界才可能变紧。",
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
              "各抽一个新的 $x_t$（单位：每个二维点的 nats）。",
    },
    "elbo.mixture": {"en": "data (Gaussian mixture)", "zh": "数据（高斯混合）"},
    "elbo.sigma2": {
        "en": "reverse variance σₜ² of p_θ(xₜ₋₁ | xₜ)",
        "zh": "p_θ(xₜ₋₁ | xₜ) 的逆向方差 σₜ²",
    },
    "elbo.computing": {
        "en": "Computing all T = {T} terms with the exact ε* (once per schedule)…",
        "zh": "正在用精确的 ε* 计算全部 T = {T} 项（每个调度只算一次）……",
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
        "en": "Left: L₀ is minus a log-density, large and negative when the decoder variance "
              "β₁ is small, and the denoising terms are large and positive; their sum is the "
              "bound L, next to the exact negative log-likelihood (green). Right: Lₖ compares "
              "q(xₖ | xₖ₊₁, x₀) with p_θ(xₖ | xₖ₊₁), so k = t − 1; L₀ is not drawn there "
              "(it is negative). Most of the denoising cost sits at small k.",
        "zh": "左图：L₀ 是对数密度的相反数，解码器方差 β₁ 很小时它是很大的负数；去噪项之和"
              "是很大的正数；二者相加得到上界 L，旁边是精确的负对数似然（绿色）。右图：Lₖ 比较的是 "
              "q(xₖ | xₖ₊₁, x₀) 与 p_θ(xₖ | xₖ₊₁)，即 k = t − 1；L₀ 为负，未画在此图中。"
              "去噪代价主要集中在 k 较小的地方。",
    },
    "elbo.check2_head": {
        "en": "**Live check.** The formula says $L \\ge -\\mathbb E[\\log q(x_0)]$, i.e. "
              "the gap $L + \\log q(x_0)$ is never negative. The engine computed $L$ as the "
              "sum of the terms above and the gap per data point (same points for both).",
        "zh": "**实时核对。** 公式给出 $L \\ge -\\mathbb E[\\log q(x_0)]$，即差距 "
              "$L + \\log q(x_0)$ 永远不为负。引擎把上面各项相加得到 $L$，"
              "并对每个数据点计算差距（两者用同一批数据点）。",
    },
    "elbo.col_L": {"en": "L = −ELBO (nats)", "zh": "L = −ELBO（nats）"},
    "elbo.col_gap2": {"en": "gap L + log q(x₀) (nats)", "zh": "差距 L + log q(x₀)（nats）"},
    "elbo.check2_caption": {
        "en": "Formula row: the least values the bound allows (L ≥ the exact NLL, gap ≥ 0). "
              "Engine row: Monte-Carlo estimates with their standard error.",
        "zh": "“公式给出”一行：上界允许的最小值（L ≥ 精确 NLL，差距 ≥ 0）。"
              "“引擎算得”一行：蒙特卡洛估计及其标准误。",
    },
    "elbo.gap_clear": {
        "en": "The bound holds with room to spare: gap = {gap} ± {se} nats ({z} standard "
              "errors above 0).",
        "zh": "上界成立且留有余量：差距 = {gap} ± {se} nats（比 0 高 {z} 个标准误）。",
    },
    "elbo.gap_small": {
        "en": "The bound is nearly tight: gap = {gap} ± {se} nats is within Monte-Carlo "
              "error of 0 (a negative estimate here is noise, not a violation).",
        "zh": "上界几乎是紧的：差距 = {gap} ± {se} nats，与 0 的差别在蒙特卡洛误差之内"
              "（此处出现负的估计值是噪声，并非违反下界）。",
    },
    "elbo.gap_violated": {
        "en": "The estimate gap = {gap} ± {se} nats is more than 3 standard errors below 0: "
              "that contradicts the bound, so something in the computation is wrong.",
        "zh": "差距估计 = {gap} ± {se} nats，比 0 低 3 个标准误以上：这与下界矛盾，"
              "说明计算中有错误。",
    },
    "elbo.sigma_note": {
        "en": "**Which reverse variance?** Even with the perfect ε*, the bound depends on the "
              "fixed σₜ². With σₜ² = β̃ₜ (the posterior variance for a *single* known $x_0$) "
              "the gap is about 0.9 nats for the default linear schedule: at small t the "
              "model does not know $x_0$ exactly, so the true reverse step is wider than "
              "β̃ₜ, and a too-narrow Gaussian pays heavily in KL. With σₜ² = βₜ the gap "
              "nearly closes on this data. Choosing σₜ² optimally is the point of "
              "Analytic-DPM (Bao et al. 2022): $\\sigma_t^{*2} = \\tilde\\beta_t + "
              "(c^0_t)^2\\,\\mathbb E\\,\\mathrm{tr\\,Cov}(x_0\\mid x_t)/d$.",
        "zh": "**逆向方差取哪个？** 即使有完美的 ε*，上界仍取决于固定的 σₜ²。取 σₜ² = β̃ₜ"
              "（已知*单个* $x_0$ 时的后验方差），默认线性调度下差距约为 0.9 nats："
              "在 t 较小时模型并不确切知道 $x_0$，真实的逆向一步比 β̃ₜ 更宽，"
              "过窄的高斯会在 KL 上付出很大代价。取 σₜ² = βₜ 时，在这份数据上差距几乎消失。"
              "最优地选择 σₜ² 正是 Analytic-DPM（Bao et al. 2022）的要点："
              "$\\sigma_t^{*2} = \\tilde\\beta_t + (c^0_t)^2\\,\\mathbb E\\,"
              "\\mathrm{tr\\,Cov}(x_0\\mid x_t)/d$。",
    },
    "elbo.T1": {
        "en": "T = 1: the bound has only two terms, L = L₀ + L_T, and no denoising-matching "
              "term at all: everything the model can learn sits in one Gaussian decoder step "
              "p_θ(x₀ | x₁), while the prior term L_T = {LT} nats is fixed by the schedule.",
        "zh": "T = 1：上界只有两项 L = L₀ + L_T，完全没有去噪匹配项：模型能学的全部内容"
              "都在一步高斯解码器 p_θ(x₀ | x₁) 里，而先验项 L_T = {LT} nats 完全由调度决定。",
    },
    "elbo.T2": {
        "en": "T = 2: a single denoising-matching term, L₁ (t = 2), between L₀ and L_T.",
        "zh": "T = 2：在 L₀ 与 L_T 之间只有一个去噪匹配项 L₁（t = 2）。",
    },
    "elbo.prior_mismatch": {
        "en": "Prior mismatch: ᾱ_T = {ab}, so x_T still carries x₀ and q(x_T | x₀) is not "
              "N(0, I). The prior term alone costs L_T = {LT} nats (the whole gap above the "
              "exact NLL is {gap} nats). No θ can fix this: only a longer or noisier "
              "schedule can.",
        "zh": "先验不匹配：ᾱ_T = {ab}，x_T 仍带有 x₀ 的信息，q(x_T | x₀) 不是 N(0, I)。"
              "仅先验项就要 L_T = {LT} nats（高出精确 NLL 的总差距为 {gap} nats）。"
              "任何 θ 都无法弥补这一点，只能靠更长或噪声更大的调度。",
    },
}
