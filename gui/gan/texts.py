"""The GAN tab's state-dependent texts (status line, run list items) in the current language.

Plain functions with the explicit translation context "GanTab", so the tab can re-render
them from its state on a language change.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate  # lupdate reads translate("GanTab", "…") calls


def epochs_text(n: int) -> str:
    """`1 epoch`, `2 epochs`."""
    return translate("GanTab", "1 epoch") if n == 1 else translate("GanTab", "{0} epochs").format(n)


def locked_text(n: int) -> str:
    """`1 locked sample`, `2 locked samples`."""
    return translate("GanTab", "1 locked sample") if n == 1 else translate("GanTab", "{0} locked samples").format(n)


def run_status_text(status: str) -> str:
    """A run's status word (`completed`, `stopped`…) in the current language."""
    words = {"completed": translate("GanTab", "completed"), "stopped": translate("GanTab", "stopped"), "failed": translate("GanTab", "failed"),
             "running": translate("GanTab", "running"), "interrupted": translate("GanTab", "interrupted")}
    return words.get(status, status)


def run_item_text(name: str, epochs_done: int, status: str) -> str:
    """One GAN run in the run combo: `name · 2 epochs · completed`."""
    return f"{name} · {epochs_text(epochs_done)} · {run_status_text(status)}"


def no_run_text() -> str:
    """The status line when no run is shown."""
    return translate("GanTab", "No GAN run shown: pick one above, or train a GAN in the Training tab.")


def loading_text(name: str) -> str:
    """The status line while a run loads."""
    return translate("GanTab", "Loading {0}…").format(name)


def status_line(name: str, epochs: int, live: bool, dataset_name: str | None, dataset_error: str | None,
                dataset_source: str, locked: int, has_generator: bool) -> str:
    """One line describing the run shown: epochs, dataset, locks, generator."""
    head = translate("GanTab", "{0}: {1}").format(name, epochs_text(epochs))
    parts = [head + (translate("GanTab", " (training now)") if live else "")]
    if dataset_name is not None:
        parts.append(translate("GanTab", "trained on {0}").format(dataset_name))
    elif dataset_error is not None:
        parts.append(translate("GanTab", "its dataset {0} could not be loaded ({1})").format(dataset_source, dataset_error))
    else:
        parts.append(translate("GanTab", "loading its dataset {0}…").format(dataset_source))
    if locked:
        parts.append(locked_text(locked))
    if not has_generator:
        parts.append(translate("GanTab", "no generator saved yet"))
    return " · ".join(parts)
