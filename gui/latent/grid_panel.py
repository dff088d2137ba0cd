"""The latent tab's manifold grid: n x n decoded images over the map's visible bounds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.bridge import LatestWorker
from gui.latent.panel_layout import hbox
from gui.latent.requests import GridRequest, serve_grid
from gui.widgets.image_view import ImageView
from gui.widgets.live_text import LiveTexts, is_language_change

SPACINGS = {"linear": QT_TRANSLATE_NOOP("GridPanel", "linear"), "gaussian": QT_TRANSLATE_NOOP("GridPanel", "gaussian")}


class GridPanel(QWidget):
    """Decodes the grid on its own `LatestWorker` (one batched call per request).

    Signals: `overlay_changed()` when the map overlay (`overlay_image`) changed;
    `export_requested()`; `failed(str)`.
    """

    overlay_changed = Signal()
    export_requested = Signal()
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.latent_view: Any = None  # core.latent.view.LatentView
        self.texts = LiveTexts()
        self.bounds: tuple[float, float, float, float] | None = None
        self.images: np.ndarray | None = None
        self.n = 0
        self.n_spin = QSpinBox(minimum=2, maximum=40, value=15, prefix="n = ")
        self.spacing = QComboBox()
        for spacing in SPACINGS:
            self.spacing.addItem(spacing, spacing)
        self.overlay = QCheckBox()
        self.decode_button = QPushButton()
        self.export_button = QPushButton()
        self.image_view = ImageView(min_size=120)
        self.info = QLabel("")
        lay = QVBoxLayout(self)
        lay.addLayout(hbox(self.n_spin, self.spacing, self.overlay, self.decode_button, self.export_button))
        lay.addWidget(self.image_view, 1)
        lay.addWidget(self.info)
        self.worker = LatestWorker(serve_grid, self)
        self.worker.computed.connect(self._on_worker_computed)
        self.worker.failed.connect(self.failed)
        self.decode_button.clicked.connect(lambda: self.request())
        self.n_spin.valueChanged.connect(lambda _n: self.request())
        self.spacing.currentIndexChanged.connect(lambda _i: self.request())
        self.overlay.toggled.connect(lambda _on: self.overlay_changed.emit())
        self.export_button.clicked.connect(self.export_requested)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language (the grid's caption made again)."""
        for i, spacing in enumerate(SPACINGS.values()):
            self.spacing.setItemText(i, self.tr(spacing))
        self.spacing.setToolTip(self.tr("gaussian: grid lines at quantiles of N(0, 1), denser near the middle"))
        self.n_spin.setToolTip(self.tr("Images per row and per column"))
        self.overlay.setText(self.tr("Overlay on map"))
        self.decode_button.setText(self.tr("Decode grid"))
        self.export_button.setText(self.tr("Export PNG…"))
        self.image_view.set_placeholder(self.tr("The manifold grid appears here"))
        self.texts.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def set_view(self, view: Any) -> None:
        """Forget the old run's grid; gaussian spacing for a VAE, linear otherwise."""
        self.latent_view, self.bounds, self.images, self.n = view, None, None, 0
        self.spacing.blockSignals(True)
        self.spacing.setCurrentIndex(self.spacing.findData("gaussian" if view is not None and view.model.kind == "vae"
                                                           else "linear"))
        self.spacing.blockSignals(False)
        self.image_view.set_image(None)
        self.texts.put(self.info.setText, lambda: "")
        self.overlay_changed.emit()

    def request(self, bounds: tuple[float, float, float, float] | None = None) -> None:
        """Decode the grid over `bounds` (default: the last bounds asked for)."""
        if bounds is not None:
            self.bounds = bounds
        if self.latent_view is None or self.bounds is None:
            return
        n, spacing = self.n_spin.value(), str(self.spacing.currentData())
        self.texts.put(self.info.setText, lambda: self.tr("decoding {0} × {0} …").format(n))
        self.worker.submit(GridRequest(self.latent_view, self.bounds, n, spacing))

    def overlay_image(self) -> np.ndarray | None:
        """The grid as one image for the map overlay, when asked for and decoded."""
        from core.images import tile

        if not self.overlay.isChecked() or self.images is None:
            return None
        return tile(self.images, cols=self.n, pad=0)

    def export_png(self, path: str | Path) -> Path:
        """Write the grid as a PNG; ValueError when none is decoded yet."""
        from core.images import save_png, tile

        if self.images is None:
            raise ValueError(self.tr("nothing to export yet: decode the grid first"))
        return save_png(tile(self.images, cols=self.n, pad=0), path, scale=2)

    def _on_worker_computed(self, req: GridRequest, images: np.ndarray) -> None:
        from core.images import tile

        if req.view is not self.latent_view:
            return  # made for a run no longer shown
        self.images, self.n = images, req.n
        self.image_view.set_image(tile(images, cols=req.n, pad=1))
        xmin, xmax, ymin, ymax = req.bounds
        xs, ys = f"[{xmin:.2f}, {xmax:.2f}]", f"[{ymin:.2f}, {ymax:.2f}]"
        self.texts.put(self.info.setText, lambda: self.tr(
            "{0} × {0} images, {1} spacing over x {2}, y {3} (top row = largest y)").format(
            req.n, self.tr(SPACINGS.get(req.spacing, req.spacing)), xs, ys))
        self.overlay_changed.emit()
