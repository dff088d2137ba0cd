"""`sample`, `decode`, `latent-grid` and `explain` on a user's model files (not run folders)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from core.cli.dispatch import main
from core.tf_env import keras
from tests.core.inspect.test_attribution import branch_classifier
from tests.core.inspect.test_user_models import decoder_3d, tanh_generator


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("cli_models")
    k = keras()
    z = k.Input((2,))
    tanh_dec = k.Model(z, k.layers.Reshape((6, 6, 1))(k.layers.Dense(36, activation="tanh")(z)), name="td")
    out = {}
    for name, model in [("gen", tanh_generator()), ("dec3", decoder_3d()), ("tanh_dec", tanh_dec),
                        ("clf", branch_classifier())]:
        out[name] = d / f"{name}.keras"
        model.save(out[name])
    return out


def _png(path: Path) -> np.ndarray:
    with Image.open(path) as pil:
        return np.asarray(pil)


def test_sample_on_a_generator_file_is_deterministic_per_seed(files: dict[str, Path], tmp_path: Path) -> None:
    paths = [tmp_path / f"{i}.png" for i in range(3)]
    for path, seed in zip(paths, (5, 5, 6), strict=True):
        assert main(["sample", str(files["gen"]), "--n", "4", "--seed", str(seed), "--scale", "1",
                     "--out", str(path)]) == 0
    a, b, c = (p.read_bytes() for p in paths)
    assert a == b and a != c
    grid = _png(paths[0])
    assert grid.shape == (2 * 14 + 1, 2 * 14 + 1, 3)  # 4 colour samples, 1 px gaps
    from core.inspect.user_models import load_user_generator

    first = load_user_generator(files["gen"]).sample(4, 5)[0]
    np.testing.assert_array_equal(grid[:14, :14], np.rint(first * 255).astype(np.uint8))


def _decoder_output(path: Path, z: list[float]) -> Any:
    from core.inspect.model_files import load_model_file

    return np.asarray(load_model_file(path)(np.asarray([z], np.float32)))[0]


def test_decode_on_a_file_is_exact(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "d.png"
    z = [0.25, -1.5, 2.0]
    assert main(["decode", str(files["dec3"]), "--z", *map(str, z), "--out", str(out)]) == 0
    expected = np.rint(255 * _decoder_output(files["dec3"], z).reshape(8, 8)).astype(np.uint8)
    np.testing.assert_array_equal(_png(out), expected)
    out2 = tmp_path / "t.png"
    assert main(["decode", str(files["tanh_dec"]), "--z", "0.3", "-0.7", "--out", str(out2)]) == 0
    raw = _decoder_output(files["tanh_dec"], [0.3, -0.7]).reshape(6, 6)
    np.testing.assert_array_equal(_png(out2), np.rint(255 * np.float32((raw + 1.0) / 2.0)).astype(np.uint8))


def test_wrong_number_of_z_values_is_one_line_exit_2(files: dict[str, Path], tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["decode", str(files["dec3"]), "--z", "0", "0", "--out", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "needs 3 values" in err and "got 2" in err
    assert not (tmp_path / "x.png").exists()
    assert main(["decode", str(files["clf"]), "--z", "0", "--out", str(tmp_path / "x.png")]) == 2
    assert "not a decoder" in capsys.readouterr().err


def test_latent_grid_on_a_3d_decoder_file(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "g.png"
    assert main(["latent-grid", str(files["dec3"]), "--n", "3", "--dims", "0", "2",
                 "--bounds", "-1", "1", "-2", "2", "--out", str(out)]) == 0
    grid = _png(out)
    assert grid.shape == (24, 24)
    top_right = _decoder_output(files["dec3"], [1.0, 0.0, 2.0]).reshape(8, 8)
    np.testing.assert_array_equal(grid[:8, 16:], np.rint(255 * top_right).astype(np.uint8))
    assert main(["latent-grid", str(files["dec3"]), "--dims", "0", "0", "--out", str(out)]) == 2


def test_explain_writes_raw_maps_and_an_overlay(files: dict[str, Path], tmp_path: Path) -> None:
    from core.data.sources import load_dataset
    from core.inspect.attribution import explain
    from core.inspect.model_files import load_model_file

    x = np.asarray(load_dataset("digits").x_test[3], np.float32).reshape(8, 8, 1)
    model = load_model_file(files["clf"])
    for method, shape in [("saliency", (8, 8, 1)), ("gradcam", (8, 8)), ("gradxinput", (8, 8))]:
        out = tmp_path / f"{method}.npy"
        assert main(["explain", str(files["clf"]), "--dataset", "digits", "--index", "3",
                     "--method", method, "--class", "1", "--out", str(out)]) == 0
        raw = np.load(out)
        assert raw.shape == shape
        np.testing.assert_allclose(raw, explain(model, x, method, class_index=1).raw, rtol=1e-5, atol=1e-7)
    png = tmp_path / "cam.png"
    assert main(["explain", str(files["clf"]), "--dataset", "digits", "--method", "gradcam",
                 "--layer", "joined", "--out", str(png)]) == 0
    overlay = _png(png)
    assert overlay.ndim == 3 and overlay.shape[1] > overlay.shape[0] * 0.9  # the colour bar widens it
    assert main(["explain", str(files["clf"]), "--method", "gradcam", "--layer", "nope",
                 "--out", str(png)]) == 2
    assert main(["explain", str(files["clf"]), "--method", "saliency", "--out", str(tmp_path / "a.txt")]) == 2


def test_score_on_a_generator_file_needs_real_images_of_its_shape(
        files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["score", str(files["tanh_dec"])]) == 2  # a file: --dataset is required
    assert "needs --dataset" in capsys.readouterr().err
    assert main(["score", str(files["tanh_dec"]), "--dataset", "digits"]) == 2  # 6x6 vs 8x8
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "6x6x1" in err and "8x8x1" in err
