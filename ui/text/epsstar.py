"""Strings of the page 'The exact ε* and a trained network' (views/epsstar.py)."""

TEXT = {
    "epsstar.question": {
        "en": "What is the best any noise predictor can do, and how close does a trained "
              "network come to it?",
        "zh": "任何噪声预测器最好能做到什么程度？训练好的网络离它有多近？",
    },
    "epsstar.intro": {
        "en": "The previous page turned each KL term into a squared error on ε. For a "
              "Gaussian-mixture data set the best possible answer ε* = E[ε | x_t] is known in "
              "closed form, so here the loss has an exact floor and a trained network can be "
              "compared with the exact optimum, number by number and arrow by arrow.",
        "zh": "上一页把每个 KL 项变成了 ε 上的平方误差。对高斯混合数据集，最优答案 "
              "ε* = E[ε | x_t] 有闭式解，所以这里损失有精确的下限，"
              "训练好的网络也能与精确最优解逐个数值、逐个箭头地比较。",
    },
    # ---------------------------------------------------------------- 1 · the floor
    "epsstar.floor.title": {
        "en": "1 · The exact optimum ε* and the loss floor ({dataset})",
        "zh": "1 · 精确最优解 ε* 与损失下限（{dataset}）",
    },
    "epsstar.floor.body": {
        "en": "For {dataset} data the best possible prediction is known exactly: "
              "ε*(x_t, t) = E[ε | x_t] (`optimal_eps`). At each t, ‖ε − ε_θ‖² is a least-squares "
              "problem, so E‖ε − ε_θ‖² = E‖ε − ε*‖² + E‖ε* − ε_θ‖²: no network, however large, "
              "gets below the floor E‖ε − ε*‖²/d. Where ᾱ_t is close to 1, x_t hardly differs "
              "from x_0 and the tiny noise cannot be told apart from the data's own spread: "
              "the floor approaches 1. Where ᾱ_t is close to 0, x_t is almost ε itself: the "
              "floor approaches 0. Estimated with {n} draws at {k} values of t.",
        "zh": "对{dataset}数据，最优预测可以精确求出：ε*(x_t, t) = E[ε | x_t]（`optimal_eps`）。"
              "在每个 t 上，‖ε − ε_θ‖² 是一个最小二乘问题，因此 "
              "E‖ε − ε_θ‖² = E‖ε − ε*‖² + E‖ε* − ε_θ‖²：任何网络，无论多大，都无法低于下限 "
              "E‖ε − ε*‖²/d。ᾱ_t 接近 1 时，x_t 与 x_0 几乎相同，"
              "微小的噪声无法与数据自身的散布区分，下限趋近 1；ᾱ_t 接近 0 时，"
              "x_t 几乎就是 ε 本身，下限趋近 0。用 {n} 个样本在 {k} 个 t 值上估计。",
    },
    "epsstar.floor.ends": {
        "en": "For this schedule the floor is ${lo}$ at t = {t_lo} ($\\bar\\alpha = {ab_lo}$) "
              "and ${hi}$ at t = {t_hi} ($\\bar\\alpha = {ab_hi}$); Monte-Carlo standard "
              "errors ${se_lo}$ and ${se_hi}$.",
        "zh": "对本调度，下限在 t = {t_lo}（$\\bar\\alpha = {ab_lo}$）处为 ${lo}$，"
              "在 t = {t_hi}（$\\bar\\alpha = {ab_hi}$）处为 ${hi}$；蒙特卡洛标准误分别为 "
              "${se_lo}$ 和 ${se_hi}$。",
    },
    "epsstar.fig.floor_title": {
        "en": "Least possible E‖ε − ε_θ‖²/d per t (Monte Carlo, ε_θ = ε*)",
        "zh": "各 t 上可能的最小 E‖ε − ε_θ‖²/d（蒙特卡洛，ε_θ = ε*）",
    },
    "epsstar.fig.floor": {"en": "floor 1 − Γ_t", "zh": "下限 1 − Γ_t"},
    "epsstar.fig.floor_y": {"en": "E‖ε − ε*‖²/d", "zh": "E‖ε − ε*‖²/d"},
    "epsstar.fig.t": {"en": "t (log scale)", "zh": "t（对数坐标）"},
    "epsstar.fig.t_lin": {"en": "t", "zh": "t"},
    "epsstar.floor.mean": {
        "en": "Averaged over t = 1..T (interpolating between the t shown), the floor of "
              "L_simple (per coordinate) is about ${mean}$: a trained model's L_simple should "
              "approach this, never go below it.",
        "zh": "对 t = 1..T 取平均（在图中各 t 之间插值），L_simple（按坐标平均）的下限约为 "
              "${mean}$：训练好的模型的 L_simple 应接近它，但绝不会低于它。",
    },
    # ---------------------------------------------------------------- 2 · a trained network
    "epsstar.m.title": {
        "en": "2 · A trained network against the exact ε*",
        "zh": "2 · 训练好的网络与精确 ε* 的对比",
    },
    "epsstar.m.body": {
        "en": "On the previous page ε_θ was a random stand-in. Here it is a real network: your "
              "own model if you trained one in the training playground, or one of the "
              "pretrained 2-D models shipped with the app. Each model comes with the schedule "
              "it was trained with, and this section and the next use that schedule, not the "
              "sidebar's.",
        "zh": "上一页的 ε_θ 只是一个随机的替身。这里换成真正的网络：如果你在训练游乐场里训练过"
              "模型，就是你自己的模型；否则是应用自带的预训练二维模型。每个模型都带着它训练时"
              "所用的调度，本节和下一节都使用该调度，而不是侧边栏中的调度。",
    },
    "epsstar.m.select": {"en": "Model", "zh": "模型"},
    "epsstar.model.user": {
        "en": "your model (trained on {dataset})",
        "zh": "你的模型（训练数据：{dataset}）",
    },
    "epsstar.model.pretrained": {
        "en": "pretrained model (data: {dataset})",
        "zh": "预训练模型（数据：{dataset}）",
    },
    "epsstar.m.caption": {
        "en": "Data: {dataset} · trained for {steps} steps · its schedule: {kind}, T = {T} "
              "(used below instead of the sidebar's).",
        "zh": "数据：{dataset} · 训练 {steps} 步 · 其调度：{kind}，T = {T}"
              "（下文用它代替侧边栏的调度）。",
    },
    "epsstar.m.steps_unknown": {"en": "an unknown number of", "zh": "未知"},
    "epsstar.m.none": {
        "en": "No trained 2-D model is available yet. Train one in the training playground "
              "(the pretrained models appear here once their files are in `pretrained/`).",
        "zh": "目前还没有可用的二维训练模型。请到训练游乐场训练一个"
              "（预训练模型的文件放入 `pretrained/` 后也会出现在这里）。",
    },
    "epsstar.m.load_error": {
        "en": "The trained models could not be loaded: {err}.",
        "zh": "无法加载训练好的模型：{err}。",
    },
    "epsstar.m.bad_model": {
        "en": "This model cannot be evaluated on 2-D points (its network does not take "
              "(N, 2) inputs at this schedule's t). Choose another model.",
        "zh": "该模型无法在二维点上求值（它的网络不接受本调度 t 下形状为 (N, 2) 的输入）。"
              "请选择其他模型。",
    },
    "epsstar.m.not_finite": {
        "en": "This model outputs NaN or infinite values (its training diverged); nothing to "
              "compare. Retrain it with a smaller learning rate.",
        "zh": "该模型输出了 NaN 或无穷大（训练发散了），无法比较。请用更小的学习率重新训练。",
    },
    "epsstar.e.title": {
        "en": r"The learned $\hat\epsilon$ against the exact $\epsilon^*$, per t",
        "zh": r"逐个 t 比较学到的 $\hat\epsilon$ 与精确的 $\epsilon^*$",
    },
    "epsstar.e.body": {
        "en": "At each t we draw x_0 from the data, ε ~ N(0, I), form x_t = √ᾱ_t x_0 + "
              "√(1−ᾱ_t) ε, and evaluate the network ε̂ = ε_θ(x_t, t) and the exact optimum "
              "ε* = E[ε | x_t] ({n} draws at each of {k} values of t; all quantities are "
              "averaged over the d = 2 coordinates). The network's loss splits into the floor, "
              "which no network can beat, plus its distance to ε*; the cross term has "
              "expectation 0 because ε − ε* is uncorrelated with every function of x_t:",
        "zh": "在每个 t 上，从数据中抽取 x_0，取 ε ~ N(0, I)，构造 x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε，"
              "然后计算网络输出 ε̂ = ε_θ(x_t, t) 和精确最优解 ε* = E[ε | x_t]"
              "（在 {k} 个 t 值上各抽 {n} 个样本；所有量都对 d = 2 个坐标取平均）。"
              "网络的损失分解为任何网络都无法突破的下限，加上它与 ε* 的距离；"
              "交叉项的期望为零，因为 ε − ε* 与 x_t 的任何函数都不相关：",
    },
    "epsstar.e.y": {"en": "per coordinate (log scale)", "zh": "按坐标平均（对数坐标）"},
    "epsstar.e.loss": {"en": "model loss E‖ε − ε̂‖²/d", "zh": "模型损失 E‖ε − ε̂‖²/d"},
    "epsstar.e.floor": {"en": "floor E‖ε − ε*‖²/d = 1 − Γ_t",
                        "zh": "下限 E‖ε − ε*‖²/d = 1 − Γ_t"},
    "epsstar.e.gap": {"en": "model error E‖ε* − ε̂‖²/d", "zh": "模型误差 E‖ε* − ε̂‖²/d"},
    "epsstar.e.gamma": {"en": "size of the target Γ_t = E‖ε*‖²/d",
                        "zh": "目标的大小 Γ_t = E‖ε*‖²/d"},
    "epsstar.e.fig_title": {
        "en": "The network's loss = floor + its distance to ε* (Monte Carlo, per t)",
        "zh": "网络损失 = 下限 + 它与 ε* 的距离（蒙特卡洛，逐个 t）",
    },
    "epsstar.e.fig_loss_title": {
        "en": "The network's loss E‖ε − ε̂‖²/d per t (Monte Carlo)",
        "zh": "各 t 上网络的损失 E‖ε − ε̂‖²/d（蒙特卡洛）",
    },
    "epsstar.e.mid": {
        "en": "At t = {t} (mid-way): the network's error E‖ε̂ − ε*‖²/d = `{gap}`, against "
              "E‖ε*‖²/d = `{gamma}`: the error is `{pct}` % of the size of the target.",
        "zh": "在 t = {t}（中间位置）：网络误差 E‖ε̂ − ε*‖²/d = `{gap}`，而 "
              "E‖ε*‖²/d = `{gamma}`：误差是目标大小的 `{pct}` %。",
    },
    "epsstar.e.mean": {
        "en": "Averaged over t = 1..T (interpolating between the t shown): the network's "
              "L_simple per coordinate ≈ `{loss}`, the floor ≈ `{floor}`. Only the red curve "
              "can be reduced by training. Where it lies far below the grey floor, the loss is "
              "almost all irreducible and the network is close to the best possible; where "
              "ᾱ_t is close to 0 the floor is close to 0 (x_t is almost ε itself), so there "
              "even a small error of the network is a large part of its loss.",
        "zh": "对 t = 1..T 取平均（在图中各 t 之间插值）：网络的 L_simple（按坐标）≈ `{loss}`，"
              "下限 ≈ `{floor}`。训练只能减小红线。红线远低于灰色下限的地方，损失几乎全是"
              "不可约的部分，网络已接近最优；ᾱ_t 接近 0 的地方下限也接近 0"
              "（x_t 几乎就是 ε 本身），所以那里网络即使很小的误差也占其损失的很大一部分。",
    },
    "epsstar.e.mean_loss_only": {
        "en": "Averaged over t = 1..T (interpolating between the t shown), the network's "
              "L_simple per coordinate is about `{loss}`.",
        "zh": "对 t = 1..T 取平均（在图中各 t 之间插值），网络的 L_simple（按坐标）约为 `{loss}`。",
    },
    "epsstar.e.not_mixture": {
        "en": "This model was trained on {dataset}. The exact ε* is known only for "
              "Gaussian-mixture data ({mixture}), so here we can show only the network's "
              "loss per t, not its distance to ε*. Choose a model trained on {mixture} to see "
              "the decomposition.",
        "zh": "该模型的训练数据是{dataset}。精确的 ε* 只对高斯混合数据（{mixture}）已知，"
              "因此这里只能显示网络在各 t 上的损失，而不能显示它与 ε* 的距离。"
              "请选择训练数据为{mixture}的模型来查看这一分解。",
    },
    "epsstar.e.check_head": {
        "en": "**Live check of the decomposition** at a few t: the formula gives "
              "E‖ε − ε*‖²/d + E‖ε* − ε̂‖²/d, the engine computes E‖ε − ε̂‖²/d directly on the "
              "same draws. They differ by the Monte Carlo value of the cross term, whose "
              "expectation is 0: the check passes when |engine − formula| ≤ {k} standard "
              "errors + {floor} at every t.",
        "zh": "**分解的实时检验**（几个 t 值）：公式给出 E‖ε − ε*‖²/d + E‖ε* − ε̂‖²/d，"
              "引擎在相同样本上直接计算 E‖ε − ε̂‖²/d。两者相差交叉项的蒙特卡洛值，"
              "其期望为 0：在每个 t 上都满足 |引擎 − 公式| ≤ {k} 个标准误 + {floor} 时检验通过。",
    },
    "epsstar.e.check_z": {
        "en": "Largest |engine − formula| over all {n} values of t: {diff} at t = {t}, where "
              "the standard error is {se} and the tolerance {tol}",
        "zh": "在全部 {n} 个 t 值上，|引擎 − 公式| 最大为 {diff}（t = {t}），"
              "该处标准误为 {se}，容差为 {tol}",
    },
    "epsstar.e.check_ok": {"en": "the decomposition holds", "zh": "分解成立"},
    "epsstar.e.check_bad": {
        "en": "outside the tolerance: the cross term is not negligible here",
        "zh": "超出容差：此处交叉项不可忽略",
    },
    "epsstar.e.table": {"en": "All values per t", "zh": "各 t 上的全部数值"},
    "epsstar.e.col_loss": {"en": "E‖ε−ε̂‖²/d", "zh": "E‖ε−ε̂‖²/d"},
    "epsstar.e.col_floor": {"en": "E‖ε−ε*‖²/d", "zh": "E‖ε−ε*‖²/d"},
    "epsstar.e.col_gap": {"en": "E‖ε*−ε̂‖²/d", "zh": "E‖ε*−ε̂‖²/d"},
    "epsstar.e.col_gamma": {"en": "Γ_t = E‖ε*‖²/d", "zh": "Γ_t = E‖ε*‖²/d"},
    "epsstar.e.col_diff": {"en": "engine − formula", "zh": "引擎 − 公式"},
    "epsstar.e.col_se": {"en": "its standard error", "zh": "其标准误"},
    # ---------------------------------------------------------------- 3 · vector field
    "epsstar.vf.title": {
        "en": "3 · The predicted noise as a vector field",
        "zh": "3 · 把预测的噪声画成向量场",
    },
    "epsstar.vf.body": {
        "en": "Evaluate the network at every point of a 21 × 21 grid and draw −ε̂(x, t) as an "
              "arrow. Since ε* = E[ε | x_t] = −√(1−ᾱ_t) ∇log q(x_t), the arrows −ε* are the "
              "score scaled by √(1−ᾱ_t): they point toward higher density of x_t. Where ᾱ_t is "
              "close to 0, q(x_t) is almost N(0, I) and −ε* ≈ −x_t points to the origin; where "
              "ᾱ_t is close to 1 the arrows point toward the nearby peaks of the data. "
              "A DDPM step (Algorithm 2) uses these arrows exactly as "
              r"$x_{t-1} = \frac{1}{\sqrt{\alpha_t}}\big(x_t - \frac{\beta_t}"
              r"{\sqrt{1-\bar\alpha_t}}\,\hat\epsilon\big) + \sigma_t z$: "
              "it moves x_t along −ε̂ by β_t/√(1−ᾱ_t), rescales the result by 1/√α_t, "
              "and adds fresh noise σ_t z (z = 0 at t = 1).",
        "zh": "在 21 × 21 网格的每个点上计算网络输出，把 −ε̂(x, t) 画成箭头。由于 "
              "ε* = E[ε | x_t] = −√(1−ᾱ_t) ∇log q(x_t)，箭头 −ε* 就是乘以 √(1−ᾱ_t) 的"
              "得分函数：它们指向 x_t 密度更高的方向。ᾱ_t 接近 0 时，q(x_t) 几乎是 N(0, I)，"
              "−ε* ≈ −x_t 指向原点；ᾱ_t 接近 1 时，箭头指向附近数据的峰。"
              "DDPM 的一步（算法 2）这样使用这些箭头："
              r"$x_{t-1} = \frac{1}{\sqrt{\alpha_t}}\big(x_t - \frac{\beta_t}"
              r"{\sqrt{1-\bar\alpha_t}}\,\hat\epsilon\big) + \sigma_t z$："
              "先让 x_t 沿 −ε̂ 移动 "
              "β_t/√(1−ᾱ_t)，再把结果乘以 1/√α_t，最后加上新的噪声 σ_t z（t = 1 时 z = 0）。",
    },
    "epsstar.slider.t_vf": {"en": "t (vector field)", "zh": "t（向量场）"},
    "epsstar.vf.t_fixed": {
        "en": "This model has T = 1: the only step is t = 1.",
        "zh": "该模型 T = 1：唯一的一步是 t = 1。",
    },
    "epsstar.vf.hat": {"en": "−ε̂ (network)", "zh": "−ε̂（网络）"},
    "epsstar.vf.star": {"en": "−ε* (exact)", "zh": "−ε*（精确）"},
    "epsstar.vf.cloud": {"en": "x_t ~ q(x_t)", "zh": "x_t ~ q(x_t)"},
    "epsstar.vf.fig_title": {
        "en": "−ε̂(x, t) at t = {t} (ᾱ_t = {ab})",
        "zh": "t = {t} 时的 −ε̂(x, t)（ᾱ_t = {ab}）",
    },
    "epsstar.vf.scale": {
        "en": "Arrow length is proportional to |ε|, one scale for both fields: an arrow one "
              "grid cell ({cell}) long stands for |ε| = {unit}. Arrows longer than 1.4 cells "
              "are shortened to 1.4 cells (direction kept). Click a legend entry to hide a "
              "field.",
        "zh": "箭头长度正比于 |ε|，两个场使用同一比例：长一个网格单元（{cell}）的箭头代表 "
              "|ε| = {unit}。超过 1.4 个单元的箭头被截短为 1.4 个单元（方向不变）。"
              "点击图例可隐藏某个场。",
    },
    "epsstar.vf.values": {
        "en": "At t = {t}, over the {n} points x_t shown: E‖ε̂ − ε*‖²/d = `{gap}`, "
              "E‖ε*‖²/d = `{gamma}`, the network's loss E‖ε − ε̂‖²/d = `{loss}`. Away from "
              "the cloud the network has never been trained, and its arrows may disagree "
              "with ε* there.",
        "zh": "在 t = {t}，对图中 {n} 个点 x_t：E‖ε̂ − ε*‖²/d = `{gap}`，"
              "E‖ε*‖²/d = `{gamma}`，网络损失 E‖ε − ε̂‖²/d = `{loss}`。"
              "远离点云的地方网络从未被训练过，那里的箭头可能与 ε* 不一致。",
    },
    "epsstar.vf.no_star": {
        "en": "The exact ε* is known only for Gaussian-mixture data; for {dataset} only the "
              "network's arrows are drawn.",
        "zh": "精确的 ε* 只对高斯混合数据已知；对{dataset}只画出网络的箭头。",
    },
    "epsstar.vf.values_loss": {
        "en": "At t = {t}, over the {n} points x_t shown, the network's loss "
              "E‖ε − ε̂‖²/d = `{loss}`.",
        "zh": "在 t = {t}，对图中 {n} 个点 x_t，网络损失 E‖ε − ε̂‖²/d = `{loss}`。",
    },
}
