"""Benchmark: `python -m ddpm_core.bench [--quick] [--json PATH]`.

Prints a table of the engine's speed figures (medians) and writes them as JSON:
- `import ddpm_core` in a fresh interpreter;
- training the 2-D MLP with the playground default (`DEFAULT_2D`) on toy sets at
  T = 1000 (linear): the training wall time until the samples reach SWD ≤ 1.5× and
  MMD ≤ 1.35× their noise floor (2,000 vs 2,000 points, 5 repeats; see `metrics`).
  Snapshots of the EMA weights are taken during one run and evaluated after it, so
  evaluation time is not counted as training time;
- sampling 2,000 points through all 1,000 DDPM steps, and DDIM with 50 steps;
- beyond DDPM: the ODE likelihood, SDE/ODE sampling, the conditional model's training
  (`bench_beyond`);
- the same with a concurrent load: another process rerunning the Streamlit app
  (AppTest of app.py), with 1 and 2 torch threads.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import torch

from . import EMA, MLP2D, Schedule, compare_to_floor, sample, sliced_wasserstein, toy_2d, train

# The playground's default 2-D run (chosen by a small grid on this 2-core CPU: EMA 0.99 with
# lr 6e-3 met both bars in about half the steps of lr 3e-3 / EMA 0.995).
DEFAULT_2D = {"width": 128, "depth": 3, "batch_size": 512, "lr": 6e-3, "steps": 3000,
              "ema_decay": 0.99, "n_data": 20_000}
SWD_BAR, MMD_BAR = 1.5, 1.35
ROOT = Path(__file__).resolve().parent.parent


def _median_time(fn, repeats: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bench_import(repeats: int) -> float:
    code = "import time; t=time.perf_counter(); import ddpm_core; print(time.perf_counter()-t)"
    times = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                  cwd=ROOT, check=True).stdout) for _ in range(repeats)]
    return statistics.median(times)


def time_to_quality(name: str, seed: int, snap_every: int, steps: int) -> dict:
    """One training run of DEFAULT_2D; the training wall time at the first EMA snapshot
    whose samples meet each bar (snapshots are evaluated after the run)."""
    cfg = dict(DEFAULT_2D, steps=steps)
    sched = Schedule.linear(1000)
    g = torch.Generator().manual_seed(seed)
    data = toy_2d(name, cfg["n_data"], g)
    torch.manual_seed(seed)
    model = MLP2D(width=cfg["width"], depth=cfg["depth"])
    ema = EMA(model, cfg["ema_decay"])
    snaps: list[tuple[int, float, list]] = []

    def on_log(step: int, loss: float) -> None:
        if step % snap_every == 0:
            snaps.append((step, time.perf_counter() - t0, [p.clone() for p in ema.params]))

    t0 = time.perf_counter()
    hist = train(model, sched, data, cfg["steps"], cfg["batch_size"], cfg["lr"], generator=g,
                 callback=on_log, ema=ema, log_every=10)
    truth = lambda n, gen: toy_2d(name, n, gen)  # noqa: E731
    rows = []
    for step, wall, params in snaps:
        with torch.no_grad():
            for p, q in zip(model.parameters(), params):
                p.copy_(q)
        q = compare_to_floor(lambda n, gen: sample(model, sched, n, generator=gen), truth,
                             seed=seed)
        rows.append({"step": step, "wall": round(wall, 3), "swd_ratio": round(q["swd_ratio"], 3),
                     "mmd_ratio": round(q["mmd_ratio"], 3)})
        if q["swd_ratio"] <= SWD_BAR and q["mmd_ratio"] <= MMD_BAR:
            break  # both bars met: later snapshots cannot be earlier
    first = lambda key, bar: next((r["wall"] for r in rows if r[key] <= bar), None)  # noqa: E731
    return {"dataset": name, "seed": seed, "ms_per_step": 1e3 * hist.seconds / hist.steps_done,
            "t_swd": first("swd_ratio", SWD_BAR), "t_mmd": first("mmd_ratio", MMD_BAR),
            "snapshots": rows}


# ------------------------------------------------------------- concurrency
def _worker(kind: str, threads: int, repeats: int) -> None:
    """Runs in a fresh interpreter: time `kind` ("sample" or "train") and print JSON."""
    torch.set_num_threads(threads)
    sched = Schedule.linear(1000)
    torch.manual_seed(0)
    model = MLP2D(width=DEFAULT_2D["width"], depth=DEFAULT_2D["depth"]).eval()
    data = toy_2d("moons", 20_000, torch.Generator().manual_seed(0))
    train(model, sched, data, 200, DEFAULT_2D["batch_size"], DEFAULT_2D["lr"])  # warm-up
    if kind == "sample":
        fn = lambda: sample(model, sched, 2000, generator=torch.Generator().manual_seed(0))  # noqa: E731
        value = _median_time(fn, repeats)
    else:
        steps = 500
        fn = lambda: train(model, sched, data, steps, DEFAULT_2D["batch_size"],  # noqa: E731
                           DEFAULT_2D["lr"])
        value = _median_time(fn, repeats) / steps * 1e3  # ms per step
    print(json.dumps({"value": value}))


_RERUN_LOOP = """
import json, sys, time
from streamlit.testing.v1 import AppTest
end = time.time() + float(sys.argv[1])
while time.time() < end:
    t0 = time.perf_counter()
    AppTest.from_file("app.py", default_timeout=60).run()
    print(json.dumps({"at": time.time(), "rerun": time.perf_counter() - t0}), flush=True)
