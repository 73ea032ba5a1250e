"""The registries of one tree as the plugin sees them, resolved by the runtime's own rule.

:class:`StaticTree` implements the runtime's :class:`~typed_registry._resolution.TreeView`,
so a key resolves statically exactly as ``Registry.get`` resolves it at run time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from typed_registry import _resolution

if TYPE_CHECKING:
    from collections.abc import Iterable

    from typed_registry._index import Registration, RegistrySpec


@dataclass
class StaticRegistry:
    """One registry: its spec and the registrations the plugin can see."""

    spec: RegistrySpec
    entries: dict[str, Registration] = field(default_factory=dict[str, "Registration"])
    #: Set when a registration's names are not literal: any name might be registered.
    has_unknown_names: bool = False


@dataclass
class StaticTree:
    """A tree of registries (the registries under one root)."""

    root: StaticRegistry
    members: dict[str, StaticRegistry]
    #: False when some member's scope is not a literal: scoped keys cannot be resolved.
    scopes_known: bool = True

    def complete(self) -> bool:
        """Whether a miss is a real miss: all scopes and all registered names are known."""
        return self.scopes_known and not any(m.has_unknown_names for m in self.members.values())

    # The TreeView protocol -------------------------------------------------------------

    def parent(self, node: StaticRegistry, /) -> StaticRegistry | None:
        """The parent registry."""
        return None if node.spec.parent is None else self.members.get(node.spec.parent)

    def own(self, node: StaticRegistry, name: str, /) -> Registration | None:
        """The registration of ``name`` in ``node`` itself."""
        return node.entries.get(name)

    def by_scope(self, node: StaticRegistry, scope: str, /) -> StaticRegistry | None:
        """The member whose scope is ``scope``."""
        del node  # every member of this tree answers the same
        for member in self.members.values():
            if member.spec.scope == scope:
                return member
        return None

    def scope(self, node: StaticRegistry, /) -> str:
        """The scope of ``node`` (``"?"`` when it is not a literal)."""
        return node.spec.scope or "?"

    def names(self, node: StaticRegistry, /) -> Iterable[str]:
        """The names registered in ``node``."""
        return node.entries.keys()

    def tree(self, node: StaticRegistry, /) -> Iterable[StaticRegistry]:
        """Every member of the tree."""
        del node
        return self.members.values()

    def resolve(self, start: StaticRegistry, key: str) -> Registration | None:
        """Resolve ``key`` from ``start`` by the runtime rule."""
        return _resolution.resolve(self, start, key)
