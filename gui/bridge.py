"""The one bridge between core jobs and the GUI thread.

`start_job` runs a core function (which takes a `ProgressHandle`) on its own worker thread
and turns its progress events into Qt signals delivered on the GUI thread.
`LatestWorker` serves interactive requests (a latent point, a drawn image) on one
dedicated thread, where a newer request supersedes a pending one.

Why plain Python threads rather than Qt's thread pool: TensorFlow keeps per-thread state
tied to the Python thread state; a second TensorFlow job on a reused QThreadPool thread
crashed in `take_gil` (seen with two trainings in a row). A fresh thread per job costs
microseconds against jobs that take seconds.

Why a relay QObject: in PySide6 a signal emitted on a worker thread runs its slot on the
GUI thread only when that slot is a method of a QObject living there; lambdas connected
directly would run on the worker. Every public signal here is emitted from a method of
an object created on the GUI thread.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from core.errors import describe_error
from core.progress import ProgressEvent, ProgressHandle

#: Every Job and LatestWorker alive, so that closing the window can stop them all.
_LIVE_JOBS: weakref.WeakSet[Job] = weakref.WeakSet()
_LIVE_WORKERS: weakref.WeakSet[LatestWorker] = weakref.WeakSet()


def one_line_error(exc: BaseException) -> str:
    """A user-facing one-line description of an exception (never a traceback): a
    `core.errors.UserError`'s first line as is, any other exception as "TypeName: first line"."""
    return describe_error(exc)


