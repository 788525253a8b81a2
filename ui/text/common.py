"""Strings of the frame: app title, sidebar, notices."""

TEXT = {
    "app.title": {"en": "DDPM, derived", "zh": "DDPM 推导"},
    "app.tagline": {
        "en": "An interactive, exact walk through Denoising Diffusion Probabilistic Models "
              "(Ho et al. 2020). Every number is computed live by `ddpm_core`.",
        "zh": "交互式、精确地推导 Ho 等人（2020）提出的去噪扩散概率模型（DDPM）。"
              "页面上的每个数字都由 `ddpm_core` 实时计算。",
    },
    "nav.overview": {"en": "Overview", "zh": "概览"},
    "nav.probability": {"en": "0 · The probability you need", "zh": "0 · 你需要的概率论"},
    "nav.forward": {"en": "Forward process", "zh": "前向过程"},
    "nav.posterior": {"en": "The posterior q(xₜ₋₁ | xₜ, x₀)", "zh": "后验 q(xₜ₋₁ | xₜ, x₀)"},
    "nav.objective": {"en": "The ε-objective", "zh": "ε 目标函数"},
    "nav.epsstar": {"en": "The exact ε* and a trained network", "zh": "精确 ε* 与训练好的网络"},
    "nav.mle": {"en": "Maximum likelihood = minimum KL", "zh": "最大似然 = 最小 KL"},
    "nav.elbo": {"en": "The ELBO", "zh": "证据下界 ELBO"},
    "nav.sampling": {"en": "Sampling, step by step", "zh": "逐步采样"},
    "nav.playground": {"en": "Training playground", "zh": "训练游乐场"},
    "nav.variance": {"en": "The optimal reverse variance", "zh": "最优反向方差"},
    "nav.sde": {"en": "SDE and ODE", "zh": "SDE 与 ODE"},
    "nav.guidance": {"en": "Guidance", "zh": "引导"},
    "nav.vae": {"en": "VAE vs diffusion", "zh": "VAE 与扩散模型"},
    "nav.autoreg": {"en": "Diffusion is autoregression", "zh": "扩散即自回归"},
    "nav.textdiff": {"en": "Diffusion for text", "zh": "文本的扩散模型"},
    "nav.t2i": {"en": "From text to image", "zh": "从文本到图像"},
    "nav.section.derivation": {"en": "The derivation", "zh": "推导"},
    "nav.section.beyond": {"en": "Beyond DDPM", "zh": "DDPM 之后"},
    "nav.question": {"en": "The question:", "zh": "本页回答："},
    "nav.next": {"en": "Next: {title} →", "zh": "下一页：{title} →"},
    "nav.copy_link.label": {"en": "🔗 Copy link to this view", "zh": "🔗 复制本页链接"},
    "nav.copy_link.help": {
        "en": "The link opens this page with the same settings (sidebar and page), in any "
              "language.",
        "zh": "打开该链接即得到相同设置（侧边栏和本页）的本页，与界面语言无关。",
    },
    "nav.copy_link.copied": {"en": "Link copied.", "zh": "链接已复制。"},
    "nav.copy_link.fallback": {
        "en": "The browser did not allow copying; copy the link below (Ctrl+C / ⌘C).",
        "zh": "浏览器不允许自动复制；请复制下面的链接（Ctrl+C / ⌘C）。",
    },
    "nav.back_to_start": {"en": "Back to the overview", "zh": "回到概览"},
    "code.show": {"en": "Show the code that computed this", "zh": "查看计算它的代码"},
    "check.formula": {"en": "formula says", "zh": "公式给出"},
    "check.engine": {"en": "engine computed", "zh": "引擎算得"},
    "sidebar.language": {"en": "Language", "zh": "语言"},
    "sidebar.schedule": {"en": "Noise schedule", "zh": "噪声调度"},
    "sidebar.kind": {"en": "Schedule", "zh": "调度类型"},
    "sidebar.T": {"en": "T (diffusion steps)", "zh": "T（扩散步数）"},
    "sidebar.beta_1": {"en": "β₁ (first step)", "zh": "β₁（第一步）"},
    "sidebar.beta_T": {"en": "β_T (last step)", "zh": "β_T（最后一步）"},
    "sidebar.scale": {"en": "Rescale β by 1000/T", "zh": "按 1000/T 缩放 β"},
    "sidebar.scale_help": {
        "en": "improved-diffusion's convention: keeps ᾱ_T small when T shrinks.",
        "zh": "improved-diffusion 的约定：T 变小时仍让 ᾱ_T 保持很小。",
    },
    "kind.linear": {"en": "linear (Ho et al.)", "zh": "线性（Ho 等人）"},
    "kind.cosine": {"en": "cosine (Nichol & Dhariwal)", "zh": "余弦（Nichol 和 Dhariwal）"},
    "kind.quadratic": {"en": "quadratic", "zh": "二次"},
    "kind.sigmoid": {"en": "sigmoid", "zh": "S 型"},
    "kind.custom": {"en": "custom β", "zh": "自定义 β"},
    # data sets: the one catalog of their names (ui.i18n.dataset_name); never raw ids in text
    "data.moons": {"en": "two moons", "zh": "双月"},
    "data.swiss_roll": {"en": "Swiss roll", "zh": "瑞士卷"},
    "data.8gaussians": {"en": "8 Gaussians", "zh": "8 个高斯"},
    "data.checkerboard": {"en": "checkerboard", "zh": "棋盘格"},
    "data.rings": {"en": "three rings", "zh": "三个圆环"},
    "data.heart": {"en": "heart", "zh": "心形"},
    "data.digits": {"en": "digits (16×16 images)", "zh": "数字（16×16 图像）"},
    "data.uploaded": {"en": "uploaded data", "zh": "上传的数据"},
    "sidebar.alpha_bar_T": {"en": "ᾱ_T = {value}", "zh": "ᾱ_T = {value}"},
    "notice.bad_schedule": {
        "en": "This setting is degenerate: {reason} Showing the default schedule instead.",
        "zh": "该设置是退化的：{reason} 现改用默认调度。",
    },
    "notice.scale_too_big": {
        "en": "with the 1000/T rescale, β_T·1000/T = {value:.3g} is not below 1 for T = {T}.",
        "zh": "使用 1000/T 缩放时，T = {T} 的 β_T·1000/T = {value:.3g} 不小于 1。",
    },
    "notice.x_T_not_noise": {
        "en": "ᾱ_T = {value:.3g} is large: x_T keeps √ᾱ_T = {root:.2f} of x₀, so it is not "
              "N(0, I) and sampling from pure noise will not match. Increase T or β_T.",
        "zh": "ᾱ_T = {value:.3g} 偏大：x_T 仍保留 √ᾱ_T = {root:.2f} 倍的 x₀，不是 N(0, I)，"
              "从纯噪声采样将无法匹配。请增大 T 或 β_T。",
    },
    "notice.bad_url": {
        "en": "Ignored URL parameters that are not valid here: {names}. Using defaults.",
        "zh": "已忽略无效的 URL 参数：{names}。改用默认值。",
    },
    "chart.no_plotly": {
        "en": "This chart needs plotly.js from the app's server (app/static/plotly.min.js), "
              "which did not load. Reload the page; if it stays, restart the app.",
        "zh": "此图需要从应用服务器加载 plotly.js（app/static/plotly.min.js），但未能加载。"
              "请刷新页面；若仍如此，请重启应用。",
    },
    "notice.t1_linear": {
        "en": "With T = 1 the single step uses β₁ (np.linspace convention).",
        "zh": "T = 1 时唯一的一步使用 β₁（np.linspace 约定）。",
    },
}
