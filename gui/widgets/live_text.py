"""Texts made from state, remembered so that a language change can make them again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent


class LiveTexts:
    """Per target (a setter such as `label.setText`), how its text is made now.

    `put` applies the text at once and keeps its maker; `refresh` makes every text again
    (a widget's `retranslate` calls it after a language change).
    """

    def __init__(self) -> None:
        self._makers: dict[Callable[[str], object], Callable[[], str]] = {}

    def put(self, apply: Callable[[str], object], make: Callable[[], str]) -> None:
        """Show `make()` through `apply`, and again on every `refresh`."""
        self._makers[apply] = make
        apply(make())

    def refresh(self) -> None:
        """Make every remembered text again (in the language installed now)."""
        for apply, make in list(self._makers.items()):
            apply(make())


def is_language_change(event: QEvent) -> bool:
    """Whether `event` says the application's language changed."""
    return event.type() == QEvent.Type.LanguageChange
