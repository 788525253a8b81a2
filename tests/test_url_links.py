"""A link to any view (issue 10, item 5): every page setting declared in ui.nav's url_keys
comes back from a link as the page's widget value, in either language; values that make no
sense fall back to the defaults with the sidebar's notice, and nothing raises."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_util import APP, LANG_LABEL
from ui.nav import PAGES

# page -> (a link's settings, all different from the page's defaults; the sidebar's T)
GOOD = {
    "views/overview.py": ({"ov_model": "swiss_roll", "ov_seed": 3}, None),
    "views/mle.py": ({"mle_kind": "two", "mle_s": 0.3, "mle_n": 400, "mle_mu": 1.5,
                      "mle_sigma": 0.7}, None),
    "views/elbo.py": ({"elbo_x": -1.0, "elbo_w": 1.0, "elbo_b": 0.5, "elbo_sigma": 1.2,
                       "elbo_q_post": True, "elbo_m": 0.5, "elbo_s": 0.3,
                       "elbo_mix": "two_gaussians", "elbo_sigma2": "beta"}, 50),
    "views/forward.py": ({"forward_t": 7, "forward_ds": "swiss_roll", "forward_shift": 1.0,
                          "forward_glyph": 3, "forward_present": True}, 50),
    "views/posterior.py": ({"posterior_t": 37, "posterior_x0": -1.5, "posterior_xt": 2.0}, 100),
    "views/objective.py": ({"objective_t": 7, "objective_sigma": "beta",
                            "objective_t_amp": 30}, 50),
    "views/epsstar.py": ({"epsstar_model": "pretrained:moons", "epsstar_t": 9}, None),
    "views/sampling.py": ({"sampling_model": "oracle", "sampling_seed": 3,
                           "sampling_sampler": "ddim", "sampling_sigma": "zero",
                           "sampling_S": 10, "sampling_eta": 0.5, "sampling_n_2d": 250,
                           "sampling_t": 0, "sampling_present": True}, 50),
}
# the "Beyond DDPM" pages: every declared key, values off the defaults (one language-dependent
# choice per page at least: the VAE page's data set and σ² are ids, not their labels)
BEYOND = {
    "views/variance.py": ({"var_model": "pretrained:8gaussians", "var_t": 22,
                           "var_payoff": "ε_θ"}, None),
    "views/sde.py": ({"sde_steps": 50, "sde_seed": 7, "sde_t": 0.3, "sde_ll_solver": "Euler",
                      "sde_ll_steps": 25}, None),
    "views/guidance.py": ({"guid_c": 2, "guid_s": 5.0, "guid_neg": True, "guid_digit": 7,
                           "guid_ds": 1.5}, None),
    "views/vae.py": ({"vae_t": 20, "vae_x0": -1.5, "vae_w": 0.5, "vae_sigma": "beta_tilde",
                      "vae_qpost": False, "vae_m": 0.5, "vae_s": 0.3, "vae_data": "swiss_roll",
                      "vae_noise": True}, 50),
    "views/autoreg.py": ({"ar_seed": 4, "ar_t": 900, "ar_order": "2 → 1", "ar_steps": 5}, None),
    "views/t2i.py": ({"t2i_prompt": "seven", "t2i_s": 2.0, "t2i_steps": 20, "t2i_seed": 5,
                      "t2i_d": 8, "t2i_c": 7, "t2i_s2": 1.0, "t2i_t": 400}, None),
}
# page -> a link's nonsense for its settings (out of range, unknown ids, a translated label)
BAD = {
    "views/overview.py": {"ov_model": "unicorns", "ov_seed": -4},
    "views/mle.py": {"mle_kind": "三", "mle_n": 7, "mle_mu": "nan"},
    "views/elbo.py": {"elbo_mix": "双高斯", "elbo_s": 9},
    "views/forward.py": {"forward_t": 5000, "forward_ds": "双月", "forward_glyph": 99},
    "views/posterior.py": {"posterior_t": 370, "posterior_x0": -9},
    "views/objective.py": {"objective_t": 0, "objective_sigma": "σ²"},
    "views/epsstar.py": {"epsstar_model": "pretrained:unicorns", "epsstar_t": -2},
    "views/sampling.py": {"sampling_model": "user", "sampling_seed": -1, "sampling_t": 5000,
                          "sampling_sampler": "DDIM"},
}


def _open(page: str, query: dict, T: int | None, lang: str = "en") -> AppTest:
    """A fresh session opened on `page` by a link with `query` (as a browser does)."""
    at = AppTest.from_file(APP, default_timeout=120)
    if lang != "en":
        at.query_params["lang_label"] = LANG_LABEL[lang]
    if T is not None:
        at.query_params["T"] = str(T)
    for k, v in query.items():
        at.query_params[k] = str(v).lower() if isinstance(v, bool) else str(v)
    at.switch_page(page)
    return at.run()


def _notice(at: AppTest) -> str:
    return " ".join(w.value for w in at.sidebar.warning)


def test_every_page_with_url_keys_has_cases():
    declared = {p.path for p in PAGES if p.url_keys and p.section == "derivation"}
    assert declared - {"views/probability.py", "views/playground.py"} == set(GOOD)
    for page, (query, _) in GOOD.items():
        keys = next(p.url_keys for p in PAGES if p.path == page)
        # every key but the forward page's picture source (default: the glyph, the only one
        # a link can carry) and the sampling page's image count (2-D model here)
        assert set(keys) - set(query) <= {"forward_img_src", "sampling_n_img"}, page


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", sorted(GOOD) + sorted(BEYOND))
def test_a_link_reproduces_the_page_settings(page, lang):
    query, T = {**GOOD, **BEYOND}[page]
    at = _open(page, query, T, lang)
    assert not at.exception, at.exception
    got = {k: at.session_state[k] for k in query}
    for k, v in query.items():
        if isinstance(v, float):
            assert got[k] == pytest.approx(v), (k, got[k])
        else:
            assert got[k] == v, (k, got[k])
    assert "URL" not in _notice(at) and "URL" not in _notice(at).upper(), _notice(at)


@pytest.mark.parametrize("page", sorted(BAD))
def test_nonsense_in_a_link_falls_back_with_the_notice(page):
    at = _open(page, BAD[page], 50)
    assert not at.exception, at.exception
    notice = _notice(at)
    for k in BAD[page]:
        assert k in notice, (k, notice)
        assert str(at.session_state[k]) != str(BAD[page][k]), k


def test_choices_are_written_to_the_url_by_id_in_either_language():
    """A choice made in Chinese writes the option's id (not its label) into the URL, so the
    link opens the same view in English, and vice versa."""
    for lang, other in (("zh", "en"), ("en", "zh")):
        at = _open("views/forward.py", {}, 50, lang)
        at.selectbox(key="forward_ds").set_value("rings").run()
        at.selectbox(key="forward_glyph").set_value(4).run()
        assert at.query_params["forward_ds"] in ("rings", ["rings"])
        assert at.query_params["forward_glyph"] in ("4", ["4"])
        link = {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()
                if k.startswith("forward_")}
        again = _open("views/forward.py", link, 50, other)
        assert not again.exception
        assert again.session_state["forward_ds"] == "rings"
        assert again.session_state["forward_glyph"] == 4


def test_changing_T_keeps_t_at_its_fraction():
    """The posterior page's t (in the link) follows T to the same fraction of T."""
    at = _open("views/posterior.py", {"posterior_t": 37}, 100)
    assert at.session_state["posterior_t"] == 37
    at.sidebar.slider[0].set_value(200).run()
    assert not at.exception
    assert at.session_state["posterior_t"] == 74
    at.sidebar.slider[0].set_value(3).run()  # 74/200 of 3, inside 2..3
    assert at.session_state["posterior_t"] == 2
