"""Check that a run folder describes one committed epoch (for tests, benches and bug reports).

`run_problems(run_dir)` lists what breaks the commit protocol's invariant: `state.json`'s
`epochs_done` equals the length of every history list, the newest snapshot's epoch and the
train state's epoch; the saved models reproduce that snapshot (AE/VAE reconstructions, GAN
samples); no staged or temp file is left. An empty list means consistent.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from core.atomic import TMP_MARK
from core.training.commit import STAGED_DIR, TRAIN_STATE_FILE
from core.training.run_folder import (
    FIXED_NOISE_FILE,
    RunError,
    latest_snapshot,
    load_role,
    load_run_info,
)
from core.training.train_state import load_train_state


def _model_problems(run: Path, kind: str, snap: object) -> list[str]:
    from core.tf_env import keras

    ops = keras().ops
    originals = getattr(snap, "originals", None)
    expected = getattr(snap, "reconstructions", None) if originals is not None else getattr(snap, "gan_samples", None)
    if expected is None:
        return []
    if kind == "autoencoder":
        got = load_role(run, "autoencoder")(originals, training=False)
    elif kind == "vae":
        z_mean = load_role(run, "encoder")(originals, training=False)[0]
        got = load_role(run, "decoder")(z_mean, training=False)
    elif kind == "gan" and (run / FIXED_NOISE_FILE).exists():
        got = load_role(run, "generator")(np.load(run / FIXED_NOISE_FILE), training=False)
    else:
        return []
    if not np.allclose(np.asarray(ops.convert_to_numpy(got)), expected, atol=1e-4):
        return ["the saved models do not reproduce the newest snapshot"]
    return []


def run_problems(run_dir: str | os.PathLike[str], *, check_models: bool = True) -> list[str]:
    """What is inconsistent in a run folder (read as is, not repaired); [] when consistent."""
    run = Path(run_dir)
    try:
        info = load_run_info(run, repair=False)
    except RunError as exc:
        return [str(exc)]
    done = info.epochs_done
    problems = [f"history {name} has {len(v)} values, epochs_done is {done}"
                for name, v in info.history.items() if len(v) != done]
    snap = latest_snapshot(run)
    if (snap.epoch if snap else 0) != done:
        problems.append(f"newest snapshot is epoch {snap.epoch if snap else 0}, epochs_done is {done}")
    saved = load_train_state(run / TRAIN_STATE_FILE)
    if done and (saved is None or saved[0] != done):
        problems.append(f"train state is of epoch {saved[0] if saved else None}, epochs_done is {done}")
    leftovers = [str(p.relative_to(run)) for p in run.rglob("*") if TMP_MARK in p.name or p.name == STAGED_DIR]
    if leftovers:
        problems.append(f"leftover files: {', '.join(sorted(leftovers))}")
    if check_models and done and snap is not None and not problems:
        problems += _model_problems(run, info.kind, snap)
    return problems
