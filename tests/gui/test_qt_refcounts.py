"""PySide6 6.12.0 on Python 3.11 drops a reference to True on every signal emit (and to None
on every processEvents), so a long training session aborts the interpreter. The project pins
a release without that bug; this test fails if a broken one comes back."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication

from gui.bridge import start_job


def _emit_many(n: int, handle=None) -> int:  # type: ignore[no-untyped-def]
    for i in range(n):
        handle.emit("message", text=str(i))
    return n


def test_relayed_events_do_not_leak_references_to_true_or_none(qtbot) -> None:  # type: ignore[no-untyped-def]
    n = 2000
    seen: list[str] = []
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    job = start_job(_emit_many, n)
    job.event.connect(lambda ev: seen.append(ev.data["text"]))
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    for _ in range(200):
        QCoreApplication.processEvents()
    assert len(seen) == n
    # A leak of one reference per emit would show as a drop of ~2 * n.
    assert sys.getrefcount(True) - true_before > -n // 4
    # processEvents on an idle loop creates no Python objects, so None's count stays put
    # unless the binding leaks (6.12.0 dropped one reference per call).
    none_before = sys.getrefcount(None)
    for _ in range(20_000):
        QCoreApplication.processEvents()
    assert sys.getrefcount(None) - none_before > -5_000
