"""Training runs: a config, a run folder, and `model.fit` with one reporting callback.

`TrainingRun(config).train()` is blocking (run it on a worker thread); it reports through
its `ProgressHandle` (`start`, `batch`, `epoch`, `message`, `done` events), checkpoints
atomically after every complete epoch, and returns a `RunResult`. `TrainingRun.open`
restores a run folder so training can continue with epoch numbering carried on.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from core.atomic import atomic_save_model, atomic_write_bytes, atomic_write_json
from core.errors import ConfigError, first_line
from core.paths import runs_root
from core.progress import ProgressHandle
from core.training.config import TrainConfig
from core.training.run_folder import (
    FIXED_NOISE_FILE,
    EpochSnapshot,
    RunError,
    gan_checkpoint_dir,
    load_role,
    load_run_info,
    save_snapshot,
)

__all__ = ["RunResult", "TrainingRun"]

N_FIXED_NOISE = 64


@dataclass
class RunResult:
    """How `train()` ended: status "completed" | "stopped" | "failed" and a one-line message."""

    status: str
    message: str
    history: dict[str, list[float]]
    test_metrics: dict[str, float]
    run_dir: Path
    epochs_done: int = 0


def _new_run_dir(kind: str) -> Path:
    base = runs_root() / f"{time.strftime('%Y%m%d-%H%M%S')}-{kind}"
    path, n = base, 2
    while path.exists():
        path = base.with_name(f"{base.name}-{n}")
        n += 1
    return path


def _one_line(exc: BaseException) -> str:
    """`first_line`, prefixed with the exception's type (engine failures are not user errors)."""
    text = first_line(exc)
    return f"{type(exc).__name__}: {text}" if str(exc).strip() else text


