"""Uploading to the upstream: the controller, its bar, and the records it refused."""
