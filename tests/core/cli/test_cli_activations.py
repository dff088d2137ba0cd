"""`main.py activations`: per-layer statistics equal a direct Keras computation; clear errors."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from core.cli import activations as cmd
from core.paths import shared_mnist_dir
from core.tf_env import keras
from tests.core.inspect.keras_zoo import BUILDERS, reference


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from core.cli.dispatch import main

    rc = main(["activations", *argv])
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture(scope="module")
def digit_png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    img = np.zeros((28, 28), np.uint8)
    img[4:24, 12:16] = 255
    img[20:24, 8:20] = 180
    path = tmp_path_factory.mktemp("png") / "one.png"
    Image.fromarray(img).save(path)
    return path


@pytest.mark.parametrize("name", list(BUILDERS))
def test_json_stats_equal_direct_keras(name: str, tmp_path: Path, digit_png: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    model = BUILDERS[name]()
    path = tmp_path / f"{name}.keras"
    model.save(path)
    rc, out, err = _cli([str(path), "--image", str(digit_png), "--json"], capsys)
    assert rc == 0, err
    doc = json.loads(out.strip().splitlines()[-1])
    assert doc["model"] == model.name
    image = cmd.image_from_png(digit_png, 28)
    shape = tuple(model.inputs[0].shape[1:])
    expected = reference(model, image.reshape(1, *shape))
    assert [row["name"] for row in doc["layers"]] == [n for n, _ in expected]
    for row, (_, ref) in zip(doc["layers"], expected, strict=True):
        assert row["output_shape"] == list(ref.shape[1:])
        assert set(row) == {"name", "class", "output_shape", "mean", "std", "min", "max"}
        for key, fn in (("mean", np.mean), ("std", np.std), ("min", np.min), ("max", np.max)):
            assert row[key] == pytest.approx(float(fn(ref)), rel=1e-4, abs=1e-5)


def test_text_table_and_namespace_run(tmp_path: Path, digit_png: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = BUILDERS["nested"]()
    path = tmp_path / "nested.keras"
    model.save(path)
    args = argparse.Namespace(model_file=path, dataset=None, index=0, image=digit_png, latent=None,
                              seed=0, json=False, allow_unsafe=False)
    assert cmd.run(args) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("model nesty; input: image one.png")
    assert [ln.split()[0] for ln in lines[2:]] == ["pre", "inner_seq/in_a", "inner_seq/in_b", "post"]
    assert lines[3].split()[1:3] == ["Dense", "(12)"]


def test_latent_vector_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    k = keras()
    z = k.Input((3,))
    dec = k.Model(z, k.layers.Dense(5, activation="sigmoid", name="out")(z), name="decoder")
    path = tmp_path / "dec.keras"
    dec.save(path)
    rc, out, _ = _cli([str(path), "--latent", "1", "0", "-1", "--json"], capsys)
    assert rc == 0
    row = json.loads(out)["layers"][0]
    ref = np.asarray(dec(np.array([[1.0, 0.0, -1.0]], np.float32)))
    assert row["max"] == pytest.approx(float(ref.max()), rel=1e-5)
    rc, _, err = _cli([str(path), "--latent", "1", "--json"], capsys)
    assert rc == 2 and err.startswith("error: --latent needs 3 values")


@pytest.mark.skipif(shared_mnist_dir() is None, reason="shared MNIST test split not present")
def test_dataset_index_on_real_mnist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from core.data.sources import load_dataset

    model: Any = BUILDERS["mlp"]()
    path = tmp_path / "mlp.keras"
    model.save(path)
    source = f"idx:{shared_mnist_dir()}"
    rc, out, err = _cli([str(path), "--dataset", source, "--index", "5", "--json"], capsys)
    assert rc == 0, err
    x = load_dataset(source).x_test[5].reshape(1, 784)
    last = np.asarray(model(x))
    assert json.loads(out)["layers"][-1]["mean"] == pytest.approx(float(last.mean()), rel=1e-4, abs=1e-6)


def test_refused_and_broken_files_exit_2_with_one_line(tmp_path: Path, digit_png: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    k = keras()
    inp = k.Input((784,))
    lam = k.Model(inp, k.layers.Lambda(lambda t: t + 1.0, name="plus_one")(inp))
    lam_path = tmp_path / "lam.keras"
    lam.save(lam_path)
    rc, out, err = _cli([str(lam_path), "--image", str(digit_png)], capsys)
    assert rc == 2 and out == ""
    assert err.count("\n") == 1 and "Lambda layer 'plus_one'" in err and err.startswith("error: lam.keras")
    rc, out, _ = _cli([str(lam_path), "--image", str(digit_png), "--allow-unsafe", "--json"], capsys)
    assert rc == 0 and json.loads(out)["layers"][0]["min"] == pytest.approx(1.0)
    bad = tmp_path / "bad.keras"
    bad.write_bytes(lam_path.read_bytes()[:300])
    rc, _, err = _cli([str(bad)], capsys)
    assert rc == 2 and "bad.keras: truncated or damaged" in err
    rc, _, err = _cli([str(tmp_path / "none.keras")], capsys)
    assert rc == 2 and "none.keras: file not found" in err
    mlp_path = tmp_path / "mlp.keras"
    BUILDERS["mlp"]().save(mlp_path)
    rc, _, err = _cli([str(mlp_path), "--dataset", "digits"], capsys)
    assert rc == 2 and "cannot take them" in err  # 8x8 digits vs a 784 input, said plainly
