"""Every layer's output for one input: the chapter's functional-API feature extractor.

`FeatureExtractor(model)` builds one functional model
`keras.Model(inputs=..., outputs=[every layer's output])` over the graph rebuilt by
`core.inspect.structure.expand_model` (nested models expanded), and calls it through a
`tf.function` (a compiled direct call; `model.predict` costs ~70 ms a call). Only one
thread may use an extractor at a time: it shares the model's layers and weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from core.errors import UserError
from core.inspect.structure import ContainerInfo, LayerInfo, expand_model
from core.progress import CancelledError, ProgressHandle
from core.tf_env import keras, tf

__all__ = [
    "FeatureExtractor", "InputMismatchError", "LayerInfo", "ContainerInfo", "stats", "top_activating",
]

_VECTOR_NAME_HINTS = ("decoder", "generator")
#: Flat inputs taken for images without other clues: 28x28 and 8x8 grey, 32x32 grey and RGB.
_FLAT_IMAGE_SIZES = (784, 64, 1024, 3072)


class InputMismatchError(UserError, ValueError):
    """The model's input cannot take the given image (plain, one-line message)."""


class FeatureExtractor:
    """All layer outputs of `model` for an input, through one compiled call.

    Attributes: `model`, `layer_infos: list[LayerInfo]`, `containers: list[ContainerInfo]`,
    `input_shape` (without batch axis), `functional_model` (the extractor `keras.Model`,
    None when layer names clash and the recorded calls are replayed instead).
    """

    def __init__(self, model: Any) -> None:
        k = keras()
        self.model = model
        graph = expand_model(model)
        self._graph = graph
        self.layer_infos: list[LayerInfo] = graph.infos
        self.containers: list[ContainerInfo] = graph.containers
        if len(graph.inputs) != 1:
            self.input_shape: tuple[int | None, ...] = ()
        else:
            self.input_shape = tuple(graph.inputs[0].shape[1:])
        try:
            self.functional_model: Any = k.Model(
                inputs=graph.inputs[0] if len(graph.inputs) == 1 else graph.inputs,
                outputs=list(graph.outputs), name=f"{model.name}_features"
            )
        except ValueError:  # duplicate layer names across nested models
            self.functional_model = None
        self._fn = tf().function(self._forward, reduce_retracing=True)

    def _forward(self, x: Any) -> Any:
        xs = list(x) if isinstance(x, (list, tuple)) else [x]
        if self.functional_model is not None:
            out = self.functional_model(xs if len(xs) > 1 else xs[0], training=False)
            return list(out) if isinstance(out, (list, tuple)) else [out]
        return self._graph.replay(xs)

    @property
    def num_inputs(self) -> int:
        """How many inputs the model takes (the tab supports one)."""
        return len(self._graph.inputs)

    def compute(self, x: np.ndarray | Sequence[np.ndarray]) -> list[np.ndarray]:
        """Every layer's output, in `layer_infos` order.

        `x` is either one sample shaped like `input_shape` (the outputs then have no batch
        axis) or a batch `(N, *input_shape)` (outputs keep the batch axis).
        """
        if isinstance(x, (list, tuple)):
            outs = self._fn([np.asarray(v, dtype=np.float32) for v in x])
            return [np.asarray(o) for o in outs]
        arr = np.asarray(x, dtype=np.float32)
        single = arr.ndim == len(self.input_shape)
        if single:
            arr = arr[None]
        outs = self._fn(arr)
        return [np.asarray(o)[0] if single else np.asarray(o) for o in outs]

    def input_kind(self, image_pixels: int | None = None) -> str:
        """"image" when the input takes an image, "vector" for a latent vector (decoder/generator)."""
        shape = self.input_shape
        if len(shape) >= 2:
            return "image"
        if len(shape) != 1 or shape[0] is None:
            return "image"
        if any(h in self.model.name.lower() for h in _VECTOR_NAME_HINTS):
            return "vector"
        n = int(shape[0])
        if image_pixels is not None:
            return "image" if n == image_pixels else "vector"
        return "image" if n in _FLAT_IMAGE_SIZES else "vector"

    def adapt_input(self, image: np.ndarray) -> np.ndarray:
        """Reshape an image (flat, (H, W) or (H, W, 1)) to the model's input shape.

        Raises `InputMismatchError` when the model cannot take it (different size, several
        inputs, or a latent-vector input).
        """
        arr = np.asarray(image, dtype=np.float32)
        if self.num_inputs != 1:
            raise InputMismatchError(f"model '{self.model.name}' takes {self.num_inputs} inputs; only one-input models take images")
        shape = self.input_shape
        if any(s is None for s in shape):
            if len(shape) == 3 and arr.ndim in (2, 3):
                return arr.reshape(arr.shape[0], arr.shape[1], -1)
            raise InputMismatchError(f"model '{self.model.name}' takes inputs of shape {_fmt(shape)}, not images")
        fixed = tuple(int(s) for s in shape if s is not None)
        need = int(np.prod(fixed))
        if need != arr.size:
            side = int(round(arr.size ** 0.5))
            pic = f"{side}x{side} ({arr.size} values)" if side * side == arr.size else f"{arr.size} values"
            raise InputMismatchError(
                f"model '{self.model.name}' takes inputs of shape {_fmt(shape)} ({need} values); "
                f"the images here are {pic}, so it cannot take them"
            )
        return arr.reshape(fixed)

    def code_snippet(self, source: str = "model.keras") -> str:
        """The functional-API code that builds this feature extractor for this model."""
        lines = [
            "import keras",
            "",
            f'model = keras.saving.load_model("{source}")  # the model on screen: {self.model.name}',
            "# Call every layer again on a fresh input, nested models' layers included:",
            *self._graph.code_lines,
        ]
        outs = ", ".join(_var_names(self._graph.code_lines))
        if self.functional_model is not None:
            lines += ["", "extractor = keras.Model(inputs=inputs, outputs=[" + outs + "])"]
        else:
            lines += ["", "# Layer names repeat across nested models, so no single keras.Model:",
                      "# the calls above are replayed in a tf.function instead.",
                      "outputs = [" + outs + "]"]
        lines += ["activations = extractor(x)  # one compiled call; never model.predict interactively"]
        if self.functional_model is None:
            lines[-1] = "# activations = the tensors t1... computed for x"
        return "\n".join(lines)


