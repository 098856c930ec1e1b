"""SPO Counter PySide6 user interface."""
