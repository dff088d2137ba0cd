"""The class code of a class-conditional generator, read from its own noise (AC-GAN).

`ClassCode` turns noise (n, latent) into [one_hot(argmax(noise[:, :classes])), noise[:, classes:]]:
the class a sample shows is the index of the largest of its first `classes` noise numbers.
Standard-normal noise therefore asks for every class equally often, and the generator stays
a one-input noise -> image model, so grids, locks, interpolation and `sample` work unchanged;
`core.gan.sampling.with_class` sets noise to ask for one class.
"""

from __future__ import annotations

from typing import Any

from core.tf_env import keras

_k = keras()
_ops = _k.ops
_Layer: Any = _k.layers.Layer


@_k.saving.register_keras_serializable(package="latent_lab")
class ClassCode(_Layer):
    """noise -> [one-hot class code, the remaining noise] (same width as the noise)."""

    def __init__(self, classes: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if int(classes) < 1:
            raise ValueError(f"ClassCode needs at least one class, got {classes}")
        self.classes = int(classes)

    def call(self, noise: Any) -> Any:
        code = _ops.one_hot(class_of(noise, self.classes), self.classes, dtype=noise.dtype)
        return _ops.concatenate([code, noise[:, self.classes:]], axis=-1)

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "classes": self.classes}


def classes_of(generator: Any) -> int:
    """How many classes a generator's `ClassCode` layer reads from its noise; 0 for an unconditional one."""
    for layer in getattr(generator, "layers", []):
        if isinstance(layer, ClassCode):
            return layer.classes
    return 0


def class_of(noise: Any, classes: int) -> Any:
    """The class each noise row asks for (argmax of its first `classes` numbers), as a tensor."""
    return _ops.argmax(noise[:, :classes], axis=-1)
