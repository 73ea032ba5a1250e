"""The resolution rule, written once for every view of a registry tree.

The runtime :class:`~typed_registry.Registry` and the mypy plugin's static model of the
registries both resolve keys through :func:`resolve`, so the rule cannot drift between what
runs and what is checked. A tree is seen through a :class:`TreeView`, which answers four
questions about a node; the rule itself is:

1. a key without ``.`` is looked up in the node, then in its parent, grandparent, ... up to
   the root, and the first hit wins; children and siblings are never searched;
2. a key ``scope.rest`` finds the node whose scope is ``scope`` anywhere in the same tree and
   resolves ``rest`` from there by these same rules; an unknown scope is a miss.
"""

from __future__ import annotations

# Not ``typing.TYPE_CHECKING``: importing typing would triple this package's import time;
# mypy and pyright treat any ``TYPE_CHECKING`` name as true (see docs/design.md).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from typing import Protocol, TypeVar

    N = TypeVar("N")
    V = TypeVar("V")
    V_co = TypeVar("V_co", covariant=True)

#: How many 'did you mean' suggestions a message offers at most.
MAX_SUGGESTIONS = 3
# difflib's ratio below which a name is not offered; 0.6 is difflib's own default and
# what mypy's best_matches effectively uses for attribute names.
_SIMILARITY_CUTOFF = 0.6


if TYPE_CHECKING:

    class TreeView(Protocol[N, V_co]):
        """What the resolution rule needs to know about a tree of registries."""

        def parent(self, node: N, /) -> N | None:
            """Return the parent of ``node``, or None for a root."""
            ...

        def own(self, node: N, name: str, /) -> V_co | None:
            """Return the entry registered in ``node`` itself under ``name``, or None."""
            ...

        def by_scope(self, node: N, scope: str, /) -> N | None:
            """Return the node of ``node``'s tree whose scope is ``scope``, or None."""
            ...

        def scope(self, node: N, /) -> str:
            """Return the scope of ``node``."""
            ...

        def names(self, node: N, /) -> Iterable[str]:
            """Return the names registered in ``node`` itself (used for suggestions only)."""
            ...

        def tree(self, node: N, /) -> Iterable[N]:
            """Return every node of ``node``'s tree (used for suggestions only)."""
            ...


def resolve(view: TreeView[N, V], start: N, key: str) -> V | None:
    """Resolve ``key`` from ``start`` by the rule in this module's docstring.

    Returns:
        The entry, or None on a miss.
    """
    found = locate(view, start, key)
    return None if found is None else view.own(*found)


def lineage(view: TreeView[N, V], start: N) -> Iterator[N]:
    """Yield ``start`` and its ancestors, nearest first: the nodes an unscoped key searches."""
    node: N | None = start
    while node is not None:
        yield node
        node = view.parent(node)


def split_scopes(view: TreeView[N, V], start: N, key: str) -> tuple[N, str] | tuple[None, str]:
    """Follow the scope prefixes of ``key`` from ``start``.

    Returns:
        ``(node, name)``: the unscoped ``name`` to look up from ``node``; or, when a scope
        prefix names no node of the tree, ``(None, unknown_scope)``.
    """
    # One split, not one per scope: splitting the rest again at each dot copied it each
    # time, quadratic in the key's length (an 800 KB key of scopes took seconds).
    *scopes, name = key.split(".")
    node = start
    for scope in scopes:
        found = view.by_scope(node, scope)
        if found is None:
            return None, scope
        node = found
    return node, name


def respell_scope(
    view: TreeView[N, V], start: N, key: str, matches: Callable[[str, list[str]], Sequence[str]]
) -> list[str]:
    """Keys that resolve, made by replacing the first unknown scope in ``key``.

    ``matches(word, known_scopes)`` picks the scopes close to a word, best first. For
    ``'hound.litle.LC'`` this gives ``['hound.little.LC']`` if that resolves.
    """
    parts = key.split(".")
    known = [view.scope(node) for node in view.tree(start)]
    for index, part in enumerate(parts[:-1]):
        if view.by_scope(start, part) is None:
            fixes = (
                ".".join([*parts[:index], scope, *parts[index + 1 :]])
                for scope in matches(part, known)
            )
            return [fix for fix in fixes if resolve(view, start, fix) is not None]
    return []


def locate(view: TreeView[N, V], start: N, key: str) -> tuple[N, str] | None:
    """Where ``key`` resolves from ``start``: the node holding the entry and its name.

    Returns:
        ``(node, name)`` with ``view.own(node, name)`` the entry, or None on a miss.
    """
    node, name = split_scopes(view, start, key)
    if node is None:
        return None
    for candidate in lineage(view, node):
        if view.own(candidate, name) is not None:
            return candidate, name
    return None


def suggestions_for_name(
    view: TreeView[N, V], start: N, name: str, close_keys: Iterable[str]
) -> list[str]:
    """The suggestions for a missing ``name`` whose scopes resolved, best first.

    ``name`` registered under another scope comes first (``'NetB'`` asked of mmdet when
    mmcls has it: difflib would rank ``'mmcls.NetB'`` low), then ``close_keys``. Keys that
    reach the same entry are offered once, in their shortest form.
    """
    elsewhere = [
        f"{view.scope(node)}.{name}" for node in view.tree(start) if name in view.names(node)
    ]
    chosen: dict[object, str] = {}
    for key in [*elsewhere, *close_keys]:
        where = locate(view, start, key)
        marker: object = key if where is None else (id(where[0]), where[1])
        if marker not in chosen or key.count(".") < chosen[marker].count("."):
            chosen[marker] = key
    return list(chosen.values())


def visible_keys(view: TreeView[N, V], start: N) -> list[str]:
    """Every key that resolves from ``start``: unscoped names first, then ``scope.name``.

    A scoped key is left out when its name alone already reaches the same registry from
    ``start`` ('did you mean "A" or "zoo.A"?' would offer one thing twice).
    """
    keys: dict[str, None] = {}
    reached: dict[str, N] = {}
    for node in lineage(view, start):
        for name in view.names(node):
            keys.setdefault(name)
            reached.setdefault(name, node)
    for node in view.tree(start):
        scope = view.scope(node)
        keys.update(
            dict.fromkeys(
                f"{scope}.{name}" for name in view.names(node) if reached.get(name) is not node
            )
        )
    return list(keys)


def distinct_keys(starts: Iterable[tuple[TreeView[N, V], N]]) -> list[str]:
    """The keys visible from any of ``starts``, one per registration: its shortest key.

    Seen from a child, ``"RetinaHead"`` reaches the registration that its root reaches as
    ``"mmdet.RetinaHead"``: a 'did you mean' over several starting registries offers it
    once, unscoped, rather than twice.
    """
    chosen: dict[tuple[str, str], str] = {}
    for view, start in starts:
        for key in visible_keys(view, start):
            # A visible key resolves by definition: ``or`` only satisfies the type.
            node, name = locate(view, start, key) or (start, key)
            marker = (view.scope(node), name)
            if marker not in chosen or key.count(".") < chosen[marker].count("."):
                chosen[marker] = key
    return list(dict.fromkeys(chosen.values()))


def close_matches(word: str, candidates: Iterable[str]) -> tuple[str, ...]:
    """Return the candidates closest to ``word``, best first (at most MAX_SUGGESTIONS)."""
    # difflib costs about a millisecond to import; only error paths come here.
    import difflib  # noqa: PLC0415

    return tuple(
        difflib.get_close_matches(word, list(candidates), MAX_SUGGESTIONS, _SIMILARITY_CUTOFF)
    )
