"""The package's version: the one place it is written.

hatchling reads it from here into the distribution's metadata (``[tool.hatch.version]`` in
``pyproject.toml``), ``typed_registry.__version__`` re-exports it, and the mypy plugin's
version, part of mypy's cache key, is this same string. Each release gets an entry in
``CHANGELOG.md`` (``tests/test_release.py`` checks it).
"""

__version__ = "0.1.0"
