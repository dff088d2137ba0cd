"""Looking inside models: activations, model structure, model files."""
