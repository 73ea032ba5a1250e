"""Limits on the work of reading one config file, whatever the file holds.

A config of a few hundred bytes can name a value many times (YAML aliases, a Python
variable used twice in a list, ``s += s``): what it means may be exponentially larger than
what it says. The readers keep a value named twice as one shared node, and
:class:`Measure` measures each shared node once, so reading stays linear in the file's
size; the limits then bound what the consumers (the checker, the mypy plugin) expand. Each
limit is far above what a real project writes; exceeding one is a
:class:`~typed_registry._configs.errors.ConfigLimitError` naming the file and the limit.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from typed_registry._configs._nodes import ConfigDict, ConfigList
from typed_registry._configs.errors import ConfigLimitError

if TYPE_CHECKING:
    from typed_registry._configs._nodes import Node


@dataclass(frozen=True)
class ConfigLimits:
    """The limits of reading a config file (see ``docs/security.md``).

    Attributes:
        file_bytes: The size of each file read (the config and each base), in bytes.
        depth: How deeply values nest (dicts and lists in dicts and lists).
        values: How many values a config holds, counting a shared value at each place it is
            used (what a consumer that walks the config visits).
        text: The length of a string the reader computes (``s = a + b``), in characters.
        digits: The decimal digits of an integer the reader computes (``a *= a``); Python's
            own default limit on converting an integer to text.
        bases: How long a chain of ``_base_`` files may be (a base of a base of ...).
    """

    file_bytes: int = 1024 * 1024
    depth: int = 100
    values: int = 200_000
    text: int = 1_000_000
    digits: int = 4300
    bases: int = 500

    @staticmethod
    def names() -> tuple[str, ...]:
        """The limits' names as a command line writes them (``file-bytes``)."""
        return tuple(field.name.replace("_", "-") for field in fields(ConfigLimits))


#: The limits used unless a caller gives others.
DEFAULT_LIMITS = ConfigLimits()


def exceeded(where: object, what: str, name: str, limit: int) -> ConfigLimitError:
    """The error for ``what`` (at ``where``: a file or an origin) over limit ``name``."""
    shown = name.replace("_", "-")
    return ConfigLimitError(f"{where}: {what} exceeds the limit {shown}={limit}", shown)


class Measure:
    """Measures value trees, each shared node once: their depth and their expanded size.

    A node is remembered with the node itself, so that its ``id`` stays its own while the
    measure lives. The walk stops at the depth limit: a deep tree is an error, never a
    ``RecursionError``.
    """

    def __init__(self, limits: ConfigLimits) -> None:
        self.limits = limits
        #: id -> (the node, its depth, its expanded size capped just above the limit).
        self._known: dict[int, tuple[Node, int, int]] = {}

    def check(self, node: Node, where: object) -> None:
        """Raise if ``node`` nests deeper, or holds more values, than the limits allow.

        Raises:
            ConfigLimitError: A limit is exceeded (``where`` names the place).
        """
        if self._measure(node, where, 0)[1] > self.limits.values:
            raise exceeded(where, "the number of values", "values", self.limits.values)

    def _measure(self, node: Node, where: object, level: int) -> tuple[int, int]:
        """``node``'s depth and expanded size; ``level``: how deep it lies in what is measured."""
        if not isinstance(node, ConfigDict | ConfigList):
            return 0, 1
        known = self._known.get(id(node))
        if known is not None:
            depth, size = known[1], known[2]
        else:
            if level >= self.limits.depth:
                raise exceeded(where, "the nesting of the config", "depth", self.limits.depth)
            depth, size = 0, 1
            children = node.items.values() if isinstance(node, ConfigDict) else node.items
            for child in children:
                if not isinstance(child, ConfigDict | ConfigList):
                    size += 1  # a leaf: most of a config, measured without a call
                    continue
                child_depth, child_size = self._measure(child, where, level + 1)
                depth = max(depth, child_depth)
                size += child_size
            # Each child's size is capped: the sum stays small, and is capped once.
            size = min(self.limits.values + 1, size)
            depth += 1
            self._known[id(node)] = (node, depth, size)
        if level + depth > self.limits.depth:
            raise exceeded(where, "the nesting of the config", "depth", self.limits.depth)
        return depth, size
