"""Strings of the page 'The ε-objective' (views/objective.py)."""

TEXT = {
    "objective.question": {
        "en": "Each KL term of the bound compares two Gaussians: why does it become a plain "
              "squared error on the noise ε, and what does training drop from it?",
        "zh": "变分界中的每个 KL 项都比较两个高斯分布：它为什么会变成噪声 ε 上的平方误差？"
              "训练时又从中丢掉了什么？",
    },
    "objective.intro": {
        "en": "Each KL term of the bound, "
              r"$L_{t-1} = \mathrm{KL}(q(x_{t-1}|x_t,x_0)\,\|\,p_\theta(x_{t-1}|x_t))$, "
              "compares two Gaussians. Because the model's variance σ_t² is fixed, only the means "
              "can be learned: the KL becomes a squared distance between means, then, writing "
              "both means through the noise ε, a weighted squared error on ε "
              "(Ho et al. 2020, Eqs. 8–12). Training then simply drops the weight (Eq. 14).",
        "zh": "变分界中的每个 KL 项 "
              r"$L_{t-1} = \mathrm{KL}(q(x_{t-1}|x_t,x_0)\,\|\,p_\theta(x_{t-1}|x_t))$ "
              "比较的是两个高斯分布。由于模型方差 σ_t² 是固定的，能学的只有均值："
              "KL 变成两个均值之间的平方距离；再把两个均值都用噪声 ε 表示，"
              "就得到 ε 上的加权平方误差（Ho 等人（2020），式 (8)–(12)）。"
              "训练时干脆丢掉这个权重（式 (14)）。",
    },
    # ---------------------------------------------------------------- section 1
    "objective.s1.title": {
        "en": "1 · From the KL to the ε-objective, step by step",
        "zh": "1 · 从 KL 到 ε 目标，逐步推导",
    },
    "objective.s1.body": {
        "en": "Every line below is computed by SymPy (`ddpm_core.symbolic`), not typed in. "
              "1-D Gaussians suffice: with diagonal covariances the KL between d-dimensional "
              "Gaussians is the sum of the d one-dimensional KLs, and (ε − ε_θ)² becomes "
              "‖ε − ε_θ‖².",
        "zh": "下面每一行都由 SymPy（`ddpm_core.symbolic`）算出，而非手写。"
              "一维高斯就够了：协方差为对角阵时，两个 d 维高斯之间的 KL 散度等于 d 个坐标上"
              "各自一维 KL 散度之和，(ε − ε_θ)² 也就变成 ‖ε − ε_θ‖²。",
    },
    "objective.mu_eps.expander": {
        "en": "How the posterior mean is written with ε (Ho et al. 2020, Eqs. 9–11), "
              "step by step",
        "zh": "后验均值如何用 ε 表示（Ho 等人（2020），式 (9)–(11)），逐步推导",
    },
    "objective.sympy_check": {
        "en": "SymPy result vs the engine's `{fn}` at every valid t of this schedule: "
              "largest relative difference {err}",
        "zh": "SymPy 结果与引擎 `{fn}` 在本调度所有有效 t 上的比较：最大相对差 {err}",
    },
    "objective.sympy_ok": {"en": r"agrees (tolerance $10^{-7}$)",
                           "zh": r"一致（容差 $10^{-7}$）"},
    "objective.sympy_bad": {"en": r"DISAGREES (tolerance $10^{-7}$)",
                            "zh": r"不一致（容差 $10^{-7}$）"},
    "objective.step.kl_eps.log_ratio": {
        "en": "The log-ratio of two 1-D Gaussian densities (the 2π terms cancel).",
        "zh": "两个一维高斯密度的对数比（2π 项相消）。",
    },
    "objective.step.kl_eps.expectation": {
        "en": "The KL is its expectation under N(μ₁, σ₁²): replace x by μ₁ and x² by μ₁² + σ₁².",
        "zh": "KL 散度是它在 N(μ₁, σ₁²) 下的期望：把 x 换成 μ₁，把 x² 换成 μ₁² + σ₁²。",
    },
    "objective.step.kl_eps.gaussian_kl": {
        "en": "Simplified: the standard KL between two Gaussians.",
        "zh": "化简后：两个高斯之间 KL 散度的标准公式。",
    },
    "objective.step.kl_eps.equal_variance": {
        "en": "With equal variances only the mean term is left.",
        "zh": "方差相等时只剩下均值项。",
    },
    "objective.step.kl_eps.split": {
        "en": "With σ₁² = β̃_t (the posterior) and σ₂² = σ_t² (the model): a mean term plus a "
              "constant C that θ cannot change (Ho et al. 2020, Eq. 8).",
        "zh": "取 σ₁² = β̃_t（后验）、σ₂² = σ_t²（模型）：得到均值项加上一个与 θ 无关的常数 C"
              "（Ho 等人（2020），式 (8)）。",
    },
    "objective.step.kl_eps.constant": {
        "en": "C depends only on r = β̃_t/σ_t²; r − 1 − log r ≥ 0, with equality iff r = 1 "
              "(σ_t² = β̃_t).",
        "zh": "C 只依赖 r = β̃_t/σ_t²；r − 1 − log r ≥ 0，当且仅当 r = 1（σ_t² = β̃_t）时取等号。",
    },
    "objective.step.kl_eps.mean_difference": {
        "en": "Write both means in ε form (Ho et al. 2020, Eqs. 10–11): the posterior mean "
              "with the true ε, the model's mean with the network's ε_θ(x_t, t) in its place "
              "(how the first line follows from μ̃_t: in the expander below).",
        "zh": "把两个均值都写成 ε 形式（Ho 等人（2020），式 (10)–(11)）：后验均值用真实的 ε，"
              "模型均值在同一位置换成网络的 ε_θ(x_t, t)（第一行如何由 μ̃_t 得到：见下方展开栏）。",
    },
    "objective.step.kl_eps.mean_difference_2": {
        "en": "Subtract: x_t cancels, only ε − ε_θ is left.",
        "zh": "两式相减：x_t 相消，只剩 ε − ε_θ。",
    },
    "objective.step.kl_eps.lambda": {
        "en": "So $L_{t-1}$ − C = λ_t (ε − ε_θ)², with the weight λ_t below "
              "(Ho et al. 2020, Eq. 12).",
        "zh": "于是 $L_{t-1}$ − C = λ_t (ε − ε_θ)²，权重 λ_t 见下式（Ho 等人（2020），式 (12)）。",
    },
    "objective.step.kl_eps.lambda_beta_tilde": {
        "en": "For σ_t² = β̃_t (defined for t ≥ 2; at t = 1 β̃_1 = 0 and the term is the "
              "decoder L_0).",
        "zh": "σ_t² = β̃_t 时（t ≥ 2 才有定义；t = 1 时 β̃_1 = 0，该项是解码器 L_0）。",
    },
    "objective.step.kl_eps.lambda_beta": {
        "en": "For σ_t² = β_t.",
        "zh": "σ_t² = β_t 时。",
    },
    "objective.step.mu_eps.posterior_mean": {
        "en": "The posterior mean from the posterior page (Ho et al. 2020, Eq. 7).",
        "zh": "后验页得到的后验均值（Ho 等人（2020），式 (7)）。",
    },
    "objective.step.mu_eps.x0_from_eps": {
        "en": "Solve x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε (Eq. 4) for x_0.",
        "zh": "从 x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε（式 (4)）解出 x_0。",
    },
    "objective.step.mu_eps.substitute": {
        "en": "Substitute into μ̃_t and collect the terms in x_t and in ε.",
        "zh": "代入 μ̃_t，并按 x_t 和 ε 合并同类项。",
    },
    "objective.step.mu_eps.coef_xt": {
        "en": "The coefficient of x_t simplifies to 1/√α_t.",
        "zh": "x_t 的系数化简为 1/√α_t。",
    },
    "objective.step.mu_eps.coef_eps": {
        "en": "The coefficient of ε.",
        "zh": "ε 的系数。",
    },
    "objective.step.mu_eps.result": {
        "en": "Ho et al. 2020, Eqs. 9–10. The network imitates it with ε_θ(x_t, t) in place of "
              "ε: that is μ_θ, Eq. 11.",
        "zh": "Ho 等人（2020），式 (9)–(10)。网络用 ε_θ(x_t, t) 代替 ε 来模仿它，"
              "这就是 μ_θ（式 (11)）。",
    },
    "objective.s1.x0_form": {
        "en": "Stopping one step earlier gives the x_0 form: with μ_θ written through a predicted "
              "x̂_0 in the posterior-mean formula, the same KL is a weighted error on x_0. "
              "For a given network both forms are the same loss; they differ in what the network "
              "is asked to output, which matters for training (section 4).",
        "zh": "提前一步停下就得到 x_0 形式：把后验均值公式中的 x_0 换成预测的 x̂_0，"
              "同一个 KL 散度就是 x_0 上的加权误差。对同一个网络，两种形式是同一个损失；"
              "区别在于让网络输出什么，这对训练很重要（第 4 节）。",
    },
    "objective.form.x0": {
        "en": "**x_0 form** (the network predicts x̂_0):",
        "zh": "**x_0 形式**（网络预测 x̂_0）：",
    },
    "objective.form.eps": {
        "en": "**ε form** (the network predicts ε_θ, Ho et al. 2020, Eq. 12):",
        "zh": "**ε 形式**（网络预测 ε_θ，Ho 等人（2020），式 (12)）：",
    },
    # ---------------------------------------------------------------- section 2
    "objective.s2.title": {
        "en": r"2 · Live check: the KL term is $\lambda_t\|\epsilon - \epsilon_\theta\|^2 + C$",
        "zh": r"2 · 实时检验：KL 项等于 $\lambda_t\|\epsilon - \epsilon_\theta\|^2 + C$",
    },
    "objective.s2.body": {
        "en": "Draw x_0, ε and a network guess ε_θ from N(0, I) in d = 2 (fixed seed), form "
              "x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε, then compute the KL directly with `gaussian_kl` "
              "between the posterior N(μ̃_t, β̃_t I) (from `q_posterior`, which uses x_0) and "
              "the model N(μ_θ, σ_t² I) (from `posterior_mean_from_eps`, which uses ε_θ) — and "
              "compare with Eq. 12, which uses only the weight λ_t, the constant C and "
              "‖ε − ε_θ‖². The two would disagree if either side were computed wrongly.",
        "zh": "在 d = 2 中（固定随机种子）从 N(0, I) 抽取 x_0、ε 和网络的猜测 ε_θ，"
              "构造 x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε，然后用 `gaussian_kl` 直接计算后验 "
              "N(μ̃_t, β̃_t I)（由 `q_posterior` 用 x_0 算出）与模型 N(μ_θ, σ_t² I)"
              "（由 `posterior_mean_from_eps` 用 ε_θ 算出）之间的 KL 散度，并与式 (12) 比较；"
              "式 (12) 只用到权重 λ_t、常数 C 和 ‖ε − ε_θ‖²。任何一边算错，两者都会不一致。",
    },
    "objective.slider.t": {"en": "t (KL term $L_{t-1}$)", "zh": "t（KL 项 $L_{t-1}$）"},
    "objective.radio.sigma": {"en": "Model variance σ_t²", "zh": "模型方差 σ_t²"},
    "objective.sigma.beta_tilde": {"en": "σ_t² = β̃_t", "zh": "σ_t² = β̃_t"},
    "objective.sigma.beta": {"en": "σ_t² = β_t", "zh": "σ_t² = β_t"},
    "objective.s2.t1": {
        "en": "With T = 1 the bound has no KL term $L_{t-1}$ (they run over t = 2..T): the only "
              "terms are the decoder L_0 = −log p_θ(x_0|x_1) and the prior term L_T. There is "
              "nothing to check here; increase T in the sidebar.",
        "zh": "T = 1 时变分界中没有 KL 项 $L_{t-1}$（它们对应 t = 2..T）：只有解码器项 "
              "L_0 = −log p_θ(x_0|x_1) 和先验项 L_T。此处没有可检验的内容，请在侧边栏增大 T。",
    },
    "objective.s2.t_fixed": {
        "en": "With T = 2 there is a single KL term, at t = 2.",
        "zh": "T = 2 时只有一个 KL 项，即 t = 2。",
    },
    "objective.s2.values": {
        "en": "At t = {t}: $\\lambda_t = {lam}$, $\\|\\epsilon - \\epsilon_\\theta\\|^2 = {sq}$, "
              "$C = {C}$ (d = {d}).",
        "zh": "t = {t} 时：$\\lambda_t = {lam}$，$\\|\\epsilon - \\epsilon_\\theta\\|^2 = {sq}$，"
              "$C = {C}$（d = {d}）。",
    },
    "objective.s2.agree": {
        "en": "Relative difference {rel} (tolerance {tol}: float64 rounding) — {verdict}.",
        "zh": "相对差 {rel}（容差 {tol}：float64 舍入误差）——{verdict}。",
    },
    "objective.s2.ok": {"en": "they agree", "zh": "两者一致"},
    "objective.s2.bad": {"en": "they DISAGREE", "zh": "两者不一致"},
    # ---------------------------------------------------------------- weights
    "objective.w.title": {
        "en": r"3 · The weights $\lambda_t$, and what $L_\text{simple}$ does with them",
        "zh": r"3 · 权重 $\lambda_t$，以及 $L_\text{simple}$ 如何处理它们",
    },
    "objective.w.body": {
        "en": "The true bound weights the ε error at step t by λ_t. Ho et al. instead train on "
              r"$L_\text{simple} = \mathbb E_{t,x_0,\epsilon}"
              r"\|\epsilon - \epsilon_\theta(x_t, t)\|^2$"
              " (Eq. 14): every λ_t is replaced by 1, so relative to the bound the term at t is "
              "multiplied by 1/λ_t. With their linear schedule (T = 1000, β from 10⁻⁴ to 0.02) "
              "the largest weights sit at small t, so L_simple down-weights those easy terms "
              "(very little noise) in favour of harder, noisier ones; they report better "
              "samples at a slightly worse likelihood (Sec. 3.4, Table 2). Which terms lose "
              "weight depends on the schedule: for the one in the sidebar, see below the chart.",
        "zh": "真正的变分界用 λ_t 给第 t 步的 ε 误差加权。Ho 等人（2020）改用 "
              r"$L_\text{simple} = \mathbb E_{t,x_0,\epsilon}"
              r"\|\epsilon - \epsilon_\theta(x_t, t)\|^2$"
              "（式 (14)）训练：所有 λ_t 都换成 1，于是相对于变分界，第 t 项乘上了 1/λ_t。"
              "在他们的线性调度（T = 1000，β 从 10⁻⁴ 到 0.02）下，最大的权重在小 t 处，"
              "所以 L_simple 降低了这些容易的项（噪声很少）的权重，偏向更难、噪声更多的项；"
              "他们报告这样样本质量更好，似然略差（第 3.4 节，表 2）。哪些项被降权取决于调度："
              "侧边栏中调度的情况见图下方。",
    },
    "objective.w.shape.falls": {
        "en": "For this schedule (σ_t² = β̃_t), λ_t falls steadily with t: largest at t = 2 "
              "($\\lambda_2 = {lam_max}$), smallest at t = T = {t_min} "
              "($\\lambda_{{{t_min}}} = {lam_min}$).",
        "zh": "对本调度（σ_t² = β̃_t），λ_t 随 t 单调下降：在 t = 2 处最大"
              "（$\\lambda_2 = {lam_max}$），在 t = T = {t_min} 处最小"
              "（$\\lambda_{{{t_min}}} = {lam_min}$）。",
    },
    "objective.w.shape.rises": {
        "en": "For this schedule (σ_t² = β̃_t), λ_t rises steadily with t: smallest at t = 2 "
              "($\\lambda_2 = {lam_min}$), largest at t = T = {t_max} "
              "($\\lambda_{{{t_max}}} = {lam_max}$).",
        "zh": "对本调度（σ_t² = β̃_t），λ_t 随 t 单调上升：在 t = 2 处最小"
              "（$\\lambda_2 = {lam_min}$），在 t = T = {t_max} 处最大"
              "（$\\lambda_{{{t_max}}} = {lam_max}$）。",
    },
    "objective.w.shape.dip": {
        "en": "For this schedule (σ_t² = β̃_t), λ_t is not monotone in t: it falls from "
              "$\\lambda_2 = {lam_2}$ to its minimum $\\lambda_{{{t_min}}} = {lam_min}$ at "
              "t = {t_min}, then rises to $\\lambda_{{{T}}} = {lam_T}$ at t = T. It is "
              "largest at t = {t_max}.",
        "zh": "对本调度（σ_t² = β̃_t），λ_t 不是 t 的单调函数：它从 $\\lambda_2 = {lam_2}$ "
              "下降到 t = {t_min} 处的最小值 $\\lambda_{{{t_min}}} = {lam_min}$，"
              "再上升到 t = T 处的 $\\lambda_{{{T}}} = {lam_T}$。最大值在 t = {t_max} 处。",
    },
    "objective.w.shape.other": {
        "en": "For this schedule (σ_t² = β̃_t), λ_t is not monotone in t: it is largest at "
              "t = {t_max} ($\\lambda_{{{t_max}}} = {lam_max}$) and smallest at t = {t_min} "
              "($\\lambda_{{{t_min}}} = {lam_min}$).",
        "zh": "对本调度（σ_t² = β̃_t），λ_t 不是 t 的单调函数：在 t = {t_max} 处最大"
              "（$\\lambda_{{{t_max}}} = {lam_max}$），在 t = {t_min} 处最小"
              "（$\\lambda_{{{t_min}}} = {lam_min}$）。",
    },
    "objective.w.ratio": {
        "en": "The largest weight is ${ratio}$ times the smallest. L_simple gives both terms "
              "weight 1, so, relative to the bound, it scales the term at t = {t_max} down to "
              "$1/{ratio}$ of its weight compared with the term at t = {t_min}.",
        "zh": "最大的权重是最小权重的 ${ratio}$ 倍。L_simple 给这两项的权重都是 1，所以相对于"
              "变分界，t = {t_max} 处的项相对 t = {t_min} 处的项，权重变为原来的 $1/{ratio}$。",
    },
    "objective.w.ratio_t2": {
        "en": "With T = 2 there is one KL term; L_simple only changes its scale "
              "($\\lambda_2 = {lam_lo}$ for σ_t² = β̃_t).",
        "zh": "T = 2 时只有一个 KL 项；L_simple 只改变其尺度（σ_t² = β̃_t 时 "
              "$\\lambda_2 = {lam_lo}$）。",
    },
    "objective.fig.lambda_title": {
        "en": "Weight of ‖ε − ε_θ‖² at each t (log scale)",
        "zh": "各 t 上 ‖ε − ε_θ‖² 的权重（对数坐标）",
    },
    "objective.fig.t": {"en": "t", "zh": "t"},
    "objective.fig.weight": {"en": "weight", "zh": "权重"},
    "objective.fig.lam_bt": {"en": "λ_t, σ_t² = β̃_t", "zh": "λ_t，σ_t² = β̃_t"},
    "objective.fig.lam_b": {"en": "λ_t, σ_t² = β_t", "zh": "λ_t，σ_t² = β_t"},
    "objective.fig.simple": {"en": "L_simple: 1", "zh": "L_simple：1"},
    "objective.fig.chosen": {"en": "chosen t", "zh": "所选 t"},
    # ---------------------------------------------------------------- section 4
    "objective.s4.title": {
        "en": "4 · Why predict the noise?",
        "zh": "4 · 为什么预测噪声？",
    },
    "objective.s4.body": {
        "en": "The three parametrisations (μ_θ, x̂_0, ε_θ) give the same bound; what differs is "
              "the target the network must output. They are tied by Eq. 15, "
              "x̂_0 = (x_t − √(1−ᾱ_t) ε_θ)/√ᾱ_t: an error δ in ε is an error "
              "δ·√((1−ᾱ_t)/ᾱ_t) in x̂_0, and an error e in x̂_0 is an error "
              "e·√(ᾱ_t/(1−ᾱ_t)) in ε. The factor √((1−ᾱ_t)/ᾱ_t) grows with t (ᾱ_t falls). "
              "So the hard end for an x_0-predictor is small t, where the factor is smallest: "
              "there x_0 differs from x_t/√ᾱ_t only by √((1−ᾱ_t)/ᾱ_t)·ε, and the network must "
              "reproduce x_t/√ᾱ_t to within much less than that, because its x_0 error e counts "
              "in the ε form as e·√(ᾱ_t/(1−ᾱ_t)), the more so the smaller t. An ε-predictor "
              "outputs a target of unit scale at every t; its errors are magnified instead when "
              "turned into x̂_0, the more so the larger t.",
        "zh": "三种参数化（μ_θ、x̂_0、ε_θ）给出同一个变分界；不同的是网络要输出的目标。"
              "它们由式 (15) 联系起来：x̂_0 = (x_t − √(1−ᾱ_t) ε_θ)/√ᾱ_t。ε 上的误差 δ "
              "就是 x̂_0 上的误差 δ·√((1−ᾱ_t)/ᾱ_t)；x̂_0 上的误差 e 就是 ε 上的误差 "
              "e·√(ᾱ_t/(1−ᾱ_t))。因子 √((1−ᾱ_t)/ᾱ_t) 随 t 增大（ᾱ_t 减小）。"
              "所以对预测 x_0 的网络来说，难的一端是因子最小的小 t：那里 x_0 与 x_t/√ᾱ_t "
              "只差 √((1−ᾱ_t)/ᾱ_t)·ε，网络复现 x_t/√ᾱ_t 的误差必须远小于这个量，"
              "因为它在 x_0 上的误差 e 在 ε 形式中算作 e·√(ᾱ_t/(1−ᾱ_t))，t 越小放大越多。"
              "预测 ε 的网络在每个 t 上输出的目标尺度都是 1；反过来，它的误差换算成 x̂_0 时"
              "会被放大，t 越大放大越多。",
    },
    "objective.s4.ho": {
        "en": "Ho et al. chose ε for their own reasons, not for this one. Empirically: predicting "
              "ε and training on L_simple gave their best samples (Table 2: FID 3.17 on "
              "CIFAR-10, against 13.22 for predicting μ̃ with the true bound), and predicting "
              "x_0 gave worse samples in their early experiments (Sec. 3.2). Conceptually: in "
              "the ε form the objective is denoising score matching over many noise levels, "
              "and the sampler resembles Langevin dynamics with ε_θ as a learned score "
              "(Sec. 3.2).",
        "zh": "Ho 等人（2020）选择 ε 另有他们自己的理由，而非上面这一条。经验上：预测 ε 并用 "
              "L_simple 训练得到了他们最好的样本（表 2：CIFAR-10 上 FID 3.17，"
              "而预测 μ̃ 并用真正的变分界训练为 13.22），预测 x_0 在他们早期的实验中样本更差"
              "（第 3.2 节）。概念上：ε 形式的目标就是多个噪声水平上的去噪得分匹配，"
              "采样过程则类似以 ε_θ 为学到的得分函数的朗之万动力学（第 3.2 节）。",
    },
    "objective.s4.ends": {
        "en": "For this schedule: at t = 1 the factor is ${a1}$, so an x̂_0 error of 0.01 is "
              "an ε error of ${e1}$; at t = T = {T} it is ${aT}$, so an ε error of 0.01 is an "
              "x̂_0 error of ${eT}$.",
        "zh": "对本调度：t = 1 时因子为 ${a1}$，所以 0.01 的 x̂_0 误差就是 ${e1}$ 的 ε 误差；"
              "t = T = {T} 时因子为 ${aT}$，所以 0.01 的 ε 误差就是 ${eT}$ 的 x̂_0 误差。",
    },
    "objective.s4.ends_t1": {
        "en": "For this schedule (T = 1) the factor at t = 1 is ${a1}$: an x̂_0 error of 0.01 is "
              "an ε error of ${e1}$.",
        "zh": "对本调度（T = 1），t = 1 时因子为 ${a1}$：0.01 的 x̂_0 误差就是 ${e1}$ 的 ε 误差。",
    },
    "objective.fig.amp_title": {
        "en": "√((1−ᾱ_t)/ᾱ_t): an ε error's size in x̂_0 (log scale)",
        "zh": "√((1−ᾱ_t)/ᾱ_t)：ε 误差在 x̂_0 中的大小（对数坐标）",
    },
    "objective.fig.amp": {"en": "√((1−ᾱ_t)/ᾱ_t)", "zh": "√((1−ᾱ_t)/ᾱ_t)"},
    "objective.fig.eps_scale": {"en": "std of ε: 1", "zh": "ε 的标准差：1"},
    "objective.slider.t_amp": {"en": "t (x̂_0 from ε_θ)", "zh": "t（由 ε_θ 得到 x̂_0）"},
    "objective.s4.identity": {
        "en": "The same x_0, ε, ε_θ as in section 2, at t = {t}: `predict_x0_from_eps` turns "
              "ε_θ into x̂_0, and ‖x̂_0 − x_0‖ = √((1−ᾱ_t)/ᾱ_t)·‖ε − ε_θ‖ holds exactly "
              "(x̂_0 − x_0 = √((1−ᾱ_t)/ᾱ_t)·(ε − ε_θ) is algebra, not an approximation). "
              "This is an identity shown for reading, not a check:",
        "zh": "与第 2 节相同的 x_0、ε、ε_θ，t = {t}：`predict_x0_from_eps` 把 ε_θ 变成 x̂_0，"
              "而 ‖x̂_0 − x_0‖ = √((1−ᾱ_t)/ᾱ_t)·‖ε − ε_θ‖ 严格成立"
              "（x̂_0 − x_0 = √((1−ᾱ_t)/ᾱ_t)·(ε − ε_θ) 是代数恒等式，不是近似）。"
              "这是供阅读的恒等式，不是检验：",
    },
    "objective.s4.identity_values": {
        "en": "‖ε − ε_θ‖ = ${err_eps}$, factor ${amp}$, ‖x̂_0 − x_0‖ = ${err_x0}$.",
        "zh": "‖ε − ε_θ‖ = ${err_eps}$，因子 ${amp}$，‖x̂_0 − x_0‖ = ${err_x0}$。",
    },
}
