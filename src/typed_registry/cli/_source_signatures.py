"""The keywords of classes ``check`` does not import, read from their source.

``check`` reads a config's ``custom_imports`` without importing them (see
``_custom_imports``): a class that only they register is never imported, so its signature
cannot be inspected, and the keys of its configs went unchecked. Its keyword parameters
are read from its source instead, as the index reads every module: a class's ``__init__``
(or, when it defines none, that of its one base, when the project has the base's source),
a function's own parameters. Only names are read, never annotations (they would have to be
evaluated): a misspelt key is found, a value of the wrong type is not, and a missing
argument is left to the run time (a builder may pass it).

Whatever may make the keywords differ at run time leaves them unknown, and nothing is
reported: ``**kwargs``, a decorator other than ``register_module(...)`` (``@dataclass``
writes an ``__init__``), a metaclass or a ``__new__`` or ``__signature__`` in the class,
several bases, a base whose source the project does not have, a name bound twice.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, cast

from typed_registry._build import build_from_cfg
from typed_registry._index._files import module_file, parsed_source
from typed_registry._index._reader import reference
from typed_registry._validation import ConfigProblem
from typed_registry._validation._checker import join, unexpected_keyword
from typed_registry._validation._problem import CALL_ARG
from typed_registry.cli._project import tree_members

if TYPE_CHECKING:
    from collections.abc import Mapping

    from typed_registry import Registry
    from typed_registry._index import ProjectIndex
    from typed_registry.cli._custom_imports import Registered

#: How many bases are followed for an inherited ``__init__``.
_MAX_DEPTH: Final = 20
#: Names a class binds that change how it is constructed.
_CONSTRUCTION: Final = frozenset({"__init__", "__new__", "__signature__"})
#: Keys a config uses for itself rather than passing to the constructor.
_RESERVED: Final = ("type", "_scope_")


@dataclass(frozen=True)
class Keywords:
    """The keyword parameters of a class or function, read from its source.

    Attributes:
        name: Its name, as messages show it (``ResNet``).
        names: The parameters a keyword can fill, in order.
    """

    name: str
    names: tuple[str, ...]

    def unexpected(self, cfg: Mapping[str, object], path: str) -> list[ConfigProblem]:
        """The keys of config ``cfg`` (at ``path``) that no parameter takes.

        Worded as ``validate`` and the mypy plugin word them.
        """
        return [
            ConfigProblem(
                join(path, key), unexpected_keyword(key, self.name, self.names, cfg), CALL_ARG
            )
            for key in cfg
            if key not in self.names and key not in _RESERVED
        ]


def unimported_key_problems(
    values: Mapping[str, object],
    missed: list[ConfigProblem],
    registered: Registered,
    parts: Mapping[str, Registry[Any]],
    index: ProjectIndex,
) -> list[ConfigProblem]:
    """The unexpected keys of the configs whose ``type`` only ``custom_imports`` register.

    ``values``: the config's value at each path; ``missed``: its "not registered" problems
    that the modules of its ``custom_imports`` may register (``registered``); ``parts``: the
    parts a registry builds as written (not inside another part, whose class may change
    them), with that registry. A name that several classes, or something unreadable, may
    be is left alone, and so is a name registered into a registry not of the part's tree
    (its module unimported, so unknown to the check) or built by a custom ``build_func``.
    """
    if registered.unknown:
        return []
    found: list[ConfigProblem] = []
    for problem in missed:
        path, _, last = problem.path.rpartition(".")
        cfg, key = values.get(path), values.get(problem.path)
        registry = parts.get(path)
        if last != "type" or registry is None or not isinstance(key, str):
            continue
        targets = registered.targets.get(key.rpartition(".")[2], set())
        target, line, into = next(iter(targets)) if len(targets) == 1 else (None, 0, "")
        members = tree_members([registry])
        plain = all(member.build_func is build_from_cfg for member in members)
        keywords = (
            read_keywords(index, target, line)
            if target is not None and plain and any(m is _live(into) for m in members)
            else None
        )
        if keywords is not None and isinstance(cfg, dict):
            found += keywords.unexpected(cast("dict[str, object]", cfg), path)
    return found


def _live(variable: str) -> object:
    """The object of a module variable (``pkg.registry.MODELS``), if its module was imported."""
    module, _, name = variable.rpartition(".")
    found = sys.modules.get(module)
    return None if found is None else vars(found).get(name)


def read_keywords(index: ProjectIndex, target: str, line: int) -> Keywords | None:
    """The keywords ``target`` (a fullname) takes, or None when they cannot be known.

    ``line``: the line of the ``register_module`` call that registered it. A decorator
    there must decorate the definition read (else the name was bound to another later).
    """
    return _keywords(index, target, 0, line)


def _keywords(index: ProjectIndex, target: str, depth: int, line: int = 0) -> Keywords | None:
    module, _, name = target.rpartition(".")
    found = module_file(index.roots, module) if module and depth <= _MAX_DEPTH else None
    tree = None if found is None or found[0] is None else parsed_source(str(found[0]))
    definition = None if tree is None else _definition(tree, name)
    if (
        tree is None
        or definition is None
        or not all(map(_is_registration, definition.decorator_list))
        or (line in _decorator_lines(tree.body) and line not in _decorator_lines([definition]))
    ):
        return None
    if isinstance(definition, ast.ClassDef):
        names = _class_parameters(index, module, definition, depth)
    else:
        names = _parameters(definition.args, method=False)
    return None if names is None else Keywords(name, names)


def _class_parameters(
    index: ProjectIndex, module: str, definition: ast.ClassDef, depth: int
) -> tuple[str, ...] | None:
    """The keywords of class ``definition`` of ``module``: its ``__init__``'s, or its base's."""
    init = _init(definition)
    if init is not None:
        return _parameters(init.args, method=True)
    if definition.keywords or _binds(definition.body) & _CONSTRUCTION:
        return None  # a metaclass, a __new__: construction is not __init__'s alone
    if not definition.bases:
        return ()  # object's __init__: no keyword at all
    if len(definition.bases) != 1:
        return None  # the method resolution order decides: not read
    base = definition.bases[0]
    written = reference(base.value if isinstance(base, ast.Subscript) else base)
    resolved = None if written is None else index.resolve(module, written)
    inherited = (
        None
        if resolved is None or not resolved.known or resolved.is_module
        else _keywords(index, resolved.fullname, depth + 1)
    )
    return None if inherited is None else inherited.names


def _init(definition: ast.ClassDef) -> ast.FunctionDef | None:
    """The class's own plain ``__init__`` (its only binding of construction names)."""
    if definition.keywords:
        return None
    inits = [
        stmt
        for stmt in definition.body
        if isinstance(stmt, ast.FunctionDef) and stmt.name == "__init__" and not stmt.decorator_list
    ]
    others = _binds([stmt for stmt in definition.body if not any(stmt is i for i in inits)])
    if len(inits) != 1 or others & _CONSTRUCTION:
        return None
    return inits[0]


