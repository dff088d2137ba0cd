"""Qt-free GAN Lab-style stepping: train the discriminator, the generator or both for N batches.

`GanStepper` keeps its own GAN (restored from the run folder by
`core.training.run.TrainingRun.open`) and is used by one job at a time. Stepping is a trainer
like any other: each call to `train` holds the run's lock (`RunLock(run_dir, "GAN steps")`),
so it is refused with `RunLockedError` while a training holds the run, and no training can
start while it steps. It always acts on the run's latest committed models: before stepping
it compares the run folder with what it loaded (`state.json` and the role files: inode,
size, mtime) and reloads when another trainer (Continue, `--resume`, a roll-back) changed
it, so it never saves a stale copy over newer models. After the steps it saves the models
back atomically, so the rest of the app sees them. While stepping, the sampled generator
follows the trained one exactly (`GAN.ema_decay = 0`): a step must show at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from core.errors import ConfigError

MODES = {"both": "Both", "d": "Discriminator only", "g": "Generator only"}

#: The files whose change on disk means the stepper's copy of the models is stale.
WATCHED = ("state.json", "generator.keras", "discriminator.keras")

#: How often the stepper reloads when the run keeps changing between reload and lock.
MAX_RELOADS = 3


def disk_fingerprint(run_dir: Path) -> tuple[tuple[str, int, int, int], ...]:
    """(name, inode, size, mtime_ns) of each watched file: it changes whenever one is replaced."""
    found = []
    for name in WATCHED:
        try:
            st = (Path(run_dir) / name).stat()
        except OSError:
            found.append((name, -1, -1, -1))
            continue
        found.append((name, int(st.st_ino), int(st.st_size), int(st.st_mtime_ns)))
    return tuple(found)


class GanStepper:
    """Short fits of a saved GAN run with a chosen `train_mode` (see the module docstring)."""

    def __init__(self, run_dir: Path) -> None:
        self.run_dir = Path(run_dir)
        self._run: Any = None
        self._loaded: tuple[tuple[str, int, int, int], ...] | None = None
        self.steps_done = 0
        self.reloads = 0

    @property
    def is_stale(self) -> bool:
        """Whether the run changed on disk since the stepper loaded (or last saved) it."""
        return self._run is None or self._loaded != disk_fingerprint(self.run_dir)

    def _reload_if_stale(self) -> Any:
        """Open the run again when it changed on disk (or was never opened); return it."""
        if self.is_stale:
            from core.training.run import TrainingRun

            seen = disk_fingerprint(self.run_dir)
            run = TrainingRun.open(self.run_dir)
            if run.config.kind != "gan":
                raise ConfigError(f"{self.run_dir.name} is not a GAN run")
            if self._run is not None:
                self.reloads += 1
            self._run, self._loaded = run, seen
        return self._run

    def _locked_run(self) -> tuple[Any, Any]:
        """(the lock, held; the run as committed on disk now). Reloading happens before the lock
        is taken, because opening a run may repair it and repair leaves locked runs alone."""
        from core.training.lock import RunLock, RunLockedError, describe_holder, lock_holder

        for _ in range(MAX_RELOADS):
            holder = lock_holder(self.run_dir)
            if holder is not None:  # refuse before loading anything
                raise RunLockedError(f"{self.run_dir.name}: another trainer holds this run: {describe_holder(holder)}")
            self._reload_if_stale()
            lock = RunLock(self.run_dir, "GAN steps").acquire()
            if not self.is_stale:
                return lock, self._run
            lock.release()  # someone trained in between: load their models first
        raise ConfigError(f"{self.run_dir.name} keeps changing on disk; step it once it is idle")

    def train(self, mode: str, n_batches: int, *, handle: Any) -> dict[str, Any]:
        """Fit `n_batches` batches with `train_mode = mode` on the run's latest models, holding its
        lock; save them back and return losses and generator weights."""
        if mode not in MODES:
            raise ConfigError(f"unknown step mode {mode!r}: use one of {', '.join(MODES)}")
        if not 1 <= n_batches <= 10_000:
            raise ConfigError(f"the number of batches must be between 1 and 10000, got {n_batches}")
        lock, run = self._locked_run()
        try:
            logs = self._fit(run, mode, n_batches, handle)
            self._save(run)
        finally:
            lock.release()
        return {"mode": mode, "steps": n_batches, "logs": logs,
                "generator_weights": run.bundle.roles["generator"].get_weights(),
                "key": ("steps", self.steps_done)}

    def _fit(self, run: Any, mode: str, n_batches: int, handle: Any) -> dict[str, float]:
        from core.tf_env import keras, tf

        gan = run.bundle.model
        gan.train_mode = mode
        gan.ema_decay = 0.0  # each step shows in the sampled generator (no moving average while stepping)
        x = np.asarray(run.dataset.x_train, np.float32)
        bs = int(run.config.batch_size or 64)
        arrays = (x, np.asarray(run.dataset.y_train, np.int64)) if gan.num_classes else x  # an AC-GAN's labels
        data = tf().data.Dataset.from_tensor_slices(arrays).shuffle(len(x), seed=self.steps_done)
        data = data.repeat().batch(bs, drop_remainder=True)

        class _Report(keras().callbacks.Callback):  # type: ignore[misc]
            def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
                handle.emit("batch", batch=batch + 1, steps=n_batches,
                            logs={k: float(v) for k, v in (logs or {}).items()})
                if handle.cancelled:
                    self.model.stop_training = True

        hist = gan.fit(data, epochs=1, steps_per_epoch=n_batches, verbose=0, shuffle=False, callbacks=[_Report()])
        self.steps_done += n_batches
        return {k: float(v[-1]) for k, v in hist.history.items()}

    def _save(self, run: Any) -> None:
        """Write the stepped models atomically; what is on disk is then the stepper's own copy."""
        from core.atomic import atomic_save_model

        for role, model in run.bundle.roles.items():
            atomic_save_model(model, self.run_dir / f"{role}.keras")
        self._loaded = disk_fingerprint(self.run_dir)
