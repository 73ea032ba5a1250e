"""Configs in variables: ``cfg = dict(type="ResNet"); cfg.update(depth=50); MODELS.build(cfg)``.

OpenMMLab code builds from variables more often than from literals written at the call. A
variable is read as the literal last assigned to it in the same block of statements as the
build, followed through the changes between the two that can be read:
``cfg.update(k=v)`` (or with a dict literal), ``cfg["k"] = v``, ``cfg = dict(cfg, k=v)``
and ``cfg = {**cfg, "k": v}``. Any other statement that mentions the variable (a call that
may change it, an alias, a loop, a branch, a nested function) leaves it unread: the config
is then not checked, never checked wrongly. A module variable is followed only at module
level: any function may change it before a function's build runs.

A nested config in a variable (``dict(type="Detector", backbone=backbone_cfg)``, a
``pipeline`` list of them) is read the same way where the statement reads it. The config
holding it may be built later (``model = dict(backbone=cfg)`` ... ``MODELS.build(model)``):
it holds the same object, so no statement between the two may mention the variable, and
the statement that reads it may read it only as a value (``[cfg, cfg]``), which changes
nothing.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from mypy.nodes import (
    ARG_NAMED,
    ARG_POS,
    LDEF,
    AssignmentStmt,
    Block,
    CallExpr,
    ClassDef,
    Decorator,
    DictExpr,
    ExpressionStmt,
    ForStmt,
    FuncDef,
    IfStmt,
    IndexExpr,
    ListExpr,
    MemberExpr,
    NameExpr,
    RefExpr,
    ReturnStmt,
    StrExpr,
    TryStmt,
    TupleExpr,
    Var,
    WhileStmt,
    WithStmt,
)
from mypy.traverser import NameAndMemberCollector

from typed_registry.mypy._config_literal import DICT, ConfigLiteral, read_config_literal

if TYPE_CHECKING:
    from mypy.nodes import Expression, MypyFile, Statement


def traced_config(
    tree: MypyFile, name: NameExpr, build_line: int | None = None
) -> ConfigLiteral | None:
    """The config ``name`` holds where it is read, if its value can be followed.

    ``build_line``: a line of the statement that builds it, when that is later than the
    one that reads ``name`` (a nested config; by default the statement that reads it).
    """
    followed = _followed(tree, name, build_line)
    if followed is None:
        return None
    statements, index, var = followed
    config: ConfigLiteral | None = None
    for statement in statements[:index]:
        assigned = _assigned(statement, var)
        if assigned is not None:
            config = assigned
        elif config is not None and _mentions(statement, var):
            config = _changed(statement, var, config)
    return config


def traced_list(tree: MypyFile, name: NameExpr, build_line: int) -> ListExpr | TupleExpr | None:
    """The list (or tuple) literal ``name`` holds where it is read, if nothing changed it.

    ``build_line``: a line of the statement that builds the configs in it.
    """
    followed = _followed(tree, name, build_line)
    if followed is None:
        return None
    statements, index, var = followed
    found: ListExpr | TupleExpr | None = None
    for statement in statements[:index]:
        if _mentions(statement, var):
            value = _assigned_value(statement, var)
            found = value if isinstance(value, ListExpr | TupleExpr) else None
    return found


def _followed(
    tree: MypyFile, name: NameExpr, build_line: int | None
) -> tuple[list[Statement], int, Var] | None:
    """The block of statements that reads ``name``, where, and its variable, if it can be followed.

    Every reference in the scope is in this block, in simple statements; the statement that
    reads it reads it once, or only as values; none after it mentions it up to the build:
    nothing else (a loop, a branch, a nested function or lambda) may change it unseen.
    """
    var = name.node
    if not isinstance(var, Var):
        return None
    found = _enclosing_block(tree.defs, name.line, tree.defs)
    if found is None:
        return None
    statements, index, scope = found
    if (name.kind == LDEF) != (scope is not tree.defs):
        return None  # a module variable read in a function, or a local at module level
    counts = [_mentions(statement, var) for statement in statements]
    last = index if build_line is None else index + _starting_by(statements[index:], build_line)
    if (
        counts[index] not in {1, _read_as_values(statements[index], var)}
        or any(counts[index + 1 : last])
        or sum(counts) != sum(_mentions(statement, var) for statement in scope)
        or any(
            count and (_is_compound(statement) or _has_lambda(tree, statement))
            for count, statement in zip(counts, statements, strict=True)
        )
    ):
        return None
    return statements, index, var


def _starting_by(statements: list[Statement], line: int) -> int:
    """How many of ``statements`` start by ``line``."""
    return sum(1 for statement in statements if statement.line <= line)


def _read_as_values(statement: Statement, var: Var) -> int:
    """How many times ``statement`` reads ``var`` as a value of a config or list literal.

    Only in the statement's own expression (the build call, or the literal it assigns) and
    the literals in it: a value so read is not changed by the reading.
    """
    if isinstance(statement, AssignmentStmt):
        root: Expression = statement.rvalue
    elif isinstance(statement, ExpressionStmt | ReturnStmt) and statement.expr is not None:
        root = statement.expr
    else:
        return 0
    if isinstance(root, CallExpr) and not _is_dict_call(root):
        # The build: its arguments are read, not its callee.
        return sum(_values_in(arg, var) for arg in root.args)
    return _values_in(root, var)


def _values_in(expr: Expression, var: Var) -> int:
    if _is_var(expr, var):
        return 1
    children: list[Expression]
    if isinstance(expr, DictExpr):
        children = [value for key, value in expr.items if key is None or not _mentions(key, var)]
    elif isinstance(expr, ListExpr | TupleExpr):
        children = expr.items
    elif isinstance(expr, CallExpr) and _is_dict_call(expr):
        # mypy keeps ``dict(k=v)`` twice: its arguments, and the display it reads them as.
        children = [*expr.args, *([] if expr.analyzed is None else [expr.analyzed])]
    else:
        return 0
    return sum(_values_in(child, var) for child in children)


def _is_dict_call(call: CallExpr) -> bool:
    return isinstance(call.callee, RefExpr) and call.callee.fullname == DICT


def _enclosing_block(
    statements: list[Statement], line: int, scope: list[Statement]
) -> tuple[list[Statement], int, list[Statement]] | None:
    """The innermost list of statements with one spanning ``line``, and its function's body."""
    for index, statement in enumerate(statements):
        if not statement.line <= line <= (statement.end_line or statement.line):
            continue
        for block, function in _blocks(statement):
            inner = _enclosing_block(block.body, line, block.body if function else scope)
            if inner is not None:
                return inner
        return statements, index, scope
    return None