def _binds(body: list[ast.stmt]) -> set[str]:
    """The names the statements bind in their own namespace (a class body's)."""
    names: set[str] = set()
    for stmt in body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(stmt.name)
            continue
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.alias):
                names.add((node.asname or node.name).partition(".")[0])
    return names


def _definition(
    tree: ast.Module, name: str
) -> ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The top-level class or function ``name``, when it is the module's one binding of it."""
    found = [
        stmt
        for stmt in tree.body
        if isinstance(stmt, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and stmt.name == name
    ]
    if len(found) != 1 or name in _binds([s for s in tree.body if s is not found[0]]):
        return None
    return found[0]


def _decorator_lines(body: list[ast.stmt]) -> set[int]:
    return {
        decorator.lineno
        for stmt in body
        if isinstance(stmt, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        for decorator in stmt.decorator_list
    }


def _is_registration(decorator: ast.expr) -> bool:
    """``@REG.register_module(...)``, which returns the class as it is."""
    return (
        isinstance(decorator, ast.Call)
        and isinstance(decorator.func, ast.Attribute)
        and decorator.func.attr == "register_module"
    )


def _parameters(arguments: ast.arguments, *, method: bool) -> tuple[str, ...] | None:
    """The parameters a keyword can fill; None for ``**kwargs`` (any key is taken)."""
    if arguments.kwarg is not None:
        return None
    positional = [*arguments.posonlyargs, *arguments.args]
    if method and positional:
        positional = positional[1:]  # self
    by_keyword = [arg for arg in positional if arg not in arguments.posonlyargs]
    return tuple(arg.arg for arg in [*by_keyword, *arguments.kwonlyargs])
