"""The GAN tab's widgets and layout (its run bar, grid, side panel and lower panels), built
onto the tab by `build_gan_tab`; the tab wires them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.gan.grid import GanGridWidget
from gui.gan.interpolation import GanInterpolationWidget
from gui.gan.quality_view import GanQualityWidget
from gui.gan.side_panel import GanSidePanel
from gui.gan.step_controls import GanStepWidget
from gui.gan.timeline import GanTimelineWidget


def build_gan_tab(tab: Any) -> None:
    """Create the tab's widgets as attributes of `tab` (a `GanTab`) and lay them out."""
    tab.run_combo = QComboBox(tab)
    tab.run_combo.setMinimumWidth(260)
    tab.follow_live = QCheckBox(tab)
    tab.follow_live.setChecked(True)
    tab.size_spin = QSpinBox(tab)
    tab.size_spin.setRange(2, 16)
    tab.size_spin.setValue(8)
    tab.seed_spin = QSpinBox(tab)
    tab.seed_spin.setRange(0, 2**31 - 1)
    tab.class_combo = QComboBox(tab)  # an AC-GAN's classes; hidden for an unconditional generator
    tab.class_combo.setVisible(False)
    tab.reseed_button = QPushButton(tab)
    tab.export_grid_button = QPushButton(tab)
    tab.run_label = QLabel(tab)
    top = QHBoxLayout()
    for w in (tab.run_label, tab.run_combo, tab.follow_live, tab.size_spin, tab.seed_spin,
              tab.reseed_button, tab.class_combo, tab.export_grid_button):
        top.addWidget(w)
    top.addStretch(1)

    tab.grid = GanGridWidget(tab)
    tab.side = GanSidePanel(tab)
    splitter = QSplitter(tab)
    splitter.addWidget(tab.grid)
    splitter.addWidget(tab.side)
    splitter.setSizes([520, 420])

    tab.interp = GanInterpolationWidget(tab)
    tab.timeline = GanTimelineWidget(tab)
    tab.export_timeline_button = QPushButton(tab)
    tl = QWidget(tab)
    tll = QVBoxLayout(tl)
    tll.addWidget(tab.timeline, 1)
    tll.addWidget(tab.export_timeline_button)
    tab.quality = GanQualityWidget(tab)
    tab.steps = GanStepWidget(tab)
    tab.panels = QTabWidget(tab)
    for panel in (tab.interp, tl, tab.quality, tab.steps):
        tab.panels.addTab(panel, "")
    tab.status = QLabel("", tab)

    main = QSplitter(Qt.Orientation.Vertical, tab)
    main.addWidget(splitter)
    main.addWidget(tab.panels)
    main.setSizes([460, 300])
    layout = QVBoxLayout(tab)
    layout.addLayout(top)
    layout.addWidget(main, 1)
    layout.addWidget(tab.status)