def _var_names(code_lines: list[str]) -> list[str]:
    return [line.split(" = ", 1)[0] for line in code_lines if line.startswith("t")]


def _fmt(shape: Sequence[int | None]) -> str:
    return "(" + ", ".join("None" if s is None else str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"


def stats(arr: np.ndarray) -> dict[str, float]:
    """Mean, std, min, max and the fraction of exactly-zero ("dead") values of an output."""
    a = np.asarray(arr, dtype=np.float64)
    if a.size == 0:
        return {"mean": 0.0, "std": 0.0, "min": 0.0, "max": 0.0, "dead_fraction": 0.0}
    return {
        "mean": float(a.mean()),
        "std": float(a.std()),
        "min": float(a.min()),
        "max": float(a.max()),
        "dead_fraction": float(np.mean(a == 0.0)),
    }


def unit_scores(output: np.ndarray, unit: int) -> np.ndarray:
    """Per-sample activation of `unit` in a batched output: the value for vectors, the
    spatial mean of channel `unit` for feature maps."""
    out = np.asarray(output)
    if out.ndim == 2:
        return out[:, unit]
    chan = out[..., unit]
    return chan.reshape(chan.shape[0], -1).mean(axis=1)


def top_activating(
    extractor: FeatureExtractor,
    layer_index: int,
    unit: int,
    images: np.ndarray,
    k: int = 9,
    batch: int = 512,
    handle: ProgressHandle | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The `k` images that activate `unit` of layer `layer_index` most (indices, scores).

    Runs in batches of `batch`, reporting `progress {done, total}` and honouring
    cancellation on `handle`. Scores are as in `unit_scores`, highest first.
    """
    n = len(images)
    scores = np.empty(n, dtype=np.float32)
    for start in range(0, n, batch):
        if handle is not None:
            if handle.cancelled:
                raise CancelledError("top-activating search cancelled")
            handle.wait_if_paused()
        part = np.asarray(images[start: start + batch], dtype=np.float32)
        one = extractor.adapt_input(part[0])  # raises InputMismatchError with a plain message
        chunk = part.reshape(len(part), *one.shape)
        out = extractor.compute(chunk)[layer_index]
        scores[start: start + len(chunk)] = unit_scores(out, unit)
        if handle is not None:
            handle.emit("progress", done=min(start + batch, n), total=n)
    order = np.argsort(-scores, kind="stable")[: min(k, n)]
    return order, scores[order]
