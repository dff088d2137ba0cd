"""Smoke tests: the real `main.py` starts the window and quits; the `train` sub-command works;
`--version`, and the routing of a command line to the window or the CLI."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import latent_lab
from latent_lab import entry

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


def test_main_reports_when_the_engine_is_ready(tmp_path: Path) -> None:
    proc = run_main([], tmp_path, timeout=300, LATENT_LAB_EXIT_AFTER_READY="1")
    assert proc.returncode == 0, proc.stderr[-2000:]
    line = next(x for x in proc.stdout.splitlines() if x.startswith("engine ready:"))
    assert float(line.split("max_gap_ms=")[1].split()[0]) > 0 and int(line.split("ticks=")[1].split()[0]) > 1


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


def test_version_from_main_py(tmp_path: Path) -> None:
    proc = run_main(["--version"], tmp_path, timeout=30)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert re.fullmatch(r"latent-lab \d+\.\d+\.\d+\S*", proc.stdout.strip()), proc.stdout
    assert proc.stdout.strip() == f"latent-lab {latent_lab.version()}"


@pytest.mark.parametrize(("argv", "gui_args"), [
    ([], []),
    (["gui"], []),
    (["--lang", "ko"], ["--lang", "ko"]),
    (["--lang=en"], ["--lang=en"]),
    (["gui", "--lang", "ko"], ["--lang", "ko"]),
    (["-style", "fusion"], ["-style", "fusion"]),
])
def test_window_gets_every_leading_option(monkeypatch: pytest.MonkeyPatch, argv: list[str],
                                          gui_args: list[str]) -> None:
    import gui.app

    calls: list[list[str]] = []
    monkeypatch.setattr(gui.app, "run_app", lambda args=None: calls.append(list(args or [])) or 0)
    assert entry.main(argv) == 0
    assert calls == [gui_args]


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["gui", "--help"], ["--version"], ["-V"], ["gui", "--version"]])
def test_help_and_version_never_open_the_window(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                                argv: list[str]) -> None:
    import gui.app

    monkeypatch.setattr(gui.app, "run_app", lambda args=None: pytest.fail("the window was started"))
    assert entry.main(argv) == 0
    out = capsys.readouterr().out
    assert ("latent-lab " in out) if "version" in argv[-1] or argv[-1] == "-V" else ("commands" in out)


def test_cli_commands_never_import_qt(tmp_path: Path) -> None:
    code = ("import sys; from latent_lab.entry import main; main(['train', '--help']); "
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'gui', 'tensorflow'))))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stdout[-1000:] + proc.stderr[-1000:]
