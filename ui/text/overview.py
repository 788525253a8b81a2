TEXT = {
    "ov.what": {
        "en": "A diffusion model learns to **undo noise**. The *forward process* destroys an "
              "image (or a point cloud) by adding a little Gaussian noise at each of $T$ "
              "steps until nothing is left but $\\mathcal N(0, I)$. A network "
              "$\\epsilon_\\theta(x_t, t)$ learns to guess the noise in $x_t$; run the "
              "process backwards with it, one small denoising step at a time, and pure "
              "noise turns into new data. This app derives every formula of DDPM "
              "(Ho et al. 2020) — each one computed live by the engine and checked.",
        "zh": "扩散模型学习的是**去噪**。*前向过程*在 $T$ 步里每一步都加一点高斯噪声，"
              "把一张图（或一团点）逐渐毁掉，直到只剩 $\\mathcal N(0, I)$。网络 "
              "$\\epsilon_\\theta(x_t, t)$ 学着猜出 $x_t$ 里的噪声；用它把过程倒过来，一步"
              "一小步地去噪，纯噪声就变成了新的数据。本应用推导 DDPM（Ho 等，2020）的每一个"
              "公式——每个都由引擎实时计算并加以验证。",
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
    "ov.hero_frame": {"en": "x_t at t = {t}", "zh": "t = {t} 时的 x_t"},
    "ov.hero_text": {
        "en": "Press ▶: {n} points start as pure noise $x_T$ and are denoised by the "
              "network in {T} steps (Algorithm 2, schedule {kind}, $\\sigma_t^2=\\beta_t$). "
              "The trajectory was computed when you opened this page; drag the slider to "
              "any $t$.",
        "zh": "按 ▶：{n} 个点从纯噪声 $x_T$ 出发，由网络经 {T} 步去噪（算法 2，调度 "
              "{kind}，$\\sigma_t^2=\\beta_t$）。轨迹是在你打开本页时实时计算的；拖动滑块"
              "可看任意 $t$。",
    },
    "ov.col_swd": {"en": "SWD / noise floor", "zh": "SWD / 噪声下限"},
    "ov.col_mmd": {"en": "MMD / noise floor", "zh": "MMD / 噪声下限"},
    "ov.row_bar": {"en": "quality bar (at most)", "zh": "质量标准（不超过）"},
    "ov.hero_check": {
        "en": "The final points against fresh data, as a ratio to the distance between two "
              "samples of real data (1 = as good as real).",
        "zh": "最终的点与新抽取的真实数据比较，以两份真实数据之间的距离为单位（1 = 和真实"
              "数据一样好）。",
    },
    "ov.to_sampling": {"en": "Step through it on the sampling page",
                       "zh": "在采样页逐步查看"},
    "ov.algos": {"en": "The two algorithms", "zh": "两个算法"},
    "ov.alg1": {"en": "**Algorithm 1 — Training**", "zh": "**算法 1 —— 训练**"},
    "ov.alg2": {"en": "**Algorithm 2 — Sampling**", "zh": "**算法 2 —— 采样**"},
    "ov.alg1_note": {
        "en": "One line of maths: noise a clean sample to a random step t in one shot, and "
              "regress the noise. Why the noise, and why this loss, is the derivation below.",
        "zh": "只有一行数学：把干净样本一步加噪到随机的第 t 步，然后回归这份噪声。为什么"
              "预测噪声、为什么是这个损失，正是下面推导的内容。",
    },
    "ov.alg2_note": {
        "en": "Start from noise and take T denoising steps; each step adds fresh noise "
              "σ_t z (why not just take the mean? see the sampling page).",
        "zh": "从噪声出发走 T 步去噪；每一步都再加上新的噪声 σ_t z（为什么不直接取均值？"
              "见采样页）。",
    },
    "ov.schedule": {"en": "The current noise schedule", "zh": "当前的噪声调度"},
    "ov.schedule_text": {
        "en": "With the sidebar's schedule ({kind}, T = {T}) a data point x₀ ends at "
              "$x_T = {scale:.4g}\\,x_0 + {std:.6f}\\,\\epsilon$: the closer the first "
              "factor is to 0, the more $x_T$ is pure noise, as Algorithm 2 assumes.",
        "zh": "用侧边栏的调度（{kind}，T = {T}），数据点 x₀ 最终成为 "
              "$x_T = {scale:.4g}\\,x_0 + {std:.6f}\\,\\epsilon$：第一个系数越接近 0，"
              "$x_T$ 就越是纯噪声，正如算法 2 所假设的。",
    },
    "ov.signal": {"en": "√ᾱ_t (how much of x₀ is left)", "zh": "√ᾱ_t（x₀ 还剩多少）"},
    "ov.noise": {"en": "√(1 − ᾱ_t) (how much noise)", "zh": "√(1 − ᾱ_t)（噪声有多少）"},
    "ov.col_mean": {"en": "mean of x_T given x₀ = 1", "zh": "x₀ = 1 时 x_T 的均值"},
    "ov.col_std": {"en": "std of x_T given x₀ = 1", "zh": "x₀ = 1 时 x_T 的标准差"},
    "ov.schedule_check": {
        "en": "Formula: q(x_T | x₀) = N(√ᾱ_T x₀, 1 − ᾱ_T). Engine: 200,000 draws of "
              "q_sample from x₀ = 1.",
        "zh": "公式：q(x_T | x₀) = N(√ᾱ_T x₀, 1 − ᾱ_T)。引擎：从 x₀ = 1 用 q_sample "
              "抽取 200,000 次。",
    },
    "ov.map": {"en": "The derivation, page by page", "zh": "推导，一页一步"},
    "ov.map_intro": {
        "en": "Each page answers one question a student asks, in the lecture's order:",
        "zh": "每一页回答学生会问的一个问题，按课程的顺序：",
    },
    "ov.q.mle": {
        "en": "What does training maximise? Why is maximum likelihood the same as making "
              "the model close to the data (minimum KL)?",
        "zh": "训练在最大化什么？为什么最大似然等价于让模型靠近数据（最小 KL）？",
    },
    "ov.q.elbo": {
        "en": "log p(x) cannot be computed — what can? The ELBO, its gap, and DDPM's bound "
              "split into L₀ + Σ Lₜ₋₁ + L_T.",
        "zh": "log p(x) 算不出来——那能算什么？ELBO、它的缺口，以及 DDPM 的界拆成 "
              "L₀ + Σ Lₜ₋₁ + L_T。",
    },
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
        "zh": "为什么网络预测的是噪声？从高斯之间的 KL 到 L_simple。",
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
