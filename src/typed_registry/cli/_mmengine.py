"""MMEngine's registries (and MMCV 1.x's), read by the commands as typed_registry's.

An MMEngine project keeps its registries: ``mmengine.registry.Registry`` objects (or of a
subclass; ``mmcv.utils.Registry`` in MMCV 1.x). The commands read one through a
*mirror*: a typed_registry :class:`~typed_registry.Registry` with the same name and scope,
in a tree of the same shape, holding the same entries. Neither MMEngine nor MMCV is
imported here: such a registry is recognised by its class (one named ``Registry`` defined
under ``mmengine`` or ``mmcv``, or a subclass of one) and read through what every version
has: ``name``, ``scope``, ``parent``, ``_children``, ``module_dict`` and ``_locations``.

A mirror is a copy taken when :func:`mirror_of` is called: what is registered later (a
location imported afterwards) shows after :func:`sync` (the commands call it after each
round of imports). The original is never changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from typed_registry._registry import Registry
from typed_registry.cli._errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

#: The packages whose ``Registry`` class is MMEngine's kind.
_PACKAGES = ("mmengine", "mmcv")

#: Each original read so far, by its id, with its mirror (the original is kept alive: its id
#: stays its own).
_MIRRORS: dict[int, tuple[object, Registry[Any]]] = {}


def is_mmengine_registry(value: object) -> bool:
    """Whether ``value`` is a registry of MMEngine or MMCV (or of a subclass of theirs)."""
    return any(
        cls.__name__ == "Registry" and cls.__module__.partition(".")[0] in _PACKAGES
        for cls in type(value).__mro__
    )


def mirror_of(registry: object) -> Registry[Any]:
    """The mirror of MMEngine registry ``registry``, its whole tree up to date.

    Raises:
        UsageError: Its tree cannot be mirrored (two registries of one scope).
    """
    root = registry
    while _parent(root) is not None:
        root = _parent(root)
    _sync_tree(root, None)
    return _MIRRORS[id(registry)][1]


def original_of(mirror: Registry[Any]) -> object | None:
    """The MMEngine registry that ``mirror`` mirrors (None: ``mirror`` is no mirror)."""
    for original, found in _MIRRORS.values():
        if found is mirror:
            return original
    return None


def locations_of(registry: object) -> tuple[str, ...]:
    """The modules MMEngine imports before a lookup in ``registry`` (its ``locations``)."""
    return tuple(cast("list[str]", getattr(registry, "_locations", None) or []))


def sync() -> None:
    """Bring every mirror up to date with its original (entries and children added since)."""
    roots = {id(_root(original)): _root(original) for original, _ in list(_MIRRORS.values())}
    for root in roots.values():
        _sync_tree(root, None)


def _root(registry: object) -> object:
    while _parent(registry) is not None:
        registry = _parent(registry)
    return registry


def _parent(registry: object) -> object | None:
    return cast("object | None", getattr(registry, "parent", None))


def _sync_tree(node: object, parent: Registry[Any] | None) -> None:
    found = _MIRRORS.get(id(node))
    if found is None or found[0] is not node:
        name = cast("str", getattr(node, "name"))  # noqa: B009  # untyped: read by name
        scope = cast("str", getattr(node, "scope"))  # noqa: B009
        try:
            mirror: Registry[Any] = Registry(name, parent=parent, scope=scope)
        except ValueError as error:
            msg = f"cannot read MMEngine's registry {name!r} (scope {scope!r}): {error}"
            raise UsageError(msg) from None
        _MIRRORS[id(node)] = (node, mirror)
    else:
        mirror = found[1]
    entries = cast("Mapping[str, Callable[..., Any]]", getattr(node, "module_dict", {}))
    for key, target in list(entries.items()):
        if mirror.module_dict.get(key) is not target:
            try:
                mirror.register_module(name=key, force=True, module=target)
            except (TypeError, ValueError):
                # A name MMEngine's own lookup cannot reach either (``a.b`` is read as
                # scope ``a``, name ``b``), or no class or function: nothing builds it.
                continue
    children = cast("Mapping[str, object]", getattr(node, "_children", {}))
    for child in list(children.values()):
        _sync_tree(child, mirror)
