"""Latent map engine: plane projection, grids, interpolation, decoding, history, GIF/PNG export."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from core.images import save_gif, save_png, tile
from core.latent.model import LatentModel, confidence_map, decode_grid
from core.latent.plane import (
    LatentError,
    PlaneProjection,
    axis_values,
    grid_points,
    interpolate,
    nearest_train_index,
)
from core.latent.view import history_frames
from core.training.run_folder import load_snapshots


def _digits(n: int = 300) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_digits

    d = load_digits()
    return (d.images[:n] / 16.0).astype(np.float32)[..., None], d.target[:n].astype(np.int64)


def make_run(root: Path, kind: str, latent_dim: int = 2, epochs: int = 2, dataset: str = "digits",
             max_train: int = 300) -> Path:
    """A tiny run trained by the engine (`core.training.run.TrainingRun`): one snapshot per epoch."""
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    run_dir = root / f"{kind}_{latent_dim}"
    config = TrainConfig(kind=kind, dataset=dataset, epochs=epochs, max_train=max_train, max_test=100,
                         latent_dim=None if kind == "classifier" else latent_dim, gan_metrics=False)
    result = TrainingRun(config, run_dir=run_dir).train()
    assert result.status == "completed", result.message
    return run_dir


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("latent_runs")
    return {"vae": make_run(root, "vae", 2), "ae3": make_run(root, "autoencoder", 3),
            "clf": make_run(root, "classifier", epochs=1)}


@pytest.fixture(scope="module")
def vae(runs: dict[str, Path]) -> LatentModel:
    return LatentModel.from_run(runs["vae"], runs["clf"])


@pytest.fixture(scope="module")
def ae3(runs: dict[str, Path]) -> LatentModel:
    return LatentModel.from_run(runs["ae3"])


def test_identity_plane_round_trips() -> None:
    proj = PlaneProjection.fit(np.random.default_rng(0).normal(size=(20, 2)))
    assert proj.is_identity
    p = np.array([[0.5, -1.25], [2.0, 3.0]], np.float32)
    np.testing.assert_allclose(proj.from_plane(p), p)
    np.testing.assert_allclose(proj.to_plane(p), p)


def test_pca_plane_is_orthonormal_and_inverts() -> None:
    rng = np.random.default_rng(1)
    z = rng.normal(size=(200, 5)) * np.array([5.0, 3.0, 0.1, 0.1, 0.1]) + 7.0
    proj = PlaneProjection.fit(z)
    assert not proj.is_identity and proj.latent_dim == 5
    np.testing.assert_allclose(proj.components @ proj.components.T, np.eye(2), atol=1e-5)
    assert proj.explained[0] > proj.explained[1] > 0.2
    p = np.array([[1.0, -2.0]], np.float32)
    np.testing.assert_allclose(proj.to_plane(proj.from_plane(p)), p, atol=1e-4)
    # the two big axes carry almost all the variance: projecting and back loses little
    back = proj.from_plane(proj.to_plane(z[:10]))
    assert np.abs(back - z[:10]).max() < 0.6


def test_grid_points_orientation_and_spacing() -> None:
    pts = grid_points((-1.0, 3.0, -2.0, 2.0), 4)
    assert pts.shape == (16, 2)
    np.testing.assert_allclose(pts[0], [-1.0, 2.0])  # top-left first
    np.testing.assert_allclose(pts[-1], [3.0, -2.0])  # bottom-right last
    g = axis_values(-3.0, 3.0, 9, "gaussian")
    assert g[0] == pytest.approx(-3.0) and g[-1] == pytest.approx(3.0)
    steps = np.diff(g)
    assert np.all(steps > 0) and steps[4] < steps[0]  # denser near the middle
    np.testing.assert_allclose(g, -g[::-1], atol=1e-5)
    with pytest.raises(LatentError):
        axis_values(0, 1, 3, "cubic")


def test_interpolate_and_nearest() -> None:
    line = interpolate(np.array([0.0, 0.0, 1.0]), np.array([4.0, -2.0, 1.0]), 5)
    assert line.shape == (5, 3)
    np.testing.assert_allclose(line[2], [2.0, -1.0, 1.0])
    np.testing.assert_allclose(line[-1], [4.0, -2.0, 1.0])
    train = np.array([[0.0, 0.0], [5.0, 5.0], [1.0, 1.2]])
    assert nearest_train_index(np.array([0.9, 1.0]), train) == 2
    assert nearest_train_index(np.array([4.0, 6.0]), train) == 1


def test_decode_one_matches_decoder_2d(vae: LatentModel) -> None:
    assert vae.latent_dim == 2 and vae.has_mirror
    for point in ([0.3, -0.7], [-2.5, 1.9]):
        z = np.array(point, np.float32)
        expected = np.asarray(vae.decoder(z[None]))[0]
        np.testing.assert_allclose(vae.decode_one(z), expected, atol=1e-5)
    a, b = vae.decode_one(np.array([-2.0, -2.0])), vae.decode_one(np.array([2.0, 2.0]))
    assert a.shape == (8, 8, 1) and np.abs(a - b).max() > 1e-3


def test_decode_through_pca_matches_decoder(ae3: LatentModel) -> None:
    x, _ = _digits(200)
    proj = PlaneProjection.fit(ae3.encode(x))
    assert not proj.is_identity
    p = np.array([0.4, -0.3], np.float32)
    z = proj.from_plane(p)
    assert z.shape == (3,)
    expected = np.asarray(ae3.decoder(z[None]))[0]
    np.testing.assert_allclose(ae3.decode_one(z), expected, atol=1e-5)
    np.testing.assert_allclose(ae3.decode(z[None])[0], expected, atol=1e-5)


def test_decode_grid_counts_sizes_and_differs(vae: LatentModel) -> None:
    proj = PlaneProjection.identity(2)
    for spacing in ("linear", "gaussian"):
        imgs = decode_grid(vae, proj, (-3, 3, -3, 3), 6, spacing)
        assert imgs.shape == (36, 8, 8, 1)
        assert np.abs(imgs[0] - imgs[-1]).max() > 1e-3
        expected = np.asarray(vae.decoder(grid_points((-3, 3, -3, 3), 6, spacing)))
        np.testing.assert_allclose(imgs, expected, atol=1e-5)
    assert tile(imgs, cols=6).shape == (48, 48)


def test_confidence_map(vae: LatentModel) -> None:
    conf, labels = confidence_map(vae, PlaneProjection.identity(2), (-3, 3, -3, 3), 5)
    assert conf.shape == (5, 5) and labels.shape == (5, 5)
    assert np.all(conf >= 0.1 - 1e-6) and np.all(conf <= 1.0 + 1e-6)
    probs = vae.classify(vae.decode(np.zeros((1, 2))))
    assert probs.shape == (1, 10) and probs.sum() == pytest.approx(1.0, abs=1e-5)


def test_set_weights_changes_decoding(runs: dict[str, Path]) -> None:
    model = LatentModel.from_run(runs["vae"])
    z = np.array([1.0, -1.0], np.float32)
    before = model.decode_one(z)
    weights = [w * 0.5 for w in model.decoder.get_weights()]
    model.set_weights({"decoder": weights})
    after = model.decode_one(z)
    assert np.abs(after - before).max() > 1e-4
    np.testing.assert_allclose(after, model.decode(z[None])[0], atol=1e-5)


def test_history_has_one_frame_per_epoch(runs: dict[str, Path]) -> None:
    frames = history_frames(load_snapshots(runs["vae"]))
    epochs = json.loads((runs["vae"] / "config.json").read_text())["epochs"]
    assert epochs == 2 and [f.epoch for f in frames] == list(range(1, epochs + 1))
    assert frames[0].z.shape[1] == 2 and frames[0].labels.shape == (len(frames[0].z),)
    assert not np.allclose(frames[0].z, frames[-1].z)


def test_classifier_run_has_no_decoder(runs: dict[str, Path]) -> None:
    with pytest.raises(LatentError, match="has no decoder"):
        LatentModel.from_run(runs["clf"])


def test_png_and_gif_export(tmp_path: Path) -> None:
    from PIL import Image

    img = np.linspace(0, 1, 28 * 28, dtype=np.float32).reshape(28, 28, 1)
    path = save_png(img, tmp_path / "one.png")
    with Image.open(path) as pil:
        assert pil.mode == "L" and pil.size == (28, 28)
        np.testing.assert_array_equal(np.asarray(pil), np.rint(img[..., 0] * 255).astype(np.uint8))
    frames = [np.full((8, 10), v, np.float32) for v in np.linspace(0, 1, 6)]
    gif = save_gif(frames, tmp_path / "anim.gif", fps=5, scale=3)
    with Image.open(gif) as pil:
        assert pil.n_frames == 6 and pil.size == (30, 24)
        assert pil.info["duration"] == 200
    assert not list(tmp_path.glob(".*tmp"))
    with pytest.raises(ValueError):
        save_gif([], tmp_path / "empty.gif")
