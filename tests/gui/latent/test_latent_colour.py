"""The Latent map on a colour (Mondrian) VAE: the decoded point, its nearest training image, the
manifold grid and a hovered data point keep three channels and are painted in colour; the
scatter draws the Mondrian classes in their own colours."""

from __future__ import annotations

import numpy as np

TIMEOUT = 30_000


def test_latent_tab_shows_colour(qtbot, mondrian_runs, colourful, monkeypatch) -> None:
    import gui.app_state as app_state
    from gui.app_state import AppState
    from gui.latent.tab import LatentTab

    monkeypatch.setattr(app_state, "show_error_dialog", lambda parent, title, message: None)
    state = AppState()
    state.mark_engine_ready()
    tab = LatentTab(state)
    qtbot.addWidget(tab)
    tab.resize(1100, 850)
    tab.show()
    try:
        run = mondrian_runs["vae"]
        tab.load_run(run, None, auto_classifier=False)
        qtbot.waitUntil(lambda: tab.view is not None and tab.view.run_dir == run, timeout=TIMEOUT)
        tab.pick_point(0.5, -0.5)
        qtbot.waitUntil(lambda: tab.point_panel.decoded.image() is not None, timeout=TIMEOUT)
        assert tab.point_panel.decoded.image().shape == (32, 32, 3)
        assert tab.point_panel.nearest.image().shape == (32, 32, 3)
        assert colourful(tab.point_panel.nearest)
        tab.grid_panel.request()
        qtbot.waitUntil(lambda: tab.grid_panel.images is not None, timeout=TIMEOUT)
        assert tab.grid_panel.images.shape[1:] == (32, 32, 3)
        assert tab.grid_panel.image_view.image().shape[-1] == 3
        tab.point_panel.show_hover(tab.view, 0)
        assert colourful(tab.point_panel.hover_image)
    finally:
        tab.shutdown(2.0)


def test_mondrian_classes_are_drawn_in_their_own_colours() -> None:
    from core.data.mondrian import CLASS_NAMES
    from gui.latent.scatter import label_colours

    colours = label_colours(CLASS_NAMES)
    blue, red = colours[CLASS_NAMES.index("blue")], colours[CLASS_NAMES.index("red")]
    assert blue[2] > 0.5 > blue[0] and red[0] > 0.5 > red[2]
    assert np.allclose(label_colours(("0", "1")), label_colours())  # other data: tab10
