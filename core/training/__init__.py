"""Training: config, the run, its callbacks and the run folder on disk."""
