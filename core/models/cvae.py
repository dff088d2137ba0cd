"""A conditional VAE: encoder q(z|x, y) and decoder p(x|z, y) both see the one-hot label.

The label carries the digit, so the latent is left to carry the style: a style point decoded
with each of the ten labels writes the same hand's ten digits. Saved roles `encoder`
([image, one-hot] -> [z_mean, z_log_var, z]) and `decoder` ([z, one-hot] -> image); the
fit model takes (images, integer labels).
"""

from __future__ import annotations

import math
from typing import Any

from core.models.defaults import ModelBundle
from core.models.vae import VAE, Sampling
from core.tf_env import keras

_k = keras()
_ops = _k.ops


def build_cvae_encoder(image_shape: tuple[int, ...], num_classes: int, latent_dim: int, seed: int,
                       hidden: tuple[int, ...] = (512, 256)) -> Any:
    """Functional encoder: [image, one-hot label] -> [z_mean, z_log_var, z]."""
    layers = _k.layers
    image = _k.Input(shape=image_shape, name="image")
    label = _k.Input(shape=(num_classes,), name="label")
    x = layers.Concatenate(name="image_and_label")([layers.Flatten(name="flatten")(image), label])
    for i, units in enumerate(hidden, start=1):
        x = layers.Dense(units, activation="relu", name=f"enc_dense_{i}")(x)
    z_mean = layers.Dense(latent_dim, name="z_mean")(x)
    z_log_var = layers.Dense(latent_dim, name="z_log_var")(x)
    z = Sampling(seed=seed, name="z")([z_mean, z_log_var])
    return _k.Model([image, label], [z_mean, z_log_var, z], name="encoder")


def build_cvae_decoder(image_shape: tuple[int, ...], num_classes: int, latent_dim: int,
                       hidden: tuple[int, ...] = (256, 512)) -> Any:
    """Functional decoder: [z, one-hot label] -> sigmoid pixels (Bernoulli means)."""
    layers = _k.layers
    latent = _k.Input(shape=(latent_dim,), name="z")
    label = _k.Input(shape=(num_classes,), name="label")
    x = layers.Concatenate(name="z_and_label")([latent, label])
    for i, units in enumerate(hidden, start=1):
        x = layers.Dense(units, activation="relu", name=f"dec_dense_{i}")(x)
    x = layers.Dense(math.prod(image_shape), activation="sigmoid", name="pixels")(x)
    return _k.Model([latent, label], layers.Reshape(image_shape, name="image")(x), name="decoder")


class CVAE(VAE):
    """The VAE's loss (reconstruction + KL, each tracked) with the label fed to both halves."""

    def __init__(self, encoder: Any, decoder: Any, num_classes: int, **kwargs: Any) -> None:
        super().__init__(encoder, decoder, **kwargs)
        self.num_classes = int(num_classes)

    def _split(self, data: Any) -> tuple[Any, Any]:
        images, labels = data[0], data[1]
        labels = _ops.cast(_ops.reshape(labels, (-1,)), "int32")
        return images, _ops.one_hot(labels, self.num_classes)

    def call(self, inputs: Any, training: bool = False) -> Any:
        images, onehot = inputs
        z_mean, _, z = self.encoder([images, onehot], training=training)
        return self.decoder([z if training else z_mean, onehot], training=training)

    def _compute_losses(self, data: Any) -> tuple[Any, Any, Any]:
        images, onehot = self._split(data)
        z_mean, z_log_var, z = self.encoder([images, onehot], training=True)
        bce = _k.losses.binary_crossentropy(images, self.decoder([z, onehot], training=True))
        reconstruction = _ops.mean(_ops.sum(bce, axis=tuple(range(1, len(bce.shape)))))
        kl = _ops.mean(_ops.sum(-0.5 * (1 + z_log_var - _ops.square(z_mean) - _ops.exp(z_log_var)), axis=1))
        return reconstruction + kl, reconstruction, kl

    # The VAE's steps unwrap a tuple to its images; a list passes through whole, labels included.
    def train_step(self, data: Any) -> dict[str, Any]:
        return super().train_step(list(data))

    def test_step(self, data: Any) -> dict[str, Any]:
        return super().test_step(list(data))


def build_cvae(image_shape: tuple[int, ...], *, num_classes: int = 10, latent_dim: int = 2,
               learning_rate: float = 1e-3, seed: int = 0) -> ModelBundle:
    """Dense conditional VAE (the dense VAE's layer sizes, plus the label on both sides)."""
    encoder = build_cvae_encoder(image_shape, num_classes, latent_dim, seed)
    decoder = build_cvae_decoder(image_shape, num_classes, latent_dim)
    cvae = CVAE(encoder, decoder, num_classes, name="cvae")
    cvae.compile(optimizer=_k.optimizers.Adam(learning_rate=learning_rate))
    cvae.build([(None, *image_shape), (None, num_classes)])
    cvae.optimizer.build(cvae.trainable_variables)
    return ModelBundle(kind="cvae", model=cvae, roles={"encoder": encoder, "decoder": decoder}, arch="dense")
