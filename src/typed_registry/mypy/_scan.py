"""Read a module's registry facts from its semantically analysed syntax tree.

Only module-level code is read (including ``if``/``try`` blocks, except blocks mypy found
unreachable): registrations inside functions run at an unknowable time, and mypy checks
function bodies after it has written the module's cache, so reading them would make a warm
run differ from a cold one. Registries are recognised by syntax and symbol fullnames only,
so a module can be scanned before it is type-checked (another module of its import cycle
may ask first).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mypy.nodes import (
    ARG_NAMED,
    ARG_POS,
    AssignmentStmt,
    Block,
    CallExpr,
    ClassDef,
    Decorator,
    Expression,
    ExpressionStmt,
    IfStmt,
    IndexExpr,
    ListExpr,
    MemberExpr,
    NameExpr,
    RefExpr,
    StrExpr,
    TryStmt,
    TupleExpr,
    TypeInfo,
    Var,
)

from typed_registry.mypy._facts import ModuleFacts, Registration, RegistrySpec
from typed_registry.mypy._fullnames import (
    BUILD_FROM_CFG,
    REGISTER_PARAMS,
    REGISTRY,
    REGISTRY_PARAMS,
)

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from mypy.nodes import MypyFile, Statement


def scan_module(tree: MypyFile) -> ModuleFacts:
    """Return the registries and registrations at module level in ``tree``."""
    registries: list[RegistrySpec] = []
    registrations: list[Registration] = []
    for stmt in _module_level(tree.defs):
        if isinstance(stmt, AssignmentStmt):
            spec = _registry_spec(stmt, tree.fullname)
            if spec is not None:
                registries.append(spec)
                continue
            if isinstance(stmt.rvalue, CallExpr):
                registrations.extend(_direct_registration(stmt.rvalue, tree.fullname))
        elif isinstance(stmt, ExpressionStmt) and isinstance(stmt.expr, CallExpr):
            registrations.extend(_direct_registration(stmt.expr, tree.fullname))
        elif isinstance(stmt, ClassDef):
            registrations.extend(
                _decorated(stmt.decorators, stmt.fullname, stmt.name, tree.fullname)
            )
        elif isinstance(stmt, Decorator):
            func = stmt.func
            registrations.extend(
                _decorated(stmt.decorators, func.fullname, func.name, tree.fullname)
            )
    return ModuleFacts(tuple(registries), tuple(registrations))


def _module_level(stmts: Sequence[Statement]) -> Iterator[Statement]:
    for stmt in stmts:
        if isinstance(stmt, IfStmt):
            for block in (*stmt.body, stmt.else_body):
                yield from _reachable(block)
        elif isinstance(stmt, TryStmt):
            for block in (stmt.body, *stmt.handlers, stmt.else_body, stmt.finally_body):
                yield from _reachable(block)
        else:
            yield stmt


def _reachable(block: Block | None) -> Iterator[Statement]:
    if block is not None and not block.is_unreachable:
        yield from _module_level(block.body)


def is_registry_class(node: object) -> bool:
    """Whether ``node`` is the Registry class or a subclass of it."""
    return isinstance(node, TypeInfo) and node.has_base(REGISTRY)


def _registry_spec(stmt: AssignmentStmt, module: str) -> RegistrySpec | None:
    call = stmt.rvalue
    if len(stmt.lvalues) != 1 or not isinstance(stmt.lvalues[0], NameExpr):
        return None
    if not isinstance(call, CallExpr):
        return None
    callee = call.callee.base if isinstance(call.callee, IndexExpr) else call.callee
    if not isinstance(callee, RefExpr) or not is_registry_class(callee.node):
        return None
    args = bound_arguments(call, REGISTRY_PARAMS)
    name = args.get("name")
    scope = args.get("scope")
    parent = args.get("parent")
    build_func = args.get("build_func")
    if scope is None or is_none(scope):
        inferred: str | None = module.split(".", maxsplit=1)[0]
    else:
        inferred = scope.value if isinstance(scope, StrExpr) else None
    return RegistrySpec(
        var=f"{module}.{stmt.lvalues[0].name}",
        name=name.value if isinstance(name, StrExpr) else "?",
        scope=inferred,
        parent=None if parent is None or is_none(parent) else (registry_ref(parent) or "?"),
        locations=string_list(args.get("locations")) or (),
        build_func=_build_func_kind(build_func),
        line=stmt.line,
    )


def _build_func_kind(expr: Expression | None) -> str | None:
    if expr is None or is_none(expr):
        return None
    if isinstance(expr, RefExpr) and expr.fullname == BUILD_FROM_CFG:
        return "default"
    return "custom"


def _decorated(
    decorators: Sequence[Expression], target: str, default_name: str, module: str
) -> Iterator[Registration]:
    for decorator in decorators:
        registry = register_call_registry(decorator)
        if registry is not None and isinstance(decorator, CallExpr):
            args = bound_arguments(decorator, REGISTER_PARAMS)
            yield _registration(
                registry,
                args,
                target=target,
                default_name=default_name,
                module=module,
                line=decorator.line,
            )


def _direct_registration(call: CallExpr, module: str) -> Iterator[Registration]:
    registry = register_call_registry(call)
    args = bound_arguments(call, REGISTER_PARAMS)
    obj = args.get("module")
    if registry is None or obj is None:
        return
    target = obj.fullname if isinstance(obj, RefExpr) and obj.fullname else None
    default_name = obj.name if isinstance(obj, NameExpr | MemberExpr) else None
    yield _registration(
        registry, args, target=target, default_name=default_name, module=module, line=call.line
    )


def _registration(  # noqa: PLR0913  # one registration's parts, all by keyword
    registry: str,
    args: dict[str, Expression],
    *,
    target: str | None,
    default_name: str | None,
    module: str,
    line: int,
) -> Registration:
    name = args.get("name")
    names: tuple[str, ...] | None
    if name is None or is_none(name):
        names = None if default_name is None else (default_name,)
    elif isinstance(name, StrExpr):
        names = (name.value,)
    else:
        names = string_list(name)
    force = args.get("force")
    forced = force is not None and not (
        isinstance(force, NameExpr) and force.fullname == "builtins.False"
    )
    return Registration(registry, names, forced, target, module, line)


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
