"""GAN tab: sample grids, locks, interpolation, timeline, quality metrics."""

from gui.gan.tab import GanTab

__all__ = ["GanTab"]
