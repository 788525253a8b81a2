"""Catalog of the 'From text to image' page (views/t2i.py)."""

TEXT = {
    "t2i.title": {"en": "From text to image", "zh": "从文本到图像"},
    "t2i.question": {
        "en": "What does each part of a text-to-image model do, and why does the generator "
              "work in a latent?",
        "zh": "文生图模型的每个部分各做什么？为什么生成器在隐空间里工作？",
    },
    "t2i.intro": {
        "en": "Today's text-to-image models have three parts, trained separately (seed note "
              "002, after the lecture): a **text encoder** turns the prompt into features; a "
              "**generator** denoises, conditioned on those features, and outputs an "
              "intermediate product, a compressed picture or a latent; a **decoder** turns it "
              "into the image. The generator depends on the decoder: it is trained on the "
              "latents of an autoencoder, so the decoder understands what it produces. This "
              "page runs all three end to end in miniature: a word lookup in English and "
              "Chinese, a generator whose ε is exact (a Gaussian mixture per digit in a PCA "
              "latent) steered by classifier-free guidance, and the PCA decoder.",
        "zh": "如今的文生图模型由三个分别训练的部分组成（种子笔记 002，依据课程）：**文本编码器**"
              "把提示词变成特征；**生成器**以这些特征为条件去噪，输出一个中间产物（压缩的图片或"
              "隐变量）；**解码器**把它变成图像。生成器依赖解码器：它是在一个自编码器的隐变量上"
              "训练的，所以解码器认得它的输出。本页把三部分缩小后完整地跑一遍：一个中英文单词查"
              "表，一个 ε 精确已知的生成器（PCA 隐空间里每个数字一个高斯混合），用无分类器引导"
              "控制，再加 PCA 解码器。",
    },
    "t2i.building": {"en": "Fitting the PCA and the latent mixture (once per server)…",
                     "zh": "正在拟合 PCA 与隐空间中的混合分布（每个服务器只做一次）……"},
    "t2i.schedule": {
        "en": "This page uses the toy's own fixed noise schedule, not the sidebar's: linear β "
              "from ${b1}$ to ${bT}$, T = {T} ($\\bar\\alpha_T = {abT}$). The generator's "
              "mixture and every number below were computed for it; the sidebar's settings "
              "change nothing here.",
        "zh": "本页使用这个小模型自己固定的噪声调度，而不是侧边栏的：β 从 ${b1}$ 线性增加到 "
              "${bT}$，T = {T}（$\\bar\\alpha_T = {abT}$）。生成器的混合分布和下面的每个数都是按它"
              "计算的；侧边栏的设置在这里不起作用。",
    },
    # --- 1 · the pipeline
    "t2i.run.title": {"en": "1 · The pipeline, end to end", "zh": "1 · 完整的流水线"},
    "t2i.run.body": {
        "en": "Type a digit as a word. The text encoder looks it up and returns a one-hot "
              "class embedding (a real one is CLIP's transformer). The generator starts from "
              "pure noise $z_T\\sim\\mathcal N(0,I)$ in the {d}-dim latent and runs DDIM with "
              "$\\tilde\\epsilon=\\epsilon^*_u+s(\\epsilon^*_c-\\epsilon^*_u)$, where both "
              "$\\epsilon^*$ are exact for a mixture of {K} Gaussians fitted to the digits' "
              "latents (two per digit). The decoder maps $z_0$ to the {D} pixels by "
              "$\\hat x=m+Uz_0$.",
        "zh": "用一个单词输入数字。文本编码器查表，返回一个 one-hot 的类别嵌入（真实模型里是 "
              "CLIP 的 Transformer）。生成器从 {d} 维隐空间里的纯噪声 $z_T\\sim\\mathcal N(0,I)$ "
              "出发，用 $\\tilde\\epsilon=\\epsilon^*_u+s(\\epsilon^*_c-\\epsilon^*_u)$ 运行 DDIM，"
              "其中两个 $\\epsilon^*$ 对拟合到数字隐变量上的 {K} 个高斯分量（每个数字两个）的混合"
              "是精确的。解码器用 $\\hat x=m+Uz_0$ 把 $z_0$ 映射回 {D} 个像素。",
    },
    "t2i.w.prompt_short": {"en": "prompt", "zh": "提示词"},
    "t2i.w.prompt": {"en": "prompt (one word)", "zh": "提示词（一个词）"},
    "t2i.w.prompt_help": {
        "en": "A digit 0–9 as an English word, a Chinese numeral or the digit itself; case "
              "and surrounding spaces are ignored.",
        "zh": "数字 0–9，可以是英文单词、中文数字或数字本身；忽略大小写和首尾空格。",
    },
    "t2i.w.scale": {"en": "guidance scale s", "zh": "引导系数 s"},
    "t2i.w.steps": {"en": "DDIM steps", "zh": "DDIM 步数"},
    "t2i.w.seed": {"en": "seed", "zh": "随机种子"},
    "t2i.known": {
        "en": "The toy text encoder knows exactly these words: {words}",
        "zh": "这个玩具文本编码器只认识这些词：{words}",
    },
    "t2i.bad.empty": {
        "en": "The prompt is empty, so there is nothing to encode. Type one of the words the "
              "toy text encoder knows: {words}",
        "zh": "提示词是空的，没有可编码的内容。请输入玩具文本编码器认识的词之一：{words}",
    },
    "t2i.bad.unknown": {
        "en": "The toy text encoder does not know “{word}”: it is a lookup table of single "
              "words, not a language model. Known words: {words}",
        "zh": "玩具文本编码器不认识“{word}”：它只是单个词的查找表，不是语言模型。认识的词："
              "{words}",
    },
    "t2i.bad.later": {
        "en": "The generated images and section 2 (shapes and time of each stage) appear once "
              "the prompt is a known word; sections 3 and 4 below do not depend on it.",
        "zh": "提示词是认识的词之后，才会显示生成的图像和第 2 节（各阶段的形状与耗时）；下面的"
              "第 3、4 节与提示词无关。",
    },
    "t2i.encoded": {
        "en": "Text encoder: “{word}” → class {c} (a one-hot embedding of length 10).",
        "zh": "文本编码器：“{word}” → 类别 {c}（长度为 10 的 one-hot 嵌入）。",
    },
    "t2i.s0": {
        "en": "**s = 0** drops the class term: $\\tilde\\epsilon=\\epsilon^*_u$, the digit is "
              "drawn from all ten classes, whatever the prompt says.",
        "zh": "**s = 0** 去掉了类别项：$\\tilde\\epsilon=\\epsilon^*_u$，不论提示词是什么，"
              "数字都从全部十个类别中抽取。",
    },
    "t2i.s1": {
        "en": "**s = 1** is plain conditioning: $\\tilde\\epsilon=\\epsilon^*_c$, the class's "
              "own mixture, no extra push.",
        "zh": "**s = 1** 就是普通的条件生成：$\\tilde\\epsilon=\\epsilon^*_c$，即该类别自己的"
              "混合分布，没有额外推动。",
    },
    "t2i.traj.caption": {
        "en": "The generator's trajectory ({steps} DDIM steps), decoded at a few steps. Top: "
              "the noisy latent put back in pixels, $\\sqrt{{\\bar\\alpha_t}}\\,m+Uz_t$ (the "
              "part of $x_t$ in the plane). Bottom: the decoded prediction "
              "$\\hat x_0=m+U\\hat z_0$, with "
              "$\\hat z_0=(z_t-\\sqrt{{1-\\bar\\alpha_t}}\\,\\tilde\\epsilon)/"
              "\\sqrt{{\\bar\\alpha_t}}$.",
        "zh": "生成器的轨迹（{steps} 步 DDIM），在几个步上解码。上排：放回像素空间的含噪隐变量 "
              "$\\sqrt{{\\bar\\alpha_t}}\\,m+Uz_t$（$x_t$ 在平面内的部分）。下排：解码后的预测 "
              "$\\hat x_0=m+U\\hat z_0$，其中 "
              "$\\hat z_0=(z_t-\\sqrt{{1-\\bar\\alpha_t}}\\,\\tilde\\epsilon)/"
              "\\sqrt{{\\bar\\alpha_t}}$。",
    },
    "t2i.traj.same_ok": {
        "en": "Live check: the step-by-step run above and the pipeline's fast loop "
              "(`text_to_image`, same seed) end in the same image: max |difference| = "
              "{diff}, within {tol} (both loops run in float32).",
        "zh": "实时检验：上面逐步运行的轨迹与流水线的快速循环（`text_to_image`，同一随机种子）"
              "得到同一张图：最大绝对差 = {diff}，在容差 {tol} 以内（两个循环都用 float32）。",
    },
    "t2i.traj.same_bad": {
        "en": "Live check failed: the step-by-step run and the pipeline's fast loop differ by "
              "{diff} (tolerance {tol}).",
        "zh": "实时检验未通过：逐步运行与流水线的快速循环相差 {diff}（容差 {tol}）。",
    },
    "t2i.lat.title": {"en": "The first latent coordinates along the run (of {d})",
                      "zh": "运行过程中的前几个隐变量坐标（共 {d} 个）"},
    "t2i.lat.x": {"en": "time step t (the sampler runs from T down to 0)",
                  "zh": "时间步 t（采样器从 T 运行到 0）"},
    "t2i.lat.y": {"en": "z_t[j]", "zh": "z_t[j]"},
    "t2i.result.one": {"en": "**The decoded image** (16×16)", "zh": "**解码后的图像**（16×16）"},
    "t2i.result.grid": {"en": "{n} more seeds, same prompt", "zh": "同一提示词的另外 {n} 个种子"},
    "t2i.result.rate": {
        "en": "The nearest clean template (`glyphs.nearest_template`, a measure independent "
              "of the generator) is digit {c} for **{hits} of {n}** images in the grid (mean "
              "similarity {sim}).",
        "zh": "在网格的 {n} 张图中，有 **{hits} 张**的最近干净模板（`glyphs.nearest_template`，"
              "与生成器无关的度量）是数字 {c}（平均相似度 {sim}）。",
    },
    # --- 2 · shapes and time
    "t2i.shape.title": {"en": "2 · Shapes and time, next to Stable Diffusion",
                        "zh": "2 · 张量形状与耗时，对照 Stable Diffusion"},
    "t2i.shape.body": {
        "en": "What each stage takes in and gives out, and how long it took for the prompt "
              "above (measured on this server the first time these settings ran; the result "
              "is then reused). Stable Diffusion v1's shapes are in the last column; its "
              "times are not measured here.",
        "zh": "每个阶段的输入与输出，以及上面的提示词各阶段的耗时（在本服务器上首次以这组设置"
              "运行时实测，之后复用该结果）。最后一列是 Stable Diffusion v1 的形状；"
              "它的耗时不在这里测量。",
    },
    "t2i.shape.enc": {"en": "text encoder", "zh": "文本编码器"},
    "t2i.shape.gen": {"en": "generator", "zh": "生成器"},
    "t2i.shape.dec": {"en": "decoder", "zh": "解码器"},
    "t2i.shape.col_toy": {"en": "this toy: output", "zh": "本例：输出"},
    "t2i.shape.col_ms": {"en": "this toy: ms", "zh": "本例：毫秒"},
    "t2i.shape.col_sd": {"en": "Stable Diffusion v1", "zh": "Stable Diffusion v1"},
    "t2i.shape.toy_enc": {"en": "word → one-hot {shape}", "zh": "单词 → one-hot {shape}"},
    "t2i.shape.toy_gen": {"en": "latent z₀ {shape} ({steps} DDIM steps)",
                          "zh": "隐变量 z₀ {shape}（{steps} 步 DDIM）"},
    "t2i.shape.toy_dec": {"en": "image {shape}", "zh": "图像 {shape}"},
    "t2i.shape.sd_enc": {"en": "CLIP ViT-L/14 text encoder → {shape} (tokens × features)",
                         "zh": "CLIP ViT-L/14 文本编码器 → {shape}（词元 × 特征）"},
    "t2i.shape.sd_gen": {"en": "UNet, cross-attention to the text → latent {shape}",
                         "zh": "UNet，通过交叉注意力读取文本 → 隐变量 {shape}"},
    "t2i.shape.sd_dec": {"en": "autoencoder's decoder: {lat} → image {img}",
                         "zh": "自编码器的解码器：{lat} → 图像 {img}"},
    "t2i.shape.total": {
        "en": "Prompt → image took **{ms} ms** in total ({steps} generator steps, {per} ms "
              "per step).",
        "zh": "从提示词到图像共用 **{ms} 毫秒**（生成器 {steps} 步，每步 {per} 毫秒）。",
    },
    "t2i.shape.source": {
        "en": "Stable Diffusion v1's shapes as its authors state them (Rombach et al. 2022, "
              "“High-Resolution Image Synthesis with Latent Diffusion Models”; the "
              "CompVis/stable-diffusion README and the v1-4 model card): an autoencoder with "
              "downsampling factor 8 maps H×W×3 images to H/8×W/8×4 latents (512×512×3 → "
              "64×64×4); the prompt is encoded by CLIP ViT-L/14's text encoder, whose "
              "non-pooled output, 77 tokens × 768 features, enters the UNet through "
              "cross-attention; the UNet has {unet} parameters, the text encoder {te}.",
        "zh": "Stable Diffusion v1 的形状取自其作者的说明（Rombach 等人（2022），"
              "《High-Resolution Image Synthesis with Latent Diffusion Models》；CompVis/"
              "stable-diffusion 的 README 与 v1-4 模型卡）：下采样因子为 8 的自编码器把 H×W×3 "
              "的图像映射为 H/8×W/8×4 的隐变量（512×512×3 → 64×64×4）；提示词由 CLIP ViT-L/14 "
              "的文本编码器编码，其未池化的输出（77 个词元 × 768 个特征）经交叉注意力进入 "
              "UNet；UNet 有 {unet} 个参数，文本编码器有 {te} 个。",
    },
    "t2i.why.body": {
        "en": "**Why the generator works in a latent.** The generator runs once per step, "
              "tens of times per image; the encoder and decoder run once. Shrinking what the "
              "generator denoises makes every step cheaper, and the decoder adds the detail "
              "back once. The compression factors:",
        "zh": "**为什么生成器在隐空间里工作**。生成器每一步运行一次，每张图要运行几十次；编码器"
              "和解码器只运行一次。缩小生成器要去噪的对象，每一步都更便宜，细节由解码器一次性"
              "补回。压缩倍数：",
    },
    "t2i.toy": {"en": "toy", "zh": "本例"},
    "t2i.why.cost": {
        "en": "Cost per step, measured here: one guided ε evaluation of the {K}-Gaussian "
              "mixture takes **{lat} ms** in the {d}-dim latent and **{pix} ms** for the same "
              "mixture drawn in the {D} pixels (covariances $U\\Sigma_kU^\\top+10^{{-3}}I$), "
              "{ratio}× more (fastest of 15 calls, batch of one, timed once per server). "
              "Counted: rotating into each component's eigenbasis and back costs "
              "$2Kd^2$ = {ml} against $2KD^2$ = {mp} multiply-adds, {mr}× more, $(D/d)^2$.",
        "zh": "每步的成本（在此实测）：{K} 个分量的混合做一次引导 ε 计算，在 {d} 维隐空间里用 "
              "**{lat} 毫秒**，把同一个混合画到 {D} 个像素里（协方差 "
              "$U\\Sigma_kU^\\top+10^{{-3}}I$）则用 **{pix} 毫秒**，是前者的 {ratio} 倍（15 次调用"
              "中最快的一次，批大小为 1，每个服务器只测一次）。"
              "按运算量数：旋转到每个分量的特征基再转回，需要 "
              "$2Kd^2$ = {ml} 次乘加，对比 $2KD^2$ = {mp} 次，为 {mr} 倍，即 $(D/d)^2$。",
    },
    "t2i.why.sd": {
        "en": "For Stable Diffusion the UNet's cost per layer grows with the number of "
              "spatial positions at a given width: the latent has {pl} positions, a 512×512 "
              "image {pi}, so a UNet of the same widths run on pixels would touch {pos}× as "
              "many positions per step ($f^2$ with $f$ = {f}).",
        "zh": "对 Stable Diffusion 来说，在通道宽度不变时，UNet 每一层的成本随空间位置数增长："
              "隐变量有 {pl} 个位置，512×512 的图像有 {pi} 个，所以同样宽度的 UNet 若直接在像素"
              "上运行，每步要处理的位置数是原来的 {pos} 倍（$f^2$，$f$ = {f}）。",
    },
    # --- 3 · PCA
    "t2i.pca.title": {"en": "3 · The decoder: PCA as an exact linear autoencoder",
                      "zh": "3 · 解码器：PCA 作为精确的线性自编码器"},
    "t2i.pca.body": {
        "en": "The autoencoder here is PCA of the {N} training digits ({D} pixels each): $m$ "
              "is their mean, $U$ the top $d$ eigenvectors of their covariance (orthonormal "
              "columns), $\\lambda_j$ its eigenvalues in decreasing order. Encoding is a "
              "projection onto $d$ coordinates, decoding puts them back; the round trip is "
              "the orthogonal projection onto the plane $m+\\operatorname{{span}}U$, and what "
              "it loses on average is exactly the variance of the dropped directions.",
        "zh": "这里的自编码器是对 {N} 个训练数字（每个 {D} 个像素）做的 PCA：$m$ 是它们的均值，"
              "$U$ 是其协方差的前 $d$ 个特征向量（列正交归一），$\\lambda_j$ 是按降序排列的特征值。"
              "编码就是投影到 $d$ 个坐标上，解码再放回去；一来一回就是到平面 "
              "$m+\\operatorname{{span}}U$ 的正交投影，平均损失的恰好是被丢掉方向上的方差。",
    },
    "t2i.w.d": {"en": "latent dimension d", "zh": "隐空间维数 d"},
    "t2i.pca.spec_title": {"en": "Eigenvalues λ_j of Cov(x)", "zh": "Cov(x) 的特征值 λ_j"},
    "t2i.pca.zero": {
        "en": "{n} of the {D} eigenvalues are 0 up to rounding (below 10⁻¹⁰ λ₁): directions in "
              "which the digits do not vary at all, such as border pixels that are always "
              "background.",
        "zh": "{D} 个特征值中有 {n} 个在舍入误差内为 0（小于 10⁻¹⁰ λ₁）：数字在这些方向上完全不变，"
              "例如始终是背景的边缘像素。",
    },
    "t2i.pca.first": {"en": "The chart shows the first {k}.", "zh": "图中只画出前 {k} 个。"},
    "t2i.pca.kept": {"en": "kept (j ≤ {d})", "zh": "保留（j ≤ {d}）"},
    "t2i.pca.dropped": {"en": "dropped (their sum is the error)",
                        "zh": "丢弃（其和即误差）"},
    "t2i.pca.lambda": {"en": "λ_j", "zh": "λ_j"},
    "t2i.pca.rec_title": {"en": "top: digits · bottom: decode(encode(x)), d = {d}",
                          "zh": "上排：数字 · 下排：decode(encode(x))，d = {d}"},
    "t2i.pca.kept_share": {
        "en": "With d = {d} the latent keeps {share} % of the variance and is {ratio}× "
              "smaller than the image.",
        "zh": "d = {d} 时隐变量保留了 {share} % 的方差，维数变为图像的 1/{ratio}。",
    },
    "t2i.pca.check": {
        "en": "**Live check.** Mean over the {N} digits of $\\|x-\\hat x\\|^2$ with the "
              "engine's `reconstruct`: ${resid}$. $\\sum_{{j>d}}\\lambda_j$ from an independent "
              "`numpy.linalg.eigh` of the covariance: ${tail}$. Tolerance: ${tol}$ of "
              "$\\sum_j\\lambda_j$.",
        "zh": "**实时检验**。用引擎的 `reconstruct` 在 {N} 个数字上求 $\\|x-\\hat x\\|^2$ 的平均："
              "${resid}$。用独立的 `numpy.linalg.eigh` 分解协方差得到的 $\\sum_{{j>d}}\\lambda_j$："
              "${tail}$。容差：$\\sum_j\\lambda_j$ 的 ${tol}$。",
    },
    "t2i.pca.ok": {"en": "They agree: relative difference {gap}.",
                   "zh": "两者一致：相对差 {gap}。"},
    "t2i.pca.bad": {"en": "They disagree: relative difference {gap}.",
                    "zh": "两者不一致：相对差 {gap}。"},
    "t2i.pca.col_max": {"en": "identity: max |difference|", "zh": "恒等式：最大绝对差"},
    "t2i.pca.full": {
        "en": "d = {D} keeps every direction: the round trip is the identity and the error "
              "is 0 up to rounding.",
        "zh": "d = {D} 保留了所有方向：一来一回就是恒等映射，误差在舍入范围内为 0。",
    },
    # --- 4 · guiding in z = guiding in x
    "t2i.p2.title": {"en": "4 · Guiding in z, then decoding = guiding in x",
                     "zh": "4 · 在 z 中引导再解码 = 在 x 中引导"},
    "t2i.p2.body": {
        "en": "Take data on the plane, $x_0=m+Uz_0$. Noising gives "
              "$U^\\top(x_t-\\sqrt{{\\bar\\alpha_t}}m)=\\sqrt{{\\bar\\alpha_t}}z_0+"
              "\\sqrt{{1-\\bar\\alpha_t}}U^\\top\\epsilon$: diffusion in $z$, with the offset "
              "$\\sqrt{{\\bar\\alpha_t}}\\,m$ (not $m$) at time t. Off the plane there is only "
              "noise, so the pixel-space $\\epsilon^*$ is the latent one lifted by $U$ plus "
              "the off-plane residual, and a classifier of the class sees only $z$: its "
              "gradient lies in $\\operatorname{{span}}U$ ({d} of the 256 directions).",
        "zh": "取平面上的数据 $x_0=m+Uz_0$。加噪后 "
              "$U^\\top(x_t-\\sqrt{{\\bar\\alpha_t}}m)=\\sqrt{{\\bar\\alpha_t}}z_0+"
              "\\sqrt{{1-\\bar\\alpha_t}}U^\\top\\epsilon$：这就是 $z$ 中的扩散，时间步 t 的偏移是 "
              "$\\sqrt{{\\bar\\alpha_t}}\\,m$（不是 $m$）。平面外只有噪声，所以像素空间的 "
              "$\\epsilon^*$ 等于用 $U$ 抬升的隐空间 $\\epsilon^*$ 加上平面外的残差；类别的分类器"
              "只看得到 $z$，它的梯度落在 $\\operatorname{{span}}U$ 中（256 个方向中的 {d} 个）。",
    },
    "t2i.w.class": {"en": "class c", "zh": "类别 c"},
    "t2i.w.scale2": {"en": "guidance scale s (this section)", "zh": "引导系数 s（本节）"},
    "t2i.w.t": {"en": "time step t", "zh": "时间步 t"},
    "t2i.p2.check": {
        "en": "**Live check** on {n} noisy digits $x_t$ at t = {t} (class {c}, s = {s}). The "
              "engine guides in $z$ and lifts: `eps_x_from_latent` and `grad_x_from_latent`. "
              "The reference is computed here in pixel space from the definition: the "
              "mixture drawn on the plane, $\\mathcal N(m+U\\mu_k,\\,U\\Sigma_kU^\\top)$, "
              "noised to $\\mathcal N(\\sqrt{{\\bar\\alpha_t}}(m+U\\mu_k),\\,\\bar\\alpha_t "
              "U\\Sigma_kU^\\top+(1-\\bar\\alpha_t)I)$, its CFG ε from dense 256×256 solves "
              "and $\\nabla_x\\log p_t(c\\mid x)$ by automatic differentiation. Tolerance: "
              "${tol}$ relative.",
        "zh": "**实时检验**：在 t = {t} 的 {n} 个含噪数字 $x_t$ 上（类别 {c}，s = {s}）。引擎在 "
              "$z$ 中引导再抬升：`eps_x_from_latent` 与 `grad_x_from_latent`。参照值在此按定义在"
              "像素空间中计算：画在平面上的混合 $\\mathcal N(m+U\\mu_k,\\,U\\Sigma_kU^\\top)$，"
              "加噪为 $\\mathcal N(\\sqrt{{\\bar\\alpha_t}}(m+U\\mu_k),\\,\\bar\\alpha_t "
              "U\\Sigma_kU^\\top+(1-\\bar\\alpha_t)I)$，其 CFG ε 用稠密的 256×256 线性方程组求解，"
              "$\\nabla_x\\log p_t(c\\mid x)$ 用自动微分求得。容差：相对 ${tol}$。",
    },
    "t2i.p2.col_rel": {"en": "max |difference| / max |reference|",
                       "zh": "最大绝对差 / 参照值的最大绝对值"},
    "t2i.p2.col_max": {"en": "max |reference|", "zh": "参照值的最大绝对值"},
    "t2i.p2.row_eps": {"en": "guided ε: lifted from z vs pixel space",
                       "zh": "引导后的 ε：由 z 抬升 vs 像素空间"},
    "t2i.p2.row_grad": {"en": "∇ log p_t(c|x): U∇_z vs autograd in x",
                        "zh": "∇ log p_t(c|x)：U∇_z vs 在 x 中自动微分"},
    "t2i.p2.ok": {"en": "Guiding in z then lifting equals guiding in x: worst relative "
                        "difference {worst}.",
                  "zh": "在 z 中引导再抬升等于在 x 中引导：最大相对差 {worst}。"},
    "t2i.p2.bad": {"en": "Guiding in z and guiding in x disagree: worst relative difference "
                         "{worst}.",
                   "zh": "在 z 中引导与在 x 中引导不一致：最大相对差 {worst}。"},
    "t2i.loss.body": {
        "en": "⚠ The identity needs the class information to lie in $\\operatorname{span}U$. "
              "Real digits do not lie on the plane. To measure what a latent classifier "
              "misses, fit one Gaussian per digit to the digits in pixel space (mean, "
              "covariance + $10^{-3}I$), so that class information may lie anywhere; compute "
              "its exact $\\nabla_x\\log p_t(c\\mid x)$ on noisy digits (each with its own "
              "label, n = 200 per t) and the share of each gradient's squared norm that lies "
              "off the plane, which guiding in z cannot produce, averaged over the points "
              "($\\rho_t$):",
        "zh": "⚠ 这个恒等式要求类别信息落在 $\\operatorname{span}U$ 中。真实的数字并不在平面上。"
              "为了测量隐空间分类器漏掉了多少，在像素空间中给每个数字拟合一个高斯（均值、协方差 "
              "+ $10^{-3}I$），让类别信息可以出现在任何方向；在含噪数字上（各用自己的标签，每个 t "
              "取 n = 200 个）计算其精确的 $\\nabla_x\\log p_t(c\\mid x)$，"
              "以及每个梯度的平方范数中落在平面外的比例（在 z 中引导无法产生这部分），"
              "再对这些点取平均（$\\rho_t$）：",
    },
    "t2i.loss.title": {"en": "Share of the pixel classifier's gradient off the plane (d = {d})",
                       "zh": "像素分类器梯度落在平面外的比例（d = {d}）"},
    "t2i.loss.y": {"en": "ρ_t, share lost (%)", "zh": "ρ_t，损失比例（%）"},
    "t2i.loss.read": {
        "en": "At t = {t} the latent classifier misses on average **{share} %** of the "
              "gradient's squared norm; on the chart the share goes from {share1} % at t = {t1} to "
              "{shareT} % at t = {tT}. With little noise the pixel classifier can use fine "
              "detail in the directions the PCA dropped; with much noise it sees mostly "
              "the class means, and those lie {lo}–{hi} off the plane ({slo}–{shi} % of "
              "$\\|\\mu_c-m\\|^2$ for d = {d}).",
        "zh": "在 t = {t}，隐空间分类器平均漏掉了梯度平方范数的 **{share} %**；图中这一比例从 "
              "t = {t1} 的 {share1} % 变到 t = {tT} 的 {shareT} %。噪声小时，像素分类器可以利用 "
              "PCA 丢掉的方向上的细节；噪声大时，它主要看到类别均值，而类别均值离平面 {lo}–{hi}"
              "（d = {d} 时占 $\\|\\mu_c-m\\|^2$ 的 {slo}–{shi} %）。",
    },
}
