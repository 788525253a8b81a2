"""ui/janitor.py: sessions whose browser left are closed after the grace (Streamlit keeps
them for a reconnect and, once the class has left, never expires them: issue 14's memory
after 60 sessions leave), and the memory release collects objects the warm-up froze."""

from __future__ import annotations

import gc
import weakref

from ui import janitor


class _Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def _janitor(listing: dict, closed: list, clock: _Clock, after: float = 60.0):
    def close(sid):
        closed.append(sid)
        listing.pop(sid)  # Runtime.close_session removes it from the store

    return janitor.Janitor(lambda: list(listing.items()), close, after, clock)


def test_a_session_without_a_browser_is_closed_after_the_grace_and_only_then():
    clock, closed = _Clock(), []
    listing = {"a": True, "b": False}  # a: browser connected; b: its tab closed
    jan = _janitor(listing, closed, clock)
    assert jan.sweep() == [] and closed == []
    clock.now = 59.0
    assert jan.sweep() == [] and closed == []
    clock.now = 60.0
    assert jan.sweep() == ["b"] and closed == ["b"]
    clock.now = 1000.0
    assert jan.sweep() == [] and closed == ["b"]  # a connected session is never closed


def test_a_session_that_reconnects_starts_its_grace_again():
    clock, closed = _Clock(), []
    listing = {"b": False}
    jan = _janitor(listing, closed, clock)
    jan.sweep()
    clock.now = 50.0
    listing["b"] = True  # the browser came back (a network blip)
    jan.sweep()
    clock.now = 70.0
    listing["b"] = False  # gone again at 70 s: closed 60 s later, not at once
    assert jan.sweep() == []
    clock.now = 129.0
    assert jan.sweep() == []
    clock.now = 130.0
    assert jan.sweep() == ["b"]


def test_release_collects_cycles_the_warm_up_froze_and_keeps_the_rest_frozen():
    class Node:
        pass

    gc.collect()
    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle: only the collector frees it
    ref = weakref.ref(a)
    gc.freeze()  # as ui/warmup.py does at the end of the warm-up, with a and b alive
    try:
        del a, b  # the session that held them has left
        gc.collect()
        assert ref() is not None  # frozen: Python's own collections never free it
        out = janitor.release_memory()
        assert ref() is None, out  # the janitor's release does
        assert out["collected"] >= 2 and gc.get_freeze_count() > 0  # the rest frozen again
    finally:
        gc.unfreeze()


def test_a_plain_release_leaves_the_frozen_heap_frozen_and_collects_the_rest():
    class Node:
        pass

    gc.collect()
    a, b = Node(), Node()
    a.other, b.other = b, a
    frozen_ref = weakref.ref(a)
    gc.freeze()  # the warm heap, with a session's cycle in it
    try:
        c, d = Node(), Node()  # a session that came after the warm-up
        c.other, d.other = d, c
        later_ref = weakref.ref(c)
        del a, b, c, d  # both sessions have left
        out = janitor.release_memory(thaw=False)
        assert later_ref() is None, out  # collected: it was never frozen
        assert frozen_ref() is not None  # the frozen heap was not walked
        assert gc.get_freeze_count() > 0 and not out["thawed"]  # (its count can drop: other
        # threads of the test process free frozen objects by reference counting meanwhile)
    finally:
        gc.unfreeze()
        gc.collect()


def test_the_whole_heap_is_walked_only_when_nobody_is_connected():
    gap = janitor.RELEASE_GAP_S
    assert janitor.plan(3, 3, 0, gap) == "thaw"  # the class has left
    assert janitor.plan(3, 3, 12, gap) == "plain"  # students still browse: frozen heap kept
    assert janitor.plan(0, 3, 0, gap) == "thaw"  # closed during the class, thawed once quiet
    assert janitor.plan(0, 0, 0, gap) is None  # nothing closed since the last release
    assert janitor.plan(0, 3, 5, gap) is None  # nothing new, and students still browse
    assert janitor.plan(3, 3, 0, gap - 1) is None  # the last release was too recent


def test_the_sweep_counts_the_sessions_with_a_browser():
    clock, closed = _Clock(), []
    jan = _janitor({"a": True, "b": False, "c": True}, closed, clock)
    jan.sweep()
    assert jan.active == 2


def test_close_after_reads_the_environment(monkeypatch):
    monkeypatch.setenv("DDPM_SESSION_TTL", "15")
    assert janitor.close_after_s() == 15.0
    monkeypatch.setenv("DDPM_SESSION_TTL", "nonsense")
    assert janitor.close_after_s() == 60.0
    monkeypatch.delenv("DDPM_SESSION_TTL")
    assert janitor.close_after_s() == 60.0
