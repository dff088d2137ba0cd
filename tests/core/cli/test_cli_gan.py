"""Headless GAN commands on a tiny real run: `sample` (deterministic PNG) and `score` (JSON)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest


@pytest.fixture(scope="module")
def gan_run(tmp_path_factory: pytest.TempPathFactory):
    """A 2-epoch GAN on 300 digits, trained by the engine with the quality hook on."""
    old = os.environ.get("LATENT_LAB_HOME")
    os.environ["LATENT_LAB_HOME"] = str(tmp_path_factory.mktemp("home"))
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    run_dir = tmp_path_factory.mktemp("runs") / "gan"
    cfg = TrainConfig(kind="gan", dataset="digits", epochs=2, max_train=300, max_test=200,
                      latent_dim=8, gan_metrics=True)
    result = TrainingRun(cfg, run_dir=run_dir).train()
    assert result.status == "completed", result.message
    yield run_dir
    if old is None:
        os.environ.pop("LATENT_LAB_HOME", None)
    else:
        os.environ["LATENT_LAB_HOME"] = old


def test_engine_runs_quality_hook_each_epoch(gan_run: Path) -> None:
    from core.gan.quality import load_quality

    history = json.loads((gan_run / "history.json").read_text())
    for key in ("mnist_score", "frechet", "class_entropy", "diversity"):
        assert len(history[key]) == 2 and all(np.isfinite(history[key]))
    records = load_quality(gan_run)
    assert [r["epoch"] for r in records] == [1, 2]
    assert sum(records[-1]["class_histogram"]) == pytest.approx(1.0, abs=1e-4)
    assert (gan_run / "scorer.keras").exists()


def test_sample_same_seed_same_png_other_seed_differs(gan_run: Path, tmp_path: Path, capsys) -> None:
    from PIL import Image

    from core.cli.dispatch import main

    outs = [tmp_path / f"{name}.png" for name in ("a", "b", "c")]
    for out, seed in zip(outs, (1, 1, 2), strict=True):
        assert main(["sample", str(gan_run), "--n", "16", "--seed", str(seed), "--out", str(out)]) == 0
    assert str(outs[0]) in capsys.readouterr().out
    assert outs[0].read_bytes() == outs[1].read_bytes()
    assert outs[0].read_bytes() != outs[2].read_bytes()
    img = np.asarray(Image.open(outs[0]))
    # 4 x 4 cells of 8 px with 1 px padding, scaled 2x
    assert img.shape == (2 * (4 * 9 - 1), 2 * (4 * 9 - 1))
    assert img.std() > 5


def test_sample_errors_are_one_line(gan_run: Path, tmp_path: Path, capsys) -> None:
    from core.cli.dispatch import main

    assert main(["sample", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and "\n" not in err
    assert main(["sample", str(gan_run), "--n", "0"]) == 2
    assert "--n" in capsys.readouterr().err


def test_score_prints_metrics_json(gan_run: Path, capsys) -> None:
    from core.cli.dispatch import main

    assert main(["score", str(gan_run), "--samples", "200"]) == 0
    data = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    for part in ("gan", "real", "mean_image"):
        assert {"score", "frechet", "class_histogram"} <= set(data[part])
        assert len(data[part]["class_histogram"]) == 10
    assert data["real"]["score"] > data["mean_image"]["score"]
    assert data["real"]["frechet"] < data["mean_image"]["frechet"]
    assert data["mean_image"]["score"] == pytest.approx(1.0, abs=1e-3)


def test_score_rejects_bad_dataset(gan_run: Path, capsys) -> None:
    from core.cli.dispatch import main

    assert main(["score", str(gan_run), "--dataset", "nonsense"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and "nonsense" in err


def test_sample_label_draws_one_class_of_an_acgan_and_is_refused_elsewhere(gan_run: Path, tmp_path: Path,
                                                                           capsys) -> None:
    from PIL import Image

    from core.cli.dispatch import main
    from core.training.config import TrainConfig
    from core.training.run import TrainingRun

    acgan = tmp_path / "acgan"  # a class-conditional GAN of 32 px Mondrian paintings
    cfg = TrainConfig(kind="gan", dataset="mondrian", arch="acgan", epochs=1, batch_size=32, max_train=96,
                      max_test=32, latent_dim=16, gan_metrics=False)
    assert TrainingRun(cfg, run_dir=acgan).train().status == "completed"
    grids = {}
    for label in (None, 2, 5):
        out = tmp_path / f"label{label}.png"
        extra = [] if label is None else ["--label", str(label)]
        assert main(["sample", str(acgan), "--n", "9", "--seed", "4", "--out", str(out), *extra]) == 0
        grids[label] = np.asarray(Image.open(out), dtype=np.float32)
        assert grids[label].shape[-1] == 3  # RGB kept
    assert not np.array_equal(grids[2], grids[5]) and not np.array_equal(grids[None], grids[2])
    capsys.readouterr()
    assert main(["sample", str(acgan), "--label", "8", "--out", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err.strip()
    assert "out of range" in err and "0..7" in err and len(err.splitlines()) == 1
    assert main(["sample", str(gan_run), "--label", "1", "--out", str(tmp_path / "y.png")]) == 2
    err = capsys.readouterr().err.strip()
    assert "not class-conditional" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "x.png").exists() and not (tmp_path / "y.png").exists()
