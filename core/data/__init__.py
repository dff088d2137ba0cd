"""Data sources: Keras downloads, bundled digits, IDX folders and npz files."""
