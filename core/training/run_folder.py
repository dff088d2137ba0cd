"""Run folders on disk: run listing, model, snapshot and checkpoint loading, rollback.

A run folder holds `config.json`, `history.json`, `state.json`, one `<role>.keras` per
model role, `train_state.npz` (every variable of the fit model and its optimizers, for an
exact resume), `snapshots/epoch_NNNN.npz` and, for GANs, `checkpoints/epoch_NNNN/`
(`<role>.keras` and `train_state.npz`; the last `keep_checkpoints` epochs plus the best by
Fréchet distance are kept). Listing runs needs no TensorFlow.

An epoch is all or nothing (`core.training.commit`). Its files are written, each
atomically, as staged files in `RUN_DIR/.staged/epoch_NNNN/` (models, history, train
state, GAN quality), beside the new snapshot and GAN checkpoint; then `state.json` is
written with `epochs_done = N`, the one commit point; then the staged files are moved onto
their documented names with `os.replace`. After a crash at any moment, `repair_run` (run by
`load_run_info` and `TrainingRun.open` when no trainer holds the run) rolls the staged
files of epoch `epochs_done` forward and deletes everything newer or half-written (other
staged epochs, later snapshots and checkpoints, `*.tmp-*` files), never `.lock`; models,
newest snapshot, history and state then all describe epoch `epochs_done`.

One trainer per run: training holds an OS lock on `RUN_DIR/.lock` (`core.training.lock`),
which dies with its process. A run whose state says "running" while nobody holds the lock
reads as "interrupted" and can be continued.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from core.atomic import (
    TMP_MARK,
    atomic_save_npz,
    atomic_write_bytes,
    atomic_write_json,
    finite_or_none,
)
from core.errors import UserError, first_line
from core.paths import runs_root
from core.training.commit import (
    CHECKPOINT_DIR,
    SNAPSHOT_DIR,
    TRAIN_STATE_FILE,
    checkpoint_epochs,
    commit_epoch,
    fresh_staged_dir,
    gan_checkpoint_dir,
    needs_repair,
    repair_run,
    snapshot_path,
)
from core.training.lock import RunLock, is_locked

__all__ = [
    "CHECKPOINT_DIR", "FIXED_NOISE_FILE", "SNAPSHOT_DIR", "EpochSnapshot", "RunError", "RunInfo",
    "gan_checkpoint_dir", "latest_snapshot", "list_runs", "load_role", "load_run_info",
    "load_snapshot", "load_snapshots", "repair_run", "rollback_run", "save_snapshot", "snapshot_path",
]

FIXED_NOISE_FILE = "fixed_noise.npy"


class RunError(UserError):
    """A run folder is missing, unreadable or incomplete; the message names the file."""


@dataclass
class EpochSnapshot:
    """What later tabs need from one finished epoch, as arrays (taken in the training callback).

    `epoch` is 1-based. Reconstructions and probe codes exist for AE/VAE runs, `gan_samples`
    for GAN runs. `weights` (role -> `get_weights()` list) is for the live Layers tab and is
    not saved to disk.
    """

    epoch: int
    logs: dict[str, float] = field(default_factory=dict)
    originals: np.ndarray | None = None
    reconstructions: np.ndarray | None = None
    probe_z: np.ndarray | None = None
    probe_labels: np.ndarray | None = None
    gan_samples: np.ndarray | None = None
    weights: dict[str, list[np.ndarray]] = field(default_factory=dict)


_SNAPSHOT_ARRAYS = ("originals", "reconstructions", "probe_z", "probe_labels", "gan_samples")


@dataclass
class RunInfo:
    """A run folder's JSON files, read without TensorFlow."""

    path: Path
    config: dict[str, Any]
    state: dict[str, Any]
    history: dict[str, list[float]]
    #: Whether a live trainer held the run's lock when it was read (None: ask when needed).
    locked: bool | None = None

    @property
    def kind(self) -> str:
        """The model kind (classifier, autoencoder, vae, gan)."""
        return str(self.config.get("kind", "?"))

    @property
    def status(self) -> str:
        """running, stopped, completed, failed, or interrupted (says running, but its trainer died)."""
        status = str(self.state.get("status", "?"))
        if status == "running":
            locked = is_locked(self.path) if self.locked is None else self.locked
            return "running" if locked else "interrupted"
        return status

    @property
    def epochs_done(self) -> int:
        """Number of finished (checkpointed) epochs."""
        return int(self.state.get("epochs_done", 0))


