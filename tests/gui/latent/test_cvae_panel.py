"""The Latent map's conditional-VAE panel on a real tiny cvae run: the style plane for a
digit, all ten digits at one style point, and clicks moving that point."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

TIMEOUT = 60_000


@pytest.fixture(scope="module")
def cvae_run() -> Path:
    from core.paths import runs_root
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    cfg = TrainConfig(kind="cvae", dataset="digits", epochs=2, batch_size=16, max_train=300, max_test=60)
    result = TrainingRun(cfg, run_dir=runs_root() / "cvae_panel_fixture").train()
    assert result.status == "completed", result.message
    return runs_root() / "cvae_panel_fixture"


def test_plane_points_cover_the_prior() -> None:
    from gui.latent.cvae_panel import plane_points

    pts = plane_points(3, n=3, extent=2.0)
    assert pts.shape == (9, 3) and np.all(pts[:, 2] == 0)
    np.testing.assert_allclose(pts[0, :2], [-2.0, 2.0])  # top-left: lowest z1, highest z2
    np.testing.assert_allclose(pts[-1, :2], [2.0, -2.0])


def test_style_plane_and_row_of_digits(qtbot, cvae_run) -> None:
    from gui.app_state import AppState
    from gui.latent.cvae_panel import PLANE_N, CvaePanel

    state = AppState()
    panel = CvaePanel()
    qtbot.addWidget(panel)
    panel.resize(700, 400)
    panel.show()
    with qtbot.waitSignal(state.runs_changed, timeout=TIMEOUT):
        state.refresh_runs()
    panel.bind(state)
    panel.select_run(cvae_run)
    qtbot.waitUntil(lambda: panel.last_result is not None and panel.worker.idle, timeout=TIMEOUT)
    plane, row, n = panel.last_result
    assert plane.shape == (PLANE_N * PLANE_N, 8, 8) and row.shape == (10, 8, 8) and n == 10
    shown = panel.plane.image()
    assert shown.shape == (PLANE_N * 9 - 1, PLANE_N * 9 - 1, 3)
    centre = PLANE_N // 2 * 9  # the style point (0, 0) is framed in red
    assert tuple(shown[centre - 1, centre]) == (1.0, 0.0, 0.0) and tuple(shown[0, 0]) != (1.0, 0.0, 0.0)
    assert np.abs(row[3] - row[7]).max() > 0.1  # one style, different digits

    def changed(action) -> tuple:
        before = panel.last_result
        action()
        qtbot.waitUntil(lambda: panel.last_result is not before and panel.worker.idle, timeout=TIMEOUT)
        return panel.last_result

    panel.digit_combo.setCurrentIndex(7)
    other_plane, same_row, _ = changed(panel.request)
    assert np.abs(other_plane - plane).max() > 0.1
    np.testing.assert_allclose(same_row, row, atol=1e-6)  # the style point did not move
    _, new_row, _ = changed(lambda: panel.plane.clicked.emit(0, 0))  # the top-left cell: another style
    assert panel.style_point == (-3.0, 3.0)
    assert tuple(panel.plane.image()[8, 0]) == (1.0, 0.0, 0.0)  # the frame moved to the top-left cell
    assert np.abs(new_row - row).max() > 0.05
    panel.worker.close(5.0)
