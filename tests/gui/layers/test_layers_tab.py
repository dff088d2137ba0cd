"""LayersTab: opens models, shows every layer's output (equal to direct Keras), reacts to
drawing, refuses unsafe files, survives broken ones, finds top-activating images."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

import gui.layers.tab as layers_tab_module
from gui.app_state import AppState
from gui.layers.tab import LayersTab

TIMEOUT = 15000


@pytest.fixture(scope="module")
def digits() -> Any:
    from core.data.datasets import load_dataset

    return load_dataset("digits").subset(200, 120)


def _nested(k: Any) -> Any:
    inner = k.Sequential([k.layers.Dense(12, activation="relu", name="in_a"),
                          k.layers.Dense(8, activation="relu", name="in_b")], name="inner_seq")
    inp = k.Input((64,), name="pixels")
    x = k.layers.Dense(16, activation="relu", name="pre")(inp)
    return k.Model(inp, k.layers.Dense(10, activation="softmax", name="probs")(inner(x)), name="nesty")


def _cnn(k: Any) -> Any:
    inp = k.Input((8, 8, 1), name="image")
    a = k.layers.Conv2D(4, 3, activation="relu", padding="same", name="branch_a")(inp)
    b = k.layers.Conv2D(2, 3, activation="tanh", padding="same", name="branch_b")(inp)
    x = k.layers.Flatten(name="flat")(k.layers.Concatenate(name="join")([a, b]))
    return k.Model(inp, k.layers.Dense(10, name="logits")(x), name="branchy")


@pytest.fixture(scope="module")
def model_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from core.tf_env import keras

    k = keras()
    d = tmp_path_factory.mktemp("tab_models")
    paths = {"nested": d / "nested.keras", "cnn": d / "cnn.keras", "mnist784": d / "mnist784.keras",
             "lambda": d / "lambda.keras", "truncated": d / "truncated.keras", "random": d / "random.keras"}
    _nested(k).save(paths["nested"])
    _cnn(k).save(paths["cnn"])
    inp = k.Input((784,))
    k.Model(inp, k.layers.Dense(3)(inp), name="big").save(paths["mnist784"])
    inp = k.Input((64,))
    k.Model(inp, k.layers.Lambda(lambda t: t * 2.0, name="double")(inp), name="lam").save(paths["lambda"])
    paths["truncated"].write_bytes(paths["nested"].read_bytes()[:500])
    paths["random"].write_bytes(np.random.default_rng(1).bytes(1000))
    return paths



@pytest.fixture
def tab(qtbot: Any, digits: Any, latent_home: Path) -> Any:
    state = AppState()
    state.set_dataset(digits)
    widget = LayersTab(state)
    widget.resize(1200, 800)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.shutdown(2.0)


def _open(qtbot: Any, tab: LayersTab, path: Path) -> None:
    with qtbot.waitSignal(tab.view_updated, timeout=TIMEOUT):
        tab.open_model_file(path)


def _direct(path: Path, x: np.ndarray) -> list[np.ndarray]:
    """Each layer computed directly with Keras: sub-models for top-level layers, nested
    Sequential layers applied one by one."""
    from core.tf_env import keras

    k = keras()
    model = k.saving.load_model(path)
    outs = []
    for layer in model.layers:
        if isinstance(layer, k.layers.InputLayer):
            continue
        if isinstance(layer, k.Sequential):
            h = k.Model(model.input, layer.input)(x[None])
            for inner in layer.layers:
                h = inner(h)
                outs.append(np.asarray(h)[0])
        else:
            outs.append(np.asarray(k.Model(model.input, layer.output)(x[None]))[0])
    return outs


@pytest.mark.parametrize("name", ["nested", "cnn"])
def test_outputs_equal_direct_keras_and_structure_shown(qtbot: Any, tab: LayersTab, model_files: dict[str, Path],
                                                        digits: Any, name: str) -> None:
    _open(qtbot, tab, model_files[name])
    res = tab.result
    assert res is not None and res.outputs is not None
    image = digits.x_test[tab.inputs.index_spin.value()]
    x = image.reshape(64) if name == "nested" else image
    expected = _direct(model_files[name], x)
    assert len(res.outputs) == len(expected) == len(tab.layer_widgets) == len(tab.tree.layer_items)
    for got, ref in zip(res.outputs, expected, strict=True):
        np.testing.assert_allclose(got, ref, rtol=1e-5, atol=1e-6)
    assert "keras.Model(inputs=inputs, outputs=[" in tab.code_edit.toPlainText()
    probs = tab.prediction.probs
    assert probs is not None and probs.sum() == pytest.approx(1.0)
    assert int(np.argmax(probs)) == int(np.argmax(expected[-1]))
    if name == "nested":
        assert tab.tree.layer_items[1].parent().text(0).startswith("inner_seq")
        assert tab.layer_widgets[0].kind == "strip"
    else:
        join = tab.tree.layer_items[2]
        assert join.text(0) == "join" and "branch_a, branch_b" in join.text(4)
        assert tab.layer_widgets[0].kind == "maps"
    # another dataset image changes the outputs
    with qtbot.waitSignal(tab.view_updated, timeout=TIMEOUT):
        tab.inputs.index_spin.setValue(tab.inputs.index_spin.value() + 1)
    assert not np.allclose(tab.result.outputs[0], res.outputs[0])
    assert str(model_files[name]) in tab.recent_files()


def _stroke(pad: Any, points: list[tuple[float, float]]) -> None:
    def send(kind: QMouseEvent.Type, x: float, y: float, button: Qt.MouseButton, buttons: Qt.MouseButton) -> None:
        pos = QPointF(x, y)
        QApplication.sendEvent(pad, QMouseEvent(kind, pos, pad.mapToGlobal(pos), button, buttons,
                                                Qt.KeyboardModifier.NoModifier))
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    send(QMouseEvent.Type.MouseButtonPress, *points[0], left, left)
    for p in points[1:]:
        send(QMouseEvent.Type.MouseMove, *p, none, left)
    send(QMouseEvent.Type.MouseButtonRelease, *points[-1], left, none)


def test_drawing_updates_the_view(qtbot: Any, tab: LayersTab, model_files: dict[str, Path]) -> None:
    _open(qtbot, tab, model_files["nested"])
    with qtbot.waitSignal(tab.view_updated, timeout=TIMEOUT):
        tab.inputs.set_mode(1)  # draw
    pad = tab.inputs.pad
    qtbot.waitUntil(lambda: pad.width() > 50, timeout=TIMEOUT)
    before = tab.layer_widgets[0].canvas._img.copy()
    w, h = pad.width(), pad.height()
    pts = [(w / 2, h * 0.2 + i * h * 0.03) for i in range(20)]
    with qtbot.waitSignal(tab.view_updated, timeout=TIMEOUT):
        _stroke(pad, pts)
    qtbot.waitUntil(lambda: tab.worker.idle, timeout=TIMEOUT)
    qtbot.wait(50)  # let the last queued result be delivered
    drawn = pad.image()
    assert drawn.shape == (8, 8) and drawn.max() > 0.5
    expected = _direct(model_files["nested"], drawn.reshape(64))
    for got, ref in zip(tab.result.outputs, expected, strict=True):
        np.testing.assert_allclose(got, ref, rtol=1e-5, atol=1e-6)
    assert tab.layer_widgets[0].canvas._img != before


def test_unsafe_file_refused_then_loaded_after_confirmation(qtbot: Any, tab: LayersTab, model_files: dict[str, Path],
                                                            errors: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    _open(qtbot, tab, model_files["nested"])
    asked: list[str] = []
    monkeypatch.setattr(layers_tab_module, "confirm_unsafe", lambda parent, path, reason: asked.append(reason) or False)
    tab.open_model_file(model_files["lambda"])
    qtbot.waitUntil(lambda: bool(errors), timeout=TIMEOUT)
    assert "Lambda layer 'double'" in asked[0] and "Lambda layer" in errors[0][1]
    assert tab.active_key.path == str(model_files["nested"])  # still the old model
    with qtbot.waitSignal(tab.view_updated, timeout=TIMEOUT):
        tab.inputs.index_spin.setValue(3)  # and it still works
    assert tab.result.name == "nesty"
    monkeypatch.setattr(layers_tab_module, "confirm_unsafe", lambda parent, path, reason: True)
    with qtbot.waitSignal(tab.model_loaded, timeout=TIMEOUT) as blocker:
        tab.open_model_file(model_files["lambda"])
    assert blocker.args == ["lam"]
    qtbot.waitUntil(lambda: tab.result is not None and tab.result.name == "lam" and tab.result.outputs is not None,
                    timeout=TIMEOUT)
    x = tab.inputs.current()[1].reshape(64)
    np.testing.assert_allclose(tab.result.outputs[0], 2.0 * x, rtol=1e-6)


@pytest.mark.parametrize("key", ["truncated", "random"])
def test_broken_file_shows_error_and_keeps_model(qtbot: Any, tab: LayersTab, model_files: dict[str, Path],
                                                 errors: list[tuple[str, str]], key: str) -> None:
    _open(qtbot, tab, model_files["cnn"])
    tab.open_model_file(model_files[key])
    qtbot.waitUntil(lambda: bool(errors), timeout=TIMEOUT)
    title, message = errors[0]
    assert title == "Cannot open model" and message.startswith(f"{key}.keras:") and "\n" not in message
    assert tab.active_key.path == str(model_files["cnn"])
    with qtbot.waitSignal(tab.view_updated, timeout=TIMEOUT):
        tab.inputs.index_spin.setValue(7)
    assert tab.result.name == "branchy"


def test_input_mismatch_is_said_plainly(qtbot: Any, tab: LayersTab, model_files: dict[str, Path]) -> None:
    with qtbot.waitSignal(tab.model_loaded, timeout=TIMEOUT):
        tab.open_model_file(model_files["mnist784"])
    qtbot.waitUntil(lambda: "cannot take them" in tab.status_label.text(), timeout=TIMEOUT)
    assert "(784,)" in tab.status_label.text() and "8x8" in tab.status_label.text()


def test_unit_click_finds_top_activating_images_and_export(qtbot: Any, tab: LayersTab, model_files: dict[str, Path],
                                                           digits: Any, tmp_path: Path) -> None:
    _open(qtbot, tab, model_files["cnn"])
    widget = tab.layer_widgets[0]  # branch_a: 4 feature maps of 8x8 in a row
    widget._on_canvas_clicked(9 * 2 + 3, 4)  # third map
    assert widget.selected == 2
    qtbot.waitUntil(lambda: tab.detail.top_indices is not None, timeout=TIMEOUT)
    from core.tf_env import keras

    k = keras()
    model = k.saving.load_model(model_files["cnn"])
    maps = np.asarray(k.Model(model.input, model.get_layer("branch_a").output)(digits.x_test))
    expected = np.argsort(-maps[..., 2].mean(axis=(1, 2)), kind="stable")[:9]
    assert list(tab.detail.top_indices) == list(expected)
    assert tab.detail.top_view.image() is not None
    out = tmp_path / "view.png"
    assert tab.export_png(out) and out.stat().st_size > 1000


def test_live_run_follows_epoch_weight_snapshots(qtbot: Any, tab: LayersTab, model_files: dict[str, Path],
                                                 tmp_path: Path) -> None:
    from core.progress import ProgressEvent
    from core.tf_env import keras
    from core.training.run_folder import EpochSnapshot

    run_dir = tmp_path / "live_run"
    run_dir.mkdir()
    (run_dir / "classifier.keras").write_bytes(model_files["nested"].read_bytes())
    tab.state.live_run_dir = run_dir
    tab.state.training_event.emit(ProgressEvent("start", {"run_dir": str(run_dir)}))
    labels = [tab.model_combo.itemText(i) for i in range(tab.model_combo.count())]
    assert "live live_run / classifier" in labels
    tab.model_combo.setCurrentIndex(labels.index("live live_run / classifier"))
    with qtbot.waitSignal(tab.view_updated, timeout=TIMEOUT):
        tab.model_combo.activated.emit(tab.model_combo.currentIndex())
    first = [o.copy() for o in tab.result.outputs]
    trained = keras().saving.load_model(model_files["nested"])  # "the training thread's" model
    new_weights = [w * 0.5 + 0.1 for w in trained.get_weights()]
    trained.set_weights(new_weights)
    snap = EpochSnapshot(epoch=1, weights={"classifier": new_weights})
    with qtbot.waitSignal(tab.view_updated, timeout=TIMEOUT):
        tab.state.training_event.emit(ProgressEvent("epoch", {"epoch": 1, "snapshot": snap}))
    x = tab.inputs.current()[1].reshape(1, 64)
    np.testing.assert_allclose(tab.result.outputs[-1], np.asarray(trained(x))[0], rtol=1e-5, atol=1e-6)
    assert not np.allclose(tab.result.outputs[0], first[0])
