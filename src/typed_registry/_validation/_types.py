"""Whether a config's value matches a parameter's annotation, checked with typeguard.

typeguard 4 checks a value against any annotation at run time (generics, unions,
``Literal``, ``TypedDict``, Protocols, ``Annotated``), every item of a collection included.
A value the reader could not compute is not checked, and neither is a value that typeguard
cannot check against its annotation: the checker never reports what it is unsure of.
"""

from __future__ import annotations

import types
import typing
import warnings
from typing import Any, cast

from typeguard import (
    CollectionCheckStrategy,
    ForwardRefPolicy,
    TypeCheckError,
    check_type,
)

from typed_registry._validation._markers import DataList, children, holds_unknown


def mismatch(value: object, annotation: object) -> str | None:
    """Why ``value`` does not match ``annotation`` (typeguard's words), or None if it does.

    A float matches where an int would (``min_gt_bbox_wh=(1e-2, 1e-2)`` for ``Tuple[int,
    int]``): Python's arithmetic takes either, and published projects' configs rely on it.
    """
    if holds_unknown(value):
        return None
    failure = _failure(value, annotation)
    if failure is not None and _holds_data_list(value):
        # JSON, YAML and TOML write tuples as lists.
        failure = _failure(_tuples_for_data_lists(value), annotation)
    if failure is not None and _floats_as_ints(value) is not value:
        as_ints = _floats_as_ints(value)
        if _failure(as_ints, annotation) is None or (
            _holds_data_list(as_ints)
            and _failure(_tuples_for_data_lists(as_ints), annotation) is None
        ):
            return None
    return failure


def accepted_as_written(value: object, *, required: bool) -> bool:
    """Whether ``value`` is not checked against its parameter's annotation at all.

    ``None`` for a parameter with a default (``backend_args: dict = None``, an implicit
    ``Optional``); a config (a dict with a ``type``) or a list or tuple of them, which the
    class builds itself (its annotation says what it builds: ``vis_backends: Optional[Dict]``
    receives a list of configs). The plugin accepts the same (``mypy/_config_values.py``).
    """
    if value is None:
        return not required
    return _is_config_like(value)


def _is_config_like(value: object) -> bool:
    if isinstance(value, dict):
        return "type" in cast("dict[object, object]", value)
    if isinstance(value, list | tuple):
        items = cast("list[object] | tuple[object, ...]", value)
        return bool(items) and all(map(_is_config_like, items))
    return False


def _floats_as_ints(value: object) -> object:
    """``value`` with each float (itself, or an item of its lists and tuples) as an int."""
    if isinstance(value, float):
        return 0
    if isinstance(value, list | tuple) and any(
        isinstance(item, float | list | tuple) for item in cast("list[object]", value)
    ):
        items = [_floats_as_ints(item) for item in cast("list[object]", value)]
        if isinstance(value, DataList):
            return DataList(items)
        return tuple(items) if isinstance(value, tuple) else items
    return value


def _failure(value: object, annotation: object) -> str | None:
    try:
        with warnings.catch_warnings():
            # typeguard warns of what it skips (a forward reference); skipped is not wrong.
            warnings.simplefilter("ignore")
            check_type(
                value,
                cast("type[object]", annotation),
                forward_ref_policy=ForwardRefPolicy.IGNORE,
                collection_check_strategy=CollectionCheckStrategy.ALL_ITEMS,
            )
    except TypeCheckError as error:
        return str(error)
    except Exception:  # an annotation typeguard cannot check: not an error
        return None
    return None


def _holds_data_list(value: object) -> bool:
    return isinstance(value, DataList) or any(map(_holds_data_list, children(value)))


def _tuples_for_data_lists(value: object) -> object:
    items = children(value)
    if isinstance(value, DataList):
        return tuple(map(_tuples_for_data_lists, items))
    if isinstance(value, dict):
        pairs = cast("dict[str, object]", value).items()
        return {key: _tuples_for_data_lists(item) for key, item in pairs}
    if isinstance(value, list):
        return list(map(_tuples_for_data_lists, items))
    return value


def describe_value(value: object) -> str:
    """The type of a config value as mypy would infer it: ``str``, ``list[int | str]``."""
    items = children(value)
    if isinstance(value, dict):
        return f"dict[str, {_join(items)}]" if items else "dict[str, Any]"
    if isinstance(value, tuple):
        return f"tuple[{', '.join(map(describe_value, items))}]" if items else "tuple[()]"
    if isinstance(value, list):
        return f"list[{_join(items)}]" if items else "list[Any]"
    return "None" if value is None else type(value).__name__


def _join(values: list[object]) -> str:
    return " | ".join(dict.fromkeys(map(describe_value, values)))


def describe_annotation(annotation: object) -> str:
    """An annotation as mypy shows it: ``int``, ``tuple[int, ...]``, ``dict[str, Any]``."""
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is typing.Annotated:
        return describe_annotation(arguments[0])
    if origin is typing.Union or isinstance(annotation, types.UnionType):
        return " | ".join(map(describe_annotation, arguments))
    if origin is typing.Literal:
        return f"Literal[{', '.join(map(repr, arguments))}]"
    if origin is not None and arguments:
        return f"{_name(origin)}[{', '.join(map(describe_annotation, arguments))}]"
    return _SPECIAL.get(id(annotation)) or _name(annotation)


_SPECIAL = {id(None): "None", id(type(None)): "None", id(Any): "Any", id(Ellipsis): "..."}


def _name(annotation: object) -> str:
    name = getattr(annotation, "__qualname__", None) or getattr(annotation, "_name", None)
    return name if isinstance(name, str) else repr(annotation).removeprefix("typing.")
