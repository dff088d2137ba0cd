"""Everything the latent map shows for one run (`LatentView`), loaded off the GUI thread."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from core.latent.model import LatentModel
from core.latent.plane import Bounds, LatentError, PlaneProjection, data_bounds
from core.progress import ProgressHandle
from core.training.run_folder import EpochSnapshot, load_run_info, load_snapshots


@dataclass(frozen=True)
class HistoryFrame:
    """The probe set's encoded positions after one epoch."""

    epoch: int
    z: np.ndarray
    labels: np.ndarray


def history_frames(snapshots: Sequence[EpochSnapshot]) -> list[HistoryFrame]:
    """One frame per snapshot that holds probe codes, in the snapshots' order."""
    frames = []
    for snap in snapshots:
        if snap.probe_z is None:
            continue
        z = np.asarray(snap.probe_z)
        labels = np.zeros(len(z), np.int64) if snap.probe_labels is None else np.asarray(snap.probe_labels)
        frames.append(HistoryFrame(int(snap.epoch), z, labels))
    return frames


@dataclass
class LatentView:
    """Everything the latent map shows for one run, prepared off the GUI thread."""

    run_dir: Path
    config: dict[str, Any]
    model: LatentModel
    projection: PlaneProjection
    test_x: np.ndarray
    test_y: np.ndarray
    test_z: np.ndarray
    test_plane: np.ndarray
    train_x: np.ndarray
    train_y: np.ndarray
    train_z: np.ndarray
    history: list[HistoryFrame]
    class_names: tuple[str, ...]
    dataset_name: str

    @property
    def bounds(self) -> Bounds:
        """Default visible bounds of the map."""
        return data_bounds(self.test_plane, self.model.kind)


def load_view(run_dir: str | Path, classifier_run: str | Path | None = None, *,
              max_points: int = 10000, handle: ProgressHandle | None = None) -> LatentView:
    """Load a run, its dataset (test split up to `max_points`, training images for the nearest-
    image search), encode both and fit the plane. Runs on a worker thread."""
    from core.data.sources import load_dataset_cached

    handle = handle or ProgressHandle()
    handle.message("loading models")
    model = LatentModel.from_run(run_dir, classifier_run)
    config = load_run_info(run_dir).config
    handle.message("loading dataset")
    data = load_dataset_cached(str(config.get("dataset", "digits")))
    if tuple(data.image_shape) != model.image_shape:
        raise LatentError(f"dataset images {data.image_shape} do not fit the run's {model.image_shape}")
    data = data.subset(max_points, max_points)
    handle.message(f"encoding {len(data.x_test) + len(data.x_train)} images")
    test_z, train_z = model.encode(data.x_test), model.encode(data.x_train)
    projection = PlaneProjection.fit(test_z)
    return LatentView(Path(run_dir), config, model, projection, data.x_test, data.y_test, test_z,
                      projection.to_plane(test_z), data.x_train, data.y_train, train_z, history_frames(load_snapshots(run_dir)),
                      tuple(data.class_names), data.name)
