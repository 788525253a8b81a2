"""Catalog of the SDE and ODE page (views/sde.py)."""

TEXT = {
    "sde.computing": {"en": "Solving the SDE and ODE (once per setting)…",
                      "zh": "正在求解 SDE 与 ODE（每个设置只算一次）…"},
    "sde.title": {"en": "SDE and ODE", "zh": "SDE 与 ODE"},
    "sde.question": {
        "en": "What do the T small steps become as T → ∞, and what does the deterministic ODE "
              "with the same marginals give us?",
        "zh": "当 T → ∞ 时，这 T 个小步变成了什么？与之边缘分布相同的确定性 ODE 又给了我们什么？",
    },
    "sde.intro": {
        "en": "DDPM cuts the noising into T steps. Let the steps get small and the chain becomes "
              "a stochastic differential equation (SDE) in continuous time; run it backwards and "
              "you need the **score** ∇log q_t, which is ε* up to a factor. The same marginals "
              "q_t are also produced by an ordinary differential equation with no noise at all, "
              "the *probability-flow ODE*, and that ODE gives the exact likelihood of a point. "
              "Song et al. (2021); Su Jianlin's posts 五 and 六 (seed 001) derive both.",
        "zh": "DDPM 把加噪切成 T 步。让每一步变小，这条链就成了连续时间的随机微分方程（SDE）；"
              "把它反过来运行，需要的是**得分函数** ∇log q_t，它与 ε* 只差一个因子。"
              "同样的边缘分布 q_t 也可以由一个完全不加噪声的常微分方程给出——*概率流 ODE*，而这个 "
              "ODE 能给出一个点的精确似然。见 Song 等人（2021），以及苏剑林的第五、"
              "六篇文章（种子文档 001）。",
    },
    "sde.s1": {"en": "1 · DDPM is a discretised SDE", "zh": "1 · DDPM 是离散化的 SDE"},
    "sde.s1_body": {
        "en": "One step of the forward chain, with β_t written as β(τ)Δτ for τ = t/T and Δτ = "
              "1/T, is one Euler–Maruyama step of the variance-preserving (VP) SDE. In the limit "
              "the product of (1 − β_t) becomes an exponential of an integral:",
        "zh": "把 β_t 写成 β(τ)Δτ（τ = t/T，Δτ = 1/T），前向链的一步就是方差保持（VP）SDE "
              "的一步Euler–Maruyama。取极限时，(1 − β_t) 的连乘变为积分的指数：",
    },
    "sde.s1_linear": {
        "en": "The sidebar's linear schedule with T = {T} is exactly the discretisation of the VP "
              "SDE with $\\beta_{{\\min}} = T\\beta_1 = {bmin}$ and $\\beta_{{\\max}} = T\\beta_T "
              "= {bmax}$: `VPSDE.discrete(T)` (score_sde's `linspace(β_min/N, β_max/N, N)`) gives "
              "back its β_t to within ${match}$.",
        "zh": "侧边栏的线性噪声调度（T = {T}）恰好是 VP SDE 的离散化，其中 $\\beta_{{\\min}} = "
              "T\\beta_1 = {bmin}$，$\\beta_{{\\max}} = T\\beta_T = {bmax}$："
              "`VPSDE.discrete(T)`（即 score_sde 的 `linspace(β_min/N, β_max/N, N)`）给回它的 "
              "β_t，误差在 ${match}$ 以内。",
    },
    "sde.s1_standard": {
        "en": "These are Song et al.'s β_min = 0.1, β_max = 20: the SDE the rest of this page "
              "uses is the limit of your sidebar's chain.",
        "zh": "这正是 Song 等人的 β_min = 0.1、β_max = 20：本页其余部分使用的 SDE "
              "就是侧边栏这条链的极限。",
    },
    "sde.s1_not_standard": {
        "en": "The rest of the page uses Song et al.'s β_min = 0.1, β_max = 20, the limit of the "
              "linear schedule with T·β_1 = 0.1 and T·β_T = 20: Ho et al.'s 10⁻⁴ → 0.02 at T = "
              "1000, or the rescaled linear schedule (×1000/T) at any T > 20.",
        "zh": "本页其余部分使用 Song 等人的 β_min = 0.1、β_max = 20，它是 T·β_1 = 0.1、T·β_T = 20 "
              "的线性噪声调度的极限：T = 1000 时的 Ho 等人（2020）的 10⁻⁴ → 0.02，或任意 T > 20 "
              "时按 1000/T 缩放的线性噪声调度。",
    },
    "sde.s1_no_vp_kind": {
        "en": "Song et al.'s VP SDE is written for a linear β(τ): it is the continuous limit of "
              "the linear schedule. The {kind} schedule has its own β(τ), so no VP SDE of that "
              "form is matched here; its continuous counterpart on this page is exp(−Σ_s β_s), "
              "the SDE whose β(τ) is T·β_t on each step (piecewise constant).",
        "zh": "Song 等人的 VP SDE 是针对线性 β(τ) 写的：它是线性噪声调度的连续极限。"
              "{kind}噪声调度有自己的 β(τ)，所以这里不匹配那种形式的 VP SDE；本页用的连续对应物是 "
              "exp(−Σ_s β_s)，即 β(τ) 在每一步上等于 T·β_t（分段常数）的 SDE。",
    },
    "sde.s1_no_vp_T1": {
        "en": "With T = 1 the chain is a single step: there is no line β(τ) through two endpoints "
              "to match, so only exp(−β_1) is compared.",
        "zh": "T = 1 时链只有一步：没有经过两个端点的直线 β(τ) 可以匹配，所以只比较 exp(−β_1)。",
    },
    "sde.s1_no_vp_decreasing": {
        "en": "Here β_T < β_1: the matching VP SDE would need β_max < β_min, which "
              "`ddpm_core.sde.VPSDE` does not accept; the comparison uses exp(−Σ_s β_s).",
        "zh": "此处 β_T < β_1：对应的 VP SDE 需要 β_max < β_min，而 `ddpm_core.sde.VPSDE` "
              "不接受这种取值；比较改用 exp(−Σ_s β_s)。",
    },
    "sde.f1_title": {"en": "ᾱ against τ = t/T", "zh": "ᾱ 随 τ = t/T 的变化"},
    "sde.f1_disc": {"en": "chain ᾱ_t = Π(1 − β_s)", "zh": "链的 ᾱ_t = Π(1 − β_s)"},
    "sde.f1_sum": {"en": "exp(−Σ β_s)", "zh": "exp(−Σ β_s)"},
    "sde.f1_vp": {"en": "VP SDE ᾱ(τ)", "zh": "VP SDE 的 ᾱ(τ)"},
    "sde.f1_dlog": {"en": "log ᾱ_t − log(continuous)", "zh": "log ᾱ_t − log（连续版本）"},
    "sde.f1_x": {"en": "τ = t/T", "zh": "τ = t/T"},
    "sde.s1_end": {
        "en": "At t = T = {T}: the chain's $\\bar\\alpha_T = {abT}$, while "
              "$e^{{-\\sum_t\\beta_t}} = {abs}$. Their log ratio is $\\sum_t[\\log(1-\\beta_t)+\\b"
              "eta_t] = {dlog}$ (for small β_t about $-\\tfrac12\\sum_t\\beta_t^2 = {half}$): the "
              "chain keeps ${ratio}$ times the continuous signal fraction, because $1-\\beta \\le "
              "e^{{-\\beta}}$ — each discrete step removes a little more signal than the SDE does "
              "over the same interval.",
        "zh": "在 t = T = {T} 处：链的 $\\bar\\alpha_T = {abT}$，而 $e^{{-\\sum_t\\beta_t}} = "
              "{abs}$。两者的对数比为 $\\sum_t[\\log(1-\\beta_t)+\\beta_t] = {dlog}$（β_t "
              "较小时约为 $-\\tfrac12\\sum_t\\beta_t^2 = {half}$）：链保留的信号比例是连续版本的 "
              "${ratio}$ 倍，因为 $1-\\beta \\le e^{{-\\beta}}$——每个离散步在同一区间内去掉的信号"
              "比 SDE 略多。",
    },
    "sde.s1_end_vp": {
        "en": "For this linear schedule $\\sum_t\\beta_t = {sum}$ equals "
              "$\\int_0^1\\beta(\\tau)\\,d\\tau = {integral}$ (the sum of an arithmetic sequence "
              "is exact for a line), so the VP SDE's $\\bar\\alpha(1) = {abvp}$ is that same "
              "$e^{{-\\sum\\beta}}$: at t = T the whole gap is the $1-\\beta$ vs $e^{{-\\beta}}$ "
              "term. In between, the red curve also differs by where each β_t sits in its "
              "interval (score_sde's β_i = β((i−1)/(N−1))/N).",
        "zh": "对这条线性噪声调度，$\\sum_t\\beta_t = {sum}$ 等于 $\\int_0^1\\beta(\\tau)\\,d\\tau"
              " = {integral}$（等差数列之和对直线是精确的），所以 VP SDE 的 $\\bar\\alpha(1) = "
              "{abvp}$ 就是上面的 $e^{{-\\sum\\beta}}$：在 t = T 处差距完全来自 $1-\\beta$ 与 "
              "$e^{{-\\beta}}$ 之差。在中间各点，红线还差在每个 β_t 取在区间的哪个位置（score_sde "
              "的 β_i = β((i−1)/(N−1))/N）。",
    },
    "sde.s1_T1": {
        "en": "T = 1 is the coarsest possible discretisation: one jump from x_0 to x_1. The "
              "comparison still holds, but there is nothing in between to draw.",
        "zh": "T = 1 是最粗的离散化：从 x_0 一步跳到 x_1。比较依然成立，只是中间没有可画的点。",
    },
    "sde.s1_rest": {
        "en": "**From here on** the page works in continuous time t ∈ [0, 1] with Song et al.'s "
              "VP SDE (β_min = 0.1, β_max = 20), whatever the sidebar says, and with the exact ε* "
              "of the 8-Gaussian mixture at any t (`MixtureEps`): no network, so every error you "
              "see is the solver's.",
        "zh": "**从这里开始**，本页在连续时间 t ∈ [0, 1] 上使用 Song 等人的 VP SDE（β_min = 0.1，"
              "β_max = 20），与侧边栏无关；并在任意 t 使用 8 个高斯的高斯混合的精确 "
              "ε*（`MixtureEps`）：没有网络，所以看到的每个误差都来自求解器。",
    },
    "sde.s2": {"en": "2 · The score is ε* in disguise", "zh": "2 · 得分函数就是换了个样子的 ε*"},
    "sde.s2_body": {
        "en": "The reverse-time equations need ∇log q_t, the score of the noisy marginal. Since "
              "∇log q_t = E[∇log q(x_t|x_0) | x_t] and ∇log q(x_t|x_0) = −ε/√(1−ᾱ), the score is "
              "the best ε-predictor scaled by −1/√(1−ᾱ(t)): a trained ε_θ *is* a score model. For "
              "{dataset} both sides are exact.",
        "zh": "反向时间的方程需要 ∇log q_t，即带噪边缘分布的得分函数。由于 ∇log q_t = E[∇log "
              "q(x_t|x_0) | x_t]，而 ∇log q(x_t|x_0) = −ε/√(1−ᾱ)，得分函数就是最优 ε 预测乘以 "
              "−1/√(1−ᾱ(t))：训练好的 ε_θ *就是*一个得分函数模型。对 {dataset}，两边都是精确的。",
    },
    "sde.s2_check_head": {
        "en": "**Live check.** At 50 points and five times t: the engine's "
              "$-\\epsilon^*/\\sqrt{{1-\\bar\\alpha(t)}}$ (oracle + `score_from_eps`) against "
              "central differences (h = ${h}$) of $\\log q_t$ from the diffused mixture's "
              "`log_prob` — a different code path. Passes if every coordinate agrees to "
              "${rtol}\\,|\\nabla\\log q_t| + {atol}$.",
        "zh": "**实时检验。** 在 50 个点、五个时刻 t：引擎的 $-\\epsilon^*/\\sqrt{{1-\\bar\\alpha("
              "t)}}$（预言机 + `score_from_eps`）对比扩散后混合分布的 `log_prob` 的中心差分（h = "
              "${h}$）——另一条代码路径。每个坐标的差在 ${rtol}\\,|\\nabla\\log q_t| + {atol}$ "
              "以内即通过。",
    },
    "sde.col_t": {"en": "t", "zh": "t"},
    "sde.col_size": {"en": "mean ‖∇log q_t‖", "zh": "‖∇log q_t‖ 的均值"},
    "sde.col_diff": {"en": "largest |engine − finite difference|", "zh": "|引擎 − 差分| 的最大值"},
    "sde.s2_ok": {
        "en": "The score from ε* matches the finite differences at every t.",
        "zh": "由 ε* 得到的得分函数在每个 t 都与差分一致。",
    },
    "sde.s2_bad": {
        "en": "The score from ε* does NOT match the finite differences: the engine is wrong "
              "somewhere.",
        "zh": "由 ε* 得到的得分函数与差分**不一致**：引擎某处有错。",
    },
    "sde.s3": {
        "en": "3 · Reverse SDE and probability-flow ODE from the same x_T",
        "zh": "3 · 从同一个 x_T 出发的反向 SDE 与概率流 ODE",
    },
    "sde.s3_body": {
        "en": "Both run from t = 1 down to t = 10⁻³, starting from the same 1000 draws x_T ~ N(0, "
              "I) (the first coordinate of the first 12 is drawn). The reverse SDE "
              "(Euler–Maruyama, even steps in t) adds fresh noise at every step and needs the "
              "full β·score in its drift; the ODE (Heun, steps even in σ^(1/7)) adds none and "
              "takes half of it, so x_T alone decides where a point ends.",
        "zh": "两者都从 t = 1 运行到 t = 10⁻³，起点是同样的 1000 个 x_T ~ N(0, I)（图中画出前 12 "
              "个的第一个坐标）。反向 SDE（Euler–Maruyama，t 上等距）每一步都加入新的噪声，"
              "漂移项中需要完整的 β·得分函数；ODE（Heun，σ^(1/7) 上等距）不加噪声，只取一半，"
              "所以终点完全由 x_T 决定。",
    },
    "sde.steps": {"en": "steps (both samplers)", "zh": "步数（两个采样器）"},
    "sde.seed": {"en": "seed of x_T", "zh": "x_T 的随机种子"},
    "sde.f3_sde": {"en": "reverse SDE", "zh": "反向 SDE"},
    "sde.f3_ode": {"en": "probability-flow ODE", "zh": "概率流 ODE"},
    "sde.f3_t": {"en": "t (runs from 1 down to 0)", "zh": "t（从 1 运行到 0）"},
    "sde.f3_y": {"en": "first coordinate x₁", "zh": "第一个坐标 x₁"},
    "sde.f3_start": {"en": "x_T (t = 1)", "zh": "x_T（t = 1）"},
    "sde.f3_end": {"en": "end (t = 10⁻³)", "zh": "终点（t = 10⁻³）"},
    "sde.s3_spread": {
        "en": "The same {n} starting points again, with other noise: the SDE's endpoints move by "
              "${spread}$ on average (a different sample); the ODE's move by at most ${ode}$ — it "
              "is deterministic. Cost: {calls_sde} ε-calls for the SDE, {calls_ode} for the ODE "
              "(Heun calls ε twice per step, except the last).",
        "zh": "同样的 {n} 个起点再跑一次、换一组噪声：SDE 的终点平均移动 "
              "${spread}$（成了另一个样本）；ODE 的终点最多移动 ${ode}$——它是确定性的。代价：SDE "
              "调用 ε {calls_sde} 次，ODE {calls_ode} 次（Heun 每步调用两次 ε，最后一步除外）。",
    },
    "sde.s4": {
        "en": "4 · Their marginals against the exact q_t",
        "zh": "4 · 它们的边缘分布与精确的 q_t",
    },
    "sde.s4_body": {
        "en": "Both samplers should carry q_1 to q_0 through every q_t in between. Pick a time: "
              "the grey contours are the exact density of q_t, the dots the {n} samples at the "
              "solver's grid time nearest to it (its exact value is in each title).",
        "zh": "两个采样器都应把 q_1 经过中间每个 q_t 带到 q_0。选一个时刻：灰色等高线是 q_t "
              "的精确密度，点是求解器网格上离它最近的时刻的 {n} 个样本（确切时刻见各子图标题）。",
    },
    "sde.t": {"en": "t (continuous time)", "zh": "t（连续时间）"},
    "sde.f4_sde": {"en": "reverse SDE, t = {t}", "zh": "反向 SDE，t = {t}"},
    "sde.f4_ode": {"en": "PF-ODE, t = {t}", "zh": "概率流 ODE，t = {t}"},
    "sde.f4_cloud": {"en": "samples", "zh": "样本"},
    "sde.s4_check_head": {
        "en": "**Live check.** Over the 1000 samples, the mean of ‖x‖² and of log q_t(x), against "
              "the exact q_t: E‖x‖² = Σ_k π_k(‖m_k‖² + tr C_k) from the mixture's parameters, "
              "E[log q_t] from 20,000 exact draws of q_t. (E‖x‖² is 2 at every t here: the data "
              "have variance 1 per axis and the VP SDE keeps it; E[log q_t] is the sharper test.) "
              "z = difference / standard error; the ODE passes if |z| ≤ {k}.",
        "zh": "**实时检验。** 对 1000 个样本求 ‖x‖² 与 log q_t(x) 的均值，对比精确的 q_t：E‖x‖² = "
              "Σ_k π_k(‖m_k‖² + tr C_k) 由混合分布的参数算出，E[log q_t] 由 q_t 的 20,000 "
              "个精确样本算出。（这里 E‖x‖² 在每个 t 都等于 2：数据每个坐标的方差为 1，VP SDE "
              "保持它不变；E[log q_t] 是更严格的检验。）z = 差值 / 标准误；ODE 的 |z| ≤ {k} "
              "即通过。",
    },
    "sde.col_q": {"en": "quantity", "zh": "量"},
    "sde.col_sde": {"en": "reverse SDE", "zh": "反向 SDE"},
    "sde.col_ode": {"en": "PF-ODE", "zh": "概率流 ODE"},
    "sde.row_t": {"en": "grid time t", "zh": "网格时刻 t"},
    "sde.row_r2": {"en": "E‖x‖², samples ± SE", "zh": "E‖x‖²，样本 ± 标准误"},
    "sde.row_r2_exact": {"en": "E‖x‖², exact", "zh": "E‖x‖²，精确值"},
    "sde.row_z": {"en": "z", "zh": "z"},
    "sde.row_lq": {"en": "E[log q_t], samples ± SE", "zh": "E[log q_t]，样本 ± 标准误"},
    "sde.row_lq_ref": {"en": "E[log q_t], exact draws ± SE", "zh": "E[log q_t]，精确样本 ± 标准误"},
    "sde.s4_ode_ok": {
        "en": "PF-ODE: largest |z| = {z} ≤ {k}; its samples follow q_t.",
        "zh": "概率流 ODE：最大 |z| = {z} ≤ {k}；其样本服从 q_t。",
    },
    "sde.s4_ode_bad": {
        "en": "PF-ODE: largest |z| = {z} > {k}: its samples do NOT follow q_t.",
        "zh": "概率流 ODE：最大 |z| = {z} > {k}：其样本**不**服从 q_t。",
    },
    "sde.s4_sde_note": {
        "en": "Reverse SDE: largest |z| = {z}. It is shown, not judged: Euler–Maruyama is a "
              "first-order method on an even grid, and near the data, where the modes are sharp, "
              "its samples come out slightly blurred (E[log q_t] too low) — a bias that can "
              "exceed the sampling noise at these step counts ({steps} now) and shrinks as the "
              "steps grow.",
        "zh": "反向 SDE：最大 |z| = {z}。这里只展示、不判定：Euler–Maruyama "
              "是等距网格上的一阶方法，在数据附近（各峰很尖锐）它的样本会略微模糊（E[log q_t] "
              "偏低）——在这些步数下（当前 {steps}）这一偏差可能超过抽样噪声，并随步数增加而缩小。",
    },
    "sde.s5": {"en": "5 · The exact likelihood by the ODE", "zh": "5 · 用 ODE 求精确似然"},
    "sde.s5_body": {
        "en": "Because the ODE is an invertible map, the change of variables gives the density of "
              "each point: integrate from the data (t = 10⁻⁵) to t = 1 and add up the divergence "
              "of the drift on the way (Song et al. 2021, App. D.2). Here the divergence of ε* is "
              "exact (the mixture's Hessian trace), the prior is the exact q_1, and the result is "
              "compared with the true log density of {n} points of {dataset}.",
        "zh": "ODE 是可逆映射，所以变量替换给出每个点的密度：从数据（t = 10⁻⁵）积分到 t = 1，"
              "沿途累加漂移项的散度（Song 等人（2021）附录 D.2）。这里 ε* "
              "的散度是精确的（混合分布 Hessian 的迹），先验取精确的 q_1，结果与 {dataset} 的 {n} "
              "个点的真实对数密度比较。",
    },
    "sde.solver": {
        "en": "solver (Heun: 2nd order; Euler: 1st order)",
        "zh": "求解器（Heun：二阶；Euler：一阶）",
    },
    "sde.ll_steps": {"en": "steps", "zh": "步数"},
    "sde.f5_title": {
        "en": "log-likelihood by the ODE against the true log density",
        "zh": "ODE 给出的对数似然与真实对数密度",
    },
    "sde.f5_x": {"en": "true log q_0(x) [nats]", "zh": "真实 log q_0(x) [nat]"},
    "sde.f5_y": {"en": "ODE log p(x) [nats]", "zh": "ODE 的 log p(x) [nat]"},
    "sde.s5_numbers": {
        "en": "With {calls} ε-calls per point: mean ODE log-likelihood ${got}$ nats against the "
              "true ${exact}$; per point, the error is ${mean}$ on average and ${max}$ at most.",
        "zh": "每个点调用 ε {calls} 次：ODE 对数似然的均值为 ${got}$ nat，真实值为 ${exact}$；"
              "逐点误差平均 ${mean}$，最大 ${max}$。",
    },
    "sde.s5_tol": {
        "en": "**Live check, tolerance from the solver.** The same integral with {steps2} steps "
              "estimates the solver's own error (Richardson, order {order}: err ≈ |L_N − "
              "L_2N|·2^p/(2^p − 1)), at most ${est}$; the check allows {safety}× that, plus the "
              "gap between log q at t = 10⁻⁵ and at t = 0 (${gap}$): tolerance ${tol}$. A wrong "
              "drift or divergence (a ½ dropped) would converge, at any number of steps, to a "
              "wrong value: the estimate stays small and the check fails.",
        "zh": "**实时检验，容差来自求解器。** 用 {steps2} 步再算一次同一积分，"
              "可以估计求解器自身的误差（Richardson 外推，阶数 {order}：err ≈ |L_N − "
              "L_2N|·2^p/(2^p − 1)），最大 ${est}$；检验允许它的 {safety} 倍，再加上 t = 10⁻⁵ 与 "
              "t = 0 处 log q 之差（${gap}$）：容差 ${tol}$。若漂移项或散度写错（比如丢了 ½），"
              "无论多少步都会收敛到错误的值：误差估计仍然很小，检验就会失败。",
    },
    "sde.s5_ok": {
        "en": "Largest error {max} ≤ tolerance {tol}: the ODE gives the true density.",
        "zh": "最大误差 {max} ≤ 容差 {tol}：ODE 给出了真实密度。",
    },
    "sde.s5_bad": {
        "en": "Largest error {max} > tolerance {tol}: the ODE likelihood is NOT the true density.",
        "zh": "最大误差 {max} > 容差 {tol}：ODE 似然**不是**真实密度。",
    },
    "sde.s6": {
        "en": "6 · Solver error against ε-calls; DDIM is Euler in x̄ and σ",
        "zh": "6 · 求解器误差与 ε 调用次数；DDIM 就是 x̄、σ 上的 Euler",
    },
    "sde.s6_body": {
        "en": "The cost of a sampler is the number of ε-calls. The figure shows, for {n} starting "
              "points, the RMS distance of each solver's endpoint to the ODE's exact flow map "
              "(Heun with {ref} steps as reference), on the same σ-spaced grid. In x̄ = x/√ᾱ and "
              "σ = √((1−ᾱ)/ᾱ) the ODE becomes dx̄/dσ = ε* (Song et al. 2021, §4.3): one Euler "
              "step there is exactly a DDIM step with η = 0.",
        "zh": "采样器的代价是 ε 的调用次数。图中对 {n} 个起点，画出每个求解器的终点到 ODE "
              "精确流映射（以 {ref} 步的 Heun 为参照）的均方根距离，网格都是同一个 σ 等距网格。"
              "换成 x̄ = x/√ᾱ、σ = √((1−ᾱ)/ᾱ) 后，ODE 变为 dx̄/dσ = ε*（Song 等人（2021）§4.3）："
              "在那里走一步 Euler 恰好就是 η = 0 的一步 DDIM。",
    },
    "sde.f6_title": {
        "en": "RMS error of the endpoint against ε-calls",
        "zh": "终点的均方根误差与 ε 调用次数",
    },
    "sde.f6_x": {"en": "ε-calls", "zh": "ε 调用次数"},
    "sde.f6_y": {"en": "RMS distance to the exact flow map", "zh": "到精确流映射的均方根距离"},
    "sde.f6_euler": {"en": "Euler in (x, t)", "zh": "(x, t) 上的 Euler"},
    "sde.f6_heun": {"en": "Heun in (x, t)", "zh": "(x, t) 上的 Heun"},
    "sde.f6_ddim": {"en": "DDIM η = 0 = Euler in (x̄, σ)", "zh": "DDIM η = 0 = (x̄, σ) 上的 Euler"},
    "sde.s6_numbers": {
        "en": "At {steps} steps: Euler in (x, t) ${e}$ and DDIM ${d}$ with {steps} calls each, "
              "Heun ${h}$ with {calls_h} calls (the reference's own error is about ${ref}$).",
        "zh": "{steps} 步时：(x, t) 上的 Euler 为 ${e}$，DDIM 为 ${d}$，各调用 {steps} 次；Heun "
              "为 ${h}$，调用 {calls_h} 次（参照解自身的误差约为 ${ref}$）。",
    },
    "sde.s6_identity": {
        "en": "**Identity, shown as one.** The engine's `ddim_step` (η = 0) run on the grid, and "
              "Euler on dx̄/dσ = ε written out separately on this page, give the same endpoints "
              "at every step count above, to ${diff}$ (rounding).",
        "zh": "**恒等式，按恒等式展示。** 在同一网格上运行引擎的 `ddim_step`（η = 0），"
              "与本页另写的 dx̄/dσ = ε 的 Euler 法，在上面每个步数下终点都相同，差在 ${diff}$ "
              "以内（舍入误差）。",
    },
}