"""


def _run_worker(kind: str, threads: int, repeats: int, env_extra: dict) -> float:
    env = {**os.environ, **env_extra}
    out = subprocess.run([sys.executable, "-m", "ddpm_core.bench", "--_worker", kind,
                          "--threads", str(threads), "--repeats", str(repeats)],
                         capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])["value"]


def _reruns(seconds: float, threads: int) -> subprocess.Popen:
    env = {**os.environ, "OMP_NUM_THREADS": str(threads)}
    return subprocess.Popen([sys.executable, "-c", _RERUN_LOOP, str(seconds)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)


def bench_concurrency(repeats: int) -> list[dict]:
    """Sampling and training alone and with the app rerunning in another process; and the
    app's rerun time alone and while the engine works. One fresh interpreter per setting."""
    rows = []
    settings = [(2, {}), (1, {}), (2, {"OMP_WAIT_POLICY": "PASSIVE"})]
    alone_rerun = _rerun_times()
    for threads, env in settings:
        label = f"{threads} thread{'s' if threads > 1 else ''}" + (
            ", OMP_WAIT_POLICY=PASSIVE" if env else "")
        for kind in ("sample", "train"):
            alone = _run_worker(kind, threads, repeats, env)
            loaded, reruns = _with_load(kind, threads, repeats, env)
            rows.append({"setting": label, "kind": kind, "alone": alone, "with_reruns": loaded,
                         "rerun_alone_s": alone_rerun, "rerun_during_s": reruns})
    return rows


def _rerun_times(seconds: float = 12.0) -> float:
    proc = _reruns(seconds, 1)
    lines = [json.loads(line) for line in proc.stdout]
    proc.wait()
    times = [r["rerun"] for r in lines[1:]]  # the first rerun imports everything
    return statistics.median(times) if times else float("nan")


def _with_load(kind: str, threads: int, repeats: int, env: dict) -> tuple[float, float]:
    proc = _reruns(600, 1)
    first = proc.stdout.readline()  # wait until the app has rerun once (imports done)
    del first
    t0 = time.time()
    try:
        value = _run_worker(kind, threads, repeats, env)
    finally:
        t1 = time.time()
        proc.terminate()
    lines = []
    for line in proc.stdout:
        try:
            lines.append(json.loads(line))
        except json.JSONDecodeError:
            break
    proc.wait()
    during = [r["rerun"] for r in lines if t0 <= r["at"] <= t1]
    return value, statistics.median(during) if during else float("nan")


