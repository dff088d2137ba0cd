"""A small Qt-free handle through which long jobs report progress and learn of cancellation."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class CancelledError(Exception):
    """Raised by a job that noticed its handle was cancelled and cannot return a partial result."""


@dataclass(frozen=True)
class ProgressEvent:
    """One report from a running job: `kind` says what happened, `data` carries the numbers."""

    kind: str
    data: dict[str, Any] = field(default_factory=dict)


class ProgressHandle:
    """Progress reporting plus cooperative cancel and pause for one job.

    The job calls `emit`, checks `cancelled` and calls `wait_if_paused` between steps;
    the owner (a GUI bridge, a CLI progress bar, a test) supplies `on_event` and calls
    `cancel`, `pause` and `resume` from any thread.
    """

    def __init__(self, on_event: Callable[[ProgressEvent], None] | None = None) -> None:
        self._on_event = on_event
        self._cancel = threading.Event()
        self._running = threading.Event()
        self._running.set()

    def emit(self, kind: str, /, **data: Any) -> None:
        """Report an event to the owner (called on the job's thread)."""
        if self._on_event is not None:
            self._on_event(ProgressEvent(kind, data))

    def message(self, text: str) -> None:
        """Report a human-readable status line."""
        self.emit("message", text=text)

    def cancel(self) -> None:
        """Ask the job to stop at its next check; also releases a paused job."""
        self._cancel.set()
        self._running.set()

    @property
    def cancelled(self) -> bool:
        """Whether `cancel` was called."""
        return self._cancel.is_set()

    def pause(self) -> None:
        """Ask the job to wait at its next `wait_if_paused`."""
        if not self.cancelled:
            self._running.clear()

    def resume(self) -> None:
        """Let a paused job go on."""
        self._running.set()

    @property
    def paused(self) -> bool:
        """Whether the job is asked to wait."""
        return not self._running.is_set()

    def wait_if_paused(self) -> None:
        """Block while paused; return at once when running or cancelled."""
        while not self._running.wait(timeout=0.1):
            if self.cancelled:
                return
