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