# ------------------------------------------------------------------- main
def _cond_digits_time(repeats: int) -> float | None:
    """64 samples of one digit from the shipped class-conditional digits model: classifier-free
    guidance s = 3, DDIM 50, the conditional and unconditional calls in one batch."""
    from .checkpoints import load_checkpoint
    from .guidance import GuidedEps

    path = ROOT / "pretrained" / "conditional" / "digits.safetensors"
    if not path.exists():
        return None
    ck = load_checkpoint(path, device="cpu")
    guided = GuidedEps(ck.model.eval(), 3, 3.0)
    return _median_time(lambda: sample(guided, ck.schedule, 64, sampler="ddim", steps=50,
                                       generator=torch.Generator().manual_seed(0)), repeats)


def bench_beyond(model, repeats: int) -> dict:
    """Issue 13's engine figures: ODE likelihood of 2,000 points with the exact (autograd)
    divergence, 1,000-step reverse-SDE and PF-ODE (Euler) sampling of 2,000 points, all with the
    trained 2-D network at continuous time, and the 2-D class-conditional model's training time
    until every class's samples (s = 1, DDPM 1000 steps) reach SWD ≤ 1.5× the floor."""
    from .sde import VPSDE, DiscreteEps, ode_log_likelihood, sample_ode, sample_sde

    sde = VPSDE()
    eps = DiscreteEps(model, 1000)
    x0 = toy_2d("moons", 2000, torch.Generator().manual_seed(1))
    out = {"ode_loglik_2000_s": _median_time(
        lambda: ode_log_likelihood(eps, sde, x0, 100, "heun"), repeats)}
    out["sde_1000_steps_2000_s"] = _median_time(
        lambda: sample_sde(eps, sde, 2000, 1000, torch.Generator().manual_seed(0)), repeats)
    out["ode_euler_1000_steps_2000_s"] = _median_time(
        lambda: sample_ode(eps, sde, 2000, 1000, "euler", torch.Generator().manual_seed(0)),
        repeats)
    out["cond_digits_cfg_ddim50_64_s"] = _cond_digits_time(repeats)
    out.update(cond_train_to_swd())
    out["cond_exact_worst_ratio"], _ = cond_exact_reference()  # the measure's own level
    return out


COND_REPEATS = 20  # rounds of samples per class of the conditional bench's SWD ratio
COND_FLOOR_REPEATS = 50  # rounds of the floor (two true draws each; no sampling: cheap)


def cond_worst_swd_ratio(cond, lm, sched, repeats: int = COND_REPEATS,
                         floor_repeats: int = COND_FLOOR_REPEATS) -> tuple[float, list[float]]:
    """The worst class's SWD ratio of the conditional model (s = 1, DDPM through all T steps)
    and every class's ratio: per class, the mean SWD of 2,000 samples against 2,000 fresh
    draws of the class over `repeats` rounds, divided by the floor, the mean SWD of two such
    draws over `floor_repeats` rounds (SWD only: the MMD of 2,000 points costs more). Class c
    draws from a generator seeded c; round r draws the reference a, then the second true
    draw b, then (r < repeats) the samples; it projects with seed r.

    Why so many rounds: a class (two modes of sd 0.15, 1.2 apart) has a small floor dominated
    by how the 2,000 draws split between its modes, so one round's SWD is very noisy. Fresh
    true draws as the "samples" (a perfect sampler), the worst of the 4 classes over 40 seeds:
    5 rounds of each (the measure of sessions 9-11) median 1.43x, above 1.5x for 42 % of the
    seeds; a floor of 50 rounds and samples of 10, median 1.17x, 3 % above; this measure (20
    and 50), median 1.16x, p90 1.29x, 1 seed of 40 above 1.5x (1.51x). Under the 5-round
    measure even the exact ε* scored 1.507x: the bar measured the measure's noise.
    `cond_exact_reference` measures the exact ε* by this function.
    """
    from .guidance import GuidedEps

    if not 1 <= repeats <= floor_repeats:
        raise ValueError(f"repeats must be in 1..floor_repeats={floor_repeats}, got "
                         f"repeats={repeats}")
    ratios = []
    for c in range(lm.num_classes):
        sub, g = lm.conditional(c), torch.Generator().manual_seed(c)
        # a class-conditional model at s = 1, or (`cond_exact_reference`) c -> an ε-model
        eps = GuidedEps(cond, c, 1.0) if isinstance(cond, torch.nn.Module) else cond(c)
        swd = floor = 0.0
        for r in range(floor_repeats):
            a, b = sub.sample(2000, g, torch.float64), sub.sample(2000, g, torch.float64)
            floor += sliced_wasserstein(b, a, seed=r) / floor_repeats
            if r < repeats:
                # DDPM through all 1,000 steps: with a short chain the sampler's own error
                # exceeds 1.5x this small floor even for the exact ε* (pretrain.measure_cond_2d)
                gen = sample(eps, sched, 2000, generator=g).double()
                swd += sliced_wasserstein(gen, a, seed=r) / repeats
        ratios.append(swd / floor)
    return max(ratios), ratios


