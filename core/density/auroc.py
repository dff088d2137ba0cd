"""The area under the ROC curve, tie-aware, in NumPy: how well a score tells two sets apart."""

from __future__ import annotations

import numpy as np


def auroc(positive: np.ndarray, negative: np.ndarray) -> float:
    """P(a positive scores above a negative) + ½ P(they tie): the Mann-Whitney U statistic
    over n_pos · n_neg, from average ranks (so tied scores count one half).

    1.0: every positive above every negative; 0.5: no better than chance; below 0.5: the
    score ranks the negatives higher. `ValueError` when a set is empty or a score is NaN.
    """
    pos = np.asarray(positive, np.float64).reshape(-1)
    neg = np.asarray(negative, np.float64).reshape(-1)
    if not len(pos) or not len(neg):
        raise ValueError("AUROC needs at least one score in each set")
    scores = np.concatenate([pos, neg])
    if np.isnan(scores).any():
        raise ValueError("AUROC scores must not be NaN")
    _, inverse, counts = np.unique(scores, return_inverse=True, return_counts=True)
    ends = np.cumsum(counts)
    average_rank = ends - (counts - 1) / 2.0  # 1-based mean rank of each tied group
    rank_sum = average_rank[inverse[: len(pos)]].sum()
    u = rank_sum - len(pos) * (len(pos) + 1) / 2.0
    return float(u / (len(pos) * len(neg)))
