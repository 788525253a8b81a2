"""A process-wide cache of results that every session reads and never writes: `shared(most)`.

Streamlit's st.cache_resource does the same job, but on every call it hashes each argument with
its own hasher and looks up the function's signature once per argument (inspect.signature):
~0.3-0.5 ms a call in the server (cProfile of the forward page's t reports, session 17), on
the path of every t a student reports. Here the key is the tuple of the arguments as given;
those whose names start with "_" are left out of it, as in Streamlit (the other arguments must
name them). Calls are positional. Sessions that miss the same key at once wait for the first
one's computation (as Streamlit's would), at most WAIT_S, and compute it themselves if it
failed; values are shared, never copied: read-only by convention.
"""

from __future__ import annotations

import functools
import inspect
import threading
from collections import OrderedDict
from collections.abc import Callable


class SharedLRU:
    """A small LRU shared by every session (newest last), thread-safe; None is not a value."""

    def __init__(self, most: int):
        self.most, self._d, self._lock = most, OrderedDict(), threading.Lock()

    def get(self, key):
        with self._lock:
            got = self._d.get(key)
            if got is not None:
                self._d.move_to_end(key)
            return got

    def put(self, key, value) -> None:
        with self._lock:
            self._d[key] = value
            while len(self._d) > self.most:
                self._d.popitem(last=False)


WAIT_S = 120.0  # the longest a session waits for another's computation of the same key


def shared(most: int) -> Callable:
    """Decorator: keep the results of the `most` latest argument tuples for every session."""

    def deco(fn: Callable) -> Callable:
        names = list(inspect.signature(fn).parameters)
        keyed = tuple(i for i, name in enumerate(names) if not name.startswith("_"))
        cache = SharedLRU(most)
        running: dict = {}  # key -> Event set when its computation has ended
        lock = threading.Lock()

        @functools.wraps(fn)
        def wrapper(*args):
            key = tuple(args[i] for i in keyed)
            got = cache.get(key)
            if got is not None:
                return got
            with lock:
                done = running.get(key)
                first = done is None
                if first:
                    done = running[key] = threading.Event()
            if not first:  # another session computes it: wait for its result
                done.wait(WAIT_S)
                got = cache.get(key)
                if got is not None:
                    return got
            try:
                got = fn(*args)
                cache.put(key, got)
                return got
            finally:
                if first:
                    with lock:
                        running.pop(key, None)
                    done.set()

        wrapper.cache = cache
        return wrapper

    return deco
