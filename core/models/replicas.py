"""Losses under a `tf.distribute` strategy with several replicas (one per GPU or per worker).

The optimizer sums the replicas' gradients, so a loss each replica computes as a mean over
its own rows must be divided by the number of replicas for the update to be that of the
whole batch. Keras `Loss` objects already divide (and `compute_loss`); a loss written out
with `ops` does not. With one replica both functions return their input unchanged.
"""

from __future__ import annotations

from typing import Any

from core.tf_env import tf


def _replicas() -> int:
    return int(tf().distribute.get_strategy().num_replicas_in_sync)


def for_gradients(loss: Any) -> Any:
    """A per-replica mean loss written with `ops`, scaled for the summed gradients."""
    n = _replicas()
    return loss if n == 1 else loss / n


def as_reported(loss: Any) -> Any:
    """The value of a loss that a Keras `Loss` object scaled for the replicas, unscaled for metrics."""
    n = _replicas()
    return loss if n == 1 else loss * n
