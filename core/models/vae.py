"""A variational autoencoder: functional encoder and decoder composed in a `keras.Model` subclass.

Follows the keras-io VAE: the encoder outputs `[z_mean, z_log_var, z]`, the loss is the
summed per-image binary cross-entropy plus the KL divergence, each reported separately.
"""

from __future__ import annotations

from typing import Any

from core.models.autoencoder import build_dense_decoder, build_dense_encoder
from core.models.defaults import ModelBundle
from core.models.replicas import for_gradients
from core.models.shapes import base_side, crop_to
from core.tf_env import keras, tf

_k = keras()
_ops = _k.ops
_Layer: Any = _k.layers.Layer
_Model: Any = _k.Model


@_k.saving.register_keras_serializable(package="latent_lab")
class Sampling(_Layer):
    """Draws z = mean + exp(log_var / 2) * eps with a seeded generator (the reparameterisation trick)."""

    def __init__(self, seed: int = 0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.seed = int(seed)
        self.seed_generator = _k.random.SeedGenerator(self.seed)

    def call(self, inputs: Any) -> Any:
        z_mean, z_log_var = inputs
        eps = _k.random.normal(_ops.shape(z_mean), seed=self.seed_generator)
        return z_mean + _ops.exp(0.5 * z_log_var) * eps

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "seed": self.seed}


def build_vae_encoder(image_shape: tuple[int, ...], latent_dim: int, arch: str, seed: int) -> Any:
    """Functional encoder: image -> [z_mean, z_log_var, z]."""
    layers = _k.layers
    if arch == "conv":
        inputs = _k.Input(shape=image_shape, name="image")
        x = layers.Conv2D(32, 3, activation="relu", strides=2, padding="same", name="conv_1")(inputs)
        x = layers.Conv2D(64, 3, activation="relu", strides=2, padding="same", name="conv_2")(x)
        x = layers.Flatten(name="flatten")(x)
        x = layers.Dense(16, activation="relu", name="enc_dense")(x)
    else:
        inputs, x = build_dense_encoder(image_shape, (512, 256))
    z_mean = layers.Dense(latent_dim, name="z_mean")(x)
    z_log_var = layers.Dense(latent_dim, name="z_log_var")(x)
    z = Sampling(seed=seed, name="z")([z_mean, z_log_var])
    return _k.Model(inputs, [z_mean, z_log_var, z], name="encoder")


def build_conv_decoder(image_shape: tuple[int, ...], latent_dim: int) -> Any:
    """The keras-io convolutional decoder, for any image size (see `core.models.shapes`)."""
    layers = _k.layers
    h4, w4 = base_side(image_shape[0]), base_side(image_shape[1])
    latent = _k.Input(shape=(latent_dim,), name="z")
    x = layers.Dense(h4 * w4 * 64, activation="relu", name="dec_dense")(latent)
    x = layers.Reshape((h4, w4, 64), name="reshape")(x)
    x = layers.Conv2DTranspose(64, 3, activation="relu", strides=2, padding="same", name="deconv_1")(x)
    x = layers.Conv2DTranspose(32, 3, activation="relu", strides=2, padding="same", name="deconv_2")(x)
    x = crop_to(x, image_shape)
    outputs = layers.Conv2DTranspose(image_shape[-1], 3, activation="sigmoid", padding="same", name="image")(x)
    return _k.Model(latent, outputs, name="decoder")


