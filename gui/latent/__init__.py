"""Latent map tab: click or drag on the latent plane to decode."""

from gui.latent.tab import LatentTab

__all__ = ["LatentTab"]
