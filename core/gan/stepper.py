"""Qt-free GAN Lab-style stepping: train the discriminator, the generator or both for N batches.

`GanStepper` owns its own GAN (restored from the run folder by `core.training.run.TrainingRun.open`)
and is only used by one job at a time. After the steps it saves the models back to the run
folder (atomically) so the rest of the app sees them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from core.errors import ConfigError

MODES = {"both": "Both", "d": "Discriminator only", "g": "Generator only"}


class GanStepper:
    """Short fits of a saved GAN run with a chosen `train_mode`."""

    def __init__(self, run_dir: Path) -> None:
        self.run_dir = Path(run_dir)
        self._run: Any = None
        self.steps_done = 0

    def _ensure(self) -> Any:
        if self._run is None:
            from core.training.run import TrainingRun

            self._run = TrainingRun.open(self.run_dir)
            if self._run.config.kind != "gan":
                raise ConfigError(f"{self.run_dir.name} is not a GAN run")
        return self._run

    def train(self, mode: str, n_batches: int, *, handle: Any) -> dict[str, Any]:
        """Fit `n_batches` batches with `train_mode = mode`; return losses and generator weights."""
        from core.atomic import atomic_save_model
        from core.tf_env import keras, tf
        from core.training.run_folder import load_run_info

        if mode not in MODES:
            raise ConfigError(f"unknown step mode {mode!r}: use one of {', '.join(MODES)}")
        if not 1 <= n_batches <= 10_000:
            raise ConfigError(f"the number of batches must be between 1 and 10000, got {n_batches}")
        if load_run_info(self.run_dir).status == "running":
            raise ConfigError("this run is still training; step it once training has stopped")
        run = self._ensure()
        gan = run.bundle.model
        gan.train_mode = mode
        x = np.asarray(run.dataset.x_train, np.float32)
        bs = int(run.config.batch_size or 64)
        data = tf().data.Dataset.from_tensor_slices(x).shuffle(len(x), seed=self.steps_done)
        data = data.repeat().batch(bs, drop_remainder=True)

        class _Report(keras().callbacks.Callback):  # type: ignore[misc]
            def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
                handle.emit("batch", batch=batch + 1, steps=n_batches,
                            logs={k: float(v) for k, v in (logs or {}).items()})
                if handle.cancelled:
                    self.model.stop_training = True

        hist = gan.fit(data, epochs=1, steps_per_epoch=n_batches, verbose=0, callbacks=[_Report()])
        self.steps_done += n_batches
        for role, model in run.bundle.roles.items():
            atomic_save_model(model, self.run_dir / f"{role}.keras")
        logs = {k: float(v[-1]) for k, v in hist.history.items()}
        return {"mode": mode, "steps": n_batches, "logs": logs,
                "generator_weights": run.bundle.roles["generator"].get_weights(),
                "key": ("steps", self.steps_done)}
