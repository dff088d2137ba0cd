"""The Training tab's settings form: model kind, dataset, hyper-parameters and run buttons.

The form only holds choices; it never starts work. It emits `dataset_requested(source)` when
the user picks a dataset (including through the "Open IDX folder…"/"Open .npz…" entries).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.models import ARCHS, DEFAULTS, KINDS, defaults_for
from gui import dialogs

KIND_LABELS = {"classifier": "Classifier (784→64→64→10)", "autoencoder": "Autoencoder",
               "vae": "VAE (2-D latent)", "gan": "GAN",
               "cvae": "Conditional VAE (label-aware)"}  # English; shown through `kind_label`
#: The metrics each kind reports per batch (GAN quality metrics join at epoch ends).
KIND_METRICS: dict[str, list[str]] = {
    "classifier": ["loss", "accuracy"], "autoencoder": ["loss"],
    "vae": ["loss", "reconstruction_loss", "kl_loss"], "gan": ["d_loss", "g_loss"],
    "cvae": ["loss", "reconstruction_loss", "kl_loss"],
}
OPEN_IDX, OPEN_NPZ = "__open_idx__", "__open_npz__"
OPEN_FOLDER = "__open_folder__"  # class subfolders of images: the `folder:DIR` source
OPENERS = (OPEN_IDX, OPEN_NPZ, OPEN_FOLDER)


def legend_lines(kind: str) -> tuple[str, ...]:
    """The curve kinds a live run of `kind` draws: per epoch, plus validation (the classifier's
    validation split; the held-out test split of the autoencoder, VAE and CVAE)."""
    return ("epoch", "val") if kind in ("classifier", "autoencoder", "vae", "cvae") else ("epoch",)


def kind_label(kind: str) -> str:
    """The model kind's name in the current language."""
    labels = {
        "classifier": QCoreApplication.translate("TrainingFormWidget", "Classifier (784→64→64→10)"),
        "autoencoder": QCoreApplication.translate("TrainingFormWidget", "Autoencoder"),
        "vae": QCoreApplication.translate("TrainingFormWidget", "VAE (2-D latent)"),
        "gan": QCoreApplication.translate("TrainingFormWidget", "GAN"),
        "cvae": QCoreApplication.translate("TrainingFormWidget", "Conditional VAE (label-aware)"),
    }
    return labels.get(kind, kind)


def arch_label(arch: str) -> str:
    """An architecture's name in the current language ("default": chosen for the dataset)."""
    labels = {
        "default": QCoreApplication.translate("TrainingFormWidget", "default for the dataset"),
        "acgan": QCoreApplication.translate("TrainingFormWidget", "AC-GAN (class-conditional DCGAN)"),
        "dcgan": QCoreApplication.translate("TrainingFormWidget", "DCGAN (unconditional)"),
        "dense": QCoreApplication.translate("TrainingFormWidget", "dense layers"),
        "conv": QCoreApplication.translate("TrainingFormWidget", "convolutional"),
        "mlp": QCoreApplication.translate("TrainingFormWidget", "dense layers"),
    }
    return labels.get(arch, arch)


def source_label(source: str) -> str:
    """A combo label for a user-chosen source such as `npz:/a/b.npz`."""
    kind, _, path = source.partition(":")
    return f"{kind.upper()}: {Path(path).name}" if path else source


