"""Strings of the sampling page (page 7): Algorithm 2 step by step, the sampling noise, DDIM."""

TEXT = {
    "sampling.title": {"en": "Sampling, step by step", "zh": "逐步采样"},
    "sampling.question": {
        "en": "How does a trained noise predictor turn pure noise $x_T$ into a sample $x_0$, "
              "and why does each step add fresh noise?",
        "zh": "训练好的噪声预测器如何把纯噪声 $x_T$ 变成样本 $x_0$？为什么每一步还要加入新的噪声？",
    },
    "sampling.intro": {
        "en": "A trained network $\\epsilon_\\theta(x_t, t)$ is all the reverse process needs. "
              "Start from pure noise $x_T$ and apply Algorithm 2 of Ho et al. (2020) $T$ times: "
              "each step subtracts a multiple of the noise the network predicts, rescales by "
              "$1/\\sqrt{\\alpha_t}$, and adds a little fresh noise $\\sigma_t z$, except the "
              "last step ($t = 1$), where $z = 0$. Below you walk the chain one step at a time, "
              "see what the network believes $x_0$ is at every $t$, find out why the fresh noise "
              "matters, and compare with DDIM, which visits only $S$ of the $T$ steps.",
        "zh": "反向过程只需要一个训练好的网络 $\\epsilon_\\theta(x_t, t)$。"
              "从纯噪声 $x_T$ 出发，把 Ho 等人（2020）的算法 2 执行 $T$ 次：每一步减去网络预测的"
              "噪声的一个倍数，乘以 $1/\\sqrt{\\alpha_t}$，再加入一点新的噪声 $\\sigma_t z$；"
              "只有最后一步（$t = 1$）令 $z = 0$。下面你可以一步一步地走完这条链，看网络在每个 "
              "$t$ 对 $x_0$ 的猜测，弄清这份新噪声为什么重要，并与只走 $T$ 步中 $S$ 步的 DDIM "
              "作比较。",
    },
    "sampling.alg2_caption": {
        "en": "Algorithm 2 (Sampling) of Ho et al. (2020); βₜ = 1 − αₜ. Step 4 is the mean "
              "μ_θ(xₜ, t) of p_θ(xₜ₋₁ | xₜ) plus σₜ times fresh noise (none at t = 1).",
        "zh": "Ho 等人（2020）的算法 2（采样）；βₜ = 1 − αₜ。第 4 步是 p_θ(xₜ₋₁ | xₜ) 的均值 "
              "μ_θ(xₜ, t) 加上 σₜ 倍的新噪声（t = 1 时不加）。",
    },
    "sampling.load_error": {
        "en": "A shipped model could not be loaded ({err}); the others are still offered.",
        "zh": "有一个预训练模型无法加载（{err}）；其余模型仍可使用。",
    },
    # ---- model, seed, sampler
    "sampling.model": {"en": "Model", "zh": "模型"},
    "sampling.kind_2d": {"en": "2-D points", "zh": "二维点"},
    "sampling.kind_images": {"en": "images", "zh": "图像"},
    "sampling.model_pretrained": {
        "en": "{name} · pretrained ({kind}, T = {T})",
        "zh": "{name} · 预训练（{kind}，T = {T}）",
    },
    "sampling.model_user": {
        "en": "your own model · {name} ({kind})",
        "zh": "你自己训练的模型 · {name}（{kind}）",
    },
    "sampling.model_oracle": {
        "en": "exact ε* · {data} (no network; sidebar schedule)",
        "zh": "精确的 ε* · {data}（无网络；使用侧边栏的调度）",
    },
    "sampling.sched_desc": {
        "en": "{kind}, T = {T}, ᾱ_T = {ab}",
        "zh": "{kind}，T = {T}，ᾱ_T = {ab}",
    },
    "sampling.own_schedule": {
        "en": "This model was trained with its own schedule ({sched}) and samples with that "
              "one: the sidebar's schedule does not apply to it. (Only the exact ε* uses the "
              "sidebar.)",
        "zh": "这个模型是用它自己的调度（{sched}）训练的，采样也用这个调度：侧边栏的调度对它"
              "不起作用。（只有精确的 ε* 使用侧边栏的调度。）",
    },
    "sampling.oracle_note": {
        "en": "The exact ε*(xₜ, t) = E[ε | xₜ] of the Gaussian mixture “{data}”, in closed form: "
              "the best any network could learn. It follows the sidebar's schedule ({sched}).",
        "zh": "高斯混合“{data}”的精确 ε*(xₜ, t) = E[ε | xₜ]，有闭式解：任何网络所能学到的"
              "最好结果。它使用侧边栏的调度（{sched}）。",
    },
    "sampling.not_noise": {
        "en": "ᾱ_T = {ab} is not small: x_T ~ N(0, I) is not what the forward process ends in, "
              "so the samples cannot match the data. Increase T or β_T in the sidebar.",
        "zh": "ᾱ_T = {ab} 不够小：前向过程的终点并不是 N(0, I)，所以从 x_T ~ N(0, I) 采样"
              "无法得到数据的分布。请在侧边栏增大 T 或 β_T。",
    },
    "sampling.t1_note": {
        "en": "T = 1: the chain is a single step, and Algorithm 2 sets z = 0 at t = 1, so the "
              "three choices of σₜ² give the same samples.",
        "zh": "T = 1：整条链只有一步，而算法 2 在 t = 1 时令 z = 0，所以三种 σₜ² 给出相同的"
              "样本。",
    },
    "sampling.seed": {"en": "Seed", "zh": "随机种子"},
    "sampling.seed_help": {
        "en": "x_T and every z are drawn from this seed: the same seed replays the same "
              "trajectory, in class and at home.",
        "zh": "x_T 和每一步的 z 都由这个种子生成：同一个种子重放同一条轨迹，课上课下都一样。",
    },
    "sampling.n": {"en": "Points", "zh": "点数"},
    "sampling.n_images": {"en": "Images", "zh": "图像数"},
    "sampling.sampler": {"en": "Sampler", "zh": "采样器"},
    "sampling.sampler.ddpm": {"en": "DDPM (Algorithm 2)", "zh": "DDPM（算法 2）"},
    "sampling.sampler.ddim": {"en": "DDIM (S steps, η)", "zh": "DDIM（S 步，η）"},
    "sampling.sigma": {"en": "DDPM noise σₜ²", "zh": "DDPM 噪声 σₜ²"},
    "sampling.sigma.beta": {"en": "βₜ", "zh": "βₜ"},
    "sampling.sigma.beta_tilde": {"en": "β̃ₜ", "zh": "β̃ₜ"},
    "sampling.sigma.zero": {"en": "0 (take the mean)", "zh": "0（直接取均值）"},
    "sampling.sigma_help": {
        "en": "The variance of the fresh noise in step 4. βₜ is exact when x₀ ~ N(0, I), β̃ₜ "
              "when x₀ is a single point (Ho et al. 2020, §3.2); 0 returns the mean μ_θ every "
              "step.",
        "zh": "第 4 步新噪声的方差。x₀ ~ N(0, I) 时 βₜ 是精确的，x₀ 为单个点时 β̃ₜ 是精确的"
              "（Ho 等人（2020）第 3.2 节）；取 0 则每一步都直接返回均值 μ_θ。",
    },
    "sampling.S": {"en": "DDIM: steps S", "zh": "DDIM：步数 S"},
    "sampling.S_help": {
        "en": "DDIM visits S of the T noise levels, evenly spaced from T down to 0.",
        "zh": "DDIM 只走 T 个噪声水平中的 S 个，从 T 到 0 均匀间隔。",
    },
    "sampling.S_fixed": {"en": "DDIM: S = 1 (T = 1)", "zh": "DDIM：S = 1（T = 1）"},
    "sampling.eta": {"en": "DDIM: η", "zh": "DDIM：η"},
    "sampling.eta_help": {
        "en": "η = 0: deterministic DDIM; η = 1: DDPM with σ² = β̃ on the shorter chain.",
        "zh": "η = 0：确定性的 DDIM；η = 1：在缩短的链上、σ² = β̃ 的 DDPM。",
    },
    "sampling.spinner": {"en": "Sampling…", "zh": "采样中……"},
    "sampling.slow_info": {
        "en": "This needs {calls} network calls on {n} samples: about {s} s on this server.",
        "zh": "这需要在 {n} 个样本上调用网络 {calls} 次：在本服务器上约 {s} 秒。",
    },
    "sampling.slow_button": {"en": "Compute it", "zh": "开始计算"},
    # ---- 1. step through
    "sampling.s1": {"en": "1 · Walk the chain from $x_T$ to $x_0$",
                    "zh": "1 · 从 $x_T$ 走到 $x_0$"},
    "sampling.s1_intro": {
        "en": "The whole chain is computed once for the settings above; the slider, the step "
              "buttons and *play* only move along it. Left: the current $x_t$, with the last "
              "steps of a few particles drawn as red trails. Right: the network's guess of the "
              "end point, $\\hat x_0(x_t, t) = (x_t - \\sqrt{1-\\bar\\alpha_t}\\,\\epsilon_\\theta)"
              "/\\sqrt{\\bar\\alpha_t}$, over the data in grey. When $x_T$ is nearly pure "
              "noise, the first guesses sit near the average of the data; watch them sharpen "
              "while $x_t$ itself still looks like noise.",
        "zh": "按上面的设置整条链只计算一次；滑块、单步按钮和*播放*只是在这条链上移动。"
              "左：当前的 $x_t$，几个粒子最近几步的轨迹画成红线。右：网络对终点的猜测 "
              "$\\hat x_0(x_t, t) = (x_t - \\sqrt{1-\\bar\\alpha_t}\\,\\epsilon_\\theta)"
              "/\\sqrt{\\bar\\alpha_t}$，灰色为真实数据。当 $x_T$ 几乎是纯噪声时，最初的猜测"
              "都接近数据的平均；留意在 $x_t$ 本身还像噪声时，这些猜测就逐渐变得清晰。",
    },
    "sampling.t_input": {"en": "Time step t", "zh": "时间步 t"},
    "sampling.t_help": {
        "en": "The step the page explains below; the player above the picture moves along the "
              "stored chain in the browser and sets this field when you let go. A t between "
              "two stored steps goes to the nearest one. xₜ is shown before the step from t to "
              "the next t is applied.",
        "zh": "下方讲解的这一步；图上方的播放器在浏览器中沿着已存的链移动，松开时设置这里的值。"
              "介于两个已存步之间的 t 取最近的一个。显示的是从 t 走到下一步之前的 xₜ。",
    },
    "sampling.player.play": {"en": "⏯ play", "zh": "⏯ 播放"},
    "sampling.player.pause": {"en": "⏸ pause", "zh": "⏸ 暂停"},
    "sampling.player.back": {"en": "one frame back (←)", "zh": "后退一帧（←）"},
    "sampling.player.fwd": {"en": "one frame on (→)", "zh": "前进一帧（→）"},
    "sampling.player.speed": {"en": "frames per tick while playing",
                              "zh": "播放时每次前进的帧数"},
    "sampling.player.speed_option": {"en": "×{k}", "zh": "×{k}"},
    "sampling.player.play_help": {"en": "play / pause (Space)", "zh": "播放 / 暂停（空格键）"},
    "sampling.player.hint": {
        "en": "Keys (when no field is focused): ←/→ one frame, Shift+←/→ ten, Space play/pause, "
              "Home t = T, End t = 0.",
        "zh": "键盘（未选中输入框时）：←/→ 一帧，Shift+←/→ 十帧，空格键 播放/暂停，"
              "Home 到 t = T，End 到 t = 0。",
    },
    "sampling.player.t_label": {"en": "t = {t}", "zh": "t = {t}"},
    "sampling.fig.xt": {"en": "xₜ at t = {t}", "zh": "t = {t} 时的 xₜ"},
    "sampling.fig.x0": {"en": "x̂₀(xₜ, t): the network's guess of x₀",
                        "zh": "x̂₀(xₜ, t)：网络对 x₀ 的猜测"},
    "sampling.fig.points": {"en": "xₜ", "zh": "xₜ"},
    "sampling.fig.trail": {"en": "trails (from t + {k} to t)", "zh": "轨迹（从 t + {k} 到 t）"},
    "sampling.fig.trail_short": {"en": "trails (so far)", "zh": "轨迹（到目前为止）"},
    "sampling.fig.pred": {"en": "x̂₀", "zh": "x̂₀"},
    "sampling.fig.data": {"en": "data", "zh": "真实数据"},
    "sampling.fig.final": {"en": "σₜ² = {sigma}", "zh": "σₜ² = {sigma}"},
    "sampling.fig.samples": {"en": "samples x₀", "zh": "样本 x₀"},
    "sampling.view_own_chain": {
        "en": "The step-through runs its own chain of {m} pictures (the same seed), so that a "
              "new setting shows quickly; sections 2 and 3 below sample all {n}.",
        "zh": "逐步演示单独运行一条 {m} 张图的链（相同的随机种子），以便换设置后很快显示；"
              "下面第 2、3 节对全部 {n} 张采样。",
    },
    "sampling.view_subset": {
        "en": "The chain runs for all {n} points; the pictures show the first {m} so that each "
              "step redraws quickly. The final samples below are the same chain's.",
        "zh": "整条链对全部 {n} 个点计算；为了每一步都能快速重绘，图中只画前 {m} 个。下面的"
              "最终样本来自同一条链。",
    },
    "sampling.outside": {
        "en": "{k} of {n} guesses x̂₀ lie outside the picture: at this t, "
              "x̂₀ = (xₜ − √(1−ᾱₜ) ε_θ)/√ᾱₜ multiplies an error in the network's ε_θ by "
              "√((1−ᾱₜ)/ᾱₜ) = {amp}.",
        "zh": "{n} 个猜测 x̂₀ 中有 {k} 个落在图外：在这个 t，"
              "x̂₀ = (xₜ − √(1−ᾱₜ) ε_θ)/√ᾱₜ 会把网络 ε_θ 的误差放大 "
              "√((1−ᾱₜ)/ᾱₜ) = {amp} 倍。",
    },
    "sampling.done": {
        "en": "t = 0: the chain has ended and these are the samples x₀ (the whole chain took "
              "{sec} s to compute).",
        "zh": "t = 0：链已走完，这些就是样本 x₀（计算整条链用时 {sec} 秒）。",
    },
    "sampling.done_shared": {
        "en": "t = 0: the chain has ended and these are the samples x₀. This chain was "
              "computed together with section 2's other σ choices, as one batched chain of "
              "{k} × {n} points: {sec} s for the {k} chains (with the storing of every step).",
        "zh": "t = 0：链已走完，这些就是样本 x₀。这条链与第 2 节其他 σ 取法的链合成一条 "
              "{k} × {n} 个点的批量链一起计算：{k} 条链共用时 {sec} 秒（含保存每一步的时间）。",
    },
    "sampling.step_now": {
        "en": "The step from t = {t} to {s}, first in general, then with this step's numbers:",
        "zh": "从 t = {t} 到 {s} 的这一步，先写一般形式，再代入这一步的数值：",
    },
    "sampling.last_step": {
        "en": "At t = 1 Algorithm 2 sets z = 0: the last step returns the mean.",
        "zh": "在 t = 1 时算法 2 令 z = 0：最后一步直接返回均值。",
    },
    "sampling.check_head": {
        "en": "**Live check** (sample #0 at t = {t}): the paper's update written out again in "
              "float64, with the same ε_θ and the same z (replayed from the seed), against the "
              "engine's step (float32).",
        "zh": "**实时检验**（第 0 个样本，t = {t}）：把论文的更新式在 float64 中重新算一遍，"
              "用同样的 ε_θ 和同样的 z（由种子重放），与引擎（float32）算出的这一步对比。",
    },
    "sampling.check_rel": {
        "en": "Largest difference: {diff}; they agree when it is ≤ {tol} = {k} × float32 "
              "rounding, 2⁻²³·(|xₜ|/√ᾱₜ + |ε_θ|·√((1−ᾱₜ)/ᾱₜ)): x̂₀ carries a rounding of xₜ "
              "by 1/√ᾱₜ and one of ε_θ by √((1−ᾱₜ)/ᾱₜ).",
        "zh": "最大差值：{diff}；不超过 {tol} = {k} × float32 舍入误差即为一致，"
              "舍入误差为 2⁻²³·(|xₜ|/√ᾱₜ + |ε_θ|·√((1−ᾱₜ)/ᾱₜ))：x̂₀ 把 xₜ 的舍入放大 1/√ᾱₜ 倍，"
              "把 ε_θ 的舍入放大 √((1−ᾱₜ)/ᾱₜ) 倍。",
    },
    # ---- 2. why not just take the mean?
    "sampling.s2": {"en": "2 · Why not just take the mean?", "zh": "2 · 为什么不直接取均值？"},
    "sampling.s2_lecture": {
        "en": "The lecture asks: the network predicts a Gaussian for $x_{t-1}$, and its "
              "mean is the single most probable value, so why draw a random sample from it "
              "instead? The lecturer's answer, offered as a guess, comes from text generation: "
              "always picking the most probable word produces dull, repetitive text "
              "(Holtzman et al. 2019, arXiv:1904.09751), and people do not write with their "
              "most probable words either.",
        "zh": "课程中有这样一个问题：网络为 $x_{t-1}$ 预测出一个高斯分布，它的均值是概率最大的"
              "那个值，为什么不直接取均值，而要再采样一次？老师（声明只是猜测）借用了文本生成"
              "的经验：每次都选概率最大的词，生成的句子单调、重复（Holtzman 等人（2019），"
              "arXiv:1904.09751）；而且人写文章时大多也不是选概率最大的词。",
    },
    "sampling.s2_diffusion": {
        "en": "For diffusion the reason can be seen directly. The forward process added "
              "independent noise at every one of the $T$ steps; the reverse chain has to put "
              "that spread back, a little per step. With $\\sigma_t = 0$ each step returns the "
              "mean $\\mu_\\theta(x_t,t)$, the network's estimate of "
              "$\\mathbb E[x_{t-1}\\mid x_t] = c^0_t\\,\\hat x_0 + c^x_t\\,x_t$, where "
              "$\\hat x_0 \\approx \\mathbb E[x_0\\mid x_t]$ is the weighted average of the "
              "$x_0$ that could have produced $x_t$; and nothing is ever added again. The chain "
              "becomes a deterministic map that pulls every point towards such averages and "
              "loses spread (for images: smooth, washed-out averages); the table below measures "
              "how much. Same seed, same $x_T$, three choices of $\\sigma_t^2$:",
        "zh": "对扩散模型，这个原因可以直接看到。前向过程在 $T$ 步中的每一步都加了独立的"
              "噪声；反向链必须把这份分散程度一点一点地加回来。若 $\\sigma_t = 0$，每一步都只"
              "返回均值 $\\mu_\\theta(x_t,t)$，即网络对 "
              "$\\mathbb E[x_{t-1}\\mid x_t] = c^0_t\\,\\hat x_0 + c^x_t\\,x_t$ 的估计，其中 "
              "$\\hat x_0 \\approx \\mathbb E[x_0\\mid x_t]$ 是所有可能产生 $x_t$ 的 $x_0$ "
              "的加权平均；之后再也不补充噪声。整条链变成一个确定性映射，把每个点拉向这样的平均，"
              "分散程度随之减小（对图像：平滑、发灰的平均图）；下表度量减小了多少。"
              "同一个种子、同一个 $x_T$，三种 $\\sigma_t^2$：",
    },
    "sampling.col.sigma": {"en": "σₜ²", "zh": "σₜ²"},
    "sampling.col.spread": {"en": "spread", "zh": "分散度"},
    "sampling.col.swd": {"en": "SWD / floor", "zh": "SWD / 下限"},
    "sampling.col.mmd": {"en": "MMD / floor", "zh": "MMD / 下限"},
    "sampling.col.time": {"en": "wall time (s)", "zh": "耗时（秒）"},
    "sampling.col.calls": {"en": "network calls", "zh": "网络调用次数"},
    "sampling.row.data": {"en": "data (fresh draws, median)", "zh": "真实数据（新抽样，中位数）"},
    "sampling.pending": {
        "en": "Seed {seed}: the full chains of this section are being computed behind the page "
              "({k} of {m} done); it updates by itself once they are all done.",
        "zh": "随机种子 {seed}：本节的完整链正在后台计算（已完成 {k} / {m}）；算完后本节会自动"
              "更新。",
    },
    "sampling.pending_traj": {
        "en": "Seed {seed}: the step-through's chain is being computed behind the page "
              "({p} % of its steps done); it is shown by itself once it is done.",
        "zh": "随机种子 {seed}：逐步演示的链正在后台计算（已完成 {p}% 的步数）；算完后会自动"
              "显示。",
    },
    "sampling.pending_old": {
        "en": "Until then, the results below are the previous ones, for seed {seed} (their "
              "settings are in their titles and rows).",
        "zh": "在此之前，下面显示的是上一次的结果，随机种子为 {seed}（其设置见标题和各行名称）。",
    },
    "sampling.metrics_caption": {
        "en": "Spread: √(mean over coordinates of the variance over samples); the data has 1 "
              "(2-D). SWD and MMD compare the samples with a fresh draw of the data and are "
              "divided by the same distance between two fresh draws (the noise floor). That "
              "floor is itself one random draw, so real data does not score exactly 1: the data "
              "row shows what it scores. For images only the SWD is shown, over pixels.",
        "zh": "分散度：各坐标上样本方差的平均再开方；二维数据的分散度为 1。SWD 和 MMD 把样本"
              "与新抽取的真实数据比较，并除以两次真实抽样之间的同一距离（噪声下限）。噪声下限"
              "本身也只是一次随机抽样，所以真实数据的得分并不恰好是 1：“真实数据”一行给出它的"
              "得分。对图像只给出按像素计算的 SWD。",
    },
    "sampling.fresh_range": {
        "en": "Chance alone moves these ratios: {k} further fresh draws of {n} points of the "
              "data, compared in the same way, score {swd_lo}–{swd_hi} (SWD) and "
              "{mmd_lo}–{mmd_hi} (MMD); the data row gives their medians. Only a ratio well "
              "above that range says that the samples differ from the data.",
        "zh": "这些比值本身就有随机波动：另外 {k} 次新抽取的 {n} 个真实数据点，按同样方法比较，"
              "得分为 {swd_lo}–{swd_hi}（SWD）和 {mmd_lo}–{mmd_hi}（MMD）；“真实数据”一行给出"
              "它们的中位数。只有明显高于这个范围的比值，才说明样本与真实数据不同。",
    },
    "sampling.fresh_range_img": {
        "en": "Chance alone moves this ratio: {k} further fresh draws of {n} pictures of the "
              "data, compared in the same way, score {swd_lo}–{swd_hi} (SWD); the data row "
              "gives their median. Only a ratio well above that range says that the samples "
              "differ from the data.",
        "zh": "这个比值本身就有随机波动：另外 {k} 次新抽取的 {n} 张真实图片，按同样方法比较，"
              "得分为 {swd_lo}–{swd_hi}（SWD）；“真实数据”一行给出它们的中位数。只有明显高于"
              "这个范围的比值，才说明样本与真实数据不同。",
    },
    "sampling.s2_read": {
        "en": "With σₜ = 0 the spread is **{s_zero}** against **{s_beta}** with σₜ² = βₜ "
              "(ratio {ratio}).",
        "zh": "σₜ = 0 时分散度为 **{s_zero}**，σₜ² = βₜ 时为 **{s_beta}**（比值 {ratio}）。",
    },
    "sampling.s2_answer": {
        "en": "So the noise $z$ in step 4 is not decoration: only with $\\sigma_t > 0$ does each "
              "step sample $p_\\theta(x_{t-1}\\mid x_t)$ rather than return its mean, and a "
              "chain of means loses the spread the table measures. $\\beta_t$ and "
              "$\\tilde\\beta_t$ are the two extremes that Ho et al. (2020) found to work about "
              "equally well. (DDIM with $\\eta = 0$ is deterministic "
              "too, yet does not collapse: its update keeps the term "
              "$\\sqrt{1-\\bar\\alpha_s}\\,\\epsilon_\\theta$, see section 3.)",
        "zh": "所以第 4 步的噪声 $z$ 并不是可有可无的：只有 $\\sigma_t > 0$ 时每一步才是在对 "
              "$p_\\theta(x_{t-1}\\mid x_t)$ 采样，而不是返回它的均值；只取均值的链会失去上表"
              "所度量的分散度。"
              "$\\beta_t$ 和 $\\tilde\\beta_t$ 是 Ho 等人（2020）发现效果差不多的两个极端。"
              "（$\\eta = 0$ 的 DDIM 同样是确定性的，却不会塌缩：它的更新保留了 "
              "$\\sqrt{1-\\bar\\alpha_s}\\,\\epsilon_\\theta$ 这一项，见第 3 节。）",
    },
    # ---- 3. DDIM
    "sampling.ddim_where": {
        "en": "DDIM's number of steps S and its η are set in section 3 (DDIM) below.",
        "zh": "DDIM 的步数 S 与 η 在下面第 3 节（DDIM）中设置。",
    },
    "sampling.s3": {"en": "3 · DDIM: S steps instead of T", "zh": "3 · DDIM：用 S 步代替 T 步"},
    "sampling.s3_intro": {
        "en": "Song et al. (2021) keep the trained network and the marginals $q(x_t\\mid x_0)$ "
              "but jump from $t$ straight to an earlier $s$: first estimate $\\hat x_0$, then "
              "re-noise it to level $s$ with the network's own $\\epsilon_\\theta$ "
              "(their Eq. (12)). η sets how much fresh noise is added; η = 1 is DDPM with "
              "$\\sigma^2 = \\tilde\\beta$ on the shorter chain.",
        "zh": "Song 等人（2021）保留训练好的网络和边缘分布 $q(x_t\\mid x_0)$，但从 $t$ 直接"
              "跳到更早的 $s$：先估计 $\\hat x_0$，再用网络自己的 $\\epsilon_\\theta$ 把它加噪"
              "到水平 $s$（其式 (12)）。η 决定加入多少新噪声；η = 1 即缩短链上 "
              "$\\sigma^2 = \\tilde\\beta$ 的 DDPM。",
    },
    "sampling.s3_settings": {
        "en": "S = {S} and η = {eta} from the two sliders above (with the sampler DDIM at the "
              "top, section 1 steps through this chain too); the full DDPM uses σₜ² = {sigma}, "
              "chosen at the top of the page.",
        "zh": "S = {S} 与 η = {eta} 取自上面的两个滑块（页面顶部选择 DDIM 采样器时，第 1 节"
              "也逐步演示这条链）；完整的 DDPM 使用页面顶部选择的 σₜ² = {sigma}。",
    },
    "sampling.row.ddpm": {"en": "DDPM, T = {T}, σₜ² = {sigma}",
                          "zh": "DDPM，T = {T}，σₜ² = {sigma}"},
    "sampling.row.ddim": {"en": "DDIM, S = {S}, η = {eta}", "zh": "DDIM，S = {S}，η = {eta}"},
    "sampling.time_note": {
        "en": "Wall time measured on this server when the result was first computed (the "
              "page then reuses it), with the same seed and x_T for both rows.",
        "zh": "耗时是结果首次计算时在本服务器上测得的（之后页面直接复用），两行使用同一个"
              "种子和同一个 x_T。",
    },
    "sampling.time_note_view": {
        "en": "The row with the step-through's own settings is its chain, timed there (the "
              "engine's steps only, not the storing of the frames).",
        "zh": "与上方逐步演示设置相同的那一行就是演示本身的那条链，耗时也在那里测得"
              "（只计引擎的各步，不计保存帧的时间）。",
    },
    "sampling.time_note_shared": {
        "en": "The DDPM row is one of section 2's {k} chains (one per σ choice), computed "
              "together as one batched chain ({k} × {n} points per network call, its points "
              "split over two threads): its time is that run's wall time divided by {k}.",
        "zh": "DDPM 这一行是第 2 节 {k} 条链（每种 σ 取法一条）中的一条，这 {k} 条链合成一条"
              "批量链一起计算（每次调用网络处理 {k} × {n} 个点，这些点分给两个线程）："
              "它的耗时是这次计算的总耗时除以 {k}。",
    },
    "sampling.s3_read": {
        "en": "DDIM made {S} network calls instead of {T} (1/{ratio} as many); its wall time here "
              "was {sec_fast} s against {sec_full} s. Compare the SWD and MMD columns for what "
              "that cost in quality.",
        "zh": "DDIM 调用网络 {S} 次而不是 {T} 次（变为原来的 1/{ratio}）；这里实际用时 "
              "{sec_fast} 秒，完整链为 {sec_full} 秒。对比 SWD 和 MMD 两列，看质量付出了多少代价。",
    },
    "sampling.s3_read_shared": {
        "en": "DDIM made {S} network calls instead of {T} (1/{ratio} as many) and took "
              "{sec_fast} s on its own. The full chain was run in a batch of {k} chains that "
              "took {sec_all} s together ({sec_full} s each): not the way DDIM's run was timed, "
              "so the two times do not compare directly; the number of network calls does. "
              "Compare the SWD and MMD columns for what the fewer calls cost in quality.",
        "zh": "DDIM 调用网络 {S} 次而不是 {T} 次（变为原来的 1/{ratio}），单独运行用时 "
              "{sec_fast} 秒。完整链与第 2 节的其他链合成一批（共 {k} 条）一起运行，这一批共用时 "
              "{sec_all} 秒（每条 {sec_full} 秒）：与 DDIM 的计时方式不同，所以两个耗时不能直接"
              "比较，能直接比较的是调用网络的次数。对比 SWD 和 MMD 两列，看调用次数减少在质量上"
              "付出了多少代价。",
    },
    "sampling.present": {"en": "Presentation mode", "zh": "演示模式"},
    "sampling.present_help": {
        "en": "For a projector: hides the sidebar (switch off to get it back) and draws the "
              "charts and equations larger. It is in the link, too.",
        "zh": "用于投影：隐藏侧边栏（关闭此开关即可恢复），并放大图表和公式。"
              "链接中也会保留这一设置。",
    },
}
