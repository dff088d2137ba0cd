"""A GAN: functional generator and discriminator composed in a `keras.Model` subclass.

The training step follows the keras-io DCGAN (discriminator on a mixed real/fake batch
with label noise, then the generator through a frozen discriminator). `train_mode`
("both", "d", "g") lets the GAN tab train one side at a time, GAN Lab-style.
"""

from __future__ import annotations

import math
from typing import Any

from core.models.defaults import ModelBundle
from core.models.replicas import as_reported
from core.tf_env import keras, tf

_k = keras()
_ops = _k.ops

TRAIN_MODES = ("both", "d", "g")
_Model: Any = _k.Model


def build_generator(image_shape: tuple[int, ...], latent_dim: int, arch: str = "dcgan") -> Any:
    """Noise (latent_dim,) -> image in [0, 1]. DCGAN-style (sides divisible by 4) or dense."""
    layers = _k.layers
    noise = _k.Input(shape=(latent_dim,), name="noise")
    if arch == "dcgan":
        h4, w4 = image_shape[0] // 4, image_shape[1] // 4
        x = layers.Dense(h4 * w4 * 128, name="project")(noise)
        x = layers.LeakyReLU(negative_slope=0.2, name="project_act")(x)
        x = layers.Reshape((h4, w4, 128), name="reshape")(x)
        x = layers.Conv2DTranspose(64, 4, strides=2, padding="same", name="up_1")(x)
        x = layers.LeakyReLU(negative_slope=0.2, name="up_1_act")(x)
        x = layers.Conv2DTranspose(32, 4, strides=2, padding="same", name="up_2")(x)
        x = layers.LeakyReLU(negative_slope=0.2, name="up_2_act")(x)
        image = layers.Conv2D(image_shape[-1], 3, padding="same", activation="sigmoid", name="image")(x)
    else:
        x = layers.Dense(256, name="dense_1")(noise)
        x = layers.LeakyReLU(negative_slope=0.2, name="dense_1_act")(x)
        x = layers.Dense(512, name="dense_2")(x)
        x = layers.LeakyReLU(negative_slope=0.2, name="dense_2_act")(x)
        x = layers.Dense(math.prod(image_shape), activation="sigmoid", name="pixels")(x)
        image = layers.Reshape(image_shape, name="image")(x)
    return _k.Model(noise, image, name="generator")


def build_discriminator(image_shape: tuple[int, ...], arch: str = "dcgan") -> Any:
    """Image -> one logit (positive means "fake", the keras-io labelling)."""
    layers = _k.layers
    image = _k.Input(shape=image_shape, name="image")
    if arch == "dcgan":
        x = layers.Conv2D(32, 4, strides=2, padding="same", name="conv_1")(image)
        x = layers.LeakyReLU(negative_slope=0.2, name="conv_1_act")(x)
        x = layers.Conv2D(64, 4, strides=2, padding="same", name="conv_2")(x)
        x = layers.LeakyReLU(negative_slope=0.2, name="conv_2_act")(x)
        x = layers.Flatten(name="flatten")(x)
    else:
        x = layers.Flatten(name="flatten")(image)
        x = layers.Dense(512, name="dense_1")(x)
        x = layers.LeakyReLU(negative_slope=0.2, name="dense_1_act")(x)
        x = layers.Dense(256, name="dense_2")(x)
        x = layers.LeakyReLU(negative_slope=0.2, name="dense_2_act")(x)
    x = layers.Dropout(0.3, name="dropout")(x)
    logit = layers.Dense(1, name="logit")(x)
    return _k.Model(image, logit, name="discriminator")


