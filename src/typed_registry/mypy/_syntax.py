"""Syntax the hooks recognise in mypy's trees: registry references, arguments, literals.

What a module registers is read by the registry index from the source (``typed_registry
._index``); the hooks only need to recognise, in the expression mypy hands them, which
registry a call is on and what its arguments are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mypy.nodes import (
    ARG_NAMED,
    ARG_POS,
    CallExpr,
    ListExpr,
    MemberExpr,
    NameExpr,
    RefExpr,
    StrExpr,
    TupleExpr,
    TypeInfo,
    Var,
)

from typed_registry.mypy._fullnames import REGISTRY

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mypy.nodes import Expression


def is_registry_class(node: object) -> bool:
    """Whether ``node`` is the Registry class or a subclass of it."""
    return isinstance(node, TypeInfo) and node.has_base(REGISTRY)


def register_call_registry(expr: Expression) -> str | None:
    """If ``expr`` is ``REG.register_module(...)``, return the fullname of ``REG``."""
    if not isinstance(expr, CallExpr):
        return None
    callee = expr.callee
    if not isinstance(callee, MemberExpr) or callee.name != "register_module":
        return None
    return registry_ref(callee.expr)


def registry_ref(expr: Expression) -> str | None:
    """The fullname of the module-level variable ``expr`` refers to, if it does."""
    if isinstance(expr, RefExpr) and isinstance(expr.node, Var) and expr.fullname:
        return expr.fullname if "." in expr.fullname else None
    return None


def bound_arguments(call: CallExpr, params: Sequence[str]) -> dict[str, Expression]:
    """Map a call's positional and keyword arguments to parameter names.

    ``*args``/``**kwargs`` arguments are left out, so a caller that needs them sees the
    parameter as missing and does not check.
    """
    bound: dict[str, Expression] = {}
    position = 0
    for arg, kind, name in zip(call.args, call.arg_kinds, call.arg_names, strict=True):
        if kind == ARG_POS and position < len(params):
            bound[params[position]] = arg
            position += 1
        elif kind == ARG_NAMED and name is not None:
            bound[name] = arg
    return bound


def is_none(expr: Expression) -> bool:
    """Whether ``expr`` is the literal None."""
    return isinstance(expr, NameExpr) and expr.fullname == "builtins.None"


def string_list(expr: Expression | None) -> tuple[str, ...] | None:
    """The strings of a list or tuple literal of string literals, else None."""
    if isinstance(expr, ListExpr | TupleExpr) and all(isinstance(i, StrExpr) for i in expr.items):
        return tuple(item.value for item in expr.items if isinstance(item, StrExpr))
    return None
