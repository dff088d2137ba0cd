"""The latent plane: projections, decoding grids, the latent view of a run."""
