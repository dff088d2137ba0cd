"""gui.bridge: events and results reach the GUI thread, throttling keeps the last batch,
failures carry one line, LatestWorker drops superseded requests."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import QObject, Slot

from core.data.dataset import DatasetError
from core.progress import ProgressEvent
from gui.bridge import LatestWorker, start_job


class Recorder(QObject):
    """Slots living on the GUI thread that record what arrived and on which thread."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[ProgressEvent] = []
        self.results: list[Any] = []
        self.errors: list[str] = []
        self.threads: set[int] = set()

    @Slot(object)
    def on_event(self, ev: ProgressEvent) -> None:
        self.threads.add(threading.get_ident())
        self.events.append(ev)

    @Slot(object)
    def on_result(self, result: Any) -> None:
        self.threads.add(threading.get_ident())
        self.results.append(result)

    @Slot(str)
    def on_error(self, message: str) -> None:
        self.threads.add(threading.get_ident())
        self.errors.append(message)


def count_batches(n: int, *, handle: Any) -> dict[str, Any]:
    """Emit n batch events as fast as possible, then return the worker's thread id."""
    for i in range(1, n + 1):
        handle.emit("batch", batch=i, steps=n, loss=1.0 / i)
    handle.message("done counting")
    return {"thread": threading.get_ident(), "n": n}


def explode(*, handle: Any) -> None:
    handle.message("about to fail")
    raise DatasetError("bad.npz: not a dataset archive\nsecond line that must not show")


def crash(*, handle: Any) -> None:
    raise KeyError("layer_7")


def test_events_and_result_arrive_on_gui_thread_with_last_batch(qtbot: Any) -> None:
    rec = Recorder()
    job = start_job(count_batches, 500, throttle_ms=1000)
    job.event.connect(rec.on_event)
    job.succeeded.connect(rec.on_result)
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    main = threading.get_ident()
    assert rec.threads == {main}
    assert rec.results[0]["thread"] != main
    batches = [e.data["batch"] for e in rec.events if e.kind == "batch"]
    assert batches[-1] == 500  # the last batch always passes the throttle
    assert len(batches) < 500  # and most batches were throttled away
    assert batches == sorted(batches)
    assert [e.data["text"] for e in rec.events if e.kind == "message"] == ["done counting"]
    assert not job.running and job.wait(0.1)


def test_failed_carries_one_line_message(qtbot: Any) -> None:
    rec = Recorder()
    job = start_job(explode)
    job.failed.connect(rec.on_error)
    job.event.connect(rec.on_event)
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    assert rec.errors == ["bad.npz: not a dataset archive"]
    assert rec.threads == {threading.get_ident()}
    assert "DatasetError" in job.error_traceback


def test_unexpected_errors_name_their_type_user_errors_do_not(qtbot: Any) -> None:
    rec = Recorder()
    job = start_job(crash)
    job.failed.connect(rec.on_error)
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    assert rec.errors == ["KeyError: 'layer_7'"]


def test_cancel_and_pause_reach_the_handle(qtbot: Any) -> None:
    gate = threading.Event()

    def wait_for_cancel(*, handle: Any) -> str:
        gate.set()
        handle.wait_if_paused()
        while not handle.cancelled:
            handle.wait_if_paused()
            gate.wait(0.01)
        return "cancelled"

    rec = Recorder()
    job = start_job(wait_for_cancel)
    job.succeeded.connect(rec.on_result)
    assert gate.wait(5)
    job.pause()
    assert job.handle.paused and job.running
    job.resume()
    assert not job.handle.paused
    with qtbot.waitSignal(job.finished, timeout=5_000):
        job.cancel()
    assert rec.results == ["cancelled"]


def test_latest_worker_drops_superseded_requests(qtbot: Any) -> None:
    release, started = threading.Event(), threading.Event()
    seen: list[int] = []

    def slow_square(x: int) -> int:
        if x == 0:
            started.set()
            release.wait(5)  # hold the worker so later requests pile up
        seen.append(x)
        return x * x

    worker = LatestWorker(slow_square)
    got: list[tuple[int, int]] = []
    threads: set[int] = set()

    class Sink(QObject):
        @Slot(object, object)
        def on_computed(self, request: Any, result: Any) -> None:
            threads.add(threading.get_ident())
            got.append((request, result))

    sink = Sink()
    worker.computed.connect(sink.on_computed)
    try:
        worker.submit(0)
        assert started.wait(5)  # request 0 is running; the next ones pile up behind it
        for x in range(1, 6):
            worker.submit(x)
        release.set()
        qtbot.waitUntil(lambda: len(got) >= 2 and worker.idle, timeout=5_000)
    finally:
        worker.close()
    assert got == [(0, 0), (5, 25)]
    assert seen == [0, 5]
    assert threads == {threading.get_ident()}


def test_latest_worker_failure_is_one_line(qtbot: Any) -> None:
    def fail(x: int) -> int:
        raise RuntimeError(f"cannot decode {x}\ntraceback noise")

    worker = LatestWorker(fail)
    try:
        with qtbot.waitSignal(worker.failed, timeout=5_000) as blocker:
            worker.submit(3)
    finally:
        worker.close()
    assert blocker.args == ["RuntimeError: cannot decode 3"]


@pytest.mark.parametrize("throttle_ms", [0])
def test_unthrottled_job_passes_every_batch(qtbot: Any, throttle_ms: int) -> None:
    rec = Recorder()
    job = start_job(count_batches, 50, throttle_ms=throttle_ms)
    job.event.connect(rec.on_event)
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    assert [e.data["batch"] for e in rec.events if e.kind == "batch"] == list(range(1, 51))
