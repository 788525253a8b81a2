"""The app's page order, in one place: app.py builds the navigation from it, and every page
ends with a link to the next one (`next_link`)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from .i18n import t


@dataclass(frozen=True)
class PageInfo:
    path: str  # views/<name>.py
    key: str  # nav.<key> is its title
    icon: str  # emoji, so nothing is fetched
    section: str = "derivation"  # nav section: "derivation" | "beyond"
    prefix: str = ""  # the page's catalog prefix when it is not its key ("play" for playground)
    url_keys: tuple[str, ...] = ()  # its widgets bound to the URL (bind="query-params")

    @property
    def question_key(self) -> str:
        """The catalog key of the one line that says which question the page answers."""
        return f"{self.prefix or self.key}.question"


# The lecture's order (DESIGN.md). Pages of later issues are added here, in their place.
PAGES: tuple[PageInfo, ...] = (
    PageInfo("views/overview.py", "overview", "🏠", prefix="ov"),
    PageInfo("views/probability.py", "probability", "🎲", prefix="prob",
             url_keys=("p_heads", "p_trials", "p_a", "p_b", "p_x0", "p_y0", "p_n", "p_k", "p_mu",
                       "p_sigma", "p_is_a", "p_is_s2", "p_K", "p_p1", "p_p2", "p_alpha")),
    PageInfo("views/mle.py", "mle", "📈"),
    PageInfo("views/elbo.py", "elbo", "🧱"),
    PageInfo("views/forward.py", "forward", "➡️",
             url_keys=("forward_t", "forward_ds", "forward_shift", "forward_img_src",
                       "forward_glyph", "forward_present")),
    PageInfo("views/posterior.py", "posterior", "🔁"),
    PageInfo("views/objective.py", "objective", "🎯"),
    PageInfo("views/epsstar.py", "epsstar", "🧭"),
    PageInfo("views/sampling.py", "sampling", "🎞️",
             url_keys=("sampling_model", "sampling_seed", "sampling_n_img", "sampling_n_2d",
                       "sampling_sampler", "sampling_sigma", "sampling_S", "sampling_eta",
                       "sampling_t", "sampling_present")),
    PageInfo("views/playground.py", "playground", "🛝", prefix="play"),
    PageInfo("views/variance.py", "variance", "📏", section="beyond", prefix="var",
             url_keys=("var_model", "var_t", "var_payoff")),
    PageInfo("views/sde.py", "sde", "🌊", section="beyond",
             url_keys=("sde_steps", "sde_seed", "sde_t", "sde_ll_solver", "sde_ll_steps")),
    PageInfo("views/guidance.py", "guidance", "🧲", section="beyond", prefix="guid",
             url_keys=("guid_c", "guid_s", "guid_neg", "guid_digit", "guid_ds")),
    PageInfo("views/vae.py", "vae", "🧬", section="beyond",
             url_keys=("vae_t", "vae_x0", "vae_w", "vae_sigma", "vae_qpost", "vae_m", "vae_s",
                       "vae_data", "vae_noise")),
    PageInfo("views/autoreg.py", "autoreg", "🔗", section="beyond", prefix="ar",
             url_keys=("ar_seed", "ar_t", "ar_order", "ar_steps")),
    PageInfo("views/textdiff.py", "textdiff", "🔤", section="beyond", prefix="txt",
             url_keys=("txt_phrase_en", "txt_phrase_zh", "txt_abar", "txt_t", "txt_fseed",
                       "txt_steps", "txt_seed", "txt_tau", "txt_Tt", "txt_gsteps", "txt_gseed",
                       "txt_fill_en", "txt_fill_zh")),
    PageInfo("views/t2i.py", "t2i", "🖼️", section="beyond",
             url_keys=("t2i_prompt", "t2i_s", "t2i_steps", "t2i_seed", "t2i_d", "t2i_c",
                       "t2i_s2", "t2i_t")),
)


def page_url_keys() -> set[str]:
    """Every page-level setting that lives in the URL (the sidebar's own keys are its own)."""
    return {k for p in PAGES for k in p.url_keys}


def _index(path: str) -> int:
    name = path.replace("\\", "/").rsplit("views/", 1)[-1]
    for i, p in enumerate(PAGES):
        if p.path == f"views/{name}":
            return i
    raise ValueError(f"page {path!r} is not in ui.nav.PAGES")


def next_page(path: str) -> PageInfo | None:
    i = _index(path)
    return PAGES[i + 1] if i + 1 < len(PAGES) else None


def question(key: str) -> None:
    """The one line under a page's title that says which question the page answers."""
    st.markdown(f"**{t('nav.question')}** {t(key)}")


def next_link(path: str) -> None:
    """A page's last element: a link to the next page in the lecture's order."""
    nxt = next_page(path)
    st.divider()
    if nxt is None:
        st.page_link(PAGES[0].path, label=t("nav.back_to_start"), icon=PAGES[0].icon)
    else:
        st.page_link(nxt.path, label=t("nav.next", title=t(f"nav.{nxt.key}")), icon=nxt.icon)
