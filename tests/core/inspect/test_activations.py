"""core.inspect.activations: every layer's output equals a direct Keras computation of that layer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from core.inspect.activations import FeatureExtractor, InputMismatchError, stats, top_activating
from core.inspect.structure import ModelStructureError
from core.tf_env import keras
from tests.core.inspect.keras_zoo import (
    BUILDERS,
    IMAGES,
    RNG,
    branch_cnn,
    mlp,
    nested,
    reference,
    seq_2d,
)


@pytest.mark.parametrize("name", list(BUILDERS))
def test_every_layer_matches_direct_keras(name: str) -> None:
    model = BUILDERS[name]()
    ext = FeatureExtractor(model)
    x = np.stack([ext.adapt_input(img) for img in IMAGES[:3]])
    expected = reference(model, x)  # (layer.output of node 0 is still the original graph's)
    got = ext.compute(x)
    assert [i.name for i in ext.layer_infos] == [n for n, _ in expected]
    for info, arr, (_, ref) in zip(ext.layer_infos, got, expected, strict=True):
        assert arr.shape == ref.shape == (3, *info.output_shape)
        np.testing.assert_allclose(arr, ref, rtol=1e-5, atol=1e-6)
    single = ext.compute(x[1])  # one sample: no batch axis
    np.testing.assert_allclose(single[-1], got[-1][1], rtol=1e-5, atol=1e-6)


def test_structure_infos_branches_nesting_and_params() -> None:
    ext = FeatureExtractor(branch_cnn())
    by_name = {i.name: i for i in ext.layer_infos}
    assert by_name["join"].inbound == ("branch_a", "branch_b")
    assert by_name["branch_a"].inbound == ("input:image",)
    assert by_name["join"].output_shape == (28, 28, 7)
    assert by_name["branch_b"].params == 5 * 5 * 3 + 3
    ext2 = FeatureExtractor(nested())
    assert [(c.name, c.class_name, c.params) for c in ext2.containers] == [("inner_seq", "Sequential", 20 * 12 + 12 + 12 * 8 + 8)]
    assert {i.name: i.depth for i in ext2.layer_infos} == {"pre": 0, "inner_seq/in_a": 1, "inner_seq/in_b": 1, "post": 0}
    assert ext.input_kind() == "image" and ext2.input_kind(784) == "image"


def test_code_snippet_rebuilds_the_same_extractor(tmp_path: Path) -> None:
    model = nested()
    path = tmp_path / "nesty.keras"
    model.save(path)
    ext = FeatureExtractor(model)
    code = ext.code_snippet(str(path))
    assert "keras.Model(inputs=inputs, outputs=[t1, t2, t3, t4])" in code
    assert 'model.get_layer("inner_seq").get_layer("in_a")(t1)' in code
    x = IMAGES[:2].reshape(2, 784)
    scope: dict[str, Any] = {"x": x}
    exec(code, scope)  # the snippet shown to the user really works
    for got, ref in zip(scope["activations"], ext.compute(x), strict=True):
        np.testing.assert_allclose(np.asarray(got), ref, rtol=1e-5, atol=1e-6)


def test_shared_layer_and_clashing_names_fall_back_to_replay() -> None:
    k = keras()
    inner = k.Sequential([k.layers.Dense(4, name="dense")], name="inner")
    inp = k.Input((6,))
    shared = k.layers.Dense(6, activation="tanh", name="dense")  # same name as the inner layer
    y = inner(shared(shared(inp)))
    model = k.Model(inp, y)
    ext = FeatureExtractor(model)
    assert ext.functional_model is None
    assert [i.name for i in ext.layer_infos] == ["dense", "dense#2", "inner/dense"]
    x = RNG.random((2, 6), dtype=np.float32)
    h1 = shared(x)
    h2 = shared(h1)
    for got, ref in zip(ext.compute(x), [h1, h2, inner.layers[0](h2)], strict=True):
        np.testing.assert_allclose(got, np.asarray(ref), rtol=1e-5, atol=1e-6)


def test_never_called_sequential_and_unknown_shape() -> None:
    k = keras()
    built = k.Sequential([k.layers.Dense(3, name="only")])
    built.build((None, 5))  # built, never called: no .output until we call it ourselves
    ext = FeatureExtractor(built)
    assert ext.input_shape == (5,)
    assert ext.compute(np.ones(5, np.float32))[0].shape == (3,)
    with pytest.raises(ModelStructureError, match="no defined input shape"):
        FeatureExtractor(k.Sequential([k.layers.Dense(3)]))


def test_adapt_input_shapes_and_mismatch() -> None:
    ext = FeatureExtractor(mlp())
    img = IMAGES[0]
    for form in (img, img[..., 0], img.reshape(784)):
        assert ext.adapt_input(form).shape == (784,)
    assert FeatureExtractor(seq_2d()).adapt_input(img).shape == (28, 28)
    assert FeatureExtractor(branch_cnn()).adapt_input(img[..., 0]).shape == (28, 28, 1)
    with pytest.raises(InputMismatchError, match=r"takes inputs of shape \(784,\).*8x8 \(64 values\)"):
        ext.adapt_input(np.zeros((8, 8), np.float32))


def test_latent_vector_model_is_vector_kind() -> None:
    k = keras()
    z = k.Input((2,), name="z")
    dec = k.Model(z, k.layers.Reshape((28, 28, 1))(k.layers.Dense(784, activation="sigmoid")(z)), name="decoder")
    ext = FeatureExtractor(dec)
    assert ext.input_kind(784) == "vector"
    outs = ext.compute(np.array([0.5, -1.0], np.float32))
    assert outs[-1].shape == (28, 28, 1) and 0 <= outs[-1].min() and outs[-1].max() <= 1


def test_stats_values() -> None:
    s = stats(np.array([0.0, 0.0, 1.0, 3.0]))
    assert s == pytest.approx({"mean": 1.0, "std": np.std([0, 0, 1, 3]), "min": 0.0, "max": 3.0, "dead_fraction": 0.5})


def test_top_activating_matches_brute_force() -> None:
    ext = FeatureExtractor(branch_cnn())
    idx, scores = top_activating(ext, 0, 2, IMAGES, k=5, batch=16)
    full = ext.compute(np.stack([ext.adapt_input(i) for i in IMAGES]))[0][..., 2].mean(axis=(1, 2))
    assert list(idx) == list(np.argsort(-full)[:5])
    np.testing.assert_allclose(scores, np.sort(full)[::-1][:5], rtol=1e-5)
    idx2, _ = top_activating(FeatureExtractor(mlp()), 1, 7, IMAGES, k=3)
    assert len(idx2) == 3 and len(set(idx2.tolist())) == 3
