"""Helpers shared by the benchmark scripts: the MNIST t10k dataset and JSON result lines.

Run a bench from the checkout root, e.g. `.venv/bin/python bench/train_overhead.py`.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def t10k_source() -> str:
    """The dataset source string of the shared MNIST test split; exits with a clear message when absent."""
    from core.paths import shared_mnist_dir

    folder = shared_mnist_dir()
    if folder is None:
        sys.exit(
            "bench: the MNIST t10k files are not available (expected ../shared/data/mnist-t10k beside the "
            "checkout, or set LATENT_LAB_MNIST_T10K to the folder holding t10k-images-idx3-ubyte.gz)"
        )
    return "idx:" + str(folder)


def load_t10k() -> Any:
    """The t10k split as a `Dataset` (80/20 stratified train/test split)."""
    from core.data.dataset import DatasetError
    from core.data.sources import load_dataset_cached

    source = t10k_source()
    try:
        return load_dataset_cached(source)
    except DatasetError as exc:
        sys.exit(f"bench: cannot load {source}: {exc}")


def median(values: list[float]) -> float:
    """The median of a non-empty list."""
    return float(statistics.median(values))


def print_json(obj: dict[str, Any]) -> None:
    """Print the result object as the single last line of output (machine-readable)."""
    sys.stdout.flush()
    print(json.dumps(obj, sort_keys=False), flush=True)


def cpu_seconds() -> float:
    """This process's CPU time so far (user + system, all threads): a clock that contention does not inflate."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return float(usage.ru_utime + usage.ru_stime)


#: How many times every timing bench runs each of its sides (alternating which goes first).
ROUNDS = 5


def alternate(sides: dict[str, Callable[[], Any]], rounds: int = ROUNDS) -> dict[str, list[Any]]:
    """Run each side once per round, `rounds` times, rotating which side goes first, so slow
    spells of a shared machine fall on every side alike; returns each side's results in order."""
    names = list(sides)
    results: dict[str, list[Any]] = {name: [] for name in names}
    for r in range(rounds):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            results[name].append(sides[name]())
    return results


def spread(values: list[float], digits: int = 3) -> dict[str, float]:
    """{"min", "median", "max"} of a non-empty list (goals are judged on the median)."""
    return {"min": round(float(min(values)), digits), "median": round(median(values), digits),
            "max": round(float(max(values)), digits)}