class _ExactClassEps(torch.nn.Module):
    """The exact ε*(x_t, t | c) of a labelled mixture's class c (discrete schedule), a model for
    `sample`."""

    sample_shape = (2,)

    def __init__(self, lm, sched, c: int):
        super().__init__()
        self.lm, self.sched, self.c = lm, sched, c

    def forward(self, x_t: torch.Tensor, t) -> torch.Tensor:
        return self.lm.eps_star(self.sched, x_t.double(), t, self.c).to(x_t.dtype)


def cond_exact_reference(repeats: int = COND_REPEATS) -> tuple[float, list[float]]:
    """`cond_worst_swd_ratio` of the exact class-conditional ε* itself (the best any trained
    model can do, up to the sampler): where the bar sits against the measure's noise."""
    from .guidance import labelled_mixture

    lm, sched = labelled_mixture(), Schedule.linear(1000)
    return cond_worst_swd_ratio(lambda c: _ExactClassEps(lm, sched, c), lm, sched, repeats)


def cond_train_to_swd(recipe: dict | None = None, snap_every: int = 500,
                      repeats: int = COND_REPEATS) -> dict:
    """Train the 2-D class-conditional MLP (`recipe`, default the shipped model's,
    `pretrain.CFG_COND_2D`) on the labelled 4-gaussians; snapshots of the EMA weights every
    `snap_every` steps are evaluated after the run (evaluation is not training time).
    Returns the training wall time of the first snapshot whose every class meets
    SWD <= 1.5x that class's floor (`cond_worst_swd_ratio` with `repeats` rounds; None if
    none does), and each snapshot's (step, wall, worst ratio)."""
    from .guidance import labelled_mixture
    from .pretrain import CFG_COND_2D  # the shipped model's recipe (pretrained/conditional)

    rc = dict(CFG_COND_2D if recipe is None else recipe)
    lm = labelled_mixture()
    sched = Schedule.linear(1000)
    x, y = lm.sample(rc["n_data"], torch.Generator().manual_seed(0))
    torch.manual_seed(0)
    cond = MLP2D(width=rc["width"], depth=rc["depth"], num_classes=lm.num_classes)
    snaps: list[tuple[int, float, list]] = []
    ema = EMA(cond, rc["ema_decay"])

    def on_log(step: int, loss: float) -> None:
        if step % snap_every == 0 or step == rc["steps"]:
            snaps.append((step, time.perf_counter() - t0,
                          [p.detach().clone() for p in ema.params]))

    t0 = time.perf_counter()
    hist = train(cond, sched, x, rc["steps"], rc["batch_size"], rc["lr"], labels=y, ema=ema,
          callback=on_log, log_every=10, p_uncond=rc["p_uncond"],
          generator=torch.Generator().manual_seed(1))
    out: dict = {"cond_train_to_swd_s": None, "cond_train_snapshots": [],
                 "cond_ms_per_step": 1e3 * hist.seconds / hist.steps_done}
    for step, wall, params in snaps:
        for p, q in zip(cond.parameters(), params):
            p.data.copy_(q)
        worst, _ = cond_worst_swd_ratio(cond, lm, sched, repeats)
        out["cond_train_snapshots"].append((step, round(wall, 3), round(worst, 3)))
        if worst <= SWD_BAR:
            out["cond_train_to_swd_s"] = wall
            break
    return out


