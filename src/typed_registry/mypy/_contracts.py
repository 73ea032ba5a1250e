"""Builder contracts: what ``ConfigFor(REG, supplies=..., consumes=...)`` declares.

mypy keeps no ``Annotated`` metadata in its types, so the contract is read from the source of
the module that defines the class or function, once per version of the file, with the
index reader's rules: also through an alias of the module (``norm_cfg: NormCfg``).
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, NamedTuple

from typed_registry._index._files import parsed_source
from typed_registry._index._reader import config_for_call, type_aliases

if TYPE_CHECKING:
    from mypy.nodes import SymbolNode


class Contract(NamedTuple):
    """What the builder of a nested config does with it before building.

    Attributes:
        supplies: The arguments it passes itself; None when not declared (then a missing
            argument is no error).
        consumes: The keys it takes out; None when they cannot be read (then no key is
            checked).
    """

    supplies: frozenset[str] | None
    consumes: frozenset[str] | None


def declared_contract(node: SymbolNode | None, path: str | None, parameter: str) -> Contract | None:
    """The contract ``ConfigFor`` declares on ``parameter`` of ``node`` (defined in ``path``)."""
    if node is None or path is None:
        return None
    tree = parsed_source(path)
    if tree is None:
        return None
    function = _function(tree, node.name)
    if function is None:
        return None
    arguments = function.args
    for arg in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]:
        if arg.arg == parameter and arg.annotation is not None:
            return _contract_in(arg.annotation, type_aliases(tree))
    return None


def _function(tree: ast.Module, name: str) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The module-level function ``name``, or the ``__init__`` of class ``name``."""
    for stmt in tree.body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef) and stmt.name == name:
            return stmt
        if isinstance(stmt, ast.ClassDef) and stmt.name == name:
            return next(
                (
                    item
                    for item in stmt.body
                    if isinstance(item, ast.FunctionDef) and item.name == "__init__"
                ),
                None,
            )
    return None


def _contract_in(annotation: ast.expr, aliases: dict[str, ast.expr]) -> Contract | None:
    call = config_for_call(annotation, aliases)
    if call is None:
        return None
    keywords = {keyword.arg: keyword.value for keyword in call.keywords}
    supplies = keywords.get("supplies")
    consumes = keywords.get("consumes")
    return Contract(
        None if supplies is None else _keys(supplies),
        frozenset() if consumes is None else _keys(consumes),
    )


def _keys(expr: ast.expr) -> frozenset[str] | None:
    """Keys written as a list, tuple or set of strings; None for anything else."""
    if not isinstance(expr, ast.List | ast.Tuple | ast.Set):
        return None
    keys = [item.value for item in expr.elts if isinstance(item, ast.Constant)]
    strings = [key for key in keys if isinstance(key, str)]
    return frozenset(strings) if len(strings) == len(expr.elts) else None
