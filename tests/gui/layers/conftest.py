"""The Layers tab fixture shared by its tests (each module brings its own `digits` slice)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def tab(qtbot: Any, digits: Any, latent_home: Path) -> Iterator[Any]:
    """A shown LayersTab on a fresh AppState holding the module's `digits`."""
    from gui.app_state import AppState
    from gui.layers.tab import LayersTab

    state = AppState()
    state.set_dataset(digits)
    widget = LayersTab(state)
    widget.resize(1200, 800)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.shutdown(3.0)
