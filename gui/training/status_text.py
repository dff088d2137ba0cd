"""The Training tab's one-line texts: progress while training, and how a run ended."""

from __future__ import annotations

from typing import Any

import numpy as np


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
    return (f"Epoch {data['epoch']}/{total_epochs} · batch {data['batch']}/{steps} · "
            f"ETA {format_eta(data.get('eta_s'))}{' (paused)' if paused else ''}")


def result_message(status: str, message: str, epochs_done: int | None) -> str:
    """How a run ended, in words true to what the run folder now holds.

    A run stopped before its first epoch finished has no checkpoint to keep: say so rather than
    the engine's generic "the last checkpoint is kept".
    """
    if status == "stopped" and epochs_done == 0:
        return "Stopped by the user before the first epoch finished; nothing was saved."
    return message.strip()


def result_status_line(status: str, message: str, epochs_done: int | None) -> str:
    """The progress bar's text once a run ended: the status said once, then the message."""
    text = result_message(status, message, epochs_done)
    word = status.capitalize()
    if not text:
        return word
    return text if text.lower().startswith(status.lower()) else f"{word}: {text}"


def metrics_text(values: dict[str, Any]) -> str:
    """`loss 0.1234, accuracy 0.9` for the numeric entries of `values`."""
    return ", ".join(f"{k} {v:.4g}" for k, v in values.items() if isinstance(v, int | float))


def test_metrics_text(kind: str | None, metrics: dict[str, Any]) -> str:
    """The result line under the progress bar: test accuracy for a classifier, else the metrics."""
    acc = metrics.get("accuracy", metrics.get("test_accuracy"))
    if kind == "classifier" and isinstance(acc, int | float):
        return f"Test accuracy: {acc:.2%}"
    return f"Test: {metrics_text(metrics)}" if metrics else ""
