"""`python -m latent_lab`: the same as the `latent-lab` command."""

from __future__ import annotations

import sys

from latent_lab.entry import main

if __name__ == "__main__":
    sys.exit(main())
