"""A GAN: functional generator and discriminator composed in a `keras.Model` subclass.

The training step follows the keras-io DCGAN (discriminator on a mixed real/fake batch,
then the generator through a frozen discriminator), with one-sided label smoothing, a
batch-normalised generator and a moving average of the generator's weights for sampling. `train_mode`
("both", "d", "g") lets the GAN tab train one side at a time, GAN Lab-style.

The default architecture, "acgan", is the DCGAN made class-conditional as in AC-GAN (Odena et
al. 2017): the generator reads a class from its own noise (`core.models.class_code`), the
discriminator has a second head that names the class of an image, trained on the real
images' labels, and the generator is also trained to make that head name the class it was
asked for. "dcgan" is the same pair without the class (an unconditional GAN).
"""

from __future__ import annotations

import math
from typing import Any

from core.errors import ConfigError
from core.models.class_code import ClassCode, class_of
from core.models.defaults import ModelBundle, noise_carries_classes
from core.models.replicas import as_reported
from core.models.shapes import base_side, crop_to
from core.tf_env import keras, tf

_k = keras()
_ops = _k.ops

TRAIN_MODES = ("both", "d", "g")
#: Channels of the DCGAN generator's last hidden layer (the projection has twice as many).
G_WIDTH = 32
#: Channels of the DCGAN discriminator's first convolution (the second has twice as many).
D_WIDTH = 32
#: Dropout before the discriminator's logit.
D_DROPOUT = 0.3
#: Decay of the moving average of the generator's weights that is sampled (see `GAN`).
EMA_DECAY = 0.999
#: Target of real images for the discriminator (one-sided label smoothing; fakes are 1).
REAL_TARGET = 0.1
#: Weight of the class terms of an AC-GAN's losses (against 1 for the real/fake term).
CLASS_WEIGHT = 1.0
_Model: Any = _k.Model


def build_generator(image_shape: tuple[int, ...], latent_dim: int, arch: str = "dcgan",
                    name: str = "generator", num_classes: int = 0) -> Any:
    """Noise (latent_dim,) -> image in [0, 1]. DCGAN (projection and two stride-2 transposed
    convolutions, batch-normalised, ReLU; any side: see `core.models.shapes`) or dense.
    "acgan" is the DCGAN reading a class code from the first `num_classes` noise numbers."""
    layers = _k.layers
    noise = _k.Input(shape=(latent_dim,), name="noise")
    if arch in ("dcgan", "acgan"):
        h4, w4 = base_side(image_shape[0]), base_side(image_shape[1])
        code = ClassCode(num_classes, name="class_code")(noise) if arch == "acgan" else noise
        x = layers.Dense(h4 * w4 * G_WIDTH * 2, use_bias=False, name="project")(code)
        x = layers.BatchNormalization(name="project_bn")(x)
        x = layers.ReLU(name="project_act")(x)
        x = layers.Reshape((h4, w4, G_WIDTH * 2), name="reshape")(x)
        x = layers.Conv2DTranspose(G_WIDTH, 4, strides=2, padding="same", use_bias=False, name="up_1")(x)
        x = layers.BatchNormalization(name="up_1_bn")(x)
        x = layers.ReLU(name="up_1_act")(x)
        x = layers.Conv2DTranspose(image_shape[-1], 4, strides=2, padding="same", activation="sigmoid",
                                   name="image")(x)
        image = crop_to(x, image_shape)
    else:
        x = layers.Dense(256, name="dense_1")(noise)
        x = layers.LeakyReLU(negative_slope=0.2, name="dense_1_act")(x)
        x = layers.Dense(512, name="dense_2")(x)
        x = layers.LeakyReLU(negative_slope=0.2, name="dense_2_act")(x)
        x = layers.Dense(math.prod(image_shape), activation="sigmoid", name="pixels")(x)
        image = layers.Reshape(image_shape, name="image")(x)
    return _k.Model(noise, image, name=name)


