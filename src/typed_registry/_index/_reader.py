"""Read one module's source: its imports, names, registries and registrations, unresolved.

The reader works on Python's own ``ast``, without mypy and without importing anything, so
the index can read any module of the project in any order and cache the result by the
file's content. Names are kept as the module spells them (``MODELS``, ``reg.MODELS``);
:mod:`._project` resolves them to fully qualified names across modules.

Only what runs at import time is read as a registration: module-level statements, the
bodies of module-level ``if``/``try``/``with`` blocks, and ``for`` loops over a literal list
or tuple. A ``register_module`` call anywhere else (in a function, a method such as
``__init_subclass__``, a loop over something computed) registers names no reader can list:
the registry it registers into is *open* (its misses are not errors).
"""

from __future__ import annotations

import ast
import re
from bisect import bisect_left
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from collections.abc import Iterator

#: Parameter order of ``Registry(...)`` and ``register_module(...)``.
REGISTRY_PARAMS = ("name", "build_func", "parent", "scope", "locations")
REGISTER_PARAMS = ("name", "force", "module")


@dataclass
class RawRegistry:
    """``NAME = Registry(...)``: the arguments as written (``parent`` as a reference)."""

    var: str
    callee: str
    name: str
    scope: str | None
    scope_given: bool
    parent: str | None
    locations: tuple[str, ...]
    build_func: str | None
    line: int


@dataclass
class RawRegistration:
    """One name-listing ``register_module`` call (``target`` as a reference)."""

    registry: str
    names: tuple[str, ...] | None
    force: bool
    target: str | None
    line: int
    branch: tuple[str, ...]
    undecorated: bool
    #: The problem the runtime raises at import for this call, if the reader can tell.
    invalid: str | None = None
    #: Whether ``names`` is the default taken from ``target`` as written (``module=S``): the
    #: runtime registers under the object's own ``__name__``, which the index resolves.
    named_after_target: bool = False


