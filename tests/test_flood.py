"""A flood of reruns from one session (a held-down key, a script) against the real server:
Streamlit folds the requests that arrive while a run is in progress into one pending rerun,
so the flooding session runs its script a few times, not once per request, its last value
wins, and another session's reruns go on being served. The latency the others see during a
flood is a benchmark figure (`scripts/bench_load.py --flooders 1 --burst 30`), not asserted
here."""

from __future__ import annotations

import asyncio
import re
import sys
import time
from pathlib import Path

from apptest_util import run_async

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

FLOOD = 40  # requests sent back to back
QUIET_S, DEADLINE_S = 2.0, 180.0
T_SHOWN = re.compile(r"\$t = (\d+)\$,")  # the forward page's numbers line under the player


def _set_t(st, value: int) -> str:
    """Set the forward page's t field as the player does; its fragment id back."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    found = st.find("forward_t")
    assert found is not None, "no t field on the forward page"
    wid, _, _, frag = found
    w = st.states.get(wid) or WidgetState()
    w.id, w.int_value = wid, value
    st.states[wid] = w
    return frag or ""


async def _scenario(base: str) -> dict:
    from bench_load import Student
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    url = base.replace("http", "ws", 1)
    flooder, bystander = Student(url, "forward"), Student(url, "forward")
    try:
        for s in (flooder, bystander):
            await s.connect()
            await s.rerun()
        before = sum(flooder.finished.values())

        async def flood():
            for v in range(10, 10 + FLOOD):
                await flooder.request(fragment_id=_set_t(flooder, v))
            last = 10 + FLOOD
            await flooder.rerun(fragment_id=_set_t(flooder, last))
            # runs superseded or still finishing: wait until the session is quiet
            deadline, n = time.monotonic() + DEADLINE_S, -1
            while n != sum(flooder.finished.values()):
                assert time.monotonic() < deadline, "the flooding session never settled"
                n = sum(flooder.finished.values())
                await asyncio.sleep(QUIET_S)
            return last

        async def browse():
            lat = []
            for v in (5, 6, 7):
                lat.append(await bystander.rerun(fragment_id=_set_t(bystander, v)))
            return lat

        last, lat = await asyncio.gather(flood(), browse())
        statuses = flooder.finished
        done = sum(n for k, n in statuses.items() if k != ForwardMsg.FINISHED_EARLY_FOR_RERUN)
        return {"last": last, "runs": done - before, "shown": T_SHOWN.findall(
            " ".join(flooder.md_texts)), "bystander": lat, "errors": flooder.errors +
            bystander.errors, "by_shown": T_SHOWN.findall(" ".join(bystander.md_texts))}
    finally:
        await flooder.close()
        await bystander.close()


def test_a_flood_of_reruns_is_coalesced_its_last_value_wins_and_others_are_served(app_server):
    r = run_async(_scenario(app_server), 2 * DEADLINE_S)
    assert not r["errors"], r["errors"]
    # 41 requests, a handful of runs: superseded requests were folded, not queued
    assert 1 <= r["runs"] <= (FLOOD + 1) // 2, r
    assert r["shown"] and int(r["shown"][-1]) == r["last"], r  # the last value won
    assert len(r["bystander"]) == 3 and r["by_shown"][-1] == "7", r  # the other was served
