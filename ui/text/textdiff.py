"""Catalog of the 'Diffusion for text' page (views/textdiff.py).

Chinese terms: token = 词元, the [MASK] token = [MASK], masking = 掩码, embedding = 嵌入,
mutual information = 互信息, accuracy = 准确率, live check = 实时检验."""

TEXT = {
    "txt.title": {"en": "Diffusion for text", "zh": "文本的扩散模型"},
    "txt.question": {
        "en": "How do we diffuse discrete tokens, and what does decoding many at once cost?",
        "zh": "离散的词元怎样扩散？一次解码多个词元要付出什么代价？",
    },
    "txt.intro": {
        "en": "A sentence is a sequence of **tokens** (here: words, or Chinese characters), each "
              "an "
              "index into a vocabulary. The lecture (P43–P51) gives three ways to run diffusion "
              "on them; this page runs all three on a toy corpus of short phrases, in English "
              "and in Chinese, and on digit images cut into tokens. The sidebar's Gaussian "
              "noise schedule is not used here: masking has its own survival probability "
              "ᾱₜ = 1 − t/T.",
        "zh": "一句话是一串**词元**（这里：英文的词，或中文的字），每个词元是词表里的一个下标。"
              "课程（P43–P51）给出三种在词元上做扩散的办法；本页在一个短语玩具语料上（英文和中文）"
              "以及切成词元的数字图像上把三种办法都跑一遍。侧边栏的高斯噪声调度在这里不用："
              "掩码有自己的保留概率 ᾱₜ = 1 − t/T。",
    },
    # ------------------------------------------------------------ 1
    "txt.s1": {"en": "1. Why Gaussian noise does not fit tokens",
               "zh": "1. 为什么高斯噪声不适合词元"},
    "txt.s1_text": {
        "en": "DDPM adds Gaussian noise to numbers that live on a continuum. A token is a "
              "category: its index is an arbitrary label (\"{w1}\" = {i1} is no closer in "
              "meaning to \"{w2}\" = {i2} than to \"{w3}\" = 1: the vocabulary is just sorted), "
              "and the sum of an index and noise is not a "
              "token at all:",
        "zh": "DDPM 把高斯噪声加在连续取值的数上。词元是类别：它的下标只是随意的编号"
              "（「{w1}」= {i1} 在意思上并不比「{w3}」= 1 更接近「{w2}」= {i2}：词表只是排了个序）"
              "，下标加上噪声之后根本不是词元：",
    },
    "txt.s1_three": {
        "en": "The lecture's three ways out:\n"
              "1. **noise in an embedding space**: map each token to a vector, diffuse the "
              "vectors, round back to the nearest token (Diffusion-LM, Li et al. 2022);\n"
              "2. **masking instead of noise**: the \"noise\" replaces a token by [MASK] "
              "(absorbing-state D3PM, Austin et al. 2021);\n"
              "3. **decode by unmasking**: start from all [MASK] and reveal tokens over a few "
              "steps, re-masking the unsure ones (Mask-Predict, Ghazvininejad et al. 2019; "
              "MaskGIT, Chang et al. 2022).",
        "zh": "课程给出的三条出路：\n"
              "1. **在嵌入空间里加噪声**：把每个词元映射成向量，在向量上做扩散，最后取最近的词元"
              "（Diffusion-LM，Li 等人（2022））；\n"
              "2. **用掩码代替噪声**：「噪声」就是把词元换成 [MASK]（吸收态 D3PM，"
              "Austin 等人（2021））；\n"
              "3. **靠去掩码来解码**：从全是 [MASK] 开始，分几步揭开词元，把没把握的重新掩码"
              "（Mask-Predict，Ghazvininejad 等人（2019）；MaskGIT，Chang 等人（2022））。",
    },
    "txt.phrase_intro": {
        "en": "Sections 2 and 3 work on this phrase (words of the corpus, at most 8):",
        "zh": "第 2、3 节处理下面这个短语（语料里的字，最多 8 个）：",
    },
    "txt.phrase": {"en": "Phrase", "zh": "短语"},
    "txt.phrase_help": {
        "en": "Words of the English toy corpus, separated by spaces.",
        "zh": "中文玩具语料里出现过的字（空格会被忽略）。",
    },
    # ------------------------------------------------------------ 2
    "txt.s2": {"en": "2. Noise in an embedding space", "zh": "2. 在嵌入空间里加噪声"},
    "txt.s2_text": {
        "en": "Give every token a fixed vector e_v (here: random unit vectors in 8 dimensions), "
              "run the Gaussian forward process on the vectors, and read a token back by "
              "rounding to the nearest embedding. Diffusion-LM learns the embedding; the "
              "rounding step is the same.",
        "zh": "给每个词元一个固定的向量 e_v（这里：8 维的随机单位向量），在向量上跑高斯前向过程，"
              "再取最近的嵌入向量，读回一个词元。Diffusion-LM 的嵌入是学出来的；取整这一步相同。",
    },
    "txt.abar": {"en": "ᾱ (signal kept)", "zh": "ᾱ（保留的信号）"},
    "txt.col_word": {"en": "token x₀", "zh": "词元 x₀"},
    "txt.col_rounded": {"en": "rounded x̂", "zh": "取整后 x̂"},
    "txt.col_dist": {"en": "‖z − e(x₀)‖", "zh": "‖z − e(x₀)‖"},
    "txt.abar_axis": {"en": "ᾱ", "zh": "ᾱ"},
    "txt.acc_axis": {"en": "P(x̂ = x₀)", "zh": "P(x̂ = x₀)"},
    "txt.s2_read": {
        "en": "At ᾱ = {abar}, {right} of the {n} tokens round back to themselves in this draw; "
              "over many draws and all {V} tokens the rate is {acc} (the curve; dotted: chance "
              "1/V). Somewhere between ᾱ = 1 and 0 the rounded token jumps to an unrelated "
              "word: nothing in between is a word, which is why Diffusion-LM needs a learned "
              "embedding and a rounding loss.",
        "zh": "在 ᾱ = {abar} 时，这一次抽样里 {n} 个词元中有 {right} 个取整后回到自己；"
              "对所有 {V} 个词元多次抽样，比例是 {acc}（曲线；虚线：随机猜中的 1/V）。"
              "从 ᾱ = 1 到 0 之间，取整的结果会跳到一个不相干的词：中间没有「半个词」，"
              "所以 Diffusion-LM 需要学出来的嵌入和一项取整损失。",
    },
    "txt.check_round": {
        "en": "Live check: the engine's rounding (nearest embedding by distance) equals an "
              "independent rounding by the largest inner product ⟨z, e_v⟩ for all {n} tokens "
              "(equal for unit vectors).",
        "zh": "实时检验：引擎的取整（按距离找最近的嵌入）与另一种独立算法（取内积 ⟨z, e_v⟩ "
              "最大者）对全部 {n} 个词元给出同一个词元（单位向量时二者相等）。",
    },
    # ------------------------------------------------------------ 3
    "txt.s3": {"en": "3. Masking instead of noise", "zh": "3. 用掩码代替噪声"},
    "txt.s3_text": {
        "en": "The forward process of absorbing-state diffusion: at step t each token is still "
              "itself with probability ᾱₜ and [MASK] otherwise, and a [MASK] never turns back. "
              "Here T = {T}, so ᾱₜ = 1 − t/{T}. One uniform number per token decides when it is "
              "masked, so moving the slider shows one trajectory.",
        "zh": "吸收态扩散的前向过程：第 t 步时每个词元以概率 ᾱₜ 保持原样，否则变成 [MASK]，"
              "而 [MASK] 永远不会变回来。这里 T = {T}，所以 ᾱₜ = 1 − t/{T}。每个词元用一个"
              "均匀随机数决定它何时被掩码，所以拖动滑块看到的是同一条轨迹。",
    },
    "txt.t_slider": {"en": "time step t (of T = {T})", "zh": "时间步 t（共 T = {T} 步）"},
    "txt.seed": {"en": "seed", "zh": "随机种子"},
    "txt.s3_read": {
        "en": "At t = {t} (ᾱₜ = {abar}), {k} of the {n} tokens are [MASK] in this draw.",
        "zh": "在 t = {t}（ᾱₜ = {abar}）时，这一次抽样里 {n} 个词元中有 {k} 个是 [MASK]。",
    },
    "txt.s3_check_head": {
        "en": "The reverse step needs the posterior: a [MASK] at step t was already [MASK] at "
              "t − 1 with probability (t − 1)/t, otherwise it is revealed as x₀.",
        "zh": "反向的一步需要后验：第 t 步的 [MASK] 在 t − 1 步时已经是 [MASK] 的概率为 "
              "(t − 1)/t，否则它被揭开，就是 x₀。",
    },
    "txt.check_post": {
        "en": "Live check at t = {t}: the engine's q(x_(t−1) = [MASK] | x_t = [MASK], x₀) = {eng}; "
              "Bayes' rule with the transition matrices Qₛ multiplied out gives {bayes}.",
        "zh": "t = {t} 时的实时检验：引擎的 q(x_(t−1) = [MASK] | x_t = [MASK], x₀) = {eng}；"
              "用转移矩阵 Qₛ 相乘再套贝叶斯公式得到 {bayes}。",
    },
    "txt.post_t0": {
        "en": "At t = 0 nothing is masked and there is no reverse step; move t to 1 or more for "
              "the posterior check.",
        "zh": "t = 0 时没有词元被掩码，也没有反向的一步；把 t 调到 1 或更大才能检验后验。",
    },
    "txt.check_mc": {
        "en": "Live check (Monte Carlo): over {n} tokens drawn from q(x_t | x₀), the fraction "
              "masked is {frac}; 1 − ᾱₜ = {want} (standard error {se}, tolerance {k} standard "
              "errors).",
        "zh": "实时检验（蒙特卡洛）：从 q(x_t | x₀) 抽 {n} 个词元，被掩码的比例是 {frac}；"
              "1 − ᾱₜ = {want}（标准误 {se}，容差 {k} 个标准误）。",
    },
    # ------------------------------------------------------------ 4
    "txt.s4": {"en": "4. Decoding: Mask-Predict and MaskGIT, step by step",
               "zh": "4. 解码：Mask-Predict 与 MaskGIT，一步一步"},
    "txt.s4_text": {
        "en": "Both decoders start from all [MASK] and use the trained masked-token model "
              "(section 7), which gives every position a distribution over the vocabulary. "
              "**MaskGIT** samples every masked position, keeps the most confident samples and "
              "re-masks the rest; a token once kept is never re-masked. **Mask-Predict** "
              "predicts all positions by argmax, then re-masks the lowest-probability tokens "
              "among *all* N (a token it wrote earlier can be rewritten) and predicts those "
              "again. The schedules are the official ones:",
        "zh": "两个解码器都从全是 [MASK] 开始，使用训练好的掩码词元模型（第 7 节），它给每个位置"
              "一个词表上的分布。**MaskGIT** 对每个被掩码的位置采样，保留置信度最高的样本，"
              "其余的重新掩码；保留下来的词元不再被掩码。**Mask-Predict** 先用 argmax 预测所有"
              "位置，然后在*全部* N 个词元中把概率最低的那些重新掩码（之前写下的词元也可能被改写）"
              "，"
              "再预测它们。步数分配采用官方代码的公式：",
    },
    "txt.steps": {"en": "steps T", "zh": "步数 T"},
    "txt.steps_help": {
        "en": "MaskGIT reveals at least one token per step, so it needs T ≤ N = {N}.",
        "zh": "MaskGIT 每步至少揭开一个词元，所以需要 T ≤ N = {N}。",
    },
    "txt.tau": {"en": "MaskGIT temperature τ", "zh": "MaskGIT 温度 τ"},
    "txt.tau_help": {
        "en": "Weight of the Gumbel noise added to the confidence; it decays to 0 at the last "
              "step (the official default is 4.5).",
        "zh": "加在置信度上的 Gumbel 噪声的权重；到最后一步衰减为 0（官方默认值 4.5）。",
    },
    "txt.bad_T": {
        "en": "T must be at least 1: decoding takes at least one step.",
        "zh": "T 至少为 1：解码至少要一步。",
    },
    "txt.bad_NT": {
        "en": "MaskGIT needs N ≥ T: with N = {N} tokens and T = {T} steps some step would reveal "
              "no token. Mask-Predict still runs (right).",
        "zh": "MaskGIT 需要 N ≥ T：N = {N} 个词元、T = {T} 步时，总有一步揭不开任何词元。"
              "Mask-Predict 照常运行（右侧）。",
    },
    "txt.col_step": {"en": "step", "zh": "步"},
    "txt.col_mg": {"en": "MaskGIT: still [MASK] after the step",
                   "zh": "MaskGIT：这一步之后仍是 [MASK] 的个数"},
    "txt.col_mp": {"en": "Mask-Predict: (re-)predicted at the step",
                   "zh": "Mask-Predict：这一步（重新）预测的个数"},
    "txt.step": {"en": "step {s}", "zh": "第 {s} 步"},
    "txt.h_fixed": {"en": "{w}: kept at an earlier step, never re-masked",
                    "zh": "{w}：在更早的一步保留，不再掩码"},
    "txt.h_remasked": {"en": "sampled {w} with p = {p}; confidence {c} too low: re-masked",
                       "zh": "采样到 {w}，p = {p}；置信度 {c} 太低：重新掩码"},
    "txt.h_new": {"en": "sampled {w} with p = {p}; confidence {c} high enough: kept",
                  "zh": "采样到 {w}，p = {p}；置信度 {c} 够高：保留"},
    "txt.h_repredicted": {"en": "re-masked and predicted again: {w}, p = {p}",
                          "zh": "重新掩码后再次预测：{w}，p = {p}"},
    "txt.h_kept": {"en": "kept from before: {w}, p = {p}", "zh": "沿用之前的：{w}，p = {p}"},
    "txt.result": {"en": "Result: **{text}**", "zh": "结果：**{text}**"},
    "txt.grid_caption": {
        "en": "Each row is one step, each cell a position with its token and the probability "
              "the model gave it. MaskGIT: green = sampled and kept, orange (italic) = sampled "
              "but re-masked, blue = kept earlier. Mask-Predict: green = re-masked and "
              "predicted at this step, blue = kept from the step before. · is padding.",
        "zh": "每行是一步，每格是一个位置：它的词元和模型给它的概率。MaskGIT：绿色 = 采样并保留，"
              "橙色（斜体）= 采样后又被重新掩码，蓝色 = 更早保留的。Mask-Predict：绿色 = 这一步"
              "被重新掩码并重新预测，蓝色 = 沿用上一步的。· 是填充。",
    },
    "txt.s4_read": {
        "en": "Why these tokens: in Mask-Predict the green cells of a row are exactly the "
              "lowest probabilities of the row above; in MaskGIT the orange cells are the "
              "samples with the lowest confidence log p + Gumbel noise, so early on a likely "
              "token can be re-masked by bad luck. Both reveal several tokens per step, and "
              "so sample them independently given the rest — the price of that is in "
              "section 5.",
        "zh": "为什么是这些词元：Mask-Predict 中一行的绿色格子恰好是上一行概率最低的那些；"
              "MaskGIT 中橙色格子是置信度 log p + Gumbel 噪声最低的样本，所以早期一个很可能的词元"
              "也可能因为运气差被重新掩码。两者每步都揭开好几个词元，也就是在给定其余词元的条件下"
              "把它们独立地采样——这样做的代价见第 5 节。",
    },
    "txt.check_mp": {
        "en": "Live check (Mask-Predict, T = {T}, N = {N}): step 1 predicts all N tokens and "
              "each later step t + 1 re-masks exactly the ⌊N(T − t)/T⌋ (exact fractions) "
              "lowest-probability tokens of step t (recomputed with numpy's argsort).",
        "zh": "实时检验（Mask-Predict，T = {T}，N = {N}）：第 1 步预测全部 N 个词元，之后第 t + 1 "
              "步重新掩码的恰是第 t 步中概率最低的 ⌊N(T − t)/T⌋ 个（用精确分数计算；用 numpy 的 "
              "argsort 重新排序）。",
    },
    "txt.check_mg": {
        "en": "Live check (MaskGIT): [MASK] count after each step {got}; the cosine schedule "
              "recomputed here gives {want}; at every step the re-masked samples have the lowest "
              "confidence; tokens kept at a step never change later.",
        "zh": "实时检验（MaskGIT）：每步之后的 [MASK] 个数 {got}；这里重新按余弦公式计算得 "
              "{want}；每一步被重新掩码的样本置信度都最低；某步保留的词元之后不再改变。",
    },
    "txt.check_counts": {
        "en": "Live check: mask_predict_counts(N, T) equals ⌊N(T − t)/T⌋ in exact fractions for "
              "every N ≤ 16 and T ≤ N, and the formula sheet's sequences hold: "
              "maskgit_schedule(16, 8) = 15, 14, 13, 11, 8, 6, 3, 0; mask_predict_counts(16, 8) "
              "= 14, 12, 10, 8, 6, 4, 2.",
        "zh": "实时检验：对每个 N ≤ 16、T ≤ N，mask_predict_counts(N, T) 都等于精确分数算出的 "
              "⌊N(T − t)/T⌋；公式表里的序列成立：maskgit_schedule(16, 8) = 15, 14, 13, 11, 8, 6, "
              "3, 0；mask_predict_counts(16, 8) = 14, 12, 10, 8, 6, 4, 2。",
    },
    "txt.float_pitfall": {
        "en": "Why integers: in floating point, int(5·(1 − 4/5)) = {bad}, while ⌊5·(5 − 4)/5⌋ = "
              "{good}; with N = T = 5 the float version would re-mask nothing at the last "
              "iteration.",
        "zh": "为什么用整数：浮点运算中 int(5·(1 − 4/5)) = {bad}，而 ⌊5·(5 − 4)/5⌋ = {good}；"
              "N = T = 5 时浮点版本在最后一轮一个词元也不会重新掩码。",
    },
    # ------------------------------------------------------------ 5
    "txt.s5": {"en": "5. The exact price of decoding in parallel",
               "zh": "5. 并行解码的确切代价"},
    "txt.s5_text": {
        "en": "Take two tokens x¹, x² over a vocabulary {a, b, c} with the joint p on the left "
              "(the formula sheet's table). A denoiser, even a perfect one, gives each masked "
              "position its own conditional p(xˡ | visible). Unmasking both in one step draws "
              "them independently, from p(x¹)p(x²) (right), not from p(x¹, x²): the diagonal "
              "(equal tokens) loses mass.",
        "zh": "取两个词元 x¹、x²，词表为 {a, b, c}，联合分布 p 见左图（公式表里的表格）。"
              "去噪器即使完美，也只给每个被掩码的位置各自的条件分布 p(xˡ | 可见词元)。一步同时揭开"
              "两个，等于独立地从 p(x¹)p(x²)（右图）采样，而不是从 p(x¹, x²)：对角线（两个词元"
              "相同）上的概率质量变少了。",
    },
    "txt.joint": {"en": "joint p(x¹, x²)", "zh": "联合分布 p(x¹, x²)"},
    "txt.product": {"en": "one step: p(x¹) p(x²)", "zh": "一步：p(x¹) p(x²)"},
    "txt.check_mi": {
        "en": "Live check: the engine's error of unmasking both at once, by enumeration of the "
              "table, is {eng} nats; the mutual information Σ p log p/(p₁p₂) summed by hand "
              "from the nine numbers is {hand} nats.",
        "zh": "实时检验：引擎对表格枚举算出的「一次揭开两个」的误差为 {eng} nat；直接用九个数"
              "手算互信息 Σ p log p/(p₁p₂) 得 {hand} nat。",
    },
    "txt.s5_seq": {
        "en": "One token at a time costs nothing: once x¹ is visible, only x² is masked and its "
              "conditional is exact (the error for x¹ = a, b, c is 0 up to rounding: at most {e} "
              "nats). The error is the "
              "dependence between tokens revealed together, not the denoiser.",
        "zh": "一次揭开一个则没有代价：x¹ 可见后只剩 x² 被掩码，它的条件分布是精确的"
              "（x¹ = a、b、c 时误差都为 0，只差舍入：至多 {e} nat）。"
              "误差来自同时揭开的词元之间的依赖，"
              "而不是去噪器。",
    },
    "txt.s5_nelbo": {
        "en": "The same price appears in the ELBO. With T steps and the exact denoiser, the "
              "negative ELBO summed over positions is:",
        "zh": "同样的代价也出现在 ELBO 里。用 T 步和精确去噪器，按位置求和的负 ELBO 为：",
    },
    "txt.T_table": {"en": "number of steps T", "zh": "步数 T"},
    "txt.averaged_word": {"en": "averaged", "zh": "平均"},
    "txt.check_nelbo": {
        "en": "Live check at T = {T}: the engine's E_p[−ELBO] over all nine cells and all "
              "masking patterns is {eng}; H + I/T from the hand-summed entropy and mutual "
              "information is {want}.",
        "zh": "T = {T} 时的实时检验：引擎对九个格子和所有掩码模式算出的 E_p[−ELBO] = {eng}；"
              "用手算的熵与互信息得 H + I/T = {want}。",
    },
    "txt.summed": {"en": "summed over masked positions (the ELBO)",
                   "zh": "对被掩码的位置求和（ELBO）"},
    "txt.averaged": {"en": "averaged over the masked count (not a bound)",
                     "zh": "对被掩码个数取平均（不是界）"},
    "txt.nats": {"en": "nats", "zh": "nat"},
    "txt.s5_read": {
        "en": "The gap to H = {H} nats is I/T: the expected cost of revealing dependent tokens "
              "together, shrinking as more steps reveal fewer tokens each. Revealing one token "
              "per step in a fixed order (T = 2) gives exactly {fixed} nats = H: that is "
              "autoregression. Dividing each step's loss by the number of masked tokens "
              "(dashed) gives less than H at every T shown (about 1.33 nats for large T): it is "
              "no longer a bound on −log p(x).",
        "zh": "与 H = {H} nat 的差距是 I/T：同时揭开相互依赖的词元的期望代价，步数越多、每步揭开"
              "的越少，它就越小。按固定顺序每步揭开一个（T = 2）恰好得到 {fixed} nat = H：这就是"
              "自回归。把每步的损失除以被掩码的个数（虚线）在图中每个 T 上都低于 H"
              "（T 大时约 1.33 nat）：它不再是 −log p(x) 的界。",
    },
    # ------------------------------------------------------------ 6
    "txt.s6": {"en": "6. The same decoders on digit tokens", "zh": "6. 同样的解码器用在数字词元上"},
    "txt.s6_text": {
        "en": "Masked visual token modelling: a 16×16 digit is cut into 16 patches of 4×4 "
              "pixels, and each patch becomes the index of its nearest codeword in a 16-word "
              "k-means codebook. The same kind of masked-token model, trained on these tokens, "
              "runs under the very same decoders; a grey patch is [MASK]. Four digits are "
              "decoded at once.",
        "zh": "掩码视觉词元建模：把 16×16 的数字图像切成 16 块 4×4 像素，每块用 k-means 码本"
              "（16 个码字）里最近的码字编号代替。同一种掩码词元模型在这些词元上训练后，用的是完全"
              "相同的解码器；灰色块就是 [MASK]。一次解码四个数字。",
    },
    "txt.glyph_caption": {
        "en": "{name}: the four digits after the steps shown (at most six, always the last).",
        "zh": "{name}：所示各步之后的四个数字（最多六步，总含最后一步）。",
    },
    "txt.s6_read": {
        "en": "MaskGIT fills a few patches per step and never revisits them; Mask-Predict "
              "writes a whole guess at step 1 and then repaints its least sure patches. "
              "Mask-Predict takes the argmax, so from the same all-[MASK] start its four "
              "digits are identical; MaskGIT samples, so its four differ. The live checks below "
              "re-verify both decoders' rules on these tokens.",
        "zh": "MaskGIT 每步填几块，之后不再改动；Mask-Predict 第 1 步就给出一整幅猜测，然后重画"
              "最没把握的那些块。Mask-Predict 取 argmax，从同样的全 [MASK] 出发，四个数字完全相同；"
              "MaskGIT 采样，四个各不相同。下面的实时检验在这些词元上重新验证两个解码器的规则。",
    },
    # ------------------------------------------------------------ 7
    "txt.s7": {"en": "7. The masked-token models", "zh": "7. 掩码词元模型"},
    "txt.s7_text": {
        "en": "Each model is a small MLP that reads all N positions (one-hot, [MASK] included) "
              "and outputs a distribution over the vocabulary at every position. It is trained "
              "by masking each position with a probability r ~ U(0, 1) and minimising the "
              "cross-entropy on the masked positions, {steps} Adam steps. The shipped models "
              "were trained from seed 0 by `python -m ddpm_core.pretrain`; every 10th phrase "
              "(digit) is held out. Accuracy: mask one position of a held-out phrase, the rest "
              "visible, and predict it by argmax (padding not counted).",
        "zh": "每个模型是一个小 MLP：读入全部 N 个位置（one-hot，含 [MASK]），在每个位置输出词表上"
              "的分布。训练时每个位置以概率 r ~ U(0, 1) 被掩码，最小化被掩码位置上的交叉熵，共 "
              "{steps} 步 Adam。随附的模型由 `python -m ddpm_core.pretrain` 从种子 0 训练；每 10 个"
              "短语（数字）留出一个。准确率：留出短语中掩码一个位置、其余可见，用 argmax 预测它"
              "（填充不计）。",
    },
    "txt.col_set": {"en": "token set", "zh": "词元集"},
    "txt.col_acc": {"en": "held-out accuracy (now)", "zh": "留出集准确率（现在）"},
    "txt.col_stored": {"en": "at build time", "zh": "构建时"},
    "txt.col_bar": {"en": "bar", "zh": "门槛"},
    "txt.col_base": {"en": "most frequent token per position", "zh": "每个位置最常见的词元"},
    "txt.col_n": {"en": "held-out rows", "zh": "留出行数"},
    "txt.col_sec": {"en": "training (s)", "zh": "训练（秒）"},
    "txt.set_en": {"en": "English words", "zh": "英文词"},
    "txt.set_zh": {"en": "Chinese characters", "zh": "中文字"},
    "txt.set_glyphs": {"en": "digit patches", "zh": "数字图块"},
    "txt.check_acc": {
        "en": "Live check: re-measured now, each model's held-out accuracy equals the one "
              "recorded when it was built (to within one prediction: another thread count may "
              "break an exact tie the other way), and passes its bar and the per-position "
              "most-frequent-token baseline.",
        "zh": "实时检验：现在重新测得的留出集准确率与构建时记录的一致（至多差一个预测："
              "换一个线程数可能让恰好相等的两个概率分出另一种先后），并且都超过门槛和"
              "「每个位置取最常见词元」的基线。",
    },
    "txt.decode_time": {
        "en": "Decoding a whole phrase with MaskGIT in 8 steps takes {ms} ms here (median of 5, "
              "this server).",
        "zh": "用 MaskGIT 8 步解码一整个短语，在本服务器上需要 {ms} 毫秒（5 次的中位数）。",
    },
    "txt.fill_head": {
        "en": "Ask the model yourself: write a phrase with `_` where a token is masked.",
        "zh": "自己问问模型：写一个短语，用 `_` 表示被掩码的字。",
    },
    "txt.fill": {"en": "Phrase with blanks", "zh": "带空位的短语"},
    "txt.fill_help": {"en": "For example: i drink _ every day",
                      "zh": "例如：我每天喝_"},
    "txt.fill_read": {
        "en": "The model's three most probable tokens at each blank, all blanks predicted at "
              "once from the visible tokens (· is padding):",
        "zh": "模型在每个空位上概率最高的三个词元，所有空位都只根据可见的字一次性预测（· 是填充）"
              "：",
    },
    "txt.bad_empty": {"en": "The phrase is empty: type a few words of the corpus.",
                      "zh": "短语是空的：请输入语料里的几个字。"},
    "txt.bad_long": {
        "en": "The phrase has {n} tokens, more than the model's context of N = {N}.",
        "zh": "短语有 {n} 个词元，超过了模型的上下文长度 N = {N}。",
    },
    "txt.bad_unknown": {
        "en": "Not in the vocabulary: {words}. The model knows these {V} words: {vocab}",
        "zh": "不在词表里：{words}。模型认识这 {V} 个字：{vocab}",
    },
    "txt.bad_no_blank": {
        "en": "Put at least one `_` where the model should fill in a token.",
        "zh": "请至少放一个 `_`，表示要模型填的位置。",
    },
    "txt.no_models": {
        "en": "The shipped masked-token models are missing ({names}); build them with "
              "`python -m ddpm_core.pretrain --only masked_en masked_zh masked_glyphs`.",
        "zh": "缺少随附的掩码词元模型（{names}）；请运行 "
              "`python -m ddpm_core.pretrain --only masked_en masked_zh masked_glyphs` 构建。",
    },
    # ------------------------------------------------------------ 8
    "txt.s8": {"en": "8. Train one yourself", "zh": "8. 自己训练一个"},
    "txt.s8_text": {
        "en": "The same training runs in a worker process (never on the web server's thread); "
              "when it finishes, sections 4 and 6 and the blanks of section 7 use your model "
              "instead of the shipped one (switch below). The default training (600 steps) took "
              "7–11 s per model on the 2-core build machine; "
              "workers run at a low priority, so it takes longer while the server is busy.",
        "zh": "同样的训练在一个工作进程里运行（从不占用网页服务器的线程）；训练完成后，第 4、6 "
              "节和第 7 节的填空"
              "改用你的模型（可在下方切换）。默认训练（600 步）在 2 核的构建机器上每个模型用了 "
              "7–11 秒；"
              "工作进程的优先级较低，服务器忙时会更久。",
    },
    "txt.train_set": {"en": "token set", "zh": "词元集"},
    "txt.train_steps": {"en": "training steps", "zh": "训练步数"},
    "txt.train": {"en": "Train", "zh": "开始训练"},
    "txt.stop": {"en": "Stop", "zh": "停止"},
    "txt.job_queued": {"en": "Waiting for a free worker: position {pos} in the queue.",
                       "zh": "等待空闲的工作进程：排在第 {pos} 位。"},
    "txt.job_progress": {"en": "step {done} of {steps}, {s} s",
                         "zh": "第 {done} / {steps} 步，{s} 秒"},
    "txt.job_done": {
        "en": "Your model ({name}) is ready: held-out accuracy {acc} (the shipped model's bar "
              "is {bar}), trained in {s} s.",
        "zh": "你的模型（{name}）训练好了：留出集准确率 {acc}（随附模型的门槛为 {bar}），"
              "用时 {s} 秒。",
    },
    "txt.job_error": {"en": "The training job ended without a model: {msg}",
                      "zh": "训练任务结束了，但没有得到模型：{msg}"},
    "txt.use_mine": {"en": "Use my model(s) ({names})", "zh": "使用我的模型（{names}）"},
}
