"""Catalog of the Guidance page (views/guidance.py)."""

TEXT = {
    "guid.title": {"en": "Guidance", "zh": "引导"},
    "guid.question": {
        "en": "How do we make the model draw a chosen class, and what does a guidance scale "
              "really sample?",
        "zh": "怎样让模型画出指定的类别？引导系数实际采样的是什么分布？",
    },
    "guid.intro": {
        "en": "To draw from one class c we need the score of $q_t(x_t\\mid c)$ at every step. "
              "Bayes' rule splits it into the unconditional score, which the diffusion model "
              "already knows, plus the gradient of a *noisy* classifier $p_t(c\\mid x_t)$ "
              "(Dhariwal & Nichol 2021; Su Jianlin's post 九). Guidance multiplies the "
              "classifier's part by a scale s. For a Gaussian mixture whose components carry "
              "class labels every term is exact, so this page can say what guidance does "
              "without a trained classifier getting in the way.",
        "zh": "要从类别 c 中采样，每一步都需要 $q_t(x_t\\mid c)$ 的得分函数。贝叶斯公式把它拆成"
              "无条件的得分函数（扩散模型已经学会）加上一个*含噪*分类器 $p_t(c\\mid x_t)$ 的梯度"
              "（Dhariwal 与 Nichol（2021）；苏剑林博客第九篇）。引导把分类器那一项乘以系数 s。"
              "若高斯混合的每个分量都带类别标签，每一项都能精确算出，所以本页可以在没有训练分类器"
              "干扰的情况下说清引导到底做了什么。",
    },
    "guid.setup.title": {"en": "The labelled mixture and the guidance scale",
                         "zh": "带标签的混合分布与引导系数"},
    "guid.setup.body": {
        "en": "Eight Gaussians on a circle (radius 1.6, standard deviation 0.15), in four "
              "classes of two neighbouring modes each, so each class is itself bimodal. Choose "
              "a class c and a scale s; they drive sections 1 to 3.",
        "zh": "圆上的八个高斯分布（半径 1.6，标准差 0.15），相邻两个峰组成一个类别，共四类，"
              "所以每个类别本身也是双峰的。选择类别 c 和系数 s，它们决定第 1 至 3 节。",
    },
    "guid.class": {"en": "class {c}", "zh": "类别 {c}"},
    "guid.w.class": {"en": "class c", "zh": "类别 c"},
    "guid.w.scale": {"en": "guidance scale s (diffusers' guidance_scale)",
                     "zh": "引导系数 s（diffusers 的 guidance_scale）"},
    "guid.w.avoid": {"en": "negative guidance (avoid class c)", "zh": "负向引导（避开类别 c）"},
    "guid.w.avoid_help": {
        "en": "Swap the two noise predictions: ε_c + s(ε_u − ε_c) pushes samples away from c. "
              "Applies to sections 2 and 3.",
        "zh": "交换两个噪声预测：ε_c + s(ε_u − ε_c) 把样本推离 c。作用于第 2、3 节。",
    },
    "guid.s0": {
        "en": "**s = 0** removes the class term: classifier guidance uses ε* of the whole "
              "mixture and classifier-free guidance the prediction without a label, so the "
              "samples are unconditional, from all four classes.",
        "zh": "**s = 0** 去掉了类别项：分类器引导用的是整个混合分布的 ε*，无分类器引导用的是"
              "不带标签的预测，所以样本是无条件的，来自全部四个类别。",
    },
    "guid.s1": {
        "en": "**s = 1** is plain conditioning, no extra push: classifier guidance with the "
              "exact classifier gives exactly the class's own ε* (the live check below), and "
              "classifier-free guidance is the conditional prediction alone (Ho & Salimans' "
              "w = 0).",
        "zh": "**s = 1** 就是普通的条件生成，没有额外推动：用精确分类器的分类器引导恰好给出该类别"
              "自己的 ε*（见下方实时检验），无分类器引导只剩条件预测（Ho 与 Salimans 的 w = 0）。",
    },
    "guid.samples": {"en": "samples", "zh": "样本"},
    "guid.load_error": {"en": "The conditional model could not be loaded: {err}",
                        "zh": "无法加载条件模型：{err}"},
    # ---------------------------------------------------------------- 1 · classifier guidance
    "guid.cg.title": {"en": "1 · Classifier guidance with the exact noisy classifier",
                      "zh": "1 · 用精确含噪分类器做分类器引导"},
    "guid.cg.body": {
        "en": "Dhariwal & Nichol's Algorithm 2 changes only the noise prediction and then takes "
              "the usual step. The classifier must judge the *noisy* $x_t$; for the mixture it "
              "is the class's share of the responsibilities $w_k(x_t)$. The sidebar's schedule "
              "is used here.",
        "zh": "Dhariwal 与 Nichol 的算法 2 只改动噪声预测，然后照常走一步。分类器必须判断"
              "*含噪*的 $x_t$；对混合分布，它就是该类别各分量的责任度 $w_k(x_t)$ 之和。"
              "这里使用侧边栏的噪声调度。",
    },
    "guid.cg.not_noise": {
        "en": "With these sidebar settings the forward chain ends at $\\bar\\alpha_T$ = "
              "${ab}$ (T = {T}): $x_T$ is not close to N(0, I), yet sampling starts from "
              "N(0, I), so no s makes the samples look like the data. Raise T or β_T in the "
              "sidebar.",
        "zh": "在当前侧边栏设置下，前向过程止于 $\\bar\\alpha_T$ = ${ab}$（T = {T}）：$x_T$ "
              "并不接近 N(0, I)，而采样却从 N(0, I) 出发，所以无论 s 取何值样本都不像数据。"
              "请在侧边栏调大 T 或 β_T。",
    },
    "guid.cg.panel": {"en": "s = {s}", "zh": "s = {s}"},
    "guid.cg.caption": {
        "en": "{n} samples per panel with the exact ε* and the exact classifier; DDPM on a "
              "respaced chain of {steps} steps (DDIM with η = 1). Behind them, the labelled "
              "data, one colour per class.",
        "zh": "每幅 {n} 个样本，使用精确 ε* 与精确分类器；在重新划分的 {steps} 步链上做 DDPM"
              "（η = 1 的 DDIM）。背景是带标签的数据，每个类别一种颜色。",
    },
    "guid.cg.col_share": {"en": "share given to class {c} (p(c|x) > 0.5)",
                          "zh": "判给类别 {c} 的比例（p(c|x) > 0.5）"},
    "guid.cg.col_radius": {"en": "mean radius |x| (modes at 1.6)",
                           "zh": "平均半径 |x|（峰位于 1.6）"},
    "guid.cg.col_spread": {"en": "angular spread about the class centre (°)",
                           "zh": "绕类别中心方向的角度离散度（°）"},
    "guid.cg.sharpen": {
        "en": "At s = {s}, {share} of the samples are given to the class by the exact "
              "classifier (s = 1: {share1}); their mean radius is {r} (s = 1: {r1}) and their "
              "angular spread about the class's centre direction {a}° (s = 1: {a1}°). A scale "
              "above 1 adds s − 1 extra copies of the classifier's gradient, which points away "
              "from the other classes: towards the outside of the circle and the middle of the "
              "class. Here the classes are far apart (neighbouring modes are 8 standard "
              "deviations apart), so the classifier is already sure at t = 0 and the push acts "
              "mostly at large t, where the noisy classes overlap.",
        "zh": "s = {s} 时，精确分类器把 {share} 的样本判给该类别（s = 1 时为 {share1}）；"
              "样本的平均半径为 {r}（s = 1 时为 {r1}），绕该类中心方向的角度离散度为 {a}°"
              "（s = 1 时为 {a1}°）。系数大于 1 相当于再加上 s − 1 份分类器梯度，它指向远离其他"
              "类别的方向：朝圆的外侧、朝类别的中间。"
              "这里各类别相距很远（相邻两峰相距 8 个标准差），"
              "t = 0 时分类器已经很确定，推动主要发生在各类别加噪后相互重叠的大 t 处。",
    },
    "guid.check.head": {
        "en": "**Live check.** Two independent computations on {n} points $x_t\\sim q(x_t)$ "
              "at each t. Row 1: classifier guidance with s = 1 (ε* of the whole mixture and "
              "∇log p_t(c|x_t)) against ε* of the class's own two-component mixture, computed "
              "from those components alone. Row 2: classifier guidance at your s against "
              "classifier-free guidance with the exact $\\epsilon^*_c$ and $\\epsilon^*_u$ "
              "(the implicit classifier). Largest |difference|; tolerance ${tol}$ (float64 "
              "rounding).",
        "zh": "**实时检验。** 在每个 t 取 {n} 个点 $x_t\\sim q(x_t)$，做两个相互独立的计算。"
              "第 1 行：s = 1 的分类器引导（整个混合分布的 ε* 与 ∇log p_t(c|x_t)）对比该类别自己的"
              "两分量混合分布的 ε*（只用这两个分量算出）。"
              "第 2 行：你选的 s 下的分类器引导对比用精确"
              " $\\epsilon^*_c$ 与 $\\epsilon^*_u$ 的无分类器引导（隐式分类器）。表中为最大绝对差；"
              "容差 ${tol}$（float64 舍入）。",
    },
    "guid.check.row_s1": {"en": "s = 1 vs ε* of class {c}", "zh": "s = 1 对比类别 {c} 的 ε*"},
    "guid.check.row_cfg": {"en": "classifier vs classifier-free, s = {s}",
                           "zh": "分类器引导对比无分类器引导，s = {s}"},
    "guid.check.ok": {"en": "Both identities hold: largest difference {worst}.",
                      "zh": "两个恒等式都成立：最大差 {worst}。"},
    "guid.check.bad": {"en": "An identity fails: largest difference {worst}. The engine is wrong.",
                       "zh": "有恒等式不成立：最大差 {worst}。引擎有误。"},
    "guid.check.probe": {
        "en": "At $x_t$ = {x}, t = {t}, class {c}, s = {s} the guided prediction is "
              "$\\hat\\epsilon$ = ({e0}, {e1}).",
        "zh": "在 $x_t$ = {x}、t = {t}、类别 {c}、s = {s} 处，引导后的预测为 "
              "$\\hat\\epsilon$ = ({e0}, {e1})。",
    },
    # ---------------------------------------------------------------- 2 · classifier-free
    "guid.cfg.title": {"en": "2 · Classifier-free guidance with a trained model",
                       "zh": "2 · 用训练好的模型做无分类器引导"},
    "guid.cfg.body": {
        "en": "Ho & Salimans (2022) need no classifier: one network, trained with the label "
              "dropped to \"no class\" 10 % of the time, predicts both "
              "$\\epsilon_\\theta(x_t,t,c)$ "
              "and $\\epsilon_\\theta(x_t,t)$; their difference is the implicit classifier's "
              "gradient. Two conventions name the same number: diffusers' `guidance_scale` s, "
              "and Ho & Salimans' w = s − 1. The trained 2-D model samples on its own schedule "
              "(linear, T = 1000), not the sidebar's.",
        "zh": "Ho 与 Salimans（2022）不需要分类器：同一个网络在训练时以 10 % 的概率把标签换成"
              "“无类别”，于是它同时预测 $\\epsilon_\\theta(x_t,t,c)$ 与 "
              "$\\epsilon_\\theta(x_t,t)$；"
              "两者之差就是隐式分类器的梯度。同一个数有两种记法：diffusers 的 `guidance_scale` s，"
              "以及 Ho 与 Salimans 的 w = s − 1。训练好的二维模型用它自己的噪声调度"
              "（线性，T = 1000）采样，而不是侧边栏的。",
    },
    "guid.conv.s": {"en": "s (diffusers)", "zh": "s（diffusers）"},
    "guid.conv.w": {"en": "w = s − 1 (Ho & Salimans)", "zh": "w = s − 1（Ho 与 Salimans）"},
    "guid.conv.means": {"en": "what it gives", "zh": "得到什么"},
    "guid.conv.r0": {"en": "no class", "zh": "无类别"},
    "guid.conv.r1": {"en": "conditional", "zh": "条件"},
    "guid.conv.rs": {"en": "your setting", "zh": "当前设置"},
    "guid.conv.m0": {"en": "ε_u: unconditional", "zh": "ε_u：无条件"},
    "guid.conv.m1": {"en": "ε_c: conditional, no extra push", "zh": "ε_c：条件生成，无额外推动"},
    "guid.conv.ms": {"en": "past ε_c, away from ε_u", "zh": "越过 ε_c，远离 ε_u"},
    "guid.conv.mmid": {"en": "between ε_u and ε_c", "zh": "介于 ε_u 与 ε_c 之间"},
    "guid.cfg.avoid": {
        "en": "**Negative guidance** (avoid class {c}): the two predictions swap roles, "
              "$\\tilde\\epsilon=\\epsilon_c+s(\\epsilon_u-\\epsilon_c)$, which is guidance "
              "towards class {c} with scale 1 − s (w = −s): at s = {s} samples are pushed away "
              "from class {c}.",
        "zh": "**负向引导**（避开类别 {c}）：两个预测交换角色，"
              "$\\tilde\\epsilon=\\epsilon_c+s(\\epsilon_u-\\epsilon_c)$，相当于朝类别 {c} 的"
              "系数为 1 − s（w = −s）的引导：s = {s} 时样本被推离类别 {c}。",
    },
    "guid.cfg.panel_exact": {"en": "exact ε* (classifier-free)", "zh": "精确 ε*（无分类器）"},
    "guid.cfg.panel_trained": {"en": "trained conditional model", "zh": "训练好的条件模型"},
    "guid.cfg.caption": {
        "en": "{n} samples each, DDPM on a respaced chain of 100 steps (DDIM with η = 1). The "
              "pretrained model ({steps} training steps) was measured by the pretrain script at "
              "s = 1: worst class {worst}× its noise floor in SWD, unconditional {unc}×.",
        "zh": "每幅 {n} 个样本，在重新划分的 100 步链上做 DDPM（η = 1 的 DDIM）。预训练模型"
              "（训练 {steps} 步）由预训练脚本在 s = 1 时测得：最差类别的 SWD 为其噪声下限的 "
              "{worst} 倍，无条件为 {unc} 倍。",
    },
    "guid.cfg.swd": {
        "en": "SWD between the trained model's samples and the exact ones: ${d}$ (for scale: "
              "two independent draws of the tilted density of section 3 lie ${floor}$ apart).",
        "zh": "训练模型的样本与精确样本之间的 SWD：${d}$（作为参照：第 3 节倾斜密度的两次独立"
              "抽样之间相距 ${floor}$）。",
    },
    # ---------------------------------------------------------------- 3 · tilted density
    "guid.tilt.title": {"en": "3 · What does guidance sample?", "zh": "3 · 引导实际采样的是什么？"},
    "guid.tilt.body": {
        "en": "A common reading: guidance samples the *tilted density* $\\tilde p$, the class "
              "sharpened by the implicit classifier. Here $\\tilde p$ is computed on a "
              "161 × 161 grid and normalised. Left: draws from it. Middle and right: what "
              "classifier-free guidance with the exact ε* actually samples, with DDPM (100 "
              "respaced steps, η = 1) and DDIM (50 steps, η = 0).",
        "zh": "一种常见的理解：引导采样的是*倾斜密度* $\\tilde p$，即被隐式分类器锐化的类别分布。"
              "这里在 161 × 161 的网格上计算 $\\tilde p$ 并归一化。左：直接从它抽样。中、右："
              "用精确 ε* 的无分类器引导实际采到的样本，分别用 DDPM（重新划分的 100 步，η = 1）"
              "和 DDIM（50 步，η = 0）。",
    },
    "guid.tilt.dens": {"en": "tilted density", "zh": "倾斜密度"},
    "guid.tilt.p_direct": {"en": "draws of p̃", "zh": "p̃ 的抽样"},
    "guid.tilt.p_ddpm": {"en": "guidance, DDPM", "zh": "引导，DDPM"},
    "guid.tilt.p_ddim": {"en": "guidance, DDIM", "zh": "引导，DDIM"},
    "guid.tilt.swd": {
        "en": "SWD to the draws of $\\tilde p$ ({n} points each; two independent draws of "
              "$\\tilde p$: ${floor}$): guidance with DDPM ${ddpm}$ ({rddpm}× that floor), with "
              "DDIM ${ddim}$ ({rddim}×).",
        "zh": "与 $\\tilde p$ 抽样之间的 SWD（各 {n} 个点；$\\tilde p$ 的两次独立抽样之间为 "
              "${floor}$）：DDPM 引导 ${ddpm}$（该下限的 {rddpm} 倍），DDIM 引导 ${ddim}$"
              "（{rddim} 倍）。",
    },
    "guid.tilt.verdict_differ": {
        "en": "At s = {s} guidance does **not** sample $\\tilde p$: at least one sampler is "
              "more than twice the floor away from it.",
        "zh": "s = {s} 时引导采样的**不是** $\\tilde p$："
              "至少有一个采样器与它的距离超过下限的两倍。",
    },
    "guid.tilt.verdict_close": {
        "en": "At s = {s} both samplers land within twice the floor of $\\tilde p$.",
        "zh": "s = {s} 时两个采样器与 $\\tilde p$ 的距离都在下限的两倍以内。",
    },
    "guid.tilt.why": {
        "en": "**Why they differ.** At each t > 0 guidance mixes the two *noisy* scores, "
              "$s\\nabla\\log q_t(x\\mid c)+(1-s)\\nabla\\log q_t(x)$: the score of "
              "$q_t(x\\mid c)^s q_t(x)^{1-s}$, a tilt of the noised densities. Noising does not "
              "commute with tilting, so this is not the score of the noised $\\tilde p$; the "
              "two agree only as t → 0. With s ≠ 1 the reverse chain is therefore not the "
              "reverse of any forward process, and what it samples depends on the sampler. The "
              "chart measures the gap: the mean of $\\|\\tilde\\epsilon_{\\mathrm{CFG}}-"
              "\\epsilon_{\\tilde p,t}\\|$ over $x_t$ drawn from the noised $\\tilde p$, where "
              "$\\epsilon_{\\tilde p,t}$ is the exact ε of the noised grid density (only t where "
              "the noise spans at least two grid cells). At s = 1 (dotted) the gap is the "
              "grid's own error.",
        "zh": "**为什么不同。** 在每个 t > 0，引导混合的是两个*含噪*的得分函数 "
              "$s\\nabla\\log q_t(x\\mid c)+(1-s)\\nabla\\log q_t(x)$：它是 "
              "$q_t(x\\mid c)^s q_t(x)^{1-s}$ 的得分函数，即对加噪后的密度做倾斜。加噪与倾斜不可"
              "交换，所以它不是加噪后的 $\\tilde p$ 的得分函数；两者只在 t → 0 时一致。因此 s ≠ 1 "
              "时的反向链不是任何前向过程的反向，采到什么还取决于采样器。图中度量这一差距："
              "对从加噪后的 $\\tilde p$ 抽取的 $x_t$ 求 $\\|\\tilde\\epsilon_{\\mathrm{CFG}}-"
              "\\epsilon_{\\tilde p,t}\\|$ 的平均，"
              "其中 $\\epsilon_{\\tilde p,t}$ 是加噪后网格密度的"
              "精确 ε（只取噪声至少跨两个网格的 t）。s = 1（虚线）时的差距就是网格本身的误差。",
    },
    "guid.gap.title": {"en": "Guided ε vs the ε of the noised tilted density",
                       "zh": "引导后的 ε 与加噪倾斜密度的 ε"},
    "guid.gap.y": {"en": "mean ‖difference‖", "zh": "差的平均范数"},
    "guid.gap.s": {"en": "s = {s}", "zh": "s = {s}"},
    "guid.gap.one": {"en": "s = 1 (grid error)", "zh": "s = 1（网格误差）"},
    "guid.gap.read": {
        "en": "At t = {t_lo}: ${lo}$ (s = 1: ${lo1}$); at t = {t_hi}: ${hi}$ (s = 1: ${hi1}$).",
        "zh": "t = {t_lo} 时：${lo}$（s = 1：${lo1}$）；t = {t_hi} 时：${hi}$（s = 1：${hi1}$）。",
    },
    # ---------------------------------------------------------------- 4 · digits
    "guid.dig.title": {"en": "4 · Guided digits", "zh": "4 · 引导生成数字"},
    "guid.dig.body": {
        "en": "The class-conditional digits model (a small U-Net trained on the 16 × 16 glyph "
              "digits with their labels, the label dropped 10 % of the time) draws {n} samples "
              "of the chosen digit with classifier-free guidance: DDIM, 50 steps, the "
              "conditional and unconditional predictions in one batch. A sample counts as "
              "recognised when its nearest clean template is the chosen digit and its "
              "similarity reaches the bar of real digits.",
        "zh": "类别条件数字模型（在 16 × 16 字形数字及其标签上训练的小型 U-Net，以 10 % 的概率"
              "丢弃标签）用无分类器引导为所选数字生成 {n} 个样本：DDIM 50 步，条件预测与无条件"
              "预测放在同一批里计算。若样本最近的干净模板正是所选数字，且相似度达到真实数字的门槛，"
              "就算识别成功。",
    },
    "guid.dig.digit": {"en": "digit", "zh": "数字"},
    "guid.dig.scale": {"en": "guidance scale s", "zh": "引导系数 s"},
    "guid.dig.spinner": {"en": "Sampling…", "zh": "采样中…"},
    "guid.dig.grid_title": {"en": "digit {k}, s = {s}", "zh": "数字 {k}，s = {s}"},
    "guid.dig.rate": {
        "en": "Recognised as {k}: **{rate}** of the samples (similarity ≥ {bar}).",
        "zh": "识别为 {k} 的样本：**{rate}**（相似度 ≥ {bar}）。",
    },
    "guid.dig.s0": {
        "en": "s = 0 ignores the label: these are unconditional samples, of any digit.",
        "zh": "s = 0 忽略标签：这些是无条件样本，可以是任何数字。",
    },
    "guid.dig.stored": {
        "en": "Measured by the pretrain script ({n} samples per digit, another seed): at "
              "s = {s}, {mean} recognised on average over the ten digits (lowest {lo}); at "
              "s = 1, {mean1}. The model was trained for {steps} steps.",
        "zh": "预训练脚本的测量（每个数字 {n} 个样本，另一随机种子）：s = {s} 时十个数字平均识别"
              "率 {mean}（最低 {lo}）；s = 1 时为 {mean1}。模型训练了 {steps} 步。",
    },
}
