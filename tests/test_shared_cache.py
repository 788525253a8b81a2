"""ui.shared_cache.shared: the plain process-wide cache of the forward page's per-t results."""

from __future__ import annotations

import threading
import time

import pytest

from ui.shared_cache import shared


def test_the_key_is_the_arguments_without_the_underscored_ones():
    calls = []

    @shared(8)
    def f(name, _data, n):
        calls.append((name, n))
        return (name, len(_data), n)

    assert f("a", [1, 2], 3) == ("a", 2, 3)
    assert f("a", [9, 9, 9], 3) == ("a", 2, 3)  # _data is not part of the key: the kept value
    assert f("a", [1, 2], 4) == ("a", 2, 4)  # another n: computed
    assert calls == [("a", 3), ("a", 4)]


def test_it_keeps_the_latest_most_keys():
    calls = []

    @shared(2)
    def f(k):
        calls.append(k)
        return k * 10

    for k in (1, 2, 1, 3, 1, 2):  # 1 is read again before 3 arrives: 2 is the oldest, dropped
        f(k)
    assert calls == [1, 2, 3, 2]


def test_sessions_missing_the_same_key_at_once_compute_it_once():
    calls = []
    start = threading.Barrier(4)

    @shared(8)
    def slow(k):
        calls.append(k)
        time.sleep(0.3)
        return object()

    got = []

    def session():
        start.wait()
        got.append(slow(1))

    threads = [threading.Thread(target=session) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(10)
    assert calls == [1] and len(got) == 4 and all(g is got[0] for g in got)


def test_a_failed_computation_is_not_kept_and_a_waiting_session_computes_it_itself():
    calls = []
    gate = threading.Event()

    @shared(8)
    def flaky(k):
        calls.append(threading.current_thread().name)
        if len(calls) == 1:
            gate.wait(5)
            raise RuntimeError("the first try fails")
        return "ok"

    errors = []

    def first():
        try:
            flaky(1)
        except RuntimeError as e:
            errors.append(e)

    a = threading.Thread(target=first, name="first")
    a.start()
    time.sleep(0.1)
    b_got = []
    b = threading.Thread(target=lambda: b_got.append(flaky(1)), name="second")
    b.start()
    time.sleep(0.1)
    gate.set()  # the first fails while the second waits for it
    a.join(10)
    b.join(10)
    assert len(errors) == 1 and b_got == ["ok"] and calls == ["first", "second"]
    assert flaky(1) == "ok" and len(calls) == 2  # kept now


def test_calls_are_positional():
    @shared(2)
    def f(a):
        return a

    with pytest.raises(TypeError):
        f(a=1)
