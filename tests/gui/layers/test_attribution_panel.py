"""The Layers tab's attribution panel: maps for a user's conv classifier file (equal to the
core's, changing with the class), Grad-CAM's layer chooser, export, and a decoder refused
with its reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from gui.layers.tab import LayersTab

TIMEOUT = 20000


@pytest.fixture(scope="module")
def digits() -> Any:
    from core.data.sources import load_dataset

    return load_dataset("digits").subset(100, 40)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A softmax conv classifier with a branch, a dense-only classifier and a dense decoder."""
    from core.tf_env import keras

    k = keras()
    k.utils.set_random_seed(4)
    d = tmp_path_factory.mktemp("attribution_models")
    inp = k.Input((8, 8, 1), name="image")
    a = k.layers.Conv2D(6, 3, activation="relu", padding="same", name="conv_a")(inp)
    b = k.layers.Conv2D(3, 3, activation="relu", padding="same", name="conv_b")(inp)
    x = k.layers.Concatenate(name="join")([a, b])
    x = k.layers.Conv2D(8, 3, activation="relu", padding="same", name="conv_c")(x)
    out = k.layers.Dense(10, activation="softmax", name="probs")(k.layers.Flatten(name="flat")(x))
    paths = {"cnn": d / "cnn.keras", "dense": d / "dense.keras", "decoder": d / "decoder.keras"}
    k.Model(inp, out, name="branchy").save(paths["cnn"])
    flat = k.Input((64,))
    k.Model(flat, k.layers.Dense(10, activation="softmax")(k.layers.Dense(16, activation="relu")(flat)),
            name="dense_clf").save(paths["dense"])
    z = k.Input((2,))
    k.Model(z, k.layers.Dense(64, activation="sigmoid")(k.layers.Dense(16, activation="relu")(z)),
            name="decoder").save(paths["decoder"])
    return paths


def _open_and_show(qtbot: Any, tab: LayersTab, path: Path) -> None:
    with qtbot.waitSignal(tab.view_updated, timeout=TIMEOUT):
        tab.open_model_file(path)
    with qtbot.waitSignal(tab.attribution.map_shown, timeout=TIMEOUT):
        tab.view_tabs.setCurrentWidget(tab.attribution)


def _core_map(path: Path, x: np.ndarray, method: str, **kw: Any) -> Any:
    from core.inspect.attribution import explain
    from core.tf_env import keras

    return explain(keras().saving.load_model(path), x, method, **kw)


def test_map_for_a_conv_classifier_follows_class_and_method(qtbot: Any, tab: LayersTab, files: dict[str, Path],
                                                            digits: Any, tmp_path: Path) -> None:
    panel = tab.attribution
    _open_and_show(qtbot, tab, files["cnn"])
    res = panel.result
    assert res is not None and res.map is not None and res.method == "saliency"
    x = digits.x_test[tab.inputs.index_spin.value()].reshape(8, 8, 1).astype(np.float32)
    ref = _core_map(files["cnn"], x, "saliency")
    assert res.class_index == res.predicted == ref.predicted
    np.testing.assert_allclose(res.map, ref.display, rtol=1e-4, atol=1e-6)
    assert panel.view.image() is not None and panel.view.image().shape == (8, 8, 3)
    assert panel.colour_bar.shown and panel.colour_bar.high == pytest.approx(float(ref.display.max()), rel=1e-4)
    assert panel.class_combo.count() == 11 and panel.chosen_class() is None  # "predicted" + 10 classes

    other = (res.predicted + 1) % 10
    with qtbot.waitSignal(panel.map_shown, timeout=TIMEOUT):
        panel.set_class(other)
    changed = panel.result
    assert changed is not None and changed.map is not None and changed.class_index == other
    assert not np.allclose(changed.map, res.map)
    np.testing.assert_allclose(changed.map, _core_map(files["cnn"], x, "saliency", class_index=other).display,
                               rtol=1e-4, atol=1e-6)

    # Grad-CAM: the chooser lists the spatial layers, the last one chosen; enabled only for Grad-CAM
    assert panel.layers() == ["conv_a", "conv_b", "join", "conv_c"]
    assert not panel.layer_combo.isEnabled()
    with qtbot.waitSignal(panel.map_shown, timeout=TIMEOUT):
        panel.set_method("gradcam")
    assert panel.layer_combo.isEnabled() and panel.layer_combo.currentText() == "conv_c"
    cam = panel.result
    assert cam is not None and cam.layer == "conv_c" and cam.map is not None
    assert float(cam.map.min()) >= 0.0 and float(cam.map.max()) <= 1.0 + 1e-6
    with qtbot.waitSignal(panel.map_shown, timeout=TIMEOUT):
        panel.layer_combo.setCurrentText("conv_a")
    assert panel.result is not None and panel.result.layer == "conv_a"
    np.testing.assert_allclose(panel.result.map,
                               _core_map(files["cnn"], x, "gradcam", class_index=other, layer="conv_a").display,
                               rtol=1e-4, atol=1e-5)

    out = tmp_path / "overlay.png"
    assert panel.export_png(out) and out.stat().st_size > 0

    # a new input recomputes the map
    with qtbot.waitSignal(panel.map_shown, timeout=TIMEOUT):
        tab.inputs.index_spin.setValue(tab.inputs.index_spin.value() + 1)
    assert panel.result is not None and panel.result.image is not None


def test_dense_classifier_has_no_gradcam(qtbot: Any, tab: LayersTab, files: dict[str, Path]) -> None:
    panel = tab.attribution
    _open_and_show(qtbot, tab, files["cnn"])
    with qtbot.waitSignal(panel.map_shown, timeout=TIMEOUT):
        panel.set_method("gradcam")
        panel.set_class(2)
    # another model: the old class and layer choices are dropped, Grad-CAM falls back to saliency
    with qtbot.waitSignal(panel.map_shown, timeout=TIMEOUT):
        tab.open_model_file(files["dense"])
    assert panel.method() == "saliency" and panel.chosen_class() is None
    assert "Cannot" not in panel.reason_label.text()
    assert panel.layers() == []
    assert panel.method_combo.isEnabled() and not panel.layer_combo.isEnabled()
    gradcam = panel.method_combo.model().item(3)
    assert not gradcam.isEnabled()
    assert panel.result is not None and panel.result.map is not None and panel.result.map.shape == (8, 8)


def test_decoder_disables_the_panel_with_a_reason(qtbot: Any, tab: LayersTab, files: dict[str, Path]) -> None:
    panel = tab.attribution
    tab.view_tabs.setCurrentWidget(panel)
    with qtbot.waitSignal(panel.blocked, timeout=TIMEOUT) as blocked:
        tab.open_model_file(files["decoder"])
    reason = blocked.args[0]
    assert "classifier" in reason and "latent vector" in reason
    assert panel.reason_label.text() == reason
    assert not panel.method_combo.isEnabled() and not panel.class_combo.isEnabled()
    assert not panel.export_button.isEnabled() and panel.view.image() is None
