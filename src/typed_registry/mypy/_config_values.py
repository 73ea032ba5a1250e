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
otherwise checked as mypy checks it. So is a value whose parameter takes any such value
(``Any``, ``object``, any dict with string keys for a dict display): checking it could find
nothing, and mypy's inference of it was most of the cost of checking the model configs of a
published project. The run time's checks accept the same
(``typed_registry._validation._types``).
"""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING

from mypy.nodes import (
    ARG_STAR2,
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
from mypy.types import AnyType, Instance, NoneType, TypeOfAny, get_proper_type

if TYPE_CHECKING:
    from mypy.nodes import Expression
    from mypy.plugin import CheckerPluginInterface
    from mypy.types import CallableType, FunctionLike, Type


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
    taking = [_taking(item, parameter) for item in signature.items]
    if all(formal is not None and _takes_any_such_value(api, value, formal) for formal in taking):
        # Nothing to find: inferring the value's type (a dict display is a generic call to
        # mypy) was most of the time of checking a published project's model configs.
        return _any()
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


def _taking(signature: CallableType, parameter: str) -> Type | None:
    """The type of what takes ``parameter``: the parameter, else ``**kwargs``; None: nothing."""
    if parameter in signature.arg_names:
        return signature.arg_types[signature.arg_names.index(parameter)]
    if ARG_STAR2 in signature.arg_kinds:
        return signature.arg_types[signature.arg_kinds.index(ARG_STAR2)]
    return None


def _takes_any_such_value(api: CheckerPluginInterface, value: Expression, formal: Type) -> bool:
    """Whether ``formal`` accepts ``value`` whatever its content: no error can be found there.

    A parameter of type ``Any`` or ``object``, or one that takes any dict with string keys
    (``dict``, ``Mapping[str, Any]``, MMEngine's ``ConfigType``) for a dict display with
    string keys. Checked as written, the value could fail nowhere else: its items are
    literals, or expressions mypy checks where they are written.
    """
    found = get_proper_type(formal)
    if isinstance(found, AnyType) or (
        isinstance(found, Instance) and found.type.fullname == "builtins.object"
    ):
        return True
    if not isinstance(value, DictExpr) or not all(
        isinstance(key, StrExpr) for key, _ in value.items
    ):
        return False
    str_type, object_type = (api.named_generic_type(name, []) for name in _STR_AND_OBJECT)
    return is_subtype(api.named_generic_type("builtins.dict", [str_type, object_type]), formal)


_STR_AND_OBJECT = ("builtins.str", "builtins.object")


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
