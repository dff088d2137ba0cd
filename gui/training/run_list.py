"""The list of past training runs (the app state's shared scan); double-click reopens one.

The highlighted row follows the app state's current run (`set_runs(runs, current)`,
`highlight(path)`); "Continue training" acts on the highlighted row. Several rows can be selected (Ctrl/Shift-click)
to compare them (`selected_runs`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget


def describe_run(info: Any) -> str:
    """One line for a run: name, kind, dataset, status and epochs."""
    state, config = info.state, info.config
    dataset = state.get("dataset_name") or config.get("dataset", "?")
    line = QCoreApplication.translate("RunListWidget", "{0} · {1} · {2} · {3} · {4} ep").format(
        Path(info.path).name, info.kind, dataset, _status(str(info.status)), info.epochs_done)
    metrics = state.get("test_metrics") or {}
    acc = metrics.get("accuracy", metrics.get("test_accuracy"))
    if isinstance(acc, int | float):
        line += QCoreApplication.translate("RunListWidget", " · test acc {0}").format(f"{acc:.1%}")
    return line


def _status(status: str) -> str:
    words = {
        "completed": QCoreApplication.translate("RunListWidget", "completed"),
        "stopped": QCoreApplication.translate("RunListWidget", "stopped"),
        "failed": QCoreApplication.translate("RunListWidget", "failed"),
        "running": QCoreApplication.translate("RunListWidget", "running"),
        "interrupted": QCoreApplication.translate("RunListWidget", "interrupted"),
    }
    return words.get(status, status)


def continue_blocker(target: Path | None, info: Any, *, training: bool, engine_loaded: bool) -> str:
    """Why "Continue training" cannot act on the highlighted run `target` now ("" when it can).

    `info` is the run list's RunInfo for `target` (None when it is not listed).
    """
    if training:
        return QCoreApplication.translate("RunListWidget", "A run is training.")
    if not engine_loaded:
        return QCoreApplication.translate("RunListWidget", "The engine (TensorFlow) is still loading…")
    if target is None:
        return QCoreApplication.translate("RunListWidget", "Highlight a past run to continue it.")
    if info is None:
        return QCoreApplication.translate("RunListWidget",
                                          "This run is not in the runs folder's list (press F5 to rescan).")
    if info.status == "running":
        return QCoreApplication.translate("RunListWidget", "{0} is still being trained.").format(target.name)
    if info.epochs_done < 1:
        return QCoreApplication.translate("RunListWidget",
                                          "{0} has no finished epoch to continue from.").format(target.name)
    return ""


class RunListWidget(QListWidget):
    """Past runs, newest first. Emits `run_activated(Path)` on double-click or Enter."""

    run_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.itemActivated.connect(self._on_item_activated)
        self._runs: list[Any] = []

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def retranslate(self) -> None:
        """Re-describe every listed run in the current language."""
        for i, info in enumerate(self._runs[: self.count()]):
            self.item(i).setText(describe_run(info))

    def set_runs(self, runs: list[Any], current: Path | None = None) -> None:
        """Show `runs` (RunInfo objects) and highlight `current` (nothing if it is not listed)."""
        self.blockSignals(True)
        self.clear()
        self._runs = list(runs)
        for info in runs:
            item = QListWidgetItem(describe_run(info))
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            item.setToolTip(str(info.path))
            self.addItem(item)
        self.blockSignals(False)
        self.highlight(current)

    def highlight(self, run_dir: Path | None) -> None:
        """Highlight the row of `run_dir`; with None or an unlisted run, highlight nothing."""
        paths = self.run_paths()
        row = paths.index(Path(run_dir)) if run_dir is not None and Path(run_dir) in paths else -1
        if row < 0:
            self.setCurrentRow(-1)
            self.clearSelection()
        else:
            self.setCurrentRow(row)
            self.scrollToItem(self.item(row))

    def run_paths(self) -> list[Path]:
        """The run folders listed, in order."""
        return [Path(self.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.count())]

    def selected_run(self) -> Path | None:
        """The highlighted run folder, if any."""
        item = self.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None and item.isSelected() else None

    def selected_runs(self) -> list[Path]:
        """Every selected run folder, in list order (what "Compare…" compares)."""
        return [Path(self.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.count())
                if self.item(i).isSelected()]

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        self.run_activated.emit(Path(item.data(Qt.ItemDataRole.UserRole)))
