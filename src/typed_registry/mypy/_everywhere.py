"""What every registry a module can see registers: for a nested name found in none of them.

A nested config whose builder is not declared is looked up in every registry its module
sees; a name found in none is reported only as a typo of a registered one. The names, the
open registries' names and the scopes are the same for every such name of one module (a
config file's checks ask for them thousands of times in a published project), and so are
the suggestions for one name: they are computed once per module and generation of the index
(:meth:`typed_registry.mypy._visibility.Visibility.everywhere`), and only when a name is
found nowhere.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from typed_registry import _resolution

if TYPE_CHECKING:
    from collections.abc import Sequence

    from typed_registry.mypy._visibility import SiteView


class Everywhere:
    """The names registered in any of a module's views, and what they suggest."""

    def __init__(self, views: Sequence[SiteView]) -> None:
        self.views = views
        self._suggestions: dict[str, tuple[str, ...]] = {}
        self._resolving: dict[tuple[str, str | None], dict[str | None, SiteView]] = {}

    # Made on a first miss only: most modules' nested names resolve, and the names of every
    # registry (``distinct_keys``) are the costly part.

    @cached_property
    def names(self) -> list[str]:
        """One key per registration (its shortest), as 'did you mean' offers them."""
        return _resolution.distinct_keys((view.tree, view.start) for view in self.views)

    @cached_property
    def open_names(self) -> frozenset[str]:
        """The names of registries that may hold more than the source shows."""
        return frozenset(
            key
            for view in self.views
            if not view.misses_are_errors
            for key in _resolution.visible_keys(view.tree, view.start)
        )

    @cached_property
    def scopes(self) -> frozenset[str]:
        """The scopes of every registry seen."""
        return frozenset(
            view.tree.scope(member) for view in self.views for member in view.tree.members.values()
        )

    def resolving(self, key: str, default_scope: str | None) -> dict[str | None, SiteView]:
        """The views where ``key`` resolves (under ``default_scope``), by what it names.

        The first view of each class or function the key names: one entry is one meaning.
        """
        found = self._resolving.get((key, default_scope))
        if found is None:
            found = dict[str | None, "SiteView"]()
            for view in self.views:
                registration = view.tree.resolve(view.start_in(default_scope), key)
                if registration is not None:
                    found.setdefault(registration.target, view)
            self._resolving[key, default_scope] = found
        return found

    def suggestions(self, key: str) -> tuple[str, ...]:
        """The registered names closest to ``key``, best first."""
        found = self._suggestions.get(key)
        if found is None:
            found = self._suggestions[key] = _resolution.close_matches(key, self.names)
        return found