def build_discriminator(image_shape: tuple[int, ...], arch: str = "dcgan", num_classes: int = 0) -> Any:
    """Image -> one logit (positive means "fake", the keras-io labelling); "acgan" adds a second
    output, `num_classes` class logits."""
    layers = _k.layers
    image = _k.Input(shape=image_shape, name="image")
    if arch in ("dcgan", "acgan"):
        x = layers.Conv2D(D_WIDTH, 4, strides=2, padding="same", name="conv_1")(image)
        x = layers.LeakyReLU(negative_slope=0.2, name="conv_1_act")(x)
        x = layers.Conv2D(D_WIDTH * 2, 4, strides=2, padding="same", name="conv_2")(x)
        x = layers.LeakyReLU(negative_slope=0.2, name="conv_2_act")(x)
        x = layers.Flatten(name="flatten")(x)
    else:
        x = layers.Flatten(name="flatten")(image)
        x = layers.Dense(512, name="dense_1")(x)
        x = layers.LeakyReLU(negative_slope=0.2, name="dense_1_act")(x)
        x = layers.Dense(256, name="dense_2")(x)
        x = layers.LeakyReLU(negative_slope=0.2, name="dense_2_act")(x)
    x = layers.Dropout(D_DROPOUT, name="dropout")(x)
    logit = layers.Dense(1, name="logit")(x)
    if arch == "acgan":
        return _k.Model(image, [logit, layers.Dense(num_classes, name="class_logits")(x)], name="discriminator")
    return _k.Model(image, logit, name="discriminator")


class GAN(_Model):
    """Generator + discriminator trained adversarially; reports `d_loss` and `g_loss`.

    `generator` is the network the optimizer trains; `ema_generator` (same architecture) holds
    an exponential moving average of its weights (decay `ema_decay`, warmed up over the first
    steps) and is the one sampled and saved as the run's `generator` role: averaging smooths
    the generator's oscillation, which sharpens samples at no training cost. Both are
    variables of this model, so the train state (and an exact resume) covers both.
    `ema_decay = 0` makes the average follow the trained generator step by step.

    With `num_classes > 0` it is an AC-GAN: batches are (images, labels), the discriminator
    returns (logit, class logits), and both losses add `CLASS_WEIGHT` times a class
    cross-entropy (the discriminator's on the real images' labels, the generator's on the
    class its noise asked for); `d_loss` and `g_loss` report the sums.
    """

    def __init__(self, discriminator: Any, generator: Any, latent_dim: int, seed: int = 0,
                 ema_generator: Any = None, ema_decay: float = EMA_DECAY, num_classes: int = 0,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.num_classes = int(num_classes)
        self.discriminator = discriminator
        self.generator = generator
        self.ema_generator = ema_generator if ema_generator is not None else generator
        self._ema_decay = float(ema_decay)
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
        self.class_loss_fn = _k.losses.SparseCategoricalCrossentropy(from_logits=True)

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

    @property
    def ema_decay(self) -> float:
        """Decay of the sampled generator's moving average (0: it copies the trained generator)."""
        return self._ema_decay

    @ema_decay.setter
    def ema_decay(self, decay: float) -> None:
        if not 0.0 <= float(decay) < 1.0:
            raise ValueError(f"ema_decay must be in [0, 1), not {decay!r}")
        if float(decay) != self._ema_decay:
            self._ema_decay = float(decay)
            self.train_function = None  # baked into the traced step as well

    def sync_trained_from_ema(self) -> None:
        """Make the trained generator equal the sampled one (after its file was replaced on disk)."""
        if self.ema_generator is not self.generator:
            for trained, averaged in zip(self.generator.weights, self.ema_generator.weights, strict=True):
                trained.assign(averaged)

    def call(self, noise: Any, training: bool = False) -> Any:
        return self.ema_generator(noise, training=training)

    def _update_ema(self) -> None:
        if self.ema_generator is self.generator:
            return
        # Warm-up as tf.train.ExponentialMovingAverage's num_updates: early steps average less.
        t = _ops.cast(self.g_optimizer.iterations, "float32")
        decay = _ops.minimum(self._ema_decay, (1.0 + t) / (10.0 + t))
        for averaged, trained in zip(self.ema_generator.weights, self.generator.weights, strict=True):
            averaged.assign(decay * averaged + (1.0 - decay) * trained)

    def _d_labels(self, batch_size: Any) -> Any:
        """1 for the generated half, REAL_TARGET (one-sided smoothing) for the real half."""
        return _ops.concatenate([_ops.ones((batch_size, 1)), REAL_TARGET * _ops.ones((batch_size, 1))], axis=0)

    def _noise(self, batch_size: Any) -> Any:
        return _k.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)

    def _fakes(self, batch_size: Any, training: bool) -> Any:
        return self.generator(self._noise(batch_size), training=training)

    def _d_loss(self, generated: Any, real_images: Any, labels: Any, training: bool) -> Any:
        """The discriminator's loss on a generated half and the real half (plus the real labels' class term)."""
        batch_size = _ops.shape(real_images)[0]
        judged = self.discriminator(_ops.concatenate([generated, real_images], axis=0), training=training)
        if not self.num_classes:
            return self.loss_fn(self._d_labels(batch_size), judged)
        logit, class_logits = judged
        return (self.loss_fn(self._d_labels(batch_size), logit)
                + CLASS_WEIGHT * self.class_loss_fn(labels, class_logits[batch_size:]))

    def _g_loss(self, batch_size: Any, training: bool) -> Any:
        """The generator's loss: fakes judged real (plus, for an AC-GAN, of the class asked for)."""
        noise = self._noise(batch_size)
        judged = self.discriminator(self.generator(noise, training=training), training=False)
        misleading = _ops.zeros((batch_size, 1))
        if not self.num_classes:
            return self.loss_fn(misleading, judged)
        logit, class_logits = judged
        return (self.loss_fn(misleading, logit)
                + CLASS_WEIGHT * self.class_loss_fn(class_of(noise, self.num_classes), class_logits))

    def _d_step(self, real_images: Any, labels: Any) -> Any:
        generated = self._fakes(_ops.shape(real_images)[0], training=True)  # outside the tape: D's gradient only
        with tf().GradientTape() as tape:
            d_loss = self._d_loss(generated, real_images, labels, training=True)
        grads = tape.gradient(d_loss, self.discriminator.trainable_weights)
        self.d_optimizer.apply(grads, self.discriminator.trainable_weights)
        return d_loss

    def _g_step(self, batch_size: Any) -> Any:
        with tf().GradientTape() as tape:
            g_loss = self._g_loss(batch_size, training=True)
        grads = tape.gradient(g_loss, self.generator.trainable_weights)
        self.g_optimizer.apply(grads, self.generator.trainable_weights)
        self._update_ema()
        return g_loss

    def train_step(self, data: Any) -> dict[str, Any]:
        real_images, labels = (data[0], data[1] if len(data) > 1 else None) if isinstance(data, tuple) else (data, None)
        if self.num_classes and labels is None:
            raise ValueError("an AC-GAN trains on (images, labels) batches")
        batch_size = _ops.shape(real_images)[0]
        mode = self._train_mode
        d_loss = (self._d_step(real_images, labels) if mode in ("both", "d")
                  else self._d_loss(self._fakes(batch_size, training=False), real_images, labels, training=False))
        g_loss = self._g_step(batch_size) if mode in ("both", "g") else self._g_loss(batch_size, training=False)
        self.d_loss_tracker.update_state(as_reported(d_loss))  # its Loss objects scaled it for the replicas
        self.g_loss_tracker.update_state(as_reported(g_loss))
        return {"d_loss": self.d_loss_tracker.result(), "g_loss": self.g_loss_tracker.result()}


