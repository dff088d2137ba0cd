"""The rule score: real Mondrian compositions obey the rules, the mean image and noise do not."""

from __future__ import annotations

import numpy as np
import pytest

from core.data.mondrian import mondrian_images
from core.gan.rules import is_mondrian_source, rule_components, rule_score


@pytest.fixture(scope="module")
def real() -> np.ndarray:
    return mondrian_images(400, 3)[0]


def test_real_compositions_score_near_one(real: np.ndarray) -> None:
    assert rule_score(real) >= 0.95
    parts = rule_components(real[:50])
    assert np.all(parts["palette"] == 1.0) and np.all(parts["lines"] == 1.0)


def test_mean_image_noise_and_blank_canvas_score_low(real: np.ndarray) -> None:
    mean = np.repeat(real.mean(axis=0, keepdims=True), 20, axis=0)
    noise = np.random.default_rng(0).random((20, 32, 32, 3), dtype=np.float32)
    assert rule_score(mean) <= 0.3
    assert rule_score(noise) <= 0.3
    assert rule_score(np.ones((5, 32, 32, 3), np.float32)) == 0.0  # no lines


def test_each_broken_rule_lowers_the_score(real: np.ndarray) -> None:
    good = rule_score(real[:50])
    muddy = 0.6 * real[:50] + 0.4 * 0.5
    assert rule_score(muddy) < good - 0.3
    yy, xx = np.mgrid[:32, :32]
    diagonal = np.ones((1, 32, 32, 3), np.float32)
    diagonal[0, np.abs(yy - xx) <= 1] = 0.0
    diagonal[0, (yy > xx + 1)] = (0.86, 0.08, 0.08)
    parts = rule_components(diagonal)
    assert parts["palette"][0] == 1.0 and parts["straight"][0] < rule_components(real[:50])["straight"].min()


def test_grey_images_are_refused_and_sources_recognised() -> None:
    with pytest.raises(ValueError, match="RGB"):
        rule_score(np.zeros((3, 8, 8, 1)))
    assert is_mondrian_source(" Mondrian") and not is_mondrian_source("digits") and not is_mondrian_source(None)
