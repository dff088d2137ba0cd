"""One trainer per run, interrupted runs, checkpoint pruning, cancellable GAN metrics, smaller ones."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from core.progress import ProgressHandle
from core.training.config import TrainConfig
from core.training.lock import RunLock, RunLockedError
from core.training.run import TrainingRun
from core.training.run_folder import RunError, load_run_info, rollback_run

ROOT = Path(__file__).resolve().parents[3]


def _vae(**kw: object) -> TrainConfig:
    return TrainConfig(**{"kind": "vae", "dataset": "digits", "epochs": 2, "batch_size": 20, "max_train": 200,
                          "max_test": 64, **kw})  # type: ignore[arg-type]


def test_a_second_trainer_is_refused_and_the_first_finishes(tmp_path: Path) -> None:
    batch_seen, go_on = threading.Event(), threading.Event()

    def on_event(event: object) -> None:
        if getattr(event, "kind", "") == "batch" and not batch_seen.is_set():
            batch_seen.set()
            go_on.wait(30)

    first = TrainingRun(_vae(), run_dir=tmp_path / "run", handle=ProgressHandle(on_event))
    box: dict[str, Any] = {}
    worker = threading.Thread(target=lambda: box.setdefault("result", first.train()))
    worker.start()
    try:
        assert batch_seen.wait(60)
        assert load_run_info(tmp_path / "run").status == "running"
        with pytest.raises(RunLockedError, match=f"pid {os.getpid()}"):
            TrainingRun.open(tmp_path / "run").train(1)
    finally:
        go_on.set()
        worker.join(60)
    assert box["result"].status == "completed"
    info = load_run_info(tmp_path / "run")
    assert info.epochs_done == 2 and info.status == "completed"


def test_cli_resume_of_a_locked_run_exits_2(tmp_path: Path) -> None:
    assert TrainingRun(_vae(epochs=1), run_dir=tmp_path / "run").train().status == "completed"
    with RunLock(tmp_path / "run", "training"):
        proc = subprocess.run([sys.executable, "main.py", "train", "--resume", str(tmp_path / "run"), "--epochs", "1"],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr[-1500:]
    assert "another trainer holds this run" in proc.stderr


def test_a_run_whose_trainer_died_reads_interrupted_and_continues(tmp_path: Path) -> None:
    assert TrainingRun(_vae(epochs=1), run_dir=tmp_path / "run").train().status == "completed"
    state = json.loads((tmp_path / "run" / "state.json").read_text())
    (tmp_path / "run" / "state.json").write_text(json.dumps({**state, "status": "running"}))
    assert load_run_info(tmp_path / "run").status == "interrupted"
    assert TrainingRun.open(tmp_path / "run").train(1).status == "completed"
    assert load_run_info(tmp_path / "run").epochs_done == 2


def test_history_nulls_read_as_nan(tmp_path: Path) -> None:
    assert TrainingRun(_vae(epochs=1), run_dir=tmp_path / "run").train().status == "completed"
    (tmp_path / "run" / "history.json").write_text(json.dumps({"loss": [None], "kl_loss": [1.5]}))
    history = load_run_info(tmp_path / "run").history
    assert math.isnan(history["loss"][0]) and history["kl_loss"] == [1.5]


def test_gan_checkpoints_are_pruned_to_the_last_and_the_best(tmp_path: Path) -> None:
    config = TrainConfig(kind="gan", dataset="digits", epochs=4, batch_size=64, max_train=128, max_test=64,
                         gan_metrics=True, keep_checkpoints=2)
    run = TrainingRun(config, run_dir=tmp_path / "gan")
    run._gan_quality = lambda epoch: {"frechet": 1.0 if epoch == 1 else 5.0}  # type: ignore[method-assign]
    assert run.train().status == "completed"
    kept = sorted(p.name for p in (tmp_path / "gan" / "checkpoints").iterdir())
    assert kept == ["epoch_0001", "epoch_0003", "epoch_0004"]
    assert sorted(p.name for p in (tmp_path / "gan" / "checkpoints" / "epoch_0004").iterdir()) == [
        "discriminator.keras", "generator.keras", "train_state.npz"]
    with pytest.raises(RunError, match="pruned"):
        rollback_run(tmp_path / "gan", 2)
    rollback_run(tmp_path / "gan", 3)
    assert load_run_info(tmp_path / "gan").epochs_done == 3
    assert not (tmp_path / "gan" / "checkpoints" / "epoch_0004").exists()


def test_cancel_inside_the_gan_quality_hook_stops_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from core.gan import quality

    handle = ProgressHandle()
    monkeypatch.setattr(quality.GanQualityHook, "reference_features", lambda self: handle.cancel())
    config = TrainConfig(kind="gan", dataset="digits", epochs=2, batch_size=64, max_train=128, max_test=64)
    result = TrainingRun(config, run_dir=tmp_path / "gan", handle=handle).train()
    assert result.status == "stopped" and result.epochs_done == 0
    info = load_run_info(tmp_path / "gan")
    assert info.epochs_done == 0 and not (tmp_path / "gan" / "generator.keras").exists()


def test_a_write_error_fails_the_run_with_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import core.training.run as run_module

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    run = TrainingRun(_vae(epochs=1), run_dir=tmp_path / "run")
    monkeypatch.setattr(run_module, "save_snapshot", full)
    result = run.train()
    assert result.status == "failed" and "cannot write the run folder" in result.message
    assert "No space left" in result.message


def test_relative_dataset_paths_are_stored_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from core.data.sources import canonical_source

    monkeypatch.chdir(tmp_path)
    assert canonical_source("npz:data/x.npz") == f"npz:{tmp_path / 'data' / 'x.npz'}"
    assert canonical_source("idx:C:\\data") == "idx:C:\\data"
    assert canonical_source(" MNIST ") == "mnist"
    assert TrainConfig(kind="vae", dataset="idx:sub").resolved().dataset == f"idx:{tmp_path / 'sub'}"
