"""`main.py train` exit codes: 2 only for bad input; a failure while training (a full disk, a
failed run) is 1 with one line, also when the engine wraps an OS error in a `UserError`."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

import core.cli.train as train_cmd
from core.cli import dispatch as cli
from core.cli.errors import caused_by_os_error
from core.errors import UserError
from core.training.run import RunResult
from core.training.run_folder import RunError

SMALL = ["--dataset", "digits", "--max-train", "200", "--max-test", "50", "--batch-size", "50"]


class _FakeRun:
    def __init__(self, outcome: Any) -> None:
        self.outcome = outcome

    def train(self, epochs: int | None) -> RunResult:
        if isinstance(self.outcome, BaseException):
            raise self.outcome
        return self.outcome  # type: ignore[no-any-return]


def _run_with(outcome: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    monkeypatch.setattr(train_cmd, "make_run", lambda args, handle: _FakeRun(outcome))
    code = cli.main(["train", "vae"])
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    return code, lines[0]


def test_failed_run_exits_1_with_its_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    result = RunResult("failed", "Training failed at epoch 2: OSError: [Errno 28] No space left on device",
                       {"loss": [1.0]}, {}, tmp_path, 1)
    code, line = _run_with(result, monkeypatch, capsys)
    assert code == 1 and line == f"error: {result.message}"


def test_user_error_wrapping_a_full_disk_exits_1(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as exc:
            raise RunError("run/state.json: cannot write (No space left on device)") from exc
    except RunError as wrapped:
        error = wrapped
    code, line = _run_with(error, monkeypatch, capsys)
    assert code == 1 and line == "error: run/state.json: cannot write (No space left on device)"


def test_os_error_while_training_exits_1(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, line = _run_with(OSError(errno.ENOSPC, "No space left on device"), monkeypatch, capsys)
    assert code == 1 and line == "error: OSError: [Errno 28] No space left on device"


def test_user_error_while_training_stays_bad_input(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, line = _run_with(UserError("run: another trainer holds this run"), monkeypatch, capsys)
    assert code == 2 and line == "error: run: another trainer holds this run"


def test_caused_by_os_error_follows_the_chain() -> None:
    inner = OSError("disk")
    outer = RunError("x")
    outer.__cause__ = inner
    assert caused_by_os_error(outer) and caused_by_os_error(inner)
    assert not caused_by_os_error(RunError("plain")) and not caused_by_os_error(ValueError("v"))


def test_disk_full_during_a_real_training_exits_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    run = tmp_path / "run"
    real_replace = os.replace

    def full_disk(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        target = Path(dst)
        if run in target.parents and target.suffix in (".keras", ".npz"):
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", full_disk)
    code = cli.main(["train", "classifier", "--epochs", "2", "--out", str(run), *SMALL])
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert code == 1, err
    assert len(errors) == 1 and "No space left on device" in errors[0]
    monkeypatch.undo()
    assert not [p.name for p in run.rglob("*") if ".tmp-" in p.name]  # no temp file left behind
