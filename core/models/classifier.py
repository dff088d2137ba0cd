"""The chapter's functional-API MNIST classifier: flattened input, Dense 64, Dense 64, Dense 10."""

from __future__ import annotations

import math

from core.models.defaults import ModelBundle
from core.tf_env import keras


def build_classifier(image_shape: tuple[int, ...], *, num_classes: int = 10, learning_rate: float = 1e-3) -> ModelBundle:
    """784 -> 64 relu -> 64 relu -> 10 logits (input size follows the image size)."""
    k = keras()
    layers = k.layers
    inputs = k.Input(shape=(math.prod(image_shape),), name="digits")
    x = layers.Dense(64, activation="relu", name="dense_1")(inputs)
    x = layers.Dense(64, activation="relu", name="dense_2")(x)
    outputs = layers.Dense(num_classes, name="predictions")(x)
    model = k.Model(inputs=inputs, outputs=outputs, name="mnist_model")
    model.compile(
        loss=k.losses.SparseCategoricalCrossentropy(from_logits=True),
        optimizer=k.optimizers.RMSprop(learning_rate=learning_rate),
        metrics=["accuracy"],
    )
    return ModelBundle(kind="classifier", model=model, roles={"classifier": model}, arch="mlp")
