"""The base class of every error whose message is meant for the user."""

from __future__ import annotations


class UserError(Exception):
    """An error caused by the user's input (a missing file, a bad option, a shape mismatch).

    Its message is one clear line, shown as is: the GUI puts it in a message box or a status
    line without the class name, and the command line prints `error: <message>` and exits
    with code 2. Any other exception is a failure while running (a bug or a broken
    environment) and is shown with its type name.
    """


class ConfigError(UserError, ValueError):
    """A setting, option or request that cannot be used (an unknown kind, a negative count,
    stepping a run that is still training)."""


def first_line(exc: BaseException) -> str:
    """An exception's message as one line: its first line, else its type name."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def describe_error(exc: BaseException) -> str:
    """An exception as one user-facing line (never a traceback).

    A `UserError` is its message's first line; any other exception, a failure the user did
    not cause, is `TypeName: first line`.
    """
    if isinstance(exc, UserError) or not str(exc).strip():
        return first_line(exc)
    return f"{type(exc).__name__}: {first_line(exc)}"
