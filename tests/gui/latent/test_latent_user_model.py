"""The Latent map on a user's decoder file with a 3-D latent (built here): two chosen dimensions
make the map, a slider holds the third, and moving it changes the decoded image to exactly
the decoder's output; with an encoder the digits test set is scattered (PCA plane offered);
a file that is no decoder is not taken."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

TIMEOUT = 30_000


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """decoder: z (3) -> 8x8x1 sigmoid image; encoder: 8x8x1 image -> z (3)."""
    from core.tf_env import keras

    k = keras()
    k.utils.set_random_seed(5)
    folder = tmp_path_factory.mktemp("user_latent")
    z = k.Input((3,))
    x = k.layers.Dense(64, activation="sigmoid")(k.layers.Dense(16, activation="tanh")(z))
    decoder = k.Model(z, k.layers.Reshape((8, 8, 1))(x), name="my_decoder")
    image = k.Input((8, 8, 1))
    encoder = k.Model(image, k.layers.Dense(3)(k.layers.Flatten()(image)), name="my_encoder")
    out = {"decoder": folder / "my_decoder.keras", "encoder": folder / "my_encoder.keras"}
    decoder.save(out["decoder"])
    encoder.save(out["encoder"])
    return out


@pytest.fixture
def tab(qtbot, errors):
    from gui.app_state import AppState
    from gui.latent.tab import LatentTab

    state = AppState()
    state.mark_engine_ready()
    widget = LatentTab(state)
    widget._test_state = state
    qtbot.addWidget(widget)
    widget.resize(1100, 850)
    widget.show()
    yield widget
    widget.shutdown(2.0)


def _expected(path: Path, z: np.ndarray) -> np.ndarray:
    from core.inspect.model_files import load_model_file

    return np.asarray(load_model_file(path)(np.asarray(z, np.float32)[None], training=False))[0]


def _decoded_equals(tab, path: Path, z: np.ndarray) -> bool:
    shown = tab.decoded.image()
    return shown is not None and np.allclose(shown, _expected(path, z), atol=1e-5)


def test_decoder_with_3d_latent_two_dims_and_a_slider(qtbot, tab, files) -> None:
    assert tab.can_open_model_file(files["decoder"])
    tab.open_model_file(files["decoder"])
    qtbot.waitUntil(lambda: tab.user.active, timeout=TIMEOUT)
    user = tab.user
    assert tab.view.model.latent_dim == 3 and len(tab.view.test_z) == 0
    assert [user.x_combo.itemText(i) for i in range(3)] == ["z[0]", "z[1]", "z[2]"]
    assert (user.x_combo.currentData(), user.y_combo.currentData()) == (0, 1)
    assert [s.isVisibleTo(tab) for _, s in user.sliders] == [False, False, True]  # the third dim's slider
    assert "my_decoder.keras" in tab.note.text()
    tab.pick_point(0.5, -0.25)
    qtbot.waitUntil(lambda: _decoded_equals(tab, files["decoder"], np.array([0.5, -0.25, 0.0])), timeout=TIMEOUT)
    before = tab.decoded.image().copy()

    user.sliders[2][1].setValue(150)  # z[2] = 1.5
    qtbot.waitUntil(lambda: _decoded_equals(tab, files["decoder"], np.array([0.5, -0.25, 1.5])), timeout=TIMEOUT)
    assert not np.allclose(tab.decoded.image(), before)
    assert "1.50" in user.sliders[2][0].text()

    # another pair of dimensions: z[2] on the y axis, z[1] on its slider
    user.y_combo.setCurrentIndex(2)
    user.y_combo.activated.emit(2)
    assert [s.isVisibleTo(tab) for _, s in user.sliders] == [False, True, False]
    qtbot.waitUntil(lambda: _decoded_equals(tab, files["decoder"], np.array([0.5, 0.0, -0.25])), timeout=TIMEOUT)


def test_encoder_scatters_the_test_set_on_the_pca_plane(qtbot, tab, files) -> None:
    tab.open_model_file(files["decoder"])
    qtbot.waitUntil(lambda: tab.user.active, timeout=TIMEOUT)
    tab.user.open_decoder(files["decoder"], files["encoder"])  # what "Open encoder…" does
    qtbot.waitUntil(lambda: tab.user.active and len(tab.view.test_z) > 0, timeout=TIMEOUT)
    view = tab.view
    assert view.test_z.shape[1] == 3 and view.test_plane.shape == (len(view.test_z), 2)
    assert tab.user.plane_combo.currentData() == "pca"
    np.testing.assert_allclose(view.test_plane, view.projection.to_plane(view.test_z), atol=1e-5)
    assert not view.projection.is_identity and view.projection.explained != (1.0, 1.0)


def test_a_classifier_file_is_not_a_decoder(qtbot, tab, tmp_path) -> None:
    from core.tf_env import keras

    k = keras()
    clf = k.Sequential([k.Input((8, 8, 1)), k.layers.Flatten(), k.layers.Dense(10, activation="softmax")])
    clf.save(tmp_path / "clf.keras")
    assert not tab.can_open_model_file(tmp_path / "clf.keras")
    assert not tab.can_open_model_file(tmp_path / "missing.keras")