@dataclass
class ModuleSource:
    """What one module's source says, before names are resolved.

    Attributes:
        module: The module's fullname.
        is_package: Whether it is a package's ``__init__``.
        bindings: Local name -> how it is bound: ``["module", "a.b"]`` (``import``),
            ``["from", "a.b", "name"]`` (``from a.b import name``), ``["alias", "x.y"]``
            (``NAME = x.y``), ``["annotated", "x.y"]`` (``NAME: T = x.y``) or ``["def"]``
            (defined here).
        star_imports: Modules imported with ``from m import *``.
        events: Module-level imports and registrations in execution order:
            ``["import", "a.b"]`` or ``["register", index]``.
        registries: The registries created at module level.
        registrations: The registrations, in source order.
        dynamic: References of registries that some code registers into in a way the
            reader cannot list (see the module docstring), with the line.
        bases: Class name -> references of its bases (to recognise Registry subclasses).
        config_params: Class or function name -> parameter -> registry reference, from
            ``Annotated[..., ConfigFor(REG)]`` annotations.
        config_names: The strings used as a config's ``type`` or a ``get``/``[]`` key.
    """

    module: str
    is_package: bool
    bindings: dict[str, list[str]] = field(default_factory=dict[str, list[str]])
    star_imports: list[str] = field(default_factory=list[str])
    events: list[list[Any]] = field(default_factory=list[list[Any]])
    registries: list[RawRegistry] = field(default_factory=list[RawRegistry])
    registrations: list[RawRegistration] = field(default_factory=list[RawRegistration])
    dynamic: list[tuple[str, int]] = field(default_factory=list[tuple[str, int]])
    bases: dict[str, list[str]] = field(default_factory=dict[str, list[str]])
    config_params: dict[str, dict[str, str]] = field(default_factory=dict[str, dict[str, str]])
    config_names: list[str] = field(default_factory=list[str])
    #: Classes that define ``__init__`` (a Registry subclass with one takes other arguments).
    constructors: list[str] = field(default_factory=list[str])
    #: First and last lines of ``with default_scope(...):`` blocks, where a build may start
    #: from another registry of the tree than the one it is called on.
    scoped_blocks: list[list[int]] = field(default_factory=list[list[int]])
    #: ``[line, message]`` when the source does not parse (else empty): the module reads as
    #: empty, so what it registers is unknown.
    syntax_error: list[Any] = field(default_factory=list[Any])

    def to_json(self) -> dict[str, Any]:
        """A JSON form for the index's cache."""
        return {
            "module": self.module,
            "is_package": self.is_package,
            "bindings": self.bindings,
            "star_imports": self.star_imports,
            "events": self.events,
            "registries": [vars(r) for r in self.registries],
            "registrations": [vars(r) for r in self.registrations],
            "dynamic": [list(d) for d in self.dynamic],
            "bases": self.bases,
            "config_params": self.config_params,
            "config_names": self.config_names,
            "constructors": self.constructors,
            "scoped_blocks": self.scoped_blocks,
            "syntax_error": self.syntax_error,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ModuleSource:
        """Read the JSON form back (the cache is keyed on the reader's version)."""
        registries: list[RawRegistry] = []
        for raw in data["registries"]:
            fields: dict[str, Any] = dict(raw)
            fields["locations"] = tuple(fields["locations"])
            registries.append(RawRegistry(**fields))
        registrations: list[RawRegistration] = []
        for raw in data["registrations"]:
            fields = dict(raw)
            fields["names"] = None if fields["names"] is None else tuple(fields["names"])
            fields["branch"] = tuple(fields["branch"])
            registrations.append(RawRegistration(**fields))
        return cls(
            module=data["module"],
            is_package=data["is_package"],
            bindings=data["bindings"],
            star_imports=data["star_imports"],
            events=data["events"],
            registries=registries,
            registrations=registrations,
            dynamic=[(ref, line) for ref, line in data["dynamic"]],
            bases=data["bases"],
            config_params=data["config_params"],
            config_names=data["config_names"],
            constructors=data["constructors"],
            scoped_blocks=data["scoped_blocks"],
            syntax_error=data["syntax_error"],
        )


def read_module(
    source: str, module: str, *, is_package: bool, installed: bool = False
) -> ModuleSource:
    """Read ``source`` (the text of ``module``); a syntax error reads as an empty module.

    The error is kept (:attr:`ModuleSource.syntax_error`): the module's registrations are
    unknown, which the plugin says instead of reporting names as not registered.
    ``installed``: a module of an installed package, which registers but is never checked:
    its config names and ``default_scope`` blocks are not looked for.
    """
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError) as error:  # ValueError: a null byte, before Python 3.12
        syntax = error if isinstance(error, SyntaxError) else None
        line = (syntax.lineno if syntax else None) or 1
        message = syntax.msg if syntax else str(error)
        return ModuleSource(module, is_package, syntax_error=[line, message])
    reader = _Reader(ModuleSource(module, is_package), type_aliases(tree))
    reader.block(tree.body, ())
    # The walk over every node finds config names, registrations the module level did not
    # read, and default_scope blocks; most model modules have none of them, and the text
    # says so (a name in a comment only makes the walk run for nothing).
    if source.count("register_module") > len(reader.seen) or (
        not installed and ("default_scope" in source or _CONFIG_HINT.search(source))
    ):
        reader.scan_functions(tree, hinted_lines(source))
    return reader.out


#: Text that may spell a config's ``type``, or a ``get``/``[]`` key (see ``config_name``).
_CONFIG_HINT = re.compile(r"""\btype\b|\.get\(|\[\s*["']""")


def reference(expr: ast.expr | None) -> str | None:
    """``a.b.c`` for a name or an attribute chain, else None."""
    parts: list[str] = []
    while isinstance(expr, ast.Attribute):
        parts.append(expr.attr)
        expr = expr.value
    if not isinstance(expr, ast.Name):
        return None
    parts.append(expr.id)
    return ".".join(reversed(parts))


