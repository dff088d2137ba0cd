"""Attribution maps for any classifier: saliency, gradient x input, SmoothGrad and Grad-CAM.

The class score is the pre-softmax logit: when the model's last layer applies softmax, its
pre-activation is used (a `Dense` layer's input @ kernel + bias, a `Softmax` /
`Activation("softmax")` layer's input, else the last layer called with a linear activation).
Grad-CAM: channel weights = the spatial mean of d score / d A for a layer output A
(N, h, w, k); map = ReLU(sum_k w_k A_k), resized bilinearly to the input's H x W and
divided by its maximum (so it lies in [0, 1]). Pure TensorFlow / NumPy, no Qt.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from core.errors import UserError
from core.tf_env import keras, tf

METHODS = ("saliency", "gradxinput", "smoothgrad", "gradcam")


class AttributionError(UserError, ValueError):
    """Bad input for an attribution (unknown layer, class out of range…); one line."""


@dataclass(frozen=True)
class Attribution:
    """One attribution map: `raw` (saliency: the input's full shape; others H x W) and
    `display` (H x W, for overlays), with the class explained and the model's scores."""

    method: str
    class_index: int
    predicted: int
    raw: np.ndarray
    display: np.ndarray
    scores: np.ndarray
    layer: str | None = None


def spatial_layers(model: Any) -> list[str]:
    """Names of the model's top-level layers with a 4-D (N, h, w, k) output, in order."""
    names = []
    for layer in model.layers:
        if type(layer).__name__ == "InputLayer":
            continue
        try:
            shape = layer.output.shape
        except (AttributeError, ValueError):  # a layer used more than once or never called
            continue
        if len(shape) == 4:
            names.append(layer.name)
    return names


def _applies_softmax(layer: Any) -> bool:
    if type(layer).__name__ == "Softmax":
        return True
    try:
        return layer.get_config().get("activation") == "softmax"
    except Exception:  # a layer without a config
        return False


class ScoreModel:
    """`model` split so one call gives the class logits and chosen layers' outputs.

    Thread-safe (one lock); the model's weights are shared, never copied.
    """

    def __init__(self, model: Any, layers: tuple[str, ...] = ()) -> None:
        k = keras()
        self.model = model
        self.input_shape = tuple(int(s or 0) for s in model.inputs[0].shape[1:])
        last = model.layers[-1]
        self._last = last
        self._softmax = _applies_softmax(last)
        pre = last.input if self._softmax else model.outputs[0]
        try:
            extra = [model.get_layer(name).output for name in layers]
        except ValueError as exc:
            raise AttributionError(f"no layer named {', '.join(layers)} in '{model.name}'") from exc
        self._split = k.Model(model.inputs, [pre, *extra])
        self._lock = threading.RLock()

    def _logits(self, pre: Any) -> Any:
        if not self._softmax:
            return pre
        last, t = self._last, tf()
        name = type(last).__name__
        if name in ("Softmax", "Activation"):
            return pre
        if name == "Dense":
            out = t.matmul(pre, last.kernel)
            return out + last.bias if last.use_bias else out
        with self._lock:  # any other layer: call it once with a linear activation
            saved = last.activation
            last.activation = keras().activations.linear
            try:
                return last(pre)
            finally:
                last.activation = saved

    def __call__(self, x: Any) -> tuple[Any, list[Any]]:
        """Logits (N, K) and the chosen layers' outputs for a float32 batch `x`."""
        outs = self._split(x, training=False)
        outs = list(outs) if isinstance(outs, list | tuple) else [outs]
        return self._logits(outs[0]), outs[1:]


def _batch(x: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    arr = np.asarray(x, np.float32)
    if arr.size != int(np.prod(shape)):
        raise AttributionError(f"the model takes inputs of shape {shape}, got {tuple(arr.shape)}")
    return arr.reshape(1, *shape)


def input_hw(shape: tuple[int, ...]) -> tuple[int, int]:
    """The H x W of an input shape (a flat vector of a square size counts as a square)."""
    if len(shape) >= 2:
        return int(shape[0]), int(shape[1])
    side = int(round(np.sqrt(shape[0])))
    if side * side != shape[0]:
        raise AttributionError(f"an input of shape {shape} is not an image")
    return side, side


def to_hw(arr: np.ndarray, shape: tuple[int, ...], reduce: str = "max") -> np.ndarray:
    """An input-shaped map -> H x W (channels reduced by `reduce`: max, sum or mean)."""
    h, w = input_hw(shape)
    a = np.asarray(arr, np.float32).reshape(h, w, -1)
    out = a.max(axis=-1) if reduce == "max" else a.sum(axis=-1) if reduce == "sum" else a.mean(axis=-1)
    return np.asarray(out, np.float32)


def _gradients(sm: ScoreModel, x: np.ndarray, cls: int) -> tuple[np.ndarray, np.ndarray]:
    t = tf()
    xt = t.convert_to_tensor(x)
    with t.GradientTape() as tape:
        tape.watch(xt)
        logits, _ = sm(xt)
        score = logits[:, cls]
    return np.asarray(tape.gradient(score, xt)), np.asarray(logits)


def gradcam_map(cam_acts: np.ndarray, grads: np.ndarray, hw: tuple[int, int]) -> np.ndarray:
    """Grad-CAM from one layer output A (h, w, k) and d score / d A (h, w, k), at `hw`."""
    weights = grads.mean(axis=(0, 1))
    cam = np.maximum((cam_acts * weights).sum(axis=-1), 0.0).astype(np.float32)
    resized = np.asarray(tf().image.resize(cam[None, ..., None], hw, method="bilinear"))[0, ..., 0]
    top = float(resized.max())
    return (resized / top if top > 0 else np.zeros_like(resized)).astype(np.float32)


def _gradcam(model: Any, x: np.ndarray, cls: int | None, layer: str) -> tuple[np.ndarray, np.ndarray, int]:
    t = tf()
    sm = ScoreModel(model, (layer,))
    xt = t.convert_to_tensor(x)
    with t.GradientTape() as tape:
        logits, (acts,) = sm(xt)
        if len(acts.shape) != 4:
            raise AttributionError(f"layer '{layer}' has no spatial output (shape {tuple(acts.shape)})")
        c = int(np.argmax(np.asarray(logits)[0])) if cls is None else cls
        score = logits[:, c]
    grads = np.asarray(tape.gradient(score, acts))[0]
    cam = gradcam_map(np.asarray(acts)[0], grads, input_hw(sm.input_shape))
    return cam, np.asarray(logits)[0], c


def explain(model: Any, x: np.ndarray, method: str = "saliency", *, class_index: int | None = None,
            layer: str | None = None, samples: int = 25, noise: float = 0.15, seed: int = 0) -> Attribution:
    """The attribution map of `method` for one input `x` (the model's input shape, no batch).

    `class_index` defaults to the predicted class. SmoothGrad averages |gradient| over
    `samples` copies with Gaussian noise of sigma `noise` x (input max - min), seeded.
    Gradient x input is summed over channels, saliency and SmoothGrad take the channel max
    for `display`.
    """
    if method not in METHODS:
        raise AttributionError(f"unknown method '{method}' (choose from {', '.join(METHODS)})")
    shape = tuple(int(s or 0) for s in model.inputs[0].shape[1:])
    xb = _batch(x, shape)
    num = int(model.outputs[0].shape[-1])
    if class_index is not None and not 0 <= class_index < num:
        raise AttributionError(f"class {class_index} is outside 0..{num - 1}")
    if method == "gradcam":
        names = spatial_layers(model)
        if layer is None:
            if not names:
                raise AttributionError(f"'{model.name}' has no layer with a spatial output for Grad-CAM")
            layer = names[-1]
        elif layer not in names:
            raise AttributionError(f"layer '{layer}' has no spatial output; choose from {', '.join(names) or 'none'}")
        cam, scores, c = _gradcam(model, xb, class_index, layer)
        return Attribution(method, c, int(np.argmax(scores)), cam, cam, scores, layer)
    sm = ScoreModel(model)
    scores = np.asarray(sm(tf().convert_to_tensor(xb))[0])[0]
    c = int(np.argmax(scores)) if class_index is None else class_index
    if method == "smoothgrad":
        span = float(xb.max() - xb.min()) or 1.0
        rng = np.random.default_rng(seed)
        noisy = xb + rng.normal(0.0, noise * span, (max(1, samples), *shape)).astype(np.float32)
        grads, _ = _gradients(sm, noisy, c)
        raw = np.abs(grads).mean(axis=0)
        hw = to_hw(raw, shape)
        return Attribution(method, c, int(np.argmax(scores)), hw, hw, scores)
    grads, _ = _gradients(sm, xb, c)
    if method == "saliency":
        raw = np.abs(grads[0])
        return Attribution(method, c, int(np.argmax(scores)), raw, to_hw(raw, shape), scores)
    gxi = to_hw(grads[0] * xb[0], shape, "sum")
    return Attribution(method, c, int(np.argmax(scores)), gxi, gxi, scores)
