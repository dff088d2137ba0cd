"""The list of past training runs (from `core.training.run_folder.list_runs`); double-click reopens one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget


def describe_run(info: Any) -> str:
    """One line for a run: name, kind, dataset, status and epochs."""
    state, config = info.state, info.config
    dataset = state.get("dataset_name") or config.get("dataset", "?")
    line = f"{Path(info.path).name} · {info.kind} · {dataset} · {info.status} · {info.epochs_done} ep"
    metrics = state.get("test_metrics") or {}
    acc = metrics.get("accuracy", metrics.get("test_accuracy"))
    if isinstance(acc, int | float):
        line += f" · test acc {acc:.1%}"
    return line


class RunListWidget(QListWidget):
    """Past runs, newest first. Emits `run_activated(Path)` on double-click or Enter."""

    run_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlternatingRowColors(True)
        self.itemActivated.connect(self._on_item_activated)

    def set_runs(self, runs: list[Any]) -> None:
        """Show `runs` (core.training.run_folder.RunInfo objects), keeping the selected run selected."""
        current = self.selected_run()
        self.clear()
        for info in runs:
            item = QListWidgetItem(describe_run(info))
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            item.setToolTip(str(info.path))
            self.addItem(item)
            if current is not None and Path(info.path) == current:
                self.setCurrentItem(item)

    def run_paths(self) -> list[Path]:
        """The run folders listed, in order."""
        return [Path(self.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.count())]

    def selected_run(self) -> Path | None:
        """The selected run folder, if any."""
        item = self.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        self.run_activated.emit(Path(item.data(Qt.ItemDataRole.UserRole)))
