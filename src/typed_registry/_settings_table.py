"""The ``[tool.typed_registry]`` table: its keys, and its name, read alike by every tool.

The mypy plugin and the ``typed-registry`` commands read the same table (``[typed_registry]``
in mypy's INI files); they refuse the same keys and the same misnamed table with the same
messages, so that a setting never means something to one tool and nothing to another.
This module imports nothing: the plugin reads it on every run.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

#: The keys of ``[tool.typed_registry]`` (``[typed_registry]`` in an INI file).
SETTINGS_KEYS = ("locations", "configs")


def unknown_settings_key(table: Mapping[str, object], section: str) -> str | None:
    """The problem with ``table``'s first unknown key (None: all are known).

    The mypy plugin and the commands refuse the same keys with this same message.

    Example:
        >>> unknown_settings_key({"location": []}, "tool.typed_registry")
        "[tool.typed_registry]: unknown key 'location'; known keys: locations, configs"
    """
    unknown = sorted(set(table) - set(SETTINGS_KEYS))
    if not unknown:
        return None
    return f"[{section}]: unknown key {unknown[0]!r}; known keys: {', '.join(SETTINGS_KEYS)}"


def misnamed_table(names: Iterable[str], section: str) -> str | None:
    """The problem when a table is spelt nearly as ``section``, which nothing reads.

    ``[tool.typed-registry]`` (the package's name on PyPI) is the likely slip: nothing
    reads it, so the settings would be ignored without a word.

    Args:
        names: The tables beside where ``section`` belongs (``tool``'s keys, or the
            sections of an INI file), with their prefix (``tool.``).
        section: The table's right name.

    Example:
        >>> misnamed_table(["tool.typed-registry"], "tool.typed_registry")
        '[tool.typed-registry] is never read: name the table [tool.typed_registry]'
    """
    wanted = _spelling(section)
    for name in names:
        if name != section and _spelling(name) == wanted:
            return f"[{name}] is never read: name the table [{section}]"
    return None


def _spelling(name: str) -> str:
    return name.lower().replace("-", "_")
