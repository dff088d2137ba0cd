"""A user's decoder file (and optional encoder file) on the Latent map, as a `LatentView`.

`UserLatentModel` gives `core.inspect.user_models.UserDecoder` the interface the tab's panels
use of `core.latent.model.LatentModel` (decode, encode, no classifier, no NumPy mirror), so
the map, point, grid and interpolation panels work unchanged. `load_user_view` (a worker
function) loads the files and, with an encoder, a dataset whose test set it encodes and
scatters. The plane starts as the latent plane itself (2 dimensions), the PCA plane of the
encoded test set, or dimensions 0 and 1 with the others at 0 (`axes_projection`).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np

from core.latent.plane import LatentError, PlaneProjection

VIEW_POINTS = 5000


class UserLatentModel:
    """A user's decoder (and encoder) behind the `LatentModel` interface; calls are serialised."""

    kind = "autoencoder"
    has_mirror = False
    has_classifier = False

    def __init__(self, decoder: Any) -> None:
        self.user = decoder
        self.latent_dim = int(decoder.latent_dim)
        self.image_shape = tuple(decoder.image_shape)
        self._lock = threading.RLock()

    @property
    def has_encoder(self) -> bool:
        """Whether an encoder file was given."""
        return bool(self.user.has_encoder)

    def decode(self, z: np.ndarray, batch_size: int = 4096) -> np.ndarray:
        """Latent points (N, D) -> images (N, H, W, C) in [0, 1]."""
        with self._lock:
            return np.asarray(self.user.decode(np.asarray(z, np.float32).reshape(-1, self.latent_dim)))

    def decode_one(self, z: np.ndarray) -> np.ndarray:
        """One latent point (D,) -> image (H, W, C)."""
        return self.decode(np.asarray(z, np.float32).reshape(1, -1))[0]

    def encode(self, images: np.ndarray, batch_size: int = 2048) -> np.ndarray:
        """Images -> latent vectors (N, D); a `UserError` without an encoder."""
        with self._lock:
            return np.asarray(self.user.encode(images))

    def classify(self, images: np.ndarray, batch_size: int = 4096) -> np.ndarray:
        """No classifier goes with a user's decoder."""
        raise LatentError("no classifier goes with a user's decoder")

    def set_weights(self, weights: dict[str, list[np.ndarray]]) -> None:
        """A user's file never receives live weights."""


def axes_projection(latent_dim: int, x_dim: int, y_dim: int, values: np.ndarray) -> PlaneProjection:
    """The plane spanned by latent dimensions `x_dim` and `y_dim`, every other dimension fixed at
    `values` (D,): `from_plane((a, b))` is `values` with `a`, `b` put in those two dimensions."""
    if x_dim == y_dim or not (0 <= x_dim < latent_dim and 0 <= y_dim < latent_dim):
        raise LatentError(f"choose two different dimensions of the {latent_dim}-D latent")
    mean = np.asarray(values, np.float32).reshape(latent_dim).copy()
    mean[[x_dim, y_dim]] = 0.0
    components = np.zeros((2, latent_dim), np.float32)
    components[0, x_dim] = components[1, y_dim] = 1.0
    return PlaneProjection(mean, components)


def load_user_view(decoder_path: str | Path, encoder_path: str | Path | None = None,
                   dataset_source: str | None = None, *, handle: Any = None) -> Any:
    """Load a user's decoder (and encoder with the dataset it encodes) as a `LatentView`."""
    from core.inspect.user_models import load_user_decoder
    from core.latent.view import LatentView

    if handle is not None:
        handle.message("loading models")
    decoder = load_user_decoder(decoder_path, encoder_path=encoder_path)
    model = UserLatentModel(decoder)
    dim, shape = model.latent_dim, model.image_shape
    empty_x, empty_y, empty_z = np.zeros((0, *shape), np.float32), np.zeros(0, np.int64), np.zeros((0, dim), np.float32)
    test = train = (empty_x, empty_y, empty_z)
    class_names: tuple[str, ...] = tuple(str(i) for i in range(10))
    name = ""
    if model.has_encoder and dataset_source:
        from core.data.sources import load_dataset_cached

        data = load_dataset_cached(dataset_source).subset(VIEW_POINTS, VIEW_POINTS)
        if handle is not None:
            handle.message(f"encoding {len(data.x_test) + len(data.x_train)} images")
        test = (data.x_test, data.y_test, model.encode(data.x_test))
        train = (data.x_train, data.y_train, model.encode(data.x_train))
        class_names, name = tuple(data.class_names), str(data.name)
    if dim <= 2:
        projection = PlaneProjection.identity(dim)
    elif len(test[2]) >= 3:
        projection = PlaneProjection.fit(test[2])
    else:
        projection = axes_projection(dim, 0, 1, np.zeros(dim, np.float32))
    config = {"kind": "user", "dataset": dataset_source if model.has_encoder else None}
    return LatentView(Path(decoder_path), config, model, projection,  # type: ignore[arg-type]
                      test[0], test[1], test[2], projection.to_plane(test[2]),
                      train[0], train[1], train[2], [], class_names, name)
