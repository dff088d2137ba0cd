"""The command line's first word: the window, a sub-command, the version or the help.

    latent-lab [gui] [--lang ko|en] ...   start the window (any leading option goes to it)
    latent-lab COMMAND ...                 train, activations, decode, latent-grid, sample, score
    latent-lab --version | --help

The CLI path never imports Qt, and nothing here imports TensorFlow: the window shows
before TensorFlow has loaded. `main.py` in a checkout and `python -m latent_lab` call `main`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from latent_lab.version import version

HELP = """usage: {prog} [gui] [--lang ko|en] | {prog} <command> [options] | {prog} --version

Latent Lab: train an MNIST classifier, autoencoder, VAE and GAN live; inspect layers,
walk the latent map and sample the GAN.

With no argument (or `gui`, or only options such as `--lang ko`) the desktop app starts.

commands (run `{prog} <command> --help` for their options):
{commands}
"""

HELP_WORDS = ("-h", "--help", "help")
VERSION_WORDS = ("-V", "--version", "version")


def program_name() -> str:
    """`main.py` when started from a checkout's `main.py`, else `latent-lab`."""
    return "main.py" if Path(sys.argv[0]).name == "main.py" else "latent-lab"


def usage() -> str:
    """The top-level help text."""
    from core.cli.dispatch import COMMANDS

    rows = "\n".join(f"  {name:<12} {text}" for name, _, text in COMMANDS)
    commands = f"  {'gui':<12} start the desktop app (default)\n{rows}"
    return HELP.format(prog=program_name(), commands=commands)


def version_line() -> str:
    """`latent-lab X.Y.Z`, what `--version` prints."""
    return f"latent-lab {version()}"


def main(argv: list[str] | None = None) -> int:
    """Route `argv` (without the program name) to the window or the CLI; return the exit code."""
    from core.cli.dispatch import command_names
    from core.cli.errors import EXIT_BAD_INPUT

    args = sys.argv[1:] if argv is None else list(argv)
    first = args[0] if args else None
    if first in command_names():
        from core.cli.dispatch import main as cli_main

        return int(cli_main(args))
    if first in HELP_WORDS:
        print(usage())
        return 0
    if first in VERSION_WORDS:
        print(version_line())
        return 0
    gui_args = args[1:] if first == "gui" else args
    if first is None or first == "gui" or first.startswith("-"):
        if gui_args and gui_args[0] in HELP_WORDS[:2]:
            print(usage())
            return 0
        if gui_args and gui_args[0] in VERSION_WORDS[:2]:
            print(version_line())
            return 0
        from gui.app import run_app

        return int(run_app(gui_args))
    print(f"error: unknown command {first!r}; run `{program_name()} --help` for the list", file=sys.stderr)
    return EXIT_BAD_INPUT
