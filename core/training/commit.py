"""The epoch commit protocol of a run folder: stage, commit with `state.json`, publish, repair.

An epoch's files are first written (each atomically) into `RUN_DIR/.staged/epoch_NNNN/`
(`<role>.keras`, `history.json`, `train_state.npz`, GAN `quality.json`), beside the new
`snapshots/epoch_NNNN.npz` and, for GANs, `checkpoints/epoch_NNNN/`. Writing `state.json`
with `epochs_done = N` is the commit point. Then the staged files are published onto their
documented names with `os.replace`. `repair_run` brings any folder back to its committed
epoch: it rolls forward the staged files of epoch `epochs_done`, deletes other staged
epochs, snapshots and checkpoints newer than `epochs_done` and leftover temp files
(`*.tmp-*`), and never touches `.lock`. This module imports nothing from TensorFlow.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from core.atomic import TMP_MARK, atomic_write_json, replace_file

SNAPSHOT_DIR = "snapshots"
CHECKPOINT_DIR = "checkpoints"
STAGED_DIR = ".staged"
STATE_FILE = "state.json"
TRAIN_STATE_FILE = "train_state.npz"


def _epoch_of(name: str) -> int | None:
    """N of `epoch_NNNN` or `epoch_NNNN.npz`; None for anything else."""
    stem = name.split(".", 1)[0]
    if not stem.startswith("epoch_") or not stem[6:].isdigit():
        return None
    return int(stem[6:])


def snapshot_path(run_dir: str | os.PathLike[str], epoch: int) -> Path:
    """`RUN_DIR/snapshots/epoch_NNNN.npz` for a 1-based epoch."""
    return Path(run_dir) / SNAPSHOT_DIR / f"epoch_{epoch:04d}.npz"


def gan_checkpoint_dir(run_dir: str | os.PathLike[str], epoch: int) -> Path:
    """`RUN_DIR/checkpoints/epoch_NNNN` (per-epoch GAN models for roll-back)."""
    return Path(run_dir) / CHECKPOINT_DIR / f"epoch_{epoch:04d}"


def staged_dir(run_dir: str | os.PathLike[str], epoch: int) -> Path:
    """`RUN_DIR/.staged/epoch_NNNN`: where an epoch's files wait for their commit."""
    return Path(run_dir) / STAGED_DIR / f"epoch_{epoch:04d}"


def fresh_staged_dir(run_dir: str | os.PathLike[str], epoch: int) -> Path:
    """An empty staging folder for `epoch` (leftovers of an earlier attempt removed)."""
    folder = staged_dir(run_dir, epoch)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def committed_epochs(run_dir: str | os.PathLike[str]) -> int | None:
    """`epochs_done` of `state.json`, or None when it is missing or unreadable."""
    try:
        state = json.loads((Path(run_dir) / STATE_FILE).read_text(encoding="utf-8"))
        return int(state["epochs_done"]) if isinstance(state, dict) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def publish(run_dir: str | os.PathLike[str], epoch: int) -> None:
    """Move the staged files of a committed epoch onto their documented names."""
    folder = staged_dir(run_dir, epoch)
    if not folder.is_dir():
        return
    for item in sorted(folder.iterdir()):
        if item.is_file() and TMP_MARK not in item.name:
            replace_file(item, Path(run_dir) / item.name)
    shutil.rmtree(folder, ignore_errors=True)
    try:
        folder.parent.rmdir()  # `.staged` goes when empty, so a clean folder needs no repair
    except OSError:
        pass


def commit_epoch(run_dir: str | os.PathLike[str], state: Mapping[str, Any]) -> None:
    """Commit `state["epochs_done"]` (write `state.json`, the commit point), then publish it."""
    atomic_write_json(Path(run_dir) / STATE_FILE, dict(state))
    publish(run_dir, int(state["epochs_done"]))


def _leftovers(run: Path, done: int) -> list[Path]:
    """Everything `repair_run` would remove (staged epochs are handled separately)."""
    found = [p for p in run.rglob(f"*{TMP_MARK}*") if STAGED_DIR not in p.relative_to(run).parts]
    for sub in (SNAPSHOT_DIR, CHECKPOINT_DIR):
        folder = run / sub
        if folder.is_dir():
            found += [p for p in folder.iterdir() if (_epoch_of(p.name) or 0) > done]
    return found


def needs_repair(run_dir: str | os.PathLike[str]) -> bool:
    """Whether the folder holds staged epochs, temp files or files newer than its commit."""
    run = Path(run_dir)
    done = committed_epochs(run)
    if done is None:
        return False
    return (run / STAGED_DIR).exists() or bool(_leftovers(run, done))


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def repair_run(run_dir: str | os.PathLike[str], *, lock_held: bool = False) -> bool:
    """Bring a run folder back to its last committed epoch (see the module docstring).

    Takes the run's lock for the repair unless the caller holds it (`lock_held`); when
    another process holds it (a live trainer) nothing is touched and False is returned.
    """
    run = Path(run_dir)
    done = committed_epochs(run)
    if done is None or not needs_repair(run):
        return True
    if not lock_held:
        from core.training.lock import RunLock, RunLockedError

        lock = RunLock(run, "repair")
        try:
            lock.acquire()
        except RunLockedError:
            return False
        try:
            return repair_run(run, lock_held=True)
        finally:
            lock.release()
    staging = run / STAGED_DIR
    if staging.is_dir():
        for folder in sorted(staging.iterdir()):
            if _epoch_of(folder.name) == done and folder.is_dir():
                for tmp in folder.glob(f"*{TMP_MARK}*"):
                    tmp.unlink(missing_ok=True)
                publish(run, done)
            else:
                _remove(folder)
        shutil.rmtree(staging, ignore_errors=True)
    for path in _leftovers(run, done):
        _remove(path)
    _trim_history(run, done)
    return True


def _trim_history(run: Path, done: int) -> None:
    """Cut history lists longer than the committed epochs (a guard; staging prevents it)."""
    try:
        history = json.loads((run / "history.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if isinstance(history, dict) and any(isinstance(v, list) and len(v) > done for v in history.values()):
        atomic_write_json(run / "history.json", {k: list(v)[:done] if isinstance(v, list) else v
                                                 for k, v in history.items()})


def checkpoint_epochs(run_dir: str | os.PathLike[str]) -> list[int]:
    """Epochs that have a GAN checkpoint folder, oldest first."""
    folder = Path(run_dir) / CHECKPOINT_DIR
    if not folder.is_dir():
        return []
    return sorted(e for p in folder.iterdir() if p.is_dir() and (e := _epoch_of(p.name)) is not None)


def best_epoch(values: Sequence[Any]) -> int | None:
    """1-based epoch of the smallest finite value (the best Fréchet distance), None if none."""
    best: tuple[float, int] | None = None
    for i, v in enumerate(values):
        if isinstance(v, int | float) and v == v and abs(v) != float("inf"):
            if best is None or float(v) < best[0]:
                best = (float(v), i + 1)
    return None if best is None else best[1]


def prune_checkpoints(run_dir: str | os.PathLike[str], keep: int, frechet: Sequence[Any] = ()) -> list[int]:
    """Delete GAN checkpoints but the last `keep` and the best by Fréchet distance (keep <= 0: all kept)."""
    if keep <= 0:
        return []
    epochs = checkpoint_epochs(run_dir)
    kept = set(epochs[-keep:])
    best = best_epoch(frechet)
    if best is not None:
        kept.add(best)
    dropped = [e for e in epochs if e not in kept]
    for epoch in dropped:
        shutil.rmtree(gan_checkpoint_dir(run_dir, epoch), ignore_errors=True)
    return dropped
