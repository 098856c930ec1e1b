"""The Settings page and its new-user dialog."""
