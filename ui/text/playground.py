TEXT = {
    "play.title": {"en": "Training playground", "zh": "训练游乐场"},
    "play.question": {
        "en": "Does Algorithm 1, run here on this machine's CPU, really learn to make samples "
              "that look like the data?",
        "zh": "在这台机器的 CPU 上运行算法 1，真的能学会生成与数据相像的样本吗？",
    },
    "play.intro": {
        "en": "Train your own noise predictor $\\epsilon_\\theta$ with **Algorithm 1**, here, "
              "on this machine's CPU: pick a dataset and a network, press **Train**, and "
              "watch the loss fall towards the lowest value any network could reach. The "
              "noise schedule and $T$ come from the sidebar. Your model stays with you when "
              "you visit other pages (the sampling and ε-objective pages can use it), and "
              "you can download it and upload it again later.",
        "zh": "在这台机器的 CPU 上，用**算法 1** 亲手训练一个噪声预测器 "
              "$\\epsilon_\\theta$：选一个数据集和一个网络，按下**训练**，看损失一路降向"
              "任何网络都无法越过的下限。噪声调度和 $T$ 取自侧边栏。切换到其他页面时你的"
              "模型会一直保留（采样页和 ε 目标函数页都能用它），也可以下载下来，之后再上传。",
    },
    "play.s1": {"en": "1. Data and network", "zh": "1. 数据与网络"},
    "play.schedule_note": {
        "en": "Schedule from the sidebar: {kind}, T = {T}, β₁ = {b1:.3g}, β_T = {bT:.3g}.",
        "zh": "侧边栏的调度：{kind}，T = {T}，β₁ = {b1:.3g}，β_T = {bT:.3g}。",
    },
    "play.dataset": {"en": "Dataset", "zh": "数据集"},
    "play.ds_hint.8gaussians": {"en": "exact ε* known", "zh": "已知精确 ε*"},
    "play.ds_hint.rings": {"en": "slow learner", "zh": "学得慢"},
    "play.width": {"en": "Width (units per layer)", "zh": "宽度（每层单元数）"},
    "play.depth": {"en": "Depth (hidden layers)", "zh": "深度（隐藏层数）"},
    "play.channels": {"en": "U-Net channels", "zh": "U-Net 通道数"},
    "play.channels_help": {
        "en": "Channels of the small U-Net's first level; more is sharper but slower.",
        "zh": "小 U-Net 第一层的通道数；越多越清晰，但越慢。",
    },
    "play.steps": {"en": "Training steps", "zh": "训练步数"},
    "play.lr": {"en": "Learning rate", "zh": "学习率"},
    "play.batch": {"en": "Batch size", "zh": "批大小"},
    "play.seed": {"en": "Seed (data and initial weights)", "zh": "随机种子（数据与初始权重）"},
    "play.digits_note": {
        "en": "Images train far more slowly than points on a CPU: expect about a tenth of "
              "a second per step. A few hundred steps already give blurry digit shapes; "
              "the shipped pretrained digits model trained much longer.",
        "zh": "在 CPU 上，图像比二维点训练得慢得多：每步约零点一秒。几百步就能出现模糊的"
              "数字轮廓；随应用提供的预训练数字模型训练得久得多。",
    },
    "play.train": {"en": "▶ Train", "zh": "▶ 训练"},
    "play.stop": {"en": "⏹ Stop (keep what was learned)", "zh": "⏹ 停止（保留已学到的）"},
    "play.data": {"en": "data", "zh": "数据"},
    "play.samples": {"en": "samples", "zh": "样本"},
    "play.data_title": {"en": "Training data: {name}", "zh": "训练数据：{name}"},
    "play.data_caption_digits": {"en": "Training data: 64 of the glyph digits",
                                 "zh": "训练数据：64 张字形数字"},
    "play.s2": {"en": "2. Training, live", "zh": "2. 实时训练"},
    "play.no_run": {"en": "No run yet: press Train.", "zh": "还没有训练：请按“训练”。"},
    "play.error": {"en": "Training failed: {msg}", "zh": "训练失败：{msg}"},
    "play.error_zh": {
        "en": "Training failed. Try a smaller learning rate or another seed.",
        "zh": "训练失败。请试试更小的学习率或换一个随机种子。",
    },
    "play.progress": {
        "en": "step {done} / {steps} · {sec:.1f} s · {rate:.1f} ms per step",
        "zh": "第 {done} / {steps} 步 · {sec:.1f} 秒 · 每步 {rate:.1f} 毫秒",
    },
    "play.limits": {
        "en": "Limits on this server, so that each run ends in seconds to minutes on its CPU: "
              "T ≤ {T}, training steps ≤ {steps:,}, batch ≤ {batch:,}, width ≤ {width}, "
              "depth ≤ {depth}, U-Net channels ≤ {channels}; digits at most {dsteps:,} steps "
              "at batch ≤ {dbatch}. Uploaded models must fit the same limits.",
        "zh": "这台服务器的上限（让每次训练在它的 CPU 上几秒到几分钟内结束）：T ≤ {T}，"
              "训练步数 ≤ {steps:,}，批大小 ≤ {batch:,}，宽度 ≤ {width}，深度 ≤ {depth}，"
              "U-Net 通道数 ≤ {channels}；数字最多 {dsteps:,} 步、批大小 ≤ {dbatch}。"
              "上传的模型也须在这些上限之内。",
    },
    "play.digits_limit": {
        "en": "Not started: digits train at most {steps:,} steps at batch ≤ {batch} here "
              "(images are about 30 times slower per step than points). Lower the steps or "
              "the batch and press Train again.",
        "zh": "未开始：这里的数字训练最多 {steps:,} 步、批大小 ≤ {batch}（图像每步比二维点"
              "慢约 30 倍）。请减少步数或批大小后再按“训练”。",
    },
    "play.queued": {
        "en": "Waiting for a free trainer: your run is number {pos} in the queue. This server "
              "trains at most {k} run(s) at once so that every page stays quick for everyone; "
              "it starts by itself when a run ahead of it ends.",
        "zh": "正在等待空闲的训练进程：你的训练排在队列第 {pos} 位。为了让每个人的页面都保持"
              "流畅，这台服务器同时最多训练 {k} 个任务；前面的任务结束后，它会自动开始。",
    },
    "play.stop_queued": {"en": "⏹ Leave the queue", "zh": "⏹ 退出队列"},
    "play.cancelled": {"en": "The run left the queue before it started: press Train again.",
                       "zh": "训练在开始前已退出队列：请再按一次“训练”。"},
    "play.abandoned": {
        "en": "The run was stopped because this page was closed: press Train again.",
        "zh": "由于页面已关闭，训练已被停止：请再按一次“训练”。",
    },
    "play.stopped": {
        "en": "Stopped after {done} of {steps} steps. The model keeps what it learned so "
              "far: it is yours below.",
        "zh": "在 {steps} 步中的第 {done} 步停止。模型保留了到此为止学到的东西：见下方。",
    },
    "play.done": {"en": "Finished {steps} steps in {sec:.1f} s.",
                  "zh": "{steps} 步训练完成，用时 {sec:.1f} 秒。"},
    "play.floor": {"en": "floor: 1 − Γ averaged over t (exact ε*)",
                   "zh": "下限：对 t 平均的 1 − Γ（精确 ε*）"},
    "play.loss": {"en": "training loss L_simple", "zh": "训练损失 L_simple"},
    "play.step": {"en": "training step", "zh": "训练步"},
    "play.loss_axis": {"en": "loss (mean over coordinates, log scale)",
                       "zh": "损失（坐标平均，对数坐标）"},
    "play.floor_caption": {
        "en": "Even the exact noise predictor ε* = E[ε | x_t] has loss {floor:.4f}: ε cannot "
              "be recovered from x_t exactly, so L_simple never reaches 0. Your last "
              "logged losses average {last:.4f}.",
        "zh": "即使是精确的噪声预测器 ε* = E[ε | x_t]，损失也有 {floor:.4f}：ε 无法从 x_t "
              "完全恢复，所以 L_simple 永远到不了 0。你最后几次记录的损失平均为 {last:.4f}。",
    },
    "play.no_floor": {
        "en": "The exact floor of the loss is known only for Gaussian-mixture data "
              "(8 Gaussians), where ε* has a closed form.",
        "zh": "只有高斯混合数据（8 个高斯）的 ε* 有闭式解，所以只在那里画出损失的精确下限。",
    },
    "play.s3": {"en": "3. Your model: sample from it", "zh": "3. 你的模型：从它采样"},
    "play.no_model": {
        "en": "You have no model yet: train one above or upload one below.",
        "zh": "你还没有模型：在上方训练一个，或在下方上传一个。",
    },
    "play.model_info": {
        "en": "**Your model** — {source}; data: *{dataset}*, {steps} steps; schedule: {kind}, "
              "T = {T}.",
        "zh": "**你的模型** —— {source}；数据：*{dataset}*，{steps} 步；调度：{kind}，T = {T}。",
    },
    "play.source.trained": {"en": "trained here", "zh": "在此训练"},
    "play.source.uploaded": {"en": "uploaded", "zh": "上传所得"},
    "play.steps_unknown": {"en": "an unknown number of", "zh": "未知"},
    "play.sampler": {"en": "Sampler", "zh": "采样器"},
    "play.sampler.ddpm": {"en": "DDPM, all {T} steps", "zh": "DDPM，全部 {T} 步"},
    "play.sampler.ddim": {"en": "DDIM, {S} steps", "zh": "DDIM，{S} 步"},
    "play.sample_seed": {"en": "Sampling seed", "zh": "采样种子"},
    "play.resample": {"en": "🎲 Sample again", "zh": "🎲 重新采样"},
    "play.sampling": {"en": "Sampling…", "zh": "采样中……"},
    "play.sample_time": {"en": "sampling time", "zh": "采样用时"},
    "play.samples_title": {"en": "{n} samples of your model over the data",
                           "zh": "你的模型的 {n} 个样本（背景为数据）"},
    "play.samples_caption_digits": {"en": "{n} samples of your model",
                                    "zh": "你的模型的 {n} 个样本"},
    "play.floor_row": {"en": "noise floor (true vs true)", "zh": "噪声下限（真实 vs 真实）"},
    "play.model_row": {"en": "your samples vs true", "zh": "你的样本 vs 真实"},
    "play.ratio_row": {"en": "ratio to the floor", "zh": "与下限之比"},
    "play.quality_head": {
        "en": "**How good are the samples?** Measured as the app's benchmark measures it: "
              "{r} times, {n} samples (Algorithm 2, all {T} steps) against {n} fresh points of "
              "the data, by the sliced Wasserstein distance (SWD) and the MMD; each is divided by "
              "the noise floor, the same distance between two fresh draws of the data "
              "themselves, and averaged over the {r} repeats.",
        "zh": "**样本有多好？** 与应用的基准测试用同一种量法：重复 {r} 次，每次用 {n} 个样本"
              "（算法 2，全部 {T} 步）与 {n} 个新抽取的数据点比较，计算切片 Wasserstein 距离"
              "（SWD）和 MMD；每个距离都除以噪声下限（两份新抽取的真实数据之间的同一距离），"
              "再对 {r} 次重复取平均。",
    },
    "play.scoring": {
        "en": "Scoring your model: drawing {n} samples through all {T} steps, then comparing "
              "them with the data (in the background; the page stays usable)…",
        "zh": "正在给你的模型打分：先经过全部 {T} 步生成 {n} 个样本，再与数据比较"
              "（在后台进行，页面仍可使用）……",
    },
    "play.quality_ok": {
        "en": "Sharp: SWD is {swd:.2f}× and MMD {mmd:.2f}× the noise floor (the bars are "
              "{swd_bar:g}× and {mmd_bar:g}×; scored in {sec:.0f} s).",
        "zh": "清晰：SWD 为噪声下限的 {swd:.2f} 倍，MMD 为 {mmd:.2f} 倍（标准为 {swd_bar:g} 倍"
              "与 {mmd_bar:g} 倍；打分用时 {sec:.0f} 秒）。",
    },
    "play.quality_low": {
        "en": "Not there yet: SWD is {swd:.2f}× and MMD {mmd:.2f}× the noise floor (the bars "
              "are {swd_bar:g}× and {mmd_bar:g}×; scored in {sec:.0f} s). Train longer, or "
              "change the settings.",
        "zh": "还不够好：SWD 为噪声下限的 {swd:.2f} 倍，MMD 为 {mmd:.2f} 倍（标准为 "
              "{swd_bar:g} 倍与 {mmd_bar:g} 倍；打分用时 {sec:.0f} 秒）。请训练更久，或调整设置。",
    },
    "play.your_digits": {"en": "your samples", "zh": "你的样本"},
    "play.col_template": {"en": "mean similarity to the nearest digit template",
                          "zh": "与最近数字模板的平均相似度"},
    "play.real_digits": {"en": "real digits", "zh": "真实数字"},
    "play.digits_check": {
        "en": "Each image is compared with the ten clean digit templates; real digits set "
              "the bar your samples should approach.",
        "zh": "每张图都与十个干净的数字模板比较；真实数字给出的数值就是你的样本应当接近的标准。",
    },
    "play.to_sampling": {"en": "Step through its denoising on the sampling page",
                         "zh": "在采样页逐步查看它的去噪过程"},
    "play.download": {"en": "⬇ Download your model (.safetensors)",
                      "zh": "⬇ 下载你的模型（.safetensors）"},
    "play.download_failed": {"en": "Could not save the model: {msg}",
                             "zh": "无法保存模型：{msg}"},
    "play.download_failed_zh": {"en": "Could not save the model: it is not a network this "
                                      "app can save.",
                                "zh": "无法保存模型：它不是本应用能保存的网络。"},
    "play.s4": {"en": "4. Upload a model", "zh": "4. 上传模型"},
    "play.upload_intro": {
        "en": "Upload a model downloaded from this page (at most {mb} MB). The file is a "
              "safetensors checkpoint — only tensors and a JSON config, never code — and is "
              "checked before use.",
        "zh": "上传从本页下载的模型（不超过 {mb} MB）。文件是 safetensors 检查点——只含张量和 "
              "JSON 配置，不含代码——使用前会先校验。",
    },
    "play.upload": {"en": "Checkpoint file (.safetensors, at most {mb} MB)",
                    "zh": "检查点文件（.safetensors，不超过 {mb} MB）"},
    "play.upload_failed": {"en": "“{name}” was not loaded: {msg}",
                           "zh": "未能载入“{name}”：{msg}"},
    "play.upload_assumed": {
        "en": "The file does not say which data it was trained on; assuming {name}.",
        "zh": "文件没有说明训练所用的数据；假定为{name}。",
    },
    "play.upload_shape": {
        "en": "the network makes samples of shape {shape}, which does not fit {name}",
        "zh": "该网络生成的样本形状为 {shape}，与{name}不符",
    },
    # why a checkpoint could not be loaded (ui.models.checkpoint_error), fully translated
    "play.ckpt.empty": {"en": "the file is empty", "zh": "文件是空的"},
    "play.ckpt.too_large": {"en": "the file is larger than {mb} MB",
                            "zh": "文件超过 {mb} MB"},
    "play.ckpt.not_safetensors": {"en": "the file is not a safetensors file",
                                  "zh": "文件不是 safetensors 格式"},
    "play.ckpt.not_ours": {"en": "the file is not a checkpoint saved by this app",
                           "zh": "文件不是本应用保存的检查点"},
    "play.ckpt.version": {"en": "the checkpoint was saved by another version of this app",
                          "zh": "检查点由本应用的另一个版本保存，无法读取"},
    "play.ckpt.nan": {"en": "the network's weights contain NaN or infinite values",
                      "zh": "网络权重中含有 NaN 或无穷大"},
    "play.ckpt.tensors": {"en": "the weights do not fit the network the file describes",
                          "zh": "权重与文件所描述的网络不匹配"},
    "play.ckpt.schedule": {"en": "the file's noise schedule is not valid",
                           "zh": "文件中的噪声调度无效"},
    "play.ckpt.config": {"en": "the file's network description is not valid",
                         "zh": "文件中的网络描述无效"},
    "play.ckpt.header": {"en": "the file's header is far too large for a checkpoint",
                         "zh": "文件头过大，不可能是检查点"},
    "play.ckpt.limit": {
        "en": "the file asks for more than this server runs: {what} = {value} (at most {limit})",
        "zh": "该文件要求的规模超出了这台服务器的上限：{what} = {value}（最多 {limit}）",
    },
    "play.ckpt.missing": {"en": "a model file is missing", "zh": "缺少模型文件"},
    "play.ckpt.other": {"en": "the checkpoint could not be read", "zh": "无法读取该检查点"},
}
