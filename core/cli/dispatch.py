"""`main.py <command> …`: the headless command line, one sub-command module per feature.

Each module in `core/cli/` exposes `add_parser(subparsers) -> None` and `run(args) -> int`.
Commands report bad input by raising a `UserError` (`CommandError` for a bad option); the
dispatcher is the one place that prints errors: exactly one line `error: …` on stderr, and
exit code 2 for bad input, 1 for any other failure while running, 130 for Ctrl-C.
"""

from __future__ import annotations

import argparse
import sys
from types import ModuleType
from typing import Any

from core.cli import (
    activations,
    classify_generative,
    decode,
    explain,
    latent_grid,
    logpx,
    ood,
    sample,
    score,
    train,
)
from core.cli.errors import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    CommandError,
    CommandFailed,
)
from core.errors import UserError, describe_error, first_line

#: (command name, its module, its one-line help): the one list of commands.
COMMANDS: tuple[tuple[str, ModuleType, str], ...] = (
    ("train", train, "train a model and write a run folder"),
    ("activations", activations, "every layer's output statistics for one input"),
    ("decode", decode, "decode one latent point (AE/VAE run or decoder file) to a PNG"),
    ("latent-grid", latent_grid, "decode a latent-plane grid (AE/VAE run or decoder file)"),
    ("sample", sample, "a grid of samples from a GAN run or a generator file"),
    ("score", score, "MNIST score, Fréchet distance and class histogram of a GAN run"),
    ("explain", explain, "saliency / Grad-CAM attribution map of a classifier"),
    ("logpx", logpx, "a VAE's -log p(x) on held-out images (IWAE)"),
    ("ood", ood, "AUROC of log p(x) and of max p(y|x) against an outside set"),
    ("classify-generative", classify_generative, "a CVAE run as a Bayes-rule classifier"),
)

class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting."""

    def error(self, message: str) -> Any:
        raise CommandError(message)


def command_names() -> list[str]:
    """The sub-command names, in help order."""
    return [name for name, _, _ in COMMANDS]


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every sub-command registered."""
    parser = _Parser(prog="main.py", description="Latent Lab command line (no window).")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for name, module, text in COMMANDS:
        module.add_parser(subparsers, text)
        subparsers.choices[name].set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse `argv` (without the program name), run the sub-command and return its exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser()
        if not args_list or args_list[0] in ("-h", "--help"):
            parser.print_help()
            return 0 if args_list else EXIT_BAD_INPUT
        args = parser.parse_args(args_list)
        return int(args._run(args))
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except SystemExit as exc:  # --help inside a sub-command
        return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_BAD_INPUT
    except CommandFailed as exc:
        print(f"error: {first_line(exc)}", file=sys.stderr)
        return EXIT_FAILED
    except UserError as exc:
        print(f"error: {describe_error(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:  # a failure while running: still one line, never a traceback
        print(f"error: {describe_error(exc)}", file=sys.stderr)
        return EXIT_FAILED
