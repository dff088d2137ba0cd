"""Everything training needs to continue exactly: every variable of the fit model and its optimizers.

`state_variables(model)` lists the model's variables (weights, seed-generator states of
dropout and sampling layers, including those of the VAE/GAN sub-models) and the variables
of every optimizer the model uses (iteration count, moments), metric trackers excluded
(they restart each epoch). `RUN_DIR/train_state.npz` holds their values in that order
(`v0000`, `v0001`, …) with `epoch` and `paths`; plain NumPy reads it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from core.atomic import atomic_save_npz

OPTIMIZER_ATTRS = ("optimizer", "d_optimizer", "g_optimizer")


def optimizers_of(model: Any) -> list[Any]:
    """The optimizers a model trains with (`optimizer`, or the GAN's `d_optimizer`/`g_optimizer`)."""
    found: list[Any] = []
    for name in OPTIMIZER_ATTRS:
        opt = getattr(model, name, None)
        if opt is not None and hasattr(opt, "variables") and all(opt is not o for o in found):
            found.append(opt)
    return found


def build_optimizers(model: Any) -> None:
    """Create optimizer slots now (as the first `fit` step would), so the variable list is complete."""
    opt = getattr(model, "optimizer", None)
    if opt is not None and hasattr(opt, "build") and not getattr(opt, "built", True):
        opt.build(model.trainable_variables)


def state_variables(model: Any) -> list[Any]:
    """The model's and its optimizers' variables, metric trackers excluded, in a stable order."""
    skip = {id(v) for v in getattr(model, "metrics_variables", [])}
    for metric in getattr(model, "metrics", []):
        skip.update(id(v) for v in metric.variables)
    seen: set[int] = set()
    out: list[Any] = []
    for v in [*model.variables, *(v for opt in optimizers_of(model) for v in opt.variables)]:
        if id(v) in seen or id(v) in skip:
            continue
        seen.add(id(v))
        out.append(v)
    return out


def capture(variables: list[Any]) -> list[np.ndarray]:
    """Copies of the variables' current values."""
    return [np.array(v.numpy()) for v in variables]


def assign(variables: list[Any], values: list[np.ndarray]) -> None:
    """Set the variables to saved values (`ValueError` if the lists do not match)."""
    if len(variables) != len(values):
        raise ValueError(f"train state holds {len(values)} variables, the model has {len(variables)}")
    for v, a in zip(variables, values, strict=True):
        if tuple(v.shape) != tuple(a.shape):
            raise ValueError(f"train state: {v.path} has shape {tuple(v.shape)}, saved {a.shape}")
    for v, a in zip(variables, values, strict=True):
        v.assign(a)


def save_train_state(path: str | os.PathLike[str], epoch: int, variables: list[Any],
                     values: list[np.ndarray]) -> None:
    """Write `train_state.npz` (uncompressed: written every epoch, read rarely) atomically."""
    arrays: dict[str, np.ndarray] = {
        "epoch": np.asarray(epoch, dtype=np.int64),
        "paths": np.asarray(json.dumps([str(getattr(v, "path", "?")) for v in variables])),
    }
    arrays.update({f"v{i:04d}": a for i, a in enumerate(values)})
    atomic_save_npz(path, arrays, compress=False)


def load_train_state(path: str | os.PathLike[str]) -> tuple[int, list[np.ndarray]] | None:
    """(epoch, values) from a `train_state.npz`, or None when missing or unreadable."""
    if not Path(path).is_file():
        return None
    try:
        with np.load(Path(path), allow_pickle=False) as data:
            n = sum(1 for name in data.files if name.startswith("v") and name[1:].isdigit())
            return int(data["epoch"]), [data[f"v{i:04d}"] for i in range(n)]
    except (OSError, KeyError, ValueError):
        return None
