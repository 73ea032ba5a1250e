"""A registry variable's type in a stub: a ``Registry[T]`` subclass whose ``build`` knows configs.

pyright checks a ``{...}`` display against a ``TypedDict`` and completes its ``type`` and its
keys; it never matches a ``dict(...)`` call or a variable typed ``dict[str, Any]`` against
one. So ``build`` is overloaded, in this order:

1. ``Config[C] -> C``, as in ``Registry`` itself (the typed ``cfg()`` helper);
2. in a registry of at most :data:`PER_ENTRY_LIMIT` entries, one overload per entry, taking
   that entry's ``TypedDict`` and returning its class (or its function's return type);
3. ``_MODELS_Config | _MODELS_ScopedConfig | Mapping[str, Any] -> T``. ``_MODELS_Config``
   is one TypedDict of the whole registry: ``type`` any of its names, and every entry's
   keys, none required; ``_MODELS_ScopedConfig`` the same with the scoped names
   (``detkit.ResNet``). A last parameter typed with TypedDicts is what makes pyright
   complete a display's names and keys. One TypedDict per entry would complete the same
   keys (pyright does not narrow a union by ``type``) at twice pyright's time on a project
   with registries of a few hundred entries; a display's ``type`` is matched against a
   ``Literal`` of every name, which costs time in proportion to the names, so the scoped
   names, which most configs do not use, come in a second TypedDict, tried after the
   first. ``Mapping[str, Any]`` in that parameter means that no config pyright cannot
   match (a ``dict(...)`` call, a variable, a spread, a config of an entry that takes
   ``**kwargs``) is an error. As an overload of its own, after the TypedDicts, it would
   match the config being typed first, and pyright would complete no key (measured with
   pyright 1.1.414).

Each per-entry overload costs pyright time at every build site (about 8x at 700 entries),
hence the limit. ``get`` and ``[]`` have per-entry overloads under the same limit.
"""

from __future__ import annotations

import inspect
import sys
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from typed_registry._build import build_from_cfg
from typed_registry._schema._registries import members
from typed_registry._stubs._annotations import ANY, Imports, class_name, render, union
from typed_registry._validation._signature import signature_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from typed_registry._registry import Registry

#: Registries of at most this many entries get one ``build`` overload per entry.
PER_ENTRY_LIMIT: Final = 32
_OVERLOAD: Final = "    @_overload"
_BUILD_ARGS: Final = "*args: _Any, **kwargs: _Any"


@dataclass(frozen=True)
class _Entry:
    keys: tuple[str, ...]
    target: Callable[..., object]


def resolved_entries(registry: Registry[Any]) -> list[_Entry]:
    """Every key that resolves from ``registry`` (names, ``scope.name``), grouped by entry.

    Raises:
        LocationImportError: A registry's ``locations`` fail to import.
    """
    tree = members(registry)
    names = sorted({name for node in tree for name in node})
    candidates = names + sorted(f"{node.scope}.{name}" for node in tree for name in names)
    keys: dict[int, list[str]] = {}
    targets: dict[int, Callable[..., object]] = {}
    for key in candidates:
        target = registry.get(key)
        if target is not None:
            keys.setdefault(id(target), []).append(key)
            targets[id(target)] = target
    return sorted(
        (_Entry(tuple(found), targets[marker]) for marker, found in keys.items()),
        key=lambda entry: entry.keys,
    )


def registry_class(
    variable: str, registry: Registry[Any], imports: Imports, base: type | None = None
) -> str | None:
    """The definitions that type ``variable``: TypedDicts and the class.

    The class is generic in ``T`` as ``Registry`` is (the variable is then typed
    ``_MODELS_Registry[Module]``): a per-entry overload returns its class and the others
    ``T``, which pyright accepts in strict mode. mypy rejects any overload added before
    ``Mapping -> T`` in an override, hence the one ``type: ignore[override]``.

    Args:
        variable: The registry's variable name (``MODELS``).
        registry: The registry.
        imports: Where the classes that the stub names are imported.
        base: The registry's own class when it is another library's (MMEngine's
            ``Registry``): the class derives from it (generic through ``_Generic``), and
            gets no ``[]``, which that class has not.

    Returns:
        The stub text (the class is named ``_{variable}_Registry``), or None when the
        registry has no entry: ``Registry`` says all there is to say.
    """
    entries = resolved_entries(registry)
    if not entries:
        return None
    precise = len(entries) <= PER_ENTRY_LIMIT
    fields = [_fields(entry, imports) for entry in entries]
    keys = [key for entry in entries for key in entry.keys]
    merged = _merged(fields)
    configs = config_names(variable, entries)
    lines: list[str] = []
    for suffix, chosen in _split(keys).items():
        if chosen:
            lines += _typed_dict(f"_{variable}_{suffix}", chosen, merged)
    typed_dicts: list[str] = []
    if precise:
        for entry, found in zip(entries, fields, strict=True):
            name = _unique(
                f"_{variable}_{entry.keys[0].replace('.', '_')}", [*configs, *typed_dicts]
            )
            typed_dicts.append(name)
            lines += _typed_dict(name, list(entry.keys), found)
    lines += [
        "",
        "@_type_check_only",
        f"class _{variable}_Registry({_base(base, imports)}):",
        f"{_OVERLOAD}  # type: ignore[override]",
        f"    def build(self, cfg: _Config[_C], {_BUILD_ARGS}) -> _C: ...",
    ]
    for entry, typed_dict in zip(entries, typed_dicts, strict=False):
        built = _built(entry.target, imports) or "_T_co"
        lines += [
            _OVERLOAD,
            f"    def build(self, cfg: {typed_dict}, {_BUILD_ARGS}) -> {built}: ...",
        ]
    # Registry.build also takes a list, which a custom build_func builds.
    last = " | ".join([*configs, "_Mapping[str, _Any]", "_Sequence[_Mapping[str, _Any]]"])
    lines += [_OVERLOAD, f"    def build(self, cfg: {last}, {_BUILD_ARGS}) -> _T_co: ..."]
    if precise:
        lines += _lookups(entries, imports, item=base is None)
    return "\n".join(lines) + "\n"


