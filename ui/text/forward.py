"""Strings of page 4, the forward process (keys start with "forward.")."""

TEXT = {
    "forward.question": {
        "en": "How can $x_t$ be drawn from $x_0$ in one step, when the noise is added in $t$ "
              "small steps?",
        "zh": "噪声是分 $t$ 个小步加上去的，为什么可以从 $x_0$ 一步直接采样出 $x_t$？",
    },
    "forward.cite2": {"en": "Ho et al. 2020, Eq. (2)", "zh": "Ho 等人（2020），式 (2)"},
    "forward.cite4": {"en": "Ho et al. 2020, Eq. (4)", "zh": "Ho 等人（2020），式 (4)"},
    "forward.intro": {
        "en": "The forward process adds a little Gaussian noise at every step, following a "
              "fixed schedule $\\beta_1, \\dots, \\beta_T$ (chosen in the sidebar). Nothing here "
              "is learned. "
              "This page derives the shortcut that makes DDPM training cheap: $x_t$ can be drawn "
              "from $x_0$ in **one** step, without walking through the t steps in between.",
        "zh": "前向过程按固定的调度 "
              "$\\beta_1, \\dots, \\beta_T$（在侧边栏中选择）每一步加入少量高斯噪声，"
              "这里没有任何需要学习的参数。本页推导让 DDPM 训练变得廉价的捷径："
              "$x_t$ 可以从 $x_0$ **一步**直接采样得到，而不必逐一走过中间的 t 步。",
    },
    "forward.one_step.header": {"en": "One step: $q(x_t|x_{t-1})$", "zh": "一步：$q(x_t|x_{t-1})$"},
    "forward.one_step.text": {
        "en": "Each step shrinks the previous sample by $\\sqrt{\\alpha_t}$ and adds fresh noise "
              "of variance "
              "$\\beta_t$. The mean uses $x_{t-1}$, not $x_0$:",
        "zh": "每一步把上一步的样本乘以 $\\sqrt{\\alpha_t}$（小于 1），再加入方差为 $\\beta_t$ "
              "的新噪声。"
              "注意均值用的是 $x_{t-1}$，而不是 $x_0$：",
    },
    "forward.closed.text": {
        "en": "Merging the steps (two independent Gaussians add their variances, derived "
              "below with SymPy) gives the closed form, with $\\bar\\alpha_t$ the product of the "
              "$\\alpha$'s:",
        "zh": "把各步合并（两个独立高斯噪声相加时方差相加，下文用 SymPy 推导）"
              "得到闭式解，其中 $\\bar\\alpha_t$ 是各 α 的连乘：",
    },
    "forward.t_slider": {"en": "Time step t", "zh": "时间步 t"},
    "forward.t_slider_help": {
        "en": "Drives every figure and number below.",
        "zh": "控制下方所有图和数值。",
    },
    "forward.t_fixed": {
        "en": "T = 1: the only time step is t = 1.",
        "zh": "T = 1：唯一的时间步是 t = 1。",
    },
    "forward.cloud.header": {
        "en": "Imagined vs actual: t small steps or one jump",
        "zh": "想象中 vs 实际上：t 个小步还是一步到位",
    },
    "forward.cloud.intro": {
        "en": "We *imagine* the noise being added one small step at a time, as the forward "
              "process is defined; *actually* the closed form lets us jump straight to $x_t$. "
              "Left: every point takes $t$ single steps of $q(x_s|x_{s-1})$, each with its "
              "own draw $\\epsilon_s$ (the recursion of `q_sample_chain`, summed for all the "
              "player's $t$ at once by `chain_path`). Right: the same points take one "
              "closed-form step of "
              "$q(x_t|x_0)$ (`q_sample`). Fixed seeds, 2,000 points; $x_0$ in grey. The cloud "
              "is moved off the origin so you can watch its mean shrink towards 0 by "
              "$\\sqrt{\\bar\\alpha_t}$.",
        "zh": "按照前向过程的定义，我们*想象*噪声是一小步一小步加上去的；*实际上*闭式解让我们"
              "直接跳到 $x_t$。左图：每个点走 $t$ 个单步 $q(x_s|x_{s-1})$，每步各用一个 "
              "$\\epsilon_s$（即 `q_sample_chain` 的递推，由 `chain_path` 一次算出播放器上"
              "所有的 $t$）。"
              "右图：同样的点用闭式 $q(x_t|x_0)$ 一步到位（`q_sample`）。随机种子固定，"
              "共 2,000 个点；灰色为 $x_0$。点云被移离原点，以便看到它的均值按 "
              "$\\sqrt{\\bar\\alpha_t}$ 向 0 收缩。",
    },
    "forward.cloud.dataset": {"en": "2-D data set x₀", "zh": "二维数据集 x₀"},
    "forward.cloud.shift": {
        "en": "Move the data: x₀ + (c, c), c =",
        "zh": "移动数据：x₀ + (c, c)，c =",
    },
    "forward.cloud.shift_help": {
        "en": "The data sets are centred (mean 0) and scaled so that the two axes' variances "
              "average 1; c moves the whole cloud. The mean of xₜ is √ᾱₜ times the mean of x₀.",
        "zh": "各数据集已中心化（均值为 0），并缩放到两个坐标轴的方差平均为 1；c 平移整团点云。"
              "xₜ 的均值是 x₀ 均值的 √ᾱₜ 倍。",
    },
    "forward.imagined": {
        "en": "Imagined: {t} single steps",
        "zh": "想象中：{t} 个单步",
    },
    "forward.imagined_one": {
        "en": "Imagined: one single step",
        "zh": "想象中：一个单步",
    },
    "forward.actual": {
        "en": "Actual: one jump to t = {t}",
        "zh": "实际上：一步跳到 t = {t}",
    },
    "forward.legend_x0": {"en": "x₀ (data)", "zh": "x₀（数据）"},
    "forward.legend_xt": {"en": "xₜ, t = {t}", "zh": "xₜ，t = {t}"},
    "forward.cloud.moments": {
        "en": "**Live check.** The closed form predicts the moments of $x_t$ from those of "
              "these 2,000 points $x_0$ (per axis), with $\\bar\\alpha_t$ multiplied out "
              "from the $\\beta$'s here, not read from the engine's table. The engine's two "
              "samples must match it up to sampling error; the last column is the standard "
              "error (SE) of a sample's moment, the noise being the only randomness:",
        "zh": "**实时检验。** 闭式解由这 2,000 个点 $x_0$ 的矩（按坐标轴）预测 $x_t$ 的矩，"
              "其中 $\\bar\\alpha_t$ 在这里由各个 $\\beta$ 直接连乘得到，而不是读取引擎的表。"
              "引擎给出的两组样本应在抽样误差内与之吻合；最后一列是样本矩的标准误（SE），"
              "唯一的随机性来自噪声：",
    },
    "forward.col.formula": {"en": "formula says", "zh": "公式给出"},
    "forward.col.imagined": {"en": "imagined (t steps)", "zh": "想象中（t 步）"},
    "forward.col.se": {"en": "standard error", "zh": "标准误"},
    "forward.col.actual": {"en": "actual (one jump)", "zh": "实际上（一步）"},
    "forward.row.mean_x": {"en": "mean, x axis", "zh": "均值，x 轴"},
    "forward.row.mean_y": {"en": "mean, y axis", "zh": "均值，y 轴"},
    "forward.row.var_x": {"en": "variance, x axis", "zh": "方差，x 轴"},
    "forward.row.var_y": {"en": "variance, y axis", "zh": "方差，y 轴"},
    "forward.cloud.verdict": {
        "en": "Judged by |engine − formula| ≤ {k}·SE + {floor}: {n_ok} of the 8 engine "
              "moments pass; the largest difference is {worst} SE.",
        "zh": "判据为 |引擎 − 公式| ≤ {k}·SE + {floor}：8 个引擎矩中有 {n_ok} 个通过；"
              "最大差值为 {worst} 个标准误。",
    },
    "forward.cloud.verdict_bad": {
        "en": "A moment outside {k}·SE happens by chance about once in 2,000 views; "
              "another t should pass. If it persists, the engine is wrong.",
        "zh": "某个矩因偶然落在 {k}·SE 之外的概率约为两千分之一；换一个 t 应能通过。"
              "如果一直不通过，说明引擎有错。",
    },
    "forward.cloud.in_law": {
        "en": "The two clouds agree **in distribution**, not point by point: the same $x_0$ "
              "lands in different places because the t small noises and the one big noise are "
              "different random draws. Only their law, "
              "$\\mathcal N(\\sqrt{\\bar\\alpha_t}\\,x_0, (1-\\bar\\alpha_t) I)$, is the same.",
        "zh": "两团点云在**分布上**一致，而不是逐点一致：同一个 $x_0$ 落在不同位置，"
              "因为 t 个小噪声与一个大噪声是不同的随机抽样。"
              "相同的只是它们的分布 "
              "$\\mathcal N(\\sqrt{\\bar\\alpha_t}\\,x_0, (1-\\bar\\alpha_t) I)$。",
    },
    "forward.image.header": {"en": "The same on an image", "zh": "在图像上做同样的事"},
    "forward.image.intro": {
        "en": "Every pixel is one coordinate of $x_0 \\in [-1, 1]^d$ and gets its own noise. "
              "Left to right: $x_0$, $x_t$ by t single steps, $x_t$ by one jump (same t as above).",
        "zh": "每个像素是 $x_0 \\in [-1, 1]^d$ 的一个坐标，各自独立加噪。"
              "从左到右：$x_0$、t 个单步得到的 $x_t$、一步得到的 $x_t$（t 与上方相同）。",
    },
    "forward.image.source": {"en": "Image", "zh": "图像"},
    "forward.image.src_glyph": {"en": "built-in digit", "zh": "内置数字"},
    "forward.image.src_upload": {"en": "upload your own", "zh": "上传自己的图片"},
    "forward.image.pick": {"en": "Digit", "zh": "数字"},
    "forward.image.glyph_label": {"en": "#{k}: a “{d}”", "zh": "第 {k} 个：“{d}”"},
    "forward.image.upload": {
        "en": "A PNG or JPEG image",
        "zh": "一张 PNG 或 JPEG 图片",
    },
    "forward.image.upload_help": {
        "en": "Converted to grayscale and shrunk to at most 64×64 pixels.",
        "zh": "转为灰度图并缩小到不超过 64×64 像素。",
    },
    "forward.upload.too_big": {
        "en": "This file is {mb:.1f} MB; please upload an image of at most 5 MB.",
        "zh": "该文件大小为 {mb:.1f} MB；请上传不超过 5 MB 的图片。",
    },
    "forward.upload.pixels": {
        "en": "This image has too many pixels: {mp} million (at most {max} million). "
              "Please upload a smaller picture.",
        "zh": "该图片像素过多：{mp} 百万像素（最多 {max} 百万像素）。请上传一张更小的图片。",
    },
    "forward.upload.bad": {
        "en": "This file could not be read as a PNG or JPEG image (corrupted or not an "
              "image). Please try another file.",
        "zh": "无法将该文件读取为 PNG 或 JPEG 图片（文件损坏或不是图片），请换一个文件。",
    },
    "forward.image.x0": {"en": "x₀", "zh": "x₀"},
    "forward.image.note": {
        "en": "Pixel values are clipped to $[-1, 1]$ for display (pure black or white). At "
              "t = {t}, {seen} of the pixels of the one-jump $x_t$ lie outside (the law "
              "$q(x_t|x_0)$ predicts {expected}); pure noise $\\mathcal N(0, 1)$ would put "
              "{noise} outside, $P(|\\mathcal N(0,1)| > 1)$.",
        "zh": "显示时像素值被截断到 $[-1, 1]$（显示为纯黑或纯白）。t = {t} 时，一步得到的 "
              "$x_t$ 中有 {seen} 的像素落在该范围之外（分布 $q(x_t|x_0)$ 预测为 {expected}）；"
              "纯噪声 $\\mathcal N(0, 1)$ 会有 {noise} 落在外面，即 "
              "$P(|\\mathcal N(0,1)| > 1)$。",
    },
    "forward.curves.header": {
        "en": "The schedule: $\\beta_t$, $\\bar\\alpha_t$ and the signal-to-noise ratio",
        "zh": "调度：$\\beta_t$、$\\bar\\alpha_t$ 与信噪比",
    },
    "forward.curves.intro": {
        "en": "$\\mathrm{SNR}_t = \\bar\\alpha_t/(1-\\bar\\alpha_t)$ is the ratio of signal power "
              "to noise power in $x_t$; "
              "it falls strictly with $t$ (log scale). The cross marks the chosen $t$.",
        "zh": "$\\mathrm{SNR}_t = \\bar\\alpha_t/(1-\\bar\\alpha_t)$ 是 $x_t$ "
              "中信号功率与噪声功率之比，随 t 严格递减"
              "（对数坐标）。叉号标出当前选择的 t。",
    },
    "forward.curves.snr": {"en": "SNRₜ (log scale)", "zh": "SNRₜ（对数坐标）"},
    "forward.sympy.header": {
        "en": "Why one jump is exact: merging two Gaussian steps (SymPy)",
        "zh": "为什么一步到位是精确的：合并两个高斯步（SymPy）",
    },
    "forward.sympy.intro": {
        "en": "A proof by induction on $t$: if $x_{t-1}$ has the closed form, one more step "
              "keeps it, with $\\bar\\alpha_{t-1}$ replaced by $\\bar\\alpha_t$. Every line "
              "below is produced by SymPy:",
        "zh": "对 $t$ 做归纳证明：如果 $x_{t-1}$ 满足闭式解，再走一步后仍然满足，只是 "
              "$\\bar\\alpha_{t-1}$ 换成了 $\\bar\\alpha_t$。下面每一行都由 SymPy 推出：",
    },
    "forward.step.one_step": {
        "en": "One forward step "
              "$q(x_t|x_{t-1}) = \\mathcal N(\\sqrt{\\alpha_t}\\,x_{t-1}, \\beta_t I)$, with "
              "$\\epsilon_2 \\sim \\mathcal N(0, I)$ "
              "(Ho et al. 2020, Eq. (2)).",
        "zh": "前向一步 $q(x_t|x_{t-1}) = \\mathcal N(\\sqrt{\\alpha_t}\\,x_{t-1}, \\beta_t I)$，"
              "其中 $\\epsilon_2 \\sim \\mathcal N(0, I)$"
              "（Ho 等人（2020）式 (2)）。",
    },
    "forward.step.hypothesis": {
        "en": "Induction hypothesis: $x_{t-1} \\sim q(x_{t-1}|x_0)$, with "
              "$\\epsilon_1 \\sim \\mathcal N(0, I)$ independent "
              "of $\\epsilon_2$.",
        "zh": "归纳假设：$x_{t-1} \\sim q(x_{t-1}|x_0)$，其中 "
              "$\\epsilon_1 \\sim \\mathcal N(0, I)$ 与 $\\epsilon_2$ 独立。",
    },
    "forward.step.base_case": {
        "en": "Base case t = 1: with $\\bar\\alpha_0 = 1$ the hypothesis reads $x_0 = x_0$.",
        "zh": "初始情形 t = 1：由 $\\bar\\alpha_0 = 1$，假设化为 $x_0 = x_0$。",
    },
    "forward.step.merge": {
        "en": "Substitute the hypothesis into the one-step formula and expand.",
        "zh": "把归纳假设代入一步公式并展开。",
    },
    "forward.step.mean_coef": {
        "en": "Coefficient of $x_0$: "
              "$\\sqrt{\\alpha_t}\\sqrt{\\bar\\alpha_{t-1}} = \\sqrt{\\bar\\alpha_t}$.",
        "zh": "$x_0$ 的系数："
              "$\\sqrt{\\alpha_t}\\sqrt{\\bar\\alpha_{t-1}} = \\sqrt{\\bar\\alpha_t}$。",
    },
    "forward.step.add_variances": {
        "en": "The two noise terms are independent Gaussians: their variances add.",
        "zh": "两个噪声项是独立的高斯变量：它们的方差相加。",
    },
    "forward.step.variance_simplify": {
        "en": "With $\\beta_t = 1-\\alpha_t$ and $\\bar\\alpha_t = \\alpha_t\\bar\\alpha_{t-1}$, "
              "the variance is $1-\\bar\\alpha_t$.",
        "zh": "代入 $\\beta_t = 1-\\alpha_t$ 与 $\\bar\\alpha_t = \\alpha_t\\bar\\alpha_{t-1}$，"
              "方差化为 $1-\\bar\\alpha_t$。",
    },
    "forward.step.induction": {
        "en": "So $x_t = \\sqrt{\\bar\\alpha_t}\\,x_0 + \\sqrt{1-\\bar\\alpha_t}\\,\\epsilon$: "
              "the hypothesis holds at t, hence for every t "
              "(Ho et al. 2020, Eq. (4)).",
        "zh": "于是 $x_t = \\sqrt{\\bar\\alpha_t}\\,x_0 + \\sqrt{1-\\bar\\alpha_t}\\,\\epsilon$："
              "假设在 t 时成立，因此对所有 t 成立"
              "（Ho 等人（2020）式 (4)）。",
    },
    "forward.sympy.at_t": {
        "en": "**Live check at t = {t}:** the SymPy result run as its own induction on this "
              "schedule's $\\alpha$'s alone ($\\bar\\alpha_0 = 1$, then each step's "
              "$\\sqrt{{\\bar\\alpha_t}}$ squared gives the next $\\bar\\alpha$), beside the "
              "engine's table $\\bar\\alpha_t$ (a cumulative product computed in `Schedule`).",
        "zh": "**t = {t} 处的实时检验：** 只用本调度的各个 $\\alpha$ 把 SymPy 结果当作归纳式"
              "逐步运行（$\\bar\\alpha_0 = 1$，每一步得到的 $\\sqrt{{\\bar\\alpha_t}}$ 平方后"
              "作为下一步的 $\\bar\\alpha$），与引擎的表 $\\bar\\alpha_t$"
              "（`Schedule` 中的累积乘积）对比。",
    },
    "forward.sympy.max_err": {
        "en": "largest relative error, SymPy vs engine, over t = 1..{T}",
        "zh": "SymPy 与引擎的最大相对误差（t = 1..{T}）",
    },
    "forward.sympy.max_err_help": {
        "en": "Both √ᾱₜ and 1 − ᾱₜ at every t, relative to the engine's value. float64 "
              "rounds at about 10⁻¹⁶ per operation; the check passes at 10⁻⁷.",
        "zh": "对每个 t 比较 √ᾱₜ 与 1 − ᾱₜ，相对于引擎的值。float64 每次运算的舍入约为 "
              "10⁻¹⁶；检验的通过标准是 10⁻⁷。",
    },
    "forward.sympy.ok": {
        "en": "The symbolic derivation and the engine agree at every t (≤ 10⁻⁷).",
        "zh": "符号推导与引擎在每个 t 上一致（≤ 10⁻⁷）。",
    },
    "forward.sympy.bad": {
        "en": "The symbolic derivation and the engine disagree by more than 10⁻⁷.",
        "zh": "符号推导与引擎的差异超过 10⁻⁷。",
    },
    "forward.strip.imagined": {"en": "imagined (t steps)", "zh": "想象中（t 步）"},
    "forward.strip.actual": {"en": "actual (one jump)", "zh": "实际上（一步）"},
    "forward.player.play": {"en": "⏯ play", "zh": "⏯ 播放"},
    "forward.player.pause": {"en": "⏸ pause", "zh": "⏸ 暂停"},
    "forward.player.back": {"en": "one step back (←)", "zh": "后退一步（←）"},
    "forward.player.fwd": {"en": "one step on (→)", "zh": "前进一步（→）"},
    "forward.player.speed": {"en": "frames per tick while playing", "zh": "播放时每次前进的帧数"},
    "forward.player.speed_option": {"en": "×{k}", "zh": "×{k}"},
    "forward.player.play_help": {"en": "play / pause (Space)", "zh": "播放 / 暂停（空格键）"},
    "forward.player.hint": {
        "en": "Keys (when no field is focused): ←/→ one frame, Shift+←/→ ten, Space play/pause, "
              "Home t = T, End the first t.",
        "zh": "键盘（未选中输入框时）：←/→ 一帧，Shift+←/→ 十帧，空格键 播放/暂停，"
              "Home 到 t = T，End 到最小的 t。",
    },
    "forward.player.t_label": {"en": "t = {t}", "zh": "t = {t}"},
    "forward.present": {"en": "Presentation mode", "zh": "演示模式"},
    "forward.present_help": {
        "en": "For a projector: hides the sidebar (switch off to get it back) and draws the "
              "charts and equations larger. It is in the link, too.",
        "zh": "用于投影：隐藏侧边栏（关闭此开关即可恢复），并放大图表和公式。"
              "链接中也会保留这一设置。",
    },
}
