"""Catalog of the 'Diffusion is autoregression' page (views/autoreg.py)."""

TEXT = {
    "ar.title": {"en": "Diffusion is autoregression", "zh": "扩散即自回归"},
    "ar.question": {
        "en": "In what order does diffusion decide an image, and when is it exactly "
              "autoregression?",
        "zh": "扩散模型按什么顺序决定一幅图像？什么时候它恰好就是自回归？",
    },
    "ar.intro": {
        "en": "An autoregressive model builds a sample piece by piece, each piece conditioned on "
              "the pieces before it. Diffusion does the same along two axes: along the noise "
              "level t (each reverse step conditions on the one before) and, for masked tokens, "
              "along positions. This page computes both: which frequencies of a digit are "
              "decided at which step, and when masking is exactly the chain rule of probability.",
        "zh": "自回归模型逐块生成样本，每一块都以之前的块为条件。扩散模型沿两条轴做同样的事："
              "沿噪声水平 t（每个反向步以上一步为条件），以及对掩码词元而言沿位置。本页把两者都算"
              "出来："
              "数字图像的哪些频率在哪一步被决定，以及掩码何时恰好就是概率的链式法则。",
    },
    "ar.none": {"en": "none", "zh": "无"},
    "ar.spinner": {"en": "Computing the spectrum…", "zh": "正在计算功率谱…"},
    "ar.spinner_chain": {"en": "Running the model's reverse chain (once per seed)…",
                         "zh": "正在运行模型的反向链（每个种子只算一次）…"},
    "ar.sched_desc": {"en": "{kind}, T = {T}", "zh": "{kind}，T = {T}"},
    # 1 · the noise axis
    "ar.s1.title": {"en": "1 · Along the noise axis", "zh": "1 · 沿噪声轴"},
    "ar.s1.body": {
        "en": "The reverse process is a product of one-step conditionals, just as an "
              "autoregressive language model is a product of next-token conditionals. Each "
              "factor $p_\\theta(x_{t-1}\\mid x_t)$ predicts the next, less noisy image from the "
              "current one; it is a Markov chain, so each step sees only the latest $x_t$ (an "
              "autoregression of order one, along $t$ instead of along positions). Su Jianlin "
              "calls DDPM an autoregressive VAE; the lecture (P39) says diffusion is a kind of "
              "autoregression.",
        "zh": "反向过程是一串单步条件分布的乘积，正如自回归语言模型是一串“下一个词元”条件分布的乘"
              "积。"
              "每个因子 $p_\\theta(x_{t-1}\\mid x_t)$ 由当前图像预测下一幅噪声更少的图像；它是马尔"
              "可夫链，"
              "每一步只看最新的 $x_t$（沿 $t$ 而不是沿位置的一阶自回归）。苏剑林称 DDPM 为自回归式"
              " VAE；"
              "课程（P39）说扩散模型是一种自回归。",
    },
    "ar.s1.elbo": {
        "en": "Its ELBO splits the same way, one term per factor (FORMULAS §e; Ho et al. 2020, "
              "Eq. (5)), as an autoregressive model's log-likelihood is a sum of per-token "
              "terms:",
        "zh": "它的证据下界也按同样方式拆开，每个因子一项（公式表 §e；Ho 等人（2020）式 (5)），"
              "正如自回归模型的对数似然是逐词元各项之和：",
    },
    "ar.s1.src": {
        "en": "Sources: Ho et al. 2020, Eq. (3) and (5); seed notes of the lecture (P39) and Su "
              "Jianlin's blog series.",
        "zh": "来源：Ho 等人（2020）式 (3) 与式 (5)；课程笔记（P39）与苏剑林的博客系列。",
    },
    "ar.s1.factors": {
        "en": "With the sidebar's T = {T}, the product has {k} factors: a sample is generated in "
              "{k} reverse steps, each conditioned on the previous one.",
        "zh": "在侧边栏的 T = {T} 下，乘积共有 {k} 个因子：一个样本经 {k} 个反向步生成，每一步以上"
              "一步为条件。",
    },
    "ar.s1.t1": {
        "en": "With T = 1 the product has a single factor $p_\\theta(x_0\\mid x_1)$: noise to data "
              "in one step, a one-step decoder as in a VAE, with nothing to autoregress over. "
              "Raise T in the sidebar to get a chain.",
        "zh": "T = 1 时乘积只有一个因子 $p_\\theta(x_0\\mid x_1)$：一步从噪声到数据，像 VAE 的一步"
              "解码器，"
              "没有可以自回归的东西。在侧边栏调大 T 才有一条链。",
    },
    # 2 · frequencies
    "ar.s2.title": {"en": "2 · Which frequencies are decided when",
                    "zh": "2 · 哪些频率在何时被决定"},
    "ar.s2.body": {
        "en": "Take the 2-D discrete Fourier transform of an image with orthonormal scaling. It "
              "is unitary (a rotation of pixel space), so the noise $\\epsilon\\sim\\mathcal N(0,I"
              ")$ "
              "stays white, with power 1 at every frequency $k$, while the signal keeps its own "
              "spectrum. Group the frequencies into radial bands $b$ by $|k|$ (cycles per image) "
              "and let $S(b)$ be the digits' mean power $\\mathbb E|X_0(k)|^2$ in band $b$. Each "
              "band then has its own signal-to-noise ratio (FORMULAS §c, per band):",
        "zh": "对图像做正交归一化的二维离散傅里叶变换。它是酉变换（像素空间的一次旋转），所以噪声 "
              "$\\epsilon\\sim\\mathcal N(0,I)$ 仍是白噪声，在每个频率 $k$ 上功率为 1，而信号保留"
              "自己的频谱。"
              "按 $|k|$（每幅图像的周期数）把频率分成径向频带 $b$，令 $S(b)$ 为数字图像在频带 $b$ "
              "中的平均功率 "
              "$\\mathbb E|X_0(k)|^2$。于是每个频带有自己的信噪比（公式表 §c，按频带）：",
    },
    "ar.s2.spectrum": {
        "en": "S(b) of {n} jittered digit glyphs (drawn like the pretrained model's "
              "training data): from {s0} in the mean (|k| = 0) to {s1} in the finest band. "
              "Band b has SNR ≥ 1 exactly while SNR_t ≥ 1/S(b).",
        "zh": "{n} 个带抖动的数字字形（与预训练模型的训练数据同样抽取）的 S(b)："
              "从均值（|k| = 0）的 {s0} "
              "到最细频带的 {s1}。频带 b 的信噪比 ≥ 1 当且仅当 SNR_t ≥ 1/S(b)。",
    },
    "ar.s2.why": {
        "en": "All bands share one factor $\\mathrm{SNR}_t$, which falls as $t$ grows; only "
              "$S(b)$ differs. Band $b$ crosses SNR = 1 at the step "
              "$t^*(b)=\\max\\{t: \\mathrm{SNR}_t\\,S(b)\\ge 1\\}$, so a band with more power "
              "crosses at a $t$ at least as large: no later in the reverse chain, which counts "
              "down from $T$. "
              "Where $S(b)$ falls with frequency, coarse bands are decided first and fine bands "
              "last, for every schedule: a schedule only moves the steps (and may tie bands that "
              "cross within one step). The ◆ in the map mark $t^*(b)$ for the sidebar schedule.",
        "zh": "所有频带共用一个因子 $\\mathrm{SNR}_t$，它随 $t$ 增大而下降；不同的只是 $S(b)$。"
              "频带 $b$ 在 $t^*(b)=\\max\\{t: \\mathrm{SNR}_t\\,S(b)\\ge 1\\}$ 处穿过 SNR = 1，"
              "所以功率更大的频带穿过时的 $t$ 不会更小，也就是在从 $T$ 倒数的反向链中不会更晚。只"
              "要 $S(b)$ 随频率下降，"
              "对每一种调度都是粗的频带先被决定、细的最后：调度只移动这些时间步（并可能让在同一步"
              "内穿过的频带并列）。"
              "图中的 ◆ 标出侧边栏调度下的 $t^*(b)$。",
    },
    "ar.s2.check": {
        "en": "Live check ({sched}): t*(b) from the coarsest to the finest band is {order}.",
        "zh": "实时检验（{sched}）：t*(b) 从最粗到最细的频带依次为 {order}。",
    },
    "ar.s2.check_ok": {
        "en": "No finer band crosses before a coarser one (ties allowed): coarse first, fine "
              "last, as S(b) strictly falls with frequency.",
        "zh": "没有哪个更细的频带比更粗的先穿过（允许并列）：粗的先、细的后，因为 S(b) 随频率严格"
              "下降。",
    },
    "ar.s2.check_tie": {
        "en": "It never increases with frequency, but here it does not order the bands either: "
              "they tie (with T = 1, or a schedule that passes every threshold 1/S(b) in the "
              "same step).",
        "zh": "它随频率从不增加，但这里它也没有给频带排出顺序：它们并列（T = 1，或调度在同一步越过"
              "所有阈值 "
              "1/S(b)）。",
    },
    "ar.s2.check_bad": {
        "en": "It increases somewhere, which contradicts one shared, falling factor SNR_t: the "
              "engine is wrong.",
        "zh": "它在某处增加了，这与所有频带共用一个下降的因子 SNR_t 矛盾：引擎有错。",
    },
    "ar.s2.check_spec": {
        "en": "S(b) does not fall with frequency here, so the order need not be coarse to fine.",
        "zh": "这里的 S(b) 并不随频率下降，所以顺序不一定由粗到细。",
    },
    "ar.s2.t1": {
        "en": "With T = 1 the chain is one step, from x₁ to x₀: every band is decided in that "
              "one step, so there is no order to see. SNR₁ = {snr}; bands above SNR = 1 already "
              "at x₁: {above}.",
        "zh": "T = 1 时链只有一步，从 x₁ 到 x₀：每个频带都在这一步被决定，看不出顺序。SNR₁ = {snr}"
              "；"
              "在 x₁ 时信噪比已高于 1 的频带：{above}。",
    },
    "ar.s2.at_T": {
        "en": "{k} band(s) ({bands}) have SNR ≥ 1 already at t = T = {T}: x_T is not pure noise "
              "for them, so the chain starts with them decided.",
        "zh": "有 {k} 个频带（{bands}）在 t = T = {T} 时信噪比已 ≥ 1：对它们而言 x_T 不是纯噪声，"
              "反向链一开始它们就已被决定。",
    },
    "ar.s2.never": {
        "en": "{k} band(s) ({bands}) stay below SNR = 1 at every t ≥ 1 (t* = 0): only the last "
              "step, from x₁ to x₀, decides them.",
        "zh": "有 {k} 个频带（{bands}）在所有 t ≥ 1 时信噪比都低于 1（t* = 0）：只有最后一步"
              "（从 x₁ 到 x₀）决定它们。",
    },
    "ar.col.band": {"en": "band |k|", "zh": "频带 |k|"},
    "ar.col.S": {"en": "S(b)", "zh": "S(b)"},
    "ar.col.thresh": {"en": "1/S(b): SNR_t needed", "zh": "1/S(b)：所需 SNR_t"},
    "ar.col.cross": {"en": "t*(b), sidebar schedule", "zh": "t*(b)，侧边栏调度"},
    "ar.col.decided": {"en": "decided at t (measured)", "zh": "被决定的 t（实测）"},
    "ar.col.cross_model": {"en": "t*(b), model's schedule", "zh": "t*(b)，模型的调度"},
    "ar.fig.heat_title": {"en": "log₁₀ SNR_t(b), {sched}", "zh": "log₁₀ SNR_t(b)，{sched}"},
    "ar.fig.t": {"en": "time step t", "zh": "时间步 t"},
    "ar.fig.band": {"en": "band |k| (cycles per image)", "zh": "频带 |k|（每幅图像的周期数）"},
    "ar.fig.snr": {"en": "SNR", "zh": "信噪比"},
    "ar.fig.cross": {"en": "t*(b): SNR crosses 1", "zh": "t*(b)：信噪比穿过 1"},
    # the chain
    "ar.s2.chain_title": {"en": "A real reverse chain, band by band",
                          "zh": "一条真实的反向链，逐频带来看"},
    "ar.load_error": {"en": "The pretrained digits model could not be loaded: {err}",
                      "zh": "无法加载预训练的数字模型：{err}"},
    "ar.seed": {"en": "Seed of the chain", "zh": "反向链的随机种子"},
    "ar.s2.chain_body": {
        "en": "The pretrained digits model runs on the schedule it was trained with ({sched}), "
              "whatever the sidebar says ({side}): DDIM with {S} steps from x_T ~ N(0, I), {n} "
              "samples (the first 8 shown), computed once per seed and shared ({sec} s). At "
              "each step the model's prediction x̂₀(x_t, t) is compared with the chain's own "
              "final x₀, band by band: e_t(b) is the share of band b that x̂₀ still gets wrong. "
              "A band counts as decided from the step on which its error stays below {thr} (a "
              "convention: another threshold moves the steps; the check is about their order).",
        "zh": "预训练的数字模型使用它训练时的调度（{sched}），与侧边栏（{side}）无关：从 x_T ~ N(0"
              ", I) "
              "出发的 {S} 步 DDIM，{n} 个样本（显示前 8 个），每个种子只算一次并共享（{sec} 秒）。"
              "每一步把模型的预测 x̂₀(x_t, t) 与这条链自己最终的 x₀ 逐频带比较：e_t(b) 是频带 b 中 "
              "x̂₀ 仍然错的比例。一个频带从其误差一直保持在 {thr} 以下的那一步起算作被决定"
              "（这是约定：换一个阈值会移动这些时间步；检验关心的是它们的顺序）。",
    },
    "ar.t_slider": {"en": "Step t of the chain", "zh": "反向链的时间步 t"},
    "ar.t_help": {"en": "The DDIM steps the chain visits (the model's own t = 1..1000).",
                  "zh": "反向链经过的 DDIM 时间步（模型自己的 t = 1..1000）。"},
    "ar.fig.xt": {"en": "x_t at t = {t}", "zh": "t = {t} 时的 x_t"},
    "ar.fig.x0hat": {"en": "x̂₀(x_t, t) at t = {t}", "zh": "t = {t} 时的 x̂₀(x_t, t)"},
    "ar.fig.final": {"en": "the chain's final x₀", "zh": "反向链最终的 x₀"},
    "ar.fig.err_title": {"en": "Error of x̂₀ per band, e_t(b) (● decided)",
                         "zh": "x̂₀ 各频带的误差 e_t(b)（● 被决定）"},
    "ar.fig.t_chain": {"en": "time step t (the chain runs right to left)",
                       "zh": "时间步 t（反向链从右往左走）"},
    "ar.fig.err": {"en": "e_t(b)", "zh": "e_t(b)"},
    "ar.fig.band_word": {"en": "|k|", "zh": "|k|"},
    "ar.s2.at_t": {
        "en": "At t = {t} on the model's schedule (SNR_t = {snr}): bands with SNR_t(b) ≥ 1: "
              "{above}; bands whose error is below the threshold now: {below}.",
        "zh": "模型调度下 t = {t} 时（SNR_t = {snr}）：SNR_t(b) ≥ 1 的频带：{above}；"
              "此刻误差低于阈值的频带：{below}。",
    },
    "ar.s2.measured": {
        "en": "Live check (measured on the chain, seed {seed}): the step at which each band is "
              "decided, from the coarsest to the finest band, is {order}.",
        "zh": "实时检验（在反向链上实测，种子 {seed}）：各频带被决定的时间步，从最粗到最细依次为 {"
              "order}。",
    },
    "ar.s2.measured_ok": {
        "en": "It never increases with frequency: the trained model's chain decides coarse "
              "first, fine last.",
        "zh": "它随频率从不增加：训练好的模型的反向链也是先决定粗的、最后决定细的。",
    },
    "ar.s2.measured_bad": {
        "en": "It increases somewhere: this chain did not decide the bands strictly coarse to "
              "fine (the SNR argument is about power averaged over the data; one chain of a few "
              "samples can differ).",
        "zh": "它在某处增加了：这条链并没有严格按由粗到细的顺序决定各频带（信噪比的论证针对的是对"
              "数据平均的功率；"
              "少数样本的一条链可以不同）。",
    },
    "ar.s2.vs_snr": {
        "en": "In {k} of {n} bands the chain decides the band at a larger t than the one where "
              "its SNR reaches 1; the steps depend on the threshold, the order does not.",
        "zh": "在 {n} 个频带中有 {k} 个，反向链决定它的 t 大于其信噪比达到 1 的 t；"
              "这些时间步取决于阈值，顺序则不然。",
    },
    "ar.bands_note": {
        "en": "Band edges in |k|: {edges} cycles per image; |k| = 0 is the image's mean.",
        "zh": "频带在 |k| 上的边界：{edges}（每幅图像的周期数）；|k| = 0 是图像的均值。",
    },
    # 3 · tokens
    "ar.s3.title": {"en": "3 · Masking one token at a time is autoregression",
                    "zh": "3 · 每次揭开一个掩码就是自回归"},
    "ar.s3.body": {
        "en": "Now the position axis. Masking (absorbing-state) diffusion on L tokens: the "
              "forward process replaces tokens by [MASK], the reverse process unmasks them. If "
              "it unmasks exactly one token per step in a fixed order o (T = L steps), each "
              "reverse step is $p(x^{o_k}\\mid x^{o_{<k}})$, the chain rule, and with the exact "
              "denoiser the bound is tight for either order. If instead each token is unmasked "
              "at its own random step (survival $\\bar\\alpha_t = 1-t/T$), two tokens can be "
              "unmasked in the same step and are then drawn independently; the exact NELBO gains "
              "$\\mathrm{PMI}(x)/T$. The table is the one of FORMULAS §n: vocabulary "
              "{a, b, c}, L = 2.",
        "zh": "现在看位置轴。掩码（吸收态）扩散作用于 L 个词元：前向过程把词元替换成 [MASK]，"
              "反向过程把它们揭开。如果它按固定顺序 o 每步恰好揭开一个词元（T = L 步），每个反向步"
              "就是 "
              "$p(x^{o_k}\\mid x^{o_{<k}})$，即链式法则；用精确去噪器时，两种顺序下这个界都是紧的。"
              "如果每个词元在各自随机的一步被揭开（存活率 $\\bar\\alpha_t = 1-t/T$），两个词元可能"
              "在同一步被揭开，"
              "此时它们被独立地抽取；精确的 NELBO 多出 $\\mathrm{PMI}(x)/T$。表格是公式表 §n 中的"
              "那个：词表 "
              "{a, b, c}，L = 2。",
    },
    "ar.s3.src": {
        "en": "FORMULAS §n [n2] and §o [o3]; Austin et al. 2021 (D3PM), Sahoo et al. 2024 "
              "(MDLM). Columns marked (engine) come from `JointTable`; "
              "columns marked (table) are summed straight from the joint table.",
        "zh": "公式表 §n [n2] 与 §o [o3]；Austin 等人（2021，D3PM），Sahoo 等人（2024，MDLM）。"
              "标注（引擎）的列来自 `JointTable`；标注（表格）的列直接由联合分布表求和得到。",
    },
    "ar.s3.any_order": {"en": "any order o", "zh": "任意顺序 o"},
    "ar.order": {"en": "Fixed unmasking order", "zh": "固定的揭开顺序"},
    "ar.steps": {"en": "Steps T of random-order masking", "zh": "随机顺序掩码的步数 T"},
    "ar.steps_help": {"en": "Each token is unmasked at a uniformly random step of 1..T.",
                      "zh": "每个词元在 1..T 中均匀随机的一步被揭开。"},
    "ar.col.chain": {"en": "log p(x), chain rule (table)", "zh": "log p(x)，链式法则（表格）"},
    "ar.col.fixed": {"en": "−NELBO, fixed order (engine)", "zh": "−NELBO，固定顺序（引擎）"},
    "ar.col.random": {"en": "NELBO, random order, T = {T} (engine)",
                      "zh": "NELBO，随机顺序，T = {T}（引擎）"},
    "ar.col.closed": {"en": "−log p(x) + PMI(x)/{T} (table)",
                      "zh": "−log p(x) + PMI(x)/{T}（表格）"},
    "ar.s3.check": {
        "en": "Live check over all {n} cells x: fixed order, |engine −NELBO − chain rule| ≤ "
              "{d1}; random order with T = {T}, |engine NELBO − (−log p(x) + PMI(x)/T)| ≤ {d2} "
              "(tolerance {tol} nats).",
        "zh": "实时检验（全部 {n} 个格子 x）：固定顺序，|引擎 −NELBO − 链式法则| ≤ {d1}；"
              "随机顺序、T = {T}，|引擎 NELBO − (−log p(x) + PMI(x)/T)| ≤ {d2}（容差 {tol} nat）。",
    },
    "ar.s3.check_ok": {
        "en": "Both hold: one token at a time in a fixed order is exactly autoregression, and "
              "random order pays PMI(x)/T.",
        "zh": "两者都成立：按固定顺序一次一个词元恰好就是自回归，随机顺序则要付出 PMI(x)/T。",
    },
    "ar.s3.check_bad": {
        "en": "A difference exceeds the tolerance: the engine's NELBO is wrong.",
        "zh": "有差值超过容差：引擎的 NELBO 有错。",
    },
    "ar.s3.read": {
        "en": "Averaged over p, random order costs I(X¹;X²)/T (above): the price of unmasking "
              "dependent tokens in the same step, which shrinks as T grows. For single cells "
              "PMI(x) can be negative, here in {k} cell(s) ({cells}); there NELBO < −log p(x). "
              "No contradiction: the bound holds for the random-order model's own p_θ(x), and "
              "p_θ is not p.",
        "zh": "对 p 平均，随机顺序的代价是 I(X¹;X²)/T（见上）：在同一步揭开相互依赖的词元的代价，"
              "随 T 增大而变小。对单个格子 PMI(x) 可以为负，这里有 {k} 个格子（{cells}）；"
              "在那里 NELBO < −log p(x)。这并不矛盾：这个界针对的是随机顺序模型自己的 p_θ(x)，而 p"
              "_θ 不是 p。",
    },
    "ar.s3.t1": {
        "en": "T = 1: both tokens are unmasked in the one step, independently, so NELBO = "
              "−log p₁(x¹) − log p₂(x²) and the gap is the whole PMI(x).",
        "zh": "T = 1：两个词元在唯一的一步中被独立地揭开，所以 NELBO = −log p₁(x¹) − log p₂(x²)，"
              "差距就是整个 PMI(x)。",
    },
}
