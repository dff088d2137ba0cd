"""core.inspect.attribution against direct GradientTape computations and a reference Grad-CAM."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from core.inspect.attribution import AttributionError, ScoreModel, explain, spatial_layers
from core.tf_env import keras, tf


def branch_classifier(final: str = "dense_softmax") -> Any:
    """A softmax classifier with two conv paths joined (built fresh, seeded)."""
    k = keras()
    k.utils.set_random_seed(1)
    x = k.Input((8, 8, 1), name="img")
    a = k.layers.Conv2D(4, 3, padding="same", activation="relu", name="path_a")(x)
    b = k.layers.Conv2D(3, 5, padding="same", activation="relu", name="path_b")(x)
    joined = k.layers.Concatenate(name="joined")([a, b])
    c = k.layers.Conv2D(5, 3, strides=2, padding="same", activation="relu", name="last_conv")(joined)
    h = k.layers.Flatten()(c)
    if final == "dense_softmax":
        out = k.layers.Dense(6, activation="softmax", name="probs")(h)
    else:
        out = k.layers.Softmax(name="probs")(k.layers.Dense(6, name="logits")(h))
    return k.Model(x, out, name="branchy")


def logits_of(model: Any, x: np.ndarray) -> Any:
    """The reference pre-softmax logits: the final Dense layer's input @ kernel + bias."""
    k = keras()
    dense = model.get_layer("probs") if model.get_layer("probs").__class__.__name__ == "Dense" \
        else model.get_layer("logits")
    feat = k.Model(model.inputs, dense.input)(x)
    return tf().matmul(feat, dense.kernel) + dense.bias


@pytest.fixture(scope="module")
def model() -> Any:
    return branch_classifier()


@pytest.fixture(scope="module")
def image() -> np.ndarray:
    return np.random.default_rng(0).random((8, 8, 1)).astype(np.float32)


def _tape_grad(model: Any, x: np.ndarray, cls: int) -> np.ndarray:
    t = tf()
    xt = t.convert_to_tensor(x[None])
    with t.GradientTape() as tape:
        tape.watch(xt)
        score = logits_of(model, xt)[:, cls]
    return np.asarray(tape.gradient(score, xt))[0]


@pytest.mark.parametrize("final", ["dense_softmax", "softmax_layer"])
def test_the_score_is_the_pre_softmax_logit(final: str, image: np.ndarray) -> None:
    m = branch_classifier(final)
    logits, _ = ScoreModel(m)(image[None])
    np.testing.assert_allclose(np.asarray(logits), np.asarray(logits_of(m, image[None])), rtol=1e-5, atol=1e-6)
    probs = np.asarray(m(image[None]))
    assert not np.allclose(np.asarray(logits), probs)
    np.testing.assert_allclose(np.asarray(tf().nn.softmax(logits)), probs, rtol=1e-5, atol=1e-6)


def test_saliency_matches_a_direct_gradient_tape(model: Any, image: np.ndarray) -> None:
    result = explain(model, image, "saliency")
    predicted = int(np.argmax(np.asarray(model(image[None]))[0]))
    assert result.class_index == result.predicted == predicted
    expected = np.abs(_tape_grad(model, image, predicted))
    assert result.raw.shape == image.shape
    np.testing.assert_allclose(result.raw, expected, rtol=1e-5, atol=1e-7)
    other = (predicted + 1) % 6
    chosen = explain(model, image, "saliency", class_index=other)
    np.testing.assert_allclose(chosen.raw, np.abs(_tape_grad(model, image, other)), rtol=1e-5, atol=1e-7)


def test_gradient_times_input_and_smoothgrad(model: Any, image: np.ndarray) -> None:
    g = _tape_grad(model, image, 2)
    gxi = explain(model, image, "gradxinput", class_index=2)
    np.testing.assert_allclose(gxi.raw, (g * image).sum(axis=-1), rtol=1e-5, atol=1e-7)
    sg = explain(model, image, "smoothgrad", class_index=2, samples=4, noise=0.1, seed=7)
    noisy = image[None] + np.random.default_rng(7).normal(0.0, 0.1 * float(image.max() - image.min()),
                                                          (4, 8, 8, 1)).astype(np.float32)
    expected = np.mean([np.abs(_tape_grad(model, n, 2)) for n in noisy], axis=0).max(axis=-1)
    np.testing.assert_allclose(sg.raw, expected, rtol=1e-4, atol=1e-7)
    again = explain(model, image, "smoothgrad", class_index=2, samples=4, noise=0.1, seed=7)
    np.testing.assert_array_equal(sg.raw, again.raw)


def reference_gradcam(model: Any, x: np.ndarray, layer: str, cls: int) -> np.ndarray:
    """Grad-CAM written out step by step (Selvaraju et al.), for comparison."""
    t, k = tf(), keras()
    split = k.Model(model.inputs, [model.get_layer(layer).output, model.get_layer("probs").input])
    with t.GradientTape() as tape:
        acts, feat = split(x[None])
        score = (t.matmul(feat, model.get_layer("probs").kernel) + model.get_layer("probs").bias)[:, cls]
    grads = tape.gradient(score, acts)
    weights = t.reduce_mean(grads, axis=(1, 2))  # (1, k)
    cam = t.nn.relu(t.reduce_sum(acts * weights[:, None, None, :], axis=-1))  # (1, h, w)
    up = t.image.resize(cam[..., None], (x.shape[0], x.shape[1]), method="bilinear")[0, ..., 0]
    up = np.asarray(up)
    return up / up.max() if up.max() > 0 else up


@pytest.mark.parametrize("layer", [None, "joined", "path_a"])
def test_gradcam_matches_the_reference(model: Any, image: np.ndarray, layer: str | None) -> None:
    result = explain(model, image, "gradcam", layer=layer)
    used = layer or "last_conv"
    assert result.layer == used and result.raw.shape == (8, 8)
    np.testing.assert_allclose(result.raw, reference_gradcam(model, image, used, result.class_index),
                               rtol=1e-4, atol=1e-6)
    assert 0.0 <= result.raw.min() and result.raw.max() <= 1.0


def test_spatial_layers_and_bad_requests(model: Any, image: np.ndarray) -> None:
    assert spatial_layers(model) == ["path_a", "path_b", "joined", "last_conv"]
    with pytest.raises(AttributionError, match="no spatial output"):
        explain(model, image, "gradcam", layer="probs")
    with pytest.raises(AttributionError, match="outside"):
        explain(model, image, "saliency", class_index=6)
    with pytest.raises(AttributionError, match="shape"):
        explain(model, np.zeros((5, 5), np.float32), "saliency")
