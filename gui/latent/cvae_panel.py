"""The Latent map's conditional-VAE panel: p(x|y) made visible.

For a cvae run, the label carries the digit and the latent carries the style: the panel
decodes the style plane (latent dimensions 1 and 2, the rest 0) for a chosen digit, and the
ten digits at one style point (click the plane to move it). Decoding runs on a
`LatestWorker` that owns the run's decoder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from gui.bridge import LatestWorker
from gui.widgets.image_view import ImageView, tile_images
from gui.widgets.live_text import is_language_change

#: Cells per side of the style plane, and its extent in each latent dimension (the prior's ±3σ).
PLANE_N, PLANE_EXTENT = 11, 3.0


def plane_points(latent_dim: int, n: int = PLANE_N, extent: float = PLANE_EXTENT) -> np.ndarray:
    """(n*n, latent_dim) grid over dimensions 1-2 (others 0), top row = highest z2."""
    axis = np.linspace(-extent, extent, n, dtype=np.float32)
    z2, z1 = np.meshgrid(axis[::-1], axis, indexing="ij")
    points = np.zeros((n * n, latent_dim), np.float32)
    points[:, 0] = z1.reshape(-1)
    if latent_dim > 1:
        points[:, 1] = z2.reshape(-1)
    return points


class CvaeDecoder:
    """Worker side: the run's decoder (loaded once per run), decoding a plane and a row."""

    def __init__(self) -> None:
        self._models: dict[str, Any] = {}

    def __call__(self, request: tuple[str, int, tuple[float, float]]) -> tuple[np.ndarray, np.ndarray, int]:
        from core.density.model import DensityModel

        path, digit, (z1, z2) = request
        if path not in self._models:
            self._models[path] = DensityModel.from_run(path)
        model = self._models[path]
        points = plane_points(model.latent_dim)
        plane = model.decode(points, np.full(len(points), digit))
        style = np.zeros((model.num_classes, model.latent_dim), np.float32)
        style[:, 0] = z1
        if model.latent_dim > 1:
            style[:, 1] = z2
        row = model.decode(style, np.arange(model.num_classes))
        return _grey(plane), _grey(row), model.num_classes


def framed(tiled: np.ndarray, point: tuple[float, float], cell: tuple[int, int]) -> np.ndarray:
    """The tiled plane in colour with a red frame (in the one-pixel padding) around the
    cell nearest to the style point."""
    axis = np.linspace(-PLANE_EXTENT, PLANE_EXTENT, PLANE_N)
    col, row = int(np.argmin(np.abs(axis - point[0]))), int(np.argmin(np.abs(axis[::-1] - point[1])))
    rgb = np.repeat(tiled[..., None], 3, axis=-1) if tiled.ndim == 2 else tiled.copy()
    h, w = cell
    top, left = row * (h + 1) - 1, col * (w + 1) - 1
    bottom, right = min(top + h + 1, rgb.shape[0] - 1), min(left + w + 1, rgb.shape[1] - 1)
    top, left = max(top, 0), max(left, 0)
    red = np.array([1.0, 0.0, 0.0], np.float32)
    rgb[top, left:right + 1] = rgb[bottom, left:right + 1] = red
    rgb[top:bottom + 1, left] = rgb[top:bottom + 1, right] = red
    return rgb


def _grey(images: np.ndarray) -> np.ndarray:
    return images[..., 0] if images.shape[-1] == 1 else images


