"""detkit's additions to the engine: hooks and schedulers."""
