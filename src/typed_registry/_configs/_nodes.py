"""A config's values as read from its files, each with the place that wrote it.

The static reader (:mod:`._python`, :mod:`._data`) turns a config file into a tree of these
nodes without running it; :mod:`._merge` merges a file's tree into its bases'. Each node
keeps its :class:`Origin`, so that a check can report a bad value at the line that wrote it,
in the child or in a base.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, TypeAlias


@dataclass(frozen=True)
class Origin:
    """Where a value was written.

    Attributes:
        file: The config file's absolute path.
        line: 1-based line, or None where the format gives none (JSON, TOML).
        column: 0-based column, or None.
    """

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Scalar:
    """A string, number, bool or None."""

    value: str | int | float | bool | None
    origin: Origin


@dataclass(frozen=True)
class ClassRef:
    """A class or function named by a config itself (``type=RetinaNet``, pure-Python style).

    Attributes:
        fullname: Where the config imported it from (``detkit.models.RetinaNet``).
    """

    fullname: str
    origin: Origin


@dataclass(frozen=True)
class Unknown:
    """A value the static reader cannot compute (a call, an f-string, a loop's result)."""

    origin: Origin


@dataclass(frozen=True)
class ConfigList:
    """A list or a tuple of values."""

    items: tuple[Node, ...]
    origin: Origin
    is_tuple: bool = False


@dataclass(frozen=True)
class ConfigDict:
    """A dict of values with string keys.

    Attributes:
        items: Key to value, in the order the config wrote them.
        origin: Where the dict was written (for a merged dict: the child that merged last).
        partial: Whether some keys are unknown (``**spread`` of something not computable, a
            computed key): a check then says nothing about missing or unknown keys.
    """

    items: dict[str, Node] = field(default_factory=dict["str", "Node"])
    origin: Origin = Origin("")
    partial: bool = False


Node: TypeAlias = Scalar | ClassRef | Unknown | ConfigList | ConfigDict


class _UnknownValue:
    """What :func:`to_plain` gives for an :class:`Unknown` node."""

    def __repr__(self) -> str:
        return "UNKNOWN"


#: The plain value of a node the reader could not compute.
UNKNOWN: Final = _UnknownValue()


def to_plain(node: Node) -> object:
    """The plain Python value of ``node``: dicts, lists, tuples and scalars.

    A :class:`ClassRef` becomes its fullname, an :class:`Unknown` the :data:`UNKNOWN` marker.

    Example:
        >>> o = Origin("cfg.py", 1)
        >>> to_plain(ConfigDict({"type": Scalar("ResNet", o), "out": ConfigList((), o)}, o))
        {'type': 'ResNet', 'out': []}
    """
    if isinstance(node, ConfigDict):
        return {key: to_plain(value) for key, value in node.items.items()}
    if isinstance(node, ConfigList):
        items = [to_plain(item) for item in node.items]
        return tuple(items) if node.is_tuple else items
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, ClassRef):
        return node.fullname
    return UNKNOWN


def at_path(root: ConfigDict, path: str) -> Node | None:
    """The node at a dotted ``path`` of keys (``model.backbone``), if present."""
    node: Node = root
    for key in path.split("."):
        if not isinstance(node, ConfigDict) or key not in node.items:
            return None
        node = node.items[key]
    return node
