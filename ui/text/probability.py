"""Strings of page 0, 'The probability you need' (views/probability.py). Texts formatted with
arguments double their LaTeX braces ({{ }}); texts without arguments keep them single."""

TEXT = {
    "prob.title": {"en": "The probability you need", "zh": "你需要的概率论"},
    "prob.question": {
        "en": "Which pieces of probability does the DDPM derivation stand on, and why does "
              "everyone optimise a lower bound instead of log p(x) itself?",
        "zh": "DDPM 的推导建立在哪些概率论知识之上？为什么大家优化的是一个下界，"
              "而不是 log p(x) 本身？",
    },
    "prob.intro": {
        "en": "Every page after this one uses the same few ideas: Bayes' rule; the difference "
              "between a **joint**, a **marginal** and a **conditional** density; why a latent "
              "variable makes the **evidence** $p(x)$ hard to compute; how to take a gradient "
              "through sampling (**reparameterization**); **importance sampling**; and why one "
              "maximises a lower bound rather than $\\log p(x)$. The long study note this app "
              "grew from (seed 002) says where its author got stuck on each. Here each gets a "
              "number computed live by `ddpm_core.probability`, and a live check that compares "
              "two independent computations, so it would fail if the engine were wrong.",
        "zh": "本页之后的每一页都反复用到同样几个概念：贝叶斯公式；**联合**、**边缘**与"
              "**条件**密度的区别；为什么隐变量让**证据** $p(x)$ 难以计算；如何让梯度穿过"
              "采样（**重参数化**）；**重要性采样**；以及为什么要最大化一个下界，而不是 "
              "$\\log p(x)$ 本身。本应用所依据的长篇学习笔记（种子文档 002）写下了作者在每一处"
              "卡住的地方。这里每个问题都由 `ddpm_core.probability` 实时算出一个数字，并配有一项"
              "实时检验：比较两种相互独立的计算，引擎一旦出错，检验就会失败。",
    },
    # ------------------------------------------------------------------ shared
    "prob.bad.trials": {
        "en": "The number of heads cannot exceed the number of tosses: lower the heads or "
              "raise the tosses.",
        "zh": "正面次数不能超过抛掷次数：请减少正面次数，或增加抛掷次数。",
    },
    "prob.bad.prior": {
        "en": "The prior Beta(a, b) needs a > 0 and b > 0.",
        "zh": "先验 Beta(a, b) 要求 a > 0 且 b > 0。",
    },
    "prob.bad.K": {"en": "K must be a whole number ≥ 1.", "zh": "K 必须是不小于 1 的整数。"},
    "prob.bad.s2": {
        "en": "The proposal's variance s² must be > 0.",
        "zh": "提议分布的方差 s² 必须大于 0。",
    },
    "prob.bad.other": {
        "en": "This setting is not valid ({name}); move the slider back.",
        "zh": "该设置无效（{name}）；请把滑块移回去。",
    },
    "prob.col_se": {"en": "standard error", "zh": "标准误"},
    "prob.col_diff": {"en": "|difference|", "zh": "|差值|"},
    "prob.col_tol": {"en": "tolerance", "zh": "容差"},
    "prob.col_ok": {"en": "holds", "zh": "成立"},
    "prob.check_ok": {
        "en": "Every row holds: the two computations agree within the tolerance.",
        "zh": "每一行都成立：两种计算在容差内一致。",
    },
    "prob.check_fail": {
        "en": "A row fails: the two computations disagree beyond the tolerance — a bug "
              "(or, for a Monte-Carlo row, a very unlucky draw).",
        "zh": "有一行不成立：两种计算的差超出容差——这是缺陷"
              "（对蒙特卡洛行而言，也可能是极罕见的坏运气）。",
    },
    "prob.density": {"en": "density", "zh": "密度"},
    "prob.years": {"en": "{y} years", "zh": "{y} 年"},
    # ------------------------------------------------------------------ 1. Bayes
    "prob.s1": {"en": "1. Bayes' rule with a coin", "zh": "1. 用一枚硬币理解贝叶斯公式"},
    "prob.s1_intro": {
        "en": "A coin lands heads with an unknown probability $\\theta$. Before tossing we "
              "believe $\\theta \\sim \\mathrm{Beta}(a, b)$ (the **prior**; $a = b = 1$ is "
              "uniform). We toss $n$ times and see $k$ heads (the data $X$). The "
              "**likelihood** $P(X\\mid\\theta)$ says how probable that outcome is for each "
              "$\\theta$; the **evidence** $P(X)$ is that probability averaged over the prior; "
              "the **posterior** $P(\\theta\\mid X)$ is the updated belief. For this prior "
              "every integral has a closed form:",
        "zh": "一枚硬币以未知概率 $\\theta$ 正面朝上。抛之前我们认为 "
              "$\\theta \\sim \\mathrm{Beta}(a, b)$（**先验**；$a = b = 1$ 即均匀分布）。"
              "抛 $n$ 次，看到 $k$ 次正面（数据 $X$）。**似然** $P(X\\mid\\theta)$ 表示对每个 "
              "$\\theta$ 而言这一结果有多大可能；**证据** $P(X)$ 是它在先验下的平均；"
              "**后验** $P(\\theta\\mid X)$ 是更新后的信念。对这种先验，所有积分都有闭式解：",
    },
    "prob.heads": {"en": "heads k", "zh": "正面次数 k"},
    "prob.trials": {"en": "tosses n", "zh": "抛掷次数 n"},
    "prob.prior_a": {"en": "prior a", "zh": "先验 a"},
    "prob.prior_b": {"en": "prior b", "zh": "先验 b"},
    "prob.m_evidence": {"en": "evidence P(X)", "zh": "证据 P(X)"},
    "prob.m_evidence_exact": {"en": "P(X) as a fraction", "zh": "P(X) 的分数形式"},
    "prob.m_post": {"en": "posterior", "zh": "后验"},
    "prob.m_mean": {"en": "posterior mean", "zh": "后验均值"},
    "prob.c_prior": {"en": "prior P(θ)", "zh": "先验 P(θ)"},
    "prob.c_lik": {"en": "likelihood P(X | θ) (right axis)", "zh": "似然 P(X | θ)（右轴）"},
    "prob.c_post": {"en": "posterior P(θ | X)", "zh": "后验 P(θ | X)"},
    "prob.c_lik_axis": {"en": "likelihood", "zh": "似然"},
    "prob.s1_mean": {
        "en": "With {k} heads in {n} tosses the posterior mean (a+k)/(a+b+n) = {mean} is a "
              "weighted average of the prior mean a/(a+b) = {prior_mean} (weight "
              "(a+b)/(a+b+n) = {weight}) and the observed frequency k/n = {freq} (the rest of "
              "the weight). More tosses move the weight to the data: the prior matters less "
              "and less. The likelihood is a function of θ, not a density in θ (it need not "
              "integrate to 1), so it has its own axis.",
        "zh": "{n} 次抛掷中 {k} 次正面时，后验均值 (a+k)/(a+b+n) = {mean} 是先验均值 "
              "a/(a+b) = {prior_mean}（权重 (a+b)/(a+b+n) = {weight}）与观测频率 "
              "k/n = {freq}（其余权重）的加权平均。抛得越多，权重越偏向数据，先验的作用越小。"
              "似然是 θ 的函数，而不是关于 θ 的密度（积分不必为 1），所以它用单独的坐标轴。",
    },
    "prob.s1_no_data": {
        "en": "With no tosses there is no data: the likelihood is 1 for every θ, the "
              "evidence is 1, and the posterior is the prior.",
        "zh": "没有抛掷就没有数据：似然对所有 θ 都等于 1，证据等于 1，后验就是先验。",
    },
    "prob.s1_mode": {
        "en": "The posterior's peak (mode) is at (a+k−1)/(a+b+n−2) = {mode}.",
        "zh": "后验的峰（众数）位于 (a+k−1)/(a+b+n−2) = {mode}。",
    },
    "prob.s1_no_mode": {
        "en": "Here a parameter of the posterior Beta(a+k, b+n−k) is ≤ 1, so its density "
              "has no peak inside (0, 1): it is largest at 0 or 1 (or flat, for Beta(1, 1)).",
        "zh": "此时后验 Beta(a+k, b+n−k) 有一个参数 ≤ 1，它的密度在 (0, 1) 内部没有峰："
              "最大值在 0 或 1 处（Beta(1, 1) 则处处相等）。",
    },
    "prob.s1_uniform": {
        "en": "With the uniform prior (a = b = 1) the evidence is P(X) = 1/(n+1) = 1/{n1} "
              "for **every** k: before the data, each head count 0, 1, …, {n} is equally "
              "likely. One particular sequence of tosses has probability "
              "P(X)/C(n, k) = {seq}, as there are C(n, k) = {combos} such sequences.",
        "zh": "在均匀先验（a = b = 1）下，证据 P(X) = 1/(n+1) = 1/{n1}，对**每一个** k 都"
              "如此：看到数据之前，正面次数 0, 1, …, {n} 的可能性相同。某一个具体的抛掷序列的"
              "概率是 P(X)/C(n, k) = {seq}，因为这样的序列共有 C(n, k) = {combos} 个。",
    },
    "prob.s1_seed": {
        "en": "**A slip in the seed notes.** For 7 heads in 10 with the uniform prior they "
              "give $P(X)\\approx 0.1$. It is exactly $\\binom{10}{7}B(8,4) = \\frac{1}{11} "
              "\\approx 0.0909$ (set k = 7, n = 10, a = b = 1 above), and the posterior is "
              "$\\mathrm{Beta}(8,4) = 1320\\,\\theta^7(1-\\theta)^3$, mean 2/3, mode 0.7. "
              "For the one observed sequence (no $\\binom{10}{7}$) the evidence is "
              "$\\frac{1}{1320}$; the posterior is the same, since the constant cancels.",
        "zh": "**种子笔记里的一处笔误。** 对均匀先验下 10 次中 7 次正面，笔记给出 "
              "$P(X)\\approx 0.1$。准确值是 $\\binom{10}{7}B(8,4) = \\frac{1}{11} "
              "\\approx 0.0909$（在上方设 k = 7、n = 10、a = b = 1 即可验证），后验是 "
              "$\\mathrm{Beta}(8,4) = 1320\\,\\theta^7(1-\\theta)^3$，均值 2/3，峰在 0.7。"
              "若只看观测到的那一个序列（没有 $\\binom{10}{7}$），证据是 $\\frac{1}{1320}$；"
              "后验不变，因为这个常数会被约掉。",
    },
    "prob.check1_head": {
        "en": "**Live check.** The evidence from the Beta-function closed form (log-gamma) "
              "against a direct numerical integral $\\int_0^1 P(X\\mid\\theta)P(\\theta)\\,"
              "d\\theta$ (Gauss–Legendre in $\\varphi$, $\\theta = \\sin^2\\varphi$), and, "
              "for whole-number a and b, against the exact fraction (integer factorials).",
        "zh": "**实时检验。** 用 Beta 函数闭式解（对数伽马）算出的证据，与直接数值积分 "
              "$\\int_0^1 P(X\\mid\\theta)P(\\theta)\\,d\\theta$（对 $\\varphi$ 做 "
              "Gauss–Legendre 积分，$\\theta = \\sin^2\\varphi$）比较；a、b 为整数时，"
              "再与精确分数（整数阶乘）比较。",
    },
    "prob.row_evidence_quad": {
        "en": "P(X): closed form vs integral", "zh": "P(X)：闭式解 vs 数值积分"},
    "prob.row_evidence_exact": {
        "en": "P(X): exact fraction vs closed form", "zh": "P(X)：精确分数 vs 闭式解"},
    # ------------------------------------------------------------------ 2. triangle
    "prob.s2": {
        "en": "2. Joint, marginal, conditional — one picture",
        "zh": "2. 联合、边缘、条件——同一张图",
    },
    "prob.s2_intro": {
        "en": "The seed's example: $p(x, y) = 2$ on the triangle $0 \\le y \\le x \\le 1$ "
              "(area ½, so it integrates to 1). The **marginal** $p(x)$ integrates $y$ out: "
              "the joint summed along the vertical slice at $x$. The **conditional** "
              "$p(y\\mid x)$ keeps only that slice and rescales it to integrate to 1. Move "
              "the two slices:",
        "zh": "种子笔记中的例子：在三角形 $0 \\le y \\le x \\le 1$ 上 $p(x, y) = 2$"
              "（面积为 ½，所以积分为 1）。**边缘**密度 $p(x)$ 把 $y$ 积分掉：沿 $x$ 处的竖直"
              "切片把联合密度加起来。**条件**密度 $p(y\\mid x)$ 只保留这条切片，并重新缩放使其"
              "积分为 1。移动两条切片：",
    },
    "prob.x0": {"en": "vertical slice x₀", "zh": "竖直切片 x₀"},
    "prob.y0": {"en": "horizontal slice y₀", "zh": "水平切片 y₀"},
    "prob.t_support": {"en": "p(x, y) = 2 here", "zh": "此处 p(x, y) = 2"},
    "prob.t_draws": {"en": "draws from p(x, y)", "zh": "来自 p(x, y) 的样本"},
    "prob.t_joint": {"en": "joint p(x, y)", "zh": "联合 p(x, y)"},
    "prob.t_marg": {"en": "marginals", "zh": "边缘密度"},
    "prob.t_cond": {"en": "conditionals", "zh": "条件密度"},
    "prob.s2_slice": {
        "en": "The slice at x₀ = {x0} is the segment y ∈ [0, x₀]. On it p(y | x₀) is flat at "
              "height 1/x₀ = {height}, above 1: a density may exceed 1, it only has to "
              "integrate to 1. As x₀ → 0 the height grows without bound while p(x₀) = 2x₀ → 0 "
              "— the slice holds less and less probability, and what it holds is squeezed "
              "onto a shorter segment.",
        "zh": "x₀ = {x0} 处的切片是线段 y ∈ [0, x₀]。在其上 p(y | x₀) 是常数，高度为 "
              "1/x₀ = {height}，大于 1：密度可以超过 1，只需积分为 1。当 x₀ → 0 时，这个高度"
              "无限增大，而 p(x₀) = 2x₀ → 0——切片上的概率越来越少，而这些概率被挤到越来越短的"
              "线段上。",
    },
    "prob.s2_inside": {
        "en": "The point (x₀, y₀) = ({x0}, {y0}) lies in the triangle: p(x₀)·p(y₀ | x₀) = "
              "2x₀ · 1/x₀ = 2 and p(y₀)·p(x₀ | y₀) = 2(1−y₀) · 1/(1−y₀) = 2, both equal to "
              "the joint density there.",
        "zh": "点 (x₀, y₀) = ({x0}, {y0}) 位于三角形内：p(x₀)·p(y₀ | x₀) = 2x₀ · 1/x₀ = 2，"
              "p(y₀)·p(x₀ | y₀) = 2(1−y₀) · 1/(1−y₀) = 2，两者都等于该处的联合密度。",
    },
    "prob.s2_outside": {
        "en": "The point (x₀, y₀) = ({x0}, {y0}) lies outside the triangle (y₀ > x₀): the "
              "joint density is 0 there, and so are both products, because p(y₀ | x₀) = 0 "
              "and p(x₀ | y₀) = 0.",
        "zh": "点 (x₀, y₀) = ({x0}, {y0}) 位于三角形外（y₀ > x₀）：该处联合密度为 0，两个"
              "乘积也都为 0，因为 p(y₀ | x₀) = 0 且 p(x₀ | y₀) = 0。",
    },
    "prob.s2_chain": {
        "en": "**The difference in one sentence.** The marginal $p(x)$ is global: how much "
              "probability the whole slice at $x$ holds (its length $x$ times the height 2). "
              "The conditional $p(y\\mid x)$ is local: the slice alone, as if nothing else "
              "existed; it forgets how much probability the slice had, and the product "
              "$p(x)\\,p(y\\mid x)$ puts that back.",
        "zh": "**一句话说清区别。** 边缘密度 $p(x)$ 是全局的：$x$ 处整条切片含有多少概率"
              "（长度 $x$ 乘以高度 2）。条件密度 $p(y\\mid x)$ 是局部的：只看这条切片，仿佛别处"
              "都不存在；它忘记了切片原本有多少概率，而乘积 $p(x)\\,p(y\\mid x)$ 把这部分补了"
              "回来。",
    },
    "prob.check2_head": {
        "en": "**Live check.** The chain rule in both orders against the joint (three "
              "separately derived formulas), and {n} draws from the joint "
              "(x = max(u₁, u₂), y = min(u₁, u₂)): the fraction with |x − x₀| ≤ {h} "
              "estimates p(x₀), and the mean y of those {m} draws estimates "
              "E[y | band] = x₀/2 + h²/(6x₀).",
        "zh": "**实时检验。** 两种顺序的链式法则与联合密度比较（三个分别推导的公式）；再从"
              "联合分布抽取 {n} 个样本（x = max(u₁, u₂)，y = min(u₁, u₂)）：满足 "
              "|x − x₀| ≤ {h} 的比例估计 p(x₀)，这 {m} 个样本的 y 均值估计 "
              "E[y | 带内] = x₀/2 + h²/(6x₀)。",
    },
    "prob.row_chain_x": {"en": "p(x₀)·p(y₀|x₀) vs p(x₀, y₀)", "zh": "p(x₀)·p(y₀|x₀) vs p(x₀, y₀)"},
    "prob.row_chain_y": {"en": "p(y₀)·p(x₀|y₀) vs p(x₀, y₀)", "zh": "p(y₀)·p(x₀|y₀) vs p(x₀, y₀)"},
    "prob.row_px_mc": {"en": "p(x₀) = 2x₀ vs draws", "zh": "p(x₀) = 2x₀ vs 样本"},
    "prob.row_ey_mc": {"en": "E[y | band] vs draws", "zh": "E[y | 带内] vs 样本"},
    "prob.check2_caption": {
        "en": "The band's E[y] is not exactly x₀/2: within the band x has density ∝ 2x, "
              "tilted to the right, which adds h²/(6x₀). The Monte-Carlo rows pass when "
              "|diff| ≤ 4 standard errors.",
        "zh": "带内的 E[y] 并不恰好是 x₀/2：带内 x 的密度 ∝ 2x，向右倾斜，因此多出 "
              "h²/(6x₀)。蒙特卡洛行在 |差值| ≤ 4 个标准误时通过。",
    },
    "prob.s2_chain_rule": {
        "en": "The same holds for any number of variables, in any order (the **chain "
              "rule**). DDPM writes its reverse process exactly this way, one conditional per "
              "step: $p(x_{0:T}) = p(x_T)\\prod_t p(x_{t-1}\\mid x_t)$.",
        "zh": "对任意多个变量、任意顺序都成立（**链式法则**）。DDPM 的反向过程正是这样写的，"
              "每一步一个条件密度：$p(x_{0:T}) = p(x_T)\\prod_t p(x_{t-1}\\mid x_t)$。",
    },
    # ------------------------------------------------------------------ 3. two coins
    "prob.s3": {
        "en": "3. Why a latent variable makes p(x) hard: two coins, 2ⁿ terms",
        "zh": "3. 为什么隐变量让 p(x) 难算：两枚硬币，2ⁿ 项",
    },
    "prob.s3_intro": {
        "en": "The seed's example: before each toss a hidden choice $z_i$ picks coin 1 "
              "(probability $\\alpha$, heads with $p_1$) or coin 2 (heads with $p_2$). We see "
              "only the tosses $X$. The likelihood must sum over every assignment of coins "
              "to tosses — $2^n$ of them — unless the sum factorises:",
        "zh": "种子笔记中的例子：每次抛掷前，一个隐藏的选择 $z_i$ 选中硬币 1（概率 "
              "$\\alpha$，正面概率 $p_1$）或硬币 2（正面概率 $p_2$）。我们只看得到抛掷结果 "
              "$X$。似然必须对硬币与抛掷之间的每一种分配求和——共 $2^n$ 种——除非这个和能够"
              "分解：",
    },
    "prob.n_tosses": {"en": "tosses n", "zh": "抛掷次数 n"},
    "prob.n_heads": {"en": "heads among them", "zh": "其中正面次数"},
    "prob.coin_params": {"en": "The coins: p₁, p₂, α", "zh": "两枚硬币：p₁、p₂、α"},
    "prob.m_terms_brute": {"en": "terms, brute force", "zh": "项数（暴力求和）"},
    "prob.m_terms_fact": {"en": "terms, factorised", "zh": "项数（分解后）"},
    "prob.m_time_brute": {"en": "brute force, measured", "zh": "暴力求和，实测"},
    "prob.m_time_extra": {"en": "brute force, extrapolated", "zh": "暴力求和，外推"},
    "prob.tc_brute": {"en": "sum over all 2ⁿ assignments", "zh": "对全部 2ⁿ 种分配求和"},
    "prob.tc_fact": {"en": "product of n two-term sums", "zh": "n 个两项和的乘积"},
    "prob.tc_extra": {"en": "brute force, extrapolated (∝ n·2ⁿ)", "zh": "暴力求和，外推（∝ n·2ⁿ）"},
    "prob.tc_terms": {"en": "terms to add", "zh": "需要相加的项数"},
    "prob.tc_time": {"en": "seconds on this server", "zh": "本服务器上的耗时（秒）"},
    "prob.tc_terms_axis": {"en": "terms", "zh": "项数"},
    "prob.tc_time_axis": {"en": "seconds", "zh": "秒"},
    "prob.s3_result": {
        "en": "For n = {n} tosses ({k} heads) the brute-force sum has {terms} terms, each a "
              "product of n factors; the factorised form needs {fact} numbers. The times are "
              "measured once per server (best of 3) for n up to 16, then extrapolated in "
              "proportion to n·2ⁿ, the number of multiplications.",
        "zh": "n = {n} 次抛掷（{k} 次正面）时，暴力求和有 {terms} 项，每项是 n 个因子的乘积；"
              "分解后只需 {fact} 个数。耗时在每个服务器上测一次（取 3 次中最快的），n 最大到 "
              "16，之后按乘法次数 n·2ⁿ 成比例外推。",
    },
    "prob.s3_why": {
        "en": "**Why it factorises here, and not in a real model.** Given θ the tosses are "
              "independent and each has its own $z_i$, so the sum of a product splits into a "
              "product of sums. In a VAE or a diffusion model one latent $z$ (or the whole "
              "chain $x_{1:T}$) shapes every pixel of $x$, and $p(x) = \\int p(x\\mid z)"
              "p(z)\\,dz$ has no such shortcut: the brute-force curve is the honest cost.",
        "zh": "**为什么这里能分解，而真实模型不能。** 给定 θ，各次抛掷相互独立，且各有自己的 "
              "$z_i$，所以乘积之和拆成了和之乘积。在 VAE 或扩散模型中，一个隐变量 $z$（或整条链 "
              "$x_{1:T}$）影响 $x$ 的每一个像素，$p(x) = \\int p(x\\mid z)p(z)\\,dz$ 没有这样的"
              "捷径：暴力求和那条曲线才是真实的代价。",
    },
    "prob.check3_head": {
        "en": "**Live check.** For n = {n}, the sum over all {terms} assignments (enumerated "
              "bit by bit) against the product of per-toss sums.",
        "zh": "**实时检验。** n = {n} 时，对全部 {terms} 种分配逐一枚举求和，与逐次抛掷求和"
              "再相乘的结果比较。",
    },
    "prob.row_two_coin": {
        "en": "P(X | θ): factorised vs brute force", "zh": "P(X | θ)：分解 vs 暴力求和"},
    "prob.check3_skip": {
        "en": "Brute force is not run for n = {n} > {cap}: it would take about {time} on this "
              "server (extrapolated). Move n to {cap} or below to see both sums compared.",
        "zh": "n = {n} > {cap} 时不运行暴力求和：在本服务器上大约需要 {time}（外推）。把 n "
              "调到 {cap} 或以下即可比较两种求和。",
    },
    "prob.s3_evidence": {
        "en": "And this is $P(X\\mid\\theta)$ for one $\\theta = (p_1, p_2, \\alpha)$ only. The "
              "evidence $P(X) = \\iiint P(X\\mid\\theta)P(\\theta)\\,d\\alpha\\,dp_1\\,dp_2$ "
              "integrates it again over three parameters: a grid of $k$ points per axis costs "
              "$k^3$ likelihoods.",
        "zh": "而这还只是某一个 $\\theta = (p_1, p_2, \\alpha)$ 下的 $P(X\\mid\\theta)$。证据 "
              "$P(X) = \\iiint P(X\\mid\\theta)P(\\theta)\\,d\\alpha\\,dp_1\\,dp_2$ 还要对三个"
              "参数再积分一次：每个轴取 $k$ 个网格点，就要算 $k^3$ 次似然。",
    },
    # ------------------------------------------------------------------ 4. reparameterization
    "prob.s4": {
        "en": "4. The reparameterization trick: a gradient through sampling",
        "zh": "4. 重参数化技巧：让梯度穿过采样",
    },
    "prob.s4_intro": {
        "en": "Training a VAE — and, through the ELBO, a diffusion model — needs the gradient "
              "of an expectation over a distribution that depends on the parameters. A "
              "sampled $z$ has no derivative in $\\mu$. Two ways out: write "
              "$z = \\mu + \\sigma\\epsilon$ with $\\epsilon \\sim \\mathcal N(0,1)$, so the "
              "randomness sits in $\\epsilon$ and the gradient flows through $f$ "
              "(**reparameterization**, Kingma & Welling 2014, §2.4); or differentiate the "
              "density instead, $\\nabla_\\mu\\log\\mathcal N(z;\\mu,\\sigma^2) = "
              "(z-\\mu)/\\sigma^2$ (the **score-function** estimator, REINFORCE). Both are "
              "unbiased. Here $f(z) = z^2$, and both use the same 20,000 draws:",
        "zh": "训练 VAE——以及通过 ELBO 训练扩散模型——需要对一个期望求梯度，而求期望所依据的"
              "分布本身依赖于参数。采样得到的 $z$ 对 $\\mu$ 没有导数。有两条出路：写成 "
              "$z = \\mu + \\sigma\\epsilon$，$\\epsilon \\sim \\mathcal N(0,1)$，随机性落在 "
              "$\\epsilon$ 上，梯度穿过 $f$ 传回（**重参数化**，Kingma 和 Welling（2014），"
              "§2.4）；或者改为对密度求导，$\\nabla_\\mu\\log\\mathcal N(z;\\mu,\\sigma^2) = "
              "(z-\\mu)/\\sigma^2$（**得分函数**估计，REINFORCE）。两者都是无偏的。这里 "
              "$f(z) = z^2$，两者使用同样的 20,000 个样本：",
    },
    "prob.m_true_grad": {"en": "true gradient 2μ", "zh": "真实梯度 2μ"},
    "prob.m_var_rep": {"en": "Var, reparameterization", "zh": "方差（重参数化）"},
    "prob.m_var_score": {"en": "Var, score function", "zh": "方差（得分函数）"},
    "prob.g_rep": {"en": "reparameterization 2(μ+σε)", "zh": "重参数化 2(μ+σε)"},
    "prob.g_score": {"en": "score function z²(z−μ)/σ²", "zh": "得分函数 z²(z−μ)/σ²"},
    "prob.g_sample": {"en": "sample variances at this σ", "zh": "此 σ 下的样本方差"},
    "prob.g_hist": {"en": "one-draw estimates", "zh": "单样本估计"},
    "prob.g_var": {"en": "variance vs σ", "zh": "方差 vs σ"},
    "prob.g_hist_x": {"en": "estimate of ∂/∂μ E[z²]", "zh": "∂/∂μ E[z²] 的估计"},
    "prob.s4_result": {
        "en": "At σ = {sigma} one score-function draw has {ratio} times the variance of a "
              "reparameterised one: for the same standard error it needs about {n_equiv} "
              "times as many draws. As σ → 0 the reparameterization variance 4σ² → 0, while the "
              "score-function variance grows like μ⁴/σ² (for μ ≠ 0) — the curves on the right.",
        "zh": "σ = {sigma} 时，一个得分函数样本的方差是重参数化样本的 {ratio} 倍：要达到相同的"
              "标准误，大约需要 {n_equiv} 倍的样本。当 σ → 0 时，重参数化的方差 4σ² → 0，而得分函数"
              "的方差像 μ⁴/σ² 一样增长（μ ≠ 0 时）——见右图的曲线。",
    },
    "prob.s4_why": {
        "en": "**Why the score function is still used.** It needs only $f(z)$, never "
              "$f'(z)$, so it works when $z$ is discrete (a coin, a token), where "
              "$z = \\mu + \\sigma\\epsilon$ means nothing. The reparameterization trick needs a "
              "differentiable path from the parameters to $z$; Gaussians have one, which is "
              "why VAEs and DDPM's $x_t = \\sqrt{\\bar\\alpha_t}x_0 + \\sqrt{1-\\bar\\alpha_t}"
              "\\,\\epsilon$ look the way they do.",
        "zh": "**为什么得分函数估计仍然有用。** 它只需要 $f(z)$，从不需要 $f'(z)$，所以在 "
              "$z$ 是离散量（一枚硬币、一个词元）时也能用，而那时 $z = \\mu + \\sigma\\epsilon$ "
              "毫无意义。重参数化技巧需要一条从参数到 $z$ 的可微路径；高斯分布正好有，这就是 VAE "
              "以及 DDPM 的 $x_t = \\sqrt{\\bar\\alpha_t}x_0 + \\sqrt{1-\\bar\\alpha_t}"
              "\\,\\epsilon$ 写成这种形式的原因。",
    },
    "prob.check4_head": {
        "en": "**Live check** ({n} draws). Each estimator's mean against 2μ, and each sample "
              "variance against its closed form; the standard error of a sample variance comes "
              "from the sample's fourth central moment. A row passes when |diff| ≤ {k} "
              "standard errors.",
        "zh": "**实时检验**（{n} 个样本）。每个估计的均值与 2μ 比较，每个样本方差与其闭式解"
              "比较；样本方差的标准误由样本的四阶中心矩得到。|差值| ≤ {k} 个标准误即通过。",
    },
    "prob.row_mean_rep": {"en": "mean, reparameterization", "zh": "均值（重参数化）"},
    "prob.row_mean_score": {"en": "mean, score function", "zh": "均值（得分函数）"},
    "prob.row_var_rep": {"en": "variance 4σ², reparameterization",
                         "zh": "方差 4σ²（重参数化）"},
    "prob.row_var_score": {"en": "variance μ⁴/σ² + 14μ² + 15σ², score function",
                           "zh": "方差 μ⁴/σ² + 14μ² + 15σ²（得分函数）"},
    # ------------------------------------------------------------------ 5. importance sampling
    "prob.s5": {"en": "5. Importance sampling", "zh": "5. 重要性采样"},
    "prob.s5_intro": {
        "en": "When the target $p$ is hard to sample, draw from a **proposal** $q$ and "
              "reweight each draw by $w = p/q$. The estimate is unbiased for any $q$ that is "
              "positive wherever $p$ is. Its variance is another matter: it depends on "
              "$\\mathbb E_q[w^2]$, and a proposal with lighter tails than the target makes "
              "it infinite. Here $p = \\mathcal N(0,1)$, $q = \\mathcal N(a, s^2)$, "
              "$f(x) = x^2$ (so $\\mathbb E_p[f] = 1$), 20,000 draws:",
        "zh": "当目标分布 $p$ 难以采样时，从一个**提议分布** $q$ 采样，并给每个样本乘上权重 "
              "$w = p/q$。只要 $q$ 在 $p$ 为正的地方都为正，估计就是无偏的。方差则是另一回事："
              "它取决于 $\\mathbb E_q[w^2]$，而尾部比目标分布更轻的提议分布会让它变为无穷大。"
              "这里 $p = \\mathcal N(0,1)$，$q = \\mathcal N(a, s^2)$，$f(x) = x^2$（所以 "
              "$\\mathbb E_p[f] = 1$），共 20,000 个样本：",
    },
    "prob.is_a": {"en": "proposal mean a", "zh": "提议分布均值 a"},
    "prob.is_s2": {"en": "proposal variance s²", "zh": "提议分布方差 s²"},
    "prob.m_w2_formula": {"en": "E_q[w²], formula", "zh": "E_q[w²]（公式）"},
    "prob.m_w2_run": {"en": "mean of w², this run", "zh": "本次 w² 的均值"},
    "prob.m_est": {"en": "estimate of E_p[x²] = 1", "zh": "E_p[x²] = 1 的估计"},
    "prob.is_p": {"en": "target p = N(0, 1)", "zh": "目标 p = N(0, 1)"},
    "prob.is_q": {"en": "proposal q = N(a, s²)", "zh": "提议 q = N(a, s²)"},
    "prob.is_w": {"en": "weight w = p/q (right axis)", "zh": "权重 w = p/q（右轴）"},
    "prob.is_inf": {"en": "s² ≤ ½: Var(w) = ∞", "zh": "s² ≤ ½：Var(w) = ∞"},
    "prob.is_now": {"en": "this s²", "zh": "当前 s²"},
    "prob.is_t1": {"en": "p, q and w", "zh": "p、q 与 w"},
    "prob.is_t2": {"en": "Var_q(w) vs s²", "zh": "Var_q(w) vs s²"},
    "prob.is_run": {"en": "one run: mean of w² after i draws",
                    "zh": "一次运行：前 i 个样本的 w² 均值"},
    "prob.is_formula": {"en": "E_q[w²], formula", "zh": "E_q[w²]（公式）"},
    "prob.is_draws": {"en": "draws i", "zh": "样本数 i"},
    "prob.is_run_axis": {"en": "running mean of w²", "zh": "w² 的累积均值"},
    "prob.s5_finite": {
        "en": "With s² = {s2} > ½ the weights have finite variance, Var_q(w) = E_q[w²] − 1 = "
              "{var}: the standard error shrinks like 1/√N, and the running mean of w² "
              "settles on the formula's value.",
        "zh": "s² = {s2} > ½ 时，权重的方差有限，Var_q(w) = E_q[w²] − 1 = {var}：标准误按 "
              "1/√N 缩小，w² 的累积均值稳定在公式给出的值上。",
    },
    "prob.s5_infinite": {
        "en": "With s² = {s2} ≤ ½ the proposal is too narrow: p²/q grows like "
              "exp(x²(1/(2s²) − 1)) in the tails, so E_q[w²] = ∫p²/q = ∞. This single run "
              "does not show it: its mean of w² is {w2}, its largest weight {wmax}, and its "
              "estimate of E_p[x²] = 1 reads {est}. The infinity lives in rare draws far out "
              "in the tails; a run of this size seldom meets one, and when it does the "
              "running mean jumps. Nothing in one run warns you.",
        "zh": "s² = {s2} ≤ ½ 时提议分布太窄：在尾部 p²/q 像 exp(x²(1/(2s²) − 1)) 一样增长，所以 "
              "E_q[w²] = ∫p²/q = ∞。单次运行看不出这一点：本次 w² 的均值是 {w2}，最大权重是 "
              "{wmax}，对 E_p[x²] = 1 的估计是 {est}。无穷大藏在尾部远处的罕见样本里；这个规模的"
              "运行很少碰到它们，一旦碰到，累积均值就会跳变。单次运行不会给出任何警告。",
    },
    "prob.check5_head": {
        "en": "**Live check** ({n} draws). Sample means against the exact values: the weights "
              "average to 1, the weighted x² to E_p[x²] = 1, and the w² to the closed form "
              "E_q[w²]. A row passes when |diff| ≤ {k} standard errors.",
        "zh": "**实时检验**（{n} 个样本）。样本均值与精确值比较：权重的均值应为 1，加权的 x² "
              "应为 E_p[x²] = 1，w² 应为闭式解 E_q[w²]。|差值| ≤ {k} 个标准误即通过。",
    },
    "prob.row_w_mean": {"en": "mean of w vs 1", "zh": "w 的均值 vs 1"},
    "prob.row_x2": {"en": "mean of w·x² vs E_p[x²] = 1", "zh": "w·x² 的均值 vs E_p[x²] = 1"},
    "prob.row_w2": {"en": "mean of w² vs E_q[w²]", "zh": "w² 的均值 vs E_q[w²]"},
    "prob.s5_no_se_w2": {
        "en": "E_q[w²] is finite for s² = {s2}, but the standard error of its Monte-Carlo "
              "estimate needs E_q[w⁴] < ∞, that is s² > ¾; so that row is left out here.",
        "zh": "s² = {s2} 时 E_q[w²] 有限，但其蒙特卡洛估计的标准误要求 E_q[w⁴] < ∞，即 "
              "s² > ¾；因此这里略去这一行。",
    },
    "prob.s5_no_check": {
        "en": "No live check for s² ≤ ½: with infinite variance a standard error means "
              "nothing, so no tolerance |diff| ≤ k·SE can be stated. The running mean above is "
              "the honest picture.",
        "zh": "s² ≤ ½ 时不做实时检验：方差无穷大时标准误没有意义，无法给出 |差值| ≤ k·SE "
              "这样的容差。上面的累积均值才是真实的情况。",
    },
    # ------------------------------------------------------------------ 6. IWAE
    "prob.s6": {
        "en": "6. Why the ELBO, and not log p(x) directly",
        "zh": "6. 为什么用 ELBO，而不是直接用 log p(x)",
    },
    "prob.s6_intro": {
        "en": "The seed's long question: why maximise the ELBO instead of "
              "$\\log p(x) = \\log\\mathbb E_q[p(x,z)/q(z\\mid x)]$ estimated by sampling? "
              "Importance sampling with $q(z\\mid x)$ does give an **unbiased** estimate "
              "$\\hat p_K$ of $p(x)$. But $\\log$ is concave, so "
              "$\\mathbb E[\\log\\hat p_K] \\le \\log\\mathbb E[\\hat p_K] = \\log p(x)$ "
              "(Jensen): the log of an unbiased estimate is biased low. With $K = 1$ that "
              "biased quantity is exactly the ELBO; with $K$ draws it is the IWAE bound "
              "$L_K$ (Burda et al. 2016), which climbs towards $\\log p(x)$ with a bias that "
              "shrinks like $1/K$:",
        "zh": "种子笔记中的长问题：为什么最大化 ELBO，而不是用采样去估计 "
              "$\\log p(x) = \\log\\mathbb E_q[p(x,z)/q(z\\mid x)]$？用 $q(z\\mid x)$ 做重要性"
              "采样确实能得到 $p(x)$ 的**无偏**估计 $\\hat p_K$。但 $\\log$ 是凹函数，所以 "
              "$\\mathbb E[\\log\\hat p_K] \\le \\log\\mathbb E[\\hat p_K] = \\log p(x)$"
              "（Jensen 不等式）：无偏估计取对数后是向下偏的。$K = 1$ 时这个有偏的量恰好就是 "
              "ELBO；用 $K$ 个样本时，它就是 IWAE 下界 $L_K$（Burda 等人（2016）），它向 "
              "$\\log p(x)$ 爬升，偏差按 $1/K$ 缩小：",
    },
    "prob.s6_toy": {
        "en": "The model is the ELBO page's linear-Gaussian toy, $z \\sim \\mathcal N(0,1)$, "
              "$x\\mid z \\sim \\mathcal N(wz+b, \\sigma^2)$, at x = {x}, w = {w}, b = {b}, "
              "σ = {sigma}, with the proposal q(z | x) = N({m}, {s}²) (the formula sheet's "
              "setting). log p(x) and the ELBO are closed forms; every L_K is computed from a "
              "one-dimensional integral by quadrature (to about 10⁻⁸); the Monte-Carlo points "
              "use n sets of K draws.",
        "zh": "模型是 ELBO 页面的线性高斯玩具模型，$z \\sim \\mathcal N(0,1)$，"
              "$x\\mid z \\sim \\mathcal N(wz+b, \\sigma^2)$，取 x = {x}、w = {w}、b = {b}、"
              "σ = {sigma}，提议分布 q(z | x) = N({m}, {s}²)（公式表中的设置）。log p(x) 与 "
              "ELBO 有闭式解；每个 L_K 都由一维积分经数值积分算出（精确到约 10⁻⁸）；"
              "蒙特卡洛点使用 n 组、每组 K 个样本。",
    },
    "prob.m_elbo": {"en": "ELBO = L₁", "zh": "ELBO = L₁"},
    "prob.m_LK": {"en": "L_K, K = {K} (exact)", "zh": "L_K，K = {K}（精确）"},
    "prob.m_spread": {"en": "spread (sd) of one log p̂_K", "zh": "单个 log p̂_K 的标准差"},
    "prob.iw_exact": {"en": "exact (1-D integral)", "zh": "精确（一维积分）"},
    "prob.iw_mc": {"en": "Monte Carlo ± 2 SE", "zh": "蒙特卡洛 ± 2 个标准误"},
    "prob.iw_delta": {"en": "delta method Var(w)/(2K p(x)²)", "zh": "delta 方法 Var(w)/(2K p(x)²)"},
    "prob.iw_hist": {"en": "log p̂_K − log p(x), one per set", "zh": "log p̂_K − log p(x)，每组一个"},
    "prob.iw_t1": {"en": "bias vs K", "zh": "偏差 vs K"},
    "prob.iw_t2": {"en": "one estimate's scatter", "zh": "单次估计的分散"},
    "prob.s6_result": {
        "en": "At K = {K}: log p(x) − L_K = {gap}; the delta method, good for large K, says "
              "{delta}. The bound has closed {closed} % of the ELBO's gap "
              "KL(q ‖ p(z | x)) = {kl}. Here Var_q(w)/p(x)² = {relvar}: the larger it is (the "
              "worse q matches the posterior), the more draws the bias needs.",
        "zh": "K = {K} 时：log p(x) − L_K = {gap}；适用于大 K 的 delta 方法给出 {delta}。"
              "这个下界已经填补了 ELBO 差距 KL(q ‖ p(z | x)) = {kl} 的 {closed} %。此处 "
              "Var_q(w)/p(x)² = {relvar}：它越大（q 与后验越不匹配），消除偏差所需的样本就越多。",
    },
    "prob.check6_head": {
        "en": "**Live check.** L_K from n = {n} sets of K = {K} draws against the exact value "
              "(the integral $\\mathbb E\\log Y = \\int_0^\\infty(e^{{-u}} - "
              "\\mathbb E e^{{-uY}})\\,du/u$); it passes when |diff| ≤ {k}·SE + 10⁻⁴.",
        "zh": "**实时检验。** 用 n = {n} 组、每组 K = {K} 个样本估计的 L_K，与精确值（积分 "
              "$\\mathbb E\\log Y = \\int_0^\\infty(e^{{-u}} - \\mathbb E e^{{-uY}})\\,du/u$）"
              "比较；|差值| ≤ {k}·SE + 10⁻⁴ 即通过。",
    },
    "prob.row_LK": {"en": "L_K, K = {K}: exact vs Monte Carlo",
                    "zh": "L_K，K = {K}：精确 vs 蒙特卡洛"},
    "prob.s6_order": {
        "en": "The order holds (exact values): ELBO = {elbo} ≤ L_{K} = {LK} ≤ log p(x) = "
              "{log_px}.",
        "zh": "顺序成立（精确值）：ELBO = {elbo} ≤ L_{K} = {LK} ≤ log p(x) = {log_px}。",
    },
    "prob.s6_disorder": {
        "en": "The order fails (a bug): ELBO = {elbo}, L_{K} = {LK}, log p(x) = {log_px}.",
        "zh": "顺序不成立（这是缺陷）：ELBO = {elbo}，L_{K} = {LK}，log p(x) = {log_px}。",
    },
    "prob.s6_why": {
        "en": "**So why the ELBO?** (1) It is a lower bound for *every* $q$, and maximising "
              "it over $q$ pulls $q$ towards $p(z\\mid x)$, which closes the gap (the ELBO "
              "page shows this exactly). (2) It is an average of "
              "$\\log p(x,z) - \\log q(z\\mid x)$, so one draw gives an unbiased estimate of "
              "the bound *and*, with the reparameterization trick (section 4), of its "
              "gradient. Maximising a sampled $\\log\\hat p_K$ instead maximises $L_K$ — "
              "still a bound, tighter, but never $\\log p(x)$ itself — and the histogram "
              "shows how widely a single $\\log\\hat p_K$ scatters.",
        "zh": "**那么为什么用 ELBO？** (1) 它对*任意* $q$ 都是下界，而对 $q$ 最大化它会把 $q$ "
              "拉向 $p(z\\mid x)$，从而缩小差距（ELBO 页面精确地展示了这一点）。(2) 它是 "
              "$\\log p(x,z) - \\log q(z\\mid x)$ 的平均，所以一个样本就能给出下界本身的无偏"
              "估计，配合重参数化技巧（第 4 节）也能给出其梯度的无偏估计。改为最大化采样得到的 "
              "$\\log\\hat p_K$，实际上最大化的是 $L_K$——仍是下界，更紧，但永远不是 "
              "$\\log p(x)$ 本身——直方图显示了单个 $\\log\\hat p_K$ 的分散程度。",
    },
    "prob.link_elbo": {"en": "The ELBO, exactly →", "zh": "精确的 ELBO →"},
    "prob.s6_ddpm": {
        "en": "**In DDPM** the latent is $z = x_{1:T}$ and the proposal is the fixed forward "
              "process $q(x_{1:T}\\mid x_0)$: nothing in $q$ is learned. The training "
              "objective is the ELBO ($K = 1$) with this $q$, written as a sum of KL terms "
              "$L_0 + \\sum_t L_{t-1} + L_T$ (Ho et al. 2020, Eq. (5)) — where the next pages "
              "go.",
        "zh": "**在 DDPM 中**，隐变量是 $z = x_{1:T}$，提议分布是固定的前向过程 "
              "$q(x_{1:T}\\mid x_0)$：$q$ 中没有任何需要学习的东西。训练目标就是用这个 $q$ 的 "
              "ELBO（$K = 1$），写成若干 KL 项之和 $L_0 + \\sum_t L_{t-1} + L_T$"
              "（Ho 等人（2020），式 (5)）——这正是后面几页要讲的。",
    },
}
