"""Smoke tests: the real `main.py` starts the window and quits; the `train` sub-command works."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_main(args: list[str], tmp_path: Path, timeout: float, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TF_CPP_MIN_LOG_LEVEL": "2",
                "LATENT_LAB_HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "config"), **env}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


def test_main_shows_window_and_quits(tmp_path: Path) -> None:
    proc = run_main([], tmp_path, timeout=60, LATENT_LAB_EXIT_AFTER_SHOWN="1")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "window shown: Latent Lab" in proc.stdout
    age = float(proc.stdout.split("process_age_s=")[1].split()[0])
    assert 0.0 < age < 30.0


def test_help_lists_gui_and_subcommands(tmp_path: Path) -> None:
    proc = run_main(["--help"], tmp_path, timeout=30)
    assert proc.returncode == 0
    for word in ("gui", "train", "activations", "decode", "latent-grid", "sample", "score"):
        assert word in proc.stdout
    assert "tensorflow" not in proc.stderr.lower()


def test_unknown_command_is_one_line_error(tmp_path: Path) -> None:
    proc = run_main(["frobnicate"], tmp_path, timeout=30)
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith("error:") and len(proc.stderr.strip().splitlines()) == 1


def test_train_subcommand_writes_run_folder(tmp_path: Path) -> None:
    out = tmp_path / "run"
    proc = run_main(["train", "classifier", "--dataset", "digits", "--epochs", "1", "--max-train", "300",
                     "--out", str(out)], tmp_path, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    for name in ("config.json", "history.json", "state.json", "classifier.keras"):
        assert (out / name).is_file(), name
    state = json.loads((out / "state.json").read_text())
    assert state["status"] == "completed" and state["epochs_done"] == 1
    history = json.loads((out / "history.json").read_text())
    assert len(history["loss"]) == 1 and history["loss"][0] > 0
