"""Latent Lab's launcher: the `latent-lab` command and `python -m latent_lab`.

`core/` (the engine) and `gui/` (the window) are the application; this small package only
names the version and routes a command line to one of them (`latent_lab.entry`).
"""

from __future__ import annotations

from latent_lab.version import version

__all__ = ["version"]
