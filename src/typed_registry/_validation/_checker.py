"""The checks of one config, and of the configs nested in it, by the mypy plugin's rules.

A config is checked against the registry that builds it, as ``build`` would use it under
the default scope in effect (a ``_scope_`` key changes it for the config and the configs
nested in it):

- its ``type`` resolves (the runtime's 'not registered' message, with 'did you mean');
- its keys are parameters of what the ``type`` names, and, at the top of a build, every
  required parameter has a key (keys of ``default_args`` count as given). A nested config is
  built by the class that takes it, which may add ``default_args`` of its own (an optimizer's
  ``params``): missing keys are not reported there;
- each value matches its parameter's annotation (:mod:`._types`);
- a value that is a config (or a list of them) is checked against the registry its
  parameter's ``ConfigFor`` names, as its builder's contract says (what it supplies and
  consumes); without ``ConfigFor`` its builder may change its keys, so only its ``type`` is
  checked, in the one registry among the known ones where it resolves (a typo in an outer
  ``type`` leaves the nested names checked). A name that resolves in several is left alone,
  and one that resolves nowhere is reported only when a registered name is close to it (a
  plain dict may have a ``type`` of its own, ``nms=dict(type="nms")``). A dict without
  ``type`` is searched for configs the same way.

Where a default scope may move a nested build (the class that builds it may run under a
default scope its caller set), a name that misses from the registry but resolves from
another registry of its tree is not an error. A registry with a custom ``build_func`` gets
its names checked and nothing else. A config that builds at run time never gets an error.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeGuard, cast

from typed_registry import _messages, _resolution
from typed_registry._build import build_from_cfg
from typed_registry._build_notes import format_path
from typed_registry._scope import DEFAULT_SCOPE
from typed_registry._validation import _problem
from typed_registry._validation._markers import OPAQUE, NamedClass, PartialDict, children
from typed_registry._validation._problem import ConfigProblem
from typed_registry._validation._signature import NO_ANNOTATION, Signature, signature_of
from typed_registry._validation._types import (
    accepted_as_written,
    describe_annotation,
    describe_value,
    mismatch,
)
from typed_registry.exceptions import ConfigError, LocationImportError

if TYPE_CHECKING:
    from collections.abc import Callable, Container

    from typed_registry._config_for import ConfigFor
    from typed_registry._registry import Registry

#: Keys a config uses for itself rather than passing to the constructor.
_RESERVED = ("type", "_scope_")
#: How deeply a config's dicts, lists and tuples may nest for ``validate`` (real configs
#: nest about ten deep; the checks recurse, and Python's stack is about a thousand frames).
MAX_DEPTH = 100


def join(path: str, key: str) -> str:
    """``model`` and ``backbone`` give ``model.backbone``; ``""`` and ``depth`` give ``depth``."""
    return f"{path}.{key}" if path else key


class Checker:
    """Checks configs; collects what is wrong in :attr:`problems`.

    Args:
        known: Registries that a nested config without ``ConfigFor`` may belong to; every
            registry of their trees is read, as it is when a check starts.
    """

    def __init__(self, known: Iterable[Registry[Any]] = ()) -> None:
        self._known = list(known)
        self.problems: list[ConfigProblem] = []

    def check_part(  # noqa: PLR0913  # the value, where it is, and how it is built
        self,
        value: object,
        registry: Registry[Any],
        path: str,
        *,
        default_args: Mapping[str, object],
        scope: str | None,
        nested: bool = False,
    ) -> None:
        """Check what a registry builds from ``value``: a config, or each of a list of them.

        Args:
            value: The config, a list or tuple of configs, or None (nothing is built).
            registry: The registry that builds it.
            path: Where ``value`` is (``model``), for the problems' paths.
            default_args: What the builder adds to each config (values may be ``OPAQUE``).
            scope: The default scope in effect.
            nested: Whether a class builds it, which may add default arguments of its own.
        """
        if value is None or value is OPAQUE:
            return
        items = children(value)
        if isinstance(value, list | tuple):
            for index, item in enumerate(items):
                self.check_part(
                    item,
                    registry,
                    f"{path}[{index}]",
                    default_args=default_args,
                    scope=scope,
                    nested=nested,
                )
            return
        if not isinstance(value, Mapping):
            self._report(
                path,
                f"Invalid config: expected a config (a dict), not {describe_value(value)}",
                _problem.REGISTRY_CONFIG,
            )
            return
        self.check_config(
            cast("Mapping[str, object]", value),
            registry,
            path,
            default_args=default_args,
            scope=scope,
            nested=nested,
        )

    def check_config(  # noqa: PLR0913  # the config, where it is, and how it is built
        self,
        cfg: Mapping[str, object],
        registry: Registry[Any],
        path: str,
        *,
        default_args: Mapping[str, object] | None = None,
        scope: str | None,
        nested: bool = False,
        contract: ConfigFor | None = None,
        names_only: bool = False,
    ) -> None:
        """Check one config built by ``registry`` (see the module's docstring).

        ``contract``: the ``ConfigFor`` of the parameter that takes a nested config, which
        says what its builder supplies and consumes. ``names_only``: its builder is not
        declared, and may add, remove or rename keys before building: only names are known.
        """
        merged = dict(cfg)
        for key, value in (default_args or {}).items():
            merged.setdefault(key, value)
        partial = isinstance(cfg, PartialDict)
        if "type" not in merged:
            if not partial and not nested:
                self._report(path, 'Invalid config: it has no "type"', _problem.REGISTRY_CONFIG)
            return
        scoping = self._scope_of(merged, scope, path)
        if scoping is None:
            return
        scope, pinned = scoping
        type_path = join(path, "type")
        found = self._entry(
            merged["type"], _scoped(registry, scope), type_path, may_move=nested and not pinned
        )
        if names_only or found is None or (found[1] is not None and _custom_build(found[1])):
            self._check_names_within(merged, path, scope)
            return
        signature = signature_of(found[0])
        if signature is None:
            return
        kwargs = self._arguments(merged, path)
        signature, kwargs, report_missing = _under_contract(signature, kwargs, contract, nested)
        if not partial:
            self._check_keys(signature, kwargs, path, report_missing=report_missing)
        for key, value in kwargs.items():
            parameter = signature.parameters.get(key)
            if parameter is None:
                target, inner_contract = None, None
            else:
                target, inner_contract = parameter.config_for, parameter.contract
                if key in cfg and not accepted_as_written(
                    value, parameter.annotation, required=parameter.required
                ):
                    # default_args are the builder's, not the config's
                    self._check_value(signature, parameter.annotation, value, join(path, key))
            for where, inner in _configs_in(value, join(path, key)):
                self._check_nested(inner, target, where, scope, inner_contract)

    def _arguments(self, merged: Mapping[str, object], path: str) -> dict[str, object]:
        """The items of a config passed to its constructor; a key that is no string is reported.

        Keyword arguments are strings: build would fail with Python's TypeError.
        """
        kwargs: dict[str, object] = {}
        for key, value in merged.items():
            if not isinstance(cast("object", key), str):
                message = f"Invalid config: key {key!r} is not a string (keys are argument names)"
                self._report(path, message, _problem.REGISTRY_CONFIG)
            elif key not in _RESERVED:
                kwargs[key] = value
        return kwargs

    def _scope_of(
        self, cfg: Mapping[str, object], scope: str | None, path: str
    ) -> tuple[str | None, bool] | None:
        """The default scope of ``cfg``'s build, and whether its ``_scope_`` set it."""
        if "_scope_" not in cfg or cfg["_scope_"] is OPAQUE:
            return scope, False
        own = cfg["_scope_"]
        if own is None or (isinstance(own, str) and _valid_scope(own)):
            return own, True
        problem = '"_scope_" must be a scope name (a string without ".") or None'
        self._report(join(path, "_scope_"), f"Invalid config: {problem}", _problem.REGISTRY_CONFIG)
        return None

    def _check_value(
        self, signature: Signature, annotation: object, value: object, path: str
    ) -> None:
        if annotation is NO_ANNOTATION or mismatch(value, annotation) is None:
            return
        key = path.rpartition(".")[2]
        message = (
            f'Argument "{key}" to "{signature.name}" has incompatible type '
            f'"{describe_value(value)}"; expected "{describe_annotation(annotation)}"'
        )
        self._report(path, message, _problem.ARG_TYPE)

    def _check_keys(
        self, signature: Signature, kwargs: Mapping[str, object], path: str, *, report_missing: bool
    ) -> None:
        if not signature.var_keyword:
            for key in kwargs:
                if key not in signature.parameters:
                    message = unexpected_keyword(key, signature.name, signature.parameters, kwargs)
                    self._report(join(path, key), message, _problem.CALL_ARG)
        if report_missing:
            missing = [
                name
                for name, p in signature.parameters.items()
                if p.required and name not in kwargs
            ]
            missing += signature.positional_only
            for name in missing:
                self._report(
                    path,
                    f'Missing named argument "{name}" for "{signature.name}"',
                    _problem.CALL_ARG,
                )

    def _entry(
        self, type_value: object, start: Registry[Any], path: str, *, may_move: bool
    ) -> tuple[Callable[..., object], Registry[Any] | None] | None:
        """What ``type_value`` names and the registry it was found in (None: not known)."""
        if type_value is OPAQUE:
            return None
        if isinstance(type_value, NamedClass):
            return self._named(type_value.fullname)
        if isinstance(type_value, str):
            return self._registered(type_value, start, path, may_move=may_move)
        if callable(type_value):
            return type_value, None
        problem = '"type" must be a registered name or a class'
        self._report(path, f"Invalid config: {problem}", _problem.REGISTRY_CONFIG)
        return None

    def _registered(
        self, key: str, start: Registry[Any], path: str, *, may_move: bool
    ) -> tuple[Callable[..., object], Registry[Any]] | None:
        """The entry ``key`` names from ``start``, and where it is registered.

        A miss is reported, unless a default scope may move the build (``may_move``) to a
        registry of the tree that has the name.
        """
        try:
            entry = start.get(key)
        except LocationImportError as error:
            self._report(path, str(error), _problem.REGISTRY_NAME)
            return None
        if entry is not None:
            return entry, start
        if may_move:
            moved = {
                id(found): (found, member)
                for member in _members(start)
                if (found := member.get(key)) is not None
            }
            if moved:
                # Several entries: which one runs depends on a scope no check can see.
                return next(iter(moved.values())) if len(moved) == 1 else None
        message = str(start.not_registered(key)) + self._registered_elsewhere(start, key)
        self._report(path, message, _problem.REGISTRY_NAME)
        return None

    def _registered_elsewhere(self, start: Registry[Any], key: str) -> str:
        """``; it is registered in ...``: the registries of other trees that hold ``key``.

        A config built by the wrong registry; nothing when no other tree holds it.
        """
        members: Iterable[Registry[Any]] = () if "." in key else self._all_members()
        holders = [
            f"registry {member.name!r} (scope {member.scope!r})"
            for member in members
            if member.root is not start.root and key in member.module_dict
        ]
        return f"; it is registered in {' and '.join(holders)}" if holders else ""

    def _named(self, fullname: str) -> tuple[Callable[..., object], Registry[Any] | None] | None:
        """A class a config names itself: among the entries, else in an imported module."""
        for registry in self._all_members():
            for entry in registry.module_dict.values():
                if f"{entry.__module__}.{entry.__qualname__}" == fullname:
                    return entry, registry
        module, _, name = fullname.rpartition(".")
        found = getattr(sys.modules.get(module), name, None)
        return (found, None) if callable(found) else None

    def _check_names_within(self, cfg: Mapping[str, object], path: str, scope: str | None) -> None:
        """The nested configs of a config whose own build is unknown: their names only.

        A typo in the outer ``type`` (or a custom ``build_func``) must not hide the mistakes
        that can still be known inside.
        """
        for key, value in cfg.items():
            if key not in _RESERVED:
                for where, inner in _configs_in(value, join(path, key)):
                    self._check_nested(inner, None, where, scope)

    def _check_nested(
        self,
        cfg: Mapping[str, object],
        target: Registry[Any] | None,
        path: str,
        scope: str | None,
        contract: ConfigFor | None = None,
    ) -> None:
        """A config inside a config: built by ``target`` (its parameter's ``ConfigFor``)."""
        if target is not None:
            self.check_config(cfg, target, path, scope=scope, nested=True, contract=contract)
        elif "type" in cfg:
            self._check_unannotated(cfg, path, scope)
        elif not isinstance(cfg, PartialDict):
            # A plain dict of settings (``train_cfg=dict(assigner=dict(type=...))``): the
            # configs in it are built by whoever reads them, with an unknown registry.
            for key, value in cfg.items():
                for where, inner in _configs_in(value, join(path, key)):
                    self._check_nested(inner, None, where, scope)

    def _check_unannotated(self, cfg: Mapping[str, object], path: str, scope: str | None) -> None:
        """A nested config whose registry is not known.

        Its builder is not declared (no ``ConfigFor``): it may add, remove or rename keys
        before building, so only names are checked: its ``type`` against the one known
        registry where it resolves (its own nested configs likewise), reported if it
        resolves nowhere and a registered name is close to it.
        """
        key = cfg["type"]
        if isinstance(key, NamedClass):
            found = self._named(key.fullname)
            if found is not None and found[1] is not None:
                self.check_config(cfg, found[1], path, scope=scope, nested=True, names_only=True)
            return
        if not isinstance(key, str):
            return  # a plain dict's own "type" (``dict(type=1)``)
        scope = _own_scope(cfg, scope)
        resolved: dict[int, Registry[Any]] = {}
        for start in self._starts(scope):
            entry = start.get(key)
            if entry is not None:
                resolved.setdefault(id(entry), start)
        if len(resolved) == 1:
            start = next(iter(resolved.values()))
            self.check_config(cfg, start, path, scope=scope, nested=True, names_only=True)
        elif not resolved:
            view = _LiveView()
            names = _resolution.distinct_keys((view, start) for start in self._starts(scope))
            suggestions = _resolution.close_matches(key, names)
            if suggestions:
                message = (
                    f"{key!r} is not registered in any registry; "
                    f"did you mean {_messages.quoted(suggestions)}?"
                )
                self._report(join(path, "type"), message, _problem.REGISTRY_NAME)

    def _starts(self, scope: str | None) -> Iterator[Registry[Any]]:
        """Where a nested name may be resolved from.

        Per tree: the registry of the default scope if the tree has it, else each of its
        registries (the class that builds the config may use any of them).
        """
        for root in _unique(registry.root for registry in self._known):
            scoped = None if scope is None else root.find_scope(scope)
            yield from _members(root) if scoped is None else [scoped]

    def _all_members(self) -> Iterator[Registry[Any]]:
        for root in _unique(registry.root for registry in self._known):
            yield from _members(root)

    def _report(self, path: str, message: str, code: str) -> None:
        self.problems.append(ConfigProblem(path, message, code))


class _LiveView:
    """The :class:`~typed_registry._resolution.TreeView` of live registries, for suggestions.

    Through the public API: :class:`Registry` resolves through a view of its own.
    """

    def parent(self, node: Registry[Any], /) -> Registry[Any] | None:
        return node.parent

    def own(self, node: Registry[Any], name: str, /) -> object | None:
        return node.module_dict.get(name)

    def by_scope(self, node: Registry[Any], scope: str, /) -> Registry[Any] | None:
        return node.find_scope(scope)

    def scope(self, node: Registry[Any], /) -> str:
        return node.scope

    def names(self, node: Registry[Any], /) -> Iterable[str]:
        return list(node)

    def tree(self, node: Registry[Any], /) -> Iterable[Registry[Any]]:
        return _members(node)


def _configs_in(value: object, path: str) -> Iterator[tuple[str, Mapping[str, object]]]:
    """The configs (dicts) ``value`` is, or holds as items of a list or tuple."""
    items = children(value)
    if isinstance(value, dict):
        yield path, cast("dict[str, object]", value)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield f"{path}[{index}]", cast("dict[str, object]", item)


def _members(registry: Registry[Any]) -> list[Registry[Any]]:
    """Every registry of ``registry``'s tree, root first."""
    found = [registry.root]
    for node in found:
        found.extend(node.children.values())
    return found


def _unique(registries: Iterable[Registry[Any]]) -> list[Registry[Any]]:
    return list({id(registry): registry for registry in registries}.values())


def _scoped(registry: Registry[Any], scope: str | None) -> Registry[Any]:
    scoped = None if scope is None else registry.find_scope(scope)
    return registry if scoped is None else scoped


def _own_scope(cfg: Mapping[str, object], scope: str | None) -> str | None:
    value = cfg.get("_scope_", scope)
    return value if value is None or _valid_scope(value) else scope


def _valid_scope(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and bool(value) and "." not in value


def _under_contract(
    signature: Signature,
    kwargs: dict[str, object],
    contract: ConfigFor | None,
    nested: bool,  # noqa: FBT001
) -> tuple[Signature, dict[str, object], bool]:
    """What a config's keys are checked against, as its builder changes them.

    The keys the builder consumes are taken out; the arguments it supplies are no longer
    the config's to pass, and then every other required one is (the builder is declared
    exactly). Without a declaration of what it supplies, a nested config's missing
    arguments are no error. Returns the signature, the keys and whether to report missing
    arguments.
    """
    if contract is None or contract.supplies is None:
        report_missing = not nested
        supplies: tuple[str, ...] = ()
    else:
        report_missing = True
        supplies = contract.supplies
    consumes = () if contract is None else contract.consumes
    kept = {key: value for key, value in kwargs.items() if key not in consumes}
    if supplies:
        parameters = {k: v for k, v in signature.parameters.items() if k not in supplies}
        positional = tuple(name for name in signature.positional_only if name not in supplies)
        signature = replace(signature, parameters=parameters, positional_only=positional)
    return signature, kept, report_missing


def _custom_build(registry: Registry[Any]) -> bool:
    return registry.build_func is not build_from_cfg


def unexpected_keyword(
    key: str, name: str, parameters: Iterable[str], given: Container[str]
) -> str:
    """The message for a config's key that no parameter of ``name`` takes.

    With the parameters the config does not fill (``given`` are its keys) that are close.
    """
    message = f'Unexpected keyword argument "{key}" for "{name}"'
    close = _resolution.close_matches(key, [p for p in parameters if p not in given])
    return f"{message}; did you mean {_or(close)}?" if close else message


def _or(words: Iterable[str]) -> str:
    shown = [f'"{word}"' for word in words]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"


def validate(
    registry: Registry[Any],
    cfg: Mapping[str, Any],
    default_args: Mapping[str, Any] | None,
    registries: Iterable[Registry[Any]],
) -> list[ConfigProblem]:
    """The problems of ``cfg`` built by ``registry``: :meth:`Registry.validate`."""
    if not isinstance(cast("object", cfg), Mapping):  # from untyped code too
        msg = f"cfg must be a mapping such as a dict, not {type(cfg).__name__}"
        raise TypeError(msg)
    check_shape(cfg)
    checker = Checker([registry, *registries])
    checker.check_config(cfg, registry, "", default_args=default_args, scope=DEFAULT_SCOPE.get())
    return checker.problems


def check_shape(cfg: object) -> None:
    """Check that ``cfg`` is a tree the checks can walk: no cycle, at most MAX_DEPTH deep.

    Iterative, so that it cannot overflow the stack itself; a dict shared by two branches is
    fine, one that contains itself is not.

    Raises:
        ConfigError: ``cfg`` contains itself, or nests deeper than MAX_DEPTH.
    """
    # (value, depth, path, ancestors' ids): the path only for the messages.
    stack: list[tuple[object, int, tuple[str, ...], frozenset[int]]] = [(cfg, 0, (), frozenset())]
    while stack:
        value, depth, path, ancestors = stack.pop()
        if id(value) in ancestors:
            msg = (
                f"the config contains itself: the value at {_shown_path(path)} is a config "
                "that encloses it"
            )
            raise ConfigError(msg)
        if depth >= MAX_DEPTH:
            msg = f"the config nests deeper than {MAX_DEPTH} levels (at {_shown_path(path)})"
            raise ConfigError(msg)
        inner = ancestors | {id(value)}
        stack.extend((item, depth + 1, (*path, key), inner) for key, item in _items(value))


def _items(container: object) -> list[tuple[str, object]]:
    """The containers among the items of a mapping, list or tuple, with their keys."""
    if isinstance(container, Mapping):
        mapping = cast("Mapping[object, object]", container)
        return [(str(key), item) for key, item in mapping.items() if _is_container(item)]
    sequence = cast("list[object] | tuple[object, ...]", container)
    return [(f"[{i}]", item) for i, item in enumerate(sequence) if _is_container(item)]


def _is_container(value: object) -> bool:
    # Scalars are most of a huge config: they are skipped before anything is made for them,
    # by their exact type first (an isinstance of the Mapping ABC costs far more).
    if type(value) in _SCALARS:
        return False
    return isinstance(value, Mapping | list | tuple)


_SCALARS = frozenset({str, int, float, bool, type(None), bytes})


def _shown_path(keys: tuple[str, ...]) -> str:
    return repr(format_path(keys)) if keys else "the config itself"
