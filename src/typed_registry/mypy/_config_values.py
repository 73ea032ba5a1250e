"""What a config's value is type-checked as, against the parameter it is passed to.

A config is checked as the call its build makes, with four exceptions where published
projects' annotations are narrower than what their code accepts, and the config runs:

- ``None`` for a parameter that has a default: ``backend_args: dict = None`` (an implicit
  ``Optional``, which mypy no longer infers) is how much OpenMMLab code spells an optional
  argument;
- a config (a dict with a ``type``, or a list of them) for a parameter that takes a dict or
  a list: the class builds it itself, so the annotation says what it builds, not the config
  (``vis_backends: Optional[Dict]`` receives a list of backend configs; ``pipeline:
  Sequence[str]`` a list of transform configs). Its name and keys are still checked, as a
  nested config; a config for a number or a string is an error;
- a float where an int is annotated (``min_gt_bbox_wh=(1e-2, 1e-2)`` for ``Tuple[int, int]``):
  Python's arithmetic takes either; and a list where a tuple is annotated
  (``test_pad_mode=['logical_or', 127]`` for ``Optional[tuple]``): code that indexes,
  unpacks or iterates a tuple takes a list, and JSON and YAML have no tuples. The value is
  accepted when it would be with its floats written as ints, its lists as tuples, or both
  (itself, or the items of its lists and tuples);
- a list or tuple of numbers where a float is annotated: a value per channel
  (``pad_val=(114, 114, 114)`` for ``pad_val: float``), which numpy broadcasts as it does
  the number.

The config-like values and the values per channel are accepted as ``Any``; the call is
otherwise checked as mypy checks it. The run time's checks accept the same
(``typed_registry._validation._types``).
"""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING

from mypy.nodes import (
    CallExpr,
    DictExpr,
    FloatExpr,
    IntExpr,
    ListExpr,
    NameExpr,
    StrExpr,
    TempNode,
    TupleExpr,
)
from mypy.subtypes import is_subtype
from mypy.types import AnyType, NoneType, TypeOfAny, get_proper_type

if TYPE_CHECKING:
    from mypy.nodes import Expression
    from mypy.plugin import CheckerPluginInterface
    from mypy.types import FunctionLike, Type


def checked_as(
    api: CheckerPluginInterface, value: Expression, parameter: str, signature: FunctionLike
) -> Expression:
    """The expression ``value`` is type-checked as when passed as ``parameter``.

    ``signature``: the callee's, as declared (whether ``parameter`` has a default, and its
    type).
    """
    if _is_none(value):
        return _any() if _has_default(signature, parameter) else value
    formals = [
        item.arg_types[item.arg_names.index(parameter)]
        for item in signature.items
        if parameter in item.arg_names
    ]
    if is_config_like(value) and _takes_a_container(api, formals):
        return _any()
    if _is_per_channel(value):
        a_float = api.named_generic_type("builtins.float", [])
        if any(is_subtype(a_float, formal) for formal in formals):
            return _any()
    as_ints = _floats_as_ints(value)
    rewritings = [as_ints] + [
        # Every list, then those inside the value (``[[1, 2]]`` for ``list[tuple[int, int]]``).
        _lists_as_tuples(written, outer=outer)
        for outer in (True, False)
        for written in dict.fromkeys((value, as_ints))
    ]
    for rewritten in dict.fromkeys(rewritten for rewritten in rewritings if rewritten is not value):
        # A rewriting that fits is what the value is checked as; when none does, the value as
        # written is, and mypy's message names it.
        found = api.get_expression_type(rewritten)
        if any(is_subtype(found, formal) for formal in formals):
            return rewritten
    return value


def is_config_like(value: Expression) -> bool:
    """Whether ``value`` is a config (a dict with a ``type``) or a list or tuple of them."""
    if isinstance(value, ListExpr | TupleExpr):
        return bool(value.items) and all(map(is_config_like, value.items))
    if isinstance(value, DictExpr):
        return any(isinstance(key, StrExpr) and key.value == "type" for key, _ in value.items)
    if isinstance(value, CallExpr) and isinstance(value.callee, NameExpr):
        return value.callee.name == "dict" and "type" in value.arg_names
    return False


def _floats_as_ints(value: Expression) -> Expression:
    """``value`` with each float (itself, or an item of its lists and tuples) as an int."""
    if isinstance(value, FloatExpr):
        as_int = IntExpr(0)
        as_int.set_line(value)
        return as_int
    if isinstance(value, ListExpr | TupleExpr) and any(
        isinstance(item, FloatExpr | ListExpr | TupleExpr) for item in value.items
    ):
        items = [_floats_as_ints(item) for item in value.items]
        rebuilt = ListExpr(items) if isinstance(value, ListExpr) else TupleExpr(items)
        rebuilt.set_line(value)
        return rebuilt
    return value


def _takes_a_container(api: CheckerPluginInterface, formals: list[Type]) -> bool:
    """Whether a parameter of types ``formals`` takes a dict or a list: a config may be built."""
    anything = AnyType(TypeOfAny.special_form)
    containers = [
        api.named_generic_type("builtins.dict", [anything, anything]),
        api.named_generic_type("builtins.list", [anything]),
    ]
    return any(is_subtype(container, formal) for container in containers for formal in formals)


def _lists_as_tuples(value: Expression, *, outer: bool = True) -> Expression:
    """``value`` with lists (itself if ``outer``, or one in its items) as tuples."""
    if not isinstance(value, ListExpr | TupleExpr):
        return value
    items = [_lists_as_tuples(item) for item in value.items]
    unchanged = all(map(operator.is_, items, value.items))
    if unchanged and (isinstance(value, TupleExpr) or not outer):
        return value
    rebuilt = TupleExpr(items) if outer or isinstance(value, TupleExpr) else ListExpr(items)
    rebuilt.set_line(value)
    return rebuilt


def _is_per_channel(value: Expression) -> bool:
    """Whether ``value`` is a list or tuple of number literals: ``(114, 114, 114)``."""
    return (
        isinstance(value, ListExpr | TupleExpr)
        and bool(value.items)
        and all(isinstance(item, IntExpr | FloatExpr) for item in value.items)
    )


def _is_none(value: Expression) -> bool:
    if isinstance(value, NameExpr):
        return value.fullname == "builtins.None"
    return isinstance(value, TempNode) and isinstance(get_proper_type(value.type), NoneType)


def _has_default(signature: FunctionLike, parameter: str) -> bool:
    return any(
        item.arg_kinds[item.arg_names.index(parameter)].is_optional()
        for item in signature.items
        if parameter in item.arg_names
    )


def _any() -> Expression:
    return TempNode(AnyType(TypeOfAny.special_form))
