"""TensorBoard event files for a run: `RUN_DIR/tensorboard/`, so `tensorboard --logdir RUNS` shows every run.

The trainer writes one step per committed epoch (after the epoch commit): every history
metric as a scalar, and the epoch snapshot as one image (reconstructions under their
originals, or the GAN's fixed-noise samples, tiled). A crash may lose the last event; the
run folder's repair leaves these files alone. Writing never fails a run: the first error
turns the writer off and is reported once as a message.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from core.images import tile
from core.tf_env import tf

TENSORBOARD_DIR = "tensorboard"


def tensorboard_dir(run_dir: str | Path) -> Path:
    """Where a run's TensorBoard event files go."""
    return Path(run_dir) / TENSORBOARD_DIR


def _as_images(arr: np.ndarray, like: tuple[int, ...] | None = None) -> np.ndarray:
    """A batch of outputs -> (N, H, W, C) float images (flat square vectors reshaped)."""
    a = np.asarray(arr, np.float32)
    if like is not None and a[0].size == int(np.prod(like)):
        return a.reshape(-1, *like) if len(like) == 3 else a.reshape(-1, *like, 1)
    if a.ndim == 2:
        side = int(round(math.sqrt(a.shape[1])))
        return a.reshape(-1, side, side, 1)
    return a if a.ndim == 4 else a[..., None]


def tile_rgb(images: np.ndarray, cols: int | None = None) -> np.ndarray:
    """(N, H, W, C) images -> one (rows*H, cols*W, C) grid (1 px white gaps), C in {1, 3}."""
    return np.stack([tile(images[..., c], cols=cols, pad=1) for c in range(images.shape[-1])], axis=-1)


def snapshot_image(snapshot: Any, tanh_output: bool = False) -> np.ndarray | None:
    """The epoch snapshot as one (H, W, C) image in [0, 1], or None when it has no images."""
    if snapshot.reconstructions is not None and snapshot.originals is not None:
        orig = _as_images(snapshot.originals)
        recon = _as_images(snapshot.reconstructions, tuple(orig.shape[1:]))
        grid = tile_rgb(np.concatenate([orig, recon]), cols=len(orig))
    elif snapshot.gan_samples is not None:
        samples = _as_images(snapshot.gan_samples)
        grid = tile_rgb((samples + 1.0) / 2.0 if tanh_output else samples)
    else:
        return None
    return np.clip(grid, 0.0, 1.0).astype(np.float32)


def _metadata(plugin: str) -> Any:
    """TensorBoard's summary metadata for the scalars or images plugin (written without the
    `tensorboard` package, which `tf.summary.scalar` / `image` would need)."""
    from tensorflow.core.framework import summary_pb2

    meta = summary_pb2.SummaryMetadata
    data_class = summary_pb2.DATA_CLASS_SCALAR if plugin == "scalars" else summary_pb2.DATA_CLASS_BLOB_SEQUENCE
    return meta(plugin_data=meta.PluginData(plugin_name=plugin), data_class=data_class)


def write_scalar(name: str, value: float, step: int) -> None:
    """One scalar event on the default writer (what `tf.summary.scalar` writes)."""
    t = tf()
    t.summary.write(name, t.constant(value, t.float32), step=step, metadata=_metadata("scalars"))


def write_image(name: str, image: np.ndarray, step: int) -> None:
    """One (H, W, C) image in [0, 1] as a PNG event (what `tf.summary.image` writes)."""
    t = tf()
    pixels = np.rint(np.clip(image, 0.0, 1.0) * 255.0).astype(np.uint8)
    png = t.io.encode_png(pixels)
    h, w = pixels.shape[:2]
    tensor = t.stack([t.constant(str(w)), t.constant(str(h)), png])
    t.summary.write(name, tensor, step=step, metadata=_metadata("images"))


class TensorBoardWriter:
    """Writes a run's epochs as TensorBoard events; opened lazily, closed by `close()`."""

    def __init__(self, run_dir: str | Path, *, tanh_output: bool = False,
                 on_error: Callable[[str], None] | None = None) -> None:
        self.folder = tensorboard_dir(run_dir)
        self.tanh_output = tanh_output
        self._on_error = on_error
        self._writer: Any = None
        self._broken = False

    def write_epoch(self, snapshot: Any, history: Mapping[str, Sequence[float]]) -> bool:
        """Write epoch `snapshot.epoch`: each history metric's value there, and the snapshot image.

        Returns False (and turns itself off) when TensorBoard cannot be written.
        """
        if self._broken:
            return False
        epoch = int(snapshot.epoch)
        try:
            t = tf()
            if self._writer is None:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._writer = t.summary.create_file_writer(str(self.folder))
            with self._writer.as_default(step=epoch):
                for name, values in history.items():
                    if len(values) >= epoch and values[epoch - 1] is not None:
                        write_scalar(name, float(values[epoch - 1]), epoch)
                image = snapshot_image(snapshot, self.tanh_output)
                if image is not None:
                    name = "samples" if snapshot.gan_samples is not None else "reconstructions"
                    write_image(name, image, epoch)
            self._writer.flush()
            return True
        except Exception as exc:  # TensorBoard output must never fail the run
            self._broken = True
            if self._on_error is not None:
                self._on_error(f"TensorBoard events are no longer written ({type(exc).__name__}: {exc})"[:300])
            return False

    def close(self) -> None:
        """Flush and close the event file (safe to call twice)."""
        if self._writer is not None:
            try:
                self._writer.close()
            finally:
                self._writer = None


def tensorboard_writer(run_dir: str | Path, bundle: Any, handle: Any) -> TensorBoardWriter:
    """The writer for a training session of `bundle` (a GAN's tanh output is mapped to [0, 1])."""
    tanh = False
    generator = getattr(bundle, "roles", {}).get("generator")
    if generator is not None:
        from core.inspect.user_models import final_activation

        tanh = final_activation(generator) == "tanh"
    return TensorBoardWriter(run_dir, tanh_output=tanh, on_error=handle.message)
