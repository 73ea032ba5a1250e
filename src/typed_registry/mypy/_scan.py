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
    FuncBase,
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
    module = tree.fullname
    for stmt, branch in _module_level(tree.defs, ()):
        if isinstance(stmt, AssignmentStmt):
            spec = _assigned_registry(stmt, module)
            if spec is not None:
                registries.append(spec)
                continue
            if isinstance(stmt.rvalue, CallExpr):
                registrations.extend(_direct_registration(stmt.rvalue, module, branch))
        elif isinstance(stmt, ExpressionStmt) and isinstance(stmt.expr, CallExpr):
            registrations.extend(_direct_registration(stmt.expr, module, branch))
        elif isinstance(stmt, ClassDef):
            registrations.extend(
                _decorated(stmt.decorators, stmt.fullname, stmt.name, module, branch, func=False)
            )
        elif isinstance(stmt, Decorator):
            func = stmt.func
            registrations.extend(
                _decorated(stmt.decorators, func.fullname, func.name, module, branch, func=True)
            )
    return ModuleFacts(tuple(registries), tuple(registrations))


def _module_level(
    stmts: Sequence[Statement], branch: tuple[str, ...]
) -> Iterator[tuple[Statement, tuple[str, ...]]]:
    """Module-level statements with the branch each is in (see ``Registration.branch``)."""
    for stmt in stmts:
        if isinstance(stmt, IfStmt):
            # mypy turns ``elif`` into an ``if`` nested in ``else``: branches stay distinct.
            for index, block in enumerate((*stmt.body, stmt.else_body)):
                yield from _reachable(block, (*branch, f"{stmt.line}:{index}"))
        elif isinstance(stmt, TryStmt):
            # The body and ``else`` run together; each handler runs instead of their rest;
            # ``finally`` runs in any case.
            yield from _reachable(stmt.body, (*branch, f"{stmt.line}:body"))
            for index, handler in enumerate(stmt.handlers):
                yield from _reachable(handler, (*branch, f"{stmt.line}:except{index}"))
            yield from _reachable(stmt.else_body, (*branch, f"{stmt.line}:body"))
            yield from _reachable(stmt.finally_body, branch)
        else:
            yield stmt, branch


def _reachable(
    block: Block | None, branch: tuple[str, ...]
) -> Iterator[tuple[Statement, tuple[str, ...]]]:
    if block is not None and not block.is_unreachable:
        yield from _module_level(block.body, branch)


def is_registry_class(node: object) -> bool:
    """Whether ``node`` is the Registry class or a subclass of it."""
    return isinstance(node, TypeInfo) and node.has_base(REGISTRY)


def _assigned_registry(stmt: AssignmentStmt, module: str) -> RegistrySpec | None:
    """The spec of ``NAME = Registry(...)``, or None if ``stmt`` is not that."""
    call = stmt.rvalue
    if len(stmt.lvalues) != 1 or not isinstance(stmt.lvalues[0], NameExpr):
        return None
    if not isinstance(call, CallExpr):
        return None
    return registry_spec(call, module, f"{module}.{stmt.lvalues[0].name}", stmt.line)


def registry_spec(call: CallExpr, module: str, var: str, line: int) -> RegistrySpec | None:
    """Read ``Registry(...)`` (or a subclass's constructor call) into a spec.

    A subclass with an ``__init__`` of its own takes other arguments; its registries get
    an unknown scope and parent, so that nothing is concluded from them.
    """
    callee = call.callee.base if isinstance(call.callee, IndexExpr) else call.callee
    if not isinstance(callee, RefExpr) or not is_registry_class(callee.node):
        return None
    assert isinstance(callee.node, TypeInfo)  # is_registry_class checked it
    init = callee.node.get("__init__")
    if init is not None and init.node is not None and not _is_registry_init(init.node):
        return RegistrySpec(var, "?", None, "?", (), "custom", line)
    args = bound_arguments(call, REGISTRY_PARAMS)
    name = args.get("name")
    scope = args.get("scope")
    parent = args.get("parent")
    if scope is None or is_none(scope):
        inferred: str | None = module.split(".", maxsplit=1)[0]
    else:
        inferred = scope.value if isinstance(scope, StrExpr) else None
    return RegistrySpec(
        var=var,
        name=name.value if isinstance(name, StrExpr) else "?",
        scope=inferred,
        parent=None if parent is None or is_none(parent) else (registry_ref(parent) or "?"),
        locations=string_list(args.get("locations")) or (),
        build_func=_build_func_kind(args.get("build_func")),
        line=line,
    )


def _is_registry_init(node: object) -> bool:
    return isinstance(node, FuncBase) and node.fullname == f"{REGISTRY}.__init__"


def _build_func_kind(expr: Expression | None) -> str | None:
    if expr is None or is_none(expr):
        return None
    if isinstance(expr, RefExpr) and expr.fullname == BUILD_FROM_CFG:
        return "default"
    return "custom"


def _decorated(  # noqa: PLR0913  # a decorated definition's parts, the kind by keyword
    decorators: Sequence[Expression],
    target: str,
    default_name: str,
    module: str,
    branch: tuple[str, ...],
    *,
    func: bool,
) -> Iterator[Registration]:
    for index, decorator in enumerate(decorators):
        registry = register_call_registry(decorator)
        if registry is not None and isinstance(decorator, CallExpr):
            args = bound_arguments(decorator, REGISTER_PARAMS)
            # Decorators apply bottom-up, and register_module returns what it gets. For a
            # function, the innermost registers the function as defined, the outermost the
            # variable's final type; in between, something the plugin cannot type. (Class
            # decorators return the class as a rule, and mypy keeps its type regardless.)
            innermost = index == len(decorators) - 1
            typed = not func or innermost or index == 0
            yield _registration(
                registry,
                args,
                target=target if typed else None,
                default_name=default_name,
                module=module,
                line=decorator.line,
                branch=branch,
                undecorated=func and innermost,
            )


def _direct_registration(
    call: CallExpr, module: str, branch: tuple[str, ...]
) -> Iterator[Registration]:
    registry = register_call_registry(call)
    args = bound_arguments(call, REGISTER_PARAMS)
    obj = args.get("module")
    if registry is None or obj is None:
        return
    default_name = obj.name if isinstance(obj, NameExpr | MemberExpr) else None
    yield _registration(
        registry,
        args,
        target=_target_of(obj),
        default_name=default_name,
        module=module,
        line=call.line,
        branch=branch,
        undecorated=False,
    )


def _target_of(obj: Expression) -> str | None:
    """The fullname of what ``module=obj`` registers, if it has one.

    mypy gives ``Cls.method`` (a static or class method) no fullname; the plugin names it
    ``pkg.mod.Cls.method``, which is how mypy looks members of classes up.
    """
    if isinstance(obj, RefExpr) and obj.fullname:
        return obj.fullname
    if (
        isinstance(obj, MemberExpr)
        and isinstance(obj.expr, RefExpr)
        and isinstance(obj.expr.node, TypeInfo)
    ):
        return f"{obj.expr.node.fullname}.{obj.name}"
    return None


def _registration(  # noqa: PLR0913  # one registration's parts, all by keyword
    registry: str,
    args: dict[str, Expression],
    *,
    target: str | None,
    default_name: str | None,
    module: str,
    line: int,
    branch: tuple[str, ...],
    undecorated: bool,
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
    return Registration(registry, names, forced, target, module, line, branch, undecorated)


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
