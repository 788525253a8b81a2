"""Strings of the page 'The ε-objective' (views/objective.py)."""

TEXT = {
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
              "就得到 ε 上的加权平方误差（Ho et al. 2020，式 8–12）。训练时干脆丢掉权重（式 14）。",
    },
    # ---------------------------------------------------------------- section 1
    "objective.s1.title": {
        "en": "1 · From the KL to the ε-objective, step by step",
        "zh": "1 · 从 KL 到 ε 目标，逐步推导",
    },
    "objective.s1.body": {
        "en": "Every line below is computed by SymPy (`ddpm_core.symbolic`), not typed in. "
              "1-D Gaussians suffice: with diagonal covariances the KL is a sum over the d "
              "coordinates, and (ε − ε_θ)² becomes ‖ε − ε_θ‖².",
        "zh": "下面每一行都由 SymPy（`ddpm_core.symbolic`）算出，而非手写。"
              "一维高斯就够了：协方差为对角阵时，KL 是 d 个坐标之和，(ε − ε_θ)² 变成 ‖ε − ε_θ‖²。",
    },
    "objective.mu_eps.expander": {
        "en": "The step used above: the posterior mean written with ε (Eqs. 9–11)",
        "zh": "上面用到的一步：用 ε 表示后验均值（式 9–11）",
    },
    "objective.sympy_check": {
        "en": "SymPy result vs the engine's `{fn}` at every valid t of this schedule: "
              "largest relative error = `{err}`",
        "zh": "SymPy 结果与引擎 `{fn}` 在本调度所有有效 t 上的比较：最大相对误差 = `{err}`",
    },
    "objective.sympy_ok": {"en": "agrees (≤ 1e-7)", "zh": "一致（≤ 1e-7）"},
    "objective.sympy_bad": {"en": "DISAGREES (> 1e-7)", "zh": "不一致（> 1e-7）"},
    "objective.step.kl_eps.log_ratio": {
        "en": "The log-ratio of two 1-D Gaussian densities (the 2π terms cancel).",
        "zh": "两个一维高斯密度的对数比（2π 项相消）。",
    },
    "objective.step.kl_eps.expectation": {
        "en": "The KL is its expectation under N(μ₁, σ₁²): replace x by μ₁ and x² by μ₁² + σ₁².",
        "zh": "KL 是它在 N(μ₁, σ₁²) 下的期望：把 x 换成 μ₁，把 x² 换成 μ₁² + σ₁²。",
    },
    "objective.step.kl_eps.gaussian_kl": {
        "en": "Simplified: the standard KL between two Gaussians.",
        "zh": "化简后：两个高斯之间的标准 KL 公式。",
    },
    "objective.step.kl_eps.equal_variance": {
        "en": "With equal variances only the mean term is left.",
        "zh": "方差相等时只剩下均值项。",
    },
    "objective.step.kl_eps.split": {
        "en": "With σ₁² = β̃_t (the posterior) and σ₂² = σ_t² (the model): a mean term plus a "
              "constant C that θ cannot change (Ho et al. 2020, Eq. 8).",
        "zh": "取 σ₁² = β̃_t（后验）、σ₂² = σ_t²（模型）：得到均值项加上一个与 θ 无关的常数 C"
              "（Ho et al. 2020，式 8）。",
    },
    "objective.step.kl_eps.constant": {
        "en": "C depends only on r = β̃_t/σ_t²; r − 1 − log r ≥ 0, with equality iff r = 1 "
              "(σ_t² = β̃_t).",
        "zh": "C 只依赖 r = β̃_t/σ_t²；r − 1 − log r ≥ 0，当且仅当 r = 1（σ_t² = β̃_t）时取等号。",
    },
    "objective.step.kl_eps.mean_difference": {
        "en": "Write both means in ε form (Eqs. 10–11; see the expander below): x_t cancels, "
              "only ε − ε_θ is left.",
        "zh": "把两个均值都写成 ε 形式（式 10–11，见下方展开栏）：x_t 相消，只剩 ε − ε_θ。",
    },
    "objective.step.kl_eps.lambda": {
        "en": "So $L_{t-1}$ − C = λ_t (ε − ε_θ)², with this weight λ_t (Ho et al. 2020, Eq. 12).",
        "zh": "于是 $L_{t-1}$ − C = λ_t (ε − ε_θ)²，权重 λ_t 如上（Ho et al. 2020，式 12）。",
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
        "zh": "后验页得到的后验均值（Ho et al. 2020，式 7）。",
    },
    "objective.step.mu_eps.x0_from_eps": {
        "en": "Solve x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε (Eq. 4) for x_0.",
        "zh": "从 x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε（式 4）解出 x_0。",
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
        "zh": "Ho et al. 2020，式 9–10。网络用 ε_θ(x_t, t) 代替 ε 来模仿它，这就是 μ_θ（式 11）。",
    },
    "objective.s1.x0_form": {
        "en": "Stopping one step earlier gives the x_0 form: with μ_θ written through a predicted "
              "x̂_0 in the posterior-mean formula, the same KL is a weighted error on x_0. "
              "Both forms are the same loss for a given network; they differ in what the network "
              "is asked to output, which matters for training (section 4).",
        "zh": "提前一步停下就得到 x_0 形式：把后验均值公式中的 x_0 换成预测的 x̂_0，"
              "同一个 KL 就是 x_0 上的加权误差。对同一个网络两种形式是同一个损失；"
              "区别在于让网络输出什么，这对训练很重要（第 4 节）。",
    },
    "objective.form.x0": {
        "en": "**x_0 form** (the network predicts x̂_0):",
        "zh": "**x_0 形式**（网络预测 x̂_0）：",
    },
    "objective.form.eps": {
        "en": "**ε form** (the network predicts ε_θ, Ho et al. 2020, Eq. 12):",
        "zh": "**ε 形式**（网络预测 ε_θ，Ho et al. 2020，式 12）：",
    },
    # ---------------------------------------------------------------- section 2
    "objective.s2.title": {
        "en": "2 · Live check: the KL term is λ_t‖ε − ε_θ‖² + C",
        "zh": "2 · 实时验证：KL 项等于 λ_t‖ε − ε_θ‖² + C",
    },
    "objective.s2.body": {
        "en": "Draw x_0, ε and a network guess ε_θ from N(0, I) in d = 2 (fixed seed), form "
              "x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε, then compute the KL directly with `gaussian_kl` "
              "between the posterior N(μ̃_t, β̃_t I) and the model N(μ_θ, σ_t² I) — and compare "
              "with Eq. 12.",
        "zh": "在 d = 2 中（固定随机种子）从 N(0, I) 抽取 x_0、ε 和网络的猜测 ε_θ，"
              "构造 x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε，然后用 `gaussian_kl` 直接计算后验 "
              "N(μ̃_t, β̃_t I) 与模型 N(μ_θ, σ_t² I) 之间的 KL，并与式 12 比较。",
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
              "L_0 = −log p_θ(x_0|x_1) 和先验项 L_T。此处没有可验证的内容，请在侧边栏增大 T。",
    },
    "objective.s2.t_fixed": {
        "en": "With T = 2 there is a single KL term, at t = 2.",
        "zh": "T = 2 时只有一个 KL 项，即 t = 2。",
    },
    "objective.s2.values": {
        "en": "At t = {t}: λ_t = `{lam}`, ‖ε − ε_θ‖² = `{sq}`, C = `{C}` (d = {d}).",
        "zh": "t = {t} 时：λ_t = `{lam}`，‖ε − ε_θ‖² = `{sq}`，C = `{C}`（d = {d}）。",
    },
    "objective.s2.agree": {
        "en": "Relative difference: `{rel}`.",
        "zh": "相对差：`{rel}`。",
    },
    # ---------------------------------------------------------------- weights
    "objective.w.title": {
        "en": "3 · The weights λ_t, and what L_simple does with them",
        "zh": "3 · 权重 λ_t，以及 L_simple 如何处理它们",
    },
    "objective.w.body": {
        "en": "The true bound weights the ε error at step t by λ_t. Ho et al. instead train on "
              r"$L_\text{simple} = \mathbb E_{t,x_0,\epsilon}"
              r"\|\epsilon - \epsilon_\theta(x_t, t)\|^2$"
              " (Eq. 14): every λ_t is replaced by 1. "
              "Since λ_t is largest at small t, L_simple down-weights the small-t terms "
              "(very little noise, easy denoising) and lets the network spend its capacity on the "
              "harder large-t terms; Ho et al. found this gives better samples, at a slightly "
              "worse likelihood.",
        "zh": "真正的变分界用 λ_t 给第 t 步的 ε 误差加权。Ho 等人改用 "
              r"$L_\text{simple} = \mathbb E_{t,x_0,\epsilon}"
              r"\|\epsilon - \epsilon_\theta(x_t, t)\|^2$"
              "（式 14）训练：所有 λ_t 都换成 1。"
              "由于 λ_t 在小 t 处最大，L_simple 降低了小 t 项（噪声很少、去噪容易）的权重，"
              "让网络把能力用在更难的大 t 项上；Ho 等人发现这样样本质量更好，似然略差。",
    },
    "objective.w.ratio": {
        "en": "For this schedule (σ_t² = β̃_t): λ_2 = `{lam_lo}`, λ_T = `{lam_hi}`. Relative to "
              "the bound, L_simple scales the term at t = 2 down by a factor {ratio} compared "
              "with the term at t = T.",
        "zh": "对本调度（σ_t² = β̃_t）：λ_2 = `{lam_lo}`，λ_T = `{lam_hi}`。相对于变分界，"
              "L_simple 把 t = 2 处的项相对 t = T 处的项缩小了 {ratio} 倍。",
    },
    "objective.w.ratio_t2": {
        "en": "With T = 2 there is one KL term; L_simple only changes its scale "
              "(λ_2 = `{lam_lo}` for σ_t² = β̃_t).",
        "zh": "T = 2 时只有一个 KL 项；L_simple 只改变其尺度（σ_t² = β̃_t 时 λ_2 = `{lam_lo}`）。",
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
              "the target the network must output. The noise ε ~ N(0, I) has unit variance at "
              "every t, so one network can use one output scale for all t. Recovering x_0 from "
              "x_t, x̂_0 = (x_t − √(1−ᾱ_t) ε_θ)/√ᾱ_t (Eq. 15), multiplies any ε error by "
              "√((1−ᾱ_t)/ᾱ_t): near t = T a tiny ε error is a huge x_0 error, and an "
              "x_0-predicting network would have to be that accurate itself.",
        "zh": "三种参数化（μ_θ、x̂_0、ε_θ）给出同一个变分界；不同的是网络要输出的目标。"
              "噪声 ε ~ N(0, I) 在每个 t 上方差都是 1，所以一个网络可以对所有 t 使用同一输出尺度。"
              "从 x_t 恢复 x_0，即 x̂_0 = (x_t − √(1−ᾱ_t) ε_θ)/√ᾱ_t（式 15），"
              "会把任何 ε 误差放大 √((1−ᾱ_t)/ᾱ_t) 倍：在 t = T 附近，很小的 ε 误差就是巨大的 "
              "x_0 误差，而直接预测 x_0 的网络自己就得精确到这种程度。",
    },
    "objective.fig.amp_title": {
        "en": "Amplification of an ε error in x̂_0: √((1−ᾱ_t)/ᾱ_t) (log scale)",
        "zh": "ε 误差在 x̂_0 中的放大倍数：√((1−ᾱ_t)/ᾱ_t)（对数坐标）",
    },
    "objective.fig.amp": {"en": "√((1−ᾱ_t)/ᾱ_t)", "zh": "√((1−ᾱ_t)/ᾱ_t)"},
    "objective.fig.eps_scale": {"en": "std of ε: 1", "zh": "ε 的标准差：1"},
    "objective.s4.amp_T": {
        "en": "At t = T = {T} the factor is `{amp}`: an ε error of 0.01 becomes an x_0 error "
              "of {err}.",
        "zh": "在 t = T = {T} 处放大倍数为 `{amp}`：0.01 的 ε 误差变成 {err} 的 x_0 误差。",
    },
    "objective.slider.t_amp": {"en": "t (x̂_0 check)", "zh": "t（x̂_0 验证）"},
    "objective.s4.check_body": {
        "en": "Check with the engine: the same x_0, ε, ε_θ as above at t = {t}; "
              "`predict_x0_from_eps` turns ε_θ into x̂_0.",
        "zh": "用引擎验证：与上面相同的 x_0、ε、ε_θ，t = {t}；"
              "`predict_x0_from_eps` 把 ε_θ 变成 x̂_0。",
    },
    "objective.floor.title": {
        "en": "The exact optimum ε* and the loss floor (8 Gaussians)",
        "zh": "精确最优解 ε* 与损失下界（8 个高斯）",
    },
    "objective.floor.body": {
        "en": "For 8-Gaussians data the best possible prediction is known exactly: "
              "ε*(x_t, t) = E[ε | x_t] (`optimal_eps`). At each t, ‖ε − ε_θ‖² is a least-squares "
              "problem, so E‖ε − ε_θ‖² = E‖ε − ε*‖² + E‖ε* − ε_θ‖²: no network, however large, "
              "gets below the floor E‖ε − ε*‖²/d. It is near 1 at small t (x_t hardly differs "
              "from x_0, so the tiny noise cannot be told apart from the data's own spread) "
              "and near 0 at large t, where x_t is almost ε itself. Estimated with {n} draws at "
              "{k} values of t.",
        "zh": "对 8 个高斯的数据，最优预测可以精确求出：ε*(x_t, t) = E[ε | x_t]（`optimal_eps`）。"
              "在每个 t 上，‖ε − ε_θ‖² 是一个最小二乘问题，因此 "
              "E‖ε − ε_θ‖² = E‖ε − ε*‖² + E‖ε* − ε_θ‖²：任何网络，无论多大，都无法低于下界 "
              "E‖ε − ε*‖²/d。小 t 时它接近 1"
              "（x_t 与 x_0 几乎相同，微小的噪声无法与数据自身的散布区分），"
              "大 t 时接近 0（x_t 几乎就是 ε 本身）。"
              "用 {n} 个样本在 {k} 个 t 值上估计。",
    },
    "objective.fig.floor_title": {
        "en": "Least possible E‖ε − ε_θ‖²/d per t (Monte Carlo, ε_θ = ε*)",
        "zh": "各 t 上可能的最小 E‖ε − ε_θ‖²/d（蒙特卡洛，ε_θ = ε*）",
    },
    "objective.fig.floor": {"en": "floor 1 − Γ_t", "zh": "下界 1 − Γ_t"},
    "objective.fig.floor_y": {"en": "E‖ε − ε*‖²/d", "zh": "E‖ε − ε*‖²/d"},
    "objective.floor.mean": {
        "en": "Averaged over t = 1..T (interpolating between the t shown), the floor of "
              "L_simple (per coordinate) is about "
              "`{mean}`: a trained model's L_simple should approach this, never go below it.",
        "zh": "对 t = 1..T 取平均（在图中各 t 之间插值），"
              "L_simple（按坐标平均）的下界约为 `{mean}`："
              "训练好的模型的 L_simple 应接近它，但绝不会低于它。",
    },
    # ---------------------------------------------------------------- 5 · a trained network
    "objective.m.title": {
        "en": "5 · A trained network against the exact ε*",
        "zh": "5 · 训练好的网络与精确 ε* 的对比",
    },
    "objective.m.body": {
        "en": "So far ε_θ was a random stand-in. Here it is a real network: your own model if "
              "you trained one in the training playground, or one of the pretrained 2-D "
              "models shipped with the app. Each model comes with the schedule it was trained "
              "with, and this section and the next use that schedule, not the sidebar's.",
        "zh": "到目前为止 ε_θ 只是一个随机的替身。这里换成真正的网络：如果你在训练游乐场里训练过"
              "模型，就是你自己的模型；否则是应用自带的预训练二维模型。每个模型都带着它训练时所用的"
              "调度，本节和下一节都使用该调度，而不是侧边栏中的调度。",
    },
    "objective.m.select": {"en": "Model", "zh": "模型"},
    "objective.model.user": {
        "en": "your model (trained on {dataset})",
        "zh": "你的模型（在 {dataset} 上训练）",
    },
    "objective.model.pretrained": {
        "en": "pretrained: {name} (data: {dataset})",
        "zh": "预训练：{name}（数据：{dataset}）",
    },
    "objective.m.caption": {
        "en": "Data: {dataset} · trained for {steps} steps · its schedule: {sched} "
              "(used below instead of the sidebar's).",
        "zh": "数据：{dataset} · 训练 {steps} 步 · 其调度：{sched}（下文用它代替侧边栏的调度）。",
    },
    "objective.m.none": {
        "en": "No trained 2-D model is available yet. Train one in the training playground "
              "(the pretrained models appear here once their files are in `pretrained/`).",
        "zh": "目前还没有可用的二维训练模型。请到训练游乐场训练一个"
              "（预训练模型的文件放入 `pretrained/` 后也会出现在这里）。",
    },
    "objective.m.load_error": {
        "en": "The trained models could not be loaded: {err}",
        "zh": "无法加载训练好的模型：{err}",
    },
    "objective.m.bad_model": {
        "en": "This model cannot be evaluated on 2-D points: {err}",
        "zh": "该模型无法在二维点上求值：{err}",
    },
    "objective.m.not_finite": {
        "en": "This model outputs NaN or infinite values (its training diverged); nothing to "
              "compare. Retrain it with a smaller learning rate.",
        "zh": "该模型输出了 NaN 或无穷大（训练发散了），无法比较。请用更小的学习率重新训练。",
    },
    "objective.e.title": {
        "en": r"The learned $\hat\epsilon$ against the exact $\epsilon^*$, per t",
        "zh": r"逐个 t 比较学到的 $\hat\epsilon$ 与精确的 $\epsilon^*$",
    },
    "objective.e.body": {
        "en": "At each t we draw x_0 from the data, ε ~ N(0, I), form x_t = √ᾱ_t x_0 + "
              "√(1−ᾱ_t) ε, and evaluate the network ε̂ = ε_θ(x_t, t) and the exact optimum "
              "ε* = E[ε | x_t] ({n} draws at each of {k} values of t; all quantities are "
              "averaged over the d = 2 coordinates). The network's loss splits into the floor, "
              "which no network can beat, plus its distance to ε*; the cross term vanishes "
              "because ε − ε* is uncorrelated with every function of x_t:",
        "zh": "在每个 t 上，从数据中抽取 x_0，取 ε ~ N(0, I)，构造 x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε，"
              "然后计算网络输出 ε̂ = ε_θ(x_t, t) 和精确最优解 ε* = E[ε | x_t]"
              "（在 {k} 个 t 值上各抽 {n} 个样本；所有量都对 d = 2 个坐标取平均）。"
              "网络的损失分解为任何网络都无法突破的下界，加上它与 ε* 的距离；"
              "交叉项为零，因为 ε − ε* 与 x_t 的任何函数都不相关：",
    },
    "objective.e.y": {"en": "per coordinate (log scale)", "zh": "按坐标平均（对数坐标）"},
    "objective.e.loss": {"en": "model loss E‖ε − ε̂‖²/d", "zh": "模型损失 E‖ε − ε̂‖²/d"},
    "objective.e.floor": {"en": "floor E‖ε − ε*‖²/d = 1 − Γ_t",
                          "zh": "下界 E‖ε − ε*‖²/d = 1 − Γ_t"},
    "objective.e.gap": {"en": "model error E‖ε* − ε̂‖²/d", "zh": "模型误差 E‖ε* − ε̂‖²/d"},
    "objective.e.gamma": {"en": "size of the target Γ_t = E‖ε*‖²/d",
                          "zh": "目标的大小 Γ_t = E‖ε*‖²/d"},
    "objective.e.fig_title": {
        "en": "The network's loss = floor + its distance to ε* (Monte Carlo, per t)",
        "zh": "网络损失 = 下界 + 它与 ε* 的距离（蒙特卡洛，逐个 t）",
    },
    "objective.e.fig_loss_title": {
        "en": "The network's loss E‖ε − ε̂‖²/d per t (Monte Carlo)",
        "zh": "各 t 上网络的损失 E‖ε − ε̂‖²/d（蒙特卡洛）",
    },
    "objective.e.mid": {
        "en": "At t = {t} (mid-way): the network's error E‖ε̂ − ε*‖²/d = `{gap}`, against "
              "E‖ε*‖²/d = `{gamma}`: the error is `{pct}` % of the size of the target.",
        "zh": "在 t = {t}（中间位置）：网络误差 E‖ε̂ − ε*‖²/d = `{gap}`，而 "
              "E‖ε*‖²/d = `{gamma}`：误差是目标大小的 `{pct}` %。",
    },
    "objective.e.mean": {
        "en": "Averaged over t = 1..T (interpolating between the t shown): the network's "
              "L_simple per coordinate ≈ `{loss}`, the floor ≈ `{floor}`. Only the red curve "
              "can be reduced by training. Where it lies far below the grey floor, the loss is "
              "almost all irreducible and the network is close to the best possible; at large "
              "t the floor falls to 0 (x_t is almost ε itself), so there even a small error of "
              "the network is a large part of its loss.",
        "zh": "对 t = 1..T 取平均（在图中各 t 之间插值）：网络的 L_simple（按坐标）≈ `{loss}`，"
              "下界 ≈ `{floor}`。训练只能减小红线。红线远低于灰色下界的地方，损失几乎全是"
              "不可约的部分，网络已接近最优；在大 t 处下界降到 0（x_t 几乎就是 ε 本身），"
              "所以那里网络即使很小的误差也占其损失的很大一部分。",
    },
    "objective.e.mean_loss_only": {
        "en": "Averaged over t = 1..T (interpolating between the t shown), the network's "
              "L_simple per coordinate is about `{loss}`.",
        "zh": "对 t = 1..T 取平均（在图中各 t 之间插值），网络的 L_simple（按坐标）约为 `{loss}`。",
    },
    "objective.e.not_mixture": {
        "en": "This model was trained on “{dataset}”. The exact ε* is known only for "
              "Gaussian-mixture data (8gaussians), so here we can show only the network's "
              "loss per t, not its distance to ε*. Choose a model trained on 8gaussians to see "
              "the decomposition.",
        "zh": "该模型是在 “{dataset}” 上训练的。精确的 ε* 只对高斯混合数据（8gaussians）已知，"
              "因此这里只能显示网络在各 t 上的损失，而不能显示它与 ε* 的距离。"
              "请选择在 8gaussians 上训练的模型来查看这一分解。",
    },
    "objective.e.check_head": {
        "en": "**Live check of the decomposition** at a few t: the formula gives "
              "E‖ε − ε*‖²/d + E‖ε* − ε̂‖²/d, the engine computes E‖ε − ε̂‖²/d directly on the "
              "same draws. They differ only by the Monte Carlo value of the cross term, which "
              "must be within {se} standard errors of 0.",
        "zh": "**分解的实时验证**（几个 t 值）：公式给出 E‖ε − ε*‖²/d + E‖ε* − ε̂‖²/d，"
              "引擎在相同样本上直接计算 E‖ε − ε̂‖²/d。两者只差交叉项的蒙特卡洛值，"
              "它与 0 的差距必须在 {se} 个标准误之内。",
    },
    "objective.e.check_z": {
        "en": "Largest |engine − formula| over all {k} values of t: `{z}` standard errors "
              "(tolerance {se})",
        "zh": "在全部 {k} 个 t 值上，|引擎 − 公式| 的最大值为 `{z}` 个标准误（容差 {se}）",
    },
    "objective.e.check_ok": {"en": "the decomposition holds", "zh": "分解成立"},
    "objective.e.check_bad": {
        "en": "outside the tolerance: the cross term is not negligible here",
        "zh": "超出容差：此处交叉项不可忽略",
    },
    "objective.e.table": {"en": "All values per t", "zh": "各 t 上的全部数值"},
    "objective.e.col_loss": {"en": "E‖ε−ε̂‖²/d", "zh": "E‖ε−ε̂‖²/d"},
    "objective.e.col_floor": {"en": "E‖ε−ε*‖²/d", "zh": "E‖ε−ε*‖²/d"},
    "objective.e.col_gap": {"en": "E‖ε*−ε̂‖²/d", "zh": "E‖ε*−ε̂‖²/d"},
    "objective.e.col_gamma": {"en": "Γ_t = E‖ε*‖²/d", "zh": "Γ_t = E‖ε*‖²/d"},
    "objective.e.col_diff": {"en": "engine − formula", "zh": "引擎 − 公式"},
    "objective.e.col_se": {"en": "its standard error", "zh": "其标准误"},
    # ---------------------------------------------------------------- 6 · vector field
    "objective.vf.title": {
        "en": "6 · The predicted noise as a vector field",
        "zh": "6 · 把预测的噪声画成向量场",
    },
    "objective.vf.body": {
        "en": "Evaluate the network at every point of a 21 × 21 grid and draw −ε̂(x, t) as an "
              "arrow. Since ε* = E[ε | x_t] = −√(1−ᾱ_t) ∇log q(x_t), the arrows −ε* are the "
              "score scaled by √(1−ᾱ_t): they point toward higher density of x_t, i.e. toward "
              "the data. At large t they all point to the origin (q(x_t) is almost N(0, I), "
              "−ε* ≈ −x_t); at small t they point to the nearest mode. A sampler step moves "
              "x_t along −ε̂.",
        "zh": "在 21 × 21 网格的每个点上计算网络输出，把 −ε̂(x, t) 画成箭头。由于 "
              "ε* = E[ε | x_t] = −√(1−ᾱ_t) ∇log q(x_t)，箭头 −ε* 就是乘以 √(1−ᾱ_t) 的分数"
              "（score）：它们指向 x_t 密度更高的方向，也就是指向数据。t 很大时所有箭头都指向原点"
              "（q(x_t) 几乎是 N(0, I)，−ε* ≈ −x_t）；t 很小时它们指向最近的峰。"
              "采样的每一步都让 x_t 沿 −ε̂ 移动。",
    },
    "objective.slider.t_vf": {"en": "t (vector field)", "zh": "t（向量场）"},
    "objective.vf.t_fixed": {
        "en": "This model has T = 1: the only step is t = 1.",
        "zh": "该模型 T = 1：唯一的一步是 t = 1。",
    },
    "objective.vf.hat": {"en": "−ε̂ (network)", "zh": "−ε̂（网络）"},
    "objective.vf.star": {"en": "−ε* (exact)", "zh": "−ε*（精确）"},
    "objective.vf.cloud": {"en": "x_t ~ q(x_t)", "zh": "x_t ~ q(x_t)"},
    "objective.vf.fig_title": {
        "en": "−ε̂(x, t) at t = {t} (ᾱ_t = {ab})",
        "zh": "t = {t} 时的 −ε̂(x, t)（ᾱ_t = {ab}）",
    },
    "objective.vf.scale": {
        "en": "Arrow length is proportional to |ε|, one scale for both fields: an arrow one "
              "grid cell ({cell}) long stands for |ε| = {unit}. Arrows longer than 1.4 cells "
              "are shortened to 1.4 cells (direction kept). Click a legend entry to hide a "
              "field.",
        "zh": "箭头长度正比于 |ε|，两个场使用同一比例：长一个网格单元（{cell}）的箭头代表 "
              "|ε| = {unit}。超过 1.4 个单元的箭头被截短为 1.4 个单元（方向不变）。"
              "点击图例可隐藏某个场。",
    },
    "objective.vf.values": {
        "en": "At t = {t}, over the {n} points x_t shown: E‖ε̂ − ε*‖²/d = `{gap}`, "
              "E‖ε*‖²/d = `{gamma}`, the network's loss E‖ε − ε̂‖²/d = `{loss}`. Away from "
              "the cloud the network has never been trained, and its arrows may disagree "
              "with ε* there.",
        "zh": "在 t = {t}，对图中 {n} 个点 x_t：E‖ε̂ − ε*‖²/d = `{gap}`，"
              "E‖ε*‖²/d = `{gamma}`，网络损失 E‖ε − ε̂‖²/d = `{loss}`。"
              "远离点云的地方网络从未被训练过，那里的箭头可能与 ε* 不一致。",
    },
    "objective.vf.no_star": {
        "en": "The exact ε* is known only for Gaussian-mixture data; for “{dataset}” only the "
              "network's arrows are drawn.",
        "zh": "精确的 ε* 只对高斯混合数据已知；对 “{dataset}” 只画出网络的箭头。",
    },
    "objective.vf.values_loss": {
        "en": "At t = {t}, over the {n} points x_t shown, the network's loss "
              "E‖ε − ε̂‖²/d = `{loss}`.",
        "zh": "在 t = {t}，对图中 {n} 个点 x_t，网络损失 E‖ε − ε̂‖²/d = `{loss}`。",
    },
}
