"""The engine's speed on a CUDA device beside the same machine's CPU (2 torch threads, as the
2-core laptop the app is built for): `python3 scripts/bench_device.py [--json PATH]`.

Medians of timed runs after a warm-up; CUDA work is synchronised before each clock reading.
Figures: the playground's 2-D network (training ms/step at its default batch, 2,000 samples by
DDPM through 1,000 steps and by DDIM 50), the shipped digits U-Net (training ms/step, 64 samples
by DDIM 50 and by DDPM 1,000) and the class-conditional one (64 CFG samples, DDIM 50), the
reverse SDE (1,000 steps, 2,000 points) and the ODE likelihood of 2,000 points. The device
machine runs it from scripts/device_check.sh.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ddpm_core import MLP2D, Schedule, build_model, load_checkpoint, sample, toy_2d, train  # noqa: E402
from ddpm_core.bench import DEFAULT_2D  # noqa: E402
from ddpm_core.guidance import GuidedEps  # noqa: E402
from ddpm_core.pretrain import CFG_DIGITS  # noqa: E402
from ddpm_core.sde import VPSDE, DiscreteEps, ode_log_likelihood, sample_sde  # noqa: E402


def _timed(fn, device: str, repeats: int) -> float:
    def sync():
        if device == "cuda":
            torch.cuda.synchronize()
    fn()
    sync()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        sync()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bench(device: str, repeats: int, long_cpu: bool) -> dict:
    g = lambda: torch.Generator().manual_seed(0)  # noqa: E731
    sched = Schedule.linear(1000)
    out: dict = {}
    data = toy_2d("moons", 20_000, torch.Generator().manual_seed(0))
    torch.manual_seed(0)
    mlp = MLP2D(width=DEFAULT_2D["width"], depth=DEFAULT_2D["depth"]).to(device)
    steps = 300
    out["mlp2d_train_ms_per_step"] = 1e3 / steps * _timed(
        lambda: train(mlp, sched, data, steps, DEFAULT_2D["batch_size"], DEFAULT_2D["lr"],
                      generator=g()), device, repeats)
    mlp.eval()
    out["mlp2d_ddpm1000_2000pts_s"] = _timed(lambda: sample(mlp, sched, 2000, generator=g()),
                                             device, repeats)
    out["mlp2d_ddim50_2000pts_s"] = _timed(
        lambda: sample(mlp, sched, 2000, sampler="ddim", steps=50, generator=g()), device, repeats)
    sde, eps = VPSDE(), DiscreteEps(mlp, 1000)
    out["sde_1000_steps_2000pts_s"] = _timed(lambda: sample_sde(eps, sde, 2000, 1000, g()),
                                             device, repeats)
    x0 = toy_2d("moons", 2000, torch.Generator().manual_seed(1)).to(device)
    out["ode_loglik_2000pts_s"] = _timed(lambda: ode_log_likelihood(eps, sde, x0, 100, "heun"),
                                         device, repeats)

    ck = load_checkpoint(ROOT / "pretrained" / "digits.safetensors", device=device)
    unet = ck.model.eval()
    out["digits_ddim50_64_s"] = _timed(
        lambda: sample(unet, ck.schedule, 64, sampler="ddim", steps=50, generator=g()),
        device, repeats)
    if long_cpu:
        out["digits_ddpm_all_64_s"] = _timed(lambda: sample(unet, ck.schedule, 64, generator=g()),
                                             device, max(1, repeats // 2))
    cond = load_checkpoint(ROOT / "pretrained" / "conditional" / "digits.safetensors",
                           device=device)
    guided = GuidedEps(cond.model.eval(), 3, 3.0)
    out["cond_digits_cfg_ddim50_64_s"] = _timed(
        lambda: sample(guided, cond.schedule, 64, sampler="ddim", steps=50, generator=g()),
        device, repeats)
    digits = torch.rand(2000, 1, CFG_DIGITS["image_size"], CFG_DIGITS["image_size"],
                        generator=g()) * 2 - 1  # the step's cost does not depend on the pictures
    torch.manual_seed(0)
    fresh = build_model(unet.config(), device)
    steps = 50
    out["digits_train_ms_per_step"] = 1e3 / steps * _timed(
        lambda: train(fresh, ck.schedule, digits, steps, CFG_DIGITS["batch_size"],
                      CFG_DIGITS["lr"], generator=g()), device, repeats)
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", default=str(ROOT / "bench_device.json"))
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--cpu-threads", type=int, default=2)
    args = ap.parse_args(argv)
    res: dict = {"torch": torch.__version__}
    if torch.cuda.is_available():
        res["gpu"] = torch.cuda.get_device_name()
        res["cuda"] = bench("cuda", args.repeats, long_cpu=True)
    torch.set_num_threads(args.cpu_threads)
    res["cpu_threads"] = args.cpu_threads
    res["cpu"] = bench("cpu", max(1, args.repeats // 3), long_cpu=False)
    print(f"{'figure':<32}{'cuda':>12}{'cpu (' + str(args.cpu_threads) + ' thr)':>14}")
    keys = list(res.get("cuda", res["cpu"]))
    for k in keys:
        a, b = res.get("cuda", {}).get(k), res["cpu"].get(k)
        fmt = lambda v: "—" if v is None else f"{v:.4g}"  # noqa: E731
        print(f"{k:<32}{fmt(a):>12}{fmt(b):>14}")
    Path(args.json).write_text(json.dumps(res, indent=2))
    return res


if __name__ == "__main__":
    main()
