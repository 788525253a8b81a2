"""Strings of the 'maximum likelihood = minimum KL' page (views/mle.py). Texts formatted with
arguments double their LaTeX braces ({{ }}); texts without arguments keep them single."""

TEXT = {
    "mle.title": {
        "en": "Maximum likelihood = minimum KL",
        "zh": "最大似然 = 最小 KL 散度",
    },
    "mle.question": {
        "en": "What does training a generative model maximise, and why is maximum likelihood "
              "the same as making the model close to the data (minimum KL divergence)?",
        "zh": "训练生成模型时最大化的是什么？为什么最大似然等价于让模型靠近数据"
              "（最小 KL 散度）？",
    },
    "mle.intro": {
        "en": "A generative model is a distribution $p_\\theta(x)$ with parameters $\\theta$. "
              "We only have samples $\\{x^1, \\dots, x^m\\}$ drawn from the unknown data "
              "distribution $p_{data}(x)$, and we want $p_\\theta$ to be *close* to "
              "$p_{data}$. Training uses a different-looking goal: choose the $\\theta$ under "
              "which the real samples are most likely.",
        "zh": "生成模型就是一个带参数 $\\theta$ 的分布 $p_\\theta(x)$。我们手里只有从未知的"
              "数据分布 $p_{data}(x)$ 中采出的样本 $\\{x^1, \\dots, x^m\\}$，"
              "希望 $p_\\theta$ 与 $p_{data}$ 尽量*接近*。实际训练时用的却是另一个"
              "看起来不同的目标：找出让这些真实样本出现概率最大的 $\\theta$。",
    },
    "mle.deriv_intro": {
        "en": "The two goals are the same. Step by step: take the log (a "
              "monotone map, so the arg max does not move), divide by $m$, let the average "
              "become an expectation, then add a term that does not contain $\\theta$:",
        "zh": "这两个目标其实一致。逐步来看：取对数（单调变换，不改变 arg max），"
              "除以 $m$，样本平均近似为期望，再加上一项与 $\\theta$ 无关的量：",
    },
    "mle.no_theta": {  # LaTeX, under the entropy term of the derivation
        "en": "\\text{no }\\theta",
        "zh": "\\text{与 }\\theta\\text{ 无关}",
    },
    "mle.identity_intro": {
        "en": "The same statement as an identity, true for every $\\theta$:",
        "zh": "写成对每个 $\\theta$ 都成立的恒等式：",
    },
    "mle.H_explain": {
        "en": "$H(p_{data}) = -\\int p_{data}(x)\\log p_{data}(x)\\,dx$ is the **entropy** of "
              "the data distribution. It is a property of the data alone: no $\\theta$ in it. "
              "So the expected log-likelihood and $-\\mathrm{KL}$ differ by a constant and "
              "have the same maximiser: **maximising likelihood is minimising "
              "$\\mathrm{KL}(p_{data}\\,\\|\\,p_\\theta)$**. Since $\\mathrm{KL} \\ge 0$, with "
              "equality only when $p_\\theta = p_{data}$, the expected log-likelihood can never "
              "exceed $-H(p_{data})$.",
        "zh": "$H(p_{data}) = -\\int p_{data}(x)\\log p_{data}(x)\\,dx$ 是数据分布的**熵**，"
              "只由数据决定，其中没有 $\\theta$。因此期望对数似然与 $-\\mathrm{KL}$ 只差一个常数，"
              "最大值点相同：**最大化似然就是最小化 $\\mathrm{KL}(p_{data}\\,\\|\\,p_\\theta)$**。"
              "又因为 $\\mathrm{KL} \\ge 0$，且仅当 $p_\\theta = p_{data}$ 时取等号，"
              "期望对数似然永远不会超过 $-H(p_{data})$。",
    },
    "mle.neg_entropy": {
        "en": "⚠ For continuous $x$ this is the *differential* entropy, and it can be "
              "**negative**: a density may exceed 1. For one Gaussian $H = \\tfrac12\\log"
              "(2\\pi e\\sigma^2)$, which is below 0 exactly when $\\sigma < 1/\\sqrt{2\\pi e} "
              "\\approx 0.2420$. Then the expected log-likelihood of a perfect model, "
              "$-H$, is positive (single points far in the tails still have a negative "
              "log-density). Try a small component standard deviation $s$ below.",
        "zh": "⚠ 对连续变量 $x$，这里是*微分熵*，它可以是**负数**：概率密度可以大于 1。"
              "单个高斯的熵为 $H = \\tfrac12\\log(2\\pi e\\sigma^2)$，当且仅当 "
              "$\\sigma < 1/\\sqrt{2\\pi e} \\approx 0.2420$ 时小于 0。这时完美模型的期望"
              "对数似然 $-H$ 为正（远在尾部的单个点的对数密度仍然是负的）。"
              "可以在下面把分量标准差 $s$ 调小试试。",
    },
    "mle.lecture_remark": {
        "en": "Likelihood is behind most generative models, in different forms. A flow "
              "computes $\\log p_\\theta(x)$ exactly and maximises it. A VAE cannot, so it "
              "maximises a lower bound of it, the ELBO (next page). A diffusion model's "
              "ELBO splits into one term per step; DDPM as Ho et al. (2020) present it — and "
              "as this app trains it — minimises $L_{simple}$, those terms with their "
              "weights dropped: a *reweighted* bound, not the likelihood itself (the "
              "ε-objective page). The original GAN, with an optimal discriminator, minimises "
              "the Jensen–Shannon divergence instead.",
        "zh": "大多数生成模型背后都是似然，只是形式不同。flow 能精确计算 "
              "$\\log p_\\theta(x)$ 并最大化它。VAE 算不出来，于是最大化它的一个下界，"
              "即 ELBO（下一页）。扩散模型的 ELBO 拆成每一步一项；Ho 等人（2020）提出的 DDPM"
              "——以及本应用训练的方式——最小化的是 $L_{simple}$，即去掉各项权重后的这些项："
              "一个*重新加权*的界，而不是似然本身（见 ε 目标函数页）。"
              "原始的 GAN 在判别器最优时最小化的则是 Jensen–Shannon 散度。",
    },
    # ---------------------------------------------------------------- 1. data and model
    "mle.s1": {"en": "1. Data and model", "zh": "1. 数据与模型"},
    "mle.s1_intro": {
        "en": "$p_{data}$ is a known 1-D distribution (so its entropy and every KL can be "
              "computed to 10 digits), and we draw $N$ samples from it. The model is one "
              "Gaussian, $p_\\theta = \\mathcal N(\\mu, \\sigma^2)$, $\\theta = (\\mu, \\sigma)$. "
              "Move the sliders, or press **Fit** to let gradient ascent choose $\\theta$. "
              "(With two Gaussians, $s$ is the spread of each; the mixture's standard "
              "deviation is $\\sqrt{4 + s^2}$.)",
        "zh": "$p_{data}$ 是一个已知的一维分布（因此它的熵和各种 KL 都能算到 10 位有效数字），"
              "我们从中采 $N$ 个样本。模型是一个高斯分布 $p_\\theta = \\mathcal N(\\mu, "
              "\\sigma^2)$，$\\theta = (\\mu, \\sigma)$。拖动滑块，或按 **拟合** 让梯度上升"
              "来选择 $\\theta$。（对两个高斯的数据，$s$ 是每个分量的标准差；"
              "整个混合分布的标准差是 $\\sqrt{4 + s^2}$。）",
    },
    "mle.data_kind": {"en": "Data distribution p_data", "zh": "数据分布 p_data"},
    "mle.data.one": {"en": "one Gaussian N(1.5, s²)", "zh": "单个高斯 N(1.5, s²)"},
    "mle.data.two": {
        "en": "two Gaussians ½N(−2, s²) + ½N(2, s²)",
        "zh": "两个高斯 ½N(−2, s²) + ½N(2, s²)",
    },
    "mle.slider_s": {"en": "std s of each Gaussian in p_data",
                     "zh": "p_data 中每个高斯分量的标准差 s"},
    "mle.slider_n": {"en": "sample size N", "zh": "样本数 N"},
    "mle.slider_mu": {"en": "model mean μ", "zh": "模型均值 μ"},
    "mle.slider_sigma": {"en": "model std σ", "zh": "模型标准差 σ"},
    "mle.fit_button": {"en": "Fit (gradient ascent)", "zh": "拟合（梯度上升）"},
    "mle.fit_help": {
        "en": "Starts from the current μ, σ and climbs the sample's average log-likelihood; "
              "the sliders then show the fitted values.",
        "zh": "从当前的 μ、σ 出发，沿样本平均对数似然的梯度上升；结束后滑块显示拟合结果。",
    },
    "mle.x": {"en": "x", "zh": "x"},
    "mle.density": {"en": "density", "zh": "概率密度"},
    "mle.curve_data": {"en": "p_data (known)", "zh": "p_data（已知）"},
    "mle.curve_model": {"en": "model p_θ = N(μ, σ²)", "zh": "模型 p_θ = N(μ, σ²)"},
    "mle.hist": {"en": "the N samples (histogram)", "zh": "N 个样本（直方图）"},
    "mle.density_caption": {
        "en": "N = {n} samples (fixed seed). Sample mean {mean}, sample std {std}; "
              "p_data has mean {pmean} and std {pstd}.",
        "zh": "N = {n} 个样本（固定随机种子）。样本均值 {mean}，样本标准差 {std}；"
              "p_data 的均值为 {pmean}，标准差为 {pstd}。",
    },
    # ---------------------------------------------------------------- 2. the identity
    "mle.s2": {"en": "2. The identity, computed live", "zh": "2. 恒等式的实时检验"},
    "mle.s2_intro": {
        "en": "The engine computes each side separately: $E_{p_{data}}[\\log p_\\theta]$ in "
              "closed form (no integral), $H$ and $\\mathrm{KL}$ by numerical integration "
              "(Gauss–Legendre quadrature), each on its own set of nodes, so the two sides "
              "share no computation. The sample average "
              "$\\frac1N\\sum_i \\log p_\\theta(x^i)$ from the $N$ samples is a "
              "Monte-Carlo estimate of the expectation, with standard error SE.",
        "zh": "引擎分别计算每一边：$E_{p_{data}}[\\log p_\\theta]$ 用闭式解（不做积分），"
              "$H$ 和 $\\mathrm{KL}$ 用数值积分（Gauss–Legendre 求积），而且各用一套不同的"
              "节点，两边没有共用的计算。样本平均 $\\frac1N\\sum_i \\log p_\\theta(x^i)$ "
              "由 $N$ 个样本算出，是期望的蒙特卡洛估计，标准误为 SE。",
    },
    "mle.metric_H": {"en": "H(p_data)", "zh": "H(p_data)"},
    "mle.metric_H_help": {
        "en": "Entropy of the data distribution (nats): fixed by the data, independent of θ.",
        "zh": "数据分布的熵（单位 nat）：由数据决定，与 θ 无关。",
    },
    "mle.metric_KL": {"en": "KL(p_data ‖ p_θ)", "zh": "KL(p_data ‖ p_θ)"},
    "mle.metric_E": {"en": "E_p_data[log p_θ]", "zh": "E_p_data[log p_θ]"},
    "mle.metric_avg": {"en": "(1/N) Σ log p_θ(xⁱ)", "zh": "(1/N) Σ log p_θ(xⁱ)"},
    "mle.check_head": {
        "en": "**Live check.** $-H(p_{data}) - \\mathrm{KL}(p_{data}\\|p_\\theta)$ against the "
              "expected log-likelihood (exact) and the sample average (Monte Carlo).",
        "zh": "**实时检验。** $-H(p_{data}) - \\mathrm{KL}(p_{data}\\|p_\\theta)$ 与期望对数似然"
              "（精确值）及样本平均（蒙特卡洛）对比。",
    },
    "mle.col_exact": {"en": "E_p_data[log p_θ] (exact)", "zh": "E_p_data[log p_θ]（精确）"},
    "mle.col_mc": {"en": "(1/N) Σ log p_θ(xⁱ) (Monte Carlo)",
                   "zh": "(1/N) Σ log p_θ(xⁱ)（蒙特卡洛）"},
    "mle.check_caption": {
        "en": "Exact column: they differ by ${diff}$ (quadrature error). Monte-Carlo column: "
              "the sample average misses the expectation by ${mc_diff}$, with SE $= {se}$ "
              "(it shrinks like $1/\\sqrt N$); agreement means "
              "$|\\text{{difference}}| \\le {k}\\,\\mathrm{{SE}} + {floor} = {tol}$ → "
              "**{verdict}**.",
        "zh": "精确列：两者相差 ${diff}$（数值积分误差）。蒙特卡洛列：样本平均与期望相差 "
              "${mc_diff}$，SE $= {se}$（按 $1/\\sqrt N$ 缩小）；判为一致的条件是 "
              "$|\\text{{差}}| \\le {k}\\,\\mathrm{{SE}} + {floor} = {tol}$ → "
              "**{verdict}**。",
    },
    "mle.agree": {"en": "agree", "zh": "一致"},
    "mle.disagree": {"en": "DISAGREE — the engine is wrong", "zh": "不一致——引擎有错"},
    "mle.H_negative": {
        "en": "Here $H(p_{{data}}) = {H}$ is **negative** (the data are concentrated: "
              "$p_{{data}}$ exceeds 1 near its peaks), so every model with "
              "$\\mathrm{{KL}} < -H = {negH}$ has a *positive* expected log-likelihood.",
        "zh": "此时 $H(p_{{data}}) = {H}$ 是**负数**（数据很集中：$p_{{data}}$ 在峰附近"
              "大于 1），所以凡是 $\\mathrm{{KL}} < -H = {negH}$ 的模型，期望对数似然都是*正*的。",
    },
    # ---------------------------------------------------------------- 3. lockstep
    "mle.s3": {"en": "3. They move in lockstep", "zh": "3. 两者同步变化"},
    "mle.s3_intro": {
        "en": "Sweep one parameter, keep the other at its slider value. The expected "
              "log-likelihood (green) and $-\\mathrm{KL}$ (purple, dashed) are the same curve "
              "shifted by the constant $-H(p_{data})$ (orange bracket): wherever one is "
              "highest, so is the other.",
        "zh": "扫描一个参数，另一个保持滑块上的值。期望对数似然（绿色）与 "
              "$-\\mathrm{KL}$（紫色虚线）是同一条曲线平移了常数 $-H(p_{data})$"
              "（橙色标注）：一个取最大值的地方，另一个也取最大值。",
    },
    "mle.sweep_mu": {"en": "sweep μ (σ = {sigma})", "zh": "扫描 μ（σ = {sigma}）"},
    "mle.sweep_sigma": {"en": "sweep σ (μ = {mu})", "zh": "扫描 σ（μ = {mu}）"},
    "mle.curve_E": {"en": "E_p_data[log p_θ]", "zh": "E_p_data[log p_θ]"},
    "mle.curve_negKL": {"en": "−KL(p_data ‖ p_θ)", "zh": "−KL(p_data ‖ p_θ)"},
    "mle.curve_avg": {"en": "(1/N) Σ log p_θ(xⁱ) (sample)", "zh": "(1/N) Σ log p_θ(xⁱ)（样本）"},
    "mle.gap": {"en": "gap −H = {gap}", "zh": "差距 −H = {gap}"},
    "mle.nats": {"en": "nats", "zh": "nat"},
    "mle.sweep_caption": {
        "en": "Largest gap difference along both sweeps: {spread} (the gap is constant up to "
              "quadrature error).",
        "zh": "两次扫描中差距的最大变化：{spread}（除数值积分误差外，差距是常数）。",
    },
    # ---------------------------------------------------------------- 4. fit
    "mle.s4": {"en": "4. Fit by gradient ascent", "zh": "4. 用梯度上升拟合"},
    "mle.s4_intro": {
        "en": "**Fit** maximises the sample's average log-likelihood "
              "$\\ell(\\mu,\\sigma^2) = \\frac1N\\sum_i\\log\\mathcal N(x^i;\\mu,\\sigma^2)$: "
              "torch autograd gives the gradient, and each step moves $\\theta$ uphill. Plain "
              "gradient steps would need a step size matched to the data's scale (the "
              "likelihood is sharper when $\\sigma$ is small), so each step is divided by the "
              "Fisher information $F = \\mathrm{diag}(1/\\sigma^2, 1/(2\\sigma^4))$ "
              "(*natural gradient*); one step size then works for every scale.",
        "zh": "**拟合**按钮最大化样本的平均对数似然 "
              "$\\ell(\\mu,\\sigma^2) = \\frac1N\\sum_i\\log\\mathcal N(x^i;\\mu,\\sigma^2)$："
              "梯度由 torch 自动求导给出，每一步让 $\\theta$ 往上爬。普通梯度步需要根据数据的"
              "尺度挑步长（$\\sigma$ 越小，似然越陡峭），因此每一步都除以 Fisher 信息 "
              "$F = \\mathrm{diag}(1/\\sigma^2, 1/(2\\sigma^4))$（*自然梯度*），"
              "这样同一个步长适用于任何尺度。",
    },
    "mle.mle_formula": {
        "en": "Setting the gradient to zero gives the answer the ascent should reach — the "
              "sample mean and the sample standard deviation with $1/N$ (not $1/(N-1)$):",
        "zh": "令梯度为零即得梯度上升应当到达的答案——样本均值与除以 $N$"
              "（而不是 $N-1$）的样本标准差：",
    },
    "mle.fit_near": {
        "en": "Fit done: after {steps} steps of gradient ascent μ = {mu}, σ = {sigma} (the "
              "sliders now show them); the sample's MLE is μ̂ = {m_hat}, σ̂ = {s_hat}. The "
              "climb is drawn in section 4 below.",
        "zh": "拟合完成：梯度上升 {steps} 步后 μ = {mu}，σ = {sigma}（滑块已显示这两个值）；"
              "样本的最大似然估计为 μ̂ = {m_hat}，σ̂ = {s_hat}。上升过程画在下面第 4 节。",
    },
    "mle.fit_none": {
        "en": "Press **Fit** (next to the model sliders) to run the ascent from the current μ, σ.",
        "zh": "按下模型滑块旁边的 **拟合** 按钮，从当前的 μ、σ 开始梯度上升。",
    },
    "mle.fit_stale": {
        "en": "The data changed since the last fit: press **Fit** again.",
        "zh": "自上次拟合以来数据已改变：请再按一次 **拟合**。",
    },
    "mle.fit_progress": {
        "en": "gradient ascent: step {k} / {n}",
        "zh": "梯度上升：第 {k} / {n} 步",
    },
    "mle.fit_title": {
        "en": "{n} steps from μ = {mu0}, σ = {sigma0}",
        "zh": "从 μ = {mu0}、σ = {sigma0} 出发的 {n} 步",
    },
    "mle.step": {"en": "step", "zh": "步数"},
    "mle.fit_check_head": {
        "en": "**Live check.** The fitted $\\mu, \\sigma$ against the closed-form "
              "maximum-likelihood estimate.",
        "zh": "**实时检验。** 拟合得到的 $\\mu, \\sigma$ 与最大似然估计的闭式解对比。",
    },
    "mle.col_mu": {"en": "μ̂ = sample mean", "zh": "μ̂ = 样本均值"},
    "mle.col_sigma": {"en": "σ̂ = sample std (1/N)", "zh": "σ̂ = 样本标准差（1/N）"},
    "mle.fit_caption": {
        "en": "The fit climbs the sample average ℓ̂ (grey, dotted): {avg}. The green and purple "
              "curves are the exact $E[\\log p_\\theta]$ and $-\\mathrm{{KL}}$: one curve "
              "shifted by $-H$, so $\\Delta E[\\log p_\\theta] = -\\Delta\\mathrm{{KL}}$ at "
              "every step, exactly. But the fit does not climb them, so nothing makes them "
              "rise at every step: here KL rose in {kl_rose} of the {steps} steps. The fit "
              "converges to the sample's maximum-likelihood estimate θ̂ = (x̄, s_N), which "
              "maximises ℓ̂; its KL is ${kl_fit}$, while the least KL any Gaussian reaches is "
              "${kl_min}$, at θ* = (mean, std of p_data) = ({mu_star}, {sigma_star}). As N "
              "grows, ℓ̂(θ) → $E[\\log p_\\theta]$ for every θ (law of large numbers; the "
              "error is about one SE) and θ̂ → θ*, so the fit's KL approaches the least one.",
        "zh": "拟合爬升的是样本平均 ℓ̂（灰色点线）：{avg}。绿色和紫色曲线是精确的 "
              "$E[\\log p_\\theta]$ 与 $-\\mathrm{{KL}}$：同一条曲线平移了 $-H$，所以每一步都"
              "精确地有 $\\Delta E[\\log p_\\theta] = -\\Delta\\mathrm{{KL}}$。但拟合爬升的"
              "并不是它们，所以没有什么保证它们每一步都上升：这里 KL 在 {steps} 步中有 "
              "{kl_rose} 步是上升的。拟合收敛到样本的最大似然估计 θ̂ = (x̄, s_N)，它最大化的是 "
              "ℓ̂；此处的 KL 为 ${kl_fit}$，而任何高斯所能达到的最小 KL 为 ${kl_min}$，在 "
              "θ* = (p_data 的均值, 标准差) = ({mu_star}, {sigma_star}) 处取得。随着 N 增大，"
              "对每个 θ 都有 ℓ̂(θ) → $E[\\log p_\\theta]$（大数定律；误差约为一个 SE），"
              "且 θ̂ → θ*，于是拟合所得的 KL 趋近最小值。",
    },
    "mle.fit_avg_up": {
        "en": "it never fell in the {steps} steps",
        "zh": "它在 {steps} 步中从未下降",
    },
    "mle.fit_avg_fell": {
        "en": "it fell in {fell} of the {steps} steps",
        "zh": "它在 {steps} 步中有 {fell} 步下降",
    },
    # ---------------------------------------------------------------- 5. mode covering
    "mle.s5": {"en": "5. Forward KL covers the modes", "zh": "5. 前向 KL 覆盖各峰"},
    "mle.s5_text": {
        "en": "Maximum likelihood minimises the *forward* KL, "
              "$\\mathrm{KL}(p_{data}\\|p_\\theta) = E_{p_{data}}[\\log p_{data} - \\log "
              "p_\\theta]$. The average is taken over the data: wherever the data has "
              "probability mass and the model has almost none, $-\\log p_\\theta$ is huge. "
              "So the model is forced to spread over *every* mode of the data "
              "(mode-covering), even if that puts its own mass where there is no data. "
              "(The reverse KL, $\\mathrm{KL}(p_\\theta\\|p_{data})$, would rather pick one mode.)",
        "zh": "最大似然最小化的是*前向* KL："
              "$\\mathrm{KL}(p_{data}\\|p_\\theta) = E_{p_{data}}[\\log p_{data} - \\log "
              "p_\\theta]$。期望是对数据取的：凡是数据有概率质量而模型几乎没有概率质量的地方，"
              "$-\\log p_\\theta$ 都会非常大。因此模型必须铺开去覆盖数据的*每一个*峰"
              "（覆盖各峰），哪怕这会把自身的概率质量放到没有数据的地方。"
              "（反向 KL $\\mathrm{KL}(p_\\theta\\|p_{data})$ 则倾向于只挑一个峰。）",
    },
    "mle.cover_two": {
        "en": "With two Gaussians the single Gaussian fitted to this sample (its MLE, "
              "μ̂ = {mu}, σ̂ = {sigma}) sits **between** the modes: at x = μ̂ the model's "
              "density is ${q}$ and the data's is ${p}$.",
        "zh": "对两个高斯的数据，拟合这组样本的单个高斯（其最大似然估计 μ̂ = {mu}，"
              "σ̂ = {sigma}）位于两峰**之间**：在 x = μ̂ 处，模型的密度为 ${q}$，"
              "数据的密度为 ${p}$。",
    },
    "mle.cover_two_try": {
        "en": "Choose “two Gaussians” above and press **Fit** to see the fitted model sit "
              "between the two modes.",
        "zh": "在上面选择“两个高斯”并按 **拟合**，可以看到拟合出的模型落在两峰之间。",
    },
    "mle.cover_one": {
        "en": "With one Gaussian the model family contains $p_{data}$, so the fit can reach "
              "KL ≈ 0 (up to the sampling error of the N samples).",
        "zh": "对单个高斯的数据，模型族包含 $p_{data}$，因此拟合可以达到 KL ≈ 0"
              "（只差 N 个样本带来的抽样误差）。",
    },
}