class CvaePanel(QWidget):
    """Style plane for a chosen digit and all digits at one style point (see module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state: Any = None
        self.run_combo, self.digit_combo = QComboBox(), QComboBox()
        for digit in range(10):
            self.digit_combo.addItem(str(digit), digit)
        self.plane, self.row = ImageView(min_size=160), ImageView(min_size=40)
        self.note, self.run_label, self.digit_label = QLabel(), QLabel(), QLabel()
        self.note.setWordWrap(True)
        self.style_point = (0.0, 0.0)
        self.last_result: tuple[np.ndarray, np.ndarray, int] | None = None
        grid = QGridLayout(self)
        grid.addWidget(self.run_label, 0, 0)
        grid.addWidget(self.run_combo, 0, 1)
        grid.addWidget(self.digit_label, 0, 2)
        grid.addWidget(self.digit_combo, 0, 3)
        grid.addWidget(self.note, 1, 0, 1, 4)
        grid.addWidget(self.plane, 2, 0, 1, 2)
        grid.addWidget(self.row, 2, 2, 1, 2)
        grid.setRowStretch(2, 1)
        self.worker = LatestWorker(CvaeDecoder(), self)
        self.worker.computed.connect(self._on_worker_computed)
        self.worker.failed.connect(self._on_worker_failed)
        self.run_combo.activated.connect(self.request)
        self.digit_combo.activated.connect(self.request)
        self.plane.clicked.connect(self._on_plane_clicked)
        self.retranslate()

    def bind(self, state: Any) -> None:
        """Follow the app state's run list and current run."""
        self.state = state
        state.runs_changed.connect(self.refresh_runs)
        state.current_run_changed.connect(self._on_state_current_run_changed)
        self.refresh_runs()

    def retranslate(self) -> None:
        self.run_label.setText(self.tr("CVAE run"))
        self.digit_label.setText(self.tr("Digit"))
        self.note.setText(self.tr("A conditional VAE is told the digit, so its latent keeps only the style. Left: "
                                  "the style plane for the chosen digit (click to pick a style). Right: every "
                                  "digit in that style.") if self.run_combo.count()
                          else self.tr("Train a conditional VAE (kind cvae) to see p(x|y): one style, every digit."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def refresh_runs(self) -> None:
        """List the trained cvae runs, keeping the choice."""
        chosen = self.run_combo.currentData()
        self.run_combo.clear()
        for info in self.state.list_runs() if self.state is not None else []:
            if info.kind == "cvae" and info.epochs_done > 0:
                self.run_combo.addItem(Path(info.path).name, str(info.path))
        index = self.run_combo.findData(chosen) if chosen is not None else -1
        self.run_combo.setCurrentIndex(index if index >= 0 else (0 if self.run_combo.count() else -1))
        self.retranslate()
        if chosen != self.run_combo.currentData():
            self.request()

    def select_run(self, run_dir: Path) -> None:
        """Show `run_dir` when it is a listed cvae run."""
        index = self.run_combo.findData(str(run_dir))
        if index >= 0:
            self.run_combo.setCurrentIndex(index)
            self.request()

    def _on_state_current_run_changed(self, run_dir: object) -> None:
        if isinstance(run_dir, Path):
            self.select_run(run_dir)

    def request(self, *_args: object) -> None:
        """Decode the plane and the row for the current choices (latest wins)."""
        path = self.run_combo.currentData()
        if path is not None:
            self.worker.submit((str(path), int(self.digit_combo.currentData()), self.style_point))

    def _on_plane_clicked(self, x: int, y: int) -> None:
        image = self.plane.image()
        if image is None:
            return
        cell = (image.shape[0] + 1) // PLANE_N  # tiles are padded by one pixel
        col, row = min(x // cell, PLANE_N - 1), min(y // cell, PLANE_N - 1)
        axis = np.linspace(-PLANE_EXTENT, PLANE_EXTENT, PLANE_N)
        self.style_point = (float(axis[col]), float(axis[::-1][row]))
        self.request()

    def _on_worker_computed(self, request: object, result: object) -> None:
        plane, row, n_classes = result  # type: ignore[misc]
        self.last_result = (plane, row, n_classes)
        point = request[2] if isinstance(request, tuple) else self.style_point
        self.plane.set_image(framed(tile_images(plane, cols=PLANE_N), point, plane.shape[1:3]))
        self.row.set_image(tile_images(row, cols=min(5, n_classes)))

    def _on_worker_failed(self, message: str) -> None:
        self.note.setText(self.tr("Could not decode: {0}").format(message))
