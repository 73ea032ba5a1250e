"""The errors of reading config files and their settings."""

from __future__ import annotations


class ConfigFileError(Exception):
    """A config file cannot be read: it does not parse, or a base is missing or cyclic.

    The message is one line that names the file (and the line, where known).
    """


class ConfigLimitError(ConfigFileError):
    """A config file exceeds a limit of :class:`~typed_registry._configs.ConfigLimits`.

    The message is one line that names the file and the limit (``depth=100``).

    Attributes:
        limit: The limit's name, as a command line writes it (``file-bytes``).
    """

    def __init__(self, message: str, limit: str) -> None:
        super().__init__(message)
        self.limit = limit


class SettingsError(Exception):
    """``[tool.typed_registry.configs]`` is invalid; the message names the file and the key."""
