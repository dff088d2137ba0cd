"""The Layers tab on a colour (Mondrian) run: the input image and the input layer's output are
painted in colour; the flat classifier takes the colour image too."""

from __future__ import annotations

import numpy as np

from gui.app_state import AppState
from gui.layers.session import ModelKey
from gui.layers.tab import LayersTab

TIMEOUT = 30_000


def test_layers_tab_shows_colour_input_and_input_layer(qtbot, mondrian_runs, colourful, latent_home,
                                                       monkeypatch) -> None:
    mondrian_runs["classifier"]  # noqa: B018 - trained now, so the scan below lists it
    monkeypatch.setenv("LATENT_LAB_HOME", str(mondrian_runs["vae"].parent.parent))
    state = AppState()
    with qtbot.waitSignal(state.runs_changed, timeout=TIMEOUT):
        state.refresh_runs()
    widget = LayersTab(state)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    try:
        state.set_current_run(mondrian_runs["vae"])
        with qtbot.waitSignal(widget.view_updated, timeout=TIMEOUT):
            widget.show()
        qtbot.waitUntil(lambda: widget.result is not None and widget.result.outputs is not None, timeout=TIMEOUT)
        assert widget.inputs.dataset.image_shape == (32, 32, 3)
        assert widget.inputs.current()[1].shape == (32, 32, 3)
        assert colourful(widget.inputs.preview)
        first = widget.layer_widgets[0]
        assert first.shows_input and first.kind == "rgb"
        assert colourful(first.canvas)
        widget.select_model(ModelKey("run", str(mondrian_runs["classifier"]), "classifier"))
        qtbot.waitUntil(lambda: widget.result is not None and widget.result.name == "mnist_model"
                        and widget.result.outputs is not None, timeout=TIMEOUT)
        assert widget.result.input_kind == "image" and widget.inputs.problem() == ""
        probs = widget.prediction.probs
        assert probs is not None and probs.shape == (8,) and np.isclose(probs.sum(), 1.0)
    finally:
        widget.shutdown(2.0)
