"""The app's page order, in one place: app.py builds the navigation from it, and every page
ends with a link to the next one (`next_link`)."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

import streamlit as st

from .i18n import t
from .urlstate import report_unused


@dataclass(frozen=True)
class PageInfo:
    path: str  # views/<name>.py
    key: str  # nav.<key> is its title
    icon: str  # emoji, so nothing is fetched
    section: str = "derivation"  # nav section: "derivation" | "beyond"
    prefix: str = ""  # the page's catalog prefix when it is not its key ("play" for playground)
    # its settings in the URL: widgets bound with bind="query-params", and choices shown by a
    # translated label whose URL value is the option's id (ui.urlstate.url_choice)
    url_keys: tuple[str, ...] = ()

    @property
    def question_key(self) -> str:
        """The catalog key of the one line that says which question the page answers."""
        return f"{self.prefix or self.key}.question"


# The lecture's order (DESIGN.md). Pages of later issues are added here, in their place.
PAGES: tuple[PageInfo, ...] = (
    PageInfo("views/overview.py", "overview", "🏠", prefix="ov",
             url_keys=("ov_model", "ov_seed")),
    PageInfo("views/probability.py", "probability", "🎲", prefix="prob",
             url_keys=("p_heads", "p_trials", "p_a", "p_b", "p_x0", "p_y0", "p_n", "p_k", "p_mu",
                       "p_sigma", "p_is_a", "p_is_s2", "p_K", "p_p1", "p_p2", "p_alpha")),
    PageInfo("views/mle.py", "mle", "📈",
             url_keys=("mle_kind", "mle_s", "mle_n", "mle_mu", "mle_sigma")),
    PageInfo("views/elbo.py", "elbo", "🧱",
             url_keys=("elbo_x", "elbo_w", "elbo_b", "elbo_sigma", "elbo_q_post", "elbo_m",
                       "elbo_s", "elbo_mix", "elbo_sigma2")),
    PageInfo("views/forward.py", "forward", "➡️",
             url_keys=("forward_t", "forward_ds", "forward_shift", "forward_img_src",
                       "forward_glyph", "forward_present")),
    PageInfo("views/posterior.py", "posterior", "🔁",
             url_keys=("posterior_t", "posterior_x0", "posterior_xt")),
    PageInfo("views/objective.py", "objective", "🎯",
             url_keys=("objective_t", "objective_sigma", "objective_t_amp")),
    PageInfo("views/epsstar.py", "epsstar", "🧭", url_keys=("epsstar_model", "epsstar_t")),
    PageInfo("views/sampling.py", "sampling", "🎞️",
             url_keys=("sampling_model", "sampling_seed", "sampling_n_img", "sampling_n_2d",
                       "sampling_sampler", "sampling_sigma", "sampling_S", "sampling_eta",
                       "sampling_t", "sampling_present")),
    PageInfo("views/playground.py", "playground", "🛝", prefix="play",
             url_keys=("play_sampler", "play_sample_seed")),
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


# "Copy link to this view": the browser's own address (the page and every setting bound to
# the URL) to the clipboard. Where the clipboard is refused (a page served over plain http
# from another machine is not a secure context), the link is shown selected in a field to
# copy by hand. All text is set with textContent: nothing is parsed as HTML.
_COPY_JS = r"""
export default function (component) {
  const { data, parentElement } = component;
  const ui = JSON.parse(data);
  let box = parentElement.querySelector(':scope > .ddpm-link');
  if (!box) {
    box = document.createElement('div');
    box.className = 'ddpm-link';
    box.style.cssText = 'display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;' +
      'justify-content:flex-end;font-size:.875rem';
    const btn = document.createElement('button');
    btn.type = 'button';
    btn.className = 'ddpm-copy-link';
    btn.style.cssText = 'font:inherit;padding:.25rem .6rem;border-radius:.5rem;cursor:pointer;' +
      'white-space:nowrap;' +
      'border:1px solid rgba(49,51,63,.2);background:transparent;color:inherit';
    const note = document.createElement('span');
    note.className = 'ddpm-link-note';
    note.setAttribute('role', 'status');
    const field = document.createElement('input');
    field.type = 'text'; field.readOnly = true; field.className = 'ddpm-link-field';
    field.style.cssText = 'display:none;width:100%;font:inherit;padding:.2rem .4rem';
    box.append(btn, note, field);
    parentElement.appendChild(box);
    const shown = (ok) => {
      note.textContent = ok ? box.__ui.copied : box.__ui.fallback;
      field.style.display = ok ? 'none' : '';
      if (ok) setTimeout(() => { note.textContent = ''; }, 2500);
    };
    btn.addEventListener('click', () => {
      const url = window.location.href;
      field.value = url;
      const byHand = () => {
        field.style.display = '';
        field.focus(); field.select();
        let ok = false;
        try { ok = document.execCommand('copy'); } catch (err) { ok = false; }
        note.textContent = ok ? box.__ui.copied : box.__ui.fallback;
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(() => shown(true), byHand);
      } else {
        byHand();
      }
      btn.blur();
    });
    box.__btn = btn;
  }
  box.__ui = ui;
  box.__btn.textContent = ui.label;
  box.__btn.title = ui.help;
}
"""


@functools.cache
def _copy_component():
    return st.components.v2.component("ddpm_copy_link", js=_COPY_JS, isolate_styles=False)


def copy_link() -> None:
    """A button that copies the link to this view (the browser's URL, with the page's
    settings) to the clipboard."""
    ui = {k: t(f"nav.copy_link.{k}") for k in ("label", "help", "copied", "fallback")}
    _copy_component()(data=json.dumps(ui), key="ddpm_copy_link")


def question(key: str) -> None:
    """The one line under a page's title that says which question the page answers, and the
    "copy link to this view" button beside it (every page gets it here)."""
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.markdown(f"**{t('nav.question')}** {t(key)}")
    with right:
        copy_link()


def next_link(path: str) -> None:
    """A page's last element: a link to the next page in the lecture's order. The page has
    run: a link's values for its settings that it did not use join the sidebar's notice."""
    report_unused(PAGES[_index(path)].url_keys)
    nxt = next_page(path)
    st.divider()
    if nxt is None:
        st.page_link(PAGES[0].path, label=t("nav.back_to_start"), icon=PAGES[0].icon)
    else:
        st.page_link(nxt.path, label=t("nav.next", title=t(f"nav.{nxt.key}")), icon=nxt.icon)
