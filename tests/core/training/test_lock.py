"""`core.training.lock`: one trainer per run folder, a lock that dies with its process."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.errors import UserError
from core.training.lock import LOCK_FILE, RunLock, RunLockedError, is_locked, lock_holder

HOLD_SCRIPT = """
import sys, time
sys.path.insert(0, sys.argv[2])
from core.training.lock import RunLock
lock = RunLock(sys.argv[1], "test holder").acquire()  # kept referenced: held until the process dies
print("locked", flush=True)
time.sleep(120)
"""


def _wait_until(condition: object, timeout_s: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def test_acquire_release_and_holder_record(tmp_path: Path) -> None:
    run = tmp_path / "run"
    assert lock_holder(run) is None and not is_locked(run)  # no folder, no lock file: nobody
    lock = RunLock(run, "training")
    with lock:
        assert lock.held and is_locked(run)
        holder = lock_holder(run)
        assert holder is not None
        assert holder["pid"] == os.getpid() and holder["host"] == socket.gethostname()
        assert holder["purpose"] == "training" and abs(holder["since"] - time.time()) < 60
    assert not lock.held and not is_locked(run) and lock_holder(run) is None
    assert (run / LOCK_FILE).is_file()  # released, not deleted
    with RunLock(run, "again"):  # and it can be taken again
        assert lock_holder(run)["purpose"] == "again"  # type: ignore[index]


def test_second_lock_is_refused_naming_pid_and_host(tmp_path: Path) -> None:
    with RunLock(tmp_path, "training"):
        with pytest.raises(RunLockedError) as info:
            RunLock(tmp_path, "GAN steps").acquire()
    message = str(info.value)
    assert isinstance(info.value, UserError) and "\n" not in message
    assert f"pid {os.getpid()}" in message and socket.gethostname() in message and "training since" in message
    assert not is_locked(tmp_path)


def test_acquire_twice_on_one_object_is_a_no_op(tmp_path: Path) -> None:
    lock = RunLock(tmp_path)
    assert lock.acquire() is lock and lock.acquire() is lock
    lock.release()
    lock.release()  # a second release does nothing
    assert not is_locked(tmp_path)


def test_stale_lock_file_blocks_nobody(tmp_path: Path) -> None:
    (tmp_path / LOCK_FILE).write_text(json.dumps({"pid": 999999, "host": "gone", "purpose": "training", "since": 0}))
    assert lock_holder(tmp_path) is None and not is_locked(tmp_path)
    with RunLock(tmp_path, "training"):
        assert lock_holder(tmp_path)["pid"] == os.getpid()  # type: ignore[index]


def test_lock_of_a_subprocess_is_seen_and_dies_with_it(tmp_path: Path, project_root: Path) -> None:
    run = tmp_path / "run"
    proc = subprocess.Popen([sys.executable, "-c", HOLD_SCRIPT, str(run), str(project_root)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        holder = lock_holder(run)
        assert holder is not None and holder["pid"] == proc.pid and holder["purpose"] == "test holder"
        with pytest.raises(RunLockedError, match=f"pid {proc.pid} on {socket.gethostname()}"):
            RunLock(run).acquire()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=20)
        assert _wait_until(lambda: not is_locked(run))
        assert (run / LOCK_FILE).exists()  # the file outlives its holder and blocks nobody
        with RunLock(run, "after"):
            assert lock_holder(run)["pid"] == os.getpid()  # type: ignore[index]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=20)


def test_a_concurrent_probe_never_refuses_a_free_lock(tmp_path: Path) -> None:
    import threading

    stop = threading.Event()

    def probe() -> None:
        while not stop.is_set():
            lock_holder(tmp_path)

    RunLock(tmp_path).acquire().release()
    thread = threading.Thread(target=probe)
    thread.start()
    refused = 0
    try:
        for _ in range(3000):
            try:
                RunLock(tmp_path).acquire().release()
            except RunLockedError:
                refused += 1
    finally:
        stop.set()
        thread.join(timeout=10)
    assert refused == 0
