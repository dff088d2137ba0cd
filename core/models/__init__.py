"""Model builders for the chapter's networks, all built with the Keras functional API.

`build_model(kind, image_shape, ...)` returns a compiled `ModelBundle`: the model `fit`
trains plus the functional models saved by role (`classifier`, `autoencoder`, `encoder`,
`decoder`, `generator`, `discriminator`). Builders adapt to the dataset's image shape
(28x28 MNIST, 8x8 digits).
"""

from __future__ import annotations

from core.models.builders import build_model, register_custom_objects
from core.models.defaults import (
    ARCHS,
    DEFAULTS,
    KINDS,
    ROLES,
    SMALL_IMAGE_DEFAULTS,
    ModelBundle,
    defaults_for,
    is_small_image,
    resolve_arch,
)

__all__ = [
    "ARCHS",
    "DEFAULTS",
    "KINDS",
    "ROLES",
    "SMALL_IMAGE_DEFAULTS",
    "ModelBundle",
    "build_model",
    "defaults_for",
    "is_small_image",
    "register_custom_objects",
    "resolve_arch",
]
