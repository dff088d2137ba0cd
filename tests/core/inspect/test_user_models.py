"""core.inspect.user_models: a user's generator, decoder (+ encoder) and classifier files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from core.inspect.model_files import ModelFileError
from core.inspect.user_models import (
    UserDecoder,
    UserGenerator,
    load_user_classifier,
    load_user_decoder,
    load_user_generator,
    model_roles,
    roles_of_file,
)
from core.tf_env import keras


def tanh_generator(latent: int = 100) -> object:
    k = keras()
    z = k.Input((latent,))
    h = k.layers.Dense(7 * 7 * 4, activation="relu")(z)
    h = k.layers.Reshape((7, 7, 4))(h)
    out = k.layers.Conv2DTranspose(3, 3, strides=2, padding="same", activation="tanh")(h)
    return k.Model(z, out, name="gen")


def decoder_3d() -> object:
    k = keras()
    z = k.Input((3,))
    h = k.layers.Dense(16, activation="relu")(z)
    return k.Model(z, k.layers.Dense(64, activation="sigmoid")(h), name="dec")


def encoder_3d() -> object:
    k = keras()
    x = k.Input((8, 8, 1))
    return k.Model(x, k.layers.Dense(3)(k.layers.Flatten()(x)), name="enc")


def classifier() -> object:
    k = keras()
    x = k.Input((8, 8, 1))
    h = k.layers.Conv2D(4, 3, activation="relu")(x)
    return k.Model(x, k.layers.Dense(10, activation="softmax")(k.layers.Flatten()(h)), name="clf")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("user")
    out = {}
    for name, model in [("gen", tanh_generator()), ("dec", decoder_3d()), ("enc", encoder_3d()),
                        ("clf", classifier())]:
        out[name] = d / f"{name}.keras"
        model.save(out[name])  # type: ignore[attr-defined]
    return out


def test_tanh_generator_with_100_long_latent(files: dict[str, Path]) -> None:
    gen = load_user_generator(files["gen"])
    assert (gen.latent_dim, gen.image_shape, gen.output_range) == (100, (14, 14, 3), (-1.0, 1.0))
    a, b, c = gen.sample(5, seed=3), gen.sample(5, seed=3), gen.sample(5, seed=4)
    assert a.shape == (5, 14, 14, 3) and np.array_equal(a, b) and not np.array_equal(a, c)
    z = np.random.default_rng(3).standard_normal((5, 100)).astype(np.float32)
    raw = np.asarray(gen.model(z))
    np.testing.assert_allclose(a, (raw + 1.0) / 2.0, atol=1e-6)
    assert 0.0 <= a.min() and a.max() <= 1.0


def test_users_range_choice_overrides_the_activation() -> None:
    gen = UserGenerator(tanh_generator(8), output_range=(0.0, 2.0))
    raw = np.resize(np.array([-1.0, 0.0, 1.0, 3.0], np.float32), (1, 14, 14, 3))
    unit = gen.to_unit(raw).ravel()
    np.testing.assert_allclose(unit[:4], [0.0, 0.0, 0.5, 1.0])
    with pytest.raises(ModelFileError):
        UserGenerator(tanh_generator(8), output_range=(1.0, 1.0))


def test_decoder_with_3d_latent_and_encoder(files: dict[str, Path]) -> None:
    dec = load_user_decoder(files["dec"], encoder_path=files["enc"])
    assert (dec.latent_dim, dec.image_shape, dec.output_range) == (3, (8, 8, 1), (0.0, 1.0))
    z = np.array([[0.5, -1.0, 2.0]], np.float32)
    np.testing.assert_array_equal(dec.decode(z), np.asarray(dec.model(z)).reshape(1, 8, 8, 1))
    x = np.random.default_rng(0).random((7, 8, 8, 1)).astype(np.float32)
    assert dec.encode(x).shape == (7, 3)
    with pytest.raises(ModelFileError, match="3-long"):
        UserDecoder(decoder_3d(), encoder=classifier())


def test_roles_and_one_line_refusals(files: dict[str, Path]) -> None:
    assert roles_of_file(files["gen"]) == ("generator", "decoder")
    assert roles_of_file(files["clf"]) == ("classifier",)
    assert load_user_classifier(files["clf"]).applies_softmax
    k = keras()
    x = k.Input((784,))
    assert model_roles(k.Model(x, k.layers.Dense(10)(x))) == ("classifier",)
    assert model_roles(k.Model(x, k.layers.Dense(784)(x))) == ()
    with pytest.raises(ModelFileError, match="not a generator") as err:
        load_user_generator(files["clf"])
    assert "\n" not in str(err.value)
    img = k.Input((8, 8, 1))
    autoencoder = k.Model(img, k.layers.Conv2D(1, 3, padding="same")(img), name="ae")
    path = files["gen"].with_name("ae.keras")
    autoencoder.save(path)
    with pytest.raises(ModelFileError, match="fits no role"):
        roles_of_file(path)
