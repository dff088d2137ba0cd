"""The command line's exit codes and its two error classes (bad input, failure while running)."""

from __future__ import annotations

from core.errors import UserError

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


class CommandError(UserError):
    """Bad command-line input (an option out of range, a missing file): exit code 2."""


class CommandFailed(Exception):
    """A command that failed while running, with a message already meant for the user
    (training ended with a NaN loss): one line `error: …`, exit code 1."""


def caused_by_os_error(exc: BaseException) -> bool:
    """Whether an OS error (a full disk, a vanished folder) lies behind `exc`: then a
    `UserError` wrapping it is a failure while running, not bad input."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, OSError):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False
