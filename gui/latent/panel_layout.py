"""Layout helper shared by the latent tab's panels."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget


def hbox(*widgets: QWidget) -> QHBoxLayout:
    """A row of `widgets`, left-aligned (a stretch after them)."""
    row = QHBoxLayout()
    for w in widgets:
        row.addWidget(w)
    row.addStretch(1)
    return row
