"""A dense autoencoder with a small latent (2-D by default) for the latent map."""

from __future__ import annotations

import math
from typing import Any

from core.models.defaults import ModelBundle
from core.tf_env import keras


def build_dense_encoder(image_shape: tuple[int, ...], hidden: tuple[int, ...]) -> tuple[Any, Any]:
    """Image -> flattened -> hidden dense stack; returns (inputs, last hidden tensor)."""
    k = keras()
    inputs = k.Input(shape=image_shape, name="image")
    x = k.layers.Flatten(name="flatten")(inputs)
    for i, units in enumerate(hidden, start=1):
        x = k.layers.Dense(units, activation="relu", name=f"enc_dense_{i}")(x)
    return inputs, x


def build_dense_decoder(image_shape: tuple[int, ...], latent_dim: int, hidden: tuple[int, ...]) -> Any:
    """Latent vector -> dense stack -> sigmoid pixels reshaped to the image."""
    k = keras()
    latent = k.Input(shape=(latent_dim,), name="z")
    x = latent
    for i, units in enumerate(hidden, start=1):
        x = k.layers.Dense(units, activation="relu", name=f"dec_dense_{i}")(x)
    x = k.layers.Dense(math.prod(image_shape), activation="sigmoid", name="pixels")(x)
    outputs = k.layers.Reshape(image_shape, name="image")(x)
    return k.Model(latent, outputs, name="decoder")


def build_autoencoder(image_shape: tuple[int, ...], *, latent_dim: int = 2, learning_rate: float = 1e-3) -> ModelBundle:
    """Dense encoder (256, 64) to `latent_dim`, mirrored dense decoder back to the image."""
    k = keras()
    inputs, x = build_dense_encoder(image_shape, (256, 64))
    z = k.layers.Dense(latent_dim, name="z")(x)
    encoder = k.Model(inputs, z, name="encoder")
    decoder = build_dense_decoder(image_shape, latent_dim, (64, 256))
    ae_in = k.Input(shape=image_shape, name="image")
    autoencoder = k.Model(ae_in, decoder(encoder(ae_in)), name="autoencoder")
    autoencoder.compile(optimizer=k.optimizers.Adam(learning_rate=learning_rate), loss="binary_crossentropy")
    return ModelBundle(
        kind="autoencoder",
        model=autoencoder,
        roles={"autoencoder": autoencoder, "encoder": encoder, "decoder": decoder},
        arch="dense",
    )
