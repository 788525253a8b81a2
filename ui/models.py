"""Which trained networks a page can use: the shipped pretrained checkpoints (shared by every
session, read-only) and the student's own model (their session only).

Contract used by the sampling, playground, objective and overview pages:

- `pretrained_names()`: the names of the checkpoints in `pretrained/` (file stem), sorted.
- `load_pretrained(name)`: a `ddpm_core.Checkpoint`, cached with `st.cache_resource` and so
  shared by all sessions: the network is in eval mode with `requires_grad=False`; never train
  it, never change it (copy it with `copy.deepcopy` first if you must).
- `user_model()` / `set_user_model(...)`: the student's own model in `st.session_state`
  (survives page switches; other sessions never see it).
- `model_choices()`: everything a page may offer in a "model" selectbox, the student's own
  model first.

A pretrained checkpoint's `meta` holds at least `dataset` (a `ddpm_core.TOY_DATASETS` name
or "digits"), `kind` ("2d" or "digits"), `train_steps`, `seed` and `quality` (what the
pretrain script measured). Its `schedule` is the one it was trained with: sample with that
one, not with the sidebar's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st
import torch

import ddpm_core

PRETRAINED_DIR = Path(__file__).resolve().parent.parent / "pretrained"
USER_KEY = "user_model"
JOB_KEY = "play_job"  # the playground's TrainJob (ui.training_job), if one was started


@dataclass
class ModelChoice:
    key: str  # "user" or "pretrained:<name>"
    model: torch.nn.Module
    schedule: ddpm_core.Schedule
    dataset: str  # a TOY_DATASETS name or "digits"
    meta: dict = field(default_factory=dict)

    @property
    def is_user(self) -> bool:
        return self.key == "user"

    @property
    def is_image(self) -> bool:
        return self.dataset == "digits"


def pretrained_names() -> list[str]:
    return sorted(p.stem for p in PRETRAINED_DIR.glob("*.safetensors"))


@st.cache_resource(show_spinner=False)
def load_pretrained(name: str) -> ddpm_core.Checkpoint:
    """The shipped checkpoint `name`, loaded once per server and shared read-only."""
    if name not in pretrained_names():
        raise ValueError(f"no pretrained model named {name!r}; have {pretrained_names()}")
    ckpt = ddpm_core.load_checkpoint(PRETRAINED_DIR / f"{name}.safetensors", device="cpu")
    ckpt.model.eval().requires_grad_(False)
    return ckpt


CONDITIONAL_DIR = PRETRAINED_DIR / "conditional"  # class-conditional models (guidance page)


@st.cache_resource(show_spinner=False)
def load_conditional(name: str) -> ddpm_core.Checkpoint:
    """The shipped class-conditional checkpoint `pretrained/conditional/<name>` ("4gaussians",
    "digits"), loaded once per server and shared read-only (kept out of `model_choices`)."""
    path = CONDITIONAL_DIR / f"{name}.safetensors"
    if not path.is_file():
        raise FileNotFoundError(f"no conditional model {path.name} in {CONDITIONAL_DIR}")
    ckpt = ddpm_core.load_checkpoint(path, device="cpu")
    ckpt.model.eval().requires_grad_(False)
    return ckpt


def user_model() -> ModelChoice | None:
    """The student's model: the last finished (or stopped) playground run, or an upload.

    A run that ends while the student is on another page becomes their model the next time
    any page asks, so the model survives page switches whatever page they are on.
    """
    job = st.session_state.get(JOB_KEY)
    if job is not None and job.result is not None and not getattr(job, "promoted", False):
        snap = job.snapshot()
        meta = {"source": "trained", "train_steps": snap.steps_done, "seed": job.seed,
                "steps_planned": job.steps, "lr": job.lr, "batch_size": job.batch_size,
                "train_seconds": round(snap.seconds, 3), "stopped": snap.status == "stopped",
                **job.settings}
        job.promoted = True
        set_user_model(job.result, job.schedule, job.dataset, meta)
    return st.session_state.get(USER_KEY)


def set_user_model(model: torch.nn.Module, schedule: ddpm_core.Schedule, dataset: str,
                   meta: dict | None = None) -> ModelChoice:
    choice = ModelChoice("user", model.eval(), schedule, dataset, dict(meta or {}))
    st.session_state[USER_KEY] = choice
    return choice


def pretrained_choice(name: str) -> ModelChoice:
    ckpt = load_pretrained(name)
    meta = dict(ckpt.meta)
    return ModelChoice(f"pretrained:{name}", ckpt.model, ckpt.schedule,
                       meta.get("dataset", name), meta)


def model_choices(kind: str | None = None) -> list[ModelChoice]:
    """The student's model (if any) then every pretrained one; `kind` "2d" or "digits"
    keeps only that kind."""
    out = []
    mine = user_model()
    if mine is not None:
        out.append(mine)
    out += [pretrained_choice(n) for n in pretrained_names()]
    if kind == "2d":
        out = [c for c in out if not c.is_image]
    elif kind == "digits":
        out = [c for c in out if c.is_image]
    return out


# What this server runs for a student: each within what a 2-core CPU finishes in seconds to a
# minute (the playground states them; an uploaded checkpoint beyond them is refused).
LIMITS = {
    "T": 1000,  # the sidebar's largest T: sampling runs T network calls
    "width": 256, "depth": 5, "emb_dim": 256, "fourier": 16,  # 2-D networks (MLP2D)
    "channels": 32, "image_size": 32,  # image networks (TinyUNet)
}


def checkpoint_limit_error(config: dict) -> str | None:
    """A translated reason when a checkpoint's config (`ddpm_core.checkpoints.read_config`)
    asks for more than LIMITS, else None."""
    from .i18n import t

    model = config.get("model") if isinstance(config.get("model"), dict) else {}
    sched = config.get("schedule") if isinstance(config.get("schedule"), dict) else {}
    found = [("T", sched.get("T"))] + [(k, model.get(k)) for k in LIMITS if k != "T"]
    for name, value in found:
        if isinstance(value, (int, float)) and not isinstance(value, bool) \
                and value > LIMITS[name]:
            return t("play.ckpt.limit", what=name, value=f"{value:,}", limit=f"{LIMITS[name]:,}")
    return None


# What went wrong with a checkpoint, in the student's language: `load_checkpoint_bytes` raises
# ValueErrors with English details; a Chinese page shows only the translated reason.
_CKPT_REASONS = (  # (substring of the engine's message, catalog key), first match wins
    ("is empty", "play.ckpt.empty"),
    ("header is too large", "play.ckpt.header"),
    ("not a valid safetensors", "play.ckpt.not_safetensors"),  # its detail may say "too large"
    ("is too large", "play.ckpt.too_large"),
    ("not a ddpm_core checkpoint", "play.ckpt.not_ours"),
    ("not valid JSON", "play.ckpt.not_ours"),
    ("unsupported checkpoint version", "play.ckpt.version"),
    ("NaN or inf", "play.ckpt.nan"),
    ("tensor", "play.ckpt.tensors"),
    ("schedule", "play.ckpt.schedule"),
    ("config", "play.ckpt.config"),
)


def checkpoint_error(err: BaseException) -> str:
    """A translated reason for a checkpoint that could not be loaded; English pages append the
    engine's own detail, Chinese pages never show English text inside their message."""
    from .i18n import lang, t

    detail = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    key = next((k for needle, k in _CKPT_REASONS if needle in detail), "play.ckpt.other")
    if isinstance(err, FileNotFoundError):
        key = "play.ckpt.missing"
    reason = t(key, mb=ddpm_core.checkpoints.MAX_BYTES // 2**20)
    return reason if lang() != "en" else f"{reason} ({detail})"
