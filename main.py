"""Latent Lab entry point: the desktop app, or a command-line sub-command.

    python main.py [gui]            start the window
    python main.py train ...        (and activations, decode, latent-grid, sample, score)

TensorFlow is never imported before the window is shown.
"""

from __future__ import annotations

import sys

HELP = """usage: main.py [gui] | main.py <command> [options]

Latent Lab: train an MNIST classifier, autoencoder, VAE and GAN live; inspect layers,
walk the latent map and sample the GAN.

With no argument (or `gui`) the desktop app starts.

commands (run `main.py <command> --help` for their options):
{commands}
"""


def usage() -> str:
    """The top-level help text."""
    from core.cli.dispatch import COMMANDS

    rows = "\n".join(f"  {name:<12} {text}" for name, _, text in COMMANDS)
    return HELP.format(commands=f"  {'gui':<12} start the desktop app (default)\n{rows}")


def main(argv: list[str] | None = None) -> int:
    """Dispatch to the GUI or to `core.cli.dispatch.main`; return the exit code."""
    from core.cli.dispatch import command_names
    from core.cli.errors import EXIT_BAD_INPUT

    args = sys.argv[1:] if argv is None else list(argv)
    if args and args[0] in command_names():
        from core.cli.dispatch import main as cli_main

        return int(cli_main(args))
    if args and args[0] in ("-h", "--help", "help"):
        print(usage())
        return 0
    if not args or args[0] == "gui":
        if len(args) > 1 and args[1] in ("-h", "--help"):
            print(usage())
            return 0
        from gui.app import run_app

        return run_app(args[1:])
    print(f"error: unknown command {args[0]!r}; run `main.py --help` for the list", file=sys.stderr)
    return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
