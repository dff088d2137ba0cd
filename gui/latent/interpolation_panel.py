"""The latent tab's interpolation: two end points and a strip of decoded images between them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from gui.bridge import LatestWorker
from gui.latent.panel_layout import hbox
from gui.latent.requests import MiscRequest, serve_misc
from gui.widgets.image_view import ImageView
from gui.widgets.live_text import LiveTexts, is_language_change

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
        self.texts = LiveTexts()
        self.end_buttons: list[tuple[str, QPushButton, QPushButton]] = []
        self.cursor_z: np.ndarray | None = None
        self.ends: dict[str, np.ndarray] = {}
        self.strip: np.ndarray | None = None
        grid = QGridLayout()
        self.index_spins: dict[str, QSpinBox] = {}
        self.end_labels: dict[str, QLabel] = {}
        for row, end in enumerate(ENDS):
            cursor, image = QPushButton(), QPushButton()
            self.end_buttons.append((end, cursor, image))
            spin = QSpinBox(minimum=0, maximum=0)
            label = QLabel("")
            self.texts.put(label.setText, self._not_set)
            cursor.clicked.connect(lambda _=False, e=end: self.choose_end(e, "cursor"))
            image.clicked.connect(lambda _=False, e=end: self.choose_end(e, "image"))
            for col, w in enumerate((cursor, image, spin, label)):
                grid.addWidget(w, row, col)
            self.index_spins[end], self.end_labels[end] = spin, label
        grid.setColumnStretch(4, 1)
        self.k_spin = QSpinBox(minimum=2, maximum=40, value=10, prefix="k = ")
        self.decode_button, self.png_button, self.gif_button = QPushButton(), QPushButton(), QPushButton()
        self.image_view = ImageView(min_size=60)
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
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language (the end points' captions made again)."""
        for end, cursor, image in self.end_buttons:
            cursor.setText(self.tr("{0} = cursor").format(end))
            cursor.setToolTip(self.tr("Take the point under the map's cursor as end {0}").format(end))
            image.setText(self.tr("{0} = test image #").format(end))
        self.k_spin.setToolTip(self.tr("Images in the strip, ends included"))
        self.decode_button.setText(self.tr("Decode strip"))
        self.png_button.setText(self.tr("Export PNG…"))
        self.gif_button.setText(self.tr("Export GIF…"))
        self.image_view.set_placeholder(self.tr("Set A and B, then decode the strip"))
        self.texts.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def _not_set(self) -> str:
        return self.tr("not set")

    def set_view(self, view: Any) -> None:
        """A new run: its test images to pick from; the old end points and strip are gone."""
        self.latent_view, self.cursor_z, self.strip = view, None, None
        self.ends.clear()
        n = len(view.test_x) if view is not None else 0
        for end in ENDS:
            self.index_spins[end].setMaximum(max(0, n - 1))
            self.texts.put(self.end_labels[end].setText, self._not_set)
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
        where = f"({p[0]:+.2f}, {p[1]:+.2f})"
        self.texts.put(self.end_labels[end].setText, lambda: where)
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
            raise ValueError(self.tr("nothing to export yet: decode the strip first"))
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