def _strings(expr: ast.expr | None) -> tuple[str, ...] | None:
    if isinstance(expr, ast.List | ast.Tuple) and all(
        isinstance(e, ast.Constant) and isinstance(e.value, str) for e in expr.elts
    ):
        return tuple(cast("str", cast("ast.Constant", e).value) for e in expr.elts)
    return None


def _bound(call: ast.Call, params: tuple[str, ...]) -> dict[str, ast.expr]:
    bound: dict[str, ast.expr] = {}
    for param, arg in zip(params, call.args, strict=False):
        if isinstance(arg, ast.Starred):
            break
        bound[param] = arg
    for keyword in call.keywords:
        if keyword.arg is not None:
            bound[keyword.arg] = keyword.value
    return bound


def _register_call(expr: ast.expr) -> tuple[str, ast.Call] | None:
    """``REG.register_module(...)``: the registry reference and the call."""
    if (
        isinstance(expr, ast.Call)
        and isinstance(expr.func, ast.Attribute)
        and expr.func.attr == "register_module"
    ):
        registry = reference(expr.func.value)
        if registry is not None:
            return registry, expr
    return None


def _is_none(expr: ast.expr | None) -> bool:
    return isinstance(expr, ast.Constant) and expr.value is None


class _Reader:
    def __init__(self, out: ModuleSource, aliases: dict[str, ast.expr]) -> None:
        self.out = out
        #: The module's aliases an annotation may name (see :func:`type_aliases`).
        self.aliases = aliases
        #: Nodes already read as module-level registrations (scan_functions skips them).
        self.seen: set[int] = set()
        #: Loop variable -> the literal values it takes (inside a module-level ``for``).
        self.loop: dict[str, list[ast.expr]] = {}

    # -- module-level statements -------------------------------------------------------

    def block(self, body: list[ast.stmt], branch: tuple[str, ...]) -> None:
        for stmt in body:
            self.statement(stmt, branch)

    def statement(self, stmt: ast.stmt, branch: tuple[str, ...]) -> None:  # noqa: PLR0912
        out = self.out
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.asname is not None:
                    out.bindings[alias.asname] = ["module", alias.name]
                else:
                    top = alias.name.split(".")[0]
                    out.bindings.setdefault(top, ["module", top])
                out.events.append(["import", alias.name])
        elif isinstance(stmt, ast.ImportFrom):
            base = self._absolute(stmt.module, stmt.level)
            if base is None:
                return
            out.events.append(["import", base])
            for alias in stmt.names:
                if alias.name == "*":
                    out.star_imports.append(base)
                    continue
                out.bindings[alias.asname or alias.name] = ["from", base, alias.name]
                # ``from pkg import mod`` imports the submodule when there is one.
                out.events.append(["import?", f"{base}.{alias.name}"])
        elif isinstance(stmt, ast.If):
            self.block(stmt.body, (*branch, f"{stmt.lineno}:0"))
            self.block(stmt.orelse, (*branch, f"{stmt.lineno}:1"))
        elif isinstance(stmt, ast.Try | ast.TryStar):
            self.block(stmt.body, (*branch, f"{stmt.lineno}:body"))
            for index, handler in enumerate(stmt.handlers):
                self.block(handler.body, (*branch, f"{stmt.lineno}:except{index}"))
            self.block(stmt.orelse, (*branch, f"{stmt.lineno}:body"))
            self.block(stmt.finalbody, branch)
        elif isinstance(stmt, ast.With):
            self.block(stmt.body, branch)
        elif isinstance(stmt, ast.For):
            self.loop_statement(stmt, branch)
        elif isinstance(stmt, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            out.bindings[stmt.name] = ["def"]
            if isinstance(stmt, ast.ClassDef):
                if any(
                    isinstance(item, ast.FunctionDef) and item.name == "__init__"
                    for item in stmt.body
                ):
                    out.constructors.append(stmt.name)
                out.bases[stmt.name] = [
                    found
                    for base in stmt.bases
                    # ``class Sub(Registry[T])``: the subscripted class is the base.
                    if (found := reference(base.value if isinstance(base, ast.Subscript) else base))
                ]
            self.config_params(stmt)
            self.decorated(stmt, branch)
        elif isinstance(stmt, ast.Assign | ast.AnnAssign):
            self.assignment(stmt, branch)
        elif isinstance(stmt, ast.Expr):
            self.expression(stmt.value, branch)

    def _absolute(self, module: str | None, level: int) -> str | None:
        if level == 0:
            return module
        parts = self.out.module.split(".")
        if not self.out.is_package:
            parts = parts[:-1]
        if level - 1 > len(parts) or (level - 1 == len(parts) and module is None):
            return None
        parts = parts[: len(parts) - (level - 1)]
        return ".".join([*parts, module] if module else parts)

    def assignment(self, stmt: ast.Assign | ast.AnnAssign, branch: tuple[str, ...]) -> None:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        value = stmt.value
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        for name in names:
            self.out.bindings[name] = ["def"]
        if value is None:
            return
        if len(names) == 1 and len(targets) == 1:
            spec = self.registry_call(names[0], value, stmt.lineno)
            if spec is not None:
                self.out.registries.append(spec)
                self.out.bindings[names[0]] = ["def"]
                return
            alias = reference(value)
            if alias is not None:
                # ``x: Callable[..., T] = f`` is a variable of the declared type, not ``f``
                # (but ``BACKBONES: Registry[M] = MODELS`` still holds the registry).
                kind = "alias" if isinstance(stmt, ast.Assign) else "annotated"
                self.out.bindings[names[0]] = [kind, alias]
                return
        self.expression(value, branch, kept=True)

    def registry_call(self, var: str, value: ast.expr, line: int) -> RawRegistry | None:
        """``Registry(...)``, ``Registry[T](...)`` or ``Sub(...)``: resolved later."""
        if not isinstance(value, ast.Call):
            return None
        func = value.func.value if isinstance(value.func, ast.Subscript) else value.func
        callee = reference(func)
        if callee is None or callee.rsplit(".", 1)[-1][:1].islower():
            return None
        args = _bound(value, REGISTRY_PARAMS)
        name, scope, parent = args.get("name"), args.get("scope"), args.get("parent")
        build_func = args.get("build_func")
        scope_value: str | None
        if scope is None or _is_none(scope):
            scope_value = self.out.module.split(".")[0]
        elif isinstance(scope, ast.Constant) and isinstance(scope.value, str):
            scope_value = scope.value
        else:
            scope_value = None
        build_kind: str | None
        if build_func is None or _is_none(build_func):
            build_kind = None
        elif reference(build_func) is not None and reference(build_func) == "build_from_cfg":
            build_kind = "default"
        else:
            build_kind = "custom:" + (reference(build_func) or "?")
        return RawRegistry(
            var=var,
            callee=callee,
            name=name.value
            if isinstance(name, ast.Constant) and isinstance(name.value, str)
            else "?",
            scope=scope_value,
            scope_given=scope is not None and not _is_none(scope),
            parent=None if parent is None or _is_none(parent) else (reference(parent) or "?"),
            locations=_strings(args.get("locations")) or (),
            build_func=build_kind,
            line=line,
        )

    def expression(self, expr: ast.expr, branch: tuple[str, ...], *, kept: bool = False) -> None:
        """A module-level expression: ``REG.register_module(module=X)`` and friends.

        ``kept``: the value is assigned to a name (``deco = REG.register_module()``).
        """
        if not isinstance(expr, ast.Call):
            return
        direct = _register_call(expr)
        if direct is not None:
            registry, call = direct
            self.seen.add(id(call))
            args = _bound(call, REGISTER_PARAMS)
            obj = args.get("module")
            if obj is None:
                if kept:  # a decorator kept for later: what it registers is not read
                    self.out.dynamic.append((registry, call.lineno))
                return  # a decorator factory called and dropped: registers nothing
            self.add(registry, args, obj, call.lineno, branch, undecorated=False)
            return
        # ``REG.register_module()(Cls)``
        inner = _register_call(expr.func)
        if inner is not None and len(expr.args) == 1 and not expr.keywords:
            registry, call = inner
            self.seen.add(id(call))
            self.add(
                registry,
                _bound(call, REGISTER_PARAMS),
                expr.args[0],
                call.lineno,
                branch,
                undecorated=False,
            )

    def add(  # noqa: PLR0913
        self,
        registry: str,
        args: dict[str, ast.expr],
        obj: ast.expr,
        line: int,
        branch: tuple[str, ...],
        *,
        undecorated: bool,
    ) -> None:
        values = self.loop.get(obj.id, [obj]) if isinstance(obj, ast.Name) else [obj]
        for value in values:
            target = reference(value)
            default = None if target is None else target.rsplit(".", 1)[-1]
            self.registration(
                registry,
                args,
                target=target,
                default_name=default,
                line=line,
                branch=branch,
                undecorated=undecorated,
                named_after_target=True,
            )

    def registration(  # noqa: PLR0913  # one registration's parts
        self,
        registry: str,
        args: dict[str, ast.expr],
        *,
        target: str | None,
        default_name: str | None,
        line: int,
        branch: tuple[str, ...],
        undecorated: bool,
        named_after_target: bool = False,
    ) -> None:
        name = args.get("name")
        defaulted = False
        if isinstance(name, ast.Name) and name.id in self.loop:
            name = None  # a loop over (name, class) pairs: read as unknown names
            names: tuple[str, ...] | None = None
        elif name is None or _is_none(name):
            names = None if default_name is None else (default_name,)
            defaulted = named_after_target and names is not None
        elif isinstance(name, ast.Constant) and isinstance(name.value, str):
            names = (name.value,)
        else:
            names = _strings(name)
        force = args.get("force")
        forced = force is not None and not (
            isinstance(force, ast.Constant) and force.value is False
        )
        invalid = None
        if names is not None:
            dotted = [n for n in names if "." in n or not n]
            if not names:
                invalid = "name is an empty sequence: give at least one name"
            elif dotted:
                invalid = (
                    f"name {dotted[0]!r} is empty or has a '.', so it could never be looked up"
                )
            elif len(set(names)) != len(names):
                repeated = next(n for n in names if names.count(n) > 1)
                invalid = f"name {repeated!r} is given twice in one registration"
        elif name is not None:
            items = name.elts if isinstance(name, ast.List | ast.Tuple) else [name]
            constant = next(
                (i for i in items if isinstance(i, ast.Constant) and not isinstance(i.value, str)),
                None,
            )
            if constant is not None:
                invalid = f"a registered name must be a string, not {type(constant.value).__name__}"
        if isinstance(force, ast.Constant) and not isinstance(force.value, bool):
            invalid = f"force must be a boolean, not {type(force.value).__name__}"
        self.out.events.append(["register", len(self.out.registrations)])
        self.out.registrations.append(
            RawRegistration(
                registry, names, forced, target, line, branch, undecorated, invalid, defaulted
            )
        )

    def loop_statement(self, stmt: ast.For, branch: tuple[str, ...]) -> None:
        """``for cls in (A, B): REG.register_module(module=cls)``: each literal in turn."""
        if isinstance(stmt.target, ast.Name) and isinstance(stmt.iter, ast.List | ast.Tuple):
            items = list(stmt.iter.elts)
            if all(reference(item) is not None for item in items):
                self.loop[stmt.target.id] = items
                self.block(stmt.body, branch)
                del self.loop[stmt.target.id]
                return
        # Any other loop: registrations in it name what the reader cannot list.
        for node in ast.walk(stmt):
            found = _register_call(node) if isinstance(node, ast.expr) else None
            if found is not None:
                self.seen.add(id(found[1]))
                self.out.dynamic.append((found[0], found[1].lineno))

    def decorated(
        self, stmt: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef, branch: tuple[str, ...]
    ) -> None:
        decorators = stmt.decorator_list
        func = not isinstance(stmt, ast.ClassDef)
        # Decorators apply bottom-up, so the lowest registers first: registrations are read
        # in that order (a forced one above a plain one of the same name replaces it).
        for index, decorator in reversed(list(enumerate(decorators))):
            found = _register_call(decorator)
            if found is None:
                continue
            registry, call = found
            self.seen.add(id(call))
            # Decorators apply bottom-up and register_module returns what it gets: the
            # innermost registers the function as defined, the outermost what the name
            # finally holds; in between, something no checker can type.
            innermost = index == len(decorators) - 1
            typed = not func or innermost or index == 0
            self.registration(
                registry,
                _bound(call, REGISTER_PARAMS),
                target=stmt.name if typed else None,
                default_name=stmt.name,
                line=call.lineno,
                branch=branch,
                undecorated=func and innermost,
            )

    # -- annotations and config names ------------------------------------------------------

    def config_params(self, stmt: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        """Parameters annotated ``Annotated[..., ConfigFor(REG)]`` (``__init__`` of a class)."""
        if isinstance(stmt, ast.ClassDef):
            init = next(
                (
                    s
                    for s in stmt.body
                    if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)
                    and s.name == "__init__"
                ),
                None,
            )
            if init is None:
                return
            func = init
        else:
            func = stmt
        found: dict[str, str] = {}
        arguments = func.args
        for arg in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]:
            registry = _config_for(arg.annotation, self.aliases)
            if registry is not None:
                found[arg.arg] = registry
        if found:
            self.out.config_params[stmt.name] = found

    def config_name(self, sub: ast.AST) -> None:
        """The config ``type`` or lookup key that one node spells, if any."""
        names = self.out.config_names
        if isinstance(sub, ast.Dict):
            for key, value in zip(sub.keys, sub.values, strict=True):
                if (
                    _is_str(key, "type")
                    and isinstance(value, ast.Constant)
                    and isinstance(value.value, str)
                ):
                    names.append(value.value)
        elif isinstance(sub, ast.Call):
            for keyword in sub.keywords:
                if (
                    keyword.arg == "type"
                    and isinstance(keyword.value, ast.Constant)
                    and isinstance(keyword.value.value, str)
                ):
                    names.append(keyword.value.value)
            if (
                isinstance(sub.func, ast.Attribute)
                and sub.func.attr == "get"
                and sub.args
                and isinstance(sub.args[0], ast.Constant)
                and isinstance(sub.args[0].value, str)
            ):
                names.append(sub.args[0].value)
        elif (
            isinstance(sub, ast.Subscript)
            and isinstance(sub.slice, ast.Constant)
            and isinstance(sub.slice.value, str)
        ):
            names.append(sub.slice.value)
        elif (
            isinstance(sub, ast.Assign)
            and isinstance(sub.value, ast.Constant)
            and isinstance(sub.value.value, str)
            and any(
                isinstance(target, ast.Subscript) and _is_str(target.slice, "type")
                for target in sub.targets
            )
        ):
            names.append(sub.value.value)  # ``cfg["type"] = "ResNet"``

    def scan_functions(self, tree: ast.Module, hinted: list[int] | None = None) -> None:
        """Config names anywhere, and registrations the module level did not account for.

        A ``register_module`` call that was not read as a registration (in a function, a
        class body, a comprehension, another call's argument, a ``while`` loop), or the
        method taken without a call, registers what the reader cannot list: its registry
        is open. ``hinted``: the lines that may spell any of it (see :func:`hinted_lines`);
        the nodes of no such line are not visited (None: every node is).
        """
        called: set[int] = set()
        for node in ast.walk(tree) if hinted is None else _walk_lines(tree, hinted):
            if not isinstance(node, _SCANNED):
                continue  # most nodes (names, constants, operators): nothing to read
            found = _register_call(node) if isinstance(node, ast.expr) else None
            if found is not None and id(found[1]) not in self.seen:
                self.seen.add(id(found[1]))
                self.out.dynamic.append((found[0], found[1].lineno))
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "register_module"
                and id(node) not in self.seen
            ):
                # ``(METRICS if registry is None else registry).register_module(...)``:
                # any registry the receiver names may get names no reader can list.
                self.seen.add(id(node))
                named = (reference(e) for e in ast.walk(node.func.value) if isinstance(e, ast.expr))
                for receiver in dict.fromkeys(name for name in named if name is not None):
                    self.out.dynamic.append((receiver, node.lineno))
            if isinstance(node, ast.Call):
                called.add(id(node.func))  # ast.walk visits a call before its callee
            elif (
                isinstance(node, ast.Attribute)
                and node.attr == "register_module"
                and id(node) not in called
                and (registry := reference(node.value)) is not None
            ):
                # ``register = REG.register_module``: whatever calls it registers unseen.
                self.out.dynamic.append((registry, node.lineno))
            if isinstance(node, ast.With | ast.AsyncWith) and any(
                isinstance(item.context_expr, ast.Call)
                and (reference(item.context_expr.func) or "").endswith("default_scope")
                for item in node.items
            ):
                self.out.scoped_blocks.append([node.lineno, node.end_lineno or node.lineno])
            self.config_name(node)
        self.out.config_names = sorted(set(self.out.config_names))


