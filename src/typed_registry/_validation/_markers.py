"""What a config read from a file holds besides plain values.

:meth:`Registry.validate` checks plain mappings. Configs read from files (by
``typed-registry check``) carry what the reader knows beyond values, in these forms, so that
the same checks apply to both: a value it could not compute, a class named by the config
itself, a dict whose keys are not all known, a list from a format without tuples.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, cast


class _Opaque:
    """The type of :data:`OPAQUE`."""

    def __repr__(self) -> str:
        return "OPAQUE"


#: A value that is not known (computed by code the reader does not run, or a key that the
#: builder supplies through ``default_args``): never an error, never checked.
OPAQUE: Final = _Opaque()


@dataclass(frozen=True)
class NamedClass:
    """A class or function that a config names itself (``type=RetinaNet``), by fullname.

    The checker never imports it: it is found among the registered entries, or in a module
    that is already imported.
    """

    fullname: str


class PartialDict(dict[str, Any]):
    """A dict some of whose keys are unknown (``**spread``).

    No key is reported missing or unexpected in it.
    """

    __slots__ = ()


class DataList(list[Any]):
    """A list from a format that has no tuples (JSON, YAML, TOML).

    Where a parameter wants a tuple, a list is what the file could write: it is accepted.
    """

    __slots__ = ()


def children(value: object) -> list[object]:
    """The values a dict, list or tuple holds; nothing for any other value."""
    if isinstance(value, dict):
        return list(cast("dict[str, object]", value).values())
    if isinstance(value, list | tuple):
        return list(cast("list[object]", value))
    return []


def holds_unknown(value: object) -> bool:
    """Whether ``value`` is or contains :data:`OPAQUE` or a :class:`NamedClass`."""
    if value is OPAQUE or isinstance(value, NamedClass):
        return True
    return any(holds_unknown(item) for item in children(value))
