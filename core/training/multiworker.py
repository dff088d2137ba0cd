"""Training across machines: `MultiWorkerMirroredStrategy` with a custom loop in place of `fit`.

Keras 3's `fit` fails under this strategy (keras-team/keras#20585: "Attempt to convert a
value (PerReplica…) to a Tensor"), so `fit_multiworker` drives the model's own
`train_step` / `test_step` with `strategy.run` and `strategy.reduce`, and calls the same
`ReportingCallback` hooks `fit` would: the same events, pause, cancel, NaN check, epoch
snapshots and commits, the same `history.json`. Every kind whose model has a `train_step`
works this way.

Each global batch is the one a single process would train on (epoch order from (seed,
epoch), `core.training.data_order`); worker i trains on rows i, i + N, … of it and the
optimizer sums the workers' gradients, so the update is that of the whole batch. A last
batch with fewer rows than workers is left out (no worker may get an empty batch).

All workers must take the same decisions at the same step, or one waits forever in a
collective: so the chief's epoch count and train state are broadcast at the start, each
batch's step also sums the workers' "stop" flags (a cancel, a pause is just a wait), and
every epoch ends with one more sum of them. The strategy must exist before TensorFlow
starts its runtime: this works from `main.py train` (a fresh process), not from the window.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import replace
from typing import Any

import numpy as np

from core.errors import ConfigError
from core.tf_env import tf
from core.training import train_state as ts
from core.training.cluster import Cluster, cluster_from_env, scratch_dir
from core.training.data_order import epoch_pipeline

__all__ = ["evaluate", "fit_multiworker", "join_cluster", "strategy", "sync_start"]

_strategy: Any = None
_steps: dict[int, Any] = {}
#: Settings that change nothing but how or how long a run trains: workers may differ there.
_FREE_SETTINGS = ("dataset", "epochs", "gan_metrics", "keep_checkpoints", "strategy")


def strategy() -> Any:
    """The process's one `MultiWorkerMirroredStrategy` (created on first use; it waits for every worker)."""
    global _strategy
    if _strategy is None:
        cluster_from_env()
        try:
            _strategy = tf().distribute.MultiWorkerMirroredStrategy()
        except RuntimeError as exc:
            raise ConfigError(f"--strategy multiworker must be set up before TensorFlow starts; run it from "
                              f"main.py train in a fresh process ({exc})") from None
    return _strategy


def _cluster(run: Any) -> Cluster:
    return run.cluster if isinstance(getattr(run, "cluster", None), Cluster) else cluster_from_env()


def _all_sum(values: np.ndarray) -> np.ndarray:
    """The element-wise sum of a float vector over all workers (a collective: every worker calls it)."""
    tf_, s = tf(), strategy()
    per_replica = s.run(tf_.identity, args=(tf_.constant(np.asarray(values, dtype=np.float64)),))
    return np.asarray(s.reduce(tf_.distribute.ReduceOp.SUM, per_replica, axis=None).numpy(), dtype=np.float64)


def _from_chief(cluster: Cluster, values: np.ndarray) -> np.ndarray:
    return _all_sum(values if cluster.is_chief else np.zeros_like(values, dtype=np.float64))


def fingerprint(run: Any) -> int:
    """A checksum of the settings and the data that must agree on every worker."""
    settings = {k: v for k, v in run.config.to_dict().items() if k not in _FREE_SETTINGS}
    crc = zlib.crc32(json.dumps(settings, sort_keys=True, default=str).encode())
    for array in (run.dataset.x_train, run.dataset.y_train, run.dataset.x_test, run.dataset.y_test):
        crc = zlib.crc32(np.ascontiguousarray(array).tobytes(), crc)
    return crc


def join_cluster(run: Any) -> None:
    """Join the workers of `TF_CONFIG` before the model is built, and check that they agree.

    A worker other than the chief trains into a scratch folder, without GAN quality metrics
    (the chief computes those). Raises `ConfigError` when the workers' settings or data differ.
    """
    cluster = cluster_from_env()
    run.cluster = cluster
    if not cluster.is_chief:
        run.run_dir = scratch_dir(cluster.index)
        run.config = replace(run.config, gan_metrics=False)
    strategy()
    mine = float(fingerprint(run))
    chief = _from_chief(cluster, np.array([mine]))[0]
    differ = _all_sum(np.array([float(chief != mine)]))[0]
    if differ > 0:
        raise ConfigError(f"{int(differ)} of {cluster.workers} workers have settings or data that differ from the "
                          "chief's: start every worker with the same KIND, options and dataset")
    if not cluster.is_chief:
        run.handle.message(f"Worker {cluster.index} of {cluster.workers}: the chief (worker 0) writes the run "
                           f"folder; this worker keeps its files in {run.run_dir.parent}.")


