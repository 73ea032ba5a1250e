"""The errors of reading config files and their settings."""

from __future__ import annotations


class ConfigFileError(Exception):
    """A config file cannot be read: it does not parse, or a base is missing or cyclic.

    The message is one line that names the file (and the line, where known).
    """


class SettingsError(Exception):
    """``[tool.typed_registry.configs]`` is invalid; the message names the file and the key."""
