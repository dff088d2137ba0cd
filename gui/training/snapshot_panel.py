"""The Training tab's snapshot panel: the latest epoch's reconstructions or GAN samples, with a
caption that always describes the picture shown (empty panel, empty caption)."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gui.widgets.image_view import ImageView, tile_images


def snapshot_image(snapshot: Any) -> tuple[np.ndarray | None, str]:
    """The picture for an epoch snapshot: originals over reconstructions, or the GAN grid."""
    if getattr(snapshot, "reconstructions", None) is not None and snapshot.originals is not None:
        n = min(8, len(snapshot.originals), len(snapshot.reconstructions))
        both = np.concatenate([snapshot.originals[:n], snapshot.reconstructions[:n]])
        caption = QCoreApplication.translate("SnapshotPanel", "Epoch {0}: originals (top), reconstructions (bottom)")
        return tile_images(both, cols=n), caption.format(snapshot.epoch)
    if getattr(snapshot, "gan_samples", None) is not None:
        caption = QCoreApplication.translate("SnapshotPanel", "Epoch {0}: samples from fixed noise")
        return tile_images(snapshot.gan_samples[:64], cols=8), caption.format(snapshot.epoch)
    return None, ""


class SnapshotPanel(QWidget):
    """An image view over a caption; `show_snapshot` fills both, `clear` empties both."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = ImageView(min_size=120)
        self.snapshot: Any = None  # the snapshot shown, to re-caption it on a language change
        self.caption = QLabel("")
        self.caption.setWordWrap(True)
        # Fixed height: a label growing mid-run would resize the plot and force a full redraw.
        self.caption.setFixedHeight(3 * self.caption.fontMetrics().lineSpacing())
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.caption, 0)
        self.retranslate()

    def retranslate(self) -> None:
        """Placeholder and caption in the current language."""
        self.view.set_placeholder(self.tr("Reconstructions or GAN samples appear here after each epoch."))
        if self.snapshot is not None:
            self.caption.setText(snapshot_image(self.snapshot)[1])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def show_snapshot(self, snapshot: Any) -> bool:
        """Show an epoch snapshot; False (and the panel unchanged) when it holds no picture."""
        image, caption = snapshot_image(snapshot) if snapshot is not None else (None, "")
        if image is None:
            return False
        self.view.set_image(image)
        self.caption.setText(caption)
        self.snapshot = snapshot
        return True

    def clear(self) -> None:
        """Empty the panel: no picture, no caption."""
        self.view.set_image(None)
        self.snapshot = None
        self.caption.setText("")

    def caption_text(self) -> str:
        """The caption shown under the picture."""
        return self.caption.text()
