"""`logpx`, `ood` and `classify-generative` on tiny runs: the JSON records, their internal
consistency, and one-line errors for runs that have no density."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from core.cli.dispatch import main
from tests.core.latent.test_latent import make_run


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("density_runs")
    return {"vae": make_run(root, "vae", 2, epochs=2), "clf": make_run(root, "classifier", epochs=1),
            "cvae": _cvae_run(root)}


def _cvae_run(root: Path) -> Path:
    """A CVAE trained on 300 digits with small batches: enough steps to classify."""
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    config = TrainConfig(kind="cvae", dataset="digits", epochs=4, batch_size=8, max_train=300, max_test=100,
                         latent_dim=2)
    result = TrainingRun(config, run_dir=root / "cvae").train()
    assert result.status == "completed", result.message
    return root / "cvae"


def _json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_logpx_json(runs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    from core.density.evaluate import run_dataset
    from core.density.likelihood import estimate_logpx
    from core.density.model import DensityModel

    rec = _json(["logpx", str(runs["vae"]), "--k", "8", "--json"], capsys)
    assert set(rec) == {"nll_nats", "elbo_nats", "bits_per_dim", "mean_image_nll_nats", "n", "k", "n_pixels"}
    assert rec["n"] == 100 and rec["k"] == 8 and rec["n_pixels"] == 64
    assert 0 < rec["nll_nats"] <= rec["elbo_nats"]
    assert rec["bits_per_dim"] == pytest.approx(rec["nll_nats"] / (64 * math.log(2)))
    assert math.isfinite(rec["mean_image_nll_nats"]) and rec["mean_image_nll_nats"] > 0
    # the same figure from the library, image by image
    data = run_dataset(runs["vae"])
    est = estimate_logpx(DensityModel.from_run(runs["vae"]), data.x_test, k=8, seed=0)
    assert rec["nll_nats"] == pytest.approx(float(np.mean(est.nll)), rel=1e-5)
    more = _json(["logpx", str(runs["vae"]), "--k", "64", "--max-images", "20", "--json"], capsys)
    assert more["n"] == 20 and more["k"] == 64


def test_logpx_refuses_a_classifier(runs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["logpx", str(runs["clf"])]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and "classifier" in err and len(err.splitlines()) == 1
    assert main(["logpx", str(runs["vae"]), "--k", "0"]) == 2


def test_ood_json(runs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    from core.density.auroc import auroc
    from core.density.evaluate import run_dataset
    from core.density.model import DensityModel
    from core.density.ood import ClassifierScorer, log_px, noise_images

    rec = _json(["ood", "--vae", str(runs["vae"]), "--classifier", str(runs["clf"]), "--out", "noise",
                 "--k", "8", "--json"], capsys)
    assert set(rec) == {"auroc", "n_in", "n_out"} and rec["n_in"] == rec["n_out"] == 100
    assert set(rec["auroc"]) == {"vae_logpx", "classifier_maxprob"}
    assert all(0.0 <= v <= 1.0 for v in rec["auroc"].values())
    # recomputed from the scores: noise is far from 8x8 digits under log p(x)
    x_in = run_dataset(runs["vae"]).x_test
    model = DensityModel.from_run(runs["vae"])
    noise = noise_images(len(x_in), x_in.shape[1:], seed=0)
    expected = auroc(log_px(model, x_in, k=8, seed=0), log_px(model, noise, k=8, seed=1))
    assert rec["auroc"]["vae_logpx"] == pytest.approx(expected) and expected > 0.9
    clf = ClassifierScorer.from_run(runs["clf"])
    assert rec["auroc"]["classifier_maxprob"] == pytest.approx(
        auroc(clf.probs(x_in).max(axis=1), clf.probs(noise).max(axis=1)))
    flip = _json(["ood", "--vae", str(runs["vae"]), "--classifier", str(runs["clf"]), "--out", "flip",
                  "--k", "8", "--max-images", "30", "--json"], capsys)
    assert flip["n_in"] == flip["n_out"] == 30


def test_ood_bad_input(runs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ood", "--vae", str(runs["clf"]), "--classifier", str(runs["clf"]), "--out", "noise"]) == 2
    assert main(["ood", "--vae", str(runs["vae"]), "--classifier", str(runs["vae"]), "--out", "noise"]) == 2
    assert main(["ood", "--vae", str(runs["vae"]), "--classifier", str(runs["clf"]), "--out", "nowhere:x"]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("error:") for line in lines)


def test_classify_generative_json(runs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    from core.density.bayes import class_log_likelihoods, label_log_prior
    from core.density.evaluate import run_dataset
    from core.density.model import DensityModel

    rec = _json(["classify-generative", str(runs["cvae"]), "--k", "4", "--max-images", "60", "--json"], capsys)
    assert set(rec) == {"accuracy", "n"} and rec["n"] == 60
    data = run_dataset(runs["cvae"])
    log_lik = class_log_likelihoods(DensityModel.from_run(runs["cvae"]), data.x_test[:60], k=4, seed=0)
    prior = label_log_prior(data.y_train, 10)
    expected = float(np.mean(np.argmax(log_lik + prior, axis=1) == data.y_test[:60]))
    assert rec["accuracy"] == pytest.approx(expected)
    assert rec["accuracy"] > 0.5  # 4 epochs on 300 8x8 digits: far above chance (0.1)
    assert main(["classify-generative", str(runs["vae"])]) == 2
    assert "cvae" in capsys.readouterr().err


def test_cvae_logpx_and_decode_by_label(runs: dict[str, Path], tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image

    rec = _json(["logpx", str(runs["cvae"]), "--k", "4", "--json"], capsys)
    assert 0 < rec["nll_nats"] <= rec["elbo_nats"]
    pngs = []
    for label in (3, 7):
        out = tmp_path / f"d{label}.png"
        assert main(["decode", str(runs["cvae"]), "--z", "0.2", "-0.4", "--label", str(label), "--out", str(out)]) == 0
        with Image.open(out) as pil:
            pngs.append(np.asarray(pil).astype(int))
    assert pngs[0].shape == (8, 8) and np.abs(pngs[0] - pngs[1]).max() > 20
    capsys.readouterr()
    assert main(["decode", str(runs["cvae"]), "--z", "0.2", "-0.4"]) == 2
    assert main(["decode", str(runs["vae"]), "--z", "0.2", "-0.4", "--label", "3"]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 2
