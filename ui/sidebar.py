"""The shared sidebar: language and the noise schedule (kind, T, β₁, β_T, rescale).

Every control is bound to the URL (`bind="query-params"`), so a lecturer can share a
link to an exact setting; a URL with values that make no sense here falls back to the
defaults with a notice. A degenerate setting never raises: the page gets the default
schedule and the sidebar says why.
"""

from __future__ import annotations

import math

import streamlit as st

from ddpm_core import Schedule

from .i18n import LANGS, default_lang, set_lang, t
from .latex import plain
from .shared_cache import shared

KINDS = ("linear", "cosine", "quadratic", "sigmoid")
DEFAULTS = {"schedule": "linear", "T": 1000, "beta_1": 1e-4, "beta_T": 0.02, "scale": False}
T_MAX = 1000
BETA_1_RANGE = (1e-5, 0.1)
BETA_T_RANGE = (1e-3, 0.999)
X_T_WARN = 1e-2  # ᾱ_T above this: x_T still carries √ᾱ_T > 0.1 of x_0
STREAMLIT_KEYS = {"embed", "embed_options"}


def _valid_url_value(key: str, raw: str) -> bool:
    try:
        if key == "lang_label":
            return raw in LANGS.values()
        if key == "schedule":
            return raw in KINDS
        if key == "T":
            return 1 <= int(raw) <= T_MAX
        if key == "beta_1":
            return BETA_1_RANGE[0] <= float(raw) <= BETA_1_RANGE[1]
        if key == "beta_T":
            return BETA_T_RANGE[0] <= float(raw) <= BETA_T_RANGE[1]
        if key == "scale":
            return raw.lower() in {"true", "false", "1", "0"}
    except ValueError:
        return False
    return False


def bad_url_params() -> list[str]:
    """Names of query parameters that are unknown or invalid (checked once per session).
    A page's own settings (ui.nav's url_keys) are the page's to check: its bound widgets fall
    back to their defaults on values outside their range."""
    from .nav import page_url_keys

    known = {"lang_label", *DEFAULTS}
    pages = page_url_keys()
    bad = []
    for key in st.query_params:
        if key in STREAMLIT_KEYS or key in pages:
            continue
        if key not in known or not _valid_url_value(key, st.query_params[key]):
            bad.append(key)
    return bad


@shared(64)
def get_schedule(kind: str, T: int, beta_1: float, beta_T: float, scale: bool) -> Schedule:
    """Shared by every session: a Schedule is immutable by convention (never write into it)."""
    if kind == "cosine":
        return Schedule.cosine(T)
    if kind == "linear":
        return Schedule.linear(T, beta_1, beta_T, scale_to_T=scale)
    return getattr(Schedule, kind)(T, beta_1, beta_T)


def language_control() -> str:
    """English / 中文; the URL carries the label itself (bound option widgets store their
    displayed text), so a shared link keeps its language."""
    labels = list(LANGS.values())
    label = st.sidebar.segmented_control(
        "Language / 语言", labels, default=LANGS[default_lang()], required=True,
        key="lang_label", bind="query-params")
    code = {v: k for k, v in LANGS.items()}.get(label, "en")
    set_lang(code)
    return code


def schedule_controls() -> Schedule:
    """Draw the schedule controls; return the schedule they describe (or the default one)."""
    from .urlstate import NOTICE_BOX, NOTICE_NAMES, remember_asked

    st.session_state[NOTICE_BOX] = None
    if "url_checked" not in st.session_state:
        st.session_state.url_checked = True
        remember_asked()  # the page's own settings: checked when the page has run (ui.nav)
        bad = bad_url_params()
        box = st.sidebar.empty()  # the page adds the settings it could not use
        st.session_state[NOTICE_BOX] = box
        st.session_state[NOTICE_NAMES] = sorted(bad)
        if bad:
            box.warning(t("notice.bad_url", names=", ".join(sorted(bad))))
    sb = st.sidebar
    sb.subheader(t("sidebar.schedule"))
    # plain option names: a bound selectbox writes its displayed text into the URL, and a
    # shared link must not depend on the language
    kind = sb.selectbox(t("sidebar.kind"), KINDS, key="schedule", bind="query-params")
    sb.caption(t(f"kind.{kind}"))
    T = sb.slider(t("sidebar.T"), 1, T_MAX, DEFAULTS["T"], key="T", bind="query-params")
    fixed = kind == "cosine"  # the cosine schedule has no β endpoints to choose
    beta_1 = sb.slider(t("sidebar.beta_1"), *BETA_1_RANGE, DEFAULTS["beta_1"], step=1e-5,
                       format="%.5f", key="beta_1", bind="query-params", disabled=fixed)
    beta_T = sb.slider(t("sidebar.beta_T"), *BETA_T_RANGE, DEFAULTS["beta_T"], step=1e-3,
                       format="%.3f", key="beta_T", bind="query-params", disabled=fixed)
    scale = sb.toggle(t("sidebar.scale"), DEFAULTS["scale"], help=t("sidebar.scale_help"),
                      key="scale", bind="query-params", disabled=kind != "linear")
    try:
        sched = get_schedule(kind, int(T), float(beta_1), float(beta_T), bool(scale))
    except ValueError:
        value = float(beta_T) * 1000 / int(T)
        sb.warning(t("notice.bad_schedule", reason=t("notice.scale_too_big", value=value, T=T)))
        sched = get_schedule("linear", DEFAULTS["T"], DEFAULTS["beta_1"], DEFAULTS["beta_T"],
                             False)
    ab_T = float(sched.alpha_bars[sched.T])
    sb.caption(t("sidebar.alpha_bar_T", value=plain(ab_T, 4)))  # 4.036 × 10⁻⁵, never 4.036e-05
    if ab_T > X_T_WARN:
        sb.warning(t("notice.x_T_not_noise", value=ab_T, root=math.sqrt(ab_T)))
    if sched.T == 1 and kind != "cosine":
        sb.caption(t("notice.t1_linear"))
    return sched