#: What a line holds if it spells part of what :meth:`_Reader.scan_functions` reads: each
#: node it reads has one of these (``type`` and ``get`` as words) among the lines it spans.
#: One alternation of plain strings: Python's ``re`` searches it many times faster than
#: with the word boundaries in it.
_LINE_HINT = re.compile(r"\[|type|get|register_module|default_scope")


def hinted_lines(source: str) -> list[int]:
    """The numbers of ``source``'s lines that :data:`_LINE_HINT` finds something on, sorted."""
    found: list[int] = []
    # Python's line numbers count ``\r\n``, ``\r`` and ``\n`` (not ``str.splitlines``' others).
    text = source.replace("\r\n", "\n").replace("\r", "\n") if "\r" in source else source
    line, counted = 1, 0
    for match in _LINE_HINT.finditer(text):
        start, end = match.span()
        if match[0] in _WORDS and (_in_word(text, start - 1) or _in_word(text, end)):
            continue  # ``ConfigType``, ``target``: not the word
        line += text.count("\n", counted, start)
        counted = start
        if not found or found[-1] != line:
            found.append(line)
    return found


_WORDS = frozenset({"type", "get"})


def _in_word(text: str, at: int) -> bool:
    """Whether ``text[at]`` is a character of a name (false out of the text)."""
    return 0 <= at < len(text) and (text[at].isalnum() or text[at] == "_")


