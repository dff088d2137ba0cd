"""Latent Lab's Qt window: widgets and the bridge that runs core jobs on worker threads."""
