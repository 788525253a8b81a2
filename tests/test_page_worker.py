"""ui/page_worker.py and ui/forward_chains.py: the forward page's chains computed in a helper
process, the same numbers as in the server's process and as the chain stepped one t at a
time; a helper that dies or is turned off leaves the page its result; an error in the work
reaches the page as itself."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import time

import numpy as np
import pytest
import torch

from ddpm_core import Schedule
from ui import forward_chains, page_worker
from ui.frames import FRAMES_DIR

ROWS, SEED_CHAIN, SEED_SHOT = 40, 1, 2
DEADLINE_S = 60.0


@pytest.fixture()
def helper(monkeypatch):
    monkeypatch.setenv("DDPM_PAGE_WORKERS", "1")
    page_worker.shutdown()
    yield
    page_worker.shutdown()


def _setting():
    sched = Schedule.linear(30, 1e-3, 0.2)
    x = np.random.default_rng(0).normal(size=(50, 2)) + 2.0
    return json.dumps(sched.config(), sort_keys=True), sched, x


def _stepped(sched: Schedule, x: np.ndarray, ts) -> tuple[np.ndarray, np.ndarray]:
    """The same two chains computed the long way, outside the engine's closed forms: x_s =
    √α_s x_{s-1} + √β_s ε_s one s at a time (Ho Eq. 2) with the page's draws, and
    √ᾱ_t x_0 + √(1-ᾱ_t) ε as a product of the α's (Eq. 4)."""
    eps = torch.randn((ROWS, *x.shape), generator=torch.Generator().manual_seed(SEED_CHAIN),
                      dtype=torch.float64).numpy()
    shot_eps = torch.randn(x.shape, generator=torch.Generator().manual_seed(SEED_SHOT),
                           dtype=torch.float64).numpy()
    betas = sched.betas.numpy()
    xs, cur = {0: x}, x
    for s in range(1, max(ts) + 1):
        cur = np.sqrt(1 - betas[s]) * cur + np.sqrt(betas[s]) * eps[s - 1]
        xs[s] = cur
    shot = [np.prod(1 - betas[1:t + 1]) ** 0.5 * x + (1 - np.prod(1 - betas[1:t + 1])) ** 0.5
            * shot_eps for t in ts]
    return np.stack([xs[t] for t in ts]), np.stack(shot)


