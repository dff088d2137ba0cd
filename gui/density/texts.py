"""The density view's sentences, built from numbers in the current language."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication


def explanation() -> str:
    """The one sentence the view is about."""
    return QCoreApplication.translate("DensityTab", "A classifier estimates p(y|x) and must name a digit even for noise, while a generative "
               "model estimates p(x) and can say how unlike its training images an input is.")


def plot_texts() -> dict[str, str]:
    """Titles and legends of the two plots."""
    return {"bars": QCoreApplication.translate("DensityTab", "p(y|x): which digit?"), "hist": QCoreApplication.translate("DensityTab", "log p(x): is this a digit?"),
            "classifier": QCoreApplication.translate("DensityTab", "classifier"), "bayes": QCoreApplication.translate("DensityTab", "CVAE, Bayes' rule"), "held_out": QCoreApplication.translate("DensityTab", "held-out images"),
            "input": QCoreApplication.translate("DensityTab", "this input"), "log_px": QCoreApplication.translate("DensityTab", "log p(x) (nats)"), "class": QCoreApplication.translate("DensityTab", "class")}


def log_px_text(scores: Any, percentile: float | None) -> str:
    """The input's log p(x), bits per dimension and place among the held-out images."""
    text = QCoreApplication.translate("DensityTab", "Generative model: log p(x) = {0} nats ({1} bits/dim)").format(
        f"{scores.log_px:.1f}", f"{scores.bits_per_dim:.3f}")
    if percentile is not None:
        text += QCoreApplication.translate("DensityTab", ", higher than {0}% of held-out images").format(f"{percentile:.0f}")
    return text


def probs_text(who: str, probs: np.ndarray | None) -> str:
    """"<who>: digit d, p(y|x) = 0.97"."""
    if probs is None:
        return ""
    best = int(np.argmax(probs))
    return QCoreApplication.translate("DensityTab", "{0}: {1} with p(y|x) = {2}").format(who, best, f"{float(probs[best]):.2f}")


def classifier_text(probs: np.ndarray | None) -> str:
    """The discriminative model's answer (or why there is none)."""
    if probs is None:
        return QCoreApplication.translate("DensityTab", "Classifier: choose a classifier run to see p(y|x).")
    return probs_text(QCoreApplication.translate("DensityTab", "Classifier"), probs)


def generative_text(probs: np.ndarray | None) -> str:
    """A CVAE's answer by Bayes' rule (empty for a plain VAE)."""
    return probs_text(QCoreApplication.translate("DensityTab", "CVAE by Bayes' rule"), probs)


def mean_image_text(log_px: float) -> str:
    """The mean-image model's exact log p(x) of the input."""
    return QCoreApplication.translate("DensityTab", "Mean-image model (pixels independent, the training mean): log p(x) = {0} nats").format(
        f"{log_px:.1f}")


OUTSIDE = ("noise", "flip")


def _outside_name(name: str) -> str:
    return {"noise": QCoreApplication.translate("DensityTab", "uniform noise"), "flip": QCoreApplication.translate("DensityTab", "digits upside down")}.get(name, name)


def summary_text(summary: Any) -> str:
    """OOD AUROCs and both classifiers' accuracies on the same held-out images."""
    lines = [QCoreApplication.translate("DensityTab", "Out of distribution, AUROC over {0} held-out images (1 = perfect, 0.5 = chance):").format(summary.n)]
    for name in OUTSIDE:
        scores = summary.auroc.get(name, {})
        if not scores:
            continue
        line = QCoreApplication.translate("DensityTab", "vs {0}: log p(x) {1}").format(_outside_name(name), f"{scores['vae_logpx']:.3f}")
        if "classifier_maxprob" in scores:
            line += QCoreApplication.translate("DensityTab", " · classifier max p(y|x) {0}").format(f"{scores['classifier_maxprob']:.3f}")
        lines.append(line)
    if summary.generative_accuracy is not None:
        line = QCoreApplication.translate("DensityTab", "Accuracy on the same images: CVAE by Bayes' rule {0}").format(f"{summary.generative_accuracy:.3f}")
        if summary.classifier_accuracy is not None:
            line += QCoreApplication.translate("DensityTab", " · MLP classifier {0}").format(f"{summary.classifier_accuracy:.3f}")
        lines.append(line)
    elif summary.classifier_accuracy is not None:
        lines.append(QCoreApplication.translate("DensityTab", "Classifier accuracy on the same images: {0}").format(f"{summary.classifier_accuracy:.3f}"))
    return "\n".join(lines)


def failure_text(summary: Any) -> str:
    """Where log p(x) ranks an outside set above the model's own data (empty when nowhere)."""
    failed = [(name, s["vae_logpx"]) for name, s in summary.auroc.items() if s.get("vae_logpx", 1.0) < 0.5]
    return "\n".join(
        QCoreApplication.translate("DensityTab", "The likelihood fails on {0}: they get a higher log p(x) than the held-out digits (AUROC {1} < 0.5), "
            "as Nalisnick et al. (2019) found for some pairs of datasets.").format(_outside_name(name), f"{value:.2f}")
        for name, value in failed)
