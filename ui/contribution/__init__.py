"""F3: BPU contributions and PU bills."""
