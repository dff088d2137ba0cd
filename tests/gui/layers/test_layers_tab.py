"""LayersTab: opens models, shows every layer's output (equal to direct Keras), reacts to
drawing, refuses unsafe files, survives broken ones, finds top-activating images; follows the
app state (current run, live run) and shows a run's models with the run's own dataset."""

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
    from core.data.sources import load_dataset

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
    k.Model(inp, k.layers.Dense(10, activation="softmax", name="probs")(inp), name="big").save(paths["mnist784"])
    inp = k.Input((64,))
    k.Model(inp, k.layers.Lambda(lambda t: t * 2.0, name="double")(inp), name="lam").save(paths["lambda"])
    paths["truncated"].write_bytes(paths["nested"].read_bytes()[:500])
    paths["random"].write_bytes(np.random.default_rng(1).bytes(1000))
    return paths


@pytest.fixture(scope="module")
def npz28(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An npz dataset of 28x28 images (not the digits' 8x8)."""
    rng = np.random.default_rng(3)
    path = tmp_path_factory.mktemp("npz28") / "big28.npz"
    np.savez(path, x_train=rng.integers(0, 255, (40, 28, 28), dtype=np.uint8), y_train=np.arange(40) % 10,
             x_test=rng.integers(0, 255, (20, 28, 28), dtype=np.uint8), y_test=np.arange(20) % 10)
    return path


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
    code = tab.code_edit.toPlainText()
    assert "keras.Model(inputs=inputs, outputs=[" in code  # the feature extractor
    assert code.index("# Functional API") < code.index("keras.Model(inputs=inputs")  # the model's own code first
    assert ("model = keras.Sequential([" in code) != ("No keras.Sequential form" in code)
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
        tab.inputs.set_mode(1)  # draw: the empty pad is an all-zero input, with no preview
    assert tab.inputs.preview.image() is None and "empty pad" in tab.inputs.caption.text()
    pad = tab.inputs.pad
    qtbot.waitUntil(lambda: pad.width() > 50, timeout=TIMEOUT)
    before = tab.layer_widgets[0].canvas.image().copy()
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
    assert tab.layer_widgets[0].canvas.image() != before
    np.testing.assert_allclose(tab.inputs.preview.image(), drawn)
    # clearing the pad clears its preview, and the outputs are the empty pad's again
    with qtbot.waitSignal(tab.view_updated, timeout=TIMEOUT):
        tab.inputs.clear_button.click()
    assert tab.inputs.preview.image() is None and "empty pad" in tab.inputs.caption.text()
    blank = _direct(model_files["nested"], np.zeros(64, np.float32))
    qtbot.waitUntil(lambda: tab.worker.idle, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: np.allclose(tab.result.outputs[-1], blank[-1], atol=1e-6), timeout=TIMEOUT)


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


def _pick_source(qtbot: Any, tab: LayersTab, source: str) -> None:
    """Choose `source` in the Layers tab's dataset chooser, as the user would."""
    combo = tab.inputs.source_combo
    if combo.findData(source) < 0:
        combo.addItem(source, source)
    assert combo.isEnabled()
    combo.setCurrentIndex(combo.findData(source))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: tab.inputs.dataset is not None and tab.inputs.dataset.source == source, timeout=TIMEOUT)


def test_shape_mismatch_clears_stale_outputs_and_says_so_beside_the_input(
        qtbot: Any, tab: LayersTab, model_files: dict[str, Path], npz28: Path) -> None:
    from core.data.sources import load_dataset

    big = load_dataset(f"npz:{npz28}")
    _pick_source(qtbot, tab, str(big.source))
    _open(qtbot, tab, model_files["mnist784"])  # takes 784 values: the 28x28 images fit
    assert tab.inputs.current()[1].shape == (28, 28)
    assert tab.prediction.probs is not None and tab.layer_widgets[0].output is not None
    assert tab.inputs.problem() == "" and not tab.inputs.problem_label.isVisible()
    mode = tab.inputs.mode_combo.currentIndex()
    _pick_source(qtbot, tab, "digits")  # 8x8 images: the model cannot take them
    qtbot.waitUntil(lambda: "cannot take them" in tab.inputs.problem(), timeout=TIMEOUT)
    assert "(784,)" in tab.inputs.problem() and "8x8" in tab.inputs.problem()
    assert tab.inputs.problem_label.isVisible()
    assert tab.prediction.probs is None and tab.outputs.prediction_label.text() == ""
    assert all(w.output is None and w.canvas.image() is None for w in tab.layer_widgets)
    assert tab.detail.unit_view.image() is None
    assert tab.inputs.mode_combo.currentIndex() == mode and tab.inputs.mode() == "image"
    assert "cannot take" not in tab.status_label.text()
    with qtbot.waitSignal(tab.view_updated, timeout=TIMEOUT):
        _pick_source(qtbot, tab, str(big.source))  # the problem is gone: so is the message
    assert tab.inputs.problem() == "" and not tab.inputs.problem_label.isVisible()
    assert tab.prediction.probs is not None and tab.layer_widgets[0].output is not None


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


def test_live_run_is_preselected_and_follows_epoch_weight_snapshots(
        qtbot: Any, tab: LayersTab, model_files: dict[str, Path], tmp_path: Path) -> None:
    from core.progress import ProgressEvent
    from core.tf_env import keras
    from core.training.run_folder import EpochSnapshot

    _open(qtbot, tab, model_files["cnn"])  # something else on screen first
    run_dir = tmp_path / "live_run"
    run_dir.mkdir()
    (run_dir / "config.json").write_text('{"kind": "classifier", "dataset": "digits"}')
    tab.state.training_run_started(run_dir, "classifier")  # the live run becomes current
    labels = [tab.model_combo.itemText(i) for i in range(tab.model_combo.count())]
    assert "live live_run / classifier" not in labels  # no checkpoint yet: nothing to load
    assert tab.active_key.path == str(model_files["cnn"])
    (run_dir / "classifier.keras").write_bytes(model_files["nested"].read_bytes())  # epoch 1 saved
    trained = keras().saving.load_model(model_files["nested"])  # "the training thread's" model
    new_weights = [w * 0.5 + 0.1 for w in trained.get_weights()]
    trained.set_weights(new_weights)
    snap = EpochSnapshot(epoch=1, weights={"classifier": new_weights})
    tab.state.training_event.emit(ProgressEvent("epoch", {"epoch": 1, "snapshot": snap}))
    assert tab.model_combo.currentText() == "live live_run / classifier"
    x = None

    def follows() -> bool:
        nonlocal x
        res = tab.result
        if res is None or res.name != "nesty" or res.outputs is None:
            return False
        x = tab.inputs.current()[1].reshape(1, 64)
        return bool(np.allclose(res.outputs[-1], np.asarray(trained(x))[0], rtol=1e-5, atol=1e-6))

    qtbot.waitUntil(follows, timeout=TIMEOUT)
    assert tab.key.source == "live" and tab.inputs.dataset.source == "digits"
    # the run ends: its final checkpoint, read from disk, replaces the live key
    tab.state.end_training()
    assert tab.key == layers_tab_module.ModelKey("run", str(run_dir), "classifier")
    # the picker names the model on screen, even before the rescan lists the finished run
    qtbot.waitUntil(lambda: tab.active_key == tab.key, timeout=TIMEOUT)
    assert tab.model_combo.currentData() == tab.key
    assert tab.model_combo.currentText() == "live_run / classifier"


@pytest.fixture(scope="module")
def digits_run() -> Path:
    """A tiny classifier run trained on the 8x8 digits."""
    from core.paths import runs_root
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    config = TrainConfig(kind="classifier", dataset="digits", epochs=1, max_train=200, max_test=50)
    run_dir = runs_root() / "layers_tab_digits_run"
    result = TrainingRun(config, run_dir=run_dir).train()
    assert result.status == "completed", result.message
    return run_dir


def test_current_run_is_preselected_with_its_own_dataset(qtbot: Any, digits_run: Path, npz28: Path,
                                                         latent_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from core.data.sources import load_dataset

    monkeypatch.setenv("LATENT_LAB_HOME", str(digits_run.parent.parent))  # where the run lives
    state = AppState()
    state.set_dataset(load_dataset(f"npz:{npz28}"))  # the Training tab shows 28x28 images
    with qtbot.waitSignal(state.runs_changed, timeout=TIMEOUT):
        state.refresh_runs()
    assert state.run_info(digits_run) is not None
    widget = LayersTab(state)
    qtbot.addWidget(widget)
    try:
        assert widget.inputs.dataset.image_shape == (28, 28, 1)  # no run yet: the Training tab's data
        state.set_current_run(digits_run)
        assert widget.key is None  # hidden (another tab is on screen): nothing is loaded yet
        with qtbot.waitSignal(widget.view_updated, timeout=TIMEOUT):
            widget.show()  # shown: it catches up with the current run
        assert widget.key == layers_tab_module.ModelKey("run", str(digits_run), "classifier")
        assert widget.model_combo.currentData() == widget.key
        assert widget.inputs.dataset.source == "digits" and widget.inputs.dataset.image_shape == (8, 8, 1)
        assert widget.inputs.current()[1].shape == (8, 8)
        assert not widget.inputs.source_combo.isEnabled() and widget.inputs.source_combo.currentData() == "digits"
        probs = widget.prediction.probs
        assert probs is not None and probs.shape == (10,) and probs.sum() == pytest.approx(1.0)
        assert widget.inputs.problem() == ""
        assert widget.inputs.caption.text().startswith(widget.inputs.dataset.name)
    finally:
        widget.shutdown(2.0)
