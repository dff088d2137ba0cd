"""Latent map tab: clicks map to latent points, decoded images equal the decoder's output,
grid / interpolation / history / exports, hover, the live run and error paths; the tab
preselects the app state's current run when it is an autoencoder or VAE."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

TIMEOUT = 30_000


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Three tiny runs in their own home's runs folder (`runs["home"]`)."""
    from core import tf_env
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    tf_env.keras()  # import the engine on this (the GUI) thread, as the app's loader would
    home = tmp_path_factory.mktemp("latent_home")
    root = home / "runs"
    out = {}
    for name, kind, dim, epochs in (("vae", "vae", 2, 2), ("ae3", "autoencoder", 3, 1), ("clf", "classifier", None, 1)):
        config = TrainConfig(kind=kind, dataset="digits", epochs=epochs, max_train=300, max_test=100,
                             latent_dim=dim, gan_metrics=False)
        result = TrainingRun(config, run_dir=root / name).train()
        assert result.status == "completed", result.message
        out[name] = root / name
    out["home"] = home
    return out


@pytest.fixture
def tab(qtbot, runs, monkeypatch):
    import gui.app_state as app_state
    from gui.app_state import AppState
    from gui.latent.tab import LatentTab

    monkeypatch.setattr(app_state, "show_error_dialog", lambda parent, title, message: None)
    state = AppState()
    state.mark_engine_ready()
    widget = LatentTab(state)
    widget._test_state = state  # keep a strong reference
    qtbot.addWidget(widget)
    widget.resize(1100, 850)
    widget.show()
    yield widget
    widget.shutdown(2.0)


def _load(qtbot, tab, run: Path, classifier: Path | None = None) -> None:
    tab.load_run(run, classifier, auto_classifier=False)
    qtbot.waitUntil(lambda: tab.view is not None and tab.view.run_dir == run, timeout=TIMEOUT)
    tab.map.render_now()


def _decoder_at(tab, plane_xy) -> np.ndarray:
    z = tab.view.projection.from_plane(np.asarray(plane_xy, np.float32))
    return np.asarray(tab.view.model.decoder(z[None]))[0]


def _drag(widget, pos: QPointF) -> None:
    ev = QMouseEvent(QEvent.Type.MouseMove, pos, widget.mapToGlobal(pos), Qt.MouseButton.NoButton,
                     Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, ev)


def test_click_maps_to_latent_point_and_decodes_it(qtbot, tab, runs) -> None:
    _load(qtbot, tab, runs["vae"], runs["clf"])
    m = tab.map
    xmin, xmax, ymin, ymax = m.bounds()
    rect = m.plot_rect()
    # the axes matplotlib drew are where the widget maps from: its left spine is dark
    bg = m.background()
    spine = bg.pixelColor(int(round(rect.left())), int(rect.center().y()))
    assert spine.lightness() < 100
    for pos, expected in ((rect.topLeft() + QPointF(1, 1), (xmin, ymax)),
                          (rect.center(), ((xmin + xmax) / 2, (ymin + ymax) / 2)),
                          (rect.bottomRight() - QPointF(1, 1), (xmax, ymin))):
        qtbot.mouseClick(m, Qt.MouseButton.LeftButton, pos=pos.toPoint())
        x, y = m.marker()
        tol = 2.5 * (xmax - xmin) / rect.width()
        assert x == pytest.approx(expected[0], abs=tol) and y == pytest.approx(expected[1], abs=tol)
        np.testing.assert_allclose(tab.decoded.image(), _decoder_at(tab, (x, y)), atol=1e-5)
    z = np.array(tab.coords.text().split("(")[1].rstrip(")").split(","), dtype=float)
    np.testing.assert_allclose(z, m.marker(), atol=0.006)
    qtbot.waitUntil(lambda: "confident" in tab.prediction.text(), timeout=TIMEOUT)


