"""core.inspect.model_files: safe loading, refusal of code-carrying files, clear errors for broken ones."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from core.inspect.model_files import (
    ModelFileError,
    UnsafeModelError,
    load_model_file,
    unsafe_reasons,
)
from core.tf_env import keras


def _mlp() -> object:
    k = keras()
    inp = k.Input((6,), name="pixels")
    x = k.layers.Dense(4, activation="relu", name="hidden")(inp)
    return k.Model(inp, k.layers.Dense(3, activation="softmax", name="probs")(x), name="tiny")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    k = keras()
    d = tmp_path_factory.mktemp("models")
    out: dict[str, Path] = {}
    good = _mlp()
    out["good"] = d / "good.keras"
    good.save(out["good"])
    inp = k.Input((6,))
    lam = k.Model(inp, k.layers.Lambda(lambda t: t * 2.0, name="double")(inp))
    out["lambda"] = d / "lambda.keras"
    lam.save(out["lambda"])

    class Unregistered(k.layers.Layer):
        def call(self, x):  # type: ignore[no-untyped-def]
            return x * 3.0

    custom = k.Model(inp, Unregistered(name="triple")(inp))
    out["custom"] = d / "custom.keras"
    custom.save(out["custom"])
    data = out["good"].read_bytes()
    out["truncated"] = d / "truncated.keras"
    out["truncated"].write_bytes(data[: len(data) // 2])
    out["random"] = d / "random.keras"
    out["random"].write_bytes(os.urandom(2048))
    out["h5"] = d / "old.h5"
    good.save(out["h5"])  # Keras 3 still writes legacy HDF5 for a .h5 name
    out["renamed_h5"] = d / "renamed.keras"
    out["renamed_h5"].write_bytes(out["h5"].read_bytes())
    out["empty"] = d / "empty.keras"
    out["empty"].write_bytes(b"")
    return out


def test_good_file_loads_and_computes(files: dict[str, Path]) -> None:
    model = load_model_file(files["good"])
    assert model.name == "tiny"
    y = np.asarray(model(np.ones((2, 6), np.float32)))
    assert y.shape == (2, 3)
    np.testing.assert_allclose(y.sum(axis=1), 1.0, rtol=1e-5)


def test_lambda_is_refused_with_reason_then_loads_when_allowed(files: dict[str, Path]) -> None:
    with pytest.raises(UnsafeModelError, match=r"lambda\.keras.*Lambda layer 'double'"):
        load_model_file(files["lambda"])
    model = load_model_file(files["lambda"], allow_unsafe=True)
    y = np.asarray(model(np.full((1, 6), 1.5, np.float32)))
    np.testing.assert_allclose(y, 3.0)


def test_unknown_custom_class_is_refused_and_cannot_load(files: dict[str, Path]) -> None:
    with pytest.raises(UnsafeModelError, match=r"unknown custom object 'Unregistered'"):
        load_model_file(files["custom"])
    with pytest.raises(ModelFileError, match=r"custom\.keras: cannot be loaded"):
        load_model_file(files["custom"], allow_unsafe=True)


@pytest.mark.parametrize(
    ("key", "pattern"),
    [
        ("truncated", r"truncated\.keras: truncated or damaged"),
        ("random", r"random\.keras: not a Keras model file"),
        ("h5", r"old\.h5: legacy HDF5"),
        ("renamed_h5", r"renamed\.keras: legacy HDF5"),
        ("empty", r"empty\.keras: the file is empty"),
    ],
)
def test_broken_files_raise_clear_one_line_errors(files: dict[str, Path], key: str, pattern: str) -> None:
    with pytest.raises(ModelFileError, match=pattern) as info:
        load_model_file(files[key])
    assert not isinstance(info.value, UnsafeModelError)
    assert "\n" not in str(info.value)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match=r"nope\.keras: file not found"):
        load_model_file(tmp_path / "nope.keras")
    with pytest.raises(ModelFileError, match="is a folder"):
        load_model_file(tmp_path)


def test_unsafe_reasons_on_plain_config_is_empty() -> None:
    config = {"class_name": "Functional", "module": "keras", "config": {"layers": [
        {"class_name": "Dense", "module": "keras.layers", "config": {"name": "d"}}]}}
    assert unsafe_reasons(config) == []
    config["config"]["layers"].append({"class_name": "Lambda", "module": "keras.layers", "config": {"name": "f"}})
    assert unsafe_reasons(config) == ["a Lambda layer 'f'"]
