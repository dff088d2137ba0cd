"""AUROC against cases with known answers and a brute-force count over pairs."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.density.auroc import auroc


def test_constructed_case_with_a_tie() -> None:
    # pairs (pos, neg): 1>0, 1<2, 2>0, 2=2 (half), 3>0, 3>2 -> 4.5 of 6
    assert auroc([1, 2, 3], [0, 2]) == pytest.approx(0.75)


def test_extremes() -> None:
    assert auroc([5, 6, 7], [1, 2]) == 1.0
    assert auroc([1, 2], [5, 6, 7]) == 0.0
    assert auroc([3, 3, 3], [3, 3]) == 0.5


def test_bad_input() -> None:
    with pytest.raises(ValueError):
        auroc([], [1.0])
    with pytest.raises(ValueError):
        auroc([np.nan], [1.0])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=1, max_size=12), st.lists(st.integers(-3, 3), min_size=1, max_size=12))
def test_matches_counting_pairs(pos: list[int], neg: list[int]) -> None:
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    assert auroc(pos, neg) == pytest.approx(wins / (len(pos) * len(neg)))