class VAE(_Model):
    """Encoder + decoder with a custom `train_step` reporting loss, reconstruction and KL."""

    def __init__(self, encoder: Any, decoder: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.encoder = encoder
        self.decoder = decoder
        self.total_loss_tracker = _k.metrics.Mean(name="loss")
        self.reconstruction_loss_tracker = _k.metrics.Mean(name="reconstruction_loss")
        self.kl_loss_tracker = _k.metrics.Mean(name="kl_loss")

    @property
    def metrics(self) -> list[Any]:
        return [self.total_loss_tracker, self.reconstruction_loss_tracker, self.kl_loss_tracker]

    def call(self, inputs: Any, training: bool = False) -> Any:
        z_mean, _, z = self.encoder(inputs, training=training)
        return self.decoder(z if training else z_mean, training=training)

    def _compute_losses(self, data: Any) -> tuple[Any, Any, Any]:
        z_mean, z_log_var, z = self.encoder(data, training=True)
        reconstruction = self.decoder(z, training=True)
        bce = _k.losses.binary_crossentropy(data, reconstruction)  # (N, H, W): mean over channels
        reconstruction_loss = _ops.mean(_ops.sum(bce, axis=tuple(range(1, len(bce.shape)))))
        kl = -0.5 * (1 + z_log_var - _ops.square(z_mean) - _ops.exp(z_log_var))
        kl_loss = _ops.mean(_ops.sum(kl, axis=1))
        return reconstruction_loss + kl_loss, reconstruction_loss, kl_loss

    def _update(self, total: Any, rec: Any, kl: Any) -> dict[str, Any]:
        self.total_loss_tracker.update_state(total)
        self.reconstruction_loss_tracker.update_state(rec)
        self.kl_loss_tracker.update_state(kl)
        return {m.name: m.result() for m in self.metrics}

    def train_step(self, data: Any) -> dict[str, Any]:
        if isinstance(data, tuple):
            data = data[0]
        with tf().GradientTape() as tape:
            total, rec, kl = self._compute_losses(data)
            scaled = for_gradients(total)  # several replicas: their gradients are summed
        grads = tape.gradient(scaled, self.trainable_weights)
        self.optimizer.apply(grads, self.trainable_weights)
        return self._update(total, rec, kl)

    def test_step(self, data: Any) -> dict[str, Any]:
        if isinstance(data, tuple):
            data = data[0]
        return self._update(*self._compute_losses(data))


def heldout_loss(encoder: Any, decoder: Any, images: Any, batch_size: int = 500) -> dict[str, float]:
    """Per-image held-out loss of a VAE: summed binary cross-entropy of the reconstruction from
    the posterior mean (no sampling) plus the KL divergence, averaged over `images`.

    Pure: reads the models, changes nothing; `encoder` returns `[z_mean, z_log_var, ...]`.
    Returns {"loss", "reconstruction_loss", "kl_loss"} as floats (the training step's terms).
    """
    import numpy as np

    x_all = np.asarray(images, dtype=np.float32)
    if len(x_all) == 0:
        raise ValueError("heldout_loss needs at least one image")
    rec_sum = kl_sum = 0.0
    for start in range(0, len(x_all), batch_size):
        x = x_all[start:start + batch_size]
        z_mean, z_log_var = encoder(x, training=False)[:2]
        reconstruction = decoder(z_mean, training=False)
        bce = _k.losses.binary_crossentropy(x, reconstruction)
        rec_sum += float(_ops.sum(bce))
        kl_sum += float(_ops.sum(-0.5 * (1 + z_log_var - _ops.square(z_mean) - _ops.exp(z_log_var))))
    n = len(x_all)
    return {"loss": (rec_sum + kl_sum) / n, "reconstruction_loss": rec_sum / n, "kl_loss": kl_sum / n}


def build_vae(
    image_shape: tuple[int, ...], *, latent_dim: int = 2, learning_rate: float = 1e-3, arch: str = "dense", seed: int = 0
) -> ModelBundle:
    """Dense (default, fast on a CPU) or keras-io convolutional VAE."""
    encoder = build_vae_encoder(image_shape, latent_dim, arch, seed)
    if arch == "conv":
        decoder = build_conv_decoder(image_shape, latent_dim)
    else:
        decoder = build_dense_decoder(image_shape, latent_dim, (256, 512))
    vae = VAE(encoder, decoder, name="vae")
    vae.compile(optimizer=_k.optimizers.Adam(learning_rate=learning_rate))
    vae.build((None, *image_shape))
    # Optimizer slots created inside the first traced step make tf.function trace it twice;
    # each trace holds the GIL for long stretches, which the window would feel.
    vae.optimizer.build(vae.trainable_variables)
    return ModelBundle(kind="vae", model=vae, roles={"encoder": encoder, "decoder": decoder}, arch=arch)
