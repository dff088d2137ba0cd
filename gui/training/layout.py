"""Layout helpers and keyboard actions of the Training tab."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtWidgets
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QVBoxLayout, QWidget

#: Window-wide keys carry a modifier: bare Space and Esc belong to the focused widget
#: (Space presses a focused button), so they never pause or stop a run from another tab.
PAUSE_KEYS, STOP_KEYS = "Ctrl+Space", "Ctrl+."


def stack(widget: QWidget, *children: QWidget, margins: int | None = None, stretch_first: bool = False) -> QWidget:
    """Lay `children` out vertically in `widget`; the last (or first) one takes the spare room."""
    layout = QVBoxLayout(widget)
    if margins is not None:
        layout.setContentsMargins(margins, margins, margins, margins)
    for i, child in enumerate(children):
        grow = i == 0 if stretch_first else i == len(children) - 1
        layout.addWidget(child, 1 if grow else 0)
    return widget


def split(orientation: Qt.Orientation, *parts: tuple[QWidget, int]) -> QtWidgets.QSplitter:
    splitter = QtWidgets.QSplitter(orientation)
    for widget, _ in parts:
        splitter.addWidget(widget)
    splitter.setSizes([size for _, size in parts])
    return splitter


def training_actions(owner: QWidget, train: Callable[[], None], pause: Callable[[], None],
                     stop: Callable[[], None]) -> tuple[QAction, QAction, QAction]:
    """The Train (Ctrl+T), Pause/resume (Ctrl+Space) and Stop (Ctrl+.) actions, added to `owner`
    (their texts are set, translated, by the owner's `retranslate`)."""
    actions = (QAction(owner, shortcut=QKeySequence("Ctrl+T")),
               QAction(owner, shortcut=QKeySequence(PAUSE_KEYS)),
               QAction(owner, shortcut=QKeySequence(STOP_KEYS)))
    for action, slot in zip(actions, (train, pause, stop), strict=True):
        action.triggered.connect(slot)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        owner.addAction(action)
    return actions
