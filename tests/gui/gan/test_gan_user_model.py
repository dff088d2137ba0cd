"""The GAN tab on a user's generator file: a tanh generator with a 100-long noise vector built
here; grid values in [0, 1] equal (G(z) + 1) / 2, reseed changes them, the same seed gives
the same grid, locks and interpolation work, run-only controls are disabled, and a file that
is no generator is refused."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

TIMEOUT = 20_000


@pytest.fixture(scope="module")
def generator_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Noise (100) -> 8x8x1 image through tanh, saved as a user's `.keras` file."""
    from core.tf_env import keras

    k = keras()
    k.utils.set_random_seed(3)
    z = k.Input((100,))
    x = k.layers.Dense(32, activation="relu")(z)
    x = k.layers.Dense(64, activation="tanh")(x)
    model = k.Model(z, k.layers.Reshape((8, 8, 1))(x), name="my_generator")
    path = tmp_path_factory.mktemp("user_gan") / "my_generator.keras"
    model.save(path)
    return path


@pytest.fixture
def tab(errors, make_gan_tab):
    return make_gan_tab()


def _wait_new_result(qtbot, tab, action) -> object:
    before = tab.last_result
    action()
    qtbot.waitUntil(lambda: tab.last_result is not before and tab.sampling.idle, timeout=TIMEOUT)
    return tab.last_result


def _raw(path: Path, z: np.ndarray) -> np.ndarray:
    from core.inspect.model_files import load_model_file

    return np.asarray(load_model_file(path)(z, training=False))


def test_user_generator_grid_reseed_and_determinism(qtbot, tab, generator_file) -> None:
    assert tab.can_open_model_file(generator_file)
    result = _wait_new_result(qtbot, tab, lambda: tab.open_model_file(generator_file))
    assert tab.user.active and tab.user.latent_dim == 100
    grid = result.grid
    assert grid.shape == (64, 8, 8, 1)
    assert 0.0 <= grid.min() and grid.max() <= 1.0
    z = tab.noise_grid.z
    assert z.shape == (64, 100)
    np.testing.assert_allclose(grid, (_raw(generator_file, z) + 1.0) / 2.0, atol=1e-5)  # tanh -> [0, 1]
    assert tab.grid.image().shape == (8 * 9 - 1, 8 * 9 - 1)
    assert "my_generator.keras" in tab.status.text()

    reseeded = _wait_new_result(qtbot, tab, tab.reseed_button.click).grid
    assert not np.allclose(reseeded, grid)
    again = _wait_new_result(qtbot, tab, lambda: tab.seed_spin.setValue(0)).grid
    np.testing.assert_array_equal(again, grid)

    # [0, 1] chosen by hand: the raw output clipped, no tanh mapping
    tab.user.range_combo.setCurrentIndex(2)
    clipped = _wait_new_result(qtbot, tab, lambda: tab.user.range_combo.activated.emit(2)).grid
    np.testing.assert_allclose(clipped, np.clip(_raw(generator_file, tab.noise_grid.z), 0, 1), atol=1e-5)

    # run-only controls are disabled with a reason; metrics too
    for i in (1, 2, 3):
        assert not tab.panels.isTabEnabled(i) and tab.panels.tabToolTip(i)
    assert not tab.side.score_button.isEnabled()


def test_user_generator_locks_and_interpolation(qtbot, tab, generator_file) -> None:
    _wait_new_result(qtbot, tab, lambda: tab.open_model_file(generator_file))
    z0 = tab.noise_grid.z[5].copy()
    tab.sampling._on_grid_lock_requested(5)  # noqa: SLF001 - what a right-click does
    reseeded = _wait_new_result(qtbot, tab, tab.reseed_button.click)
    np.testing.assert_array_equal(tab.noise_grid.z[5], z0)
    assert reseeded.strip is not None and len(reseeded.strip) == tab.interp.steps.value()
    assert 0.0 <= reseeded.strip.min() and reseeded.strip.max() <= 1.0


def test_nearest_real_image_when_the_dataset_fits(qtbot, tab, generator_file) -> None:
    _wait_new_result(qtbot, tab, lambda: tab.open_model_file(generator_file))
    index = tab.user.dataset_combo.findData("digits")  # 8x8x1, like the generator's images
    tab.user.dataset_combo.setCurrentIndex(index)
    tab.user.dataset_combo.activated.emit(index)
    qtbot.waitUntil(lambda: tab.sampling.train_images is not None, timeout=TIMEOUT)
    result = _wait_new_result(qtbot, tab, lambda: tab.sampling._on_grid_cell_clicked(3))  # noqa: SLF001
    assert result.nearest_image is not None and result.nearest_image.shape == (8, 8, 1)
    assert tab.user.note_text() == ""
    # the metrics apply: real images of the generator's shape are chosen
    assert tab.side.score_button.isEnabled()
    tab.side.score_button.click()
    qtbot.waitUntil(lambda: tab.actions.metrics_result is not None, timeout=120_000)
    metrics = tab.actions.metrics_result
    assert metrics["dataset"]["samples"] == 1000
    assert 1.0 <= metrics["gan"]["score"] <= 10.0 and metrics["real"]["score"] > 5.0
    from core.cli.score import score_generator_file

    again = score_generator_file(generator_file, "digits", 1000, output_range="auto")
    assert again["gan"]["score"] == pytest.approx(metrics["gan"]["score"], rel=1e-6)


def test_a_file_that_is_no_generator_is_refused(qtbot, tab, tmp_path, errors) -> None:
    from core.tf_env import keras

    k = keras()
    clf = k.Sequential([k.Input((8, 8, 1)), k.layers.Flatten(), k.layers.Dense(10, activation="softmax")])
    path = tmp_path / "clf.keras"
    clf.save(path)
    assert not tab.can_open_model_file(path)
    assert tab.open_model_file(path) is False
    assert errors and "clf.keras" in errors[0][1]
    assert not tab.user.active
