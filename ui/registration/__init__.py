"""F2: registering a BPU participant."""