def sync_start(run: Any, n: int) -> int:
    """Adopt the chief's epoch count, epochs to train and train state; a cancel anywhere cancels all.

    Returns the number of epochs every worker trains now.
    """
    cluster = _cluster(run)
    head = _from_chief(cluster, np.array([run.epochs_done, n, 0.0]))
    cancelled = _all_sum(np.array([float(run.handle.cancelled)]))[0] > 0
    if cancelled:
        run.handle.cancel()
    if not cluster.is_chief:
        run.epochs_done = int(head[0])
        run.history = {}
    values = ts.capture(run._state_vars)
    flat = np.concatenate([v.astype(np.float64).ravel() for v in values]) if values else np.zeros(0)
    flat = _from_chief(cluster, flat)
    out, at = [], 0
    for v in values:
        out.append(flat[at:at + v.size].reshape(v.shape).astype(v.dtype))
        at += v.size
    ts.assign(run._state_vars, out)
    run._last_good = out
    return int(head[1])


def _shard(element: Any, index: int, workers: int) -> Any:
    return tf().nest.map_structure(lambda a: a[index::workers], element)


def _compiled(model: Any) -> tuple[Any, Any]:
    """The distributed train and test steps of `model` (traced once per model)."""
    if id(model) not in _steps:
        tf_, s = tf(), strategy()
        mean, total = tf_.distribute.ReduceOp.MEAN, tf_.distribute.ReduceOp.SUM

        @tf_.function  # type: ignore[untyped-decorator]
        def train(iterator: Any, stop: Any) -> Any:
            logs, flags = s.run(lambda b, f: (model.train_step(b), tf_.identity(f)), args=(next(iterator), stop))
            return {k: s.reduce(mean, v, axis=None) for k, v in logs.items()}, s.reduce(total, flags, axis=None)

        @tf_.function  # type: ignore[untyped-decorator]
        def test(batch: Any) -> Any:
            logs = s.run(model.test_step, args=(batch,))
            return {k: s.reduce(mean, v, axis=None) for k, v in logs.items()}

        _steps[id(model)] = (train, test)
    return _steps[id(model)]


def _floats(logs: dict[str, Any]) -> dict[str, float]:
    return {str(k): float(v) for k, v in logs.items()}


def evaluate(model: Any, x: np.ndarray, y: np.ndarray, batch_size: int) -> dict[str, float]:
    """`model.test_step` over (x, y) on every worker (each takes its rows of every batch)."""
    tf_, s = tf(), strategy()
    workers = int(s.num_replicas_in_sync)

    def data(context: Any) -> Any:
        i = context.input_pipeline_id
        batches = tf_.data.Dataset.from_tensor_slices((x, y)).batch(batch_size)
        return batches.map(lambda a, b: _shard((a, b), i, workers))

    _, test = _compiled(model)
    model.reset_metrics()
    logs: dict[str, float] = {}
    for batch in s.distribute_datasets_from_function(data):
        logs = _floats(test(batch))
    return logs


def _stopping(model: Any, callback: Any) -> bool:
    return bool(getattr(model, "stop_training", False) or callback.should_stop)


def fit_multiworker(run: Any, callback: Any, x: np.ndarray, y: np.ndarray | None,
                    validation: tuple[np.ndarray, np.ndarray] | None, initial: int, n: int) -> None:
    """Train epochs `initial` .. `initial + n - 1` as `model.fit` would, with `callback`'s hooks."""
    tf_, s = tf(), strategy()
    model, kind = run.bundle.model, run.config.kind
    if not hasattr(model, "train_step"):
        raise ConfigError(f"--strategy multiworker cannot train a {kind}: its model has no train_step")
    workers, batch = int(s.num_replicas_in_sync), int(run.config.batch_size)
    steps = -(-len(x) // batch)
    if 0 < len(x) % batch < workers:
        steps -= 1  # that last batch would leave a worker empty
    if steps < 1:
        raise ConfigError(f"{len(x)} training images are too few for a batch size of {batch} on {workers} workers")

    def data(context: Any) -> Any:
        pipeline, _ = epoch_pipeline(x, y, kind=kind, batch_size=batch, seed=run.config.seed, initial=initial, epochs=n)
        kept = pipeline.filter(lambda *e: tf_.shape(e[0])[0] >= workers)
        return kept.map(lambda *e: _shard(e if len(e) > 1 else e[0], context.input_pipeline_id, workers))

    train, _ = _compiled(model)
    iterator = iter(s.distribute_datasets_from_function(data))
    callback.set_model(model)
    callback.set_params({"epochs": initial + n, "steps": steps, "verbose": 0})
    model.stop_training = False
    callback.on_train_begin()
    stop = _stopping(model, callback)
    for epoch in range(initial, initial + n):
        model.reset_metrics()
        callback.on_epoch_begin(epoch)
        logs: dict[str, float] = {}
        cut = False
        for step in range(steps):
            out, flags = train(iterator, tf_.constant(float(stop)))
            if float(flags) > 0:  # a worker stopped after the previous batch: all stop here
                cut = True
                break
            logs = _floats(out)
            callback.on_train_batch_end(step, logs)
            stop = _stopping(model, callback)
        if not cut and validation is not None:
            logs.update({f"val_{k}": v for k, v in evaluate(model, *validation, batch).items()})
        error: Exception | None = None
        try:
            callback.on_epoch_end(epoch, logs)
        except Exception as exc:  # raised after the others know: they must not wait for this worker
            error = exc
        stop = stop or error is not None or _stopping(model, callback)
        if _all_sum(np.array([float(stop)]))[0] > 0:
            model.stop_training = True
            if error is not None:
                raise error
            break
    callback.on_train_end()
