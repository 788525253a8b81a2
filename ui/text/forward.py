"""Strings of page 4, the forward process (keys start with "forward.")."""

TEXT = {
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
        "zh": "每一步把上一步的样本缩小为 $\\sqrt{\\alpha_t}$ 倍，再加入方差为 $\\beta_t$ "
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
        "zh": "想像中 vs 实际上：t 个小步还是一步到位",
    },
    "forward.cloud.intro": {
        "en": "In the lecture (slide P7) we *imagine* noise being added step by step; "
              "*actually* the formula lets us jump straight to $x_t$. Left: every point takes "
              "t single steps of $q(x_s|x_{s-1})$ (`q_sample_chain`). Right: the same points "
              "take one closed-form step of $q(x_t|x_0)$ (`q_sample`). Fixed seeds, "
              "2,000 points; $x_0$ in grey.",
        "zh": "课程中（投影片 P7）我们*想像*噪声是一步一步加上去的；*实际上*公式让我们直接"
              "跳到 $x_t$。左图：每个点走 t 个单步 $q(x_s|x_{s-1})$（`q_sample_chain`）。"
              "右图：同样的点用闭式 $q(x_t|x_0)$ 一步到位（`q_sample`）。随机种子固定，"
              "共 2,000 个点；灰色为 $x_0$。",
    },
    "forward.cloud.dataset": {"en": "2-D data set x₀", "zh": "二维数据集 x₀"},
    "forward.imagined": {
        "en": "Imagined: {t} single steps",
        "zh": "想像中：{t} 个单步",
    },
    "forward.actual": {
        "en": "Actual: one jump to t = {t}",
        "zh": "实际上：一步跳到 t = {t}",
    },
    "forward.legend_x0": {"en": "x₀ (data)", "zh": "x₀（数据）"},
    "forward.legend_xt": {"en": "x_t, t = {t}", "zh": "x_t，t = {t}"},
    "forward.cloud.moments": {
        "en": "**Live check.** The formula predicts the moments of $x_t$ from those of $x_0$ "
              "(per axis, over these 2,000 points); the engine's two samples must match them "
              "up to sampling error:",
        "zh": "**实时检验。** 公式由 $x_0$ 的矩（按坐标轴、对这 2,000 个点）预测 $x_t$ 的矩；"
              "引擎给出的两组样本应在抽样误差内与之吻合：",
    },
    "forward.col.formula": {"en": "formula says", "zh": "公式给出"},
    "forward.col.imagined": {"en": "imagined (t steps)", "zh": "想像中（t 步）"},
    "forward.col.actual": {"en": "actual (one jump)", "zh": "实际上（一步）"},
    "forward.row.mean_x": {"en": "mean, x axis", "zh": "均值，x 轴"},
    "forward.row.mean_y": {"en": "mean, y axis", "zh": "均值，y 轴"},
    "forward.row.var_x": {"en": "variance, x axis", "zh": "方差，x 轴"},
    "forward.row.var_y": {"en": "variance, y axis", "zh": "方差，y 轴"},
    "forward.cloud.worst": {
        "en": "largest |engine − formula|",
        "zh": "最大 |引擎 − 公式|",
    },
    "forward.cloud.worst_help": {
        "en": "Over the 8 engine moments in the table. With 2,000 points the sampling error "
              "of a moment is a few hundredths.",
        "zh": "取表中 8 个引擎矩的最大偏差。2,000 个点时，矩的抽样误差约为百分之几。",
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
        "en": "PNG or JPEG, at most 5 MB",
        "zh": "PNG 或 JPEG，不超过 5 MB",
    },
    "forward.image.upload_help": {
        "en": "Converted to grayscale and shrunk to at most 64×64 pixels.",
        "zh": "转为灰度图并缩小到不超过 64×64 像素。",
    },
    "forward.upload.too_big": {
        "en": "This file is {mb:.1f} MB; please upload an image of at most 5 MB.",
        "zh": "该文件大小为 {mb:.1f} MB；请上传不超过 5 MB 的图片。",
    },
    "forward.upload.bad": {
        "en": "This file could not be read as a PNG or JPEG image (corrupted or not an "
              "image). Please try another file.",
        "zh": "无法将该文件读取为 PNG 或 JPEG 图片（文件损坏或不是图片），请换一个文件。",
    },
    "forward.image.x0": {"en": "x₀", "zh": "x₀"},
    "forward.image.note": {
        "en": "Pixel values are clipped to $[-1, 1]$ for display; at large t most of the noise "
              "falls outside and the picture looks like salt and pepper.",
        "zh": "显示时像素值被截断到 $[-1, 1]$；t 较大时大部分噪声超出该范围，"
              "图像看起来像椒盐噪声。",
    },
    "forward.curves.header": {
        "en": "The schedule: $\\beta_t$, $\\bar\\alpha_t$ and the signal-to-noise ratio",
        "zh": "调度：$\\beta_t$、$\\bar\\alpha_t$ 与信噪比",
    },
    "forward.curves.intro": {
        "en": "$\\mathrm{SNR}_t = \\bar\\alpha_t/(1-\\bar\\alpha_t)$ is the ratio of signal power "
              "to noise power in $x_t$; "
              "it falls strictly with t (log scale). The cross marks the chosen t.",
        "zh": "$\\mathrm{SNR}_t = \\bar\\alpha_t/(1-\\bar\\alpha_t)$ 是 $x_t$ "
              "中信号功率与噪声功率之比，随 t 严格递减"
              "（对数坐标）。叉号标出当前选择的 t。",
    },
    "forward.curves.snr": {"en": "SNR_t (log scale)", "zh": "SNR_t（对数坐标）"},
    "forward.sympy.header": {
        "en": "Why one jump is exact: merging two Gaussian steps (SymPy)",
        "zh": "为什么一步到位是精确的：合并两个高斯步（SymPy）",
    },
    "forward.sympy.intro": {
        "en": "A proof by induction on t, carried out symbolically by SymPy "
              "(slides P18–P20 of the lecture):",
        "zh": "对 t 做归纳证明，由 SymPy 符号推导完成（对应课程投影片 P18–P20）：",
    },
    "forward.step.one_step": {
        "en": "One forward step "
              "$q(x_t|x_{t-1}) = \\mathcal N(\\sqrt{\\alpha_t}\\,x_{t-1}, \\beta_t I)$, with "
              "$\\epsilon_2 \\sim \\mathcal N(0, I)$ "
              "(Ho et al. 2020, Eq. (2)).",
        "zh": "前向一步 $q(x_t|x_{t-1}) = \\mathcal N(\\sqrt{\\alpha_t}\\,x_{t-1}, \\beta_t I)$，"
              "其中 $\\epsilon_2 \\sim \\mathcal N(0, I)$"
              "（Ho et al. 2020，式 (2)）。",
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
              "（Ho et al. 2020，式 (4)）。",
    },
    "forward.sympy.at_t": {
        "en": "**Live check at t = {t}:** the SymPy result evaluated on this "
              "schedule's $\\alpha_t$ and $\\bar\\alpha_{{t-1}}$, beside the engine's tables.",
        "zh": "**t = {t} 处的实时检验：** 用本调度的 $\\alpha_t$ 与 "
              "$\\bar\\alpha_{{t-1}}$ 代入 SymPy 结果，"
              "与引擎的表格对比。",
    },
    "forward.sympy.max_err": {
        "en": "largest relative error, SymPy vs engine, over t = 1..{T}",
        "zh": "SymPy 与引擎的最大相对误差（t = 1..{T}）",
    },
    "forward.sympy.max_err_help": {
        "en": "Both √ᾱ_t and 1 − ᾱ_t at every t; float64 agrees to about 1e-16, "
              "the test tolerance is 1e-7.",
        "zh": "对每个 t 比较 √ᾱ_t 与 1 − ᾱ_t；float64 下约为 1e-16，测试容差为 1e-7。",
    },
    "forward.sympy.ok": {
        "en": "The symbolic derivation and the engine agree at every t (≤ 1e-7).",
        "zh": "符号推导与引擎在每个 t 上一致（≤ 1e-7）。",
    },
    "forward.sympy.bad": {
        "en": "The symbolic derivation and the engine disagree by more than 1e-7.",
        "zh": "符号推导与引擎的差异超过 1e-7。",
    },
}
