"""Generative vs discriminative tab: a VAE's log p(x) beside a classifier's p(y|x) for any input."""

from gui.density.tab import DensityTab

__all__ = ["DensityTab"]
