"""The Schedule a config key names, shared by every session and by the page helper process
(`ui.page_worker`): no Streamlit here, so the helper can import it. `ui.engine_cache`
re-exports both names for the pages."""

from __future__ import annotations

import functools
import json

from ddpm_core import Schedule


def schedule_key(sched: Schedule) -> str:
    """A hashable name of the schedule (its config as JSON): the caches' key."""
    return json.dumps(sched.config(), sort_keys=True)


@functools.lru_cache(maxsize=32)
def schedule_from_key(key: str) -> Schedule:
    """The Schedule a key describes, built once per process and shared: never write into it."""
    return Schedule.from_config(json.loads(key))
