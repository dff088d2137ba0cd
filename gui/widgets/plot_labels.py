"""Translated texts of the training curves: panel titles per metric and legend entries.

Metric keys (`loss`, `val_accuracy`…) stay as Keras names them; only what is drawn is
translated, in the context "PlotCanvas", keeping the English term recognisable.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def metric_title(name: str) -> str:
    """The panel title of metric `name` in the current language (unknown names: as is)."""
    titles = {
        "loss": QCoreApplication.translate("PlotCanvas", "loss"),
        "accuracy": QCoreApplication.translate("PlotCanvas", "accuracy"),
        "reconstruction_loss": QCoreApplication.translate("PlotCanvas", "reconstruction loss"),
        "kl_loss": QCoreApplication.translate("PlotCanvas", "KL loss"),
        "d_loss": QCoreApplication.translate("PlotCanvas", "discriminator loss"),
        "g_loss": QCoreApplication.translate("PlotCanvas", "generator loss"),
    }
    return titles.get(name, name.replace("_", " "))


def legend_label(kind: str) -> str:
    """The legend text of a line kind that gets an entry ("epoch", "val")."""
    labels = {
        "epoch": QCoreApplication.translate("PlotCanvas", "per epoch"),
        "val": QCoreApplication.translate("PlotCanvas", "validation"),
    }
    return labels.get(kind, kind)


def placeholder_text() -> str:
    """What the canvas shows before the first curve."""
    return QCoreApplication.translate("PlotCanvas", "Curves appear here when training starts.")
