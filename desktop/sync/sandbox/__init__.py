"""The sandbox upstream: a real server implementing the upload contract (docs/sync-protocol.md)."""
