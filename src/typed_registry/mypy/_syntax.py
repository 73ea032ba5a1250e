"""Syntax the hooks recognise in mypy's trees: registry references, arguments, literals.

What a module registers is read by the registry index from the source (``typed_registry
._index``); the hooks only need to recognise, in the expression mypy hands them, which
registry a call is on and what its arguments are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mypy.nodes import (
    CallExpr,
    MemberExpr,
    NameExpr,
    RefExpr,
    TypeInfo,
    Var,
)

from typed_registry.mypy._fullnames import REGISTRY

if TYPE_CHECKING:
    from mypy.nodes import Expression


def is_registry_class(node: object) -> bool:
    """Whether ``node`` is the Registry class or a subclass of it."""
    return isinstance(node, TypeInfo) and node.has_base(REGISTRY)


def register_call_registry(expr: CallExpr) -> str | None:
    """If ``expr`` is ``REG.register_module(...)``, return the fullname of ``REG``."""
    # The hook fires for register_module only; a ``super().register_module(...)`` inside a
    # Registry subclass is not on a registry variable.
    callee = expr.callee
    return registry_ref(callee.expr) if isinstance(callee, MemberExpr) else None


def registry_ref(expr: Expression) -> str | None:
    """The fullname of the module-level variable ``expr`` refers to, if it does."""
    if isinstance(expr, RefExpr) and isinstance(expr.node, Var) and expr.fullname:
        return expr.fullname if "." in expr.fullname else None
    return None


def is_none(expr: Expression) -> bool:
    """Whether ``expr`` is the literal None."""
    return isinstance(expr, NameExpr) and expr.fullname == "builtins.None"
