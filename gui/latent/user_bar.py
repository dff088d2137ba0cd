"""The Latent map's bar for a user's decoder file: "Open encoder…", the dataset the encoder
encodes (scattered on the map), and, for a latent of more than 2 dimensions, the plane: two
dimension choosers with a slider for each other dimension, or the PCA plane of the encoded
test set (with an encoder). Loading runs on a worker; the bar hands the tab a `LatentView`
(`set_view`) and later planes (`set_projection`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from gui.bridge import Job, start_job
from gui.latent.user_model import axes_projection, load_user_view

SLIDER_SCALE = 100  # slider steps per latent unit
ROLES: dict[tuple[str, float], tuple[str, ...]] = {}


def file_roles(path: Path) -> tuple[str, ...]:
    """The roles a model file fits (cached per file version); () when unreadable."""
    try:
        key = (str(Path(path).resolve()), Path(path).stat().st_mtime)
    except OSError:
        return ()
    if key not in ROLES:
        try:
            from core.inspect.user_models import roles_of_file

            ROLES[key] = tuple(roles_of_file(path))
        except Exception:  # noqa: BLE001 - not a model this tab can show
            ROLES[key] = ()
    return ROLES[key]


class LatentUserBar(QWidget):
    """Controls of a user's decoder on the map; `tab` is the `LatentTab` (its public parts)."""

    def __init__(self, tab: Any) -> None:
        super().__init__(tab)
        self.tab = tab
        self.decoder_path: Path | None = None
        self.encoder_path: Path | None = None
        self.view: Any = None
        self.values = np.zeros(0, np.float32)
        self.job: Job | None = None
        self.sliders: list[tuple[QLabel, QSlider]] = []
        self.encoder_button, self.dataset_combo = QPushButton(self), QComboBox(self)
        self.plane_combo, self.x_combo, self.y_combo = QComboBox(self), QComboBox(self), QComboBox(self)
        self.plane_label = QLabel(self)
        row = QHBoxLayout()
        for w in (self.encoder_button, self.dataset_combo, self.plane_label, self.plane_combo, self.x_combo, self.y_combo):
            row.addWidget(w)
        row.addStretch(1)
        self.slider_box = QWidget(self)
        self.slider_grid = QGridLayout(self.slider_box)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.slider_box)
        self.scroll.setMaximumHeight(110)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.scroll)
        self.plane_combo.addItem("", "axes")
        self.plane_combo.addItem("", "pca")
        self.encoder_button.clicked.connect(self._on_encoder_button_clicked)
        self.dataset_combo.activated.connect(lambda _i: self.reload())
        self.plane_combo.activated.connect(lambda _i: self.apply_plane())
        self.x_combo.activated.connect(lambda _i: self.apply_plane())
        self.y_combo.activated.connect(lambda _i: self.apply_plane())
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language."""
        self.encoder_button.setText(self.tr("Open encoder…"))
        self.encoder_button.setToolTip(self.tr("An encoder file: the chosen dataset's test set is encoded and "
                                               "scattered on the map"))
        self.dataset_combo.setToolTip(self.tr("The dataset the encoder encodes"))
        self.plane_label.setText(self.tr("Plane"))
        self.plane_combo.setItemText(0, self.tr("two dimensions"))
        self.plane_combo.setItemText(1, self.tr("PCA plane of the encoded test set"))
        self.x_combo.setToolTip(self.tr("Latent dimension on the horizontal axis"))
        self.y_combo.setToolTip(self.tr("Latent dimension on the vertical axis"))
        for k, (label, slider) in enumerate(self.sliders):
            label.setText(self.tr("z[{0}] = {1:+.2f}").format(k, slider.value() / SLIDER_SCALE))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def active(self) -> bool:
        """Whether a user's decoder is on the map."""
        return self.view is not None and self.view is self.tab.view

    def open_decoder(self, path: Path, encoder: Path | None = None) -> Job:
        """Load a decoder file (and `encoder`) on a worker; the map shows it when loaded."""
        if self.dataset_combo.count() == 0:
            from core.data.sources import describe_sources

            for source, label in describe_sources():
                self.dataset_combo.addItem(label, source)
            self.dataset_combo.setCurrentIndex(max(0, self.dataset_combo.findData("digits")))
        self.decoder_path, self.encoder_path = Path(path), encoder
        return self.reload()

    def reload(self) -> Job:
        """Load the decoder, encoder and dataset chosen now."""
        if self.job is not None:
            self.job.cancel()
        self.job = start_job(load_user_view, self.decoder_path, self.encoder_path,
                             str(self.dataset_combo.currentData() or "digits"))
        self.job.succeeded.connect(self._on_job_succeeded)
        self.job.failed.connect(self._on_job_failed)
        return self.job

    def _on_job_succeeded(self, view: Any) -> None:
        if self.sender() is not self.job:
            return
        self.view = view
        dim = view.model.latent_dim
        self.values = np.zeros(dim, np.float32)
        for combo, default in ((self.x_combo, 0), (self.y_combo, 1)):
            combo.clear()
            for k in range(dim):
                combo.addItem(f"z[{k}]", k)
            combo.setCurrentIndex(min(default, dim - 1))
        pca = view.model.has_encoder and not view.projection.is_identity and len(view.test_z) >= 3
        self.plane_combo.setCurrentIndex(1 if pca else 0)
        self.plane_combo.model().item(1).setEnabled(bool(view.model.has_encoder))  # type: ignore[attr-defined]
        self._make_sliders(dim)
        for w in (self.plane_label, self.plane_combo, self.x_combo, self.y_combo, self.scroll):
            w.setVisible(dim > 2)
        self.dataset_combo.setEnabled(view.model.has_encoder)
        self.show()
        self.tab.set_view(view)
        self.apply_plane()

    def _on_job_failed(self, message: str) -> None:
        if self.sender() is self.job:
            self.tab.state.show_error(self.tab, self.tr("Latent map"), message)

    def _make_sliders(self, dim: int) -> None:
        for label, slider in self.sliders:
            label.deleteLater()
            slider.deleteLater()
        self.sliders = []
        for k in range(dim):
            label, slider = QLabel(self.slider_box), QSlider(Qt.Orientation.Horizontal, self.slider_box)
            slider.setRange(-3 * SLIDER_SCALE, 3 * SLIDER_SCALE)
            slider.valueChanged.connect(lambda v, k=k: self._on_slider_value_changed(k, v))
            self.slider_grid.addWidget(label, k // 3, 2 * (k % 3))
            self.slider_grid.addWidget(slider, k // 3, 2 * (k % 3) + 1)
            self.sliders.append((label, slider))
        self.retranslate()

    def _on_slider_value_changed(self, k: int, value: int) -> None:
        self.values[k] = value / SLIDER_SCALE
        self.sliders[k][0].setText(self.tr("z[{0}] = {1:+.2f}").format(k, value / SLIDER_SCALE))
        self.apply_plane()

    def apply_plane(self) -> None:
        """Show the plane chosen now: two dimensions (the others on their sliders) or PCA."""
        view = self.view
        if not self.active or view.model.latent_dim <= 2:
            return
        axes = self.plane_combo.currentData() == "axes"
        x, y = int(self.x_combo.currentData()), int(self.y_combo.currentData())
        for k, (label, slider) in enumerate(self.sliders):
            on = axes and k not in (x, y)
            label.setVisible(on)
            slider.setVisible(on)
        self.scroll.setVisible(axes)  # the PCA plane has no sliders: no empty box either
        self.x_combo.setEnabled(axes)
        self.y_combo.setEnabled(axes)
        if axes:
            if x == y:
                return  # two different dimensions are needed: keep the plane shown
            self.tab.set_projection(axes_projection(view.model.latent_dim, x, y, self.values))
        elif len(view.test_z) >= 3:
            from core.latent.plane import PlaneProjection

            self.tab.set_projection(PlaneProjection.fit(view.test_z))

    def _on_encoder_button_clicked(self) -> None:
        from gui import dialogs

        path = dialogs.choose_model_file(self, self.tab.state.settings)
        if path is not None and self.decoder_path is not None:
            self.open_decoder(self.decoder_path, Path(path))

    def shutdown(self, timeout_s: float) -> None:
        """Stop the loading job."""
        if self.job is not None:
            self.job.cancel()
            self.job.wait(timeout_s)
