"""Catalog of the 'VAE vs diffusion' page (views/vae.py)."""

TEXT = {
    "vae.title": {"en": "VAE vs diffusion", "zh": "VAE 与扩散模型"},
    "vae.question": {
        "en": "What is DDPM as a VAE, and why do many small steps beat one?",
        "zh": "把 DDPM 看成 VAE 是什么样？为什么许多小步胜过一步？",
    },
    "vae.intro": {
        "en": "The lecture opens with a comparison: a **VAE** encodes x into a latent z and "
              "decodes it back in **one** step, and both the encoder and the decoder are learned. "
              "**DDPM** is a VAE too, a hierarchical one: its latents are x₁, …, x_T, each the "
              "size of the data, and its encoder, the forward process, is **fixed**: it adds "
              "noise by a formula and has no parameters. Only the decoder, the T reverse steps, "
              "is learned. Both are trained by maximising an evidence lower bound (ELBO); below "
              "both bounds are computed term by term, and the same data are generated both ways.",
        "zh": "课程一开始就做了对比：**VAE** 把 x 编码成一个隐变量 z，再用**一步**解码回来，"
              "编码器和解码器都要学习。**DDPM** 也是一个 VAE，而且是分层的：它的隐变量是 x₁, …, "
              "x_T，"
              "每一个都和数据一样大；它的编码器就是前向过程，是**固定的**：按公式加噪声，"
              "没有任何参数。"
              "只有解码器，即 T 个反向步，需要学习。两者都通过最大化证据下界（ELBO）来训练；"
              "下面逐项计算这两个下界，并用两种方式生成同样的数据。",
    },
    "vae.s1": {"en": "1. Two latent-variable models", "zh": "1. 两个隐变量模型"},
    "vae.s1_vae": {
        "en": "**VAE** (Kingma & Welling 2014): a learned encoder q_φ, a learned decoder g_θ, "
              "one latent z of d numbers.",
        "zh": "**VAE**（Kingma 与 Welling，2014）：编码器 q_φ 要学习，解码器 g_θ 要学习，"
              "一个 d 维的隐变量 z。",
    },
    "vae.s1_ddpm": {
        "en": "**DDPM** (Ho et al. 2020) as a hierarchical VAE: the encoder q(x₁, …, x_T | x₀) is "
              "the "
              "forward process, fixed; the decoder is the reverse chain.",
        "zh": "**DDPM**（Ho 等人（2020））看作分层 VAE：编码器 q(x₁, …, x_T | x₀) 就是前向过程，"
              "固定不变；"
              "解码器是反向链。",
    },
    "vae.col_vae": {"en": "VAE (shipped model, 2-D data)",
                    "zh": "VAE（随应用提供的模型，二维数据）"},
    "vae.col_ddpm": {"en": "DDPM (sidebar's schedule)", "zh": "DDPM（侧边栏的噪声调度）"},
    "vae.row_enc": {"en": "encoder", "zh": "编码器"},
    "vae.row_lat": {"en": "latent", "zh": "隐变量"},
    "vae.row_dec": {"en": "decoder", "zh": "解码器"},
    "vae.row_prior_h": {"en": "prior", "zh": "先验"},
    "vae.row_enc_vae": {"en": "learned: {n} parameters", "zh": "要学习：{n} 个参数"},
    "vae.row_enc_ddpm": {"en": "fixed: 0 parameters (the forward process)",
                         "zh": "固定：0 个参数（前向过程）"},
    "vae.row_lat_vae": {"en": "z: {d} numbers (data: {D})", "zh": "z：{d} 个数（数据：{D} 个）"},
    "vae.row_lat_ddpm": {"en": "x₁ … x_T: T × D = {T} × {D} = {TD} numbers",
                         "zh": "x₁ … x_T：T × D = {T} × {D} = {TD} 个数"},
    "vae.row_dec_vae": {"en": "learned, one step: {n} parameters",
                        "zh": "要学习，一步：{n} 个参数"},
    "vae.row_dec_ddpm": {"en": "learned, T = {T} steps of one network ε_θ(x_t, t)",
                         "zh": "要学习，T = {T} 步，共用一个网络 ε_θ(x_t, t)"},
    "vae.row_prior": {"en": "N(0, I)", "zh": "N(0, I)"},
    "vae.s1_caption": {
        "en": "The DDPM column follows the sidebar ({kind} schedule, T = {T}); the VAE column is "
              "the shipped moons VAE.",
        "zh": "DDPM 一列随侧边栏变化（{kind}，T = {T}）；VAE 一列是随应用提供的双月 VAE。",
    },
    # --- 2
    "vae.s2": {"en": "2. DDPM = an autoregressive VAE, in one picture",
               "zh": "2. DDPM = 自回归式的 VAE，一张图看懂"},
    "vae.s2_intro": {
        "en": "Su Jianlin's summary: DDPM is an *autoregressive VAE*. A VAE jumps from x to z and "
              "back in one step; DDPM splits the road into T steps. Each step is a tiny VAE whose "
              "encoder q(xₜ|xₜ₋₁) is fixed (grey, dashed: no parameters) and whose decoder "
              "p_θ(xₜ₋₁|xₜ) is learned (red), and generation walks the chain backwards, one "
              "step at a time, like an autoregressive model walks a sentence word by word. Move "
              "t to look at one step.",
        "zh": "苏剑林的概括：DDPM 是一个*自回归式的 VAE*。VAE 一步从 x 跳到 z 再跳回来；DDPM "
              "把这段路"
              "拆成 T 步。每一步都是一个小 VAE：编码器 q(xₜ|xₜ₋₁) 固定（灰色虚线：没有参数），"
              "解码器 p_θ(xₜ₋₁|xₜ) 要学习（红色）；生成时沿着链一步一步倒着走，"
              "就像自回归模型逐词生成一句话。拖动 t 查看其中一步。",
    },
    "vae.slider_t": {"en": "step t of the chain", "zh": "链上的第 t 步"},
    "vae.t1_note": {
        "en": "With T = 1 the chain has a single step: x₀ → x₁, and DDPM is a one-step VAE with a "
              "fixed encoder.",
        "zh": "T = 1 时链只有一步：x₀ → x₁，DDPM 就是一个编码器固定的一步 VAE。",
    },
    "vae.fig_vae": {"en": "VAE", "zh": "VAE"},
    "vae.fig_ddpm": {"en": "DDPM", "zh": "DDPM"},
    "vae.fig_prior": {"en": "prior N(0, I)", "zh": "先验 N(0, I)"},
    "vae.fig_latent": {"en": "latent (d numbers)", "zh": "隐变量（d 个数）"},
    "vae.fig_data": {"en": "data", "zh": "数据"},
    "vae.s2_step": {
        "en": "Step {t}: the encoder only scales {xprev} and adds Gaussian noise, with the "
              "numbers above fixed by the schedule; nothing is learned there. The decoder has to "
              "undo this one step: predict {xprev} from {xt}. The signal-to-noise ratio at {xt} "
              "is ᾱ{st}/(1 − ᾱ{st}) = {snr}.",
        "zh": "第 {t} 步：编码器只是把 {xprev} 缩放并加上高斯噪声，上面的数字由噪声调度决定，"
              "这里没有任何要学习的东西。解码器只需撤销这一步：由 {xt} 预测 {xprev}。"
              "{xt} 处的信噪比 ᾱ{st}/(1 − ᾱ{st}) = {snr}。",
    },
    "vae.s2_after": {
        "en": "Why the fixed encoder helps: a VAE must learn its encoder and decoder together, "
              "and the KL term pulls q_φ(z|x) towards the prior, so many x end up sharing a z. "
              "In DDPM the encoder's posterior q(xₜ₋₁|xₜ, x₀) is a known Gaussian, so every "
              "reverse step has an exact target; and when β_t is small, the true reverse step "
              "q(xₜ₋₁|xₜ) is close to a Gaussian itself (Sohl-Dickstein et al. 2015), so a "
              "Gaussian decoder step can match it closely.",
        "zh": "固定编码器的好处：VAE 要同时学习编码器和解码器，KL 项把 q_φ(z|x) 拉向先验，"
              "于是许多 x 会共用同一个 z。DDPM 中编码器的后验 q(xₜ₋₁|xₜ, x₀) 是已知的高斯分布，"
              "每个反向步都有精确的目标；并且当 β_t 很小时，真实的反向一步 q(xₜ₋₁|xₜ) "
              "本身接近高斯分布"
              "（Sohl-Dickstein 等人（2015）），所以高斯形式的解码一步能与它贴得很近。",
    },
    # --- 3
    "vae.s3": {"en": "3. Both ELBOs, term by term, on the same data",
               "zh": "3. 两个 ELBO，逐项计算，同一份数据"},
    "vae.s3_intro": {
        "en": "Data x ~ N(0, 1) in one dimension: here every term of both bounds is a closed "
              "form, computed live. The VAE is linear (its exact ELBO lives on the ELBO page); "
              "its q(z|x) is the exact posterior, or N(m, s²) from the sliders. DDPM's decoder "
              "step is N(√α_t x_t, σ_t²) with σ_t² = β_t or β̃_t, on the sidebar's schedule.",
        "zh": "一维数据 x ~ N(0, 1)：此时两个下界的每一项都有闭式解，实时计算。VAE 取线性模型"
              "（它的精确 ELBO 见 ELBO 一页）；它的 q(z|x) 取精确后验，或滑块给出的 N(m, s²)。"
              "DDPM 的解码一步为 N(√α_t x_t, σ_t²)，σ_t² = β_t 或 β̃_t，噪声调度取侧边栏的设置。",
    },
    "vae.slider_x0": {"en": "data point x (= x₀)", "zh": "数据点 x（= x₀）"},
    "vae.slider_w": {"en": "VAE weight w (σ_x² = 1 − w²)", "zh": "VAE 权重 w（σ_x² = 1 − w²）"},
    "vae.radio_sigma": {"en": "DDPM decoder variance σ_t²", "zh": "DDPM 解码方差 σ_t²"},
    "vae.sigma_beta": {"en": "β_t", "zh": "β_t"},
    "vae.sigma_beta_tilde": {"en": "β̃_t", "zh": "β̃_t"},
    "vae.toggle_post": {"en": "VAE: q(z|x) = the exact posterior p(z|x)",
                        "zh": "VAE：q(z|x) = 精确后验 p(z|x)"},
    "vae.slider_m": {"en": "q's mean m", "zh": "q 的均值 m"},
    "vae.slider_s": {"en": "q's standard deviation s", "zh": "q 的标准差 s"},
    "vae.bar_recon": {"en": "−recon", "zh": "−重构项"},
    "vae.bar_kl": {"en": "KL", "zh": "KL"},
    "vae.fig_vae_elbo": {"en": "VAE: −ELBO = −recon + KL", "zh": "VAE：−ELBO = −重构项 + KL"},
    "vae.fig_ddpm_elbo": {"en": "DDPM (T = {T}): L = L₀ + Σ Lₜ₋₁ + L_T",
                          "zh": "DDPM（T = {T}）：L = L₀ + Σ Lₜ₋₁ + L_T"},
    "vae.fig_evidence": {"en": "−log p(x)", "zh": "−log p(x)"},
    "vae.nats": {"en": "nats", "zh": "nat"},
    "vae.metric_log_px": {"en": "log p(x) of the data", "zh": "数据的 log p(x)"},
    "vae.metric_vae": {"en": "VAE ELBO", "zh": "VAE 的 ELBO"},
    "vae.metric_ddpm": {"en": "DDPM ELBO (−L)", "zh": "DDPM 的 ELBO（−L）"},
    "vae.fig_term_y": {"en": "Lₜ₋₁ (nats)", "zh": "Lₜ₋₁（nat）"},
    "vae.steps_caption": {
        "en": "DDPM's denoising terms Lₜ₋₁ against t = 2 … T (log scale; L₀ and L_T are in the "
              "bars above); the dotted line marks the step chosen in the picture above.",
        "zh": "DDPM 的去噪项 Lₜ₋₁ 随 t = 2 … T 的变化（对数坐标；L₀ 与 L_T 见上方柱状图）；"
              "点线标出上图中选定的那一步。",
    },
    "vae.t1_elbo": {
        "en": "With T = 1 there are no Lₜ₋₁ terms: the bound is L₀ + L₁, one encoder step and "
              "one decoder step, and σ₁² = β₁ whichever variance is chosen (β̃₁ = 0 has no "
              "density).",
        "zh": "T = 1 时没有 Lₜ₋₁ 项：下界只有 L₀ + L₁，编码一步、解码一步；无论选哪种方差，"
              "都取 σ₁² = β₁（β̃₁ = 0 没有密度）。",
    },
    "vae.check1_head": {
        "en": "**Live check 1, the VAE:** ELBO(q) + KL(q ‖ p(z|x)) must equal log p(x). The ELBO "
              "and the KL come from the engine (`LinearGaussianVAE`); log p(x) = log N(x; 0, "
              "w² + σ_x²) is written on this page.",
        "zh": "**实时检验 1，VAE：** ELBO(q) + KL(q ‖ p(z|x)) 必须等于 log p(x)。ELBO 与 KL "
              "来自引擎"
              "（`LinearGaussianVAE`）；log p(x) = log N(x; 0, w² + σ_x²) 在本页单独计算。",
    },
    "vae.col_value": {"en": "value (nats)", "zh": "数值（nat）"},
    "vae.ck_elbo": {"en": "ELBO(q) (engine)", "zh": "ELBO(q)（引擎）"},
    "vae.ck_klpost": {"en": "KL(q ‖ p(z|x)) (engine)", "zh": "KL(q ‖ p(z|x))（引擎）"},
    "vae.ck_sum": {"en": "ELBO + KL", "zh": "ELBO + KL"},
    "vae.ck_logpx": {"en": "log p(x) (this page)", "zh": "log p(x)（本页）"},
    "vae.check1_verdict": {
        "en": "|ELBO + KL − log p(x)| = {diff}, tolerance {tol}: {verdict}. The exact posterior "
              "here is p(z|x) = N({m}, {v}); at q = p(z|x) the KL is 0 and the ELBO is log p(x) "
              "itself.",
        "zh": "|ELBO + KL − log p(x)| = {diff}，容差 {tol}：{verdict}。这里的精确后验为 "
              "p(z|x) = N({m}, {v})；当 q = p(z|x) 时 KL 为 0，ELBO 就等于 log p(x)。",
    },
    "vae.agree": {"en": "✅ they agree", "zh": "✅ 二者一致"},
    "vae.disagree": {"en": "❌ they disagree: the engine is wrong",
                     "zh": "❌ 二者不一致：引擎有错"},
    "vae.check2_head": {
        "en": "**Live check 2, DDPM:** the engine's −L against log p(x₀) = log N(x₀; 0, 1), and "
              "against the model's own density log p_θ(x₀) = log N(x₀; 0, v₀), where v₀, the "
              "variance of x₀ after the whole reverse chain, is computed on this page by its own "
              "loop (v ← α_t v + σ_t², from v = 1 at t = T).",
        "zh": "**实时检验 2，DDPM：** 把引擎算出的 −L 与 log p(x₀) = log N(x₀; 0, 1) 对比，"
              "再与模型自身的密度 log p_θ(x₀) = log N(x₀; 0, v₀) 对比；v₀ 是走完整条反向链后 x₀ "
              "的方差，"
              "由本页自己的循环计算（从 t = T 时 v = 1 开始，v ← α_t v + σ_t²）。",
    },
    "vae.ck_ddpm_elbo": {"en": "−L (engine)", "zh": "−L（引擎）"},
    "vae.ck_logmodel": {"en": "log p_θ(x₀) (this page)", "zh": "log p_θ(x₀)（本页）"},
    "vae.ck_v0": {"en": "v₀ = Var x₀ under the model (this page)",
                  "zh": "v₀ = 模型下 x₀ 的方差（本页）"},
    "vae.check2_beta": {
        "en": "With σ_t² = β_t the decoder is the true reverse process of N(0, 1) data, so the "
              "encoder's posterior is the model's posterior and the bound is tight: log p(x₀) − "
              "(−L) = {gap} and v₀ = {v0} (tolerance {tol}): {verdict}.{t1}",
        "zh": "σ_t² = β_t 时解码器正是 N(0, 1) 数据的真实反向过程，编码器的后验就是模型的后验，"
              "下界是紧的：log p(x₀) − (−L) = {gap}，v₀ = {v0}（容差 {tol}）：{verdict}。{t1}",
    },
    "vae.check2_t1": {"en": " (T = 1: σ₁² = β₁ for either choice.)",
                      "zh": "（T = 1：两种选择都取 σ₁² = β₁。）"},
    "vae.check2_tilde": {
        "en": "With σ_t² = β̃_t the bound is loose. Here (the {kind} schedule, T = {T}): "
              "log p(x₀) − (−L) = {gap} nats at this x₀{sign}, and **{mean_gap} nats** on "
              "average over the data (every term is linear in x₀², and E x₀² = 1, so the "
              "average is the value at x₀ = 1). The model is no longer N(0, 1): v₀ = {v0}, and "
              "log p_θ(x₀) − (−L) = {model_gap} ≥ 0: {verdict}. The size of the gap depends on "
              "the schedule and on T; change them in the sidebar.",
        "zh": "σ_t² = β̃_t 时下界不紧。当前（{kind}，T = {T}）：此 x₀ 处 log p(x₀) − (−L) = {gap} "
              "nat"
              "{sign}，对数据取平均为 **{mean_gap} nat**（每一项都是 x₀² 的线性函数，且 E x₀² = 1，"
              "所以平均值就是 x₀ = 1 处的值）。模型不再是 N(0, 1)：v₀ = {v0}，且 log p_θ(x₀) − "
              "(−L) = "
              "{model_gap} ≥ 0：{verdict}。差距大小取决于噪声调度和 T，可在侧边栏中修改。",
    },
    "vae.gap_neg": {
        "en": " (negative: the ELBO bounds the model's log p_θ(x₀) at every x₀, the data's "
              "log p(x₀) only on average)",
        "zh": "（为负：ELBO 在每个 x₀ 处都是模型 log p_θ(x₀) 的下界，对数据的 log p(x₀) "
              "只在平均意义下成立）",
    },
    "vae.s3_after": {
        "en": "The two bounds have the same shape: a reconstruction term (VAE: E log p(x|z); "
              "DDPM: −L₀), a prior-matching KL (VAE: KL(q(z|x) ‖ p(z)); DDPM: L_T, which has no "
              "parameters to learn), and, for DDPM only, the T − 1 denoising KLs Lₜ₋₁, one per "
              "small step of the chain.",
        "zh": "两个下界结构相同：一个重构项（VAE：E log p(x|z)；DDPM：−L₀），一个与先验匹配的 KL"
              "（VAE：KL(q(z|x) ‖ p(z))；DDPM：L_T，没有要学习的参数），以及 DDPM 独有的 T − 1 "
              "个去噪 KL "
              "项 Lₜ₋₁，链上的每个小步一项。",
    },
    # --- 4
    "vae.s4": {"en": "4. The same data, generated both ways", "zh": "4. 同一份数据，两种生成方式"},
    "vae.s4_intro": {
        "en": "Left: a VAE trained on the data (shipped with the app, built by the pretrain "
              "script from a fixed seed), sampling x = g(z), z ~ N(0, I): **one** decoder step. "
              "Right: the shipped DDPM on the same data, many small steps. Both are measured "
              "against fresh data by the sliced Wasserstein distance (SWD).",
        "zh": "左：在这份数据上训练的 VAE（随应用提供，由预训练脚本用固定种子生成），采样 x = "
              "g(z)，"
              "z ~ N(0, I)：解码**一步**。右：随应用提供的、在同一份数据上训练的 DDPM，许多小步。"
              "两者都用切片 Wasserstein 距离（SWD）与新抽取的数据比较。",
    },
    "vae.select_data": {"en": "data set", "zh": "数据集"},
    "vae.toggle_noise": {"en": "VAE: add the decoder noise σ_x ε",
                         "zh": "VAE：加上解码器噪声 σ_x ε"},
    "vae.spinner": {"en": "Sampling both models (once per data set, then cached) …",
                    "zh": "正在对两个模型采样（每个数据集只算一次，之后缓存）……"},
    "vae.fig_vae_samples": {"en": "VAE, one step{noise}", "zh": "VAE，一步{noise}"},
    "vae.with_noise": {"en": " + σ_x ε", "zh": " + σ_x ε"},
    "vae.fig_ddpm_samples": {"en": "DDPM, {steps} steps", "zh": "DDPM，{steps} 步"},
    "vae.fig_samples": {"en": "samples", "zh": "样本"},
    "vae.fig_data_pts": {"en": "data", "zh": "数据"},
    "vae.swd": {
        "en": "SWD to fresh data ({n} points each): VAE {vae}, DDPM {ddpm}; two fresh draws of "
              "the data differ by {floor} (the floor). Here {which}.",
        "zh": "与新抽取数据的 SWD（各 {n} 个样本）：VAE {vae}，DDPM {ddpm}；数据两次独立抽取之间为 "
              "{floor}（下限）。此处，{which}。",
    },
    "vae.swd_ddpm_closer": {"en": "DDPM is closer to the data", "zh": "DDPM 更接近数据"},
    "vae.swd_vae_closer": {"en": "the VAE is closer to the data", "zh": "VAE 更接近数据"},
    "vae.digits_metrics": {
        "en": "Blur, measured: the share of grey pixels (|x| < {g}) among {n} images is "
              "{vae} % for the VAE, {ddpm} % for DDPM and {data} % for the data. (DDPM runs "
              "{steps} of its T = {T} steps here, ancestral sampling on the DDIM time grid with "
              "η = 1, to keep the first run short.)",
        "zh": "模糊程度的测量：{n} 张图像中灰色像素（|x| < {g}）的比例，VAE 为 {vae} %，DDPM 为 "
              "{ddpm} %，数据为 {data} %。（这里 DDPM 只走其 T = {T} 步中的 {steps} 步：在 DDIM "
              "的时间网格上"
              "做 η = 1 的祖先采样，以缩短首次运行的时间。）",
    },
    "vae.vae_elbo": {
        "en": "The VAE's ELBO on {n} fresh data points (one z each, mean ± standard error): "
              "E log p(x|z) = {recon} ± {recon_se}, KL = {kl} ± {kl_se}, ELBO = {elbo} ± "
              "{elbo_se} nats (d = {d} latent numbers for D = {D} data numbers, σ_x = {sx}; "
              "trained {steps} steps, which took {secs} s of wall time on one torch thread "
              "when the model was built).",
        "zh": "VAE 在 {n} 个新数据点上的 ELBO（每点一个 z，均值 ± 标准误）：E log p(x|z) = {recon} "
              "± "
              "{recon_se}，KL = {kl} ± {kl_se}，ELBO = {elbo} ± {elbo_se} nat（隐变量 d = {d} "
              "个数，"
              "数据 D = {D} 个数，σ_x = {sx}；训练 {steps} 步，构建模型时在单个 torch 线程上"
              "用时 {secs} 秒）。",
    },
    "vae.s4_after": {
        "en": "Why one step blurs: with a Gaussian decoder the best g(z) is the average of the "
              "data points the encoder sends near z; where several of them share a z, that "
              "average lies between them, off the data. DDPM's decoder never has to make such a "
              "jump: each of its steps only removes a little noise.",
        "zh": "为什么一步会模糊：解码器是高斯分布时，最优的 g(z) 是编码器送到 z "
              "附近的那些数据点的平均；"
              "当几个数据点共用一个 z 时，这个平均落在它们之间，偏离了数据。DDPM "
              "的解码器从不需要这样一跳："
              "它的每一步只去掉一点点噪声。",
    },
    "vae.bad_input": {"en": "This setting cannot be computed: {msg}",
                      "zh": "这个设置无法计算：{msg}"},
    "vae.bad_data": {"en": "Unknown data set {name!r}.", "zh": "未知的数据集 {name!r}。"},
    "vae.no_models": {
        "en": "The shipped VAEs are missing from {path}; rebuild them with "
              "`python -m ddpm_core.pretrain --only vae`.",
        "zh": "{path} 中缺少随应用提供的 VAE；请用 `python -m ddpm_core.pretrain --only vae` "
              "重新生成。",
    },
    "vae.job_head": {"en": "Train a VAE yourself", "zh": "自己训练一个 VAE"},
    "vae.job_intro": {
        "en": "The shipped VAEs were trained for the default number of steps shown here (with "
              "fixed seeds of their own). Train one yourself: it runs in a separate worker "
              "process, so the page stays quick, and the curve shows −ELBO as it falls.",
        "zh": "随应用提供的 VAE 训练了这里显示的默认步数（使用它们各自的固定种子）。"
              "你也可以自己训练一个："
              "它在单独的工作进程中运行，页面不会变慢，曲线显示 −ELBO 的下降过程。",
    },
    "vae.job_steps": {"en": "training steps", "zh": "训练步数"},
    "vae.job_seed": {"en": "seed", "zh": "随机种子"},
    "vae.job_start": {"en": "Start training", "zh": "开始训练"},
    "vae.job_stop": {"en": "Stop", "zh": "停止"},
    "vae.job_queued": {"en": "Waiting for a free worker (position {pos} in the queue) …",
                       "zh": "正在等待空闲的工作进程（队列中第 {pos} 位）……"},
    "vae.job_running": {"en": "step {done} of {steps}, {secs} s",
                        "zh": "第 {done} / {steps} 步，{secs} 秒"},
    "vae.job_error": {"en": "The training run did not finish: {msg}",
                      "zh": "训练没有完成：{msg}"},
    "vae.job_done": {
        "en": "Trained {done} steps in {secs} s; the last logged −ELBO is {loss} nats (a batch "
              "mean).",
        "zh": "已训练 {done} 步，用时 {secs} 秒；最后记录的 −ELBO 为 {loss} nat（一个批次的均值）"
              "。",
    },
    "vae.job_step": {"en": "training step", "zh": "训练步"},
    "vae.job_loss": {"en": "−ELBO (nats)", "zh": "−ELBO（nat）"},
    "vae.job_mine": {"en": "your VAE, one step", "zh": "你的 VAE，一步"},
    "vae.bad_url": {
        "en": "The link's value {name}={value} is not a number between {lo} and {hi}; the default "
              "is used instead.",
        "zh": "链接中的 {name}={value} 不是 {lo} 到 {hi} 之间的数，已改用默认值。",
    },
}
