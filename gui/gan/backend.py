"""Work behind the GAN tab (Qt-free but for translating its messages): one generator copy
serving sample requests, and run loading.

`GanSampleBackend` is the function a `gui.bridge.LatestWorker` runs: every call happens on
that worker's thread, so the generator copy it owns has one owner. A `SampleRequest`
carries the whole view state (grid noise, interpolation ends, walk, enlarged cell), so
"latest wins" never loses part of it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication


@dataclass
class SampleRequest:
    """Everything the GAN tab wants drawn, captured on the GUI thread."""

    run_dir: Path
    grid_z: np.ndarray
    weights_key: Any = None
    weights: list[np.ndarray] | None = None
    strip: tuple[np.ndarray, np.ndarray, int, str] | None = None
    walk_z: np.ndarray | None = None
    enlarge: int | None = None
    train_images: np.ndarray | None = None
    generation: int = 0  # bumped whenever the run's models on disk may have changed
    output_range: str = "auto"  # a user's generator file: "auto" (final activation), "tanh" or "sigmoid"


@dataclass
class SampleResult:
    """Generated images for one `SampleRequest`."""

    grid: np.ndarray
    strip: np.ndarray | None = None
    walk: np.ndarray | None = None
    enlarged: np.ndarray | None = None
    nearest_index: int | None = None
    nearest_image: np.ndarray | None = None
    elapsed_ms: float = 0.0
    classes: int = 0  # how many classes the generator reads from its noise (an AC-GAN's); 0: none
    meta: dict[str, Any] = field(default_factory=dict)


class GanSampleBackend:
    """Owns one generator copy; loads it from a run folder and applies live weights."""

    def __init__(self) -> None:
        self._run_dir: Path | None = None
        self._generator: Any = None
        self._sampler: Any = None
        self._weights_key: Any = None
        self._generation = -1
        self._range = "auto"
        self._classes = 0

    def _ensure(self, request: SampleRequest) -> None:
        from core.gan.sampling import generator_classes, make_sampler
        from core.training.run_folder import load_role

        if (self._run_dir != request.run_dir or self._generator is None
                or self._generation != request.generation or self._range != request.output_range):
            if request.run_dir.suffix == ".keras":  # a user's generator file
                from core.inspect.model_files import load_model_file

                self._generator = load_model_file(request.run_dir)
                self._sampler = user_sampler(self._generator, request.output_range)
            else:
                self._generator = load_role(request.run_dir, "generator")
                self._sampler = make_sampler(self._generator)
            self._run_dir, self._generation = request.run_dir, request.generation
            self._range = request.output_range
            self._weights_key = None
            self._classes = generator_classes(self._generator)
        if request.weights is not None and request.weights_key != self._weights_key:
            self._generator.set_weights(request.weights)
            self._weights_key = request.weights_key

    def __call__(self, request: SampleRequest) -> SampleResult:
        from core.gan.sampling import interpolate, nearest_real

        start = time.perf_counter()
        self._ensure(request)
        z = [np.asarray(request.grid_z, np.float32)]
        if request.strip is not None:
            za, zb, steps, method = request.strip
            z.append(interpolate(za, zb, steps, method))
        if request.walk_z is not None:
            z.append(np.asarray(request.walk_z, np.float32))
        images = self._sampler(np.concatenate(z))
        n = len(z[0])
        result = SampleResult(grid=images[:n], classes=self._classes)
        offset = n
        if request.strip is not None:
            result.strip = images[offset: offset + len(z[1])]
            offset += len(z[1])
        if request.walk_z is not None:
            result.walk = images[offset:]
        if request.enlarge is not None and 0 <= request.enlarge < n:
            result.enlarged = result.grid[request.enlarge]
            if request.train_images is not None and len(request.train_images):
                idx = nearest_real(result.enlarged, request.train_images)
                result.nearest_index = idx
                result.nearest_image = np.asarray(request.train_images[idx])
        result.elapsed_ms = (time.perf_counter() - start) * 1000.0
        return result


def user_sampler(generator: Any, output_range: str = "auto", batch_size: int = 1024) -> Any:
    """`fn(z) -> images (n, H, W, C) in [0, 1]` for a user's generator: the raw output range is
    its final activation's ("auto": tanh -> [-1, 1], anything else [0, 1]) or the user's choice."""
    from core.gan.sampling import latent_dim_of, to_images
    from core.tf_env import tf

    t = tf()
    dim = latent_dim_of(generator)
    if output_range == "auto":  # the activation behind any Reshape / Flatten at the end
        from core.inspect.user_models import final_activation

        output_range = "tanh" if final_activation(generator) == "tanh" else "sigmoid"
    call = t.function(lambda z: generator(z, training=False), input_signature=[t.TensorSpec([None, dim], t.float32)])

    def sample_fn(z: np.ndarray) -> np.ndarray:
        z = np.asarray(z, np.float32).reshape(-1, dim)
        parts = [np.asarray(call(z[i: i + batch_size])) for i in range(0, max(len(z), 1), batch_size)]
        return to_images(np.concatenate(parts)[: len(z)], output_range == "tanh")

    return sample_fn


@dataclass
class GanRunData:
    """What the tab shows of a saved GAN run, loaded off the GUI thread (its dataset comes
    separately, from the app state's shared cache)."""

    run_dir: Path
    info: Any
    latent_dim: int
    dataset_source: str
    frames: list[tuple[int, np.ndarray]]
    quality: list[dict[str, Any]]
    fingerprint: Any = None  # `core.gan.stepper.disk_fingerprint` when it was read

    @property
    def epochs_done(self) -> int:
        """Finished epochs when the run was read."""
        return int(self.info.epochs_done)


def load_gan_run(run_dir: Path, *, handle: Any = None) -> GanRunData:
    """Read a GAN run: config, history, timeline frames and quality records."""
    from core.gan.quality import load_quality
    from core.gan.stepper import disk_fingerprint
    from core.training.run_folder import load_run_info, load_snapshots

    fingerprint = disk_fingerprint(Path(run_dir))  # before reading: a later change is seen as one
    info = load_run_info(run_dir)
    if info.kind != "gan":
        raise ValueError(QCoreApplication.translate("GanTab", "{0} is a {1} run, not a GAN run")
                         .format(Path(run_dir).name, info.kind))  # translate() is thread-safe
    frames = [(s.epoch, s.gan_samples) for s in load_snapshots(run_dir) if s.gan_samples is not None]
    latent_dim = int(info.config.get("latent_dim") or 64)
    return GanRunData(run_dir=Path(run_dir), info=info, latent_dim=latent_dim,
                      dataset_source=str(info.config.get("dataset") or "digits"), frames=frames,
                      quality=load_quality(run_dir), fingerprint=fingerprint)


def score_for_tab(run_dir: Path, samples: int = 1000, *, handle: Any = None) -> dict[str, Any]:
    """`score` command's metrics for the tab (trains or loads the cached scorer)."""
    from core.cli.score import score_run

    if handle is not None:
        handle.message("Scoring samples (the first time trains the small classifier)…")
    return score_run(Path(run_dir), None, samples)


def score_file_for_tab(path: Path, dataset_source: str, output_range: str = "auto", samples: int = 1000, *,
                       handle: Any = None) -> dict[str, Any]:
    """`score`'s metrics for a user's generator file against real images of its shape."""
    from core.cli.score import score_generator_file

    if handle is not None:
        handle.message("Scoring samples (the first time trains the small classifier)…")
    return score_generator_file(Path(path), dataset_source, samples, output_range=output_range)


def mean_image_job(images: np.ndarray, *, handle: Any = None) -> np.ndarray:
    """Worker: the per-pixel mean of a training set."""
    from core.gan.sampling import mean_image

    return np.asarray(mean_image(images))

