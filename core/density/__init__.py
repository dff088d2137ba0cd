"""Densities: log p(x) of a VAE (IWAE) and of the mean-image model, AUROC of out-of-distribution
scores, and Bayes' rule over a conditional VAE's log p(x|y)."""
