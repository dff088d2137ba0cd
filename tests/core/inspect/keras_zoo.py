"""Small Keras models shared by the activation tests, and a direct per-layer reference."""

from __future__ import annotations

from typing import Any

import numpy as np

from core.tf_env import keras

RNG = np.random.default_rng(0)
IMAGES = RNG.random((40, 28, 28, 1), dtype=np.float32)


def mlp() -> Any:
    """The chapter's classifier, 784-64-64-10, as core.models builds it."""
    from core.models import build_model

    return build_model("classifier", (28, 28, 1)).roles["classifier"]


def branch_cnn() -> Any:
    """A small CNN with two convolutional branches joined by Concatenate."""
    k = keras()
    inp = k.Input((28, 28, 1), name="image")
    a = k.layers.Conv2D(4, 3, activation="relu", padding="same", name="branch_a")(inp)
    b = k.layers.Conv2D(3, 5, activation="tanh", padding="same", name="branch_b")(inp)
    x = k.layers.Concatenate(name="join")([a, b])
    x = k.layers.MaxPooling2D(2, name="pool")(x)
    x = k.layers.Flatten(name="flat")(x)
    return k.Model(inp, k.layers.Dense(10, activation="softmax", name="probs")(x), name="branchy")


def seq_2d() -> Any:
    """A Sequential model taking (28, 28) images."""
    k = keras()
    return k.Sequential([
        k.Input((28, 28)), k.layers.Flatten(name="s_flat"),
        k.layers.Dense(16, activation="relu", name="s_hidden"), k.layers.Dense(10, name="s_out"),
    ], name="seq28")


def nested() -> Any:
    """A functional model with a Sequential inside."""
    k = keras()
    inner = k.Sequential([k.layers.Dense(12, activation="relu", name="in_a"),
                          k.layers.Dense(8, activation="sigmoid", name="in_b")], name="inner_seq")
    inp = k.Input((784,), name="pixels")
    x = k.layers.Dense(20, activation="relu", name="pre")(inp)
    x = inner(x)
    return k.Model(inp, k.layers.Dense(10, name="post")(x), name="nesty")


def reference(model: Any, x: np.ndarray) -> list[tuple[str, np.ndarray]]:
    """Each layer's output computed on its own: a sub-model per top-level layer, and
    nested Sequential layers applied one by one to their input."""
    k = keras()
    out: list[tuple[str, np.ndarray]] = []
    if isinstance(model, k.Sequential):
        h = x
        for layer in model.layers:
            h = layer(h)
            out.append((layer.name, np.asarray(h)))
        return out
    for layer in model.layers:
        if isinstance(layer, k.layers.InputLayer):
            continue
        if isinstance(layer, k.Sequential):
            h = k.Model(model.input, layer.input)(x)
            for inner in layer.layers:
                h = inner(h)
                out.append((f"{layer.name}/{inner.name}", np.asarray(h)))
        else:
            out.append((layer.name, np.asarray(k.Model(model.input, layer.output)(x))))
    return out


BUILDERS = {"mlp": mlp, "branch_cnn": branch_cnn, "seq_2d": seq_2d, "nested": nested}
