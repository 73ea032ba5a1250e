"""High-level entry points."""
