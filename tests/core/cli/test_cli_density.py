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
    return {"vae": make_run(root, "vae", 2, epochs=2), "clf": make_run(root, "classifier", epochs=1)}


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