def _walk_lines(tree: ast.AST, hinted: list[int]) -> Iterator[ast.AST]:
    """``ast.walk``, in its order, without the nodes that span none of the ``hinted`` lines.

    Only statements are skipped (asking each expression cost more than it saved): most of a
    model module's statements (arithmetic, tensor code) span no such line, and walking
    every node was most of the time of reading a large project's modules.
    """
    todo: deque[ast.AST] = deque([tree])
    while todo:
        node = todo.popleft()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                # A decorated definition's line is its ``def``: its decorators come before.
                decorators: list[ast.expr] = getattr(child, "decorator_list", [])
                first = decorators[0].lineno if decorators else child.lineno
                at = bisect_left(hinted, first)
                if at == len(hinted) or hinted[at] > (child.end_lineno or child.lineno):
                    continue
            elif isinstance(child, ast.expr_context):
                continue  # ``Load``, ``Store``: nothing to read, a third of the nodes
            todo.append(child)
        yield node


#: The nodes :meth:`_Reader.scan_functions` reads something from.
_SCANNED = (ast.Call, ast.Attribute, ast.With, ast.AsyncWith, ast.Dict, ast.Subscript, ast.Assign)


def _is_str(expr: ast.expr | None, value: str) -> bool:
    return isinstance(expr, ast.Constant) and expr.value == value


