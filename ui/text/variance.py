"""Catalog of the optimal reverse variance page (views/variance.py)."""

TEXT = {
    "var.title": {"en": "The optimal reverse variance", "zh": "最优反向方差"},
    "var.question": {
        "en": "Between σ_t² = β_t and σ_t² = β̃_t, which reverse variance is best, and how much "
              "does it matter?",
        "zh": "在 σ_t² = β_t 与 σ_t² = β̃_t 之间，哪个反向方差最好？差别有多大？",
    },
    "var.intro": {
        "en": "Ho et al. (2020) fix the variance of each reverse step p(x_{t-1}|x_t) = N(μ_θ, "
              "σ_t² I) by hand and try two values, σ_t² = β_t and σ_t² = β̃_t. Bao et al. (2022, "
              "*Analytic-DPM*) ask which σ_t² maximises the ELBO (with the best "
              "mean), and find it in "
              "closed form: it needs only one number per step, Γ_t, the mean squared size of the "
              "best noise predictor ε\\* (Su Jianlin's posts 7 and 8 derive it step by step). "
              "Here every piece is computed for the 8-Gaussian mixture, whose ε\\* is exact.",
        "zh": "Ho 等人（2020）手工固定每个反向步 p(x_{t-1}|x_t) = N(μ_θ, σ_t² I) 的方差，试了两个"
              "值：σ_t² = β_t 与 σ_t² = β̃_t。Bao 等人（2022，*Analytic-DPM*）问：在最优均值下，哪个"
              " σ_t² 使 ELBO 最大？答案有闭式：每一步只需一个数 Γ_t，即最优噪声预测器 ε\\* 的均方"
              "大小（苏剑林的第七、八篇文章逐步推导了它）。本页对 ε\\* 精确已知的八个高斯的混合逐"
              "项计算。",
    },
    "var.intro_src": {
        "en": "Bao et al. 2022, Theorem 1 (FORMULAS.md §i); c⁰_t = √ᾱ_{t−1} β_t/(1−ᾱ_t) is the "
              "coefficient of x_0 in the posterior mean, d the data's dimension (2 here).",
        "zh": "Bao 等人（2022）定理 1（FORMULAS.md §i）；c⁰_t = √ᾱ_{t−1} β_t/(1−ᾱ_t) 是后验均值中 "
              "x_0 的系数，d 是数据维数（此处为 2）。",
    },
    "var.t1": {
        "en": "With T = 1 there is a single step, x_1 → x_0: it is the decoder. β̃_1 = 0, so the "
              "comparison over t has nothing to compare; the sections below say what exists at T "
              "= 1 (the payoff still runs, with S = 1).",
        "zh": "T = 1 时只有一步 x_1 → x_0，即解码器。β̃_1 = 0，按 t 比较无从谈起；下面各节说明 T ="
              " 1 时还有哪些内容（收益一节仍以 S = 1 运行）。",
    },
    "var.underflow": {
        "en": "On this schedule ᾱ_t underflows to 0 in float64 from t = {t0} on (of T = {T}): x_t "
              "there holds no trace of x_0, and the optimal variance, which divides by ᾱ_{{t−1}}, "
              "is not defined. The parts on the sidebar's schedule are left out; the trained "
              "model's parts (on its own schedule) remain. Lower β_T or T to see them.",
        "zh": "在这个噪声调度上，ᾱ_t 从 t = {t0} 起（共 T = {T}）在 float64 中下溢为 0：那里的 x_t"
              " 已不含 x_0 的任何痕迹，而最优方差要除以 ᾱ_{{t−1}}，因此没有定义。省略基于侧边栏噪"
              "声调度的部分；训练所得模型的部分（用它自己的噪声调度）仍然保留。调低 β_T 或 T 即可"
              "看到它们。",
    },
    "var.skipped": {
        "en": "Left out on this schedule (ᾱ_t underflows to 0; see above).",
        "zh": "在这个噪声调度上省略（ᾱ_t 下溢为 0；见上文）。",
    },
    "var.sched_desc": {"en": "{kind}, T = {T}", "zh": "{kind}，T = {T}"},
    "var.spinner": {"en": "Computing Γ_t…", "zh": "正在计算 Γ_t…"},
    "var.spinner_sympy": {"en": "Deriving with SymPy…", "zh": "正在用 SymPy 推导…"},
    "var.spinner_sweep": {
        "en": "Running the chains for every S and every variance (once per schedule)…",
        "zh": "正在对每个 S 与每种方差运行采样链（每个噪声调度只算一次）…",
    },
    "var.s1.title": {
        "en": "1 · Why β_t and β̃_t are the two extremes",
        "zh": "1 · 为什么 β_t 与 β̃_t 是两个极端",
    },
    "var.s1.body": {
        "en": "The optimal variance is β̃_t plus (c⁰_t)² times how uncertain x_0 still is given "
              "x_t. Two data distributions make that uncertainty easy: **one point** (x_0 is "
              "known, Cov(x_0|x_t) = 0) and **N(0, I)** (Gaussian conditioning gives Var(x_0|x_t) "
              "= 1 − ᾱ_t). SymPy substitutes both, in the two independent symbols α_t and "
              "ᾱ_{t−1}, and simplifies the difference to 0:",
        "zh": "最优方差等于 β̃_t 加上 (c⁰_t)² 乘以给定 x_t 后 x_0 仍有的不确定性。有两种数据分布让"
              "这个不确定性很简单：**单个点**（x_0 已知，Cov(x_0|x_t) = 0）和 **N(0, I)**（高斯条"
              "件化给出 Var(x_0|x_t) = 1 − ᾱ_t）。SymPy 用两个独立符号 α_t 与 ᾱ_{t−1} 代入这两种情"
              "形，并把差化简为 0：",
    },
    "var.s1.normal_cov": {"en": "N(0, I) data", "zh": "N(0, I) 数据"},
    "var.s1.normal": {"en": "N(0, I) data gives β_t", "zh": "N(0, I) 数据给出 β_t"},
    "var.s1.point": {"en": "one point gives β̃_t", "zh": "单个点给出 β̃_t"},
    "var.s1.upper": {"en": "the largest (Γ_t = 0)", "zh": "最大值（Γ_t = 0）"},
    "var.s1.sympy_ok": {
        "en": "✓ SymPy: simplifies to 0 ({what})",
        "zh": "✓ SymPy：化简为 0（{what}）",
    },
    "var.s1.sympy_bad": {
        "en": "✗ SymPy: does NOT simplify to 0 ({what})",
        "zh": "✗ SymPy：未能化简为 0（{what}）",
    },
    "var.s1.meaning": {
        "en": "So σ_t² = β_t is the optimum *if the data were standard normal*, and σ_t² = β̃_t "
              "the optimum *if the data were a single point*; Ho et al. (2020, §3.2) say exactly "
              "this. Real data lie between: Γ_t ∈ [0, 1] (Jensen: ‖E[ε|x_t]‖² ≤ E[‖ε‖²|x_t]), so "
              "β̃_t ≤ σ\\*²_t ≤ β_t/α_t (Bao et al. 2022, Theorem 2). β_t itself is not a bound: "
              "where x_0 stays more uncertain given x_t than for N(0, I) data (e.g. N(0, vI) "
              "data, v > 1), the optimum exceeds β_t.",
        "zh": "所以 σ_t² = β_t 是*数据为标准正态时*的最优值，σ_t² = β̃_t 是*数据为单个点时*的最优"
              "值；Ho 等人（2020，§3.2）正是这样说的。真实数据介于其间：Γ_t ∈ [0, 1]（Jensen：‖E[ε"
              "|x_t]‖² ≤ E[‖ε‖²|x_t]），因此 β̃_t ≤ σ\\*²_t ≤ β_t/α_t（Bao 等人（2022）定理 2）。β"
              "_t 本身不是界：给定 x_t 后 x_0 比 N(0, I) 数据更不确定时（例如 N(0, vI) 数据，"
              "v > 1），最优值大于 β_t。",
    },
    "var.s1.check": {
        "en": "Live check on the sidebar's schedule, at {k} values of t in 2..{T}: the engine's "
              "`optimal_variance`, fed Γ_t = 1 − ᾱ_t (ε\\* = √(1−ᾱ_t) x_t of N(0, I) data), "
              "against the schedule's own β_t (the input the schedule was built from): largest "
              "relative difference {normal}; fed Γ_t = 1, against the stored β̃_t: {point} "
              "(tolerance 10⁻⁹).",
        "zh": "在侧边栏的噪声调度上实时检验，在 2..{T} 中的 {k} 个 t 值上：引擎的 `optimal_varianc"
              "e` 取 Γ_t = 1 − ᾱ_t（N(0, I) 数据的 ε\\* = √(1−ᾱ_t) x_t），与噪声调度自身的 β_t（构"
              "造它的输入）比较：最大相对差 {normal}；取 Γ_t = 1，与存储的 β̃_t 比较：{point}（容"
              "差 10⁻⁹）。",
    },
    "var.s1.check_ok": {"en": "Both agree.", "zh": "两者一致。"},
    "var.s1.check_bad": {
        "en": "They disagree: the engine's σ\\*² is wrong.",
        "zh": "两者不一致：引擎的 σ\\*² 有误。",
    },
    "var.s1.t1": {
        "en": "With T = 1 the only step is t = 1, where β̃_1 = 0 and the step is the decoder: the "
              "check over t = 2..T has nothing to check.",
        "zh": "T = 1 时唯一的一步是 t = 1，此时 β̃_1 = 0，这一步是解码器：对 t = 2..T 的检验没有可"
              "检验的内容。",
    },
    "var.s2.title": {
        "en": "2 · Γ_t for the exact ε* and for a trained model",
        "zh": "2 · 精确 ε* 与训练所得模型的 Γ_t",
    },
    "var.s2.body": {
        "en": "Γ_t = E‖ε\\*(x_t, t)‖²/d over x_t ~ q(x_t). In practice ε\\* is unknown and "
              "Analytic-DPM puts the trained ε_θ in its place, estimating Γ_t by Monte Carlo once "
              "(`gamma_table`). For {data} the exact ε\\* is known: its curve below is on the "
              "sidebar's schedule ({sched}), {n} draws per t. The pretrained model was trained on "
              "its own schedule, so its curves (Γ_θ, and ε\\* on the same draws) use that "
              "schedule.",
        "zh": "Γ_t = E‖ε\\*(x_t, t)‖²/d，x_t ~ q(x_t)。实际中 ε\\* 未知，Analytic-DPM 用训练所得的"
              " ε_θ 代替，并用蒙特卡洛一次性估计 Γ_t（`gamma_table`）。对{data}，精确的 ε\\* 已知"
              "：下图中它的曲线用侧边栏的噪声调度（{sched}），每个 t 取 {n} 个样本。预训练模型是在"
              "它自己的噪声调度上训练的，所以它的曲线（Γ_θ，以及同一批样本上的 ε\\*）用那个噪声调"
              "度。",
    },
    "var.model": {"en": "Trained model", "zh": "训练所得模型"},
    "var.model.pretrained": {
        "en": "pretrained on {data} ({sched})",
        "zh": "在{data}上预训练（{sched}）",
    },
    "var.model.user": {
        "en": "your model, trained on {data} ({sched})",
        "zh": "你的模型，在{data}上训练（{sched}）",
    },
    "var.model.own_schedule": {
        "en": "The model's curves use its own schedule ({sched}); the exact ε\\* curves without a "
              "model use the sidebar's ({side}).",
        "zh": "模型的曲线用它自己的噪声调度（{sched}）；不涉及模型的精确 ε\\* 曲线用侧边栏的（{sid"
              "e}）。",
    },
    "var.no_model": {
        "en": "No model trained on {data} is available (the pretrained file is missing and the "
              "playground has none): the model's curves are left out.",
        "zh": "没有在{data}上训练的模型可用（预训练文件缺失，演练场中也没有）：省略模型的曲线。",
    },
    "var.load_error": {
        "en": "A checkpoint could not be loaded: {err}",
        "zh": "无法加载检查点：{err}",
    },
    "var.fig.gamma_title": {"en": "Γ_t = E‖ε‖²/d over t", "zh": "Γ_t = E‖ε‖²/d 随 t 的变化"},
    "var.fig.gamma_exact": {"en": "exact ε* ({sched})", "zh": "精确 ε*（{sched}）"},
    "var.fig.gamma_model": {"en": "trained ε_θ ({sched})", "zh": "训练所得 ε_θ（{sched}）"},
    "var.fig.gamma_star_model": {
        "en": "exact ε*, same draws ({sched})",
        "zh": "精确 ε*，同一批样本（{sched}）",
    },
    "var.fig.gamma_normal": {
        "en": "N(0, I) data: 1 − ᾱ_t (σ² = β_t)",
        "zh": "N(0, I) 数据：1 − ᾱ_t（σ² = β_t）",
    },
    "var.fig.gamma_point": {"en": "one point: 1 (σ² = β̃_t)", "zh": "单个点：1（σ² = β̃_t）"},
    "var.fig.t": {"en": "time step t", "zh": "时间步 t"},
    "var.fig.t_log": {"en": "time step t (log scale)", "zh": "时间步 t（对数坐标）"},
    "var.s2.read": {
        "en": "On the sidebar's schedule, Γ_t of ε\\* is {g0} at t = {t0} and {g1} at t = {t1} "
              "(by quadrature, as in the check below). "
              "Wherever the curve lies below 1 − ᾱ_t, x_0 is *more* uncertain given x_t than for "
              "N(0, I) data, and σ\\*²_t exceeds β_t; above it, σ\\*²_t is below β_t.",
        "zh": "在侧边栏的噪声调度上，ε\\* 的 Γ_t 在 t = {t0} 处为 {g0}，在 t = {t1} 处为 {g1}"
              "（数值积分所得，与下方的检验相同）。曲线低于 1 − ᾱ_t 的地方，"
              "给定 x_t 后 x_0 比 N(0, I) 数据*更*不确定，σ\\*²_t 大于 β_t"
              "；高于它的地方，σ\\*²_t 小于 β_t。",
    },
    "var.s2.check_title": {
        "en": "Live check: Monte Carlo against quadrature",
        "zh": "实时检验：蒙特卡洛对比数值积分",
    },
    "var.s2.check_body": {
        "en": "Two independent ways to get Γ_t of ε\\*: the engine's `gamma_table` (x_0 drawn "
              "from the mixture, x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε, {n} draws, its own seed), and the "
              "integral ∫ q_t(x) ‖ε\\*(x, t)‖²/d dx by the trapezoid rule on a 241 × 241 grid "
              "over [−7, 7]², with the density of q_t from the mixture formula (no draws). The "
              "quadrature also gives the variance of ‖ε\\*‖²/d, hence the Monte-Carlo standard "
              "error SE. Passes when |difference| ≤ {k}·SE + {abs}.",
        "zh": "用两种独立方法求 ε\\* 的 Γ_t：引擎的 `gamma_table`（从混合分布抽 x_0，x_t = √ᾱ_t x_"
              "0 + √(1−ᾱ_t) ε，{n} 个样本，独立的随机种子），以及在 [−7, 7]² 上的 241 × 241 网格上"
              "用梯形法则计算的积分 ∫ q_t(x) ‖ε\\*(x, t)‖²/d dx，其中 q_t 的密度来自混合公式（不抽"
              "样）。数值积分还给出 ‖ε\\*‖²/d 的方差，从而得到蒙特卡洛的标准误 SE。当 |差| ≤ {k}·S"
              "E + {abs} 时通过。",
    },
    "var.s2.row_mc": {"en": "Monte Carlo (gamma_table)", "zh": "蒙特卡洛（gamma_table）"},
    "var.s2.row_quad": {"en": "quadrature", "zh": "数值积分"},
    "var.s2.row_diff": {"en": "|difference|", "zh": "|差|"},
    "var.s2.row_se": {"en": "SE", "zh": "SE"},
    "var.s2.row_tol": {"en": "tolerance", "zh": "容差"},
    "var.s2.check_msg": {
        "en": "{n} values of t checked; the largest |difference| is {z} SE (at t = {t}).",
        "zh": "检验了 {n} 个 t 值；最大的 |差| 为 {z} 个 SE（在 t = {t}）。",
    },
    "var.s2.check_ok": {"en": "Within tolerance.", "zh": "在容差之内。"},
    "var.s2.check_bad": {
        "en": "Outside tolerance: the Monte Carlo or the oracle is wrong.",
        "zh": "超出容差：蒙特卡洛或精确 ε\\* 有误。",
    },
    "var.s3.title": {"en": "3 · σ*² between its bounds", "zh": "3 · 界之间的 σ*²"},
    "var.s3.body": {
        "en": "Divided by β_t, the bounds are β̃_t/β_t = (1−ᾱ_{{t−1}})/(1−ᾱ_t) below and 1/α_t "
              "above. Near t = T, 1 − Γ_t is tiny (about ᾱ_T·Var(x_0)/d) and a Monte-Carlo Γ_t "
              "cannot resolve it, so the curve takes Γ_t = 1 − ᾱ_t/(1−ᾱ_t)·E tr Cov(x_0|x_t)/d "
              "with the oracle's exact Cov(x_0|x_t) ({n} draws of x_t per t): the same Γ_t, with "
              "1 − Γ_t to relative precision. Sidebar's schedule.",
        "zh": "除以 β_t 后，下界为 β̃_t/β_t = (1−ᾱ_{{t−1}})/(1−ᾱ_t)，上界为 1/α_t。在 t = T 附近，"
              "1 − Γ_t 非常小（约为 ᾱ_T·Var(x_0)/d），蒙特卡洛的 Γ_t 分辨不出它，因此曲线用 Γ_t = "
              "1 − ᾱ_t/(1−ᾱ_t)·E tr Cov(x_0|x_t)/d，其中 Cov(x_0|x_t) 由精确公式给出（每个 t 抽 {n"
              "} 个 x_t）：同一个 Γ_t，但 1 − Γ_t 保持相对精度。用侧边栏的噪声调度。",
    },
    "var.fig.ratio_title": {"en": "Reverse variances divided by β_t", "zh": "各反向方差除以 β_t"},
    "var.fig.ratio_y": {"en": "σ_t² / β_t (log scale)", "zh": "σ_t² / β_t（对数坐标）"},
    "var.fig.upper": {"en": "upper bound β_t/α_t (Γ_t = 0)", "zh": "上界 β_t/α_t（Γ_t = 0）"},
    "var.fig.beta": {"en": "σ² = β_t (N(0, I) data)", "zh": "σ² = β_t（N(0, I) 数据）"},
    "var.fig.beta_tilde": {
        "en": "σ² = β̃_t (one point; lower bound)",
        "zh": "σ² = β̃_t（单个点；下界）",
    },
    "var.fig.sigma_star": {"en": "σ*² (exact ε*)", "zh": "σ*²（精确 ε*）"},
    "var.s3.inside": {
        "en": "At all {k} values of t drawn, β̃_t ≤ σ\\*²_t ≤ β_t/α_t holds.",
        "zh": "在所画的全部 {k} 个 t 值上，β̃_t ≤ σ\\*²_t ≤ β_t/α_t 都成立。",
    },
    "var.s3.outside": {
        "en": "At some of the {k} values of t, σ\\*²_t leaves [β̃_t, β_t/α_t]: the engine is "
              "wrong.",
        "zh": "在 {k} 个 t 值中的某些上，σ\\*²_t 超出了 [β̃_t, β_t/α_t]：引擎有误。",
    },
    "var.s3.t1": {
        "en": "With T = 1 there is no t ≥ 2: at t = 1, β̃_1 = 0 and the step is the decoder, "
              "whose best variance is E tr Cov(x_0|x_1)/d.",
        "zh": "T = 1 时没有 t ≥ 2：在 t = 1，β̃_1 = 0，这一步是解码器，其最优方差是 E tr Cov(x_0|x"
              "_1)/d。",
    },
    "var.s3.t_fixed": {"en": "With T = 2 the only t ≥ 2 is t = 2.",
                       "zh": "T = 2 时唯一满足 t ≥ 2 的是 t = 2。"},
    "var.s3.slider_help": {
        "en": "The values of t on the curve above (geometric near t = 1, even near T).",
        "zh": "上图曲线上的 t 值（t = 1 附近按几何间隔，T 附近均匀）。",
    },
    "var.s3.slider": {"en": "t for the close-up", "zh": "细看的 t"},
    "var.fig.interval_title": {
        "en": "At t = {t}: the interval of σ*²",
        "zh": "t = {t} 时 σ*² 的区间",
    },
    "var.fig.interval_x": {"en": "variance (log scale)", "zh": "方差（对数坐标）"},
    "var.s3.where_beta": {
        "en": "On a linear scale σ\\*² sits at 1 − Γ_t = {pos} of the way from β̃_t to β_t/α_t "
              "(and β_t at ᾱ_t, the N(0, I) value of 1 − Γ_t).",
        "zh": "在线性刻度上，σ\\*² 位于从 β̃_t 到 β_t/α_t 的 1 − Γ_t = {pos} 处（β_t 位于 ᾱ_t 处，"
              "即 N(0, I) 数据的 1 − Γ_t）。",
    },
    "var.s4.title": {"en": "4 · An imperfect mean: the correction", "zh": "4 · 不完美的均值：修正"},
    "var.s4.body": {
        "en": "σ\\*² above assumes the mean is the exact one (ε_θ = ε\\*). With a trained ε_θ, "
              "the KL of step t is d/2·(λ²/σ² − 1 + log σ²/λ²) + E‖μ̃ − μ_θ‖²/(2σ²), and E‖μ̃ − "
              "μ_θ‖² = (c⁰_t)²·(1−ᾱ_t)/ᾱ_t·E‖ε − ε_θ‖². Setting its derivative in σ² to zero "
              "gives the best isotropic variance *for this mean* (the 'imperfect mean' estimate "
              "of Bao et al.'s follow-up, Extended-Analytic-DPM; Su Jianlin's post 8): the "
              "model's own loss replaces 1 − Γ_t. The loss is the floor 1 − Γ_t plus the model's "
              "error; plain Analytic-DPM with ε_θ uses 1 − Γ_θ instead, which measures the size "
              "of ε_θ, not its error.",
        "zh": "上面的 σ\\*² 假设均值是精确的（ε_θ = ε\\*）。对训练所得的 ε_θ，第 t 步的 KL 为 d/2·"
              "(λ²/σ² − 1 + log σ²/λ²) + E‖μ̃ − μ_θ‖²/(2σ²)，且 E‖μ̃ − μ_θ‖² = (c⁰_t)²·(1−ᾱ_t)/ᾱ_t"
              "·E‖ε − ε_θ‖²。令它对 σ² 的导数为零，得到*对这个均值*最好的各向同性方差（Bao 等人后"
              "续工作 Extended-Analytic-DPM 的“不完美均值”估计；苏剑林第八篇）：用模型自己的损失代"
              "替 1 − Γ_t。损失等于下限 1 − Γ_t 加上模型的误差；而直接用 ε_θ 的 Analytic-DPM 用的"
              "是 1 − Γ_θ，它度量的是 ε_θ 的大小，而不是它的误差。",
    },
    "var.fig.imperfect_title": {
        "en": "What multiplies (c⁰_t)²(1−ᾱ_t)/ᾱ_t ({sched})",
        "zh": "乘以 (c⁰_t)²(1−ᾱ_t)/ᾱ_t 的量（{sched}）",
    },
    "var.fig.imperfect_y": {"en": "per dimension (log scale)", "zh": "每维（对数坐标）"},
    "var.fig.one_minus_star": {
        "en": "E‖ε − ε*‖²/d = 1 − Γ_t (the floor)",
        "zh": "E‖ε − ε*‖²/d = 1 − Γ_t（下限）",
    },
    "var.fig.one_minus_model": {
        "en": "1 − Γ_θ (Analytic-DPM with ε_θ)",
        "zh": "1 − Γ_θ（用 ε_θ 的 Analytic-DPM）",
    },
    "var.fig.loss": {
        "en": "E‖ε − ε_θ‖²/d (imperfect-mean correction)",
        "zh": "E‖ε − ε_θ‖²/d（不完美均值修正）",
    },
    "var.s4.read": {
        "en": "At t = {t}: the model's loss {loss} = the floor {floor} + the model's error E‖ε\\* "
              "− ε_θ‖²/d = {gap} (+ a cross term that is 0 in expectation), while 1 − Γ_θ is "
              "{model}. Points missing from the 1 − Γ_θ curve are t where the estimate of Γ_θ "
              "came out ≥ 1 ({k} of {n}): there Analytic-DPM clips Γ to 1 and falls back to λ².",
        "zh": "在 t = {t}：模型的损失 {loss} = 下限 {floor} + 模型误差 E‖ε\\* − ε_θ‖²/d = {gap}（"
              "再加一个期望为 0 的交叉项），而 1 − Γ_θ 为 {model}。1 − Γ_θ 曲线上缺的点是 Γ_θ 的估"
              "计 ≥ 1 的 t（{n} 个中有 {k} 个）：在那里 Analytic-DPM 把 Γ 截断为 1，退回到 λ²。",
    },
    "var.s5.title": {
        "en": "5 · The payoff: ELBO and sample quality against the number of steps",
        "zh": "5 · 收益：ELBO 与样本质量随步数的变化",
    },
    "var.s5.body": {
        "en": "A chain of S steps τ_S = T > … > τ_1 > 0 (evenly spaced) uses the DDPM-family "
              "posterior of each pair, q(x_s|x_t, x_0) = N(μ̃, λ² I) with λ² = β̃_{{t|s}}, and "
              "the model's mean; only the variance changes: β_{{t|s}} = 1 − ᾱ_t/ᾱ_s, λ², σ\\*² "
              "(analytic), the exact per-x covariance λ² I + γ² Cov(x_0|x_t) (ε\\* only) or the "
              "imperfect-mean variance (trained model only). Left: −ELBO/d in nats (mean of {n} "
              "x_0, error bars 2 SE; the last step is the decoder N(x̂_0, σ²), and the β̃ chain, "
              "whose λ² is 0 there, uses β_{{τ_1|0}}). Right: SWD of {n} samples to fresh data, "
              "divided by the SWD between two fresh draws (1 = as close as the data itself; the "
              "last step adds no noise, as in Algorithm 2).",
        "zh": "S 步的链 τ_S = T > … > τ_1 > 0（均匀间隔）对每一对步用 DDPM 族的后验 q(x_s|x_t, x_0"
              ") = N(μ̃, λ² I)，λ² = β̃_{{t|s}}，以及模型的均值；只有方差不同：β_{{t|s}} = 1 − ᾱ_t"
              "/ᾱ_s、λ²、σ\\*²（解析）、精确的逐点协方差 λ² I + γ² Cov(x_0|x_t)（仅 ε\\*）或不完美"
              "均值方差（仅训练所得模型）。左：−ELBO/d（nat；{n} 个 x_0 的平均，误差棒为 2 SE；最"
              "后一步是解码器 N(x̂_0, σ²)，β̃ 链在那里 λ² 为 0，改用 β_{{τ_1|0}}）。右：{n} 个样本"
              "与新抽数据之间的 SWD，除以两次新抽数据之间的 SWD（1 = 与数据自身一样接近；最后一步"
              "不加噪声，同算法 2）。",
    },
    "var.s5.which": {"en": "Noise predictor", "zh": "噪声预测器"},
    "var.s5.exact": {"en": "exact ε* ({side})", "zh": "精确 ε*（{side}）"},
    "var.s5.model": {"en": "trained model ({own})", "zh": "训练所得模型（{own}）"},
    "var.s5.exact_note": {
        "en": "Exact ε\\* on the sidebar's schedule ({sched}); σ\\*² from Γ_t through "
              "Cov(x_0|x_t) (section 3).",
        "zh": "精确 ε\\*，用侧边栏的噪声调度（{sched}）；σ\\*² 由经 Cov(x_0|x_t) 得到的 Γ_t 计算（"
              "第 3 节）。",
    },
    "var.s5.model_note": {
        "en": "The trained model on its own schedule ({sched}), S from 2: with S = 1 the only "
              "step is the decoder from x_T, whose analytic variance needs 1 − Γ_T, about "
              "ᾱ_T/(1−ᾱ_T)·Var(x_0)/d = {g} here, and a Monte-Carlo Γ_θ cannot resolve it. Γ_θ "
              "and the loss by Monte Carlo at every t the chains visit. A step from t multiplies "
              "1 − Γ_θ by (√((1−ᾱ_t)ᾱ_s/ᾱ_t) − √(1−ᾱ_s−λ²))², large where ᾱ_t is small, so a "
              "Monte-Carlo error in Γ_θ there can blow the noise up; Analytic-DPM clips σ² with "
              "the data's range for this reason (Bao et al. 2022, Theorem 2).",
        "zh": "训练所得模型，用它自己的噪声调度（{sched}），S 从 2 开始：S = 1 时唯一的一步是从 "
              "x_T 出发的解码器，其解析方差需要 1 − Γ_T，此处约为 "
              "ᾱ_T/(1−ᾱ_T)·Var(x_0)/d = {g}，蒙特卡洛的 Γ_θ 分辨不出。"
              "Γ_θ 与损失在链经过的每个 t 上用蒙特卡洛估计。从 t 出发的一步"
              "在 1 − Γ_θ 上乘以 (√((1−ᾱ_t)ᾱ_s/ᾱ_t) − √(1−ᾱ_s−λ²))²，ᾱ_t 小时它很大，因此那里 "
              "Γ_θ 的蒙特卡洛误差会把噪声放大；Analytic-DPM 正因此用数据的取值范围截断 σ²（Bao "
              "等人（2022）定理 2）。",
    },
    "var.kind.beta": {"en": "σ² = β", "zh": "σ² = β"},
    "var.kind.beta_tilde": {"en": "σ² = β̃", "zh": "σ² = β̃"},
    "var.kind.analytic": {"en": "analytic σ*²", "zh": "解析 σ*²"},
    "var.kind.per_x": {"en": "per-x covariance", "zh": "逐点协方差"},
    "var.kind.imperfect": {"en": "imperfect-mean σ²", "zh": "不完美均值 σ²"},
    "var.fig.nll_title": {"en": "−ELBO per dimension", "zh": "每维 −ELBO"},
    "var.fig.swd_title": {"en": "SWD / noise floor", "zh": "SWD / 噪声下限"},
    "var.fig.S": {"en": "steps S (log scale)", "zh": "步数 S（对数坐标）"},
    "var.fig.nll_y": {"en": "nats per dimension", "zh": "每维 nat"},
    "var.fig.swd_y": {"en": "SWD ÷ floor (log scale)", "zh": "SWD ÷ 下限（对数坐标）"},
    "var.fig.entropy": {
        "en": "entropy of the data (the floor of −ELBO)",
        "zh": "数据的熵（−ELBO 的下限）",
    },
    "var.s5.read": {
        "en": "With S = {S0} step(s), the lowest −ELBO/d is {best} ({b} nats), the highest "
              "{worst} ({w}); with S = {S1}, the lowest is {best1} ({b1}). In expectation no "
              "chain can go below the data's entropy, {h} ± {hse} nats per dimension (−ELBO ≥ "
              "−log p_θ(x_0) ≥ the entropy); each estimate here carries the error bar drawn.",
        "zh": "S = {S0} 步时，最低的 −ELBO/d 是 {best}（{b} nat），最高的是 {worst}（{w}）；S = {S"
              "1} 时最低的是 {best1}（{b1}）。在期望意义下，任何链都不能低于数据的熵 {h} ± {hse} n"
              "at/维（−ELBO ≥ −log p_θ(x_0) ≥ 熵）；这里每个估计都带有图中所画的误差棒。",
    },
    "var.s5.S1": {
        "en": "At S = 1 the chain is the single step x_T → x̂_0 with no noise added, so the "
              "samples are the same for every variance; only the decoder's variance in the ELBO "
              "differs.",
        "zh": "S = 1 时链只有一步 x_T → x̂_0，不加噪声，因此各种方差的样本相同；只有 ELBO 中解码器"
              "的方差不同。",
    },
    "var.s5.table": {"en": "The numbers", "zh": "具体数值"},
    "var.s5.col_nll": {"en": "−ELBO/d", "zh": "−ELBO/d"},
    "var.s5.col_swd": {"en": "SWD/floor", "zh": "SWD/下限"},
    "var.s5.col_mmd": {"en": "MMD/floor", "zh": "MMD/下限"},
    "var.s5.table_note": {
        "en": "The largest standard error of a −ELBO/d entry is {se} nats; SWD and MMD are each "
              "divided by the same distance between two fresh draws of the data.",
        "zh": "−ELBO/d 各项的最大标准误为 {se} nat；SWD 与 MMD 都除以两次新抽数据之间的相同距离。",
    },
}