class TrainingRun:
    """One training run bound to a run folder (see module docstring)."""

    config: TrainConfig
    dataset: Any
    bundle: Any
    history: dict[str, list[float]]
    run_dir: Path
    epochs_done: int

    def __init__(
        self,
        config: TrainConfig,
        *,
        run_dir: str | Path | None = None,
        dataset: Any = None,
        handle: ProgressHandle | None = None,
    ) -> None:
        """Prepare a new run (dataset, compiled model); nothing is written until `train()`."""
        if run_dir is not None and (Path(run_dir) / "config.json").exists():
            raise RunError(f"{run_dir}: already holds a run; open it with TrainingRun.open to continue")
        self._setup(config, Path(run_dir) if run_dir else None, dataset, handle)

    def _setup(self, config: TrainConfig, run_dir: Path | None, dataset: Any, handle: ProgressHandle | None) -> None:
        self.config = config.resolved()
        self.handle = handle or ProgressHandle()
        self.dataset = self._prepare_dataset(dataset)
        self.config = config.resolved(self.dataset.image_shape)  # small images: other defaults
        self.run_dir = run_dir or _new_run_dir(self.config.kind)
        self.history = {}
        self.epochs_done = 0
        self.test_metrics: dict[str, float] = {}
        self.bundle = self._build()
        self.fixed_noise: np.ndarray | None = None
        if self.config.kind == "gan":
            rng = np.random.default_rng(self.config.seed)
            dim = int(self.bundle.model.latent_dim)
            self.fixed_noise = rng.standard_normal((N_FIXED_NOISE, dim)).astype(np.float32)
        self._quality_hook: Any = None

    @classmethod
    def open(cls, run_dir: str | Path, handle: ProgressHandle | None = None, *, dataset: Any = None) -> TrainingRun:
        """Reopen a run folder: config, history, epochs done, models and fixed noise restored."""
        info = load_run_info(run_dir)
        try:
            config = TrainConfig.from_dict(info.config)
        except (TypeError, ValueError) as exc:
            raise RunError(f"{Path(run_dir) / 'config.json'}: {exc}") from exc
        run = cls.__new__(cls)
        run._setup(config, Path(run_dir), dataset, handle)
        run.history = {k: list(v) for k, v in info.history.items()}
        run.epochs_done = info.epochs_done
        run.test_metrics = dict(info.state.get("test_metrics") or {})
        if run.epochs_done > 0:
            for role, model in run.bundle.roles.items():
                model.set_weights(load_role(run.run_dir, role).get_weights())
        noise_file = run.run_dir / FIXED_NOISE_FILE
        if run.fixed_noise is not None and noise_file.exists():
            saved = np.load(noise_file)
            if saved.shape == run.fixed_noise.shape:
                run.fixed_noise = saved.astype(np.float32)
        return run

    # setup ---------------------------------------------------------------------------
    def _prepare_dataset(self, dataset: Any) -> Any:
        if dataset is None:
            from core.data.sources import load_dataset_cached

            dataset = load_dataset_cached(self.config.dataset)
        if self.config.max_train is not None or self.config.max_test is not None:
            dataset = dataset.subset(self.config.max_train, self.config.max_test, seed=self.config.seed)
        return dataset

    def _build(self) -> Any:
        from core.models import build_model
        from core.tf_env import keras, tf

        cfg = self.config
        keras().utils.set_random_seed(cfg.seed)
        kwargs = dict(
            num_classes=self.dataset.num_classes,
            latent_dim=cfg.latent_dim,
            learning_rate=cfg.learning_rate,
            arch=cfg.arch,
            seed=cfg.seed,
        )
        if cfg.strategy == "mirrored":
            with tf().distribute.MirroredStrategy().scope():
                return build_model(cfg.kind, self.dataset.image_shape, **kwargs)
        return build_model(cfg.kind, self.dataset.image_shape, **kwargs)

    def _fit_data(self) -> tuple[np.ndarray, np.ndarray | None]:
        x = np.asarray(self.dataset.x_train, dtype=np.float32)
        if self.config.kind == "classifier":
            return x.reshape(len(x), -1), np.asarray(self.dataset.y_train)
        if self.config.kind == "autoencoder":
            return x, x
        return x, None

    # persistence ---------------------------------------------------------------------
    def _write_state(self, status: str, message: str) -> None:
        atomic_write_json(
            self.run_dir / "state.json",
            {
                "status": status,
                "epochs_done": self.epochs_done,
                "message": message,
                "test_metrics": self.test_metrics,
                "dataset_name": self.dataset.name,
            },
        )

    def _write_start(self) -> None:
        self.run_dir.mkdir(parents=True, exist_ok=True)
        atomic_write_json(self.run_dir / "config.json", self.config.to_dict())
        atomic_write_json(self.run_dir / "history.json", self.history)
        if self.fixed_noise is not None:
            import io

            buffer = io.BytesIO()
            np.save(buffer, self.fixed_noise)
            atomic_write_bytes(self.run_dir / FIXED_NOISE_FILE, buffer.getvalue())
        self._write_state("running", "Training…")

    def _append_history(self, logs: dict[str, float]) -> None:
        done = self.epochs_done
        for name in [*self.history, *(k for k in logs if k not in self.history)]:
            values = self.history.setdefault(name, [])
            values.extend([math.nan] * (done - len(values)))
            values.append(float(logs.get(name, math.nan)))

    def _save_epoch(self, snapshot: EpochSnapshot) -> None:
        epoch = snapshot.epoch
        for role, model in self.bundle.roles.items():
            latest = self.run_dir / f"{role}.keras"
            atomic_save_model(model, latest)
            if self.config.kind == "gan":  # the same bytes: copying beats serialising twice
                atomic_write_bytes(gan_checkpoint_dir(self.run_dir, epoch) / f"{role}.keras", latest.read_bytes())
        save_snapshot(self.run_dir, snapshot)
        self._append_history(snapshot.logs)
        self.epochs_done = epoch
        atomic_write_json(self.run_dir / "history.json", self.history)
        self._write_state("running", f"Epoch {epoch} done.")

    # epoch hooks ---------------------------------------------------------------------
    def _gan_quality(self, epoch: int) -> dict[str, float]:
        if self._quality_hook is False:
            return {}
        try:
            if self._quality_hook is None:
                from core.gan.quality import GanQualityHook

                self._quality_hook = GanQualityHook(self.dataset, self.run_dir, self.config.seed)
            result = self._quality_hook(self.bundle.roles["generator"], epoch)
            return {str(k): float(v) for k, v in dict(result).items()}
        except ImportError as exc:
            self._quality_hook = False
            self.handle.message(f"GAN quality metrics are unavailable ({_one_line(exc)}); training goes on.")
        except Exception as exc:  # the hook must never fail the run
            self.handle.message(f"GAN quality metrics failed at epoch {epoch} ({_one_line(exc)}); training goes on.")
        return {}

    def _on_epoch_done(self, epoch: int, logs: dict[str, float]) -> EpochSnapshot:
        logs = dict(logs)
        if self.config.kind == "gan" and self.config.gan_metrics:
            logs.update(self._gan_quality(epoch))
        snapshot = self._snapshotter.take(epoch, logs)
        self._save_epoch(snapshot)
        self._last_good = snapshot.weights
        return snapshot

    # training ------------------------------------------------------------------------
    def _epochs_to_run(self, epochs: int | None) -> int:
        if epochs is None:
            remaining = int(self.config.epochs or 0) - self.epochs_done
            return remaining if remaining > 0 else int(self.config.epochs or 0)
        if int(epochs) < 0:
            raise ConfigError(f"epochs must be 0 or more, not {epochs}")
        return int(epochs)

    def train(self, epochs: int | None = None) -> RunResult:
        """Train `epochs` more epochs (None: finish the config's epochs, or that many more).

        Blocking; returns a `RunResult` (status completed/stopped/failed) rather than raising
        for training failures. Only complete, finite epochs are checkpointed; after a stop
        mid-epoch or a NaN loss the in-memory weights are rolled back to the last checkpoint.
        """
        from core.training.callbacks import ReportingCallback, Snapshotter

        n = self._epochs_to_run(epochs)
        initial = self.epochs_done
        self._write_start()
        if self.handle.cancelled:
            return self._finish("stopped", "Stopped before training started.")
        model = self.bundle.model
        self._snapshotter = Snapshotter(self.bundle, self.dataset.x_test, self.dataset.y_test, self.fixed_noise)
        self._last_good = {role: m.get_weights() for role, m in self.bundle.roles.items()}
        callback = ReportingCallback(
            self.handle,
            initial_epoch=initial,
            epochs=initial + n,
            start_info={"run_dir": str(self.run_dir), "kind": self.config.kind, "dataset_name": self.dataset.name},
            on_epoch_done=self._on_epoch_done,
        )
        x, y = self._fit_data()
        split = self.config.validation_split if self.config.kind == "classifier" else 0.0
        try:
            if n > 0:
                model.fit(x, y, batch_size=self.config.batch_size, epochs=initial + n, initial_epoch=initial,
                          validation_split=split, callbacks=[callback], verbose=0, shuffle=True)
        except Exception as exc:  # reported as a failed run, never a traceback dialog
            self._restore_last_good()
            return self._finish("failed", f"Training failed at epoch {callback._epoch or initial + 1}: {_one_line(exc)}")
        if callback.failure is not None:
            f = callback.failure
            self._restore_last_good()
            kept = (f"the last good checkpoint (epoch {f.epoch - 1}) is kept" if f.epoch > 1
                    else "no epoch had finished, so there is no checkpoint")
            which = "" if f.metric == "loss" else f" ({f.metric})"
            return self._finish("failed", f"Training stopped at epoch {f.epoch}, batch {f.batch}: the loss became "
                                          f"{f.what}{which} (try a lower learning rate); {kept}.")
        if self.epochs_done < initial + n:
            if callback.interrupted:
                self._restore_last_good()
            return self._finish("stopped", f"Stopped by the user after {self.epochs_done} epoch(s); "
                                           "the last checkpoint is kept.")
        if self.config.kind == "classifier":
            self._evaluate()
        return self._finish("completed", self._completed_message())

    def _evaluate(self) -> None:
        x = np.asarray(self.dataset.x_test, dtype=np.float32)
        scores = self.bundle.model.evaluate(x.reshape(len(x), -1), np.asarray(self.dataset.y_test),
                                            batch_size=self.config.batch_size, verbose=0, return_dict=True)
        self.test_metrics = {k: float(scores[k]) for k in ("loss", "accuracy") if k in scores}

    def _completed_message(self) -> str:
        parts = [f"Trained {self.epochs_done} epoch(s)"]
        if "accuracy" in self.test_metrics:
            parts.append(f"test accuracy {self.test_metrics['accuracy']:.4f}")
        return "; ".join(parts) + "."

    def _restore_last_good(self) -> None:
        for role, weights in getattr(self, "_last_good", {}).items():
            self.bundle.roles[role].set_weights(weights)

    def _finish(self, status: str, message: str) -> RunResult:
        self._write_state(status, message)
        self.handle.emit("done", status=status, message=message, test_metrics=dict(self.test_metrics),
                         run_dir=str(self.run_dir), epochs_done=self.epochs_done)
        return RunResult(status=status, message=message, history={k: list(v) for k, v in self.history.items()},
                         test_metrics=dict(self.test_metrics), run_dir=self.run_dir, epochs_done=self.epochs_done)
