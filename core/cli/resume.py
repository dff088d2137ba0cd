"""`main.py train --resume RUN_DIR`: what must hold before a run folder may be trained further.

A resumed run keeps its own settings (its `config.json`): an option that the run fixes
(`--seed`, `--arch`, `--lr`, …) is refused when it differs from the run's value, rather than
silently ignored. A run another process is training is refused up front, naming the holder
of its lock (`core.training.lock`), before anything is loaded.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import Any

from core.cli.errors import CommandError

#: (option, argparse dest, TrainConfig field, how the run's value is named)
FIXED_OPTIONS: tuple[tuple[str, str, str, str], ...] = (
    ("--dataset", "dataset", "dataset", "dataset"),
    ("--batch-size", "batch_size", "batch_size", "batch size"),
    ("--latent-dim", "latent_dim", "latent_dim", "latent dim"),
    ("--lr", "lr", "learning_rate", "learning rate"),
    ("--seed", "seed", "seed", "seed"),
    ("--arch", "arch", "arch", "architecture"),
    ("--max-train", "max_train", "max_train", "max train"),
    ("--max-test", "max_test", "max_test", "max test"),
    ("--strategy", "strategy", "strategy", "strategy"),
)


def normalize_source(source: Any) -> Any:
    """A dataset source comparable across working folders: `idx:`/`npz:` paths made absolute."""
    if isinstance(source, str):
        for prefix in ("idx:", "npz:"):
            if source.startswith(prefix):
                return prefix + str(Path(source[len(prefix):]).expanduser().resolve())
    return source


def _same(option: str, given: Any, stored: Any) -> bool:
    if option == "--dataset":
        return bool(normalize_source(given) == normalize_source(stored))
    if option == "--lr" and isinstance(stored, int | float):
        return math.isclose(float(given), float(stored), rel_tol=1e-9)
    return bool(given == stored)


def _run_config(run_dir: str) -> Any:
    """The run's `TrainConfig`, with defaults filled in where the file left them out."""
    from core.errors import ConfigError
    from core.training.config import TrainConfig
    from core.training.run_folder import RunError, load_run_info

    info = load_run_info(run_dir)
    try:
        config = TrainConfig.from_dict(info.config)
    except (TypeError, ValueError) as exc:
        raise RunError(f"{Path(run_dir) / 'config.json'}: {exc}") from exc
    try:
        return config.resolved()
    except ConfigError:
        return config


def refuse_if_locked(run_dir: str | Path) -> None:
    """Raise `RunLockedError` (exit 2) naming who holds the run, when a live trainer does."""
    from core.training.lock import RunLockedError, describe_holder, lock_holder

    holder = lock_holder(run_dir)
    if holder is not None:
        raise RunLockedError(f"{Path(run_dir).name}: another trainer holds this run: {describe_holder(holder)}")


def mismatches(args: argparse.Namespace, config: Any) -> list[str]:
    """One phrase per given option that differs from the run's config (empty: all agree)."""
    found = []
    for option, dest, name, label in FIXED_OPTIONS:
        given = getattr(args, dest, None)
        stored = getattr(config, name)
        if given is not None and not _same(option, given, stored):
            shown = "(none)" if stored is None else stored
            found.append(f"{option} {given} differs from the run's {label} {shown}")
    if getattr(args, "no_gan_metrics", False) and config.kind == "gan" and config.gan_metrics:
        found.append("--no-gan-metrics differs from the run's setting (GAN quality metrics on)")
    out = getattr(args, "out", None)
    if out is not None and Path(out).expanduser().resolve() != Path(args.resume).expanduser().resolve():
        found.append(f"--out {out} differs from the run folder {args.resume} (a resumed run is written in place)")
    return found


def check_resumable(args: argparse.Namespace) -> None:
    """Refuse `--resume` when a trainer holds the run or an option contradicts its config."""
    refuse_if_locked(args.resume)
    config = _run_config(args.resume)
    found = mismatches(args, config)
    if found:
        raise CommandError(f"{'; '.join(found)}: a resumed run keeps its own settings (only --epochs applies)")
