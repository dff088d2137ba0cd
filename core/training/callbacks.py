"""The one Keras callback through which a training run reports, pauses, stops and snapshots.

`ReportingCallback` forwards every batch and epoch to a Qt-free `ProgressHandle`, sets
`model.stop_training` when the handle is cancelled or the loss stops being finite, blocks
between batches while paused, and at each epoch end takes an `EpochSnapshot` with
`Snapshotter` (direct model calls, never `predict`).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from core.progress import ProgressHandle
from core.tf_env import keras
from core.training.run_folder import EpochSnapshot

_k = keras()

N_RECONSTRUCTIONS = 8
PROBE_SIZE = 1000


@dataclass(frozen=True)
class Failure:
    """Where a non-finite loss appeared (1-based epoch and batch) and what it became."""

    epoch: int
    batch: int
    metric: str
    value: float

    @property
    def what(self) -> str:
        """"NaN" or "infinite"."""
        return "NaN" if math.isnan(self.value) else "infinite"


def per_batch_values(means: dict[str, float], previous: dict[str, float], k: int) -> dict[str, float]:
    """Undo Keras' running mean: b_k = k * m_k - (k - 1) * m_{k-1} (k is the 1-based batch index)."""
    out: dict[str, float] = {}
    for name, m_k in means.items():
        if k <= 1 or name not in previous:
            out[name] = m_k
        else:
            out[name] = k * m_k - (k - 1) * previous[name]
    return out


def _numeric(logs: dict[str, Any] | None) -> dict[str, float]:
    return {k: float(v) for k, v in (logs or {}).items() if isinstance(v, int | float | np.number)}


def _to_numpy(value: Any) -> np.ndarray:
    return np.asarray(_k.ops.convert_to_numpy(value))


def first_of_classes(labels: np.ndarray, n: int = N_RECONSTRUCTIONS) -> np.ndarray:
    """Indices of the first image of classes 0..n-1 (filled with the first unused images if a class is absent)."""
    chosen: list[int] = []
    for c in range(n):
        hits = np.flatnonzero(labels == c)
        if len(hits):
            chosen.append(int(hits[0]))
    for i in range(len(labels)):
        if len(chosen) >= min(n, len(labels)):
            break
        if i not in chosen:
            chosen.append(i)
    return np.asarray(chosen[:n], dtype=np.int64)


class Snapshotter:
    """Takes the per-epoch arrays later tabs need from fixed inputs chosen once per run.

    AE/VAE: reconstructions of the first test image of classes 0..7 and the encoded means
    (z for AE, z_mean for VAE) of the first `PROBE_SIZE` test images. GAN: images from a
    fixed noise batch. Every kind: `get_weights()` of each role.
    """

    def __init__(self, bundle: Any, x_test: np.ndarray, y_test: np.ndarray, fixed_noise: np.ndarray | None = None) -> None:
        self.bundle = bundle
        self.fixed_noise = fixed_noise
        self.originals: np.ndarray | None = None
        self.probe_x: np.ndarray | None = None
        self.probe_labels: np.ndarray | None = None
        self.original_labels: np.ndarray | None = None
        if bundle.kind in ("autoencoder", "vae", "cvae") and len(x_test):
            chosen = first_of_classes(y_test)
            self.originals, self.original_labels = x_test[chosen], y_test[chosen]
            self.probe_x = x_test[:PROBE_SIZE]
            self.probe_labels = y_test[:PROBE_SIZE]

    def _conditioned(self, x: np.ndarray, labels: np.ndarray | None) -> Any:
        """A CVAE's halves also take the one-hot label."""
        if self.bundle.kind != "cvae" or labels is None:
            return x
        return [x, np.eye(int(self.bundle.model.num_classes), dtype=np.float32)[np.asarray(labels, np.int64)]]

    def _encode(self, x: np.ndarray, labels: np.ndarray | None = None) -> np.ndarray:
        out = self.bundle.roles["encoder"](self._conditioned(x, labels), training=False)
        return _to_numpy(out[0] if isinstance(out, list | tuple) else out)

    def take(self, epoch: int, logs: dict[str, float]) -> EpochSnapshot:
        """Snapshot the current models after (1-based) `epoch`."""
        snap = EpochSnapshot(epoch=epoch, logs=dict(logs))
        roles = self.bundle.roles
        if self.originals is not None and self.probe_x is not None:
            snap.originals = self.originals
            if self.bundle.kind == "autoencoder":
                snap.reconstructions = _to_numpy(roles["autoencoder"](self.originals, training=False))
            else:
                z_mean = self._encode(self.originals, self.original_labels)
                snap.reconstructions = _to_numpy(roles["decoder"](self._conditioned(z_mean, self.original_labels),
                                                                  training=False))
            snap.probe_z = self._encode(self.probe_x, self.probe_labels)
            snap.probe_labels = self.probe_labels
        if self.fixed_noise is not None:
            snap.gan_samples = _to_numpy(roles["generator"](self.fixed_noise, training=False))
        snap.weights = {role: model.get_weights() for role, model in roles.items()}
        return snap


