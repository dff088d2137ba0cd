"""Overhead of the training engine over a plain `model.fit` script, on the chapter's classifier.

Both sides train the 784-64-64-10 functional classifier on the MNIST t10k split (8,000
train images after the 80/20 split; 2 epochs, batch 64, `validation_split=0.2`, then
`evaluate` on the 2,000 test images). The plain side is a bare script (`verbose=0`); the
engine side is `TrainingRun.train()` with its reporting callback, per-batch progress
events, per-epoch snapshots and atomic checkpoints. Model building is not timed on
either side. Pairs alternate which side runs first. Throughput = training images / s.

Last line: {"ratio": median(engine/plain throughput), "pairs": [...], "test_accuracy": ...}
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from _common import load_t10k, median, print_json

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
    parser.add_argument("--pairs", type=int, default=3)
    args = parser.parse_args()
    dataset = load_t10k()
    print(f"dataset: {dataset.name}")
    pairs: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="latent-lab-bench-") as tmp:
        # One untimed pair first: TensorFlow's first traces and allocations would otherwise
        # land on whichever side happens to run first.
        plain(dataset)
        engine(dataset, Path(tmp), -1)
        for i in range(args.pairs):
            order = ("plain", "engine") if i % 2 == 0 else ("engine", "plain")
            row: dict[str, Any] = {}
            for side in order:
                if side == "plain":
                    row["plain_ips"], row["plain_acc"] = plain(dataset)
                else:
                    row["engine_ips"], row["engine_acc"], row["events"] = engine(dataset, Path(tmp), i)
            row["ratio"] = row["engine_ips"] / row["plain_ips"]
            pairs.append({k: (v if isinstance(v, int) else round(float(v), 4)) for k, v in row.items()})
            print(f"pair {i + 1} ({' then '.join(order)}): plain {row['plain_ips']:.0f} img/s, "
                  f"engine {row['engine_ips']:.0f} img/s, ratio {row['ratio']:.3f}, "
                  f"test accuracy plain {row['plain_acc']:.4f} engine {row['engine_acc']:.4f}")
    print_json({
        "ratio": round(median([p["ratio"] for p in pairs]), 4),
        "pairs": pairs,
        "test_accuracy": round(median([p["engine_acc"] for p in pairs]), 4),
        "plain_test_accuracy": round(median([p["plain_acc"] for p in pairs]), 4),
        "epochs": EPOCHS,
        "batch_size": BATCH,
        "train_images": len(dataset.x_train),
        "test_images": len(dataset.x_test),
    })


if __name__ == "__main__":
    np.set_printoptions(precision=4)
    main()
