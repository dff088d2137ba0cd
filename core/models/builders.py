"""`build_model`: one compiled `ModelBundle` for a model kind, built with the Keras functional API."""

from __future__ import annotations

from core.errors import ConfigError
from core.models.defaults import DEFAULTS, KINDS, ModelBundle, resolve_arch


def register_custom_objects() -> None:
    """Import the modules whose custom layers (the VAE's `Sampling`, the AC-GAN's `ClassCode`) are registered with Keras.

    Call before loading a saved model in a fresh process; the layers are registered under
    the package name `latent_lab`, which safe mode accepts as known code.
    """
    import core.models.class_code  # noqa: F401
    import core.models.vae  # noqa: F401


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
        raise ConfigError(f"unknown model kind {kind!r}; choose one of {', '.join(KINDS)}")
    shape = tuple(int(s) for s in image_shape)
    if len(shape) == 2:
        shape = (*shape, 1)
    defaults = DEFAULTS[kind]
    lr = float(learning_rate if learning_rate is not None else defaults["learning_rate"])
    dim = int(latent_dim if latent_dim is not None else (defaults["latent_dim"] or 0))
    concrete = resolve_arch(kind, arch, shape, num_classes=num_classes, latent_dim=dim)
    if kind == "classifier":
        from core.models.classifier import build_classifier

        return build_classifier(shape, num_classes=num_classes, learning_rate=lr)
    if kind == "autoencoder":
        from core.models.autoencoder import build_autoencoder

        return build_autoencoder(shape, latent_dim=dim, learning_rate=lr)
    if kind == "cvae":
        from core.models.cvae import build_cvae

        return build_cvae(shape, num_classes=num_classes, latent_dim=dim, learning_rate=lr, seed=seed)
    if kind == "vae":
        from core.models.vae import build_vae

        return build_vae(shape, latent_dim=dim, learning_rate=lr, arch=concrete, seed=seed)
    from core.models.gan import build_gan

    return build_gan(shape, latent_dim=dim, learning_rate=lr, arch=concrete, seed=seed, num_classes=num_classes)
