"""The Layers tab's attribution work, run on its own worker against the session's model.

Qt-free. `attribute(session, req)` holds the session's lock (the model has one user at a
time), checks the request still names the model the session holds, says why a model cannot
be explained (a blocker code the panel translates), and otherwise computes the map with
`core.inspect.attribution.explain`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from gui.layers.session import ActivationSession, ModelKey

METHODS = ("saliency", "gradxinput", "smoothgrad", "gradcam")


@dataclass
class AttributionRequest:
    """Explain `x` (an image, as the Layers tab's inputs give it) on the model `key`;
    `class_index` None = the predicted class, `layer` None = the last spatial layer."""

    key: ModelKey
    x: np.ndarray | None
    method: str = "saliency"
    class_index: int | None = None
    layer: str | None = None
    serial: int = 0


@dataclass
class AttributionResult:
    """What the worker found. `stale`: the session holds another model; `blocker` (with
    `detail`): why this model cannot be explained ("vector", "role", "shape");
    `num_classes`, `layers`: what the choosers offer; `image` (H, W[, 3]) in [0, 1] and
    `map` (H, W) when computed; `error` a one-line message."""

    key: ModelKey
    serial: int
    stale: bool = False
    blocker: str = ""
    detail: str = ""
    num_classes: int = 0
    layers: list[str] = field(default_factory=list)
    image: np.ndarray | None = None
    map: np.ndarray | None = None
    method: str = ""
    class_index: int = -1
    predicted: int = -1
    layer: str | None = None
    error: str = ""


def blocker_of(key: ModelKey, model: Any, input_kind: str) -> tuple[str, str]:
    """Why `model` cannot be explained as a classifier: ("", "") when it can, else a code
    ("vector": it takes a latent vector, "role": a run's non-classifier model, "shape": its
    inputs and outputs are not an image and class scores) and a detail (role or shapes)."""
    from core.inspect.user_models import model_roles

    if input_kind == "vector":
        return "vector", ""
    if key.source != "file" and key.role != "classifier":
        return "role", key.role
    if "classifier" not in model_roles(model):
        ins = [tuple(t.shape[1:]) for t in model.inputs]
        outs = [tuple(t.shape[1:]) for t in model.outputs]
        return "shape", f"{ins} → {outs}"
    return "", ""


def image_of(x: np.ndarray) -> np.ndarray:
    """An adapted input as an (H, W) or (H, W, 3) image in [0, 1] (min-max scaled)."""
    from core.inspect.attribution import input_hw

    arr = np.asarray(x, np.float32)
    h, w = input_hw(tuple(int(s) for s in arr.shape))
    img = arr.reshape(h, w, -1)
    img = img[..., 0] if img.shape[-1] != 3 else img
    lo, hi = float(img.min()), float(img.max())
    return ((img - lo) / (hi - lo) if hi > lo else np.zeros_like(img)).astype(np.float32)


def attribute(session: ActivationSession, req: AttributionRequest) -> AttributionResult:
    """Compute the request's map on the session's model (under its lock)."""
    from core.errors import UserError
    from core.inspect.activations import InputMismatchError
    from core.inspect.attribution import explain, spatial_layers

    res = AttributionResult(key=req.key, serial=req.serial, method=req.method)
    with session.lock:
        ext = session.extractor
        if session.key != req.key or ext is None:
            res.stale = True
            return res
        model = ext.model
        res.blocker, res.detail = blocker_of(req.key, model, ext.input_kind())
        if res.blocker:
            return res
        res.num_classes = int(model.outputs[0].shape[-1])
        res.layers = spatial_layers(model)
        if req.x is None:
            return res
        try:
            x = ext.adapt_input(req.x)
            layer = req.layer if req.method == "gradcam" else None
            att = explain(model, x, req.method, class_index=req.class_index, layer=layer)
        except (InputMismatchError, UserError, ValueError) as exc:
            res.error = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            return res
    res.image = image_of(x)
    res.map = np.asarray(att.display, np.float32)
    res.class_index, res.predicted, res.layer = att.class_index, att.predicted, att.layer
    return res
