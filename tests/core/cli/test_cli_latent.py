"""Headless `decode` and `latent-grid` sub-commands: PNG size and pixels, one-line errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from core.cli.dispatch import main
from tests.core.latent.test_latent import make_run


def _main(argv: list[str]) -> int:
    """Dispatch like `main.py`."""
    return int(main(argv))


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("cli_runs")
    return {"vae": make_run(root, "vae", 2), "ae3": make_run(root, "autoencoder", 3),
            "clf": make_run(root, "classifier", epochs=1)}


def _png(path: Path) -> np.ndarray:
    with Image.open(path) as pil:
        assert pil.mode == "L"
        return np.asarray(pil)


def test_decode_writes_decoder_output(runs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from core.latent.model import LatentModel

    out = tmp_path / "z.png"
    assert _main(["decode", str(runs["vae"]), "--z", "0.5", "-1.0", "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    pixels = _png(out)
    assert pixels.shape == (8, 8)
    model = LatentModel.from_run(runs["vae"])
    expected = np.asarray(model.decoder(np.array([[0.5, -1.0]], np.float32)))[0, ..., 0]
    assert np.abs(pixels.astype(int) - np.rint(255 * expected).astype(int)).max() <= 1
    other = tmp_path / "w.png"
    assert _main(["decode", str(runs["vae"]), "--z", "-2", "2", "--out", str(other)]) == 0
    assert np.abs(_png(other).astype(int) - pixels.astype(int)).max() > 0


def test_decode_plane_point_for_larger_latent(runs: dict[str, Path], tmp_path: Path) -> None:
    out3, out2 = tmp_path / "full.png", tmp_path / "plane.png"
    assert _main(["decode", str(runs["ae3"]), "--z", "0.1", "0.2", "0.3", "--out", str(out3)]) == 0
    assert _main(["decode", str(runs["ae3"]), "--z", "0.1", "0.2", "--out", str(out2)]) == 0
    assert _png(out3).shape == _png(out2).shape == (8, 8)


def test_latent_grid_png(runs: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "grid.png"
    assert _main(["latent-grid", str(runs["vae"]), "--n", "5", "--out", str(out)]) == 0
    grid = _png(out)
    assert grid.shape == (40, 40)
    assert not np.array_equal(grid[:8, :8], grid[-8:, -8:])
    out3 = tmp_path / "grid3.png"
    assert _main(["latent-grid", str(runs["ae3"]), "--n", "3", "--out", str(out3)]) == 0
    assert _png(out3).shape == (24, 24)


@pytest.mark.parametrize("command", [["decode", "--z", "0", "0"], ["latent-grid"]])
def test_run_without_decoder_fails_in_one_line(runs: dict[str, Path], command: list[str],
                                                capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    argv = [command[0], str(runs["clf"]), *command[1:], "--out", str(tmp_path / "x.png")]
    assert _main(argv) != 0
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and "no decoder" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "x.png").exists()


def test_wrong_point_size_fails(runs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert _main(["decode", str(runs["vae"]), "--z", "1", "2", "3"]) == 2
    assert "needs 2 values" in capsys.readouterr().err
