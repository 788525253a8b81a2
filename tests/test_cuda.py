"""The engine on a CUDA device against the same computation on the CPU (skipped without CUDA;
CI has none: run on a GPU machine with `bash scripts/device_check.sh`).

Every sampler draws its noise on the CPU from the caller's generator and moves it to the
model's device, so the same seed gives the same chain on either device: the samples must agree
to float32 rounding (accumulated over the chain's steps, hence the tolerances). A wrong device
for a table, a coefficient left on the CPU, or a fast path that only holds on the CPU shows here.
"""

import copy
from pathlib import Path

import pytest
import torch
from test_models_fast import _randomised  # every parameter randomised, GroupNorm's too

import ddpm_core
from ddpm_core import MLP2D, Schedule, TinyUNet, load_checkpoint, sample, toy_2d, train
from ddpm_core.guidance import GuidedEps
from ddpm_core.sde import VPSDE, DiscreteEps, ode_log_likelihood, sample_ode, sample_sde

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device here")
SCHED = Schedule.linear(200, scale_to_T=True)
PRE = Path(__file__).resolve().parent.parent / "pretrained"
# a trained model's chain contracts; a wrong coefficient or table moves the samples by O(0.1-1)
TOL = 1e-2


def _shipped(name):
    ck = load_checkpoint(PRE / f"{name}.safetensors", device="cpu")
    return ck.model, ck.schedule


@pytest.fixture
def exact_fp32():
    """No TF32 in cuDNN's convolutions or cuBLAS's matmuls (PyTorch lets cuDNN use it by
    default on Ampere and later: ~1e-3 relative), for comparisons at float32 rounding."""
    old = torch.backends.cudnn.allow_tf32, torch.backends.cuda.matmul.allow_tf32
    torch.backends.cudnn.allow_tf32 = torch.backends.cuda.matmul.allow_tf32 = False
    yield
    torch.backends.cudnn.allow_tf32, torch.backends.cuda.matmul.allow_tf32 = old


def _pair(model):
    """The model on the CPU and a copy on the GPU, both in eval mode."""
    model = model.eval()
    return model, copy.deepcopy(model).to("cuda")


def _close(a, b, atol):
    assert a.device.type == "cuda" and b.device.type == "cpu"
    diff = float((a.cpu() - b).abs().max())
    print(f"largest |gpu - cpu| = {diff:.3g} (tolerance {atol:g})")
    assert diff <= atol


@pytest.mark.parametrize("sampler,steps", [("ddpm", None), ("ddim", 20)])
def test_mlp_chains_agree_with_the_cpu(sampler, steps):
    model, sched = _shipped("moons")
    cpu, gpu = _pair(model)
    a = sample(gpu, sched, 1000, sampler=sampler, steps=steps,
               generator=torch.Generator().manual_seed(0))
    b = sample(cpu, sched, 1000, sampler=sampler, steps=steps,
               generator=torch.Generator().manual_seed(0))
    _close(a, b, TOL)


