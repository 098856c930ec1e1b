"""The main window: navigation, pages, the status bar and the lock."""
