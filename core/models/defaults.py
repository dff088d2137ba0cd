"""What each model kind is: its defaults, architectures, saved roles, and the bundle a builder returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.errors import ConfigError

KINDS = ("classifier", "autoencoder", "vae", "gan", "cvae")

#: Per-kind defaults: sized so a laptop CPU shows recognisable digits within minutes.
DEFAULTS: dict[str, dict[str, Any]] = {
    "classifier": {"epochs": 2, "batch_size": 64, "learning_rate": 1e-3, "latent_dim": None},
    "autoencoder": {"epochs": 10, "batch_size": 128, "learning_rate": 1e-3, "latent_dim": 2},
    # VAE: batch 64 at 2e-3 beats batch 128 at 1e-3 per CPU second (held-out loss on the MNIST
    # test split's 2,000 held-out images after 60 CPU s: 146.2 against 150.0; bench/quality.py).
    "vae": {"epochs": 40, "batch_size": 64, "learning_rate": 2e-3, "latent_dim": 2},
    # GAN: the small batch-normalised DCGAN of core.models.gan, class-conditional (AC-GAN: the class
    # read from the noise, a class head on the discriminator), at 2e-3. On the MNIST test split
    # 30 epochs (148 s for `main.py train gan` on a quiet 2-core machine) reach an MNIST score of 9.6
    # and a Fréchet distance of 3.6 (2,000 samples; real test images 8.7 and 1.0). The
    # unconditional DCGAN (--arch dcgan) plateaus near 6.4-6.5 and 4.5-5.1 after 50-80 epochs
    # (205-323 s), with or without a decaying learning rate; twice the width was 4x slower an epoch.
    "gan": {"epochs": 30, "batch_size": 64, "learning_rate": 2e-3, "latent_dim": 64},
    "cvae": {"epochs": 20, "batch_size": 128, "learning_rate": 1e-3, "latent_dim": 2},
}

#: Small images (sides under 16 px, like the bundled 8x8 digits) train a GAN well only with
#: the dense pair and many small batches: the DCGAN collapses there (MNIST score ~1.05 after
#: 20-60 epochs), while dense, batch 16, 50 epochs reaches ~5.4 (real images: 8.3) in ~30 s.
SMALL_IMAGE_DEFAULTS: dict[str, dict[str, Any]] = {"gan": {"epochs": 50, "batch_size": 16, "learning_rate": 2e-4}}


#: Colour images (RGB) train the unconditional DCGAN for 50 epochs by default: on `mondrian` its
#: samples obey the rules better (rule score 0.73 after 50 epochs, 114 s) than the AC-GAN's
#: (0.59 after 50, 0.51 after 30; the DCGAN after 30: 0.62); the class code there only names
#: which primaries appear. `--arch acgan` still gives colour a class-conditional GAN.
COLOUR_IMAGE_DEFAULTS: dict[str, dict[str, Any]] = {"gan": {"epochs": 50}}


def is_colour_image(image_shape: tuple[int, ...] | None) -> bool:
    """Whether images have three (RGB) channels."""
    return image_shape is not None and len(image_shape) == 3 and int(image_shape[-1]) == 3


def noise_carries_classes(num_classes: int, latent_dim: int) -> bool:
    """Whether noise of `latent_dim` numbers can carry an AC-GAN's class code (and some style)."""
    return 1 <= int(num_classes) < int(latent_dim)


def is_small_image(image_shape: tuple[int, ...] | None) -> bool:
    """Whether images are too small for the convolutional architectures' defaults."""
    return image_shape is not None and min(int(image_shape[0]), int(image_shape[1])) < 16


def defaults_for(kind: str, image_shape: tuple[int, ...] | None = None) -> dict[str, Any]:
    """The per-kind defaults, adjusted for small images and for colour."""
    out = dict(DEFAULTS[kind])
    if is_small_image(image_shape):
        out.update(SMALL_IMAGE_DEFAULTS.get(kind, {}))
    elif is_colour_image(image_shape):
        out.update(COLOUR_IMAGE_DEFAULTS.get(kind, {}))
    return out


#: Architectures each kind accepts (the first is the default).
ARCHS: dict[str, tuple[str, ...]] = {
    "classifier": ("mlp",),
    "autoencoder": ("dense",),
    "vae": ("dense", "conv"),
    "gan": ("acgan", "dcgan", "dense"),
    "cvae": ("dense",),
}

ROLES: dict[str, tuple[str, ...]] = {
    "classifier": ("classifier",),
    "autoencoder": ("autoencoder", "encoder", "decoder"),
    "vae": ("encoder", "decoder"),
    "gan": ("generator", "discriminator"),
    "cvae": ("encoder", "decoder"),
}


@dataclass
class ModelBundle:
    """The model `fit` trains, plus the functional models saved as `<role>.keras`."""

    kind: str
    model: Any
    roles: dict[str, Any] = field(default_factory=dict)
    arch: str = "default"


def resolve_arch(kind: str, arch: str, image_shape: tuple[int, ...], *, num_classes: int = 10,
                 latent_dim: int | None = None) -> str:
    """Pick the concrete architecture name. A GAN's default: dense on small images; the
    unconditional DCGAN on colour images and when the noise is too short to also carry the
    class; otherwise the class-conditional AC-GAN."""
    if kind not in ARCHS:
        raise ConfigError(f"unknown model kind {kind!r}; choose one of {', '.join(KINDS)}")
    choice = ARCHS[kind][0] if arch in ("", "default") else arch
    if choice not in ARCHS[kind]:
        raise ConfigError(f"unknown architecture {arch!r} for {kind}; choose one of {', '.join(ARCHS[kind])}")
    if kind == "gan" and arch in ("", "default") and is_small_image(image_shape):
        choice = "dense"
    elif kind == "gan" and arch in ("", "default") and (
            is_colour_image(image_shape) or (latent_dim is not None and not noise_carries_classes(num_classes, latent_dim))):
        choice = "dcgan"
    return choice
