"""Training runs: a config, a run folder, and `model.fit` with one reporting callback.

`TrainingRun(config).train()` is blocking (run it on a worker thread); it reports through
its `ProgressHandle` (`start`, `batch`, `epoch`, `message`, `done` events), commits every
complete epoch with the protocol of `core.training.commit`, and returns a `RunResult`.
It holds the run's lock (`core.training.lock.RunLock`) while it trains: a second trainer
gets `RunLockedError` before writing anything.

Resuming equals never having stopped: each epoch saves the train state (every variable of
the fit model and its optimizers, seed generators included, `train_state.npz`), the data
order of epoch e is a permutation drawn from (seed, e) alone (one input pipeline for the
whole `fit` call, no Keras shuffle) and the classifier's validation split is the last
fraction, cut once.
`TrainingRun.open` restores the train state of the committed epoch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from core.atomic import atomic_save_model, atomic_write_bytes, atomic_write_json
from core.errors import ConfigError
from core.progress import CancelledError, ProgressHandle
from core.training import multiworker as mw
from core.training import train_state as ts
from core.training.cluster import without_cluster
from core.training.commit import (
    TRAIN_STATE_FILE,
    commit_epoch,
    fresh_staged_dir,
    prune_checkpoints,
    repair_run,
)
from core.training.config import TrainConfig
from core.training.data_order import epoch_pipeline, fit_arrays
from core.training.lock import RunLock
from core.training.naming import failure_text, new_run_dir, one_line
from core.training.run_folder import (
    FIXED_NOISE_FILE,
    EpochSnapshot,
    RunError,
    gan_checkpoint_dir,
    load_role,
    load_run_info,
    save_snapshot,
    saved_gan_arch,
)
from core.training.tensorboard import tensorboard_writer

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
        self.run_dir = run_dir or new_run_dir(self.config.kind)
        if self.config.strategy == "multiworker":  # a worker other than the chief gets a scratch folder
            mw.join_cluster(self)
        self.history = {}
        self.epochs_done = 0
        self.test_metrics: dict[str, float] = {}
        self.bundle = self._build()
        if self.bundle.arch not in ("", "default"):  # config.json names what was built, whatever later defaults say
            self.config = replace(self.config, arch=self.bundle.arch)
        self._state_vars = ts.state_variables(self.bundle.model)
        self._last_good = ts.capture(self._state_vars)
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
            config = without_cluster(TrainConfig.from_dict(info.config))
        except (TypeError, ValueError) as exc:
            raise RunError(f"{Path(run_dir) / 'config.json'}: {exc}") from exc
        if config.kind == "gan" and config.arch in ("", "default"):  # saved before configs named the architecture
            config = replace(config, arch=saved_gan_arch(run_dir) or config.arch)
        run = cls.__new__(cls)
        run._setup(config, Path(run_dir), dataset, handle)
        run.history = {k: list(v) for k, v in info.history.items()}
        run.epochs_done = info.epochs_done
        run.test_metrics = dict(info.state.get("test_metrics") or {})
        if run.epochs_done > 0:
            run._restore_from_disk()
        noise_file = run.run_dir / FIXED_NOISE_FILE
        if run.fixed_noise is not None and noise_file.exists():
            saved = np.load(noise_file)
            if saved.shape == run.fixed_noise.shape:
                run.fixed_noise = saved.astype(np.float32)
        return run

    def _restore_from_disk(self) -> None:
        """Train state of the committed epoch, then any role file that differs from it
        (the GAN tab's step controls save roles alone): the `<role>.keras` files win."""
        saved = ts.load_train_state(self.run_dir / TRAIN_STATE_FILE)
        if saved is not None and saved[0] == self.epochs_done:
            try:
                ts.assign(self._state_vars, saved[1])
            except ValueError as exc:
                self.handle.message(f"Train state not restored ({exc}); optimizer state starts fresh.")
        for role, model in self.bundle.roles.items():
            weights = load_role(self.run_dir, role).get_weights()
            current = model.get_weights()
            if len(weights) != len(current) or any(not np.array_equal(a, b) for a, b in zip(weights, current, strict=True)):
                model.set_weights(weights)
                if role == "generator" and hasattr(self.bundle.model, "sync_trained_from_ema"):
                    self.bundle.model.sync_trained_from_ema()  # stepped on disk: train on from that generator
        self._last_good = ts.capture(self._state_vars)

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
        if cfg.strategy in ("mirrored", "multiworker"):
            with (tf().distribute.MirroredStrategy() if cfg.strategy == "mirrored" else mw.strategy()).scope():
                bundle = build_model(cfg.kind, self.dataset.image_shape, **kwargs)
                ts.build_optimizers(bundle.model)
                return bundle
        bundle = build_model(cfg.kind, self.dataset.image_shape, **kwargs)
        ts.build_optimizers(bundle.model)
        return bundle

    # persistence ---------------------------------------------------------------------
    def _state_record(self, status: str, message: str, epochs_done: int | None = None) -> dict[str, Any]:
        return {
            "status": status,
            "epochs_done": self.epochs_done if epochs_done is None else epochs_done,
            "message": message,
            "test_metrics": self.test_metrics,
            "dataset_name": self.dataset.name,
        }

    def _write_state(self, status: str, message: str) -> None:
        atomic_write_json(self.run_dir / "state.json", self._state_record(status, message))

    def _write_start(self) -> None:
        if (self.run_dir / "config.json").exists():  # a reopened run: its files stay as committed
            self._write_state("running", "Training…")
            return
        self.run_dir.mkdir(parents=True, exist_ok=True)
        atomic_write_json(self.run_dir / "config.json", self.config.to_dict())
        atomic_write_json(self.run_dir / "history.json", self.history)
        if self.fixed_noise is not None:
            import io

            buffer = io.BytesIO()
            np.save(buffer, self.fixed_noise)
            atomic_write_bytes(self.run_dir / FIXED_NOISE_FILE, buffer.getvalue())
        self._write_state("running", "Training…")

    def _history_with(self, logs: dict[str, float], epoch: int) -> dict[str, list[float]]:
        """A copy of the history with `epoch`'s logs appended (lists padded with NaN)."""
        history = {k: list(v)[: epoch - 1] for k, v in self.history.items()}
        for name in [*history, *(k for k in logs if k not in history)]:
            values = history.setdefault(name, [])
            values.extend([math.nan] * (epoch - 1 - len(values)))
            values.append(float(logs.get(name, math.nan)))
        return history

    def _save_epoch(self, snapshot: EpochSnapshot) -> None:
        """Stage the epoch's files, write its snapshot (and GAN checkpoint), commit, publish."""
        epoch, run = snapshot.epoch, self.run_dir
        stage = fresh_staged_dir(run, epoch)
        history = self._history_with(snapshot.logs, epoch)
        values = ts.capture(self._state_vars)
        for role, model in self.bundle.roles.items():
            atomic_save_model(model, stage / f"{role}.keras")
        ts.save_train_state(stage / TRAIN_STATE_FILE, epoch, self._state_vars, values)
        atomic_write_json(stage / "history.json", history)
        document = getattr(self._quality_hook, "document", None)
        if document is not None:
            atomic_write_json(stage / "quality.json", document())
        if self.config.kind == "gan":  # the same bytes: copying beats serialising twice
            for name in [*(f"{role}.keras" for role in self.bundle.roles), TRAIN_STATE_FILE]:
                atomic_write_bytes(gan_checkpoint_dir(run, epoch) / name, (stage / name).read_bytes())
        save_snapshot(run, snapshot)
        commit_epoch(run, self._state_record("running", f"Epoch {epoch} done.", epoch))
        self.history, self.epochs_done, self._last_good = history, epoch, values
        self._tensorboard.write_epoch(snapshot, history)
        if self.config.kind == "gan":
            prune_checkpoints(run, int(self.config.keep_checkpoints), history.get("frechet", []))

    # epoch hooks ---------------------------------------------------------------------
    def _gan_quality(self, epoch: int) -> dict[str, float]:
        """The quality metrics of `epoch`; `CancelledError` passes through (the epoch is abandoned)."""
        if self._quality_hook is False:
            return {}
        try:
            if self._quality_hook is None:
                from core.gan.quality import GanQualityHook

                self._quality_hook = GanQualityHook(self.dataset, self.run_dir, self.config.seed,
                                                    handle=self.handle, write=False)
            result = self._quality_hook(self.bundle.roles["generator"], epoch)
            return {str(k): float(v) for k, v in dict(result).items()}
        except CancelledError:
            raise
        except ImportError as exc:
            self._quality_hook = False
            self.handle.message(f"GAN quality metrics are unavailable ({one_line(exc)}); training goes on.")
        except Exception as exc:  # the hook must never fail the run
            self.handle.message(f"GAN quality metrics failed at epoch {epoch} ({one_line(exc)}); training goes on.")
        return {}

    def _on_epoch_done(self, epoch: int, logs: dict[str, float]) -> EpochSnapshot | None:
        """Persist a finished epoch; None when a cancel abandons it (it is then not committed)."""
        logs = dict(logs)
        if self.config.kind == "gan" and self.config.gan_metrics:
            try:
                logs.update(self._gan_quality(epoch))
            except CancelledError:
                return None
        snapshot = self._snapshotter.take(epoch, logs)
        self._save_epoch(snapshot)
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
        for training failures. Only complete, finite epochs are committed; after a stop
        mid-epoch or a NaN loss the in-memory train state returns to the last committed epoch.
        Raises `RunLockedError` (a `UserError`) when another trainer holds the run.
        """
        n = self._epochs_to_run(epochs)
        lock = RunLock(self.run_dir, "training").acquire()
        try:
            repair_run(self.run_dir, lock_held=True)
            try:
                self._write_start()
            except OSError as exc:
                return self._finish("failed", f"Training could not start: {failure_text(exc)}")
            return self._train_locked(n)
        finally:
            if getattr(self, "_tensorboard", None) is not None:
                self._tensorboard.close()
            lock.release()

    def _train_locked(self, n: int) -> RunResult:
        from core.training.callbacks import ReportingCallback, Snapshotter

        if self.config.strategy == "multiworker":
            n = mw.sync_start(self, n)
        initial = self.epochs_done
        if self.handle.cancelled:
            return self._finish("stopped", "Stopped before training started.")
        model = self.bundle.model
        self._snapshotter = Snapshotter(self.bundle, self.dataset.x_test, self.dataset.y_test, self.fixed_noise)
        self._tensorboard = tensorboard_writer(self.run_dir, self.bundle, self.handle)
        callback = ReportingCallback(
            self.handle,
            initial_epoch=initial,
            epochs=initial + n,
            start_info={"run_dir": str(self.run_dir), "kind": self.config.kind, "dataset_name": self.dataset.name},
            on_epoch_done=self._on_epoch_done,
        )
        x, y, validation = fit_arrays(self.dataset, self.config.kind, self.config.validation_split)
        try:
            if n > 0 and self.config.strategy == "multiworker":
                mw.fit_multiworker(self, callback, x, y, validation, initial, n)
            elif n > 0:
                data, steps = epoch_pipeline(x, y, kind=self.config.kind, batch_size=int(self.config.batch_size or 32),
                                             seed=self.config.seed, initial=initial, epochs=n)
                model.fit(data, epochs=initial + n, initial_epoch=initial, steps_per_epoch=steps,
                          validation_data=validation, validation_batch_size=self.config.batch_size,
                          callbacks=[callback], verbose=0, shuffle=False)
        except Exception as exc:  # reported as a failed run, never a traceback dialog
            self._restore_last_good()
            return self._finish("failed", f"Training failed at epoch {callback._epoch or initial + 1}: "
                                          f"{failure_text(exc)}")
        if callback.failure is not None:
            f = callback.failure
            self._restore_last_good()
            kept = (f"the last good checkpoint (epoch {f.epoch - 1}) is kept" if f.epoch > 1
                    else "no epoch had finished, so there is no checkpoint")
            which = "" if f.metric == "loss" else f" ({f.metric})"
            return self._finish("failed", f"Training stopped at epoch {f.epoch}, batch {f.batch}: the loss became "
                                          f"{f.what}{which} (try a lower learning rate); {kept}.")
        if self.epochs_done < initial + n:
            self._restore_last_good()
            return self._finish("stopped", f"Stopped by the user after {self.epochs_done} epoch(s); "
                                           "the last checkpoint is kept.")
        if self.config.kind == "classifier":
            self._evaluate()
        return self._finish("completed", self._completed_message())

    def _evaluate(self) -> None:
        x = np.asarray(self.dataset.x_test, dtype=np.float32)
        test = (x.reshape(len(x), -1), np.asarray(self.dataset.y_test))
        if self.config.strategy == "multiworker":
            scores = mw.evaluate(self.bundle.model, *test, int(self.config.batch_size or 32))
        else:
            scores = self.bundle.model.evaluate(*test, batch_size=self.config.batch_size, verbose=0, return_dict=True)
        self.test_metrics = {k: float(scores[k]) for k in ("loss", "accuracy") if k in scores}

    def _completed_message(self) -> str:
        parts = [f"Trained {self.epochs_done} epoch(s)"]
        if "accuracy" in self.test_metrics:
            parts.append(f"test accuracy {self.test_metrics['accuracy']:.4f}")
        return "; ".join(parts) + "."

    def _restore_last_good(self) -> None:
        """Return every variable (weights, optimizer, seed states) to the last committed epoch."""
        ts.assign(self._state_vars, self._last_good)

    def _finish(self, status: str, message: str) -> RunResult:
        try:
            self._write_state(status, message)
        except OSError as exc:
            status, message = "failed", f"{message} The run state could not be written: {failure_text(exc)}"
        self.handle.emit("done", status=status, message=message, test_metrics=dict(self.test_metrics),
                         run_dir=str(self.run_dir), epochs_done=self.epochs_done)
        return RunResult(status=status, message=message, history={k: list(v) for k, v in self.history.items()},
                         test_metrics=dict(self.test_metrics), run_dir=self.run_dir, epochs_done=self.epochs_done)
