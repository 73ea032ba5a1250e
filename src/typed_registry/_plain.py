"""Serializing configs: :meth:`Registry.to_plain`, every :class:`Config` in a config made plain.

A Config names its class by the class itself; the plain config a file holds names it by the
key a registry builds it from. Imported on first use: only serialization needs it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from typed_registry import _names
from typed_registry._scope import DEFAULT_SCOPE
from typed_registry._typed_config import Config
from typed_registry.exceptions import NotRegisteredError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from typed_registry._registry import Registry


def to_plain(
    registry: Registry[Any], value: Mapping[str, Any], registries: Iterable[Registry[Any]]
) -> dict[str, Any]:
    """:meth:`Registry.to_plain`: ``value`` with every :class:`Config` in it made plain."""
    if not isinstance(cast("object", value), Mapping):  # from untyped code too
        msg = f"cfg must be a mapping such as a dict, not {type(value).__name__}"
        raise TypeError(msg)
    namer = _Namer([registry, *registries])
    return namer.plain_mapping(value, "")


class _Namer:
    """Finds the registered names of the classes of Configs, and rebuilds the containers."""

    def __init__(self, registries: list[Registry[Any]]) -> None:
        self._registries = registries

    def plain_mapping(self, value: Mapping[str, object], path: str) -> dict[str, Any]:
        target = value.get("type")
        declared = _declared(target) if isinstance(value, Config) and callable(target) else {}
        plain = {
            key: self._looking_first_in(declared.get(key)).plain(item, _join(path, key))
            for key, item in value.items()
        }
        if isinstance(value, Config) and callable(target):
            plain["type"] = self.name_of(target, _join(path, "type"))
        return plain

    def _looking_first_in(self, registry: Registry[Any] | None) -> _Namer:
        """The namer of a value whose parameter says ``ConfigFor(registry)``: it builds it."""
        if registry is None:
            return self
        return _Namer([registry, *(r for r in self._registries if r is not registry)])

    def plain(self, value: object, path: str) -> object:
        """``value`` with its Configs made plain; a dict, list or tuple is always a copy."""
        if isinstance(value, dict):
            return self.plain_mapping(cast("dict[str, object]", value), path)
        if type(value) is list or type(value) is tuple:
            sequence = cast("list[object] | tuple[object, ...]", value)
            items = [self.plain(item, f"{path}[{index}]") for index, item in enumerate(sequence)]
            return items if isinstance(sequence, list) else tuple(items)
        return value

    def name_of(self, target: Callable[..., object], path: str) -> str:
        """The first key that builds ``target`` from the first registry whose tree holds it.

        Keys are tried as ``build`` resolves them now (from the registry of the default
        scope, if one is set): unscoped names first, in registration order, then scoped.
        """
        scope = DEFAULT_SCOPE.get()
        for registry in self._registries:
            scoped = None if scope is None else registry.find_scope(scope)
            start = registry if scoped is None else scoped
            for key in _keys(start):
                if start.get(key) is target:
                    return key
        first = self._registries[0]
        described = _names.describe(target)
        roots = [f"registry {reg.name!r} (scope {reg.scope!r})" for reg in self._registries]
        trees = f"the tree of {roots[0]}"
        if len(roots) > 1:
            trees = f"the trees of {', '.join(roots[:-1])} and {roots[-1]}"
        at = "" if path == "type" else f" at {path.removesuffix('.type')!r}"
        msg = (
            f"cannot serialize the config{at}: {described} is in no registry of {trees}, so "
            "no name builds it; register it, or write a string config there"
        )
        raise NotRegisteredError(
            msg, key=described, registry_name=first.name, scope=first.scope, suggestions=()
        )


def _declared(target: Callable[..., object]) -> dict[str, Registry[Any]]:
    """The registry each parameter of ``target`` names with ``ConfigFor``, by keyword."""
    # Here only: reading signatures costs an import that most serializations never need.
    from typed_registry._validation._signature import signature_of  # noqa: PLC0415

    signature = signature_of(target)  # None: inspect cannot read it, nothing is declared
    parameters = {} if signature is None else signature.parameters
    return {
        name: parameter.config_for
        for name, parameter in parameters.items()
        if parameter.config_for is not None
    }


def _keys(start: Registry[Any]) -> Iterator[str]:
    """The keys that may resolve from ``start``: names of its lineage, then scoped names."""
    node: Registry[Any] | None = start
    while node is not None:
        yield from node
        node = node.parent
    members = [start.root]
    for member in members:
        members.extend(member.children.values())
        yield from (f"{member.scope}.{name}" for name in member)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
