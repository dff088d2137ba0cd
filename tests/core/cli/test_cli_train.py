"""`main.py train …` in-process through `core.cli.dispatch.main`: output, run folder, exit codes, Ctrl-C."""

from __future__ import annotations

import _thread
import io
import json
import signal
from pathlib import Path
from typing import Any

import pytest

import core.cli.train as train_cmd
from core.cli import dispatch as cli
from core.progress import ProgressEvent
from core.training.run_folder import load_run_info

SMALL = ["--dataset", "digits", "--max-train", "200", "--max-test", "50", "--batch-size", "50"]


def _main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_train_classifier_prints_run_and_metrics(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "run"
    code, out, err = _main(["train", "classifier", "--epochs", "2", "--out", str(out_dir), *SMALL], capsys)
    assert code == 0, err
    assert f"run: {out_dir}" in out and "status: completed" in out
    acc = float(next(line for line in out.splitlines() if line.startswith("test_accuracy:")).split(":")[1])
    info = load_run_info(out_dir)
    assert acc == pytest.approx(info.state["test_metrics"]["accuracy"], abs=1e-4)
    assert info.epochs_done == 2 and len(info.history["val_loss"]) == 2
    epoch_lines = [line for line in err.splitlines() if line.startswith("epoch ")]
    assert [line.split(":")[0] for line in epoch_lines] == ["epoch 1/2", "epoch 2/2"]  # not a tty: a line per epoch
    assert "\r" not in err


def test_resume_adds_epochs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "run"
    assert _main(["train", "autoencoder", "--epochs", "1", "--out", str(out_dir), *SMALL], capsys)[0] == 0
    code, out, err = _main(["train", "--resume", str(out_dir), "--epochs", "1"], capsys)
    assert code == 0, err
    assert "epoch 2/2:" in err and "epochs: 2" in out
    assert len(json.loads((out_dir / "history.json").read_text())["loss"]) == 2


@pytest.mark.parametrize(
    "argv, match",
    [
        (["train", "resnet"], "unknown model kind 'resnet'"),
        (["train", "vae", "--dataset", "nosuch"], "unknown dataset source"),
        (["train", "vae", "--dataset", "idx:/does/not/exist"], "/does/not/exist"),
        (["train", "vae", "--epochs", "-3"], "--epochs must be 0 or more"),
        (["train", "vae", "--epochs", "many"], "invalid int value"),
        (["train", "--resume", "/no/such/run"], "no such run folder"),
        (["train", "--resume", "/no/such/run", "--lr", "0.1"], "no such run folder"),
        (["train"], "give a model kind"),
        (["nosuchcommand"], "invalid choice"),
    ],
)
def test_bad_input_is_one_error_line_and_exit_2(argv: list[str], match: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _main(argv, capsys)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and match in lines[0]


def test_nan_loss_exits_1_with_the_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _main(["train", "classifier", "--epochs", "1", "--lr", "1e30", "--out", str(tmp_path / "r"),
                            *SMALL], capsys)
    assert code == 1
    assert "error: Training stopped at epoch 1, batch" in err and "status: failed" in out
    assert load_run_info(tmp_path / "r").status == "failed"


def test_ctrl_c_stops_cleanly_keeps_checkpoint_exit_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    original = train_cmd.TextProgress.__call__

    def interrupt_after_epoch_1(self: Any, event: ProgressEvent) -> None:
        original(self, event)
        if event.kind == "epoch" and event.data["epoch"] == 1:
            _thread.interrupt_main()  # what Ctrl-C does: KeyboardInterrupt in the main thread

    monkeypatch.setattr(train_cmd.TextProgress, "__call__", interrupt_after_epoch_1)
    # A shell starts background jobs with SIGINT ignored, and then interrupt_main does
    # nothing; a terminal's Ctrl-C always meets Python's own handler, so give the test that.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    out_dir = tmp_path / "run"
    try:
        code, out, err = _main(["train", "vae", "--epochs", "40", "--out", str(out_dir), *SMALL], capsys)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert code == 130, err
    assert "stopping after the current batch" in err and "status: stopped" in out
    info = load_run_info(out_dir)
    assert info.status == "stopped" and 1 <= info.epochs_done < 40
    assert (out_dir / "decoder.keras").is_file()


def test_tty_progress_updates_one_line() -> None:
    stream = io.StringIO()
    bar = train_cmd.TextProgress(stream, tty=True)
    bar(ProgressEvent("start", {"kind": "vae", "dataset_name": "d", "epochs": 1, "steps": 2, "initial_epoch": 0,
                                "run_dir": "x"}))
    for k in (1, 2):
        bar(ProgressEvent("batch", {"epoch": 1, "batch": k, "steps": 2, "logs": {"loss": 1.0 / k},
                                    "batch_logs": {}, "eta_s": 2.0 - k, "elapsed_s": 1.0, "progress": k / 2}))
    text = stream.getvalue()
    assert "\r" in text and "[" + "#" * 24 + "] 2/2 loss 0.5" in text
    assert text.count("\n") == 1  # only the start line ended; the bar line is rewritten in place


def test_every_command_is_registered_with_its_help() -> None:
    text = " ".join(cli.build_parser().format_help().split())  # a long name makes argparse wrap
    assert cli.command_names() == ["train", "activations", "decode", "latent-grid", "sample", "score", "explain",
                                   "logpx", "ood", "classify-generative"]
    for name, _module, help_text in cli.COMMANDS:
        assert name in text and help_text in text


@pytest.mark.parametrize(
    "argv",
    [
        ["decode", "/no/such/run", "--z", "0", "0"],
        ["sample", "/no/such/run"],
        ["latent-grid", "/no/such/run", "--n", "500"],
        ["decode", "/no/such/run", "--z", "zero"],
    ],
)
def test_bad_input_of_every_command_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _main(argv, capsys)
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Error:" not in lines[0]


def test_unexpected_failure_exits_1_with_its_type(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    def broken(args: object, handle: object) -> int:
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setattr(train_cmd, "make_run", broken)
    code, out, err = _main(["train", "vae"], capsys)
    assert code == 1
    assert err.strip().splitlines() == ["error: RuntimeError: disk on fire"]


def test_user_error_raised_while_running_exits_2(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from core.errors import UserError

    def refuse(args: object, handle: object) -> int:
        raise UserError("that file is not a dataset")

    monkeypatch.setattr(train_cmd, "make_run", refuse)
    code, _, err = _main(["train", "vae"], capsys)
    assert code == 2 and err.strip().splitlines() == ["error: that file is not a dataset"]
