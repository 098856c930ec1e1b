"""SPO Counter application core: domain rules, store, services, receipts, sync and CLI (no Qt)."""
