"""An epoch is all or nothing: a crash at any write leaves a folder that repairs to one epoch.

The sweep copies the run folder at every write of one epoch (exactly what a SIGKILL at that
write would leave on disk: the write's temp file complete, nothing after it), then repairs
each copy. Real SIGKILLs (`LATENT_LAB_CRASH_AT_WRITE`, and random moments) check the same
with a training subprocess.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import core.atomic
from core.training.config import TrainConfig
from core.training.consistency import run_problems
from core.training.run import TrainingRun
from core.training.run_folder import load_run_info

ROOT = Path(__file__).resolve().parents[3]
CONFIG = TrainConfig(kind="vae", dataset="digits", epochs=1, batch_size=50, max_train=200, max_test=64)
CONTINUE = "import sys; from core.training.run import TrainingRun; TrainingRun.open(sys.argv[1]).train(int(sys.argv[2]))"


@pytest.fixture(scope="module")
def one_epoch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    run_dir = tmp_path_factory.mktemp("crash") / "base"
    assert TrainingRun(CONFIG, run_dir=run_dir).train(1).status == "completed"
    return run_dir


def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(".lock"))
    return dst


def _assert_repaired_and_continues(run_dir: Path, *, train: bool = True) -> int:
    before = load_run_info(run_dir).epochs_done  # repairs
    assert run_problems(run_dir) == []
    if train:
        run = TrainingRun.open(run_dir)
        assert run.train(1).status == "completed"
        assert load_run_info(run_dir).epochs_done == before + 1
        assert run_problems(run_dir) == []
    return before


def test_a_crash_at_every_write_of_an_epoch_repairs(one_epoch: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    work = _copy(one_epoch, tmp_path / "work")
    images: list[Path] = []
    original = core.atomic.count_write

    def copy_at_write() -> None:  # the folder as a kill at this write would leave it
        images.append(_copy(work, tmp_path / f"kill_{len(images) + 1:02d}"))
        original()

    monkeypatch.setattr(core.atomic, "count_write", copy_at_write)
    assert TrainingRun.open(work).train(1).status == "completed"
    monkeypatch.undo()
    assert len(images) >= 8  # staged models, train state, history, snapshot, commit, publishes, state
    assert any(p.name.startswith(".") and core.atomic.TMP_MARK in p.name for p in images[1].rglob("*"))
    seen = set()
    for i, image in enumerate(images):
        seen.add(_assert_repaired_and_continues(image, train=i % 3 == 0 or i == len(images) - 1))
    assert seen == {1, 2}  # kills before the commit keep epoch 1, after it epoch 2


def _kill_env(at: int | None) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(core.atomic.CRASH_ENV, None)
    if at is not None:
        env[core.atomic.CRASH_ENV] = str(at)
    return env


@pytest.mark.parametrize("write", [2, 7])  # a staged model (its temp file is left), the commit
def test_sigkill_at_a_write_repairs(one_epoch: Path, tmp_path: Path, write: int) -> None:
    run_dir = _copy(one_epoch, tmp_path / "run")
    proc = subprocess.run([sys.executable, "-c", CONTINUE, str(run_dir), "1"], env=_kill_env(write),
                          cwd=ROOT, capture_output=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]
    if write == 2:
        assert any(core.atomic.TMP_MARK in p.name for p in run_dir.rglob("*"))
    assert load_run_info(run_dir, repair=False).status == "interrupted"
    _assert_repaired_and_continues(run_dir)


def test_sigkill_at_random_moments_repairs(one_epoch: Path, tmp_path: Path) -> None:
    for i, delay in enumerate((4.5, 5.5)):
        run_dir = _copy(one_epoch, tmp_path / f"run{i}")
        proc = subprocess.Popen([sys.executable, "-c", CONTINUE, str(run_dir), "3"], env=_kill_env(None),
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        _assert_repaired_and_continues(run_dir, train=i == 0)
