"""Rebuild the shipped checkpoints in `pretrained/`: `python -m ddpm_core.pretrain`.

    python -m ddpm_core.pretrain [--only NAME ...] [--out DIR] [--quick] [--threads N]

Every model is trained from fixed seeds on CPU, so a rebuild with the same torch version and
thread count gives the same weights; the EMA weights are saved. After training, quality is
measured on fresh samples and written into each checkpoint's `meta["quality"]` (and so into
the readable `.json` sidecar):

- 2-D sets (linear schedule, T = 1000, the playground's MLP2D): SWD and MMD of 2,000 DDPM
  samples against fresh true data, as ratios to the noise floor (two independent true draws,
  `metrics.compare_to_floor`, 5 repeats); also for DDIM with 50 steps (η = 0) and for DDPM
  on a 100-step respaced chain (DDIM η = 1, what the tests re-measure).
- digits (16×16 glyph digits, a small TinyUNet): DDIM-50 samples classified by
  `glyphs.nearest_template`; a sample counts as "recognised" when its template similarity is
  at least the 5th percentile of the similarity of real jittered digits (`DIGIT_BAR_Q`), a bar
  a blob or a disk (similarity ≈ 0.3–0.7) does not reach. Reported: the fraction recognised,
  the class histogram of the recognised samples and how many of the 10 digits appear.

- class-conditional models for guidance (`pretrained/conditional/`, FORMULAS.md §m), trained
  with the label dropped to "no class" 10 % of the time (Ho & Salimans 2022, Alg. 1):
  `cond_4gaussians` (MLP2D with 4 classes on `guidance.labelled_mixture("4gaussians")`):
  per class, SWD and MMD of its s = 1 samples vs fresh draws of p(x|y), as ratios to the
  noise floor (DDPM, all 1,000 steps: a short chain's own error exceeds the bar even with the
  exact ε*, see `measure_cond_2d`), and the unconditional (no-class) samples vs the whole
  mixture;
  `cond_digits` (TinyUNet with 10 classes on glyph digits and their labels): for each digit k,
  32 classifier-free guided samples at s = `COND_DIGITS_SCALE` (and 16 at s = 1), DDIM 50, are
  recognised as k when the nearest template is k and the similarity passes the bar above;
  plus the unconditional samples' digit quality as for `digits`.

By default the shipped set is built (`SHIPPED`; `rings` only with `--only rings`).
`--quick` trains a few steps only (a smoke test of the pipeline, not usable models).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import torch

from .checkpoints import save_checkpoint
from .data import TOY_DATASETS, glyph_digits, toy_2d
from .metrics import compare_to_floor
from .models import MLP2D, TinyUNet
from .sampling import sample
from .schedule import Schedule
from .training import EMA, train

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "pretrained"

# Linear schedule of Ho et al. 2020: T = 1000, β from 1e-4 to 0.02.
SCHEDULE = {"kind": "linear", "T": 1000, "beta_1": 1e-4, "beta_T": 0.02}

# The playground's default MLP (bench.DEFAULT_2D) trained longer, for margin on the bars.
CFG_2D = {"width": 128, "depth": 3, "batch_size": 512, "lr": 6e-3, "steps": 8000,
          "ema_decay": 0.995, "n_data": 20_000}
SETS_2D = ("moons", "8gaussians", "swiss_roll", "checkerboard", "rings")
STEPS_2D = {"rings": 12_000}  # three thin rings need longer

CFG_DIGITS = {"image_size": 16, "channels": 16, "emb_dim": 64, "batch_size": 64, "lr": 3e-3,
              "steps": 6000, "ema_decay": 0.998, "n_data": 10_000}
DIGIT_BAR_Q = 0.05  # recognised: similarity >= this quantile of real jittered digits' similarity

# Class-conditional models for the guidance page, saved under pretrained/conditional/.
COND_DIR = "conditional"
COND_FILES = {"cond_4gaussians": "4gaussians", "cond_digits": "digits"}  # name -> file stem
CFG_COND_2D = dict(CFG_2D, steps=6000, p_uncond=0.1)
# short: built on a heavily shared 2-core machine (see pretrained/README.md)
CFG_COND_DIGITS = dict(CFG_DIGITS, steps=4000, batch_size=64, ema_decay=0.998, n_data=10000,
                       p_uncond=0.1)
COND_DIGITS_SCALE = 3.0  # the guidance scale s (diffusers' guidance_scale) the rate is stated at
COND_DIGITS_PER_CLASS = 32  # guided samples per digit for the recognition rate (16 at s = 1)

# Masked-token models (tokens.build_masked, seed 0): pretrained/masked/{en,zh,glyphs}.safetensors
MASKED = ("masked_en", "masked_zh", "masked_glyphs")
NAMES = SETS_2D + ("digits",) + tuple(COND_FILES) + ("vae",) + MASKED
SHIPPED = ("moons", "8gaussians", "swiss_roll", "checkerboard", "digits", "cond_4gaussians",
           "cond_digits", "vae") + MASKED  # the default build
SEEDS = {name: i for i, name in enumerate(NAMES)}  # one fixed seed per model
QUICK_STEPS = 30
BUILD_THREADS = {"digits": 2}  # torch threads the shipped files were built with (else 1)


def make_schedule() -> Schedule:
    return Schedule.linear(SCHEDULE["T"], SCHEDULE["beta_1"], SCHEDULE["beta_T"])


# ------------------------------------------------------------------ 2-D
def measure_2d(model, sched: Schedule, name: str, *, n: int = 2000, repeats: int = 5,
               seed: int = 1234, sampler: str = "ddpm", steps: int | None = None,
               eta: float = 0.0) -> dict:
    """SWD and MMD of n samples vs fresh true data, as ratios to the noise floor."""
    def gen(k, g):
        return sample(model, sched, k, sampler=sampler, steps=steps, eta=eta, generator=g)

    q = compare_to_floor(gen, lambda k, g: toy_2d(name, k, g), n=n, repeats=repeats, seed=seed)
    return {k: round(v, 4) for k, v in q.items()}


def quality_2d(model, sched: Schedule, name: str, *, quick: bool = False) -> dict:
    """meta["quality"] of a 2-D model: DDPM (1000 steps), DDIM-50 (η = 0) and DDPM on a
    100-step respaced chain (DDIM η = 1), each vs fresh true data, 5 repeats of 2,000 points."""
    reps, n = (1, 200) if quick else (5, 2000)
    return {
        "ddpm": measure_2d(model, sched, name, n=n, repeats=reps),
        "ddim50": measure_2d(model, sched, name, n=n, repeats=reps, sampler="ddim", steps=50),
        "ddim100_eta1": measure_2d(model, sched, name, n=n, repeats=reps, sampler="ddim",
                                   steps=100, eta=1.0),
        "n": n, "repeats": reps, "eval_seed": 1234,
        "bars": {"swd_ratio": 1.5, "mmd_ratio": 1.35},
    }


def build_2d(name: str, out: Path, *, quick: bool = False, log=print) -> dict:
    if name not in TOY_DATASETS:
        raise ValueError(f"name must be one of {TOY_DATASETS}, got name={name!r}")
    seed = SEEDS[name]
    cfg = dict(CFG_2D, steps=QUICK_STEPS if quick else STEPS_2D.get(name, CFG_2D["steps"]))
    sched = make_schedule()
    g = torch.Generator().manual_seed(seed)
    data = toy_2d(name, cfg["n_data"], g)
    torch.manual_seed(seed)
    model = MLP2D(width=cfg["width"], depth=cfg["depth"])
    ema = EMA(model, cfg["ema_decay"])
    hist = train(model, sched, data, cfg["steps"], cfg["batch_size"], cfg["lr"], generator=g,
                 ema=ema, log_every=100)
    ema.copy_to(model)
    model.eval()
    t0 = time.perf_counter()
    quality = quality_2d(model, sched, name, quick=quick)
    meta = {"dataset": name, "kind": "2d", "train_steps": hist.steps_done, "seed": seed,
            "quality": quality, "model": model.config(), "schedule": SCHEDULE,
            "batch_size": cfg["batch_size"], "lr": cfg["lr"], "ema_decay": cfg["ema_decay"],
            "n_data": cfg["n_data"], "final_loss": round(hist.losses[-1], 5),
            "train_seconds": round(hist.seconds, 1), "threads": torch.get_num_threads(),
            "torch": torch.__version__, "quick": quick,
            "built_by": "python -m ddpm_core.pretrain"}
    path = save_checkpoint(out / f"{name}.safetensors", model, schedule=sched, meta=meta)
    d, i = quality["ddpm"], quality["ddim50"]
    log(f"{name:<13} {hist.steps_done:>6} steps {hist.seconds:7.1f} s | DDPM SWD "
        f"{d['swd_ratio']:.3f}x MMD {d['mmd_ratio']:.3f}x | DDIM-50 SWD {i['swd_ratio']:.3f}x "
        f"MMD {i['mmd_ratio']:.3f}x (eval {time.perf_counter() - t0:.1f} s) -> {path}")
    return meta


# --------------------------------------------------------------- digits
def real_digit_bar(size: int, q: float = DIGIT_BAR_Q, n: int = 2000, seed: int = 99) -> float:
    """The q-quantile of nearest-template similarity over n real jittered digits."""
    from .glyphs import nearest_template

    imgs, _ = glyph_digits(n, size, torch.Generator().manual_seed(seed))
    _, sim = nearest_template(imgs)
    return float(torch.quantile(sim, q))


def digit_quality(images: torch.Tensor, bar: float) -> dict:
    """Fraction of images recognised (similarity >= bar), class histogram, classes present."""
    from .glyphs import nearest_template

    idx, sim = nearest_template(images.clamp(-1, 1))
    ok = torch.isfinite(sim) & (sim >= bar)
    hist = torch.bincount(idx[ok], minlength=10).tolist() if bool(ok.any()) else [0] * 10
    return {"n": images.shape[0], "bar": round(bar, 4),
            "recognised": round(float(ok.float().mean()), 4),
            "median_similarity": round(float(sim.nan_to_num(0).median()), 4),
            "classes_present": sum(c > 0 for c in hist), "class_histogram": hist}


def sample_digits(model, sched: Schedule, n: int, seed: int, steps: int = 50) -> torch.Tensor:
    return sample(model, sched, n, sampler="ddim", steps=steps,
                  generator=torch.Generator().manual_seed(seed)).clamp(-1, 1)


def build_digits(out: Path, *, quick: bool = False, log=print, snapshot=None) -> dict:
    """Train and save the digits model; `snapshot(step, model, ema)` (for exploring) runs at
    every logged step."""
    seed = SEEDS["digits"]
    cfg = dict(CFG_DIGITS, steps=QUICK_STEPS, batch_size=16) if quick else dict(CFG_DIGITS)
    size = cfg["image_size"]
    sched = make_schedule()
    g = torch.Generator().manual_seed(seed)
    data, _ = glyph_digits(256 if quick else cfg["n_data"], size, g)
    torch.manual_seed(seed)
    model = TinyUNet(channels=cfg["channels"], image_size=size, emb_dim=cfg["emb_dim"])
    ema = EMA(model, cfg["ema_decay"])
    last = [time.perf_counter()]

    def progress(step: int, loss: float) -> None:
        if time.perf_counter() - last[0] > 60:
            last[0] = time.perf_counter()
            log(f"  digits step {step}/{cfg['steps']} loss {loss:.4f}", flush=True)
        if snapshot is not None:
            snapshot(step, model, ema)

    hist = train(model, sched, data, cfg["steps"], cfg["batch_size"], cfg["lr"], generator=g,
                 ema=ema, log_every=100, callback=progress)
    ema.copy_to(model)
    model.eval()
    t0 = time.perf_counter()
    bar = real_digit_bar(size, n=200 if quick else 2000)
    n = 8 if quick else 512
    imgs = sample_digits(model, sched, n, seed=1234, steps=5 if quick else 50)
    quality = {"ddim50": digit_quality(imgs, bar), "eval_seed": 1234,
               "bar_rule": f"similarity >= {DIGIT_BAR_Q:.0%} quantile of real jittered digits"}
    tt = time.perf_counter()
    if not quick:
        sample_digits(model, sched, 64, seed=0)
    quality["ddim50_64_seconds"] = None if quick else round(time.perf_counter() - tt, 3)
    meta = {"dataset": "digits", "kind": "digits", "train_steps": hist.steps_done, "seed": seed,
            "quality": quality, "model": model.config(), "schedule": SCHEDULE,
            "image_size": size, "batch_size": cfg["batch_size"], "lr": cfg["lr"],
            "ema_decay": cfg["ema_decay"], "n_data": cfg["n_data"],
            "final_loss": round(hist.losses[-1], 5), "train_seconds": round(hist.seconds, 1),
            "threads": torch.get_num_threads(), "torch": torch.__version__, "quick": quick,
            "built_by": "python -m ddpm_core.pretrain"}
    path = save_checkpoint(out / "digits.safetensors", model, schedule=sched, meta=meta)
    d = quality["ddim50"]
    log(f"digits        {hist.steps_done:>6} steps {hist.seconds:7.1f} s | DDIM-50: "
        f"{d['recognised']:.1%} recognised (sim >= {bar:.3f}), {d['classes_present']}/10 "
        f"classes {d['class_histogram']} | 64 samples in {quality['ddim50_64_seconds']} s "
        f"(eval {time.perf_counter() - t0:.1f} s) -> {path}")
    return meta


# ---------------------------------------------------------- conditional
def cond_path(out: Path, name: str) -> Path:
    """Where the conditional model `name` (a key of COND_FILES) lives under `out`."""
    return Path(out) / COND_DIR / f"{COND_FILES[name]}.safetensors"


def _cond_train(model, sched, data, labels, cfg, g, log, name):
    ema = EMA(model, cfg["ema_decay"])
    last = [time.perf_counter()]

    def progress(step: int, loss: float) -> None:
        if time.perf_counter() - last[0] > 60:
            last[0] = time.perf_counter()
            log(f"  {name} step {step}/{cfg['steps']} loss {loss:.4f}", flush=True)

    hist = train(model, sched, data, cfg["steps"], cfg["batch_size"], cfg["lr"], generator=g,
                 ema=ema, log_every=100, callback=progress, labels=labels,
                 p_uncond=cfg["p_uncond"])
    ema.copy_to(model)
    model.eval()
    return hist


def _save_cond(out: Path, name: str, model, sched: Schedule, hist, cfg: dict, seed: int,
               quality: dict, quick: bool, **extra) -> tuple[dict, Path]:
    """Save a conditional model under `cond_path(out, name)` with the metadata both builders
    record (`extra`: what is specific to the model); returns (meta, path)."""
    meta = {**extra, "p_uncond": cfg["p_uncond"], "train_steps": hist.steps_done, "seed": seed,
            "quality": quality, "model": model.config(), "schedule": SCHEDULE,
            "batch_size": cfg["batch_size"], "lr": cfg["lr"], "ema_decay": cfg["ema_decay"],
            "n_data": cfg["n_data"], "final_loss": round(hist.losses[-1], 5),
            "train_seconds": round(hist.seconds, 1), "threads": torch.get_num_threads(),
            "torch": torch.__version__, "quick": quick,
            "built_by": "python -m ddpm_core.pretrain"}
    path = cond_path(out, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    save_checkpoint(path, model, schedule=sched, meta=meta)
    return meta, path


def measure_cond_2d(model, sched: Schedule, *, n: int = 2000, repeats: int = 3,
                    seed: int = 1234, sampler: str = "ddpm", steps: int | None = None,
                    eta: float = 0.0) -> dict:
    """Per class y: SWD/MMD of s = 1 samples (ε_θ(x, t, y)) vs fresh p(x|y), as ratios to the
    noise floor; "uncond": the no-class samples vs the whole labelled mixture.

    Default: DDPM through all T steps. A class here (two modes of sd 0.15) has a small noise
    floor, and a short chain's own error exceeds 1.5× it even with the exact ε*: for the exact
    class-conditional oracle, worst class SWD 2.5× / MMD 2.0× the floor with DDIM 100 η = 1
    and 1.6× / 2.0× with DDIM 50 η = 0, but 0.95× / 1.23× with DDPM 1000 (2 repeats of
    2,000 points)."""
    from .guidance import GuidedEps, labelled_mixture

    lm = labelled_mixture("4gaussians")

    def run(eps_model):
        return lambda k, g: sample(eps_model, sched, k, sampler=sampler, steps=steps, eta=eta,
                                   generator=g)

    out = {}
    for c in range(lm.num_classes):
        sub = lm.conditional(c)
        q = compare_to_floor(run(GuidedEps(model, c, 1.0)), lambda k, g, sub=sub: sub.sample(k, g),
                             n=n, repeats=repeats, seed=seed + c)
        out[str(c)] = {k: round(v, 4) for k, v in q.items()}
    q = compare_to_floor(run(model), lambda k, g: lm.sample(k, g)[0], n=n, repeats=repeats,
                         seed=seed)
    out["uncond"] = {k: round(v, 4) for k, v in q.items()}
    out["worst_class_swd_ratio"] = max(out[str(c)]["swd_ratio"] for c in range(lm.num_classes))
    out["worst_class_mmd_ratio"] = max(out[str(c)]["mmd_ratio"] for c in range(lm.num_classes))
    return out


def build_cond_2d(out: Path, *, quick: bool = False, log=print) -> dict:
    from .guidance import labelled_mixture

    name = "cond_4gaussians"
    seed = SEEDS[name]
    cfg = dict(CFG_COND_2D, steps=QUICK_STEPS) if quick else dict(CFG_COND_2D)
    sched = make_schedule()
    lm = labelled_mixture("4gaussians")
    g = torch.Generator().manual_seed(seed)
    data, labels = lm.sample(cfg["n_data"], g)
    torch.manual_seed(seed)
    model = MLP2D(width=cfg["width"], depth=cfg["depth"], num_classes=lm.num_classes)
    hist = _cond_train(model, sched, data, labels, cfg, g, log, name)
    t0 = time.perf_counter()
    reps, n = (1, 200) if quick else (3, 2000)
    quality = {"ddpm": measure_cond_2d(model, sched, n=n, repeats=reps),
               "n": n, "repeats": reps, "eval_seed": 1234, "scale": 1.0,
               "bars": {"swd_ratio": 1.5, "mmd_ratio": 1.35}}
    meta, path = _save_cond(out, name, model, sched, hist, cfg, seed, quality, quick,
                            dataset="4gaussians", kind="2d_conditional",
                            labelled_mixture="4gaussians", num_classes=lm.num_classes)
    d = quality["ddpm"]
    log(f"{name} {hist.steps_done:>6} steps {hist.seconds:7.1f} s | per class SWD worst "
        f"{d['worst_class_swd_ratio']:.3f}x MMD worst {d['worst_class_mmd_ratio']:.3f}x | "
        f"uncond SWD {d['uncond']['swd_ratio']:.3f}x (eval {time.perf_counter() - t0:.1f} s) "
        f"-> {path}")
    return meta


def sample_cond_digits(model, sched: Schedule, digit: int, scale: float, n: int, seed: int,
                       steps: int = 50) -> torch.Tensor:
    """n classifier-free guided samples of `digit` at scale s (DDIM, η = 0), clamped."""
    from .guidance import GuidedEps

    return sample(GuidedEps(model, digit, scale), sched, n, sampler="ddim", steps=steps,
                  generator=torch.Generator().manual_seed(seed)).clamp(-1, 1)


def cond_digit_rates(model, sched: Schedule, scale: float, bar: float, *, n: int = 64,
                     seed: int = 1234, steps: int = 50) -> dict:
    """For each digit k: the fraction of n guided samples whose nearest template is k with
    similarity >= bar ("recognised as k")."""
    from .glyphs import nearest_template

    rates = []
    for k in range(10):
        imgs = sample_cond_digits(model, sched, k, scale, n, seed + k, steps)
        idx, sim = nearest_template(imgs)
        ok = torch.isfinite(sim) & (sim >= bar) & (idx == k)
        rates.append(round(float(ok.float().mean()), 4))
    return {"scale": scale, "n_per_class": n, "steps": steps, "per_class": rates,
            "mean": round(sum(rates) / 10, 4), "min": min(rates)}


def build_cond_digits(out: Path, *, quick: bool = False, log=print) -> dict:
    name = "cond_digits"
    seed = SEEDS[name]
    cfg = dict(CFG_COND_DIGITS, steps=QUICK_STEPS, batch_size=16) if quick \
        else dict(CFG_COND_DIGITS)
    size = cfg["image_size"]
    sched = make_schedule()
    g = torch.Generator().manual_seed(seed)
    data, labels = glyph_digits(256 if quick else cfg["n_data"], size, g)
    torch.manual_seed(seed)
    model = TinyUNet(channels=cfg["channels"], image_size=size, emb_dim=cfg["emb_dim"],
                     num_classes=10)
    hist = _cond_train(model, sched, data, labels.long(), cfg, g, log, name)
    t0 = time.perf_counter()
    bar = real_digit_bar(size, n=200 if quick else 2000)
    n, steps = (4, 5) if quick else (COND_DIGITS_PER_CLASS, 50)
    quality = {
        "guided": cond_digit_rates(model, sched, COND_DIGITS_SCALE, bar, n=n, steps=steps),
        "conditional_s1": cond_digit_rates(model, sched, 1.0, bar, n=max(1, n // 2),
                                           steps=steps),
        "uncond_ddim50": digit_quality(sample_digits(model, sched, 8 if quick else 128,
                                                     seed=1234, steps=steps), bar),
        "eval_seed": 1234, "bar": round(bar, 4),
        "bar_rule": f"nearest template = k and similarity >= {DIGIT_BAR_Q:.0%} quantile of "
                    "real jittered digits"}
    tt = time.perf_counter()
    if not quick:
        sample_cond_digits(model, sched, 3, COND_DIGITS_SCALE, 64, seed=0)
    quality["cfg_ddim50_64_seconds"] = None if quick else round(time.perf_counter() - tt, 3)
    meta, path = _save_cond(out, name, model, sched, hist, cfg, seed, quality, quick,
                            dataset="digits", kind="digits_conditional", num_classes=10,
                            image_size=size)
    q = quality["guided"]
    log(f"{name} {hist.steps_done:>6} steps {hist.seconds:7.1f} s | s={q['scale']}: recognised "
        f"as k {q['per_class']} mean {q['mean']:.1%} | s=1 mean "
        f"{quality['conditional_s1']['mean']:.1%} | uncond "
        f"{quality['uncond_ddim50']['recognised']:.1%} (eval {time.perf_counter() - t0:.1f} s) "
        f"-> {path}")
    return meta


# ----------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(prog="python -m ddpm_core.pretrain",
                                 description="Rebuild the pretrained checkpoints from fixed seeds.")
    ap.add_argument("--only", nargs="+", metavar="NAME",
                    help=f"build only these (of: {', '.join(NAMES)}; default: "
                         f"{', '.join(SHIPPED)})")
    ap.add_argument("--out", default=str(DEFAULT_OUT), help="output folder (default: pretrained/)")
    ap.add_argument("--quick", action="store_true",
                    help=f"{QUICK_STEPS} training steps each: a smoke test, not usable models")
    ap.add_argument("--threads", type=int, default=None,
                    help="torch threads (default: as the shipped files were built: 1 for the "
                         "2-D models, 2 for digits; results depend on it)")
    args = ap.parse_args(argv)
    names = list(dict.fromkeys(args.only or SHIPPED))
    unknown = [n for n in names if n not in NAMES]
    if unknown:
        ap.error(f"unknown model name(s) {', '.join(map(repr, unknown))}; "
                 f"choose from {', '.join(NAMES)}")
    if args.threads is not None and args.threads < 1:
        ap.error(f"--threads must be >= 1, got {args.threads}")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        ap.error(f"--out {out} exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    threads = torch.get_num_threads()
    t0 = time.perf_counter()
    metas = {}
    try:
        for name in names:
            torch.set_num_threads(args.threads or BUILD_THREADS.get(name, 1))
            if name == "digits":
                metas[name] = build_digits(out, quick=args.quick)
            elif name == "cond_4gaussians":
                metas[name] = build_cond_2d(out, quick=args.quick)
            elif name == "cond_digits":
                metas[name] = build_cond_digits(out, quick=args.quick)
            elif name == "vae":  # the VAE page's models, pretrained/vae/ (ddpm_core.vae)
                from .vae import build_pretrained_vaes
                metas[name] = build_pretrained_vaes(out / "vae", quick=args.quick)
            elif name in MASKED:
                from .tokens import build_masked
                metas[name] = build_masked(name.removeprefix("masked_"), out, quick=args.quick)
            else:
                metas[name] = build_2d(name, out, quick=args.quick)
            sys.stdout.flush()
    finally:
        torch.set_num_threads(threads)  # main() may be called in-process (tests)
    print(f"done: {len(names)} model(s) in {time.perf_counter() - t0:.1f} s -> {out}")
    return metas


if __name__ == "__main__":
    main()
