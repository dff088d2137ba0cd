"""`main.py <command> …`: the headless command line, one sub-command module per feature.

Each module `core/commands/<name>.py` exposes `add_parser(subparsers) -> None` and
`run(args) -> int`. Modules are imported lazily from a fixed list; one that does not exist
yet is skipped, so features can land independently. Errors print one line
`error: …` on stderr and return exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from types import ModuleType
from typing import Any

from core.progress import first_line

#: (module in core/commands, command name on the command line)
COMMANDS: tuple[tuple[str, str], ...] = (
    ("train", "train"),
    ("activations", "activations"),
    ("decode", "decode"),
    ("latent_grid", "latent-grid"),
    ("sample", "sample"),
    ("score", "score"),
)

EXIT_ERROR = 2
EXIT_INTERRUPTED = 130


class CommandError(Exception):
    """A user error a command reports as one line `error: …` (exit code 2)."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting."""

    def error(self, message: str) -> Any:
        raise CommandError(message)


def _import_command(module_name: str) -> ModuleType | None:
    full = f"core.cli.{module_name}"
    try:
        return importlib.import_module(full)
    except ModuleNotFoundError as exc:
        if exc.name == full:
            return None
        raise


def command_names() -> list[str]:
    """Sub-commands whose modules exist (what `main.py` forwards to `main`)."""
    return [name for module, name in COMMANDS if _import_command(module) is not None]


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every available sub-command registered."""
    parser = _Parser(prog="main.py", description="Latent Lab command line (no window).")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for module_name, _ in COMMANDS:
        module = _import_command(module_name)
        if module is None:
            continue
        before = set(subparsers.choices)
        module.add_parser(subparsers)
        for name in set(subparsers.choices) - before:
            subparsers.choices[name].set_defaults(_run=module.run)
    return parser


def _first_line(exc: BaseException) -> str:
    """`first_line`, with a KeyError's message unquoted."""
    if isinstance(exc, KeyError) and len(exc.args) == 1:
        text = str(exc.args[0])
        return text.splitlines()[0] if text else type(exc).__name__
    return first_line(exc)


def main(argv: list[str] | None = None) -> int:
    """Parse `argv` (without the program name), run the sub-command and return its exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser()
        if not args_list or args_list[0] in ("-h", "--help"):
            parser.print_help()
            return 0 if args_list else EXIT_ERROR
        args = parser.parse_args(args_list)
        return int(args._run(args))
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except SystemExit as exc:  # --help inside a sub-command
        return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_ERROR
    except Exception as exc:  # every user-visible failure is one line
        print(f"error: {_first_line(exc)}", file=sys.stderr)
        return EXIT_ERROR
