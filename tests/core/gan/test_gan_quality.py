"""GAN quality metrics: Fréchet distance, MNIST score, class histogram, hook and mode collapse."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from core.gan import quality as gq


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory):
    old = os.environ.get("LATENT_LAB_HOME")
    path = tmp_path_factory.mktemp("home")
    os.environ["LATENT_LAB_HOME"] = str(path)
    yield path
    if old is None:
        os.environ.pop("LATENT_LAB_HOME", None)
    else:
        os.environ["LATENT_LAB_HOME"] = old


@pytest.fixture(scope="module")
def digits():
    from core.data.sources import load_dataset

    return load_dataset("digits")


@pytest.fixture(scope="module")
def scorer(digits, home, tmp_path_factory):
    from core.gan.scorer import load_or_train_scorer

    run_dir = tmp_path_factory.mktemp("run")
    s = load_or_train_scorer(digits.x_train, digits.y_train, num_classes=10, run_dir=run_dir)
    s.run_dir = run_dir
    return s


def _blur(images: np.ndarray) -> np.ndarray:
    padded = np.pad(images, ((0, 0), (1, 1), (1, 1), (0, 0)), mode="edge")
    h, w = images.shape[1:3]
    return sum(padded[:, i: i + h, j: j + w] for i in range(3) for j in range(3)) / 9.0


def test_frechet_of_gaussians() -> None:
    rng = np.random.default_rng(0)
    a = rng.standard_normal((2000, 4))
    assert gq.frechet_distance(a, a) < 1e-6
    shifted = gq.frechet_distance(a, a + np.array([2.0, 0, 0, 0]))
    assert shifted == pytest.approx(4.0, rel=1e-3)
    # a degenerate set (all identical) still gives a finite value
    const = np.zeros((100, 4))
    assert np.isfinite(gq.frechet_distance(const, a))
    with pytest.raises(ValueError):
        gq.frechet_distance(a, a[:, :3])


def test_mnist_score_bounds() -> None:
    one_hot = np.eye(10)[np.arange(1000) % 10]
    assert gq.mnist_score(one_hot) == pytest.approx(10.0, rel=1e-6)
    assert gq.mnist_score(np.tile(np.eye(10)[3], (100, 1))) == pytest.approx(1.0, abs=1e-6)
    assert gq.mnist_score(np.full((50, 10), 0.1)) == pytest.approx(1.0, abs=1e-6)


def test_class_histogram_and_entropy() -> None:
    probs = np.eye(10)[[0, 0, 1, 2]]
    np.testing.assert_allclose(gq.class_histogram(probs)[:3], [0.5, 0.25, 0.25])
    assert gq.class_entropy(gq.class_histogram(probs)) == pytest.approx(1.5)
    assert gq.class_entropy(np.full(10, 0.1)) == pytest.approx(np.log2(10))
    assert gq.class_entropy(np.eye(10)[4]) == 0.0


def test_scorer_is_accurate_and_cached(scorer, digits, home) -> None:
    from core.gan.scorer import SCORER_FILE, cache_path, load_or_train_scorer

    assert scorer.accuracy(digits.x_test, digits.y_test) > 0.85
    assert (scorer.run_dir / SCORER_FILE).exists()
    cached = cache_path(digits.x_train, digits.y_train)
    assert cached.exists() and str(cached).startswith(str(home))
    again = load_or_train_scorer(digits.x_train, digits.y_train, run_dir=None)
    np.testing.assert_allclose(again.probs_and_features(digits.x_test[:20])[0],
                               scorer.probs_and_features(digits.x_test[:20])[0], atol=1e-5)


def test_frechet_zero_for_identical_and_grows_with_noise_and_blur(scorer, digits) -> None:
    x = digits.x_test
    _, f = scorer.probs_and_features(x)
    assert gq.frechet_distance(f, f) < 1e-3
    rng = np.random.default_rng(1)
    dists = []
    for sigma in (0.05, 0.2, 0.5):
        noisy = np.clip(x + sigma * rng.standard_normal(x.shape).astype(np.float32), 0, 1)
        dists.append(gq.frechet_distance(scorer.probs_and_features(noisy)[1], f))
    assert 1e-3 < dists[0] < dists[1] < dists[2]
    once = gq.frechet_distance(scorer.probs_and_features(_blur(x))[1], f)
    twice = gq.frechet_distance(scorer.probs_and_features(_blur(_blur(x)))[1], f)
    assert 1e-3 < once < twice


def test_score_sets_real_beats_noise_and_mean(scorer, digits) -> None:
    noise = np.random.default_rng(2).random((300, 8, 8, 1)).astype(np.float32)
    res = gq.score_sets(scorer, noise, digits.x_test, digits.x_train, extra={"noise": noise})
    assert set(res) == {"gan", "real", "mean_image", "noise"}
    for key in ("score", "frechet", "class_histogram"):
        assert key in res["gan"]
    assert len(res["real"]["class_histogram"]) == 10
    assert res["real"]["score"] > 6.0
    assert res["real"]["score"] > res["noise"]["score"] + 2.0
    assert res["mean_image"]["score"] == pytest.approx(1.0, abs=1e-3)
    assert res["real"]["frechet"] < res["mean_image"]["frechet"]
    assert res["real"]["frechet"] < res["noise"]["frechet"]
    assert res["gan"] == res["noise"]


def _constant_generator(image: np.ndarray, latent_dim: int = 8):
    """A generator forced to output `image` whatever the noise (mode collapse by construction)."""
    from core.tf_env import keras

    k = keras()
    z = k.Input((latent_dim,))
    x = k.layers.Dense(int(image.size), kernel_initializer="zeros",
                       bias_initializer=k.initializers.Constant(image.reshape(-1)))(z)
    return k.Model(z, k.layers.Reshape(image.shape)(x))


def test_hook_warns_on_collapsed_generator(scorer, digits, tmp_path: Path) -> None:
    (tmp_path / "scorer.keras").write_bytes((scorer.run_dir / "scorer.keras").read_bytes())
    hook = gq.GanQualityHook(digits, tmp_path, seed=0, n_samples=300)
    gen = _constant_generator(digits.x_train[0])
    logs = hook(gen, 1)
    assert set(logs) == {"mnist_score", "frechet", "class_entropy", "diversity"}
    assert logs["class_entropy"] == 0.0 and logs["diversity"] < 1e-6
    assert logs["mnist_score"] == pytest.approx(1.0, abs=1e-3)
    assert hook.warning is not None and "epoch 1" in hook.warning
    data = json.loads((tmp_path / "quality.json").read_text())
    assert [r["epoch"] for r in data["epochs"]] == [1]
    assert max(data["epochs"][0]["class_histogram"]) == 1.0
    # a fresh hook on the same run continues the record
    hook2 = gq.GanQualityHook(digits, tmp_path, seed=0, n_samples=300)
    hook2(gen, 2)
    assert [r["epoch"] for r in gq.load_quality(tmp_path)] == [1, 2]


def test_mode_collapse_quiet_on_real_data(scorer, digits) -> None:
    rng = np.random.default_rng(3)
    records = []
    for epoch in range(1, 6):
        idx = rng.choice(len(digits.x_test), 200, replace=False)
        probs, _ = scorer.probs_and_features(digits.x_test[idx])
        records.append({"epoch": epoch, "class_entropy": gq.class_entropy(gq.class_histogram(probs)),
                        "diversity": gq.diversity(digits.x_test[idx])})
        assert gq.detect_mode_collapse(records) is None
    assert records[-1]["class_entropy"] > 3.0


def test_mode_collapse_names_rollback_epoch() -> None:
    history = {"class_entropy": [2.5, 3.0, 3.1, 3.2, 3.1], "diversity": [0.3, 0.32, 0.33, 0.31, 0.1]}
    msg = gq.detect_mode_collapse(history)
    assert msg is not None and "epoch 5" in msg and "roll back to the epoch 4" in msg
    history["class_entropy"][-1] = 0.5
    history["diversity"][-1] = 0.3
    msg = gq.detect_mode_collapse(history)
    assert msg is not None and "1 bit" in msg and "epoch 4" in msg
    assert gq.detect_mode_collapse({"class_entropy": [], "diversity": []}) is None
    assert gq.detect_mode_collapse({"class_entropy": [2.0, 2.5], "diversity": [0.3, 0.25]}) is None


def test_rollback_returns_a_collapsed_gan_run_to_its_healthy_epoch(tmp_path: Path) -> None:
    """A 3-epoch GAN run whose last epoch "collapsed" rolls back to epoch 2's checkpoint."""


    from core.gan.quality import rollback_epoch
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun
    from core.training.run_folder import (
        RunError,
        load_role,
        load_run_info,
        rollback_run,
        snapshot_path,
    )

    run = TrainingRun(TrainConfig(kind="gan", dataset="digits", epochs=3, max_train=128, max_test=64,
                                  gan_metrics=False, batch_size=32), run_dir=tmp_path / "gan")
    assert run.train().status == "completed"
    run_dir = tmp_path / "gan"
    history = {"class_entropy": [2.9, 3.1, 0.4], "diversity": [0.2, 0.25, 0.05]}
    assert rollback_epoch(history) == 2
    assert rollback_epoch({"class_entropy": [2.9, 3.1, 3.0], "diversity": [0.2, 0.25, 0.24]}) is None

    epoch2 = load_role(run_dir / "checkpoints" / "epoch_0002", "generator").get_weights()
    latest = load_role(run_dir, "generator").get_weights()
    assert any(not np.array_equal(a, b) for a, b in zip(epoch2, latest, strict=True))
    rollback_run(run_dir, 2)
    restored = load_role(run_dir, "generator").get_weights()
    assert all(np.array_equal(a, b) for a, b in zip(epoch2, restored, strict=True))
    info = load_run_info(run_dir)
    assert info.state["epochs_done"] == 2 and info.state["status"] == "stopped"
    assert all(len(v) == 2 for v in info.history.values())
    assert not snapshot_path(run_dir, 3).exists() and snapshot_path(run_dir, 2).exists()
    assert json.loads((run_dir / "state.json").read_text())["message"] == "Rolled back to epoch 2."
    with pytest.raises(RunError, match="no checkpoint for epoch 7"):
        rollback_run(run_dir, 7)
    # Continuing the run trains on from epoch 2.
    again = TrainingRun.open(run_dir)
    assert again.epochs_done == 2