class Job(QObject):
    """A core function running on a worker thread, seen from the GUI thread."""

    event = Signal(object)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    _relayed = Signal(object)
    _completed = Signal(object, object)

    def __init__(self, throttle_ms: int = 50, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.handle = ProgressHandle(self._from_worker)
        self._throttle_s = throttle_ms / 1000.0
        self._last_batch = 0.0
        self._done = threading.Event()
        self._relayed.connect(self._on_relayed)
        self._completed.connect(self._on_completed)
        self._worker: Any = None
        self.error_traceback = ""

    # --- worker side -------------------------------------------------------------
    def _from_worker(self, ev: ProgressEvent) -> None:
        if ev.kind == "batch":
            now = time.monotonic()
            last = ev.data.get("batch") == ev.data.get("steps")
            if not last and now - self._last_batch < self._throttle_s:
                return
            self._last_batch = now
        self._relayed.emit(ev)

    def _run(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        try:
            result = fn(*args, handle=self.handle, **kwargs)
        except BaseException as exc:  # every error must reach a handler the user sees
            self.error_traceback = traceback.format_exc()
            self._completed.emit(None, exc)
        else:
            self._completed.emit(result, None)
        finally:
            self._done.set()

    # --- GUI side ----------------------------------------------------------------
    @Slot(object)
    def _on_relayed(self, ev: ProgressEvent) -> None:
        self.event.emit(ev)

    @Slot(object, object)
    def _on_completed(self, result: Any, exc: BaseException | None) -> None:
        if exc is None:
            self.succeeded.emit(result)
        else:
            self.failed.emit(one_line_error(exc))
        self.finished.emit()

    def start(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Run `fn(*args, handle=self.handle, **kwargs)` on a new worker thread."""
        name = f"Job-{getattr(fn, '__name__', 'job')}"
        self._worker = threading.Thread(target=self._run, args=(fn, args, kwargs), name=name, daemon=True)
        _LIVE_JOBS.add(self)
        self._worker.start()

    def cancel(self) -> None:
        """Ask the job to stop (cooperatively, at its next check)."""
        self.handle.cancel()

    def pause(self) -> None:
        """Ask the job to wait at its next check."""
        self.handle.pause()

    def resume(self) -> None:
        """Let a paused job continue."""
        self.handle.resume()

    @property
    def running(self) -> bool:
        """Whether the job's function has not yet returned."""
        return self._worker is not None and not self._done.is_set()

    def wait(self, timeout_s: float) -> bool:
        """Block until the function returned (True) or `timeout_s` passed (False)."""
        if self._worker is None:
            return True
        return self._done.wait(timeout_s)


def start_job(fn: Callable[..., Any], *args: Any, throttle_ms: int = 50, **kwargs: Any) -> Job:
    """Run `fn(*args, handle=handle, **kwargs)` on a worker thread; return its `Job`.

    Connect to the job's signals right after this call: events are queued to the GUI
    thread, so none is delivered before control returns to the event loop.
    """
    job = Job(throttle_ms=throttle_ms)
    job.start(fn, *args, **kwargs)
    return job


class LatestWorker(QObject):
    """Serve requests on one dedicated thread; a new request replaces a pending one.

    Use it for interactive work on a model this worker owns: `fn` is only ever called
    on the worker's thread, so the model behind it has one owner.
    """

    computed = Signal(object, object)
    failed = Signal(str)

    _relayed = Signal(object, object, object)

    def __init__(self, fn: Callable[[Any], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self._cond = threading.Condition()
        self._pending: tuple[Any] | None = None
        self._closed = False
        self._busy = False
        self._relayed.connect(self._on_relayed)
        self._thread = threading.Thread(target=self._loop, name="LatestWorker", daemon=True)
        _LIVE_WORKERS.add(self)
        self._thread.start()

    def set_function(self, fn: Callable[[Any], Any]) -> None:
        """Replace the function (takes effect from the next request)."""
        with self._cond:
            self._fn = fn

    def submit(self, request: Any) -> None:
        """Queue `request`, superseding any request not yet started."""
        with self._cond:
            self._pending = (request,)
            self._cond.notify()

    @property
    def idle(self) -> bool:
        """Whether no request is pending or running."""
        with self._cond:
            return self._pending is None and not self._busy

    def _loop(self) -> None:
        while True:
            with self._cond:
                while self._pending is None and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                assert self._pending is not None
                (request,) = self._pending
                self._pending = None
                self._busy = True
                fn = self._fn
            try:
                result = fn(request)
            except Exception as exc:  # reported to the GUI, never raised in the worker
                self._relayed.emit(request, None, exc)
            else:
                self._relayed.emit(request, result, None)
            finally:
                with self._cond:
                    self._busy = False

    @Slot(object, object, object)
    def _on_relayed(self, request: Any, result: Any, exc: BaseException | None) -> None:
        if exc is None:
            self.computed.emit(request, result)
        else:
            self.failed.emit(one_line_error(exc))

    def close(self, timeout_s: float = 2.0) -> None:
        """Stop the thread after the request in progress (if any)."""
        with self._cond:
            self._closed = True
            self._pending = None
            self._cond.notify()
        self._thread.join(timeout_s)

    @property
    def alive(self) -> bool:
        """Whether the worker's thread is still running."""
        return self._thread.is_alive()


def running_jobs() -> list[Job]:
    """Every `Job` whose function has not yet returned."""
    return [job for job in list(_LIVE_JOBS) if job.running]


def stop_all(timeout_s: float) -> list[str]:
    """Cancel every running job and close every `LatestWorker`, waiting for them all within one
    shared deadline of `timeout_s`; return the names of the threads still alive after it."""
    deadline = time.monotonic() + max(0.0, timeout_s)
    jobs = running_jobs()
    for job in jobs:
        job.cancel()
        job.resume()  # a paused job must reach its next check to see the cancel
    workers = list(_LIVE_WORKERS)
    for worker in workers:
        with worker._cond:  # noqa: SLF001 (same module)
            worker._closed = True  # noqa: SLF001
            worker._pending = None  # noqa: SLF001
            worker._cond.notify()  # noqa: SLF001
    for job in jobs:
        job.wait(max(0.0, deadline - time.monotonic()))
    for worker in workers:
        worker.close(max(0.0, deadline - time.monotonic()))
    alive = [job._worker.name for job in jobs if job.running and job._worker is not None]  # noqa: SLF001
    alive += ["LatestWorker" for worker in workers if worker.alive]
    return alive


def report_stuck(names: list[str]) -> None:
    """Say on stderr which threads would not stop (before a hard exit)."""
    if names:
        print(f"latent-lab: exiting while {', '.join(names)} could not stop in time", file=sys.stderr, flush=True)
