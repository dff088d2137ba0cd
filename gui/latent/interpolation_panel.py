"""The latent tab's interpolation: two end points and a strip of decoded images between them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from gui.bridge import LatestWorker
from gui.latent.panel_layout import hbox
from gui.latent.requests import MiscRequest, serve_misc
from gui.widgets.image_view import ImageView

ENDS = ("A", "B")


class InterpolationPanel(QWidget):
    """End points from the map cursor (`set_cursor`) or a test image; decodes on its own worker.

    Signals: `end_marked(str, object)` ("A"/"B", plane point or None) for the map's markers;
    `export_requested(str)` ("png" | "gif"); `failed(str)`.
    """

    end_marked = Signal(str, object)
    export_requested = Signal(str)
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.latent_view: Any = None
        self.cursor_z: np.ndarray | None = None
        self.ends: dict[str, np.ndarray] = {}
        self.strip: np.ndarray | None = None
        grid = QGridLayout()
        self.index_spins: dict[str, QSpinBox] = {}
        self.end_labels: dict[str, QLabel] = {}
        for row, end in enumerate(ENDS):
            cursor = QPushButton(f"{end} = cursor")
            image = QPushButton(f"{end} = test image #")
            spin = QSpinBox(minimum=0, maximum=0)
            label = QLabel("not set")
            cursor.clicked.connect(lambda _=False, e=end: self.choose_end(e, "cursor"))
            image.clicked.connect(lambda _=False, e=end: self.choose_end(e, "image"))
            for col, w in enumerate((cursor, image, spin, label)):
                grid.addWidget(w, row, col)
            self.index_spins[end], self.end_labels[end] = spin, label
        grid.setColumnStretch(4, 1)
        self.k_spin = QSpinBox(minimum=2, maximum=40, value=10, prefix="k = ")
        self.decode_button = QPushButton("Decode strip")
        self.png_button = QPushButton("Export PNG…")
        self.gif_button = QPushButton("Export GIF…")
        self.image_view = ImageView(min_size=60)
        self.image_view.set_placeholder("Set A and B, then decode the strip")
        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addLayout(hbox(self.k_spin, self.decode_button, self.png_button, self.gif_button))
        lay.addWidget(self.image_view, 1)
        self.worker = LatestWorker(serve_misc, self)
        self.worker.computed.connect(self._on_worker_computed)
        self.worker.failed.connect(self.failed)
        self.decode_button.clicked.connect(self.request)
        self.k_spin.valueChanged.connect(lambda _k: self.request())
        self.png_button.clicked.connect(lambda: self.export_requested.emit("png"))
        self.gif_button.clicked.connect(lambda: self.export_requested.emit("gif"))

    def set_view(self, view: Any) -> None:
        """A new run: its test images to pick from; the old end points and strip are gone."""
        self.latent_view, self.cursor_z, self.strip = view, None, None
        self.ends.clear()
        n = len(view.test_x) if view is not None else 0
        for end in ENDS:
            self.index_spins[end].setMaximum(max(0, n - 1))
            self.end_labels[end].setText("not set")
            self.end_marked.emit(end, None)
        if self.index_spins["B"].value() == 0:
            self.index_spins["B"].setValue(min(1, max(0, n - 1)))
        self.image_view.set_image(None)

    def set_cursor(self, z: np.ndarray | None) -> None:
        """The latent point under the map's cursor (what "A = cursor" takes)."""
        self.cursor_z = z

    def choose_end(self, end: str, source: str) -> None:
        """Set `end` from the cursor (`source` "cursor") or the chosen test image ("image")."""
        if self.latent_view is None:
            return
        if source == "cursor":
            if self.cursor_z is not None:
                self.set_end(end, self.cursor_z)
        else:
            self.set_end(end, self.latent_view.test_z[self.index_spins[end].value()])

    def set_end(self, end: str, z: np.ndarray) -> None:
        """Set end `end` to latent point `z`; decode the strip once both ends are set."""
        self.ends[end] = np.asarray(z, np.float32)
        p = self.latent_view.projection.to_plane(self.ends[end][None])[0]
        self.end_labels[end].setText(f"({p[0]:+.2f}, {p[1]:+.2f})")
        self.end_marked.emit(end, (float(p[0]), float(p[1])))
        if len(self.ends) == 2:
            self.request()

    def request(self) -> None:
        """Decode k images along the segment A -> B."""
        if self.latent_view is not None and len(self.ends) == 2:
            args = (self.ends["A"], self.ends["B"], self.k_spin.value())
            self.worker.submit(MiscRequest(self.latent_view, "interp", args))

    def export(self, path: str | Path, fmt: str = "png") -> Path:
        """Write the strip as a PNG or a there-and-back GIF; ValueError when none is decoded."""
        from core.images import save_gif, save_png, tile

        if self.strip is None:
            raise ValueError("nothing to export yet: decode the strip first")
        if fmt == "gif":
            frames = list(self.strip) + list(self.strip[::-1][1:-1])  # there and back
            return save_gif(frames, path, fps=10, scale=8)
        return save_png(tile(self.strip, cols=len(self.strip), pad=1), path, scale=4)

    def _on_worker_computed(self, req: MiscRequest, result: np.ndarray) -> None:
        from core.images import tile

        if req.view is not self.latent_view:
            return
        self.strip = result
        self.image_view.set_image(tile(result, cols=len(result), pad=1))
