"""The Past runs list's "Compare…" button and context-menu action.

Enabled when two or more runs are selected (Ctrl/Shift-click); opens a `CompareRunsDialog`
on their scanned `RunInfo` objects from the app state (no disk reads on the GUI thread).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from gui.training.compare import CompareRunsDialog
from gui.training.run_list import RunListWidget
from gui.widgets.live_text import is_language_change


class CompareButton(QPushButton):
    """"Compare…" for the runs selected in `run_list`; also offered by the list's context menu.

    `dialog` is the comparison opened last (kept so it stays open; None before the first).
    """

    def __init__(self, state: Any, run_list: RunListWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.run_list = run_list
        self.dialog: CompareRunsDialog | None = None
        self.clicked.connect(self.compare)
        run_list.itemSelectionChanged.connect(self.update_state)
        run_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        run_list.customContextMenuRequested.connect(self._on_run_list_context_menu)
        self.retranslate()

    def retranslate(self) -> None:
        """Text and tooltip in the current language."""
        self.setText(self.tr("Compare…"))
        self.update_state()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def runs(self) -> list[Any]:
        """The selected runs' scanned infos (runs missing from the scan are left out)."""
        infos = [self.state.run_info(path) for path in self.run_list.selected_runs()]
        return [info for info in infos if info is not None]

    def update_state(self) -> None:
        """Enabled with two or more selected runs; the tooltip says why not otherwise."""
        n = len(self.run_list.selected_runs())
        self.setEnabled(n >= 2)
        self.setToolTip(self.tr("Overlay the selected runs' curves and compare their settings.") if n >= 2
                        else self.tr("Select two or more runs (Ctrl/Shift-click) to compare them."))

    def compare(self) -> CompareRunsDialog | None:
        """Open the comparison of the selected runs (None with fewer than two)."""
        infos = self.runs()
        if len(infos) < 2:
            return None
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = CompareRunsDialog(infos, self.window())
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.dialog.show()
        return self.dialog

    def compare_paths(self, paths: list[Path]) -> CompareRunsDialog | None:
        """Select exactly `paths` in the list and compare them (for scripts and tests)."""
        wanted = {Path(p) for p in paths}
        self.run_list.clearSelection()
        for i, path in enumerate(self.run_list.run_paths()):
            self.run_list.item(i).setSelected(path in wanted)
        return self.compare()

    def _on_run_list_context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self.run_list)
        action = menu.addAction(self.tr("Compare selected runs…"), self.compare)
        action.setEnabled(len(self.run_list.selected_runs()) >= 2)
        menu.exec(self.run_list.viewport().mapToGlobal(pos))