def annotation_expression(annotation: ast.expr) -> ast.expr | None:
    """The annotation as an expression: a string annotation parsed (None: it does not parse)."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            return ast.parse(annotation.value, mode="eval").body
        except SyntaxError:
            return None
    return annotation


def type_aliases(tree: ast.Module) -> dict[str, ast.expr]:
    """The values of a module's top-level names, which an annotation may name as aliases.

    ``NormCfg = Annotated[dict[str, Any], ConfigFor(NORMS)]`` (or ``NormCfg: TypeAlias =
    ...``), then ``norm_cfg: NormCfg``: the alias says what the annotation written out says.
    """
    found: dict[str, ast.expr] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and [type(t) for t in stmt.targets] == [ast.Name]:
            found[cast("ast.Name", stmt.targets[0]).id] = stmt.value
        elif (
            isinstance(stmt, ast.AnnAssign)
            and isinstance(stmt.target, ast.Name)
            and stmt.value is not None
        ):
            found[stmt.target.id] = stmt.value
    return found


def config_for_call(annotation: ast.expr | None, aliases: dict[str, ast.expr]) -> ast.Call | None:
    """The ``ConfigFor(...)`` of ``Annotated[X, ConfigFor(...)]`` in an annotation.

    Also inside ``X | None``, and in the module's ``aliases`` the annotation names (an alias
    of an alias too).
    """
    return _config_for_call(annotation, aliases, set())


def _config_for_call(
    annotation: ast.expr | None, aliases: dict[str, ast.expr], seen: set[str]
) -> ast.Call | None:
    annotation = None if annotation is None else annotation_expression(annotation)
    if annotation is None:
        return None
    for node in ast.walk(annotation):
        if (
            isinstance(node, ast.Subscript)
            and (reference(node.value) or "").rsplit(".", 1)[-1] == "Annotated"
            and isinstance(node.slice, ast.Tuple)
        ):
            for meta in node.slice.elts[1:]:
                if (
                    isinstance(meta, ast.Call)
                    and (reference(meta.func) or "").rsplit(".", 1)[-1] == "ConfigFor"
                ):
                    return meta
        elif isinstance(node, ast.Name) and node.id in aliases and node.id not in seen:
            seen.add(node.id)  # an alias that names itself ends here
            found = _config_for_call(aliases[node.id], aliases, seen)
            if found is not None:
                return found
    return None


def _config_for(annotation: ast.expr | None, aliases: dict[str, ast.expr]) -> str | None:
    """The registry reference in ``Annotated[X, ConfigFor(REG)]`` (see :func:`config_for_call`)."""
    call = config_for_call(annotation, aliases)
    return reference(call.args[0]) if call is not None and len(call.args) == 1 else None
    for node in ast.walk(annotation):
        if (
            isinstance(node, ast.Subscript)
            and (reference(node.value) or "").rsplit(".", 1)[-1] == "Annotated"
            and isinstance(node.slice, ast.Tuple)
        ):
            for meta in node.slice.elts[1:]:
                if (
                    isinstance(meta, ast.Call)
                    and (reference(meta.func) or "").rsplit(".", 1)[-1] == "ConfigFor"
                    and len(meta.args) == 1
                ):
                    return reference(meta.args[0])
    return None