class TrainingFormWidget(QGroupBox):
    """Kind, dataset and hyper-parameter controls plus Train/Pause/Resume/Stop buttons."""

    dataset_requested = Signal(str)

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings  # where the file dialogs remember their last folder
        self.source: str | None = None
        # core.models' defaults module is TensorFlow-free: the form is filled before the engine loads.
        self.defaults = {k: dict(v) for k, v in DEFAULTS.items()}
        self.kind_combo = QComboBox()
        for kind in KIND_LABELS:
            self.kind_combo.addItem(kind, kind)
        self.arch_combo = QComboBox()
        self.dataset_combo = QComboBox()
        self.dataset_combo.addItem("", None)
        self.dataset_label = QLabel()
        self.dataset_label.setWordWrap(True)
        # Room for three lines whatever the language: a wrapped label inside the splitter
        # doesn't grow again after a live language switch makes its text longer.
        self.dataset_label.setMinimumHeight(3 * self.dataset_label.fontMetrics().lineSpacing() + 2)
        self.epochs_spin, self.batch_spin = QSpinBox(), QSpinBox()
        self.epochs_spin.setRange(1, 1000)
        self.batch_spin.setRange(1, 4096)
        self.lr_spin = QDoubleSpinBox()
        self.lr_spin.setDecimals(5)
        self.lr_spin.setRange(1e-5, 1.0)
        self.lr_spin.setSingleStep(1e-4)
        self.latent_spin, self.seed_spin, self.max_train_spin = QSpinBox(), QSpinBox(), QSpinBox()
        self.latent_spin.setRange(1, 512)
        self.seed_spin.setRange(0, 2**31 - 1)
        self.max_train_spin.setRange(0, 1_000_000)
        self.max_train_spin.setSingleStep(500)
        form = QFormLayout()
        self.row_labels: dict[str, QLabel] = {}
        for key, widget in (("model", self.kind_combo), ("arch", self.arch_combo),
                            ("dataset", self.dataset_combo),
                            ("", self.dataset_label), ("epochs", self.epochs_spin),
                            ("batch_size", self.batch_spin), ("learning_rate", self.lr_spin),
                            ("latent_dim", self.latent_spin), ("seed", self.seed_spin),
                            ("max_train", self.max_train_spin)):
            label = QLabel()
            if key:
                self.row_labels[key] = label
                label.setBuddy(widget)
            form.addRow(label, widget)
        self.train_button, self.pause_button = QPushButton(), QPushButton()
        self.resume_button, self.stop_button = QPushButton(), QPushButton()
        buttons = QHBoxLayout()
        for button in (self.train_button, self.pause_button, self.resume_button, self.stop_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self._fill_arch_combo()
        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_changed)
        self.dataset_combo.activated.connect(self._on_dataset_combo_activated)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every label, tooltip, button and combo item text in the current language."""
        self.setTitle(self.tr("Run settings"))
        rows = {
            "model": (self.tr("Model"), self.tr("What to train: a classifier or a generative model")),
            "arch": (self.tr("Architecture"), self.tr(
                "The network of the chosen model. By default a GAN is class-conditional (AC-GAN) on grey "
                "images of 16 px or more, unconditional (DCGAN) on colour images and dense on small ones")),
            "dataset": (self.tr("Dataset"), ""),
            "epochs": (self.tr("Epochs"), self.tr("Epochs: passes over the training images")),
            "batch_size": (self.tr("Batch size"), self.tr("Batch size: images per training step")),
            "learning_rate": (self.tr("Learning rate"), self.tr("Learning rate: the optimizer's step size")),
            "latent_dim": (self.tr("Latent dim"), self.tr("Dimensions of the latent space")),
            "seed": (self.tr("Seed"), self.tr("Random seed: the same seed gives the same run")),
            "max_train": (self.tr("Training images"), self.tr("How many training images to use (all: every one)")),
        }
        for key, (text, tip) in rows.items():
            self.row_labels[key].setText(text)
            self.row_labels[key].setToolTip(tip)
        self.max_train_spin.setSpecialValueText(self.tr("all"))
        self.train_button.setText(self.tr("Train"))
        self.pause_button.setText(self.tr("Pause"))
        self.resume_button.setText(self.tr("Resume"))
        self.stop_button.setText(self.tr("Stop"))
        for i in range(self.kind_combo.count()):
            self.kind_combo.setItemText(i, kind_label(str(self.kind_combo.itemData(i))))
        for i in range(self.arch_combo.count()):
            self.arch_combo.setItemText(i, arch_label(str(self.arch_combo.itemData(i))))
        for i in range(self.dataset_combo.count()):
            data = self.dataset_combo.itemData(i)
            if data is None:
                self.dataset_combo.setItemText(i, self.tr("Resolving the default dataset…"))
            elif data == OPEN_IDX:
                self.dataset_combo.setItemText(i, self.tr("Open IDX folder…"))
            elif data == OPEN_NPZ:
                self.dataset_combo.setItemText(i, self.tr("Open .npz…"))
            elif data == OPEN_FOLDER:
                self.dataset_combo.setItemText(i, self.tr("Open image folder (class subfolders)…"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    # --- values -----------------------------------------------------------------------
    @property
    def kind(self) -> str:
        """The chosen model kind."""
        return str(self.kind_combo.currentData())

    def configure(self, kind: str | None = None, arch: str | None = None, **values: Any) -> None:
        """Set kind, arch, epochs, batch_size, learning_rate, latent_dim, seed, max_train (0/None = all)."""
        if kind is not None:
            index = self.kind_combo.findData(kind)
            if index < 0:
                raise ValueError(f"unknown model kind {kind!r}")
            self.kind_combo.setCurrentIndex(index)
        if arch is not None:
            index = self.arch_combo.findData(arch)
            if index < 0:
                raise ValueError(f"unknown architecture {arch!r} for {self.kind}")
            self.arch_combo.setCurrentIndex(index)
        spins = {"epochs": self.epochs_spin, "batch_size": self.batch_spin, "learning_rate": self.lr_spin,
                 "latent_dim": self.latent_spin, "seed": self.seed_spin, "max_train": self.max_train_spin}
        for name, value in values.items():
            spins[name].setValue(value or 0)

    def config(self) -> dict[str, Any]:
        """The TrainConfig dict the form describes."""
        kind = self.kind
        return {"kind": kind, "arch": str(self.arch_combo.currentData() or "default"),
                "dataset": self.source, "epochs": self.epochs_spin.value(),
                "batch_size": self.batch_spin.value(), "learning_rate": self.lr_spin.value(),
                "latent_dim": None if kind == "classifier" else self.latent_spin.value(),
                "seed": self.seed_spin.value(), "max_train": self.max_train_spin.value() or None}

    def update_defaults(self, defaults: dict[str, dict[str, Any]]) -> None:
        """Adopt per-kind defaults (`core.models.defaults_for` for the dataset's image size)."""
        for kind, values in defaults.items():
            if kind in self.defaults:
                self.defaults[kind].update(values)

    def adopt_dataset_defaults(self, image_shape: tuple[int, ...]) -> None:
        """Small images (8x8 digits) train a GAN with other defaults; refill the form if they changed."""
        wanted = {kind: defaults_for(kind, image_shape) for kind in KINDS}
        changed = wanted[self.kind] != self.defaults.get(self.kind)
        self.update_defaults(wanted)
        if changed:
            self.apply_defaults()

    def set_enabled_while_training(self, training: bool) -> None:
        """Disable the choices during a run (the buttons are managed by the tab)."""
        for widget in (self.kind_combo, self.dataset_combo, self.epochs_spin, self.batch_spin,
                       self.lr_spin, self.seed_spin, self.max_train_spin):
            widget.setEnabled(not training)
        self.latent_spin.setEnabled(not training and self.kind != "classifier")
        self._enable_arch_combo()

    # --- datasets ---------------------------------------------------------------------
    def set_sources(self, sources: list[tuple[str, str]] | None, current: str | None) -> None:
        """Fill the dataset combo (None keeps the listed sources) and select `current`."""
        if current:
            self.source = current
        if sources is None:
            sources = [(self.dataset_combo.itemData(i), self.dataset_combo.itemText(i))
                       for i in range(self.dataset_combo.count())
                       if self.dataset_combo.itemData(i) not in (None, *OPENERS)]
        if self.source and self.source not in [s for s, _ in sources]:
            sources = [*sources, (self.source, source_label(self.source))]
        self.dataset_combo.blockSignals(True)
        self.dataset_combo.clear()
        for source, label in sources:
            self.dataset_combo.addItem(label, source)
        self.dataset_combo.addItem(self.tr("Open IDX folder…"), OPEN_IDX)
        self.dataset_combo.addItem(self.tr("Open .npz…"), OPEN_NPZ)
        self.dataset_combo.addItem(self.tr("Open image folder (class subfolders)…"), OPEN_FOLDER)
        self.dataset_combo.setCurrentIndex(max(self.dataset_combo.findData(self.source), 0))
        self.dataset_combo.blockSignals(False)

    def _on_dataset_combo_activated(self, index: int) -> None:
        data = self.dataset_combo.itemData(index)
        if data in OPENERS:
            if data == OPEN_IDX:
                path = dialogs.choose_idx_folder(self, self.settings)
            elif data == OPEN_NPZ:
                path = dialogs.choose_npz_file(self, self.settings)
            else:
                path = dialogs.choose_image_folder(self, self.settings)
            if path is None:
                self.dataset_combo.setCurrentIndex(max(self.dataset_combo.findData(self.source), 0))
                return
            scheme = {OPEN_IDX: "idx", OPEN_NPZ: "npz"}.get(data, "folder")
            data = f"{scheme}:{path}"
        if data and data != self.source:
            self.dataset_requested.emit(data)

    # --- kind and settings ------------------------------------------------------------
    def _on_kind_combo_changed(self, _index: int) -> None:
        self._fill_arch_combo()
        self.apply_defaults()

    def _fill_arch_combo(self) -> None:
        """The current kind's architectures, "default for the dataset" first and chosen."""
        self.arch_combo.clear()
        for arch in ("default", *ARCHS.get(self.kind, ())):
            self.arch_combo.addItem(arch_label(arch), arch)
        self._enable_arch_combo()

    def _enable_arch_combo(self) -> None:
        """Choosable when the kind is (not while training) and it has more than one architecture."""
        self.arch_combo.setEnabled(self.kind_combo.isEnabledTo(self) and self.arch_combo.count() > 2)

    def apply_defaults(self) -> None:
        """Fill the hyper-parameters with the current kind's defaults."""
        d = self.defaults[self.kind]
        self.epochs_spin.setValue(int(d["epochs"]))
        self.batch_spin.setValue(int(d["batch_size"]))
        self.lr_spin.setValue(float(d["learning_rate"]))
        self.latent_spin.setValue(int(d["latent_dim"] or 2))
        self.latent_spin.setEnabled(self.kind != "classifier")

    def restore(self, settings: QSettings) -> None:
        """Restore the last kind, architecture, seed and training-image limit."""
        from gui.app_state import read_setting

        kind = read_setting(settings, "training/kind", "classifier", choices=list(KIND_LABELS))
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(kind), 0))
        self._on_kind_combo_changed(0)
        arch = read_setting(settings, "training/arch", "default", choices=["default", *ARCHS.get(self.kind, ())])
        self.arch_combo.setCurrentIndex(max(self.arch_combo.findData(arch), 0))
        seed, limit = self.seed_spin, self.max_train_spin
        seed.setValue(read_setting(settings, "training/seed", 0, int,
                                   valid=lambda v: seed.minimum() <= v <= seed.maximum()))
        limit.setValue(read_setting(settings, "training/max_train", 0, int,
                                    valid=lambda v: limit.minimum() <= v <= limit.maximum()))

    def save(self, settings: QSettings) -> None:
        """Remember the current kind, architecture, seed and training-image limit."""
        settings.setValue("training/kind", self.kind)
        settings.setValue("training/arch", str(self.arch_combo.currentData() or "default"))
        settings.setValue("training/seed", self.seed_spin.value())
        settings.setValue("training/max_train", self.max_train_spin.value())
