"""The Settings page, its users box and their dialogs (add, reset PIN, unlock, deactivate,
change one's own PIN)."""