def test_the_helper_computes_the_chains_in_another_process_as_stepped(helper):
    cfg, sched, x = _setting()
    ts = (1, 5, 17, 30)
    assert page_worker.run(os.getpid) != os.getpid()  # it runs elsewhere
    chain, shot = page_worker.run(forward_chains.chains, cfg, "k", x, ts, ROWS, SEED_CHAIN,
                                  SEED_SHOT)
    want_chain, want_shot = _stepped(sched, x, ts)
    np.testing.assert_allclose(chain, want_chain, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(shot, want_shot, rtol=1e-10, atol=1e-12)
    # and bit for bit what the server's own process computes when the helper is off
    here = forward_chains.chains(cfg, "k", x, ts, ROWS, SEED_CHAIN, SEED_SHOT)
    np.testing.assert_array_equal(chain, here[0])
    np.testing.assert_array_equal(shot, here[1])


def test_a_row_is_its_t_of_the_chains_on_the_grid_or_off_it(helper):
    """The one t the server asks for (`forward_chains.row`: its x_t both ways), taken from the
    grid's chains the helper keeps, or computed alone for a t off the grid: x_t stepped one
    s at a time, whichever way."""
    cfg, sched, x = _setting()
    grid = (1, 8, 16, 23, 30)
    for ts, step in ((grid, 16), (grid, 30), ((11,), 11)):
        chain, shot = page_worker.run(forward_chains.row, cfg, "k", x, ts, ROWS, SEED_CHAIN,
                                      SEED_SHOT, step)
        want_chain, want_shot = _stepped(sched, x, (step,))
        assert chain.shape == shot.shape == x.shape
        np.testing.assert_allclose(chain, want_chain[0], rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(shot, want_shot[0], rtol=1e-10, atol=1e-12)


def test_an_error_in_the_work_reaches_the_caller_as_itself(helper):
    cfg, _, x = _setting()
    with pytest.raises(ValueError, match="ts must hold"):
        page_worker.run(forward_chains.chains, cfg, "k", x, (31,), ROWS, SEED_CHAIN, SEED_SHOT)
    assert page_worker.pids(), "a ValueError is the work's answer, not a broken helper"


def test_a_killed_helper_leaves_the_page_its_result_and_is_replaced(helper):
    cfg, sched, x = _setting()
    page_worker.run(os.getpid)  # started
    (old,) = page_worker.pids()
    os.kill(old, signal.SIGKILL)
    deadline = time.monotonic() + DEADLINE_S
    while page_worker._POOL[0] is not None and not page_worker._POOL[0]._broken:
        assert time.monotonic() < deadline, "the pool never noticed its helper died"
        time.sleep(0.05)
    chain, _ = page_worker.run(forward_chains.chains, cfg, "k", x, (3,), ROWS, SEED_CHAIN,
                               SEED_SHOT)
    np.testing.assert_allclose(chain, _stepped(sched, x, (3,))[0], rtol=1e-10, atol=1e-12)
    new = page_worker.run(os.getpid)
    assert new not in (old, os.getpid())


def test_with_no_helper_the_work_runs_in_the_server_process(monkeypatch):
    monkeypatch.setenv("DDPM_PAGE_WORKERS", "0")
    page_worker.shutdown()
    assert page_worker.run(os.getpid) == os.getpid()
    assert page_worker.pids() == []


def test_the_helpers_frames_decode_to_the_stepped_chains(helper):
    """The player's frames as the helper files them (in the static folder, named by their
    digest): int16 coordinates that decode (× scale)
    to the chain stepped one t at a time within half a quantum, a picture's uint8 pixels to
    (x_t + 1)/2 within half of 1/255, and the axes' half-width holds x_0 and every frame."""
    import base64

    cfg, sched, x = _setting()
    x[0] = (20.0, -20.0)  # x_0 alone sets the axes (every frame's x_t has shrunk it)
    img = np.random.default_rng(1).uniform(-1, 1, size=(1, 6, 5))
    ts = (9, 17, 30)
    (uid, path), lim = page_worker.run(forward_chains.frames, cfg, "c", x, "i", img, ts, ROWS,
                                       SEED_CHAIN, SEED_SHOT)
    body = path.read_bytes()  # filed by the helper in the app's static folder, named by digest
    assert path.parent == FRAMES_DIR and path.name == f"{uid}.json"
    assert uid == hashlib.md5(body, usedforsecurity=False).hexdigest()
    ups = json.loads(body)
    chain, shot = _stepped(sched, x, ts)
    ichain, ishot = _stepped(sched, img, ts)
    want = {(1, "x"): chain[..., 0], (1, "y"): chain[..., 1], (3, "x"): shot[..., 0],
            (3, "y"): shot[..., 1], (5, "z"): (ichain[:, 0] + 1) / 2,
            (6, "z"): (ishot[:, 0] + 1) / 2}
    assert sorted((u["trace"], u["prop"]) for u in ups) == sorted(want)
    for u in ups:
        w = want[u["trace"], u["prop"]].reshape(len(ts), -1)
        q = np.frombuffer(base64.b64decode(u["bdata"]), dtype="<i2" if u["dtype"] == "i2"
                          else np.uint8).reshape(len(ts), -1).astype(float)
        tol = u["scale"] / 2 + 1e-12
        if u["dtype"] == "u1":
            w = np.clip(w, 0, 1)
        np.testing.assert_allclose(q * u["scale"], w, atol=tol)
    assert max(np.abs(chain).max(), np.abs(shot).max()) < 20.0
    assert lim == pytest.approx(1.05 * 20.0)
