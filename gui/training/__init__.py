"""Training tab: train the chapter's models live, curves, progress, past runs."""

from gui.training.tab import TrainingTab

__all__ = ["TrainingTab"]