def _blocks(statement: Statement) -> list[tuple[Block, bool]]:
    """The blocks a compound statement holds, each with whether it is a function's body."""
    if isinstance(statement, FuncDef):
        return [(statement.body, True)]
    if isinstance(statement, Decorator):
        return [(statement.func.body, True)]
    if isinstance(statement, ClassDef):
        return [(statement.defs, False)]
    found: list[Block | None] = []
    if isinstance(statement, IfStmt):
        found = [*statement.body, statement.else_body]
    elif isinstance(statement, ForStmt | WhileStmt):
        found = [statement.body, statement.else_body]
    elif isinstance(statement, WithStmt):
        found = [statement.body]
    elif isinstance(statement, TryStmt):
        found = [statement.body, *statement.handlers, statement.else_body, statement.finally_body]
    return [(block, False) for block in found if block is not None]


def _is_compound(statement: Statement) -> bool:
    return bool(_blocks(statement))


def _has_lambda(tree: MypyFile, statement: Statement) -> bool:
    """Whether a statement's source has a lambda, which may change the variable later.

    mypy's visitors cannot be subclassed by a plugin (they are compiled), so the lambda is
    looked for in the statement's text: a word ``lambda`` anywhere in it counts.
    """
    lines = _source_lines(tree.path)
    text = "\n".join(lines[statement.line - 1 : statement.end_line or statement.line])
    return lines == [] or "lambda" in text


#: Path -> (mtime_ns, size, lines): each version of a file is read once.
_SOURCES: dict[str, tuple[int, int, list[str]]] = {}


def _source_lines(path: str) -> list[str]:
    """The lines of a module's source (none when it cannot be read)."""
    try:
        stat = os.stat(path)
        cached = _SOURCES.get(path)
        if cached is not None and cached[:2] == (stat.st_mtime_ns, stat.st_size):
            return cached[2]
        with open(path, encoding="utf-8") as file:
            lines = file.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    _SOURCES[path] = (stat.st_mtime_ns, stat.st_size, lines)
    return lines


