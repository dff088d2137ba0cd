"""Sampling: determinism per seed, interpolation endpoints, walks, locks and memorisation checks."""

from __future__ import annotations

import numpy as np
import pytest

from core.gan import sampling


@pytest.fixture(scope="module")
def generator():
    from core.models import build_model

    return build_model("gan", (8, 8, 1), latent_dim=8, seed=3).roles["generator"]


def test_noise_deterministic_per_seed() -> None:
    a, b, c = sampling.noise(5, 4, 1), sampling.noise(5, 4, 1), sampling.noise(5, 4, 2)
    assert a.shape == (5, 4) and a.dtype == np.float32
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c)


def test_sample_deterministic_and_differs_across_seeds(generator) -> None:
    a = sampling.sample(generator, 6, seed=11)
    b = sampling.sample(generator, 6, seed=11)
    c = sampling.sample(generator, 6, seed=12)
    assert a.shape == (6, 8, 8, 1)
    assert 0.0 <= a.min() and a.max() <= 1.0
    np.testing.assert_array_equal(a, b)
    assert np.abs(a - c).max() > 1e-4
    # samples within one batch differ from each other too
    assert np.abs(a[0] - a[1]).max() > 1e-4


def test_sampler_matches_direct_call(generator) -> None:
    z = sampling.noise(3, 8, 0)
    direct = np.asarray(generator(z, training=False))
    np.testing.assert_allclose(sampling.make_sampler(generator)(z), direct, atol=1e-6)


@pytest.mark.parametrize("method", ["linear", "spherical"])
def test_interpolation_endpoints_equal_samples(generator, method: str) -> None:
    z = sampling.noise(2, 8, 5)
    path = sampling.interpolate(z[0], z[1], 7, method)
    assert path.shape == (7, 8)
    np.testing.assert_array_equal(path[0], z[0])
    np.testing.assert_array_equal(path[-1], z[1])
    fn = sampling.make_sampler(generator)
    strip, ends = fn(path), fn(z)
    np.testing.assert_array_equal(strip[0], ends[0])
    np.testing.assert_array_equal(strip[-1], ends[1])
    # interior points are new images, not copies of the ends
    assert np.abs(strip[3] - ends[0]).max() > 1e-5 and np.abs(strip[3] - ends[1]).max() > 1e-5


def test_slerp_keeps_norm_between_endpoints() -> None:
    a, b = np.array([3.0, 0.0], np.float32), np.array([0.0, 3.0], np.float32)
    path = sampling.slerp(a, b, 5)
    np.testing.assert_allclose(np.linalg.norm(path, axis=1), 3.0, rtol=1e-5)
    # linear interpolation cuts the corner
    assert np.linalg.norm(sampling.lerp(a, b, 5)[2]) < 2.5


def test_interpolation_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="method"):
        sampling.interpolate(np.zeros(2), np.ones(2), 4, "cubic")
    with pytest.raises(ValueError, match="2 steps"):
        sampling.lerp(np.zeros(2), np.ones(2), 1)


def test_latent_walk_is_a_smooth_closed_loop() -> None:
    walk = sampling.latent_walk(8, 40, seed=2, keypoints=4)
    assert walk.shape == (40, 8)
    steps = np.linalg.norm(np.diff(np.vstack([walk, walk[:1]]), axis=0), axis=1)
    # no jump is much bigger than a typical step, including the wrap-around
    assert steps.max() < 3 * np.median(steps)


def test_nearest_real_finds_the_training_image() -> None:
    rng = np.random.default_rng(0)
    train = rng.random((50, 8, 8, 1)).astype(np.float32)
    query = train[17] + 0.01 * rng.standard_normal((8, 8, 1)).astype(np.float32)
    assert sampling.nearest_real(query, train) == 17
    with pytest.raises(ValueError, match="pixels"):
        sampling.nearest_real(np.zeros((4, 4)), train)


def test_mean_image() -> None:
    imgs = np.stack([np.zeros((4, 4, 1)), np.ones((4, 4, 1))]).astype(np.float32)
    np.testing.assert_allclose(sampling.mean_image(imgs), 0.5)


def test_noise_grid_locks_survive_reseed() -> None:
    grid = sampling.NoiseGrid(3, 4, seed=0)
    before = grid.z.copy()
    assert grid.toggle_lock(4) is True
    after = grid.reseed(1)
    np.testing.assert_array_equal(after[4], before[4])
    assert not np.allclose(after[0], before[0])
    assert grid.toggle_lock(4) is False
    grid.reseed(2)
    assert not np.allclose(grid.z[4], before[4])
    grid.toggle_lock(1)
    grid.resize(4)
    assert grid.z.shape == (16, 4) and grid.locked == {1}
    with pytest.raises(ValueError):
        grid.toggle_lock(16)
