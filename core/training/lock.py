"""One trainer per run: an OS file lock on the run folder that dies with its process.

`RunLock(run_dir).acquire()` takes an exclusive, non-blocking lock on `RUN_DIR/.lock`
(`fcntl.flock` on POSIX, `msvcrt.locking` on Windows) and writes who holds it (pid, host,
purpose, start time) into the file, so a refused trainer can say who is in the way. The
operating system releases the lock when the holder's process dies, however it dies, so a
stale lock file never blocks anyone: `lock_holder` reports a holder only while the lock is
really held. Locks are per open file, so two trainers in one process exclude each other too; keep the
`RunLock` object referenced while it should hold (a collected one closes its file and frees
the run).
"""

from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path
from typing import IO, Any

from core.errors import UserError

LOCK_FILE = ".lock"
#: How long acquire() retries before refusing: longer than any lock_holder() probe, which
#: takes the free lock for an instant to tell whether anyone holds it.
ACQUIRE_GRACE_S = 0.2


class RunLockedError(UserError):
    """Another trainer holds the run (the message names the run and who holds it)."""


def _try_lock(handle: IO[str]) -> bool:
    """Take an exclusive lock on the open file without waiting; False if someone holds it."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[str]) -> None:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        return
    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _read_holder(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text() or "{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def describe_holder(holder: dict[str, Any]) -> str:
    """'pid 1234 on host (training since 12:03:04)' from a holder record."""
    since = holder.get("since")
    when = time.strftime("%H:%M:%S", time.localtime(float(since))) if isinstance(since, int | float) else "?"
    return f"pid {holder.get('pid', '?')} on {holder.get('host', '?')} ({holder.get('purpose', 'training')} since {when})"


class RunLock:
    """An exclusive lock on one run folder (see the module docstring)."""

    def __init__(self, run_dir: str | os.PathLike[str], purpose: str = "training") -> None:
        self.run_dir = Path(run_dir)
        self.purpose = purpose
        self._handle: IO[str] | None = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock now."""
        return self._handle is not None

    def acquire(self) -> RunLock:
        """Take the lock or raise `RunLockedError` naming the holder; never waits."""
        if self._handle is not None:
            return self
        self.run_dir.mkdir(parents=True, exist_ok=True)
        path = self.run_dir / LOCK_FILE
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 (held until release)
        deadline = time.monotonic() + ACQUIRE_GRACE_S
        while not _try_lock(handle):
            if time.monotonic() < deadline:
                time.sleep(0.005)
                continue
            handle.close()
            holder = _read_holder(path)
            raise RunLockedError(f"{self.run_dir.name}: another trainer holds this run: {describe_holder(holder)}")
        record = {"pid": os.getpid(), "host": socket.gethostname(), "purpose": self.purpose, "since": time.time()}
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(record))
        handle.flush()
        self._handle = handle
        return self

    def release(self) -> None:
        """Give the lock up (the file stays; an unlocked file means nobody holds the run)."""
        handle, self._handle = self._handle, None
        if handle is None:
            return
        try:
            _unlock(handle)
        finally:
            handle.close()

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def lock_holder(run_dir: str | os.PathLike[str]) -> dict[str, Any] | None:
    """Who holds the run now (pid, host, purpose, since), or None when nobody does."""
    path = Path(run_dir) / LOCK_FILE
    if not path.exists():
        return None
    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115
    except OSError:
        return None
    try:
        if _try_lock(handle):
            _unlock(handle)
            return None
    finally:
        handle.close()
    return _read_holder(path)


def is_locked(run_dir: str | os.PathLike[str]) -> bool:
    """Whether a live trainer holds the run."""
    return lock_holder(run_dir) is not None
