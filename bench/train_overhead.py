"""Overhead of the training engine over a plain `model.fit` script, on the chapter's classifier.

Both sides train the 784-64-64-10 functional classifier on the MNIST t10k split (8,000
train images after the 80/20 split; 2 epochs, batch 64, `validation_split=0.2`, then
`evaluate` on the 2,000 test images). The plain side is a bare script (`verbose=0`); the
engine side is `TrainingRun.train()` with its reporting callback, per-batch progress
events, per-epoch snapshots and atomic checkpoints. Model building is not timed on
either side. The sides alternate (`--rounds`, default 5; the first side takes turns).
Throughput = training images / s.

Last line: {"ratio": median over rounds of engine/plain throughput, "ratio_spread",
"plain_ips" and "engine_ips" as {"min", "median", "max"}, "test_accuracy", ...}
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from _common import ROUNDS, alternate, load_t10k, median, print_json, spread

EPOCHS = 2
BATCH = 64
VAL_SPLIT = 0.2


def _train_images(n: int) -> int:
    return int(round(n * (1 - VAL_SPLIT))) * EPOCHS


def plain(dataset: Any) -> tuple[float, float]:
    """The chapter's script; returns (training images per second, test accuracy)."""
    from core.tf_env import keras

    k = keras()
    k.utils.set_random_seed(0)
    x_train = dataset.x_train.reshape(len(dataset.x_train), -1).astype("float32")
    x_test = dataset.x_test.reshape(len(dataset.x_test), -1).astype("float32")
    inputs = k.Input(shape=(x_train.shape[1],), name="digits")
    x = k.layers.Dense(64, activation="relu", name="dense_1")(inputs)
    x = k.layers.Dense(64, activation="relu", name="dense_2")(x)
    outputs = k.layers.Dense(10, name="predictions")(x)
    model = k.Model(inputs=inputs, outputs=outputs)
    model.compile(optimizer=k.optimizers.RMSprop(), loss=k.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
    t0 = time.perf_counter()
    model.fit(x_train, dataset.y_train, batch_size=BATCH, epochs=EPOCHS, validation_split=VAL_SPLIT, verbose=0)
    scores = model.evaluate(x_test, dataset.y_test, batch_size=BATCH, verbose=0, return_dict=True)
    seconds = time.perf_counter() - t0
    return _train_images(len(x_train)) / seconds, float(scores["accuracy"])


def engine(dataset: Any, runs: Path, i: int) -> tuple[float, float, int]:
    """The app's engine; returns (training images per second, test accuracy, events seen)."""
    from core.progress import ProgressHandle
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    events: list[str] = []
    handle = ProgressHandle(lambda e: events.append(e.kind))
    config = TrainConfig("classifier", dataset=dataset.source, epochs=EPOCHS, batch_size=BATCH,
                         validation_split=VAL_SPLIT, seed=0)
    run = TrainingRun(config, run_dir=runs / f"run-{i}", dataset=dataset, handle=handle)
    t0 = time.perf_counter()
    result = run.train()
    seconds = time.perf_counter() - t0
    if result.status != "completed":
        raise SystemExit(f"bench: engine run {result.status}: {result.message}")
    return _train_images(len(dataset.x_train)) / seconds, result.test_metrics["accuracy"], len(events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="runs of each side, alternating (default 5)")
    args = parser.parse_args()
    dataset = load_t10k()
    print(f"dataset: {dataset.name}")
    with tempfile.TemporaryDirectory(prefix="latent-lab-bench-") as tmp:
        # One untimed pair first: TensorFlow's first traces and allocations would otherwise
        # land on whichever side happens to run first.
        plain(dataset)
        engine(dataset, Path(tmp), -1)
        counter = iter(range(args.rounds))
        runs = alternate({"plain": lambda: plain(dataset), "engine": lambda: engine(dataset, Path(tmp), next(counter))},
                         args.rounds)
    plain_ips, engine_ips = [r[0] for r in runs["plain"]], [r[0] for r in runs["engine"]]
    ratios = [e / p for e, p in zip(engine_ips, plain_ips, strict=True)]
    for i, (p, e, r) in enumerate(zip(plain_ips, engine_ips, ratios, strict=True)):
        print(f"round {i + 1}: plain {p:.0f} img/s, engine {e:.0f} img/s, ratio {r:.3f}")
    print_json({
        "ratio": round(median(ratios), 4),
        "ratio_spread": spread(ratios, 4),
        "plain_ips": spread(plain_ips, 1),
        "engine_ips": spread(engine_ips, 1),
        "test_accuracy": round(median([r[1] for r in runs["engine"]]), 4),
        "plain_test_accuracy": round(median([r[1] for r in runs["plain"]]), 4),
        "rounds": args.rounds,
        "epochs": EPOCHS,
        "batch_size": BATCH,
        "train_images": len(dataset.x_train),
        "test_images": len(dataset.x_test),
    })


if __name__ == "__main__":
    np.set_printoptions(precision=4)
    main()
