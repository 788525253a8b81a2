"""The project's Chinese glossary: one term per idea, and the variants it rejects.

Every Chinese string of the catalog (`ui/text/`) uses the term in `zh`; `tests/test_glossary.py`
fails when a Chinese string (outside LaTeX and `code`) matches one of an entry's `reject`
patterns. Dataset and schedule names come from the catalog (`data.*`, `kind.*`), never as raw
identifiers inside a Chinese sentence (`RAW_IDENTIFIERS`).

Style, for every page:
- citations: 「Ho 等人（2020）」 (a name, 等人, the year in full-width brackets);
- equations: 式 (7) (ASCII brackets, a space after 式), never "Eq." or 公式（7）;
- mainland forms: 想象, 幻灯片, 视频;
- a reduction "N times smaller" is said as 变为原来的 1/N, never 少了/缩小了 N 倍.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    en: str
    zh: str
    reject: tuple[str, ...] = field(default_factory=tuple)  # regexes on Chinese text
    note: str = ""


TERMS: tuple[Term, ...] = (
    # --- the derivation's ideas --------------------------------------------------------------
    Term("lower bound (ELBO)", "下界", (), "a bound: 证据下界（ELBO）; never 下限 for a bound"),
    Term("floor (the least value a loss or metric can reach; the noise floor)", "下限",
         (r"底线", r"地板", r"噪声底")),
    Term("live check", "实时检验", (r"实时核对", r"实时检查", r"在线检验", r"实时校验")),
    Term("reverse (process, step, KL)", "反向", (r"逆向", r"逆过程", r"逆扩散")),
    Term("sidebar", "侧边栏", (r"侧栏", r"(?<!侧)边栏")),
    Term("nat (unit of information, natural log)", "nat", (r"奈特", r"纳特")),
    Term("score (∇ log q)", "得分函数", (r"分数函数", r"评分函数", r"打分函数")),
    Term("noise predictor ε_θ", "噪声预测器", (r"噪声预测网络", r"预测噪声的网络")),
    Term("Gaussian mixture", "高斯混合", (r"混合高斯",)),
    Term("KL divergence", "KL 散度", (r"KL\s*距离",), "KL is not a distance"),
    Term("probability mass", "概率质量", (), "质量 alone reads as quality; quality = 质量"),
    Term("mode (a peak of a density)", "峰", (), "multimodal = 多峰"),
    Term("mode-covering (forward KL)", "覆盖各峰", (r"覆盖模式", r"模式覆盖")),
    Term("mode-seeking (reverse KL)", "锁定单峰", (r"模式寻求", r"寻找模式")),
    Term("precision (1/σ²)", "精度（方差的倒数）", (), "accuracy = 准确率; numerical error = 误差"),
    Term("accuracy (fraction correct)", "准确率", (r"正确率",)),
    Term("posterior", "后验", (r"后验概率分布",)),
    Term("forward process", "前向过程", (r"正向过程",)),
    Term("reverse process", "反向过程", ()),
    Term("noise schedule", "噪声调度", (r"噪声表", r"噪声计划")),
    Term("time step t", "时间步 t", (r"时刻步",)),
    Term("sample (noun) / sampling", "样本 / 采样", (r"抽样器",)),
    Term("sampler", "采样器", ()),
    Term("denoise", "去噪", (r"除噪", r"降噪")),
    Term("reparameterization", "重参数化", (r"再参数化", r"重新参数化")),
    Term("importance sampling", "重要性采样", (r"重要度采样", r"重要抽样")),
    Term("evidence", "证据", ()),
    Term("joint / marginal / conditional", "联合 / 边缘 / 条件", (r"边际分布", r"边际密度")),
    Term("entropy", "熵", ()),
    Term("cross-entropy", "交叉熵", ()),
    Term("standard error", "标准误", (r"标准误差",)),
    Term("standard deviation", "标准差", ()),
    Term("bits per dimension", "每维比特数（bits/dim）", (r"比特每维",)),
    Term("data set", "数据集", (r"资料集",)),
    Term("checkpoint", "检查点", (r"存档点",)),
    Term("guidance", "引导", (r"指导(?=尺度|强度|系数)",)),
    Term("the lecture (Hung-yi Lee's 2023 course)", "课程", (r"投影片",)),
    Term("slide", "幻灯片", (r"投影片",)),
    Term("imagine", "想象", (r"想像",)),
    # --- beyond DDPM: tokens, masking, latents -------------------------------------------------
    Term("token", "词元", (r"令牌", r"符元", r"词符")),
    Term("mask / masking ([MASK])", "掩码", (r"掩膜", r"遮罩", r"遮盖")),
    Term("embedding", "嵌入", (r"埋入", r"嵌入向量空间")),
    Term("latent space", "隐空间", (r"潜空间", r"潜在空间", r"潜变量空间")),
    Term("autoregression / autoregressive", "自回归", (r"自迴歸", r"自动回归")),
    Term("mutual information", "互信息", (r"相互信息",)),
    # --- style ------------------------------------------------------------------------------
    Term("citation: Ho et al. (2020)", "Ho 等人（2020）",
         (r"et al\.?", r"[A-Z][A-Za-z]+ 等(?!人)")),
    Term("equation reference: Eq. (7)", "式 (7)", (r"Eq\.", r"公式\s*[（(]\s*\d", r"式\s*（\s*\d")),
    Term("N times smaller", "变为原来的 1/N",
         (r"(?:少|缩小|减小|降低|减少)了?\s*\S{0,8}?\s*倍",)),
)

# Identifiers the code uses for data sets and schedules: inside a Chinese sentence they are
# shown by their catalog names (`data.<id>`, `kind.<id>`), never raw.
RAW_IDENTIFIERS: tuple[str, ...] = (
    "linear", "cosine", "quadratic", "sigmoid", "custom",
    "moons", "8gaussians", "swiss_roll", "checkerboard", "rings", "heart", "digits",
    "beta_tilde",
)