def build_gan(
    image_shape: tuple[int, ...], *, latent_dim: int = 64, learning_rate: float = 2e-4, arch: str = "dcgan",
    seed: int = 0, num_classes: int = 10,
) -> ModelBundle:
    """A compiled GAN with Adam(lr, beta_1=0.5) for both sides and binary cross-entropy on logits.

    The `generator` role is the moving average of the trained generator's weights (see `GAN`).
    "acgan" reads `num_classes` classes from the noise, so it needs `latent_dim > num_classes`.
    """
    classes = int(num_classes) if arch == "acgan" else 0
    if arch == "acgan" and not noise_carries_classes(classes, latent_dim):
        raise ConfigError(f"the acgan architecture reads the class from the noise: it needs more noise numbers "
                          f"than classes ({latent_dim} for {classes}); raise --latent-dim or use --arch dcgan")
    generator = build_generator(image_shape, latent_dim, arch, name="generator_trained", num_classes=classes)
    ema_generator = build_generator(image_shape, latent_dim, arch, num_classes=classes)
    ema_generator.set_weights(generator.get_weights())
    discriminator = build_discriminator(image_shape, arch, num_classes=classes)
    gan = GAN(discriminator=discriminator, generator=generator, latent_dim=latent_dim, seed=seed,
              ema_generator=ema_generator, num_classes=classes, name="gan")
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
    return ModelBundle(kind="gan", model=gan, roles={"generator": ema_generator, "discriminator": discriminator},
                       arch=arch)
