"""Upload to the BPJS upstream: the shared contract, the client, and the sandbox upstream."""
