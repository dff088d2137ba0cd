"""The Latent map tab's lower panels, one tab each: manifold grid, interpolation, where a
drawn digit lands, the latent history, and a conditional VAE's style plane."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QTabWidget, QWidget

from gui.latent.cvae_panel import CvaePanel
from gui.latent.digit_panel import DigitPanel
from gui.latent.grid_panel import GridPanel
from gui.latent.history_panel import HistoryPanel
from gui.latent.interpolation_panel import InterpolationPanel
from gui.widgets.live_text import is_language_change


class LatentPanelsWidget(QTabWidget):
    """Holds the four panels; the tab wires their signals."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid, self.interp = GridPanel(), InterpolationPanel()
        self.digit, self.history = DigitPanel(), HistoryPanel()
        self.cvae = CvaePanel()  # its own cvae run picker: the map above shows AE/VAE runs
        for panel in (self.grid, self.interp, self.digit, self.history, self.cvae):
            self.addTab(panel, "")
        self.retranslate()

    def retranslate(self) -> None:
        """Tab names in the current language."""
        names = (self.tr("Manifold grid"), self.tr("Interpolation"), self.tr("Where does my digit land"),
                 self.tr("Latent history"), self.tr("Conditional VAE: one style, every digit"))
        for i, name in enumerate(names):
            self.setTabText(i, name)
        self.setTabToolTip(1, self.tr("Decode the points on the straight line between two points of the latent space"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)