def _read_json(path: Path, *, required: bool) -> Any:
    if not path.exists():
        if required:
            raise RunError(f"{path}: file is missing; this folder is not a complete training run")
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RunError(f"{path}: cannot read ({exc})") from exc


def _as_float(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else math.nan


def load_run_info(path: str | os.PathLike[str], *, repair: bool = True) -> RunInfo:
    """Read a run folder's config, state and history; raise `RunError` naming what is wrong.

    Unless `repair` is False, a folder left half-written by a crash is first repaired to its
    last committed epoch (only when no trainer holds it). History nulls come back as NaN.
    """
    folder = Path(path)
    if not folder.is_dir():
        raise RunError(f"{folder}: no such run folder")
    if repair and needs_repair(folder):
        try:
            repair_run(folder)
        except OSError:
            pass  # a read-only folder is still readable as it is
    config = _read_json(folder / "config.json", required=True)
    if not isinstance(config, dict) or not isinstance(config.get("kind"), str):
        raise RunError(f"{folder / 'config.json'}: not a run config (no model kind)")
    state = _read_json(folder / "state.json", required=True)
    if not isinstance(state, dict) or "status" not in state:
        raise RunError(f"{folder / 'state.json'}: not a run state (no status)")
    history = _read_json(folder / "history.json", required=False) or {}
    if not isinstance(history, dict):
        raise RunError(f"{folder / 'history.json'}: expected a mapping of metric -> values")
    history = {str(k): [_as_float(v) for v in values] for k, values in history.items() if isinstance(values, list)}
    locked = is_locked(folder) if state.get("status") == "running" else False
    return RunInfo(path=folder, config=config, state=state, history=history, locked=locked)


def list_runs(root: str | os.PathLike[str] | None = None) -> list[RunInfo]:
    """All readable runs under `root` (default `runs_root()`), newest first; broken folders are skipped."""
    base = Path(root) if root is not None else runs_root()
    if not base.is_dir():
        return []
    found: list[tuple[int, str, RunInfo]] = []
    for child in base.iterdir():
        if not child.is_dir():
            continue
        try:
            info = load_run_info(child)
            created = (child / "config.json").stat().st_mtime_ns
        except (RunError, OSError):
            continue
        found.append((created, child.name, info))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [info for _, _, info in found]


def load_role(run_dir: str | os.PathLike[str], role: str, *, safe_mode: bool = True) -> Any:
    """Load `RUN_DIR/<role>.keras` (uncompiled, for inference); `RunError` if missing or unreadable."""
    path = Path(run_dir) / f"{role}.keras"
    if not path.exists():
        raise RunError(f"{path}: no saved {role} model in this run (train at least one epoch)")
    from core.tf_env import keras

    k = keras()
    from core.models import register_custom_objects

    register_custom_objects()

    try:
        return k.saving.load_model(path, compile=False, safe_mode=safe_mode)
    except Exception as exc:  # Keras raises many types for a bad archive
        raise RunError(f"{path}: cannot load model ({first_line(exc)})") from exc


def saved_gan_arch(run_dir: str | os.PathLike[str]) -> str | None:
    """The architecture of a GAN run's saved generator, read from its file's config without
    TensorFlow: "acgan" (a `ClassCode` layer), "dcgan" (transposed convolutions) or "dense";
    None when there is no readable generator. Runs saved before the default became the
    AC-GAN say only "default" in their config: this tells what to rebuild to continue them."""
    from core.inspect.model_files import ModelFileError, class_names, read_model_config

    try:
        classes = class_names(read_model_config(Path(run_dir) / "generator.keras"))
    except ModelFileError:
        return None
    if "ClassCode" in classes:
        return "acgan"
    return "dcgan" if "Conv2DTranspose" in classes else "dense"


def save_snapshot(run_dir: str | os.PathLike[str], snapshot: EpochSnapshot) -> Path:
    """Write a snapshot's arrays and logs (not its weights) atomically; return the file."""
    arrays: dict[str, np.ndarray] = {
        "epoch": np.asarray(snapshot.epoch, dtype=np.int64),
        "logs_json": np.asarray(json.dumps(finite_or_none(snapshot.logs))),
    }
    for name in _SNAPSHOT_ARRAYS:
        value = getattr(snapshot, name)
        if value is not None:
            arrays[name] = np.asarray(value)
    path = snapshot_path(run_dir, snapshot.epoch)
    atomic_save_npz(path, arrays)
    return path


def load_snapshot(path: str | os.PathLike[str]) -> EpochSnapshot:
    """Read one snapshot file (weights are not stored: `weights` is empty)."""
    try:
        with np.load(Path(path), allow_pickle=False) as data:
            logs = json.loads(str(data["logs_json"]))
            fields = {name: data[name] for name in _SNAPSHOT_ARRAYS if name in data.files}
            epoch = int(data["epoch"])
    except (OSError, KeyError, ValueError) as exc:
        raise RunError(f"{path}: cannot read snapshot ({exc})") from exc
    return EpochSnapshot(epoch=epoch, logs={k: v for k, v in logs.items() if v is not None}, **fields)


def load_snapshots(run_dir: str | os.PathLike[str]) -> list[EpochSnapshot]:
    """All per-epoch snapshots of a run, oldest first."""
    folder = Path(run_dir) / SNAPSHOT_DIR
    if not folder.is_dir():
        return []
    files = sorted(p for p in folder.glob("epoch_*.npz") if TMP_MARK not in p.name)
    return [load_snapshot(p) for p in files]


def latest_snapshot(run_dir: str | os.PathLike[str]) -> EpochSnapshot | None:
    """The last epoch's snapshot of a run (None if it has none), reading only that file."""
    folder = Path(run_dir) / SNAPSHOT_DIR
    files = sorted(p for p in folder.glob("epoch_*.npz") if TMP_MARK not in p.name) if folder.is_dir() else []
    return load_snapshot(files[-1]) if files else None


def rollback_run(run_dir: str | Path, epoch: int, *, force: bool = False) -> None:
    """Return a GAN run to its per-epoch checkpoint `epoch` (after mode collapse, say).

    The checkpoint's models and train state become the run's latest (committed like an
    epoch: staged, `state.json`, published), history and quality records after `epoch` are
    dropped, and so are later snapshots and checkpoints, so continuing the run trains on
    from `epoch` exactly as it would have then. Refused (`RunLockedError`) while a trainer
    holds the run; `force` is kept for callers that check that themselves (it changes nothing).
    A checkpoint removed by pruning cannot be restored (`RunError` naming those kept).
    """
    del force
    run = Path(run_dir)
    with RunLock(run, "roll-back"):
        repair_run(run, lock_held=True)
        info = load_run_info(run, repair=False)
        ckpt = gan_checkpoint_dir(run, epoch)
        files = sorted(p for p in ckpt.glob("*") if p.is_file() and TMP_MARK not in p.name) if ckpt.is_dir() else []
        if not any(p.suffix == ".keras" for p in files):
            kept = ", ".join(str(e) for e in checkpoint_epochs(run)) or "none"
            why = ("its checkpoint was pruned (a run keeps the last few and the best by Fréchet distance)"
                   if 1 <= epoch <= info.epochs_done else "there is no such epoch")
            raise RunError(f"{run}: no checkpoint for epoch {epoch} to roll back to: {why}; checkpoints kept: {kept}")
        stage = fresh_staged_dir(run, epoch)
        for item in files:
            atomic_write_bytes(stage / item.name, item.read_bytes())
        history = {k: list(v)[:epoch] for k, v in info.history.items()}
        atomic_write_json(stage / "history.json", history)
        quality = run / "quality.json"
        if quality.exists():
            try:
                data = json.loads(quality.read_text())
            except (OSError, ValueError):
                data = {}
            if isinstance(data, dict) and isinstance(data.get("epochs"), list):
                data["epochs"] = [r for r in data["epochs"] if isinstance(r, dict) and int(r.get("epoch", 0)) <= epoch]
                atomic_write_json(stage / "quality.json", data)
        if not (stage / TRAIN_STATE_FILE).exists():  # an older checkpoint: no stale train state may survive
            (run / TRAIN_STATE_FILE).unlink(missing_ok=True)
        state = dict(info.state, status="stopped", epochs_done=epoch, message=f"Rolled back to epoch {epoch}.")
        commit_epoch(run, state)
        repair_run(run, lock_held=True)  # drops the later snapshots and checkpoints