_Callback: Any = _k.callbacks.Callback
EpochDone = Callable[[int, dict[str, float]], EpochSnapshot | None]


class ReportingCallback(_Callback):
    """Forwards fit progress to a `ProgressHandle`; stops, pauses and snapshots.

    Batch events carry `logs` (Keras' running means of the epoch so far, which is what the
    training curve shows: smooth and comparable to the epoch value) and `batch_logs` (the
    per-batch values recovered from consecutive means). `on_epoch_done(epoch, logs)` is
    called for each *complete*, finite epoch; it persists the epoch and returns its snapshot
    (None: the epoch was abandoned by a cancel, e.g. inside the GAN quality hook). An epoch
    cut short by a stop, or one whose loss became NaN/inf, is not reported as done.

    The engine may call `fit` once per epoch with the same callback: "start" is emitted on
    the first `on_train_begin` only, and timing and ETA span all the calls.
    """

    def __init__(
        self,
        handle: ProgressHandle,
        *,
        initial_epoch: int,
        epochs: int,
        start_info: dict[str, Any],
        on_epoch_done: EpochDone,
    ) -> None:
        super().__init__()
        self.handle = handle
        self.initial_epoch = initial_epoch
        self.epochs = epochs
        self.start_info = start_info
        self.on_epoch_done = on_epoch_done
        self.failure: Failure | None = None
        self.interrupted = False
        self.steps = 0
        self._t0 = 0.0
        self._paused_s = 0.0
        self._done_batches = 0
        self._epoch = 0
        self._batch = 0
        self._previous: dict[str, float] = {}
        self._started = False

    @property
    def should_stop(self) -> bool:
        """Whether training must not go on (a failure, an interrupted epoch or a cancel)."""
        return self.failure is not None or self.interrupted or self.handle.cancelled

    # timing -------------------------------------------------------------------------
    def _elapsed(self) -> float:
        return time.perf_counter() - self._t0 - self._paused_s

    def _total_batches(self) -> int:
        return max(1, (self.epochs - self.initial_epoch) * self.steps)

    def eta_s(self) -> float:
        """Seconds left: active time per batch so far times the batches left in all epochs."""
        if self._done_batches == 0:
            return float("nan")
        per_batch = self._elapsed() / self._done_batches
        return max(0.0, (self._total_batches() - self._done_batches) * per_batch)

    # Keras hooks --------------------------------------------------------------------
    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        if not self._started:
            self._started = True
            self.steps = int(self.params.get("steps") or 0)
            self._t0 = time.perf_counter()
            info = {**self.start_info, "epochs": self.epochs, "steps": self.steps, "initial_epoch": self.initial_epoch}
            self.handle.emit("start", **info)
        if self.handle.cancelled:  # fit reset stop_training just before this call
            self.model.stop_training = True

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self._epoch = epoch + 1
        self._batch = 0
        self._previous = {}

    def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        k = batch + 1
        self._batch = k
        self._done_batches += 1
        means = _numeric(logs)
        values = per_batch_values(means, self._previous, k)
        self._previous = means
        for name, value in means.items():
            if "loss" in name and not math.isfinite(value):
                self.failure = Failure(self._epoch, k, name, value)
                self.model.stop_training = True
                return
        done = self._done_batches / self._total_batches()
        self.handle.emit(
            "batch",
            epoch=self._epoch,
            batch=k,
            steps=self.steps,
            logs=means,
            batch_logs=values,
            eta_s=self.eta_s(),
            elapsed_s=self._elapsed(),
            progress=min(1.0, done),
        )
        if self.handle.paused:
            paused_at = time.perf_counter()
            self.handle.wait_if_paused()
            self._paused_s += time.perf_counter() - paused_at
        if self.handle.cancelled:
            self.model.stop_training = True

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        if self.failure is not None:
            return
        if self.steps and self._batch < self.steps:
            self.interrupted = True
            return
        values = _numeric(logs)
        for name, value in values.items():
            if "loss" in name and not name.startswith("val_") and not math.isfinite(value):
                self.failure = Failure(epoch + 1, self._batch, name, value)
                self.model.stop_training = True
                return
        snapshot = self.on_epoch_done(epoch + 1, values)
        if snapshot is None:
            self.interrupted = True
            self.model.stop_training = True
            return
        self.handle.emit("epoch", epoch=epoch + 1, logs=dict(snapshot.logs), snapshot=snapshot, eta_s=self.eta_s())
        if self.handle.cancelled:
            self.model.stop_training = True
