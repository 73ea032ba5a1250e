"""What a config's value is type-checked as, against the parameter it is passed to.

A config is checked as the call its build makes, with three exceptions where published
projects' annotations are narrower than what their code accepts, and the config runs:

- ``None`` for a parameter that has a default: ``backend_args: dict = None`` (an implicit
  ``Optional``, which mypy no longer infers) is how much OpenMMLab code spells an optional
  argument;
- a config (a dict with a ``type``, or a list of them) for any parameter: the class builds
  it itself, so the annotation says what it builds, not the config (``vis_backends:
  Optional[Dict]`` receives a list of backend configs; ``pipeline: Sequence[str]`` a list of
  transform configs). Its name and keys are still checked, as a nested config;
- a float where an int is annotated (``min_gt_bbox_wh=(1e-2, 1e-2)`` for ``Tuple[int, int]``):
  Python's arithmetic takes either. The value is accepted when it would be with its floats
  (itself, or the items of its lists and tuples) written as ints.

The first two are accepted as ``Any``; the call is otherwise checked as mypy checks it. The
run time's checks accept the same (``typed_registry._validation._types``).
"""

from __future__ import annotations

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
    from mypy.types import FunctionLike


def checked_as(
    api: CheckerPluginInterface, value: Expression, parameter: str, signature: FunctionLike
) -> Expression:
    """The expression ``value`` is type-checked as when passed as ``parameter``.

    ``signature``: the callee's, as declared (whether ``parameter`` has a default, and its
    type).
    """
    if _is_none(value):
        return _any() if _has_default(signature, parameter) else value
    if is_config_like(value):
        return _any()
    as_ints = _floats_as_ints(value)
    if as_ints is value:
        return value
    found = api.get_expression_type(as_ints)
    formals = [
        item.arg_types[item.arg_names.index(parameter)]
        for item in signature.items
        if parameter in item.arg_names
    ]
    return as_ints if any(is_subtype(found, formal) for formal in formals) else value


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
