"""Exceptions raised by typed-registry.

Every exception derives from :class:`RegistryError`, and each also derives from the builtin
that MMCV/MMEngine users already catch (``KeyError`` for lookups, ``ImportError`` for
locations), so code written against those registries keeps working.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DuplicateNameError",
    "LocationImportError",
    "MissingTypeError",
    "NotRegisteredError",
    "RegistryError",
]


class RegistryError(Exception):
    """Base class of every error that typed-registry raises itself.

    Example:
        >>> from typed_registry import Registry, RegistryError
        >>> REG: Registry[object] = Registry("things", scope="demo")
        >>> try:
        ...     REG["Missing"]
        ... except RegistryError as error:
        ...     print(type(error).__name__)
        NotRegisteredError
    """


class _MessageKeyError(KeyError):
    # KeyError.__str__ returns the repr of its argument, which would wrap our sentences
    # in quotes; these errors carry a message, not a key.
    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class NotRegisteredError(RegistryError, _MessageKeyError):
    """A key did not resolve to a registered object.

    The message names the registry and its scope and offers 'did you mean' suggestions.

    Attributes:
        key: The key that was looked up.
        registry_name: The ``name`` of the registry the lookup started from.
        scope: The ``scope`` of that registry.
        suggestions: Close keys that do resolve, best first.
    """

    def __init__(
        self,
        message: str,
        *,
        key: str,
        registry_name: str,
        scope: str,
        suggestions: tuple[str, ...],
    ) -> None:
        super().__init__(message)
        self.key = key
        self.registry_name = registry_name
        self.scope = scope
        self.suggestions = suggestions


class DuplicateNameError(RegistryError, _MessageKeyError):
    """A name is already registered and ``force=True`` was not given.

    Attributes:
        name: The name that is taken.
        existing: A description of the object that holds the name and where it was registered.
    """

    def __init__(self, message: str, *, name: str, existing: str) -> None:
        super().__init__(message)
        self.name = name
        self.existing = existing


class ConfigError(RegistryError, ValueError):
    """A config that cannot be built or checked as it is.

    Raised for a config that contains itself (``d["self"] = d``), one nested more than 100
    levels deep (dicts, lists and tuples), a key that is not a string, and a
    config whose constructor builds that same config again. Its message is bounded: it never
    shows more than a few hundred characters of the config.
    """


class MissingTypeError(ConfigError, _MessageKeyError):
    """Neither the config nor ``default_args`` has a ``type`` key.

    A :class:`ConfigError`, and a ``KeyError`` as MMCV and MMEngine raise in this case. The
    message shows at most 200 characters of the config.
    """


class LocationImportError(RegistryError, ImportError):
    """Importing one of a registry's ``locations`` failed.

    The original exception is chained as ``__cause__``. The location is not marked as loaded,
    so the next lookup tries again.

    Attributes:
        location: The module name that failed to import.
        registry_name: The ``name`` of the registry that declared it.
    """

    def __init__(self, message: str, *, location: str, registry_name: str) -> None:
        super().__init__(message, name=location)
        self.location = location
        self.registry_name = registry_name
