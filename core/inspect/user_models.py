"""A user's own `.keras` file as a generator, a decoder (with an optional encoder) or a classifier.

`model_roles(model)` says which roles a loaded model fits, from its input and output shapes
alone: a vector of any length to an image (H x W x C with C in {1, 3}, or a flat vector of
a square size) is a *generator* or a *decoder*; an image (or a flat square vector) to class
scores is a *classifier*. The output range of an image maker comes from its final
activation (tanh -> [-1, 1], sigmoid -> [0, 1]) or the caller's choice (default [0, 1],
clipped). Loading goes through `core.inspect.model_files.load_model_file` (safe mode); a
model that fits no role raises `ModelFileError` (a `UserError`) with one line.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np

from core.inspect.model_files import ModelFileError, load_model_file
from core.latent.model import encode_means
from core.tf_env import tf

ROLES = ("generator", "decoder", "classifier")
#: Layers that pass values through unchanged: the final activation is found behind them.
PASSTHROUGH = {"Reshape", "Flatten", "Permute", "Cropping2D", "Cropping1D", "ZeroPadding2D",
               "Identity", "Dropout", "InputLayer"}
OutputRange = tuple[float, float]


def _shape(tensor: Any) -> tuple[int | None, ...]:
    return tuple(None if s is None else int(s) for s in tensor.shape[1:])


def _square_side(n: int | None) -> int | None:
    if n is None or n < 16:
        return None
    side = int(round(np.sqrt(n)))
    return side if side * side == n else None


def image_shape_of(shape: tuple[int | None, ...]) -> tuple[int, int, int] | None:
    """The (H, W, C) image an output of this shape (batch left out) holds, or None."""
    if any(s is None for s in shape):
        return None
    if len(shape) == 3 and shape[2] in (1, 3):
        return (int(shape[0] or 0), int(shape[1] or 0), int(shape[2] or 0))
    if len(shape) == 2:
        return (int(shape[0] or 0), int(shape[1] or 0), 1)
    if len(shape) == 1:
        side = _square_side(shape[0])
        return None if side is None else (side, side, 1)
    return None


def model_roles(model: Any) -> tuple[str, ...]:
    """The roles `model` fits: ("generator", "decoder"), ("classifier",) or () for none."""
    if len(model.inputs) != 1 or len(model.outputs) != 1:
        return ()
    ins, outs = _shape(model.inputs[0]), _shape(model.outputs[0])
    if len(ins) == 1 and ins[0] is not None:
        out_img = image_shape_of(outs)
        if out_img is not None and (len(outs) > 1 or int(np.prod(out_img)) > ins[0]):
            return ("generator", "decoder")
        if len(outs) == 1 and outs[0] is not None and 2 <= outs[0] < ins[0] and _square_side(ins[0]):
            return ("classifier",)
        return ()
    if image_shape_of(ins) is not None and len(outs) == 1 and outs[0] is not None and outs[0] >= 2:
        return ("classifier",)
    return ()


def final_activation(model: Any) -> str:
    """The name of the activation that produces the model's output ("" when unknown)."""
    for layer in reversed(model.layers):
        if type(layer).__name__ in PASSTHROUGH:
            continue
        if type(layer).__name__ == "Softmax":
            return "softmax"
        try:
            act = layer.get_config().get("activation", "")
        except Exception:  # a layer without a config
            return ""
        return act if isinstance(act, str) else ""
    return ""


def output_range_of(model: Any, choice: OutputRange | None = None) -> OutputRange:
    """The raw output range: the caller's `choice`, else from the final activation."""
    if choice is not None:
        lo, hi = float(choice[0]), float(choice[1])
        if not hi > lo:
            raise ModelFileError(f"output range must have low < high, got [{lo}, {hi}]")
        return (lo, hi)
    return (-1.0, 1.0) if final_activation(model) == "tanh" else (0.0, 1.0)


