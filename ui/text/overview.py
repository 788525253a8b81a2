"""Strings of page 1, the overview (views/overview.py). Texts formatted with arguments double
their LaTeX braces ({{ }}); texts without arguments keep them single."""

TEXT = {
    "ov.question": {
        "en": "What does a diffusion model do, which two algorithms make one, and in which "
              "steps will we derive them?",
        "zh": "扩散模型做什么？由哪两个算法组成？我们将分哪几步推导它们？",
    },
    "ov.what": {
        "en": "A diffusion model learns to **undo noise**. The *forward process* destroys an "
              "image (or a point cloud) by adding a little Gaussian noise at each of $T$ "
              "steps until almost nothing but $\\mathcal N(0, I)$ is left. A network "
              "$\\epsilon_\\theta(x_t, t)$ learns to guess the noise in $x_t$; run the "
              "process backwards with it, one small denoising step at a time, and pure "
              "noise turns into new data. This app derives every formula of DDPM "
              "(Ho et al. (2020)) — each one computed live by the engine and checked.",
        "zh": "扩散模型学习的是**去噪**。*前向过程*在 $T$ 步里每一步都加一点高斯噪声，"
              "把一张图（或一团点）逐渐毁掉，直到几乎只剩 $\\mathcal N(0, I)$。网络 "
              "$\\epsilon_\\theta(x_t, t)$ 学着猜出 $x_t$ 里的噪声；用它把过程倒过来，一步"
              "一小步地去噪，纯噪声就变成了新的数据。本应用推导 DDPM（Ho 等人（2020））的每一个"
              "公式——每个都由引擎实时计算并加以检验。",
    },
    "ov.sources": {
        "en": "The pages follow the order of Hung-yi Lee's 2023 lecture on diffusion models "
              "(his machine-learning course at National Taiwan University), called *the "
              "course* from here on; where a page uses Su Jianlin's derivation from his blog "
              "series on diffusion models (生成扩散模型漫谈), it says so.",
        "zh": "各页的顺序依照李宏毅 2023 年机器学习课程（台湾大学）中讲扩散模型的那一讲，"
              "下文简称“课程”；某一页用到苏剑林博客系列《生成扩散模型漫谈》中的推导时，"
              "会在该页注明。",
    },
    "ov.hero": {"en": "A pretrained model, denoising live", "zh": "预训练模型，实时去噪"},
    "ov.no_pretrained": {
        "en": "No pretrained models found in pretrained/: rebuild them with "
              "`python -m ddpm_core.pretrain`.",
        "zh": "pretrained/ 中没有预训练模型：请用 `python -m ddpm_core.pretrain` 重新生成。",
    },
    "ov.hero_model": {"en": "Pretrained model", "zh": "预训练模型"},
    "ov.hero_seed": {"en": "Seed of the noise x_T", "zh": "噪声 x_T 的随机种子"},
    "ov.hero_running": {"en": "Running Algorithm 2…", "zh": "正在运行算法 2……"},
    "ov.player.play": {"en": "⏯ play", "zh": "⏯ 播放"},
    "ov.player.pause": {"en": "⏸ pause", "zh": "⏸ 暂停"},
    "ov.player.back": {"en": "one frame back (←)", "zh": "后退一帧（←）"},
    "ov.player.fwd": {"en": "one frame on (→)", "zh": "前进一帧（→）"},
    "ov.player.speed": {"en": "frames per tick while playing", "zh": "播放时每次前进的帧数"},
    "ov.player.speed_option": {"en": "×{k}", "zh": "×{k}"},
    "ov.player.play_help": {"en": "play / pause (Space)", "zh": "播放 / 暂停（空格键）"},
    "ov.player.hint": {
        "en": "Keys (when no field is focused): ←/→ one frame, Shift+←/→ ten, Space play/pause, "
              "Home t = T (noise), End t = 0 (the samples).",
        "zh": "键盘（未选中输入框时）：←/→ 一帧，Shift+←/→ 十帧，空格键 播放/暂停，"
              "Home 到 t = T（噪声），End 到 t = 0（样本）。",
    },
    "ov.player.t_label": {"en": "t = {t}", "zh": "t = {t}"},
    "ov.hero_frame": {"en": "x_t at t = {t}", "zh": "t = {t} 时的 x_t"},
    "ov.hero_text": {
        "en": "Press ⏯ play (or Space): {n} points start as pure noise $x_T$ and are "
              "denoised by the network in {T} steps (Algorithm 2, {kind} schedule, "
              "$\\sigma_t^2=\\beta_t$). The trajectory was computed when you opened this "
              "page; drag the slider to any $t$.",
        "zh": "按 ⏯ 播放（或空格键）：{n} 个点从纯噪声 $x_T$ 出发，由网络经 {T} 步去噪"
              "（算法 2，{kind}调度，$\\sigma_t^2=\\beta_t$）。轨迹是在你打开本页时实时"
              "计算的；拖动滑块可看任意 $t$。",
    },
    "ov.col_swd": {"en": "SWD ÷ floor", "zh": "SWD ÷ 下限"},
    "ov.col_mmd": {"en": "MMD ÷ floor", "zh": "MMD ÷ 下限"},
    "ov.col_run": {"en": "this run", "zh": "本次"},
    "ov.col_real_median": {"en": "real data: median", "zh": "真实数据：中位数"},
    "ov.col_real_max": {"en": "real data: max", "zh": "真实数据：最大"},
    "ov.hero_chance": {"en": "Scoring real data in the model's place…",
                       "zh": "正在把真实数据放在模型的位置上打分……"},
    "ov.hero_check": {
        "en": "The final points against a fresh draw of the data, as a ratio to the noise "
              "floor: the same distance between two fresh draws of real data. Each is a single "
              "draw of {n} points, so the ratio moves by chance even for a perfect model: real "
              "data put in the model's place and scored the same way {k} times gives the "
              "last two rows. A run up to their max is as good as real data shows here.",
        "zh": "最终的点与一份新抽取的真实数据比较，以噪声下限为单位（两份新抽取的真实数据之间的"
              "同一距离）。每一份都只是 {n} 个点的一次抽样，所以即使模型完美，这个比值也会随机"
              "波动：把真实数据放在模型的位置上、按同样方法打分 {k} 次，得到最后两行。不超过其中"
              "最大值的结果，就和真实数据在这里的表现一样好。",
    },
    "ov.to_sampling": {"en": "Step through it on the sampling page",
                       "zh": "在采样页逐步查看"},
    "ov.algos": {"en": "The two algorithms", "zh": "两个算法"},
    "ov.alg1": {"en": "**Algorithm 1 — Training**", "zh": "**算法 1 —— 训练**"},
    "ov.alg2": {"en": "**Algorithm 2 — Sampling**", "zh": "**算法 2 —— 采样**"},
    "ov.alg1_latex": {  # LaTeX, Ho et al. (2020), Algorithm 1
        "en": r"\begin{array}{rl}"
              r"1: & \textbf{repeat}\\"
              r"2: & \quad x_0 \sim q(x_0)\\"
              r"3: & \quad t \sim \mathrm{Uniform}(\{1,\dots,T\})\\"
              r"4: & \quad \epsilon \sim \mathcal N(\mathbf 0, \mathbf I)\\"
              r"5: & \quad \text{take a gradient descent step on}\\"
              r"   & \qquad \nabla_\theta \big\|\epsilon - \epsilon_\theta\big(\sqrt{\bar\alpha_t}"
              r"\,x_0 + \sqrt{1-\bar\alpha_t}\,\epsilon,\ t\big)\big\|^2\\"
              r"6: & \textbf{until } \text{converged}\end{array}",
        "zh": r"\begin{array}{rl}"
              r"1: & \textbf{重复}\\"
              r"2: & \quad x_0 \sim q(x_0)\\"
              r"3: & \quad t \sim \mathrm{Uniform}(\{1,\dots,T\})\\"
              r"4: & \quad \epsilon \sim \mathcal N(\mathbf 0, \mathbf I)\\"
              r"5: & \quad \text{对下式做一步梯度下降：}\\"
              r"   & \qquad \nabla_\theta \big\|\epsilon - \epsilon_\theta\big(\sqrt{\bar\alpha_t}"
              r"\,x_0 + \sqrt{1-\bar\alpha_t}\,\epsilon,\ t\big)\big\|^2\\"
              r"6: & \textbf{直到}\text{收敛}\end{array}",
    },
    "ov.alg2_latex": {  # LaTeX, Ho et al. (2020), Algorithm 2
        "en": r"\begin{array}{rl}"
              r"1: & x_T \sim \mathcal N(\mathbf 0, \mathbf I)\\"
              r"2: & \textbf{for } t = T, \dots, 1 \textbf{ do}\\"
              r"3: & \quad z \sim \mathcal N(\mathbf 0, \mathbf I) \text{ if } t > 1"
              r"\text{, else } z = \mathbf 0\\"
              r"4: & \quad x_{t-1} = \frac{1}{\sqrt{\alpha_t}}\Big(x_t - "
              r"\frac{1-\alpha_t}{\sqrt{1-\bar\alpha_t}}\,\epsilon_\theta(x_t, t)\Big)\\"
              r"   & \qquad\qquad + \sigma_t z\\"
              r"5: & \textbf{end for}\\"
              r"6: & \textbf{return } x_0\end{array}",
        "zh": r"\begin{array}{rl}"
              r"1: & x_T \sim \mathcal N(\mathbf 0, \mathbf I)\\"
              r"2: & \textbf{对 } t = T, \dots, 1 \textbf{ 循环：}\\"
              r"3: & \quad \text{若 } t > 1 \text{ 则 } z \sim \mathcal N(\mathbf 0, \mathbf I)"
              r"\text{，否则 } z = \mathbf 0\\"
              r"4: & \quad x_{t-1} = \frac{1}{\sqrt{\alpha_t}}\Big(x_t - "
              r"\frac{1-\alpha_t}{\sqrt{1-\bar\alpha_t}}\,\epsilon_\theta(x_t, t)\Big)\\"
              r"   & \qquad\qquad + \sigma_t z\\"
              r"5: & \textbf{结束循环}\\"
              r"6: & \textbf{返回 } x_0\end{array}",
    },
    "ov.alg1_note": {
        "en": "One line of maths: noise a clean sample to a random step t in one shot, and "
              "regress the noise. Why the noise, and why this loss, is the derivation below.",
        "zh": "只有一行数学：把干净样本一步加噪到随机的第 t 步，然后回归这份噪声。为什么"
              "预测噪声、为什么是这个损失，正是下面推导的内容。",
    },
    "ov.alg1_code": {
        "en": "The loop body of `ddpm_core.training.train` (lines {first}–{last}): lines 2–5 "
              "of Algorithm 1. Before the loop the function only checks its arguments and "
              "sets up the optimiser; after it, it logs.",
        "zh": "`ddpm_core.training.train` 的循环体（第 {first}–{last} 行）：即算法 1 的第 "
              "2–5 行。循环之前，该函数只检查参数并设置优化器；循环之后只做记录。",
    },
    "ov.alg2_note": {
        "en": "Start from noise and take T denoising steps; every step but the last (t = 1) "
              "adds fresh noise σₜz, and the last returns the mean (why not take the mean "
              "every time? see the sampling page).",
        "zh": "从噪声出发走 T 步去噪；除最后一步（t = 1）外，每一步都再加上新的噪声 σₜz，"
              "最后一步直接返回均值（为什么不每一步都取均值？见采样页）。",
    },
    "ov.schedule": {"en": "The current noise schedule", "zh": "当前的噪声调度"},
    "ov.schedule_text": {
        "en": "With the sidebar's schedule ({kind}, T = {T}) a data point x₀ ends at "
              "$x_T = {scale}\\,x_0 + {std}\\,\\epsilon$: the closer the first factor is to "
              "0, the more $x_T$ is pure noise, as Algorithm 2 assumes.",
        "zh": "用侧边栏的调度（{kind}，T = {T}），数据点 x₀ 最终成为 "
              "$x_T = {scale}\\,x_0 + {std}\\,\\epsilon$：第一个系数越接近 0，"
              "$x_T$ 就越是纯噪声，正如算法 2 所假设的。",
    },
    "ov.signal": {"en": "√ᾱₜ (how much of x₀ is left)", "zh": "√ᾱₜ（x₀ 还剩多少）"},
    "ov.noise": {"en": "√(1 − ᾱₜ) (how much noise)", "zh": "√(1 − ᾱₜ)（噪声有多少）"},
    "ov.col_mean": {"en": "mean of x_T given x₀ = 1", "zh": "x₀ = 1 时 x_T 的均值"},
    "ov.col_std": {"en": "std of x_T given x₀ = 1", "zh": "x₀ = 1 时 x_T 的标准差"},
    "ov.schedule_check": {
        "en": "**Live check.** Formula: $q(x_T\\mid x_0) = \\mathcal N(\\sqrt{{\\bar\\alpha_T}}"
              "\\,x_0,\\ 1 - \\bar\\alpha_T)$ with $\\bar\\alpha_T = \\prod_t (1-\\beta_t)$ from "
              "the β table. Engine: {n} draws of `q_sample` from $x_0 = 1$. Mean: difference "
              "${d_mean}$, SE $= {se_mean}$; std: difference ${d_std}$, SE $= {se_std}$. "
              "Agreement means $|\\text{{difference}}| \\le {k}\\,\\mathrm{{SE}} + {floor}$ "
              "(tolerances ${tol_mean}$ and ${tol_std}$) → **{verdict}**.",
        "zh": "**实时检验。** 公式：$q(x_T\\mid x_0) = \\mathcal N(\\sqrt{{\\bar\\alpha_T}}"
              "\\,x_0,\\ 1 - \\bar\\alpha_T)$，其中 $\\bar\\alpha_T = \\prod_t (1-\\beta_t)$ "
              "由 β 表算出。引擎：从 $x_0 = 1$ 用 `q_sample` 抽取 {n} 次。均值：差为 "
              "${d_mean}$，SE $= {se_mean}$；标准差：差为 ${d_std}$，SE $= {se_std}$。"
              "判为一致的条件是 $|\\text{{差}}| \\le {k}\\,\\mathrm{{SE}} + {floor}$"
              "（容差分别为 ${tol_mean}$ 与 ${tol_std}$）→ **{verdict}**。",
    },
    "ov.agree": {"en": "both agree", "zh": "两者都一致"},
    "ov.disagree": {"en": "DISAGREE — the engine is wrong", "zh": "不一致——引擎有错"},
    "ov.map": {"en": "The derivation, page by page", "zh": "推导，一页一步"},
    "ov.map_intro": {
        "en": "Each page answers one question a student asks, in the course's order:",
        "zh": "每一页回答学生会问的一个问题，按课程的顺序：",
    },
    # the map's captions for pages whose own "<page>.question" key does not exist (yet)
    "ov.q.forward": {
        "en": "Is noising t times step by step the same as one jump to step t?",
        "zh": "一步一步加噪 t 次，和一次跳到第 t 步，是一回事吗？",
    },
    "ov.q.posterior": {
        "en": "Why condition on x₀? Bayes and completing the square give q(xₜ₋₁ | xₜ, x₀).",
        "zh": "为什么要以 x₀ 为条件？贝叶斯公式加配方，得到 q(xₜ₋₁ | xₜ, x₀)。",
    },
    "ov.q.objective": {
        "en": "Why does the network predict noise? From KL between Gaussians to L_simple.",
        "zh": "为什么网络预测的是噪声？从高斯之间的 KL 散度到 L_simple。",
    },
    "ov.q.sampling": {
        "en": "Algorithm 2 step by step; why add noise when sampling; DDIM's shortcut.",
        "zh": "逐步运行算法 2；为什么采样时还要加噪声；DDIM 的捷径。",
    },
    "ov.q.playground": {
        "en": "Train your own model on a CPU in seconds and watch it learn.",
        "zh": "在 CPU 上几秒钟训练出你自己的模型，看它如何学习。",
    },
}
