"""Layers tab: every layer's output for any Keras model."""

from gui.layers.tab import LayersTab

__all__ = ["LayersTab"]
