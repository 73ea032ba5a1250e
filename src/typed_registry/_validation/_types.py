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
from typing import Any, Literal, cast

from typeguard import (
    CollectionCheckStrategy,
    ForwardRefPolicy,
    TypeCheckError,
    check_type,
)

from typed_registry._validation._markers import DataList, children, holds_unknown


def mismatch(value: object, annotation: object) -> str | None:
    """Why ``value`` does not match ``annotation`` (typeguard's words), or None if it does.

    What runs although the annotation is narrower matches, as the plugin accepts it
    (``typed_registry.mypy._config_values``): a float where an int would do
    (``min_gt_bbox_wh=(1e-2, 1e-2)`` for ``Tuple[int, int]``), a list where a tuple would
    (JSON and YAML have no tuples; code that indexes or unpacks a tuple takes a list), and a
    list or tuple of numbers where a float would (a value per channel: ``pad_val=(114, 114,
    114)`` for ``pad_val: float``).
    """
    if holds_unknown(value):
        return None
    failure = _failure(value, annotation)
    if failure is None or (_is_per_channel(value) and takes_a_float(annotation)):
        return None
    as_ints = _floats_as_ints(value)
    rewritings = [as_ints] + [
        # JSON's lists (DataList) alone first: a Python list beside them may have to stay one;
        # then every list, then those inside the value (``[[1, 2]]`` for ``list[tuple]``).
        _lists_as_tuples(written, which=which, outer=which != "inner")
        for which in ("data", "all", "inner")
        for written in (value, as_ints)
    ]
    for rewritten in rewritings:
        if rewritten is not value and _failure(rewritten, annotation) is None:
            return None
    return failure


def accepted_as_written(value: object, annotation: object, *, required: bool) -> bool:
    """Whether ``value`` is not checked against its parameter's ``annotation`` at all.

    ``None`` for a parameter with a default (``backend_args: dict = None``, an implicit
    ``Optional``); a config (a dict with a ``type``) or a list or tuple of them where the
    annotation takes a dict or a list: the class builds it itself (its annotation says what
    it builds: ``vis_backends: Optional[Dict]`` receives a list of configs). A config for a
    number or a string is checked. The plugin accepts the same (``mypy/_config_values.py``).
    """
    if value is None:
        return not required
    return _is_config_like(value) and takes_a_container(annotation)


def takes_a_float(annotation: object) -> bool:
    """Whether ``annotation`` takes a float as it is (numbers per channel may go there)."""
    return _failure(0.0, annotation) is None


def takes_a_list(annotation: object) -> bool:
    """Whether ``annotation`` takes a list as it is (an empty one)."""
    return _failure([], annotation) is None


def takes_a_container(annotation: object) -> bool:
    """Whether ``annotation`` takes a dict or a list as they are: a config may be built.

    As they are, as the plugin asks (a list is no tuple here): a list of configs for a
    ``tuple[str, ...]`` is an error in both.
    """
    return _failure({}, annotation) is None or takes_a_list(annotation)


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
    if not isinstance(value, list | tuple):
        return value
    old_items = cast("list[object] | tuple[object, ...]", value)
    if not any(isinstance(item, float | list | tuple) for item in old_items):
        return old_items
    items = [_floats_as_ints(item) for item in old_items]
    if isinstance(value, DataList):
        return DataList(items)
    return tuple(items) if isinstance(value, tuple) else items


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


def _lists_as_tuples(
    value: object, *, which: Literal["data", "all", "inner"], outer: bool = True
) -> object:
    """``value`` with lists (itself if ``outer``, or one in its items, at any depth) as tuples.

    ``which``: the lists a JSON, YAML or TOML file wrote (:class:`DataList`), or all.
    """
    items = children(value)
    if not items and not isinstance(value, list):
        return value
    if isinstance(value, dict):
        pairs = cast("dict[str, object]", value).items()
        return {key: _lists_as_tuples(item, which=which) for key, item in pairs}
    converted = [_lists_as_tuples(item, which=which) for item in items]
    as_tuple = isinstance(value, DataList) or which != "data"
    if isinstance(value, tuple) or (outer and as_tuple):
        return tuple(converted)
    return DataList(converted) if isinstance(value, DataList) else converted


def _is_per_channel(value: object) -> bool:
    """Whether ``value`` is a list or tuple of numbers: ``(114, 114, 114)``."""
    if not isinstance(value, list | tuple):
        return False
    items = cast("list[object] | tuple[object, ...]", value)
    return bool(items) and all(
        isinstance(item, int | float) and not isinstance(item, bool) for item in items
    )


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
