"""Latent Lab engine: datasets, models, training, activations, latent and sampling maths.

Nothing in this package imports Qt; it is usable from a plain script or `main.py`'s
command line.
"""