def _base(base: type | None, imports: Imports) -> str:
    """The bases of the generated class: ``Registry``, or another library's class."""
    named = None if base is None else class_name(base, imports)
    return "_Registry[_T_co]" if named is None else f"{named}, _Generic[_T_co]"


def config_names(variable: str, entries: list[_Entry]) -> list[str]:
    """The registry's TypedDicts: ``_MODELS_Config`` (plain names), ``_MODELS_ScopedConfig``."""
    split = _split([key for entry in entries for key in entry.keys])
    return [f"_{variable}_{suffix}" for suffix, found in split.items() if found]


def _split(keys: list[str]) -> dict[str, list[str]]:
    """The plain names, and the scoped ones, by the suffix of their TypedDict's name."""
    return {
        "Config": [key for key in keys if "." not in key],
        "ScopedConfig": [key for key in keys if "." in key],
    }


def _unique(name: str, taken: list[str]) -> str:
    found, count = name, 1
    while found in taken:
        count += 1
        found = f"{name}_{count}"
    return found


#: A TypedDict's field: name, value's stub text, and whether it is required.
_Field = tuple[str, str, bool]


def _fields(entry: _Entry, imports: Imports) -> list[_Field]:
    """The keys that ``entry`` takes besides ``type`` and ``_scope_``.

    A method registered unbound (``module=Cls.method``) takes ``self`` in its signature,
    which no config gives (the plugin reports building it): not a key to offer.
    """
    signature = signature_of(entry.target)
    own = {"type", "_scope_", *(("self",) if _is_unbound_method(entry.target) else ())}
    return [
        (parameter.name, render(parameter.annotation, imports), parameter.required)
        for parameter in (signature.parameters.values() if signature is not None else ())
        if parameter.name not in own
    ]


def _is_unbound_method(target: Callable[..., object]) -> bool:
    """Whether ``target`` is a plain method of a class (``Cls.method``, not static)."""
    if not inspect.isfunction(target):
        return False
    owner_path, _, name = target.__qualname__.rpartition(".")
    if not owner_path or "<locals>" in owner_path:
        return False
    owner: object = sys.modules.get(target.__module__)
    for part in owner_path.split("."):
        owner = getattr(owner, part, None)
    # A static method read from its class is the same plain function: tell them apart.
    return isinstance(owner, type) and not isinstance(
        inspect.getattr_static(owner, name, None), staticmethod
    )


def _merged(fields: list[list[_Field]]) -> list[_Field]:
    """Every entry's keys, none required, each value what any entry takes there."""
    values: dict[str, list[str]] = {}
    for found in fields:
        for name, value, _ in found:
            values.setdefault(name, []).append(value)
    return [(name, union(texts), False) for name, texts in values.items()]


def _typed_dict(name: str, keys: list[str], fields: list[_Field]) -> list[str]:
    lines = [
        "",
        "@_type_check_only",
        f"class {name}(_TypedDict):",
        f"    type: _Literal[{', '.join(map(repr, keys))}]",
        "    _scope_: _NotRequired[str | None]",
    ]
    lines += [
        f"    {field}: {value}" if required else f"    {field}: _NotRequired[{value}]"
        for field, value, required in fields
    ]
    return lines


def _built(target: Callable[..., object], imports: Imports) -> str | None:
    """What building ``target`` returns: the class, or the function's return annotation."""
    if isinstance(target, type):
        return class_name(target, imports)
    try:
        hints = typing.get_type_hints(target)
    except Exception:  # an annotation that does not evaluate: the registry's T
        return None
    if "return" not in hints:
        return None
    built = render(hints["return"], imports)
    return None if built == ANY else built


def _lookups(entries: list[_Entry], imports: Imports, *, item: bool = True) -> list[str]:
    """``get`` and (``item``) ``[]`` overloads: a literal key gives its class (or function)."""
    get: list[str] = []
    items: list[str] = []
    for entry in entries:
        found = _found(entry.target, imports)
        if found is None:
            continue
        names = ", ".join(map(repr, entry.keys))
        get += [_OVERLOAD, f"    def get(self, key: _Literal[{names}]) -> {found} | None: ..."]
        items += [_OVERLOAD, f"    def __getitem__(self, key: _Literal[{names}]) -> {found}: ..."]
    if not get:
        return []
    any_entry = "_Callable[..., _T_co]"
    lookups = [*get, _OVERLOAD, f"    def get(self, key: str) -> {any_entry} | None: ..."]
    if not item:
        return lookups
    return [*lookups, *items, _OVERLOAD, f"    def __getitem__(self, key: str) -> {any_entry}: ..."]


def _found(target: Callable[..., object], imports: Imports) -> str | None:
    if isinstance(target, type):
        named = class_name(target, imports)
        return None if named is None else f"type[{named}]"
    built = _built(target, imports)
    return f"_Callable[..., {built}]" if built is not None else None


def keeps_bound(registry: Registry[Any]) -> bool:
    """Whether the stub leaves ``registry`` as it is: its ``build_func`` is not the default."""
    return registry.build_func is not build_from_cfg