def test_drag_follows_the_mouse(qtbot, tab, runs) -> None:
    _load(qtbot, tab, runs["vae"])
    m = tab.map
    rect = m.plot_rect()
    qtbot.mousePress(m, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    seen = []
    for t in np.linspace(0.05, 0.95, 12):
        pos = QPointF(rect.left() + t * rect.width(), rect.top() + (1 - t) * rect.height())
        _drag(m, pos)
        seen.append(tab.decoded.image().copy())
        np.testing.assert_allclose(seen[-1], _decoder_at(tab, m.widget_to_plane(pos)), atol=1e-5)
    qtbot.mouseRelease(m, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert np.abs(seen[0] - seen[-1]).max() > 1e-3


def test_pca_plane_for_larger_latent(qtbot, tab, runs) -> None:
    _load(qtbot, tab, runs["ae3"])
    assert not tab.view.projection.is_identity and "PCA" in tab.note.text()
    rect = tab.map.plot_rect()
    qtbot.mouseClick(tab.map, Qt.MouseButton.LeftButton, pos=(rect.center() + QPointF(37, -21)).toPoint())
    p = tab.map.marker()
    np.testing.assert_allclose(tab.decoded.image(), _decoder_at(tab, p), atol=1e-5)
    assert tab.view.projection.from_plane(np.array(p)).shape == (3,)


def test_hover_shows_the_real_image(qtbot, tab, runs) -> None:
    _load(qtbot, tab, runs["vae"])
    m = tab.map
    i = 7
    pos = m.plane_to_widget(*tab.view.test_plane[i])
    with qtbot.waitSignal(m.hovered, timeout=TIMEOUT) as blocker:
        qtbot.mouseMove(m, pos=pos.toPoint())
    j = blocker.args[0]
    assert j >= 0
    # Both points through the map's transform of this moment: the layout may still settle
    # (and move the axes) between the hover and this line.
    hit, aimed = m.plane_to_widget(*tab.view.test_plane[j]), m.plane_to_widget(*tab.view.test_plane[i])
    assert (hit.x() - aimed.x()) ** 2 + (hit.y() - aimed.y()) ** 2 <= 6.0**2
    np.testing.assert_array_equal(tab.hover_image.image(), tab.view.test_x[j])


def test_grid_interpolation_and_exports(qtbot, tab, runs, tmp_path) -> None:
    _load(qtbot, tab, runs["vae"])
    tab.grid_panel.n_spin.setValue(4)
    grid = tab.grid_panel
    qtbot.waitUntil(lambda: grid.images is not None and len(grid.images) == 16, timeout=TIMEOUT)
    assert grid.images.shape == (16, 8, 8, 1) and np.abs(grid.images[0] - grid.images[-1]).max() > 1e-3
    with Image.open(tab.export("grid", tmp_path / "grid.png")) as pil:
        assert pil.size == (64, 64)
    tab.interp_panel.k_spin.setValue(6)
    tab.interp_panel.index_spins["B"].setValue(3)
    tab.interp_panel.choose_end("A", "image")
    tab.interp_panel.choose_end("B", "image")
    interp = tab.interp_panel
    qtbot.waitUntil(lambda: interp.strip is not None and len(interp.strip) == 6, timeout=TIMEOUT)
    strip = interp.strip
    assert tab.map.named_marker("A") == pytest.approx(tuple(tab.view.test_plane[0]), abs=1e-5)
    np.testing.assert_allclose(strip[0], np.asarray(tab.view.model.decoder(tab.view.test_z[:1]))[0], atol=1e-5)
    assert np.abs(strip[0] - strip[-1]).max() > 1e-3
    with Image.open(tab.export("strip", tmp_path / "strip.gif", "gif")) as pil:
        assert pil.n_frames == 10 and pil.size == (64, 64)
    with Image.open(tab.export("strip", tmp_path / "strip.png")) as pil:
        assert pil.size == ((6 * 8 + 5) * 4, 32)


def test_history_one_frame_per_epoch(qtbot, tab, runs, tmp_path) -> None:
    _load(qtbot, tab, runs["vae"])
    assert [f.epoch for f in tab.view.history] == [1, 2]
    assert tab.history_panel.slider.maximum() == 1
    tab.history_panel.enabled.setChecked(True)
    tab.history_panel.slider.setValue(0)
    assert tab.map.scene().title == "probe set after epoch 1"
    np.testing.assert_allclose(tab.map.scene().points, tab.view.history[0].z, atol=1e-6)
    with Image.open(tab.export("history", tmp_path / "history.gif", "gif")) as pil:
        assert pil.n_frames == 2


def test_where_does_my_digit_land(qtbot, tab, runs) -> None:
    _load(qtbot, tab, runs["vae"])
    panel = tab.digit_panel
    panel.index_spin.setValue(5)
    panel.pick_button.click()
    qtbot.waitUntil(lambda: panel.reconstruction.image() is not None, timeout=TIMEOUT)
    enc = tab.view.model.encoder(tab.view.test_x[5:6])
    np.testing.assert_allclose(panel.position, np.asarray(enc[0])[0], atol=1e-5)
    assert "lands at" in panel.info.text() and tab.map.named_marker("digit") == pytest.approx(panel.position)
    # clearing the pad clears what described the old drawing: reconstruction, caption, marker
    panel.clear_button.click()
    assert panel.reconstruction.image() is None and panel.position is None
    assert "lands at" not in panel.info.text() and tab.map.named_marker("digit") is None


def test_live_epoch_updates_decoder_and_history(qtbot, tab, runs) -> None:
    from core.progress import ProgressEvent
    from core.training.run_folder import EpochSnapshot

    _load(qtbot, tab, runs["vae"])
    tab.pick_point(0.5, 0.5)
    before = tab.decoded.image().copy()
    dec = [w * 0.5 for w in tab.view.model.decoder.get_weights()]
    snap = EpochSnapshot(epoch=3, probe_z=np.zeros((5, 2), np.float32), probe_labels=np.arange(5),
                         weights={"decoder": dec})
    state = tab._test_state
    state.training_run_started(runs["vae"], "vae")
    state.training_event.emit(ProgressEvent("epoch", {"epoch": 3, "snapshot": snap}))
    after = tab.decoded.image()
    assert np.abs(after - before).max() > 1e-4
    np.testing.assert_allclose(after, _decoder_at(tab, (0.5, 0.5)), atol=1e-5)
    assert [f.epoch for f in tab.view.history] == [1, 2, 3]


def test_run_without_decoder_is_a_clear_error(qtbot, tab, runs) -> None:
    with qtbot.waitSignal(tab._test_state.status_message, timeout=TIMEOUT):
        tab.load_run(runs["clf"])
    assert "no decoder" in tab._test_state.last_error[1]
    assert tab.view is None


def test_current_run_is_preselected(qtbot, tab, runs, monkeypatch) -> None:
    monkeypatch.setenv("LATENT_LAB_HOME", str(runs["home"]))
    state = tab._test_state
    with qtbot.waitSignal(state.runs_changed, timeout=TIMEOUT):
        state.refresh_runs()
    labels = [tab.picker.run_combo.itemData(i) for i in range(tab.picker.run_combo.count())]
    assert labels == [None, str(runs["ae3"]), str(runs["vae"])] or labels == [None, str(runs["vae"]), str(runs["ae3"])]
    state.set_current_run(runs["vae"])
    qtbot.waitUntil(lambda: tab.view is not None and tab.view.run_dir == runs["vae"], timeout=TIMEOUT)
    assert tab.picker.run_combo.currentData() == str(runs["vae"])
    assert tab.picker.classifier_combo.currentData() == str(runs["clf"])  # same dataset: chosen by default
    state.set_current_run(runs["ae3"])
    qtbot.waitUntil(lambda: tab.view.run_dir == runs["ae3"], timeout=TIMEOUT)
    assert tab.picker.run_combo.currentData() == str(runs["ae3"])
    state.set_current_run(runs["clf"])  # a classifier has no latent map: the map stays
    assert tab.view.run_dir == runs["ae3"] and tab._loading is None
    tab.hide()  # another tab is on screen: the current run waits until this one is shown
    state.set_current_run(runs["vae"])
    assert tab.view.run_dir == runs["ae3"] and tab._loading is None
    tab.show()
    qtbot.waitUntil(lambda: tab.view.run_dir == runs["vae"], timeout=TIMEOUT)


def test_a_thousand_rapid_drags_without_error(qtbot, tab, runs) -> None:
    """Soak: 1,000 drag events on the map of a tiny VAE run; the last one is what is shown."""
    _load(qtbot, tab, runs["vae"])
    m = tab.map
    rect = m.plot_rect()
    qtbot.mousePress(m, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    rng = np.random.default_rng(0)
    pos = rect.center()
    for fx, fy in rng.uniform(0.02, 0.98, size=(1000, 2)):
        pos = QPointF(rect.left() + fx * rect.width(), rect.top() + fy * rect.height())
        _drag(m, pos)
    qtbot.mouseRelease(m, Qt.MouseButton.LeftButton, pos=pos.toPoint())
    np.testing.assert_allclose(tab.decoded.image(), _decoder_at(tab, m.widget_to_plane(pos)), atol=1e-5)
