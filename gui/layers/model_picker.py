"""The Layers tab's model picker: a combo box of model keys that always names the model shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QComboBox, QMessageBox, QWidget

from gui.layers.session import ModelKey


def confirm_unsafe(parent: QWidget | None, path: str, reason: str) -> bool:
    """Ask, per file, whether to load a model that runs code. Tests monkeypatch this."""
    what = (QCoreApplication.translate("LayersTab", "a Lambda layer") if "Lambda" in reason
            else QCoreApplication.translate("LayersTab", "custom code"))
    box = QMessageBox.question(
        parent, QCoreApplication.translate("LayersTab", "Model contains code"),
        QCoreApplication.translate(
            "LayersTab", "This file contains code ({0}) that will run on your computer if loaded.\n\n{1}\n\n"
            "Load it anyway?").format(what, reason),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return box == QMessageBox.StandardButton.Yes


def key_text(key: ModelKey) -> str:
    """`key.label()` in the current language (what menus and status lines show)."""
    if key.source == "live":
        return QCoreApplication.translate("ModelPickerWidget", "live {0} / {1}").format(Path(key.path).name, key.role)
    return key.label()


def same_model(a: ModelKey | None, b: ModelKey | None) -> bool:
    """Whether two keys name the same model (whatever their unsafe-load permission)."""
    return a is not None and b is not None and (a.source, a.path, a.role) == (b.source, b.path, b.role)


class ModelPickerWidget(QComboBox):
    """Lists `ModelKey`s; `key_chosen(ModelKey)` fires only when the user picks one."""

    key_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(220)
        self.addItem("", None)
        self.activated.connect(self._on_self_activated)
        self.retranslate()

    def retranslate(self) -> None:
        """Every item's label in the current language."""
        for i in range(self.count()):
            key = self.itemData(i)
            self.setItemText(i, key_text(key) if isinstance(key, ModelKey) else self.tr("— choose a model —"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_keys(self, keys: list[ModelKey], shown: ModelKey | None) -> None:
        """Offer `keys` and keep naming `shown` (the model on screen)."""
        blocked = self.blockSignals(True)
        self.clear()
        self.addItem(self.tr("— choose a model —"), None)
        for key in keys:
            self.addItem(key_text(key), key)
        self.blockSignals(blocked)
        self.show_key(shown)

    def show_key(self, key: ModelKey | None) -> None:
        """Select `key` (added when the run list doesn't hold it yet) without emitting."""
        blocked = self.blockSignals(True)
        try:
            for i in range(self.count()):
                if same_model(self.itemData(i), key):
                    self.setCurrentIndex(i)
                    return
            if key is None:
                self.setCurrentIndex(0)
                return
            self.addItem(key_text(key), key)
            self.setCurrentIndex(self.count() - 1)
        finally:
            self.blockSignals(blocked)

    def _on_self_activated(self, index: int) -> None:
        key: Any = self.itemData(index)
        if isinstance(key, ModelKey):
            self.key_chosen.emit(key)