def _mentions(node: Statement | Expression, var: Var) -> int:
    """How many times ``node`` refers to ``var``."""
    collector = NameAndMemberCollector()
    node.accept(collector)
    return sum(1 for found in collector.name_exprs if found.node is var)


def _is_var(expr: Expression, var: Var) -> bool:
    return isinstance(expr, NameExpr) and expr.node is var


def _assigned(statement: Statement, var: Var) -> ConfigLiteral | None:
    """The literal ``statement`` assigns to ``var`` alone (``cfg = dict(...)``), if it does."""
    value = _assigned_value(statement, var)
    return None if value is None else read_config_literal(value)


def _assigned_value(statement: Statement, var: Var) -> Expression | None:
    """The value ``statement`` assigns to ``var`` alone, if it does, without reading it."""
    if (
        isinstance(statement, AssignmentStmt)
        and len(statement.lvalues) == 1
        and _is_var(statement.lvalues[0], var)
        and not _mentions_in(statement.rvalue, var)
    ):
        return statement.rvalue
    return None


def _mentions_in(expr: Expression, var: Var) -> bool:
    return _mentions(expr, var) > 0


def _changed(statement: Statement, var: Var, config: ConfigLiteral) -> ConfigLiteral | None:
    """``config`` as a statement that mentions ``var`` changes it; None if it cannot tell."""
    if isinstance(statement, ExpressionStmt):
        return _updated(statement.expr, var, config)
    if not isinstance(statement, AssignmentStmt) or len(statement.lvalues) != 1:
        return None
    target, value = statement.lvalues[0], statement.rvalue
    if isinstance(target, IndexExpr) and _is_var(target.base, var):
        if isinstance(target.index, StrExpr) and not _mentions_in(value, var):
            return config._replace(items={**config.items, target.index.value: value})
        return None
    if _is_var(target, var):
        return _rebuilt(value, var, config)
    return None


def _updated(expr: Expression, var: Var, config: ConfigLiteral) -> ConfigLiteral | None:
    """``cfg.update(k=v)`` or ``cfg.update({...})``."""
    if not (
        isinstance(expr, CallExpr)
        and isinstance(expr.callee, MemberExpr)
        and expr.callee.name == "update"
        and _is_var(expr.callee.expr, var)
        and not any(_mentions_in(arg, var) for arg in expr.args)
    ):
        return None
    items = dict(config.items)
    partial = config.partial
    for arg, kind, name in zip(expr.args, expr.arg_kinds, expr.arg_names, strict=True):
        if kind == ARG_NAMED and name is not None:
            items[name] = arg
        elif kind == ARG_POS and (literal := read_config_literal(arg)) is not None:
            items.update(literal.items)
            partial = partial or literal.partial
        else:
            return None
    return ConfigLiteral(config.expr, items, partial)


def _rebuilt(value: Expression, var: Var, config: ConfigLiteral) -> ConfigLiteral | None:
    """``cfg = dict(cfg, k=v)`` or ``cfg = {**cfg, "k": v}``."""
    items: dict[str, Expression] = {}
    partial = False
    if isinstance(value, DictExpr):
        for key, item in value.items:
            if key is None and _is_var(item, var):
                items.update(config.items)
                partial = partial or config.partial
            elif isinstance(key, StrExpr) and not _mentions_in(item, var):
                items[key.value] = item
            else:
                return None
        return ConfigLiteral(config.expr, items, partial)
    if (
        isinstance(value, CallExpr)
        and isinstance(value.callee, RefExpr)
        and value.callee.fullname == DICT
        and value.args
        and value.arg_kinds[0] == ARG_POS
        and _is_var(value.args[0], var)
        and all(kind == ARG_NAMED for kind in value.arg_kinds[1:])
        and not any(_mentions_in(arg, var) for arg in value.args[1:])
    ):
        items = dict(config.items)
        for arg, name in zip(value.args[1:], value.arg_names[1:], strict=True):
            assert name is not None  # a named argument
            items[name] = arg
        return ConfigLiteral(config.expr, items, config.partial)
    return None
