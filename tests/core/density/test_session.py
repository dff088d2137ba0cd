"""`DensitySession` on small in-memory models: one input's scores and the held-out summary
agree with the estimators they are built from."""

from __future__ import annotations

import numpy as np
import pytest

from core.data.sources import load_dataset_cached
from core.density.auroc import auroc
from core.density.likelihood import estimate_logpx
from core.density.model import DensityModel
from core.density.ood import ClassifierScorer, noise_images
from core.density.session import DensitySession
from core.models import build_model


@pytest.fixture(scope="module")
def data():
    return load_dataset_cached("digits").subset(200, 40)


def _session(kind: str, data) -> DensitySession:
    bundle = build_model(kind, data.image_shape, latent_dim=2, seed=3)
    model = DensityModel(bundle.roles["encoder"], bundle.roles["decoder"], kind=kind)
    classifier = ClassifierScorer(build_model("classifier", data.image_shape, seed=4).model)
    return DensitySession(model, data, classifier)


def test_vae_session_scores_and_summary(data) -> None:
    session = _session("vae", data)
    x = data.x_test[:1]
    scores = session.evaluate(x[0], k=8)
    assert scores.log_px == pytest.approx(-estimate_logpx(session.model, x, k=8, seed=0).nll[0])
    assert scores.classifier_probs.shape == (10,) and scores.generative_probs is None
    assert scores.bits_per_dim == pytest.approx(-scores.log_px / (64 * np.log(2)))
    summary = session.summary(n=30, k=4)
    assert summary.n == 30 and summary.generative_accuracy is None
    np.testing.assert_allclose(summary.held_out_log_px, -estimate_logpx(session.model, data.x_test[:30], k=4).nll)
    noise = noise_images(30, data.image_shape, 0)
    expected = auroc(summary.held_out_log_px, -estimate_logpx(session.model, noise, k=4, seed=1).nll)
    assert summary.auroc["noise"]["vae_logpx"] == pytest.approx(expected)
    probs = session.classifier.probs(data.x_test[:30])
    assert summary.classifier_accuracy == pytest.approx(np.mean(probs.argmax(axis=1) == data.y_test[:30]))
    mean = session.mean_image_log_px(session.mean_image)
    assert mean < 0 and mean > session.mean_image_log_px(1.0 - session.mean_image)


def test_cvae_session_answers_by_bayes(data) -> None:
    session = _session("cvae", data)
    scores = session.evaluate(data.x_test[0], k=4)
    assert scores.generative_probs.shape == (10,) and scores.generative_probs.sum() == pytest.approx(1.0)
    summary = session.summary(n=20, k=2)
    assert 0.0 <= summary.generative_accuracy <= 1.0 and summary.held_out_log_px.shape == (20,)
