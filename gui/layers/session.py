"""The Layers tab's model owner: loads models and computes activations on one worker thread.

Qt-free. Every request carries what it needs (model key, latest weights, input), so a
newer request can safely supersede an older one (`LatestWorker`). A lock lets the
top-activating search (a separate job) use the same model without two threads at once.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np


@dataclass(frozen=True)
class ModelKey:
    """Where a model comes from: `("file", path)`, `("run", run_dir, role)` or `("live", run_dir, role)`."""

    source: str
    path: str
    role: str = ""
    allow_unsafe: bool = False

    def label(self) -> str:
        """Short human-readable name for menus."""
        if self.source == "file":
            return Path(self.path).name
        prefix = "live " if self.source == "live" else ""
        return f"{prefix}{Path(self.path).name} / {self.role}"


@dataclass
class LayersRequest:
    """Compute every layer for `x` (`kind` "image" (H, W) or "vector") on the model `key`."""

    key: ModelKey
    kind: str
    x: np.ndarray | None
    weights: tuple[int, list[np.ndarray]] | None = None
    serial: int = 0


@dataclass
class LayersResult:
    """What the worker computed; `error`/`unsafe` set when the model could not be loaded."""

    key: ModelKey
    loaded: bool = False
    name: str = ""
    infos: list[Any] = field(default_factory=list)
    containers: list[Any] = field(default_factory=list)
    code: str = ""
    input_shape: tuple[int | None, ...] = ()
    input_kind: str = "image"
    outputs: list[np.ndarray] | None = None
    stats: list[dict[str, float]] = field(default_factory=list)
    input_error: str = ""
    error: str = ""
    unsafe: bool = False
    serial: int = 0


def _load(key: ModelKey) -> Any:
    from core.inspect.model_files import load_model_file

    if key.source == "file":
        return load_model_file(key.path, allow_unsafe=key.allow_unsafe)
    return load_model_file(Path(key.path) / f"{key.role}.keras", allow_unsafe=key.allow_unsafe)


class ActivationSession:
    """Owns one model and its `FeatureExtractor`; call `handle` on one worker thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.key: ModelKey | None = None
        self.extractor: Any = None
        self._weights_version = -1

    def handle(self, req: LayersRequest) -> LayersResult:
        """Load (if the key changed), apply newer weights, compute all layers for the input."""
        from core.inspect.activations import InputMismatchError, stats
        from core.inspect.model_code import code_panel_text
        from core.inspect.model_files import ModelFileError, UnsafeModelError

        with self.lock:
            res = LayersResult(key=req.key, serial=req.serial)
            if req.key != self.key or self.extractor is None:
                try:
                    self._open(req.key)
                except UnsafeModelError as exc:
                    res.error, res.unsafe = str(exc), True
                    return res
                except (ModelFileError, ValueError, OSError) as exc:
                    res.error = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
                    return res
                res.loaded = True
            ext = self.extractor
            if req.weights is not None and req.weights[0] != self._weights_version:
                ext.model.set_weights(req.weights[1])
                self._weights_version = req.weights[0]
            res.name, res.infos, res.containers = ext.model.name, ext.layer_infos, ext.containers
            res.input_shape = ext.input_shape
            # decided by the model alone: an image that does not fit never makes it a "vector" model
            res.input_kind = ext.input_kind()
            if res.loaded:
                res.code = code_panel_text(ext.model, ext.code_snippet(self._source_hint(req.key)))
            if req.x is None:
                return res
            try:
                x = ext.adapt_input(req.x) if req.kind == "image" else self._vector(req.x)
            except InputMismatchError as exc:
                res.input_error = str(exc)
                return res
            res.outputs = ext.compute(x)
            res.stats = [stats(o) for o in res.outputs]
            return res

    def _open(self, key: ModelKey) -> None:
        from core.inspect.activations import FeatureExtractor

        model = _load(key)
        ext = FeatureExtractor(model)
        self.key, self.extractor, self._weights_version = key, ext, -1

    def _vector(self, z: np.ndarray) -> np.ndarray:
        from core.inspect.activations import InputMismatchError

        shape = self.extractor.input_shape
        if len(shape) != 1 or shape[0] is None:
            raise InputMismatchError(f"model takes inputs of shape {shape}, not a latent vector")
        n = int(shape[0])
        v = np.zeros(n, np.float32)
        v[: min(n, z.size)] = np.asarray(z, np.float32).reshape(-1)[:n]
        return v

    @staticmethod
    def _source_hint(key: ModelKey) -> str:
        return key.path if key.source == "file" else str(Path(key.path) / f"{key.role}.keras")

    def top_activating(self, layer_index: int, unit: int, images: np.ndarray, k: int = 9, *, handle: Any) -> Any:
        """Run `core.inspect.activations.top_activating` on this session's model (holding the lock)."""
        from core.inspect.activations import top_activating

        with self.lock:
            if self.extractor is None:
                raise ValueError("no model loaded")
            return top_activating(self.extractor, layer_index, unit, images, k=k, handle=handle)
