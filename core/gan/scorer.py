"""The small CNN classifier behind the GAN quality metrics (no download needed).

It is trained by the app on the run's own dataset (a few seconds) and cached twice: with
the run (`RUN_DIR/scorer.keras`) and per dataset (`app_home()/scorers/<dataset-hash>.keras`).
Its softmax gives the "MNIST score"; its penultimate layer (`features`) the Fréchet features.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np

from core.paths import app_home

FEATURES_LAYER = "features"
SCORER_FILE = "scorer.keras"


def dataset_hash(x_train: np.ndarray, y_train: np.ndarray) -> str:
    """A short content hash of a training split (names the per-dataset scorer cache)."""
    h = hashlib.sha1()
    x = np.ascontiguousarray(np.asarray(x_train, dtype=np.float32))
    h.update(str(x.shape).encode())
    h.update(x.tobytes())
    h.update(np.ascontiguousarray(np.asarray(y_train, dtype=np.int64)).tobytes())
    return h.hexdigest()[:16]


def build_scorer(image_shape: tuple[int, ...], num_classes: int = 10, seed: int = 0) -> Any:
    """A small functional CNN: two conv blocks, a 64-unit `features` layer, softmax output."""
    from core.tf_env import keras

    k = keras()
    k.utils.set_random_seed(seed)
    h, w = int(image_shape[0]), int(image_shape[1])
    channels = int(image_shape[2]) if len(image_shape) > 2 else 1
    inp = k.Input(shape=(h, w, channels), name="image")
    x = k.layers.Conv2D(16, 3, padding="same", activation="relu")(inp)
    x = k.layers.MaxPooling2D(2)(x)
    x = k.layers.Conv2D(32, 3, padding="same", activation="relu")(x)
    if min(h, w) >= 16:
        x = k.layers.MaxPooling2D(2)(x)
    x = k.layers.Flatten()(x)
    x = k.layers.Dense(64, activation="relu", name=FEATURES_LAYER)(x)
    out = k.layers.Dense(num_classes, activation="softmax", name="probs")(x)
    model = k.Model(inp, out, name="scorer")
    model.compile(optimizer=k.optimizers.Adam(2e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


class MnistScorer:
    """Class probabilities and penultimate features of images, by direct compiled calls."""

    def __init__(self, model: Any, batch_size: int = 1000) -> None:
        from core.tf_env import keras, tf

        tf_mod = tf()
        self.model = model
        self.batch_size = batch_size
        shape = tuple(int(d) for d in model.inputs[0].shape[1:])
        self.image_shape = shape
        both = keras().Model(model.inputs, [model.output, model.get_layer(FEATURES_LAYER).output])

        @tf_mod.function(input_signature=[tf_mod.TensorSpec([None, *shape], tf_mod.float32)])  # type: ignore[untyped-decorator]
        def _call(x: Any) -> Any:
            return both(x, training=False)

        self._call = _call

    @property
    def num_classes(self) -> int:
        """Number of classes of the softmax output."""
        return int(self.model.output.shape[-1])

    def _prepare(self, images: np.ndarray) -> np.ndarray:
        x = np.asarray(images, dtype=np.float32)
        if x.ndim == 3:
            x = x[..., None]
        if x.shape[1:] != self.image_shape:
            raise ValueError(f"scorer expects images of shape {self.image_shape}, got {x.shape[1:]}")
        return x

    def probs_and_features(self, images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(N, classes) softmax probabilities and (N, 64) penultimate features of `images`."""
        x = self._prepare(images)
        probs, feats = [], []
        for i in range(0, len(x), self.batch_size):
            p, f = self._call(x[i: i + self.batch_size])
            probs.append(np.asarray(p))
            feats.append(np.asarray(f))
        if not probs:
            return np.zeros((0, self.num_classes), np.float32), np.zeros((0, 64), np.float32)
        return np.concatenate(probs), np.concatenate(feats)

    def accuracy(self, images: np.ndarray, labels: np.ndarray) -> float:
        """Fraction of `images` classified as `labels`."""
        probs, _ = self.probs_and_features(images)
        return float(np.mean(np.argmax(probs, axis=1) == np.asarray(labels)))


def train_scorer(x_train: np.ndarray, y_train: np.ndarray, *, num_classes: int = 10,
                 epochs: int = 2, max_train: int = 8000, seed: int = 0) -> MnistScorer:
    """Train the scorer CNN on (up to `max_train` of) the given images; a few seconds on CPU."""
    x = np.asarray(x_train, dtype=np.float32)
    y = np.asarray(y_train, dtype=np.int64)
    if len(x) == 0:
        raise ValueError("cannot train the scorer on an empty training split")
    if len(x) > max_train:
        idx = np.random.default_rng(seed).permutation(len(x))[:max_train]
        x, y = x[idx], y[idx]
    model = build_scorer(x.shape[1:], num_classes=num_classes, seed=seed)
    # small sets need more passes to be a usable judge (digits: 1,400 images)
    epochs = max(epochs, int(np.ceil(epochs * 4000 / len(x))))
    model.fit(x, y, epochs=epochs, batch_size=64, verbose=0, shuffle=True)
    return MnistScorer(model)


def cache_path(x_train: np.ndarray, y_train: np.ndarray) -> Path:
    """The per-dataset cache file `app_home()/scorers/<dataset-hash>.keras`."""
    return app_home() / "scorers" / f"{dataset_hash(x_train, y_train)}.keras"


def _load(path: Path) -> MnistScorer | None:
    from core.tf_env import keras

    try:
        return MnistScorer(keras().models.load_model(path, compile=False))
    except Exception:  # a damaged or foreign cache file: retrain instead
        return None


def _save(model: Any, path: Path) -> None:
    from core.atomic import atomic_save_model

    atomic_save_model(model, path)


def load_or_train_scorer(x_train: np.ndarray, y_train: np.ndarray, *, num_classes: int = 10,
                         run_dir: Path | str | None = None, seed: int = 0,
                         use_cache: bool = True) -> MnistScorer:
    """The scorer for this training split: from `run_dir`, else the per-dataset cache, else trained.

    A freshly trained (or cache-loaded) scorer is saved to both places.
    """
    run_path = Path(run_dir) / SCORER_FILE if run_dir is not None else None
    shape = tuple(np.asarray(x_train).shape[1:])

    def usable(path: Path | None) -> MnistScorer | None:
        scorer = _load(path) if path is not None and path.exists() else None
        return scorer if scorer is not None and scorer.image_shape == shape else None

    found = usable(run_path)
    if found is not None:
        return found
    # Hashing the whole training split names the shared cache: only worth it on a miss.
    shared = cache_path(x_train, y_train) if use_cache else None
    found = usable(shared)
    if found is not None:
        if run_path is not None:
            _save(found.model, run_path)
        return found
    scorer = train_scorer(x_train, y_train, num_classes=num_classes, seed=seed)
    for path in (run_path, shared):
        if path is not None:
            _save(scorer.model, path)
    return scorer
