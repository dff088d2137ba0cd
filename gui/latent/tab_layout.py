"""The Latent map tab's widgets and layout (run picker, note, map, point panel and lower
panels), built onto the tab by `build_latent_tab`; the tab wires them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout

from gui.latent.map_widget import LatentMapWidget
from gui.latent.panels import LatentPanelsWidget
from gui.latent.point_panel import PointPanel
from gui.latent.run_picker import LatentRunPicker


def build_latent_tab(tab: Any) -> None:
    """Create the tab's widgets as attributes of `tab` (a `LatentTab`) and lay them out."""
    tab.picker = LatentRunPicker()
    tab.heat_check = QCheckBox()
    tab.note = QLabel("")
    tab.note.setWordWrap(True)
    tab.map = LatentMapWidget()
    tab.point_panel = side = PointPanel()
    tab.decoded, tab.coords, tab.prediction = side.decoded, side.coords, side.prediction
    tab.hover_image = side.hover_image
    tab.panels = panels = LatentPanelsWidget()
    tab.grid_panel, tab.interp_panel, tab.digit_panel = panels.grid, panels.interp, panels.digit
    tab.history_panel = panels.history
    panels.cvae.bind(tab.state)
    top = QHBoxLayout()
    top.addWidget(tab.picker, 1)
    top.addWidget(tab.heat_check)
    upper = QSplitter(Qt.Orientation.Horizontal)
    upper.addWidget(tab.map)
    upper.addWidget(side)
    upper.setStretchFactor(0, 3)
    upper.setStretchFactor(1, 2)
    body = QSplitter(Qt.Orientation.Vertical)
    body.addWidget(upper)
    body.addWidget(tab.panels)
    body.setStretchFactor(0, 3)
    body.setStretchFactor(1, 2)
    body.setSizes([560, 380])
    lay = QVBoxLayout(tab)
    lay.addLayout(top)
    lay.addWidget(tab.note)
    lay.addWidget(body, 1)