def _role_error(path: Path | None, model: Any, role: str) -> ModelFileError:
    name = path.name if path is not None else str(getattr(model, "name", "model"))
    ins = [_shape(t) for t in model.inputs]
    outs = [_shape(t) for t in model.outputs]
    what = {"generator": "a generator (a vector in, an image out)",
            "decoder": "a decoder (a latent vector in, an image out)",
            "classifier": "a classifier (an image in, class scores out)"}[role]
    return ModelFileError(f"{name}: not {what}; it maps {ins} to {outs}")


class UserGenerator:
    """A user's image maker: `latent_dim`, `image_shape` (H, W, C), images in [0, 1].

    Calls are batched direct compiled calls (never `predict`) under one lock.
    """

    role = "generator"

    def __init__(self, model: Any, *, output_range: OutputRange | None = None,
                 path: Path | None = None) -> None:
        if "generator" not in model_roles(model):
            raise _role_error(path, model, self.role)
        self.model = model
        self.path = path
        self.latent_dim = int(model.inputs[0].shape[-1])
        shape = image_shape_of(_shape(model.outputs[0]))
        assert shape is not None
        self.image_shape: tuple[int, int, int] = shape
        self.activation = final_activation(model)
        self.output_range: OutputRange = output_range_of(model, output_range)
        self._lock = threading.RLock()
        t = tf()
        self._fn = t.function(lambda z: model(z, training=False),
                              input_signature=[t.TensorSpec([None, self.latent_dim], t.float32)])

    @property
    def name(self) -> str:
        """The file name, or the model's name."""
        return self.path.name if self.path is not None else str(self.model.name)

    def to_unit(self, raw: np.ndarray) -> np.ndarray:
        """Raw outputs -> float32 images (N, H, W, C) in [0, 1] (range mapped, then clipped)."""
        arr = np.asarray(raw, np.float32).reshape(-1, *self.image_shape)
        lo, hi = self.output_range
        if (lo, hi) != (0.0, 1.0):
            arr = (arr - np.float32(lo)) / np.float32(hi - lo)
        return np.clip(arr, 0.0, 1.0)

    def raw(self, z: np.ndarray, batch_size: int = 1024) -> np.ndarray:
        """The model's raw outputs for latent vectors `z` (N, latent_dim)."""
        z = np.asarray(z, np.float32).reshape(-1, self.latent_dim)
        if len(z) == 0:
            return np.zeros((0, *self.image_shape), np.float32)
        with self._lock:
            parts = [np.asarray(self._fn(z[i:i + batch_size])) for i in range(0, len(z), batch_size)]
        return np.concatenate(parts).reshape(-1, *self.image_shape)

    def decode(self, z: np.ndarray) -> np.ndarray:
        """Latent vectors (N, latent_dim) -> images (N, H, W, C) in [0, 1]."""
        return self.to_unit(self.raw(z))

    generate = decode

    def noise(self, n: int, seed: int) -> np.ndarray:
        """`n` standard-normal vectors from `np.random.default_rng(seed)` (the same per seed)."""
        return np.random.default_rng(seed).standard_normal((n, self.latent_dim)).astype(np.float32)

    def sample(self, n: int, seed: int) -> np.ndarray:
        """`n` images from seeded standard-normal noise; deterministic per seed."""
        return self.decode(self.noise(n, seed))


