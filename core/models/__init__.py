"""Model builders for the chapter's networks, all built with the Keras functional API.

`build_model(kind, image_shape, ...)` returns a compiled `ModelBundle`: the model `fit`
trains plus the functional models saved by role (`classifier`, `autoencoder`, `encoder`,
`decoder`, `generator`, `discriminator`). Builders adapt to the dataset's image shape
(28x28 MNIST, 8x8 digits).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.models.mirror import decoder_numpy_mirror

KINDS = ("classifier", "autoencoder", "vae", "gan")

#: Per-kind defaults: sized so a laptop CPU shows recognisable digits within minutes.
DEFAULTS: dict[str, dict[str, Any]] = {
    "classifier": {"epochs": 2, "batch_size": 64, "learning_rate": 1e-3, "latent_dim": None},
    "autoencoder": {"epochs": 10, "batch_size": 128, "learning_rate": 1e-3, "latent_dim": 2},
    "vae": {"epochs": 20, "batch_size": 128, "learning_rate": 1e-3, "latent_dim": 2},
    "gan": {"epochs": 20, "batch_size": 64, "learning_rate": 2e-4, "latent_dim": 64},
}

#: Small images (sides under 16 px, like the bundled 8x8 digits) train a GAN well only with
#: the dense pair and many small batches: the DCGAN collapses there (MNIST score ~1.05 after
#: 20-60 epochs), while dense, batch 16, 50 epochs reaches ~5.4 (real images: 8.3) in ~30 s.
SMALL_IMAGE_DEFAULTS: dict[str, dict[str, Any]] = {"gan": {"epochs": 50, "batch_size": 16}}


def is_small_image(image_shape: tuple[int, ...] | None) -> bool:
    """Whether images are too small for the convolutional architectures' defaults."""
    return image_shape is not None and min(int(image_shape[0]), int(image_shape[1])) < 16


def defaults_for(kind: str, image_shape: tuple[int, ...] | None = None) -> dict[str, Any]:
    """The per-kind defaults, adjusted for small images."""
    out = dict(DEFAULTS[kind])
    if is_small_image(image_shape):
        out.update(SMALL_IMAGE_DEFAULTS.get(kind, {}))
    return out


#: Architectures each kind accepts (the first is the default).
ARCHS: dict[str, tuple[str, ...]] = {
    "classifier": ("mlp",),
    "autoencoder": ("dense",),
    "vae": ("dense", "conv"),
    "gan": ("dcgan", "dense"),
}

ROLES: dict[str, tuple[str, ...]] = {
    "classifier": ("classifier",),
    "autoencoder": ("autoencoder", "encoder", "decoder"),
    "vae": ("encoder", "decoder"),
    "gan": ("generator", "discriminator"),
}


def register_custom_objects() -> None:
    """Import the modules whose custom layers (the VAE's `Sampling`) are registered with Keras.

    Call before loading a saved model in a fresh process; the layers are registered under
    the package name `latent_lab`, which safe mode accepts as known code.
    """
    import core.models.vae  # noqa: F401


@dataclass
class ModelBundle:
    """The model `fit` trains, plus the functional models saved as `<role>.keras`."""

    kind: str
    model: Any
    roles: dict[str, Any] = field(default_factory=dict)
    arch: str = "default"


def resolve_arch(kind: str, arch: str, image_shape: tuple[int, ...]) -> str:
    """Pick the concrete architecture name, falling back to dense where convolutions don't fit."""
    if kind not in ARCHS:
        raise ValueError(f"unknown model kind {kind!r}; choose one of {', '.join(KINDS)}")
    choice = ARCHS[kind][0] if arch in ("", "default") else arch
    if choice not in ARCHS[kind]:
        raise ValueError(f"unknown architecture {arch!r} for {kind}; choose one of {', '.join(ARCHS[kind])}")
    h, w = image_shape[0], image_shape[1]
    if choice in ("dcgan", "conv") and (h % 4 or w % 4):
        choice = "dense"
    if kind == "gan" and arch in ("", "default") and is_small_image(image_shape):
        choice = "dense"
    return choice


def build_model(
    kind: str,
    image_shape: tuple[int, ...],
    *,
    num_classes: int = 10,
    latent_dim: int | None = None,
    learning_rate: float | None = None,
    arch: str = "default",
    seed: int = 0,
) -> ModelBundle:
    """Build and compile the model of `kind` for images of `image_shape` (H, W, 1)."""
    if kind not in KINDS:
        raise ValueError(f"unknown model kind {kind!r}; choose one of {', '.join(KINDS)}")
    shape = tuple(int(s) for s in image_shape)
    if len(shape) == 2:
        shape = (*shape, 1)
    defaults = DEFAULTS[kind]
    lr = float(learning_rate if learning_rate is not None else defaults["learning_rate"])
    dim = int(latent_dim if latent_dim is not None else (defaults["latent_dim"] or 0))
    concrete = resolve_arch(kind, arch, shape)
    if kind == "classifier":
        from core.models.classifier import build_classifier

        return build_classifier(shape, num_classes=num_classes, learning_rate=lr)
    if kind == "autoencoder":
        from core.models.autoencoder import build_autoencoder

        return build_autoencoder(shape, latent_dim=dim, learning_rate=lr)
    if kind == "vae":
        from core.models.vae import build_vae

        return build_vae(shape, latent_dim=dim, learning_rate=lr, arch=concrete, seed=seed)
    from core.models.gan import build_gan

    return build_gan(shape, latent_dim=dim, learning_rate=lr, arch=concrete, seed=seed)


__all__ = [
    "ARCHS",
    "DEFAULTS",
    "KINDS",
    "ROLES",
    "ModelBundle",
    "build_model",
    "decoder_numpy_mirror",
    "defaults_for",
    "is_small_image",
    "register_custom_objects",
    "resolve_arch",
]
