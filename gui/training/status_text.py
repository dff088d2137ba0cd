"""The Training tab's one-line texts: progress while training, and how a run ended.

Translated in the context "TrainingTab" when called, so callers re-render them from their
stored state on a language change.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication


def format_eta(seconds: float | None) -> str:
    """0:42, 1:02:03, or ? when unknown."""
    if seconds is None or not np.isfinite(seconds):
        return "?"
    s = int(round(max(seconds, 0.0)))
    h, rem = divmod(s, 3600)
    return f"{h}:{rem // 60:02d}:{rem % 60:02d}" if h else f"{rem // 60}:{rem % 60:02d}"


def batch_progress_text(data: dict[str, Any], total_epochs: int, paused: bool) -> str:
    """`Epoch 2/5 · batch 10/40 · ETA 0:12` (with ` (paused)` while paused)."""
    steps = max(int(data.get("steps") or 1), 1)
    text = QCoreApplication.translate("TrainingTab", "Epoch {0}/{1} · batch {2}/{3} · ETA {4}").format(
        data["epoch"], total_epochs, data["batch"], steps, format_eta(data.get("eta_s")))
    return f"{text} {paused_suffix()}" if paused else text


def paused_suffix() -> str:
    """What the progress bar adds while a run is paused."""
    return QCoreApplication.translate("TrainingTab", "(paused)")


def result_message(status: str, message: str, epochs_done: int | None) -> str:
    """How a run ended, in words true to what the run folder now holds.

    A run stopped before its first epoch finished has no checkpoint to keep: say so rather than
    the engine's generic "the last checkpoint is kept".
    """
    if status == "stopped" and epochs_done == 0:
        return QCoreApplication.translate(
            "TrainingTab", "Stopped by the user before the first epoch finished; nothing was saved.")
    return engine_message(message.strip())


def engine_message(message: str) -> str:
    """The engine's usual end-of-run messages (English, from core) in the current language;
    any other message as is."""
    done = re.fullmatch(r"Trained (\d+) epoch\(s\)(?:; test accuracy ([0-9.]+))?\.", message)
    if done:
        epochs = int(done[1])  # lupdate reads a plain name as the count, not an expression
        text = QCoreApplication.translate("TrainingTab", "Trained %n epoch(s)", "", epochs)
        if done[2]:
            text += QCoreApplication.translate("TrainingTab", "; test accuracy {0}").format(done[2])
        return text + "."
    stopped = re.fullmatch(r"Stopped by the user after (\d+) epoch\(s\); the last checkpoint is kept\.", message)
    if stopped:
        epochs = int(stopped[1])
        return QCoreApplication.translate(
            "TrainingTab", "Stopped by the user after %n epoch(s); the last checkpoint is kept.", "", epochs)
    if message == "Stopped before training started.":
        return QCoreApplication.translate("TrainingTab", "Stopped before training started.")
    return message


def result_status_line(status: str, message: str, epochs_done: int | None) -> str:
    """The progress bar's text once a run ended: the status said once, then the message."""
    text = result_message(status, message, epochs_done)
    word = status_word(status)
    if not text:
        return word
    # Judged on the English texts: does the message already start with the status?
    said = (status == "stopped" and epochs_done == 0) or message.strip().lower().startswith(status.lower())
    return text if said else f"{word}: {text}"


def status_word(status: str) -> str:
    """A run's status as one capitalised word in the current language."""
    words = {
        "completed": QCoreApplication.translate("TrainingTab", "Completed"),
        "stopped": QCoreApplication.translate("TrainingTab", "Stopped"),
        "failed": QCoreApplication.translate("TrainingTab", "Failed"),
        "running": QCoreApplication.translate("TrainingTab", "Running"),
        "interrupted": QCoreApplication.translate("TrainingTab", "Interrupted"),
    }
    return words.get(status, status.capitalize())


def metrics_text(values: dict[str, Any]) -> str:
    """`loss 0.1234, accuracy 0.9` for the numeric entries of `values`."""
    return ", ".join(f"{k} {v:.4g}" for k, v in values.items() if isinstance(v, int | float))


def test_metrics_text(kind: str | None, metrics: dict[str, Any]) -> str:
    """The result line under the progress bar: test accuracy for a classifier, else the metrics."""
    acc = metrics.get("accuracy", metrics.get("test_accuracy"))
    if kind == "classifier" and isinstance(acc, int | float):
        return QCoreApplication.translate("TrainingTab", "Test accuracy: {0}").format(f"{acc:.2%}")
    if not metrics:
        return ""
    return QCoreApplication.translate("TrainingTab", "Test: {0}").format(metrics_text(metrics))
