"""`main.py train --resume`: options the run fixes are refused when they differ; a run held by
another trainer is refused (exit 2, one line naming the holder) and the holder finishes."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.cli import dispatch as cli
from core.cli.resume import check_resumable, normalize_source
from core.training.config import TrainConfig
from core.training.lock import RunLock, is_locked
from core.training.run_folder import load_run_info

SMALL = ["--dataset", "digits", "--max-train", "200", "--max-test", "50", "--batch-size", "50"]


def _fake_run(folder: Path, **config: object) -> Path:
    """A run folder as training leaves it (resolved config, state, history), without training."""
    cfg = TrainConfig(**{"kind": "vae", "dataset": "digits", "max_train": 200, **config}).resolved()  # type: ignore[arg-type]
    folder.mkdir(parents=True)
    (folder / "config.json").write_text(json.dumps(cfg.to_dict()))
    (folder / "state.json").write_text(json.dumps({"status": "completed", "epochs_done": 0, "message": "",
                                                   "test_metrics": {}, "dataset_name": "digits"}))
    (folder / "history.json").write_text("{}")
    return folder


def _error_line(capsys: pytest.CaptureFixture[str]) -> str:
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    return lines[0]


@pytest.mark.parametrize(
    "options, expected",
    [
        (["--seed", "3"], "--seed 3 differs from the run's seed 0"),
        (["--arch", "wide"], "--arch wide differs from the run's architecture default"),
        (["--strategy", "mirrored"], "--strategy mirrored differs from the run's strategy default"),
        (["--lr", "0.5"], "--lr 0.5 differs from the run's learning rate"),
        (["--latent-dim", "7"], "--latent-dim 7 differs from the run's latent dim 2"),
        (["--batch-size", "9"], "--batch-size 9 differs from the run's batch size"),
        (["--dataset", "mnist"], "--dataset mnist differs from the run's dataset digits"),
        (["--max-train", "300"], "--max-train 300 differs from the run's max train 200"),
        (["--max-test", "40"], "--max-test 40 differs from the run's max test (none)"),
        (["--out", "/elsewhere"], "--out /elsewhere differs from the run folder"),
    ],
)
def test_resume_refuses_an_option_the_run_fixes(tmp_path: Path, options: list[str], expected: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    run = _fake_run(tmp_path / "run", latent_dim=2)
    assert cli.main(["train", "--resume", str(run), *options]) == 2
    line = _error_line(capsys)
    assert expected in line and "a resumed run keeps its own settings" in line


def test_no_gan_metrics_is_refused_for_a_gan_run_with_metrics(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = _fake_run(tmp_path / "run", kind="gan")
    assert cli.main(["train", "--resume", str(run), "--no-gan-metrics", "--seed", "1"]) == 2
    line = _error_line(capsys)
    assert "--seed 1 differs from the run's seed 0" in line and "--no-gan-metrics differs" in line


def test_options_that_agree_with_the_run_are_accepted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data.npz").write_bytes(b"")
    run = _fake_run(tmp_path / "run", kind="gan", dataset=f"npz:{tmp_path / 'data.npz'}", seed=4, gan_metrics=False)
    cfg = load_run_info(run).config
    argv = ["train", "--resume", str(run), "--seed", "4", "--dataset", "npz:data.npz", "--no-gan-metrics",
            "--lr", str(cfg["learning_rate"]), "--batch-size", str(cfg["batch_size"]), "--out", str(run),
            "--arch", "default", "--strategy", "default", "--max-train", "200", "--epochs", "3"]
    check_resumable(cli.build_parser().parse_args(argv))  # relative npz: path = the stored absolute one


def test_normalize_source_makes_file_sources_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert normalize_source("idx:mnist_dir") == f"idx:{tmp_path / 'mnist_dir'}"
    assert normalize_source("npz:../x.npz") == f"npz:{tmp_path.parent / 'x.npz'}"
    assert normalize_source("digits") == "digits"


def test_resume_of_a_locked_run_is_refused_naming_the_holder(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    run = _fake_run(tmp_path / "run")
    with RunLock(run, "training"):
        assert cli.main(["train", "--resume", str(run), "--epochs", "1"]) == 2
    line = _error_line(capsys)
    assert f"run: another trainer holds this run: pid {os.getpid()} on {socket.gethostname()}" in line
    assert load_run_info(run).epochs_done == 0


def _wait_for(condition: object, proc: subprocess.Popen[str], timeout_s: float) -> bool:
    """Poll `condition` until it holds (True) or `proc` ends or the deadline passes (False)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and proc.poll() is None:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def test_second_trainer_is_refused_while_the_first_finishes(tmp_path: Path, project_root: Path) -> None:
    run = tmp_path / "run"
    env = {**os.environ, "LATENT_LAB_HOME": str(tmp_path / "home")}
    main_py = str(project_root / "main.py")
    first = subprocess.Popen([sys.executable, main_py, "train", "vae", "--epochs", "30", "--out", str(run), *SMALL],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        # state.json first (a plain stat), then the lock: probing the lock earlier could race its acquisition
        assert _wait_for(lambda: (run / "state.json").exists(), first, 120), first.communicate()[1][-2000:]
        assert _wait_for(lambda: is_locked(run), first, 60), "the trainer never held the run's lock"
        second = subprocess.run([sys.executable, main_py, "train", "--resume", str(run), "--epochs", "1"],
                                capture_output=True, text=True, env=env, timeout=120)
        assert second.returncode == 2, second.stderr
        lines = second.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: run: another trainer holds this run: "
                                                       f"pid {first.pid} on {socket.gethostname()}"), lines
        out, err = first.communicate(timeout=300)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait(timeout=30)
    assert first.returncode == 0, err[-2000:]
    assert "status: completed" in out and "epochs: 30" in out
    info = load_run_info(run)
    assert info.epochs_done == 30 and len(info.history["loss"]) == 30 and not is_locked(run)