class GAN(_Model):
    """Generator + discriminator trained adversarially; reports `d_loss` and `g_loss`."""

    def __init__(self, discriminator: Any, generator: Any, latent_dim: int, seed: int = 0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.discriminator = discriminator
        self.generator = generator
        self.latent_dim = int(latent_dim)
        self.seed_generator = _k.random.SeedGenerator(seed)
        self.d_loss_tracker = _k.metrics.Mean(name="d_loss")
        self.g_loss_tracker = _k.metrics.Mean(name="g_loss")
        self._train_mode = "both"

    def compile(self, d_optimizer: Any, g_optimizer: Any, loss_fn: Any, **kwargs: Any) -> None:
        super().compile(**kwargs)
        self.d_optimizer = d_optimizer
        self.g_optimizer = g_optimizer
        self.loss_fn = loss_fn

    @property
    def metrics(self) -> list[Any]:
        return [self.d_loss_tracker, self.g_loss_tracker]

    @property
    def train_mode(self) -> str:
        """Which side the next `fit` trains: "both", "d" (discriminator only) or "g" (generator only)."""
        return self._train_mode

    @train_mode.setter
    def train_mode(self, mode: str) -> None:
        if mode not in TRAIN_MODES:
            raise ValueError(f"train_mode must be one of {TRAIN_MODES}, not {mode!r}")
        if mode != self._train_mode:
            self._train_mode = mode
            self.train_function = None  # the mode is baked into the traced step: retrace

    def call(self, noise: Any, training: bool = False) -> Any:
        return self.generator(noise, training=training)

    def _d_step(self, real_images: Any) -> Any:
        batch_size = _ops.shape(real_images)[0]
        noise = _k.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
        generated = self.generator(noise, training=False)
        combined = _ops.concatenate([generated, real_images], axis=0)
        labels = _ops.concatenate([_ops.ones((batch_size, 1)), _ops.zeros((batch_size, 1))], axis=0)
        labels = labels + 0.05 * _k.random.uniform(_ops.shape(labels), seed=self.seed_generator)
        with tf().GradientTape() as tape:
            d_loss = self.loss_fn(labels, self.discriminator(combined, training=True))
        grads = tape.gradient(d_loss, self.discriminator.trainable_weights)
        self.d_optimizer.apply(grads, self.discriminator.trainable_weights)
        return d_loss

    def _g_step(self, batch_size: Any) -> Any:
        noise = _k.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
        misleading = _ops.zeros((batch_size, 1))
        with tf().GradientTape() as tape:
            g_loss = self.loss_fn(misleading, self.discriminator(self.generator(noise, training=True), training=False))
        grads = tape.gradient(g_loss, self.generator.trainable_weights)
        self.g_optimizer.apply(grads, self.generator.trainable_weights)
        return g_loss

    def _g_loss_only(self, batch_size: Any) -> Any:
        noise = _k.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
        return self.loss_fn(_ops.zeros((batch_size, 1)), self.discriminator(self.generator(noise), training=False))

    def _d_loss_only(self, real_images: Any) -> Any:
        batch_size = _ops.shape(real_images)[0]
        noise = _k.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
        combined = _ops.concatenate([self.generator(noise), real_images], axis=0)
        labels = _ops.concatenate([_ops.ones((batch_size, 1)), _ops.zeros((batch_size, 1))], axis=0)
        return self.loss_fn(labels, self.discriminator(combined, training=False))

    def train_step(self, data: Any) -> dict[str, Any]:
        real_images = data[0] if isinstance(data, tuple) else data
        batch_size = _ops.shape(real_images)[0]
        mode = self._train_mode
        d_loss = self._d_step(real_images) if mode in ("both", "d") else self._d_loss_only(real_images)
        g_loss = self._g_step(batch_size) if mode in ("both", "g") else self._g_loss_only(batch_size)
        self.d_loss_tracker.update_state(as_reported(d_loss))  # its Loss object scaled it for the replicas
        self.g_loss_tracker.update_state(as_reported(g_loss))
        return {"d_loss": self.d_loss_tracker.result(), "g_loss": self.g_loss_tracker.result()}


def build_gan(
    image_shape: tuple[int, ...], *, latent_dim: int = 64, learning_rate: float = 2e-4, arch: str = "dcgan", seed: int = 0
) -> ModelBundle:
    """A compiled GAN with Adam(lr, beta_1=0.5) for both sides and binary cross-entropy on logits."""
    generator = build_generator(image_shape, latent_dim, arch)
    discriminator = build_discriminator(image_shape, arch)
    gan = GAN(discriminator=discriminator, generator=generator, latent_dim=latent_dim, seed=seed, name="gan")
    gan.compile(
        d_optimizer=_k.optimizers.Adam(learning_rate=learning_rate, beta_1=0.5),
        g_optimizer=_k.optimizers.Adam(learning_rate=learning_rate, beta_1=0.5),
        loss_fn=_k.losses.BinaryCrossentropy(from_logits=True),
    )
    gan.build((None, latent_dim))
    # Build the optimizers' slots now: created inside the first traced step, they make
    # tf.function trace the step twice (GIL-heavy work the window would feel).
    gan.d_optimizer.build(discriminator.trainable_variables)
    gan.g_optimizer.build(generator.trainable_variables)
    return ModelBundle(kind="gan", model=gan, roles={"generator": generator, "discriminator": discriminator}, arch=arch)
