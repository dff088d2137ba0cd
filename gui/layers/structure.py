"""The Layers tab's structure view: every layer with class, output shape and parameters,
nested models as expanded groups, joins marked with the layers they merge."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

COLUMNS = (QT_TRANSLATE_NOOP("StructureTreeWidget", "Layer"), QT_TRANSLATE_NOOP("StructureTreeWidget", "Class"),
           QT_TRANSLATE_NOOP("StructureTreeWidget", "Output shape"), QT_TRANSLATE_NOOP("StructureTreeWidget", "Params"),
           QT_TRANSLATE_NOOP("StructureTreeWidget", "From"))


def shape_text(shape: tuple[int | None, ...]) -> str:
    """(28, 28, 4) -> "(28, 28, 4)", (10,) -> "(10)"."""
    return "(" + ", ".join("?" if s is None else str(s) for s in shape) + ")"


class StructureTreeWidget(QTreeWidget):
    """Tree of the expanded model graph; item data (UserRole) is the layer index or -1."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(len(COLUMNS))
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.layer_items: list[QTreeWidgetItem] = []
        self._shown: tuple[str, int, list[tuple[str, list[str]]]] | None = None  # name, params, tooltips
        self.retranslate()

    def retranslate(self) -> None:
        """Header and tooltips in the current language."""
        self.setHeaderLabels([QCoreApplication.translate("StructureTreeWidget", c) for c in COLUMNS])
        if self._shown is None:
            self.setToolTip("")
            return
        name, total, tips = self._shown
        self.setToolTip(self.tr("{0}: {1} parameters").format(name, f"{total:,}"))
        for item, (full, sources) in zip(self.layer_items, tips, strict=False):
            item.setToolTip(0, self.tr("{0}\ninputs: {1}").format(full, ", ".join(sources) or "-"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_model(self, name: str, infos: list[Any], containers: list[Any]) -> int:
        """Fill the tree for a model's `LayerInfo`s and `ContainerInfo`s; return its parameter count."""
        self.clear()
        self.layer_items = []
        groups: dict[str, QTreeWidgetItem] = {}
        cont = {c.name: c for c in containers}
        previous = ""
        total = 0
        tips: list[tuple[str, list[str]]] = []
        for index, info in enumerate(infos):
            parent: QTreeWidget | QTreeWidgetItem = self
            parts = info.name.split("/")[:-1]
            for depth in range(len(parts)):
                path = "/".join(parts[: depth + 1])
                if path not in groups:
                    c = cont.get(path)
                    item = QTreeWidgetItem(parent, [parts[depth] + "  ▾", c.class_name if c else "Model", "",
                                                    f"{c.params:,}" if c else "", ""])
                    item.setData(0, Qt.ItemDataRole.UserRole, -1)
                    item.setForeground(0, QBrush(QColor(40, 90, 160)))
                    item.setExpanded(True)
                    groups[path] = item
                parent = groups[path]
            sources = [s for s in info.inbound]
            joined = len(sources) > 1
            show_from = joined or (sources and sources[0] != previous and not sources[0].startswith("input:"))
            src_text = ("⨝ " if joined else "← ") + ", ".join(sources) if show_from else ""
            item = QTreeWidgetItem(parent, [info.name.split("/")[-1], info.class_name, shape_text(info.output_shape),
                                            f"{info.params:,}", src_text])
            item.setData(0, Qt.ItemDataRole.UserRole, index)
            tips.append((info.name, sources))
            if joined:
                item.setForeground(4, QBrush(QColor(170, 60, 20)))
            if info.depth == 0 and "#" not in info.name:
                total += info.params
            self.layer_items.append(item)
            previous = info.name
        total += sum(c.params for c in containers if c.depth == 0)
        self._shown = (name, total, tips)
        self.retranslate()
        self.expandAll()
        return total


class ModelOverviewWidget(QTabWidget):
    """The model's structure tree (with its parameter count) and the feature extractor's code."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = StructureTreeWidget()
        self.code_edit = QPlainTextEdit()
        self.code_edit.setReadOnly(True)
        self.code_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.code_edit.setFont(mono)
        self.params_label = QLabel("")
        structure = QWidget()
        lay = QVBoxLayout(structure)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.params_label)
        lay.addWidget(self.tree, 1)
        self.addTab(structure, "")
        self.addTab(self.code_edit, "")
        self._shown: tuple[str, int, int] | None = None  # name, parameters, layer outputs
        self.retranslate()

    def retranslate(self) -> None:
        """Tab names and the parameter count in the current language."""
        self.setTabText(0, self.tr("Structure"))
        self.setTabText(1, self.tr("Code"))
        self.setTabToolTip(1, self.tr("Keras code of the model (functional API, and keras.Sequential when it is "
                                      "a plain stack) and of the feature extractor whose outputs are every "
                                      "layer's output"))
        if self._shown is None:
            self.params_label.setText("")
            return
        name, total, n = self._shown
        self.params_label.setText(self.tr("<b>{0}</b>: {1} parameters, %n layer output(s)", "", n).format(name, f"{total:,}"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_model(self, name: str, infos: list[Any], containers: list[Any], code: str) -> None:
        """Show a newly loaded model's layers, parameter count and extractor code."""
        total = self.tree.show_model(name, infos, containers)
        self._shown = (name, total, len(infos))
        self.retranslate()
        self.code_edit.setPlainText(code)
