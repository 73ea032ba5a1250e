"""Building objects from configs: :func:`build_from_cfg`, the default ``build_func``."""

from __future__ import annotations

import sys

from typed_registry._build_notes import note_build_failure
from typed_registry._scope import DEFAULT_SCOPE, check_scope
from typed_registry.exceptions import MissingTypeError

# Not ``typing.TYPE_CHECKING``: importing typing would triple this package's import time;
# mypy and pyright treat any ``TYPE_CHECKING`` name as true (see docs/design.md).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any, TypeVar, overload

    from typed_registry._registry import Registry
    from typed_registry._typed_config import Config

    T = TypeVar("T")
    C = TypeVar("C")

else:

    def overload(func: object) -> object:
        """``typing.overload`` at run time, without importing typing: the last def wins."""
        return func


# A Config[C] (from cfg()) builds a C, whatever the registry; any other mapping a T. (ruff
# takes the run-time overload above for a redefinition: F811.)
@overload
def build_from_cfg(
    cfg: Config[C], registry: Registry[Any], default_args: Mapping[str, Any] | None = None
) -> C: ...
@overload
def build_from_cfg(  # noqa: F811
    cfg: Mapping[str, Any], registry: Registry[T], default_args: Mapping[str, Any] | None = None
) -> T: ...
def build_from_cfg(  # noqa: F811
    cfg: Mapping[str, Any], registry: Registry[T], default_args: Mapping[str, Any] | None = None
) -> T:
    """Build an object from a config: the default ``build_func`` of every registry.

    ``cfg["type"]`` (or ``default_args["type"]``) is a key that ``registry`` resolves (see
    :doc:`/resolution`) or a class or function used directly; the remaining items are the
    keyword arguments. ``default_args`` fill only keys missing from ``cfg``. A ``_scope_``
    item makes that scope the default scope for this build and the builds made inside it,
    and is not passed on. Neither ``cfg`` nor ``default_args`` is ever mutated.

    Args:
        cfg: Any mapping: a dict, or a config object such as MMEngine's ``ConfigDict``;
            or MMEngine's ``Config`` (which is not a mapping), as MMEngine accepts it.
        registry: The registry that resolves the ``type`` key.
        default_args: Defaults for keys missing from ``cfg``.

    Returns:
        The constructed object, or the result of a registered function.

    Raises:
        TypeError: ``cfg`` or ``default_args`` is not a mapping, ``registry`` is not a
            :class:`~typed_registry.Registry` (its name, for example), or ``type`` is neither
            a string nor callable.
        MissingTypeError: neither mapping has a ``type`` key.
        NotRegisteredError: the ``type`` key does not resolve.

    Exceptions raised by the constructor keep their type; they get a note naming the
    registry and the type.

    Example:
        >>> from typed_registry import Registry, build_from_cfg
        >>> SHAPES: Registry[object] = Registry("shapes", scope="geo")
        >>> @SHAPES.register_module()
        ... class Square:
        ...     def __init__(self, side: float) -> None:
        ...         self.side = side
        >>> cfg = {"type": "Square"}
        >>> build_from_cfg(cfg, SHAPES, default_args={"side": 2.0}).side
        2.0
        >>> cfg
        {'type': 'Square'}
    """
    # Copied first, and read only from the copy: another thread may change cfg meanwhile.
    if _is_mapping(cfg):
        kwargs = dict(cfg)
    elif _is_mmengine_config(cfg):
        kwargs = dict(cfg.items())
    else:
        msg = f"cfg must be a mapping such as a dict, not {type(cfg).__name__}"
        raise TypeError(msg)
    _check_registry(registry)
    if default_args is not None:
        if not _is_mapping(default_args):
            msg = f"default_args must be a mapping or None, not {type(default_args).__name__}"
            raise TypeError(msg)
        for key, value in default_args.items():
            kwargs.setdefault(key, value)
    try:
        obj_type = kwargs.pop("type")
    except KeyError:
        from typed_registry._messages import shown  # noqa: PLC0415  # error path only

        msg = (
            f"cannot build with registry {registry.name!r}: neither cfg nor default_args "
            f"has a 'type' key (cfg: {shown(cfg)})"
        )
        raise MissingTypeError(msg) from None
    if "_scope_" in kwargs:
        scope = kwargs.pop("_scope_")
        if scope is not None:
            check_scope(scope, "_scope_")
        token = DEFAULT_SCOPE.set(scope)
        try:
            return _construct(registry, cfg, obj_type, kwargs, scope)
        finally:
            DEFAULT_SCOPE.reset(token)
    return _construct(registry, cfg, obj_type, kwargs, DEFAULT_SCOPE.get())


def _construct(  # the config as given, and as read
    registry: Registry[T],
    cfg: object,
    obj_type: object,
    kwargs: dict[str, Any],
    scope: str | None,
) -> T:
    """Resolve ``obj_type`` (from the registry of ``scope``, if any) and call it."""
    if isinstance(obj_type, str):
        # ``is None``, not ``or``: an empty registry is falsy (it has a length).
        scoped = None if scope is None else registry.find_scope(scope)
        start = registry if scoped is None else scoped
        constructor = start.get(obj_type)
        if constructor is None:
            raise start.not_registered(obj_type)
    elif callable(obj_type):
        constructor = obj_type
    else:
        msg = (
            "cfg 'type' must be a registered name or a class or function, "
            f"not {type(obj_type).__name__}: {obj_type!r}"
        )
        raise TypeError(msg)
    try:
        return constructor(**kwargs)  # pyright: ignore[reportReturnType]  # T is a promise
    except Exception as error:
        # A note, never a re-wrap: MMCV's ``type(e)(msg)`` broke exceptions whose
        # constructors take other arguments and nested the messages (mmcv #1310).
        replacement = note_build_failure(error, obj_type, registry, cfg, kwargs)
        if replacement is not None:
            raise replacement from None
        raise


def _check_registry(registry: object) -> None:
    # Found in sys.modules rather than imported: _registry imports this module, and an import
    # inside this function would cost a microsecond per build. ``typed_registry`` has
    # imported _registry by the time anything can call build_from_cfg.
    registry_class: type = sys.modules["typed_registry._registry"].Registry
    if not isinstance(registry, registry_class):
        msg = f"registry must be a typed_registry.Registry, not {type(registry).__name__}"
        if isinstance(registry, str):
            msg += f": {registry!r} (pass the registry object itself, not its name)"
        raise TypeError(msg)


def _is_mapping(value: object) -> bool:
    # collections.abc is imported here, not at module level: only configs that are not plain
    # dicts come here, and the import would add milliseconds to this package's import time.
    if type(value) is dict:
        return True
    from collections.abc import Mapping  # noqa: PLC0415

    return isinstance(value, Mapping)


def _is_mmengine_config(value: object) -> bool:
    # By name, not isinstance: importing mmengine here would cost seconds, and a Config can
    # only exist if mmengine is imported already.
    return any(
        cls.__name__ == "Config" and cls.__module__.startswith("mmengine.")
        for cls in type(value).__mro__
    )
