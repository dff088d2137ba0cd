"""Requests the latent tab hands to its `LatestWorker`s, and the functions that serve them.

Each request is captured on the GUI thread (it carries the `LatentView` it was made for, so a
result that arrives after the user switched runs is recognised and dropped). The functions run
on the worker's thread and touch only the view's `LatentModel`, which serialises model calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class PointRequest:
    """Decode (unless `image` is given) and classify one latent point."""

    view: Any
    z: np.ndarray
    serial: int
    image: np.ndarray | None = None


@dataclass(frozen=True)
class GridRequest:
    """Decode an n x n grid over `bounds` (and/or the classifier heat map)."""

    view: Any
    bounds: tuple[float, float, float, float]
    n: int
    spacing: str
    heat: bool = False


@dataclass(frozen=True)
class MiscRequest:
    """`what` = "interp" (z0, z1, k), "encode" (image) or "reencode" (live weights changed)."""

    view: Any
    what: str
    args: tuple[Any, ...]


def serve_point(req: PointRequest) -> tuple[np.ndarray, np.ndarray | None]:
    """(decoded image, class probabilities or None)."""
    model = req.view.model
    image = req.image if req.image is not None else model.decode_one(req.z)
    probs = model.classify(image[None])[0] if model.has_classifier else None
    return image, probs


def serve_grid(req: GridRequest) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
    """Grid images (n*n, H, W, 1), or for `heat` the (confidence, labels) maps."""
    from core.latent.model import confidence_map, decode_grid

    if req.heat:
        return confidence_map(req.view.model, req.view.projection, req.bounds, req.n)
    return decode_grid(req.view.model, req.view.projection, req.bounds, req.n, req.spacing)


def serve_misc(req: MiscRequest) -> Any:
    """Interpolation strip (k, H, W, 1); encoded (z, plane point, reconstruction); or re-encoded (test_z, train_z)."""
    from core.latent.plane import interpolate

    model, proj = req.view.model, req.view.projection
    if req.what == "interp":
        z0, z1, k = req.args
        return model.decode(interpolate(z0, z1, k))
    if req.what == "encode":
        (image,) = req.args
        z = model.encode(np.asarray(image, np.float32).reshape(1, *model.image_shape))[0]
        return z, proj.to_plane(z[None])[0], model.decode_one(z)
    if req.what == "reencode":
        return model.encode(req.view.test_x), model.encode(req.view.train_x)
    raise ValueError(f"unknown latent request {req.what!r}")
