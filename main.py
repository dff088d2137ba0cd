"""Latent Lab from a checkout: `python main.py` is the installed `latent-lab` command.

    python main.py [gui] [--lang ko|en]   start the window
    python main.py train ...              (and activations, decode, latent-grid, sample, score)
    python main.py --version

The routing lives in `latent_lab.entry` so that an installed wheel has it too.
TensorFlow is never imported before the window is shown.
"""

from __future__ import annotations

import sys

from latent_lab.entry import main, usage

__all__ = ["main", "usage"]

if __name__ == "__main__":
    sys.exit(main())
