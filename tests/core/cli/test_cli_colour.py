"""Colour end to end: a VAE and a GAN train one epoch on a Mondrian slice, then `decode`,
`latent-grid`, `sample` and `score` write RGB PNGs and rule scores."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from core.cli.dispatch import main
from core.progress import ProgressHandle
from core.training.config import TrainConfig
from core.training.run import TrainingRun
from core.training.run_folder import load_run_info, load_snapshots

SLICE = {"dataset": "mondrian", "max_train": 128, "max_test": 32, "epochs": 1, "batch_size": 32}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("colour_runs")
    out = {}
    for kind, extra in (("vae", {}), ("gan", {"gan_metrics": True})):
        result = TrainingRun(TrainConfig(kind=kind, **{**SLICE, **extra}), run_dir=root / kind,
                             handle=ProgressHandle(lambda e: None)).train()
        assert result.status == "completed", result.message
        out[kind] = root / kind
    return out


def _rgb(path: Path) -> np.ndarray:
    with Image.open(path) as pil:
        assert pil.mode == "RGB"
        return np.asarray(pil)


def test_colour_runs_keep_three_channels_in_snapshots(runs: dict[str, Path]) -> None:
    vae = load_snapshots(runs["vae"])[-1]
    assert vae.originals is not None and vae.originals.shape[1:] == (32, 32, 3)
    assert vae.reconstructions is not None and vae.reconstructions.shape[1:] == (32, 32, 3)
    gan = load_snapshots(runs["gan"])[-1]
    assert gan.gan_samples is not None and gan.gan_samples.shape[1:] == (32, 32, 3)
    history = load_run_info(runs["gan"]).history
    assert 0.0 <= history["rule_score"][0] <= 1.0


def test_decode_writes_the_exact_rgb_decoder_output(runs: dict[str, Path], tmp_path: Path) -> None:
    from core.latent.model import LatentModel

    out = tmp_path / "z.png"
    assert main(["decode", str(runs["vae"]), "--z", "0.5", "-1.0", "--out", str(out)]) == 0
    pixels = _rgb(out)
    assert pixels.shape == (32, 32, 3)
    expected = np.asarray(LatentModel.from_run(runs["vae"]).decoder(np.array([[0.5, -1.0]], np.float32)))[0]
    assert np.abs(pixels.astype(int) - np.rint(255 * expected).astype(int)).max() <= 1
    assert np.any(pixels[..., 0] != pixels[..., 2])


def test_latent_grid_and_sample_write_rgb(runs: dict[str, Path], tmp_path: Path) -> None:
    grid = tmp_path / "grid.png"
    assert main(["latent-grid", str(runs["vae"]), "--n", "3", "--out", str(grid)]) == 0
    assert _rgb(grid).shape == (96, 96, 3)
    samples = tmp_path / "samples.png"
    assert main(["sample", str(runs["gan"]), "--n", "4", "--scale", "1", "--out", str(samples)]) == 0
    assert _rgb(samples).shape == (65, 65, 3)


def test_score_adds_rule_scores_for_mondrian(runs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["score", str(runs["gan"]), "--samples", "50"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["real"]["rule_score"] >= 0.95
    assert result["mean_image"]["rule_score"] <= 0.3
    assert 0.0 <= result["gan"]["rule_score"] <= 1.0