def _print_beyond(res: dict) -> None:
    for k, v in res.items():
        if k == "cond_train_snapshots":
            print(f"{k:<38} " + ", ".join(f"step {a}: {b:.1f} s, worst {c:.2f}x"
                                            for a, b, c in v), flush=True)
        elif k == "cond_ms_per_step":
            print(f"{k:<38} {v:.2f} ms", flush=True)
        elif k == "cond_exact_worst_ratio":
            print(f"{k:<38} {v:.2f}x (the exact ε* by the same measure)", flush=True)
        else:
            print(f"{k:<38} {'not reached' if v is None else f'{v:.3f} s'}", flush=True)


def bench_vae(repeats: int, threads: int | None = None, datasets: tuple[str, ...] | None = None
              ) -> dict:
    """Issue 12 ('VAE default training on 2-D data ≤ 10 s'): for every 2-D data set the VAE
    page offers (`vae.VAE_NAMES` but digits), the wall time of its default training as the
    page's worker runs it (`vae.default_vae("2d", dataset=…)` with the worker's progress
    callback and logging interval; data drawn, model built, VAE_2D trained), median of `repeats`
    seeds at `threads` torch threads (and its CPU time); and how good it is: the held-out
    −ELBO (4,000 fresh points, nats) and the SWD of 2,000 decoded prior draws g(z) and of draws
    of p(x|z) itself to fresh data, as ratios to the noise floor (two true draws)."""
    from .vae import VAE_2D, VAE_NAMES, default_vae

    datasets = tuple(n for n in VAE_NAMES if n != "digits") if datasets is None else datasets
    steps = VAE_2D["steps"]
    log_every = max(1, min(25, steps // 100))  # ui.training_job._run_vae's
    old = torch.get_num_threads()
    if threads is not None:
        torch.set_num_threads(threads)
    out: dict = {"threads": threads or old, "steps": steps, "batch_size": VAE_2D["batch_size"],
                 "lr": VAE_2D["lr"], "warmup": VAE_2D["warmup"]}
    try:
        for name in datasets:
            secs, cpu, steps_s, nelbo, ratios, ratios_noisy = [], [], [], [], [], []
            for seed in range(repeats):
                t0, c0 = time.perf_counter(), time.process_time()
                vae, hist, _ = default_vae("2d", dataset=name, seed=seed, log_every=log_every,
                                           callback=lambda *a: None)
                secs.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
                steps_s.append(hist.seconds)
                g = torch.Generator().manual_seed(100 + seed)
                a, b = toy_2d(name, 2000, g).double(), toy_2d(name, 2000, g).double()
                floor = sliced_wasserstein(b, a)
                with torch.no_grad():
                    ratios.append(sliced_wasserstein(vae.sample(2000, g).double(), a) / floor)
                    ratios_noisy.append(sliced_wasserstein(
                        vae.sample(2000, g, decoder_noise=True).double(), a) / floor)
                    nelbo.append(-float(vae.elbo_terms(toy_2d(name, 4000, g), g)["elbo"].mean()))
            out[f"{name}_train_s"] = statistics.median(secs)
            out[f"{name}_train_cpu_s"] = statistics.median(cpu)  # this process's CPU time: a
            # loaded machine stretches the wall time far more than this
            out[f"{name}_ms_per_step"] = 1000 * statistics.median(steps_s) / steps
            out[f"{name}_heldout_nelbo"] = statistics.median(nelbo)
            out[f"{name}_prior_swd_ratio"] = statistics.median(ratios)
            out[f"{name}_prior_noisy_swd_ratio"] = statistics.median(ratios_noisy)
    finally:
        torch.set_num_threads(old)
    out["vae_2d_train_s_max"] = max(out[f"{n}_train_s"] for n in datasets)
    out["vae_2d_train_target_s"] = 10.0
    return out


def bench_text_to_image(repeats: int) -> dict:
    """Issue 12: the toy text-to-image pipeline — building the default latent pipeline once
    (glyph digits, PCA, per-class mixtures) and the median prompt → image time (CFG s = 3,
    DDIM 50 in the latent, decode), with the generator stage's share."""
    from .latent import build_pipeline, text_to_image

    t0 = time.perf_counter()
    pipe = build_pipeline()
    build = time.perf_counter() - t0
    gens: list[float] = []

    def one():
        _, info = text_to_image("seven", 3.0, 50, torch.Generator().manual_seed(len(gens)),
                                pipeline=pipe)
        gens.append(info["stages"][1]["seconds"])

    total = _median_time(one, repeats)
    return {"pipeline_build_s": build, "text_to_image_s": total,
            "generator_stage_s": statistics.median(gens)}


def bench_masking(repeats: int = 3, threads: tuple[int, ...] = (1,)) -> dict:
    """Issue 12's masked-token figures: the default training time of the masked-token model
    (`tokens.DEFAULT_TRAIN`) on the en and zh corpora with 1 and 2 torch threads, its held-out
    completion accuracy, and decoding one phrase from all-[MASK] with 8 steps (MaskGIT and
    Mask-Predict; medians). Targets: training ≤ 20 s, decoding ≤ 100 ms. Default 1 thread: with
    2 threads on a loaded 2-core machine the training was > 5 min (thread oversubscription)."""
    from .masking import decode, decode_mask_predict, decode_maskgit
    from .tokens import completion_accuracy, make_task, train_masked_model

    out: dict = {}
    old = torch.get_num_threads()
    try:
        for th in threads:
            torch.set_num_threads(th)
            for name in ("en", "zh"):
                task = make_task(name)
                model, hist = train_masked_model(task)
                key = f"{name}_{th}thr"
                out[f"train_{key}_s"] = hist["seconds"]
                out[f"held_out_accuracy_{name}"] = completion_accuracy(model, task.held_out,
                                                                       task.mask_id)
                g = torch.Generator().manual_seed(0)
                out[f"maskgit8_{key}_ms"] = 1e3 * _median_time(
                    lambda m=model, n=task.N, g=g: decode(decode_maskgit(m, n, 8, g)), repeats)
                out[f"maskpredict8_{key}_ms"] = 1e3 * _median_time(
                    lambda m=model, n=task.N: decode(decode_mask_predict(m, n, 8)), repeats)
    finally:
        torch.set_num_threads(old)
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="one seed, one data set, fewer repeats")
    ap.add_argument("--json", default=str(ROOT / "bench_results.json"))
    ap.add_argument("--no-concurrency", action="store_true")
    ap.add_argument("--_worker", choices=["sample", "train"], help=argparse.SUPPRESS)
    ap.add_argument("--threads", type=int, default=torch.get_num_threads())
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--beyond1", action="store_true",
                    help="only the figures of 'Beyond DDPM, part 1' (SDE/ODE, guidance)")
    ap.add_argument("--beyond2", action="store_true",
                    help="only the figures of 'Beyond DDPM, part 2' (masked tokens, VAE, text to "
                         "image), at 1 torch thread")
    args = ap.parse_args(argv)
    if args._worker:
        _worker(args._worker, args.threads, args.repeats)
        return {}
    repeats = 3 if args.quick else args.repeats
    if args.beyond1:
        sched = Schedule.linear(1000)
        torch.manual_seed(0)
        data = toy_2d("moons", 20_000, torch.Generator().manual_seed(0))
        model = MLP2D(width=DEFAULT_2D["width"], depth=DEFAULT_2D["depth"])
        train(model, sched, data, 300, DEFAULT_2D["batch_size"], DEFAULT_2D["lr"])
        res1 = bench_beyond(model, repeats)
        _print_beyond(res1)
        Path(args.json).write_text(json.dumps(res1, indent=2))
        return res1
    if args.beyond2:
        torch.set_num_threads(1)
        res2 = {"masking": bench_masking(repeats), "vae": bench_vae(repeats, threads=1),
                "text_to_image": bench_text_to_image(repeats)}
        for part, figures in res2.items():
            for k, v in figures.items():
                print(f"{part:<14} {k:<34} {v:.4g}" if isinstance(v, float) else
                      f"{part:<14} {k:<34} {v}", flush=True)
        Path(args.json).write_text(json.dumps(res2, indent=2))
        return res2
    res: dict = {"machine": {"threads": torch.get_num_threads(), "torch": torch.__version__,
                             "cpu_count": os.cpu_count()}, "default_2d": DEFAULT_2D}
    res["import_s"] = bench_import(repeats)
    print(f"import ddpm_core                       {res['import_s']:.2f} s (median)", flush=True)

    sched = Schedule.linear(1000)
    torch.manual_seed(0)
    data = toy_2d("moons", 20_000, torch.Generator().manual_seed(0))
    model = MLP2D(width=DEFAULT_2D["width"], depth=DEFAULT_2D["depth"])
    train(model, sched, data, 300, DEFAULT_2D["batch_size"], DEFAULT_2D["lr"])  # warm process
    res["sample_ddpm_s"] = _median_time(
        lambda: sample(model, sched, 2000, generator=torch.Generator().manual_seed(0)), repeats)
    res["sample_ddim50_s"] = _median_time(
        lambda: sample(model, sched, 2000, sampler="ddim", steps=50,
                       generator=torch.Generator().manual_seed(0)), repeats)
    print(f"sample 2000 pts, DDPM 1000 steps       {res['sample_ddpm_s']:.3f} s", flush=True)
    print(f"sample 2000 pts, DDIM 50 steps         {res['sample_ddim50_s']:.3f} s", flush=True)
    res["beyond"] = bench_beyond(model, repeats)
    _print_beyond(res["beyond"])

    sets = ["moons"] if args.quick else ["moons", "8gaussians", "swiss_roll", "checkerboard"]
    seeds = [0] if args.quick else [0, 1, 2]
    res["quality"] = []
    for name in sets:
        runs = [time_to_quality(name, seed, 250, DEFAULT_2D["steps"]) for seed in seeds]
        res["quality"].extend(runs)
        t_swd, t_mmd = (statistics.median(
            r[key] if r[key] is not None else float("inf") for r in runs)
            for key in ("t_swd", "t_mmd"))
        ms = statistics.median(r["ms_per_step"] for r in runs)
        print(f"train {name:<13} to SWD<=1.5x: {t_swd:5.2f} s   to MMD<=1.35x: {t_mmd:5.2f} s"
              f"   ({ms:.2f} ms/step; median of {len(runs)} seeds)", flush=True)

    if not args.no_concurrency:
        res["concurrency"] = bench_concurrency(3 if args.quick else 3)
        print("\nwith the app rerunning in a second process (AppTest of app.py, 1 thread):")
        print(f"{'setting':<34}{'work':<8}{'alone':>10}{'with reruns':>13}{'app rerun':>22}")
        for r in res["concurrency"]:
            unit = "s" if r["kind"] == "sample" else "ms/st"
            print(f"{r['setting']:<34}{r['kind']:<8}{r['alone']:>8.2f}{unit:>2}"
                  f"{r['with_reruns']:>11.2f}{unit:>2}"
                  f"{r['rerun_alone_s']:>10.3f} -> {r['rerun_during_s']:.3f} s")
    Path(args.json).write_text(json.dumps(res, indent=2))
    print(f"\nwritten to {args.json}")
    return res


if __name__ == "__main__":
    main()
