"""Building and packaging SPO Counter for counter PCs (docs/installing.md)."""