class UserDecoder(UserGenerator):
    """A user's decoder, with an optional encoder (image -> latent; first output if several)."""

    role = "decoder"

    def __init__(self, model: Any, *, encoder: Any = None, output_range: OutputRange | None = None,
                 path: Path | None = None) -> None:
        super().__init__(model, output_range=output_range, path=path)
        self.encoder = encoder
        self._encode_fn: Any = None
        if encoder is not None:
            out = encoder.outputs[0]
            if len(encoder.inputs) != 1 or int(out.shape[-1] or 0) != self.latent_dim:
                raise ModelFileError(
                    f"the encoder '{encoder.name}' does not give {self.latent_dim}-long latent vectors "
                    f"(its first output is {_shape(out)})")
            t = tf()
            self.encoder_input_shape = tuple(int(s or 0) for s in _shape(encoder.inputs[0]))
            self._encode_fn = t.function(
                lambda x: encoder(x, training=False),
                input_signature=[t.TensorSpec([None, *self.encoder_input_shape], t.float32)])

    @property
    def has_encoder(self) -> bool:
        """Whether `encode` is available."""
        return self._encode_fn is not None

    def encode(self, images: np.ndarray, batch_size: int = 2048) -> np.ndarray:
        """Images (N, ...) of the encoder's size -> latent vectors (N, latent_dim)."""
        if self._encode_fn is None:
            raise ModelFileError("this decoder has no encoder")
        x = np.asarray(images, np.float32)
        per = int(np.prod(self.encoder_input_shape))
        if x.size % per:
            raise ModelFileError(f"the encoder takes images of shape {self.encoder_input_shape}, got {x.shape[1:]}")
        x = x.reshape(-1, *self.encoder_input_shape)
        with self._lock:
            return encode_means(self._encode_fn, x, batch_size, self.latent_dim)


class UserClassifier:
    """A user's classifier: `input_shape` (batch left out), `num_classes`, `predict_scores`."""

    role = "classifier"

    def __init__(self, model: Any, *, path: Path | None = None) -> None:
        if "classifier" not in model_roles(model):
            raise _role_error(path, model, self.role)
        self.model, self.path = model, path
        self.input_shape = tuple(int(s or 0) for s in _shape(model.inputs[0]))
        self.num_classes = int(model.outputs[0].shape[-1])
        self.applies_softmax = final_activation(model) == "softmax"

    def scores(self, x: np.ndarray) -> np.ndarray:
        """The model's outputs (N, num_classes) for inputs reshaped to the model's input."""
        arr = np.asarray(x, np.float32).reshape(-1, *self.input_shape)
        return np.asarray(self.model(arr, training=False))


def _load(path: str | Path, allow_unsafe: bool) -> tuple[Any, Path]:
    p = Path(path).expanduser()
    return load_model_file(p, allow_unsafe=allow_unsafe), p


def load_user_generator(path: str | Path, *, output_range: OutputRange | None = None,
                        allow_unsafe: bool = False) -> UserGenerator:
    """Load a generator file; `ModelFileError` (one line) when it is not one."""
    model, p = _load(path, allow_unsafe)
    return UserGenerator(model, output_range=output_range, path=p)


def load_user_decoder(path: str | Path, *, encoder_path: str | Path | None = None,
                      output_range: OutputRange | None = None, allow_unsafe: bool = False) -> UserDecoder:
    """Load a decoder file (and an encoder file); `ModelFileError` (one line) when they do not fit."""
    model, p = _load(path, allow_unsafe)
    encoder = None if encoder_path is None else _load(encoder_path, allow_unsafe)[0]
    return UserDecoder(model, encoder=encoder, output_range=output_range, path=p)


def load_user_classifier(path: str | Path, *, allow_unsafe: bool = False) -> UserClassifier:
    """Load a classifier file; `ModelFileError` (one line) when it is not one."""
    model, p = _load(path, allow_unsafe)
    return UserClassifier(model, path=p)


def roles_of_file(path: str | Path, *, allow_unsafe: bool = False) -> tuple[str, ...]:
    """The roles a model file fits (for the window's drop / Open model… routing).

    Raises `ModelFileError` when the file fits none.
    """
    model, p = _load(path, allow_unsafe)
    roles = model_roles(model)
    if not roles:
        ins = [_shape(t) for t in model.inputs]
        outs = [_shape(t) for t in model.outputs]
        raise ModelFileError(
            f"{p.name}: fits no role (generator, decoder or classifier); it maps {ins} to {outs}")
    return roles