@pytest.mark.parametrize("num_classes", [0, 10])
def test_unet_fast_path_on_the_gpu(num_classes, exact_fp32):
    """TinyUNet's channels-last fast path (hand GroupNorm, 1×1 as matmul) on CUDA against its
    plain layers on CUDA (randomised weights, no TF32)."""
    m = _randomised(TinyUNet(channels=16, image_size=16, emb_dim=32, num_classes=num_classes))
    gpu = m.eval().to("cuda")
    x = torch.randn(6, 1, 16, 16, generator=torch.Generator().manual_seed(2)).cuda()
    y = torch.tensor([0, 1, 2, 3, 4, 5], device="cuda") if num_classes else None
    tt = torch.tensor([1, 50, 100, 150, 199, 200], device="cuda")
    with torch.no_grad():
        fast = gpu(x, tt, y)
        gpu.fast_path = False
        plain = gpu(x, tt, y)
        gpu.fast_path = True
    torch.testing.assert_close(fast, plain, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("name", ["digits", "conditional/digits"])
def test_shipped_unets_chains_agree_with_the_cpu(name):
    """A DDIM chain of the shipped digits models (classifier-free guidance s = 3 for the
    conditional one) on the GPU, TF32 left as PyTorch sets it, against the CPU's."""
    model, sched = _shipped(name)
    cpu, gpu = _pair(model)
    if name.startswith("conditional"):
        cpu, gpu = GuidedEps(cpu, 3, 3.0), GuidedEps(gpu, 3, 3.0)
    a = sample(gpu, sched, 16, sampler="ddim", steps=20, generator=torch.Generator().manual_seed(0))
    b = sample(cpu, sched, 16, sampler="ddim", steps=20, generator=torch.Generator().manual_seed(0))
    _close(a, b, 2 * TOL)


def test_sde_ode_and_likelihood_agree_with_the_cpu():
    model, _ = _shipped("moons")
    cpu, gpu = _pair(model)
    sde = VPSDE()
    ec, eg = DiscreteEps(cpu, 1000), DiscreteEps(gpu, 1000)
    for fn, kw in ((sample_sde, dict(steps=500)), (sample_ode, dict(steps=50, solver="heun"))):
        a = fn(eg, sde, 500, generator=torch.Generator().manual_seed(0), **kw)
        b = fn(ec, sde, 500, generator=torch.Generator().manual_seed(0), **kw)
        _close(a, b, TOL)
    x0 = toy_2d("moons", 200, torch.Generator().manual_seed(1))
    la = ode_log_likelihood(eg, sde, x0.cuda(), 40, "heun")  # nats, returned on the CPU
    lb = ode_log_likelihood(ec, sde, x0, 40, "heun")
    diff = float((la - lb).abs().max())
    print(f"log-likelihood: largest |gpu - cpu| = {diff:.3g} nats (tolerance {TOL:g})")
    assert diff <= TOL


def test_training_on_the_gpu_learns_and_is_deterministic():
    """The same seed gives the same weights on the GPU (the batches come from a CUDA generator
    seeded from the caller's), the loss falls, and the trained model samples finite points."""
    data = toy_2d("moons", 4000, torch.Generator().manual_seed(0))
    models = []
    for _ in range(2):
        torch.manual_seed(0)
        m = MLP2D(width=64, depth=2).to("cuda")
        h = train(m, SCHED, data, 300, 256, 3e-3, generator=torch.Generator().manual_seed(1))
        assert h.losses[-1] < h.losses[0]
        models.append(m)
    for p, q in zip(models[0].parameters(), models[1].parameters()):
        assert p.device.type == "cuda" and torch.equal(p, q)
    out = sample(models[0], SCHED, 64, generator=torch.Generator().manual_seed(0))
    assert out.device.type == "cuda" and torch.isfinite(out).all()


def test_checkpoint_of_a_gpu_model_loads_on_the_cpu():
    m = _randomised(MLP2D(width=32, depth=2), 4).to("cuda")
    blob = ddpm_core.checkpoint_bytes(m, schedule=SCHED)
    back = ddpm_core.load_checkpoint_bytes(blob, device="cpu").model
    for (k, p), q in zip(m.state_dict().items(), back.state_dict().values()):
        assert q.device.type == "cpu" and torch.equal(p.cpu(), q), k


def test_chain_path_on_the_gpu(exact_fp32):
    """The imagined chain summed on the GPU (float64 there too) against the CPU's."""
    x0 = torch.randn(500, 2, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    noise = torch.randn((200, 500, 2), generator=torch.Generator().manual_seed(1),
                        dtype=torch.float64)
    ts = [200, 0, 7, 100, 7]
    cpu = ddpm_core.chain_path(SCHED, x0, noise, ts)
    gpu = ddpm_core.chain_path(SCHED, x0.cuda(), noise.cuda(), ts)
    _close(gpu, cpu, 1e-9)
