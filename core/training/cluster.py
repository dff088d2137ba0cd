"""The workers of a multi-machine run, as `TF_CONFIG` names them (no TensorFlow import here).

`--strategy multiworker` trains under `tf.distribute.MultiWorkerMirroredStrategy`. Every
worker runs the same `main.py train …` command with its own `TF_CONFIG`, e.g. on worker 1:

    TF_CONFIG='{"cluster": {"worker": ["host-a:12345", "host-b:12345"]},
                "task": {"type": "worker", "index": 1}}'

Worker 0 is the chief: it alone writes the run folder. The others keep whatever a training
run writes (locks, epoch files) in a scratch folder of their own, removed when they exit.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from core.errors import ConfigError

HOW_TO = "see README, 'Training across machines'"


@dataclass(frozen=True)
class Cluster:
    """This process's place among the workers: its index (0 = chief) and the worker count."""

    index: int
    workers: int

    @property
    def is_chief(self) -> bool:
        """Whether this worker writes the run folder."""
        return self.index == 0


def cluster_from_env(environ: dict[str, str] | None = None) -> Cluster:
    """The `Cluster` of `TF_CONFIG`; `ConfigError` (one line) when it is missing or malformed."""
    raw = (os.environ if environ is None else environ).get("TF_CONFIG", "").strip()
    if not raw:
        raise ConfigError(f"--strategy multiworker needs TF_CONFIG naming the workers ({HOW_TO})")
    try:
        spec: Any = json.loads(raw)
    except ValueError as exc:
        raise ConfigError(f"TF_CONFIG is not valid JSON ({exc})") from None
    cluster = spec.get("cluster") if isinstance(spec, dict) else None
    task = spec.get("task") if isinstance(spec, dict) else None
    workers = cluster.get("worker") if isinstance(cluster, dict) else None
    if not isinstance(workers, list) or not workers or not all(isinstance(w, str) and ":" in w for w in workers):
        raise ConfigError(f"TF_CONFIG needs cluster.worker, a list of host:port addresses ({HOW_TO})")
    if isinstance(cluster, dict) and set(cluster) - {"worker"}:
        others = ", ".join(sorted(set(cluster) - {"worker"}))
        raise ConfigError(f"TF_CONFIG: only 'worker' tasks are supported (worker 0 is the chief), not {others}")
    if not isinstance(task, dict) or task.get("type") != "worker":
        raise ConfigError("TF_CONFIG needs task.type 'worker' and task.index")
    index = task.get("index")
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(workers):
        raise ConfigError(f"TF_CONFIG task.index must be 0 to {len(workers) - 1}, not {index!r}")
    return Cluster(index=index, workers=len(workers))


def other_worker(environ: dict[str, str] | None = None) -> bool:
    """Whether `TF_CONFIG` makes this process a worker other than the chief (False without it)."""
    try:
        return not cluster_from_env(environ).is_chief
    except ConfigError:
        return False


def without_cluster(config: Any) -> Any:
    """A reopened run's config where no `TF_CONFIG` names workers (the window, the GAN tab's
    step controls, a resume on one machine): a multiworker run then trains here alone."""
    if config.strategy == "multiworker" and not os.environ.get("TF_CONFIG", "").strip():
        return replace(config, strategy="default")
    return config


def scratch_dir(index: int) -> Path:
    """A fresh folder for a non-chief worker's run files, removed when the process exits."""
    path = Path(tempfile.mkdtemp(prefix=f"latent-lab-worker{index}-")) / "run"
    atexit.register(shutil.rmtree, path.parent, True)
    return path


def worker_config(run_dir: str | Path) -> Any:
    """The `TrainConfig` a non-chief worker resumes with: read from the run's `config.json`,
    never written (the chief owns the folder and its lock)."""
    from core.training.config import TrainConfig

    path = Path(run_dir) / "config.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        config = TrainConfig.from_dict(data)
    except (OSError, ValueError, TypeError) as exc:
        raise ConfigError(f"{path}: a worker other than the chief reads the run's settings from here "
                          f"({type(exc).__name__}); copy config.json or give the chief's KIND and options") from None
    if config.strategy != "multiworker":
        raise ConfigError(f"{run_dir} was trained with --strategy {config.strategy}, not multiworker")
    return config
