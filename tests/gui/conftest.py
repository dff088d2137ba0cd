"""Fixtures shared by the GUI tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Intercept error dialogs: each becomes a (title, message) entry the test can assert on."""
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr("gui.app_state.show_error_dialog", lambda parent, title, msg: seen.append((title, msg)))
    return seen
