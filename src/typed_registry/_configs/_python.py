"""Python config files, read with :mod:`ast` and never run.

A config file of the MMEngine kind is a Python module whose top-level variables are the
config. This reader evaluates the part of Python that configs are written in: literals,
``dict(...)``, names of earlier variables, ``+`` on lists, strings and numbers, subscripts,
``X.update(...)`` and item assignment, ``_base_`` and ``{{_base_.key}}`` (old style), and
``with read_base(): from .._base_.x import *`` (the pure-Python style). Anything else (a
call, a loop, an ``if``) makes the names it touches :class:`~._nodes.Unknown`: a check says
nothing about an unknown value, so a config that runs never gets an error from it.

A variable used twice (``l1 = [l0, l0]``) is one shared node, changed and measured once
(see :class:`~._limits.Measure`); what the reader computes is bounded by the limits: a
list's items and the values of each variable, a string's length and an integer's digits.
"""

from __future__ import annotations

import ast
import operator
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Final

from typed_registry._configs._limits import exceeded
from typed_registry._configs._nodes import (
    ClassRef,
    ConfigDict,
    ConfigList,
    Node,
    Origin,
    Scalar,
    Unknown,
)
from typed_registry._configs.errors import ConfigFileError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from typed_registry._configs._limits import ConfigLimits, Measure

#: Old style ``{{_base_.model.backbone}}``: replaced by the base's value before parsing.
_BASE_REFERENCE: Final = re.compile(r"\{\{\s*_base_\.([A-Za-z_][\w.]*)\s*\}\}")
_PLACEHOLDER: Final = "_typed_registry_base_ref_{}"
#: An integer of ``n`` decimal digits has at most this many bits per digit (log2 10 < 3.33).
_BITS_PER_DIGIT: Final = 3.33
_BINARY: Final[dict[type[ast.operator], Callable[[float, float], float]]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: lambda a, b: a / b,
    ast.FloorDiv: lambda a, b: a // b,
}


def base_entries(path: Path, tree: ast.Module) -> list[tuple[str, Origin]]:
    """The files ``_base_`` names (a string or a list of strings), as written in ``tree``."""
    found: list[tuple[str, Origin]] = []
    for statement in tree.body:
        if not (
            isinstance(statement, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "_base_" for t in statement.targets)
        ):
            continue
        value = statement.value
        items = value.elts if isinstance(value, ast.List | ast.Tuple) else [value]
        found = []
        for item in items:
            if not (isinstance(item, ast.Constant) and isinstance(item.value, str)):
                msg = f"{path}:{item.lineno}: _base_ must be a path or a list of paths"
                raise ConfigFileError(msg)
            found.append((item.value, Origin(str(path), item.lineno, item.col_offset)))
    return found


def read_python(  # noqa: PLR0913  # the file, its bases, and how to read them
    path: Path,
    text: str,
    tree: ast.Module,
    base: ConfigDict,
    read_base: Callable[[Path | str, Origin], ConfigDict | None],
    *,
    measure: Measure,
) -> tuple[ConfigDict, ConfigDict]:
    """The config file's own top-level variables, and ``base`` as the file leaves it.

    MMEngine runs the file with ``_base_`` bound to its bases' merged config (its own
    ``_base_ = [...]`` assignment taken out): ``_base_.model`` reads the base's value, and
    ``del _base_.model`` removes the key from the base before the file's variables merge
    into it (so a new ``model`` replaces the base's instead of merging into it).

    Args:
        path: The file (absolute).
        text: Its contents.
        tree: Its contents parsed (:func:`parse_python`), used unless ``{{_base_.key}}``
            references change the text.
        base: The merged config of its ``_base_`` files, for ``{{_base_.key}}``.
        read_base: Reads a file that ``with read_base():`` imports (a path, or the module
            of an installed package's config: ``mmdet.configs.retinanet``).
        measure: Measures each variable's value against the limits.

    Returns:
        The file's variables, and the base without the keys the file deleted.

    Raises:
        ConfigFileError: The file does not parse, or a ``{{_base_.key}}`` is missing.
        ConfigLimitError: A value the file computes exceeds a limit.
    """
    references: dict[str, str] = {}

    def substitute(match: re.Match[str]) -> str:
        name = _PLACEHOLDER.format(len(references))
        references[name] = match.group(1)
        return name

    text = _BASE_REFERENCE.sub(substitute, text)
    reader = _Reader(str(path), base, references, read_base, measure)
    reader.run(parse_python(path, text) if references else tree)
    return reader.result(), reader.base


def parse_python(path: Path, text: str) -> ast.Module:
    """``text``, the contents of ``path``, parsed.

    Raises:
        ConfigFileError: It does not parse (the message names the line).
    """
    try:
        return ast.parse(text, filename=str(path))
    except SyntaxError as error:
        msg = f"{path}:{error.lineno}: cannot parse the config: {error.msg}"
        raise ConfigFileError(msg) from None


@dataclass
class _Reader:
    file: str
    base: ConfigDict
    references: dict[str, str]
    read_base: Callable[[Path | str, Origin], ConfigDict | None]
    measure: Measure
    env: dict[str, Node] = field(default_factory=dict[str, Node])
    #: Names bound by imports, to the fullname they import.
    imported: dict[str, str] = field(default_factory=dict[str, str])
    partial: bool = False

    def origin(self, node: ast.expr | ast.stmt) -> Origin:
        return Origin(self.file, node.lineno, node.col_offset)

    def result(self) -> ConfigDict:
        items = {
            name: value
            for name, value in self.env.items()
            if not name.startswith("__") and name != "_base_" and not name.startswith("_typed_")
        }
        return ConfigDict(items, Origin(self.file, 1, 0), self.partial)

    # -- statements ----------------------------------------------------------------------

    def run(self, tree: ast.Module) -> None:
        for statement in tree.body:
            self.statement(statement)

    def statement(self, statement: ast.stmt) -> None:  # noqa: PLR0912  # one case per kind
        if isinstance(statement, ast.Assign) and _assigns_base(statement):
            pass  # MMEngine takes ``_base_ = [...]`` out before it runs the file
        elif isinstance(statement, ast.Assign):
            value = self.value(statement.value)
            for target in statement.targets:
                self.assign(target, value)
        elif isinstance(statement, ast.AnnAssign):
            if statement.value is not None:
                self.assign(statement.target, self.value(statement.value))
        elif isinstance(statement, ast.AugAssign):
            target = statement.target
            if isinstance(target, ast.Name) and target.id in self.env:
                combined = self.binary(
                    statement.op,
                    self.env[target.id],
                    self.value(statement.value),
                    self.origin(statement),
                )
                self.bind(target.id, combined, self.origin(statement))
            else:
                self.forget(statement)
        elif isinstance(statement, ast.Expr):
            self.expression_statement(statement)
        elif isinstance(statement, ast.Import):
            for alias in statement.names:
                bound = alias.asname or alias.name.partition(".")[0]
                self.imported[bound] = alias.name if alias.asname else bound
                self.env.pop(bound, None)
        elif isinstance(statement, ast.ImportFrom):
            self.import_from(statement, in_read_base=False)
        elif isinstance(statement, ast.With) and _is_read_base(statement):
            for inner in statement.body:
                if isinstance(inner, ast.ImportFrom):
                    self.import_from(inner, in_read_base=True)
                else:
                    self.statement(inner)
        elif isinstance(statement, ast.Delete):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    self.env.pop(target.id, None)
                elif (key := _base_key(target)) is not None and "_base_" not in self.env:
                    # ``del _base_.model``: the base has no ``model`` to merge into.
                    items = {k: v for k, v in self.base.items.items() if k != key}
                    self.base = ConfigDict(items, self.base.origin, self.base.partial)
                else:
                    self.forget(target)
        elif isinstance(statement, ast.Pass):
            pass
        else:  # if, for, while, try, with, def, class, ...: what they bind is unknown
            self.forget(statement)

    def forget(self, node: ast.AST) -> None:
        """Make every variable that ``node`` binds or changes unknown."""
        for name in _touched(node):
            if name in self.env or name not in self.imported:
                self.env[name] = Unknown(Origin(self.file, getattr(node, "lineno", None)))
                self.imported.pop(name, None)

    def bind(self, name: str, value: Node, origin: Origin) -> None:
        """Set variable ``name``, measured against the limits (its parts are, already)."""
        self.measure.check(value, origin)
        self.env[name] = value

    def assign(self, target: ast.expr, value: Node) -> None:
        if isinstance(target, ast.Name):
            self.bind(target.id, value, self.origin(target))
            self.imported.pop(target.id, None)
            return
        path = _target_path(target)
        if path is None or path[0] not in self.env:
            self.forget(target)
            return
        self.assign_path(path[0], path[1:], value, self.origin(target), in_place=False)

    def assign_path(
        self, name: str, keys: tuple[str, ...], value: Node, origin: Origin, *, in_place: bool
    ) -> None:
        """Set ``name[keys...]``; an unknown ``name`` where a key is missing (Python fails).

        Python changes the dicts along the way in place, and another variable may hold one
        of them (``model = dict(backbone=backbone)``): it sees the change too. ``in_place``:
        the value at ``keys`` itself is changed (``.update``), not replaced.
        """
        before = self.env[name]
        updated = _set_path(before, keys, value)
        if updated is None:
            self.env[name] = Unknown(origin)
            return
        changed: dict[int, Node] = {}
        depth = len(keys) + 1 if in_place else len(keys)
        for number in range(depth):
            old, new = _get_path(before, keys[:number]), _get_path(updated, keys[:number])
            # _set_path went through each key: both are there.
            assert old is not None
            assert new is not None
            changed[id(old)] = new
        self.env[name] = updated
        done: dict[int, tuple[Node, Node]] = {}
        for other, held in self.env.items():
            new = _replaced(held, changed, done)
            if new is not held or other == name:
                self.measure.check(new, origin)
            self.env[other] = new

    def expression_statement(self, statement: ast.Expr) -> None:
        call = statement.value
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
            if isinstance(call, ast.Call):
                self.forget(statement)
            return
        receiver, method = call.func.value, call.func.attr
        path = _target_path(receiver)
        if path is None or path[0] not in self.env:
            self.forget(statement)
            return
        name, keys = path[0], path[1:]
        current = _get_path(self.env[name], keys)
        if method == "update" and isinstance(current, ConfigDict):
            merged = _update(current, self.call_dict(call, self.origin(call)), {})
            self.assign_path(name, keys, merged, self.origin(statement), in_place=True)
        else:
            self.env[name] = Unknown(self.origin(statement))

    def import_from(self, statement: ast.ImportFrom, *, in_read_base: bool) -> None:
        origin = self.origin(statement)
        if in_read_base:
            file = _base_file(Path(self.file), statement)
            values = self.read_base(file, origin) if file is not None else None
            if values is None:
                self.partial = True
                for alias in statement.names:
                    if alias.name != "*":
                        self.env[alias.asname or alias.name] = Unknown(origin)
                return
            if values.partial:
                self.partial = True
            for alias in statement.names:
                if alias.name == "*":
                    self.env.update(
                        (key, value)
                        for key, value in values.items.items()
                        if not key.startswith("_")
                    )
                elif alias.name in values.items:
                    self.env[alias.asname or alias.name] = values.items[alias.name]
                else:
                    msg = f"{origin}: cannot import {alias.name!r} from {file}"
                    raise ConfigFileError(msg)
            return
        module = "." * statement.level + (statement.module or "")
        for alias in statement.names:
            if alias.name == "*":
                self.partial = True  # names from a module this reader does not read
                continue
            bound = alias.asname or alias.name
            self.imported[bound] = f"{module}.{alias.name}"
            self.env.pop(bound, None)

    # -- expressions ---------------------------------------------------------------------

    def value(self, expr: ast.expr) -> Node:  # noqa: PLR0911, PLR0912  # one case per kind
        origin = self.origin(expr)
        if isinstance(expr, ast.Constant):
            if isinstance(expr.value, str | int | float | bool) or expr.value is None:
                return Scalar(expr.value, origin)
            return Unknown(origin)
        if isinstance(expr, ast.Name):
            return self.name(expr.id, origin)
        if isinstance(expr, ast.Dict):
            return self.dict_display(expr, origin)
        if isinstance(expr, ast.Call):
            return self.call_dict(expr, origin) if self.is_dict(expr.func) else Unknown(origin)
        if isinstance(expr, ast.List | ast.Tuple):
            items: list[Node] = []
            for element in expr.elts:
                if isinstance(element, ast.Starred):
                    spread = self.value(element.value)
                    if not isinstance(spread, ConfigList):
                        return Unknown(origin)
                    items.extend(spread.items)
                    self.count(len(items), origin)
                else:
                    items.append(self.value(element))
            return ConfigList(tuple(items), origin, is_tuple=isinstance(expr, ast.Tuple))
        if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.USub | ast.UAdd):
            operand = _number(self.value(expr.operand))
            if operand is None:
                return Unknown(origin)
            return Scalar(-operand if isinstance(expr.op, ast.USub) else operand, origin)
        if isinstance(expr, ast.BinOp):
            return self.binary(expr.op, self.value(expr.left), self.value(expr.right), origin)
        if isinstance(expr, ast.Subscript):
            return self.subscript(expr, origin)
        if isinstance(expr, ast.Attribute):
            return self.attribute(expr, origin)
        return Unknown(origin)

    def count(self, items: int, origin: Origin) -> None:
        """Raise if a list of ``items`` items is over the limit on values."""
        if items > self.measure.limits.values:
            raise exceeded(origin, "a computed list", "values", self.measure.limits.values)

    def binary(self, op: ast.operator, left: Node, right: Node, origin: Origin) -> Node:
        """``left op right`` for lists, strings and numbers; Unknown otherwise.

        Raises:
            ConfigLimitError: The result exceeds a limit (the arguments are within them).
        """
        limits: ConfigLimits = self.measure.limits
        if isinstance(op, ast.Add):
            if isinstance(left, ConfigList) and isinstance(right, ConfigList):
                self.count(len(left.items) + len(right.items), origin)
                return ConfigList(left.items + right.items, origin, left.is_tuple)
            texts = (_text(left), _text(right))
            if texts[0] is not None and texts[1] is not None:
                if len(texts[0]) + len(texts[1]) > limits.text:
                    raise exceeded(origin, "a computed string", "text", limits.text)
                return Scalar(texts[0] + texts[1], origin)
        function = _BINARY.get(type(op))
        numbers = (_number(left), _number(right))
        if function is None or numbers[0] is None or numbers[1] is None:
            return Unknown(origin)
        try:
            result = function(numbers[0], numbers[1])
        except ArithmeticError:
            return Unknown(origin)
        # Two numbers within the limit multiply in no time; their product is measured.
        if isinstance(result, int) and result.bit_length() > _BITS_PER_DIGIT * limits.digits:
            raise exceeded(origin, "a computed number", "digits", limits.digits)
        return Scalar(result, origin)

    def name(self, name: str, origin: Origin) -> Node:
        if name in self.env:
            return self.env[name]
        if name == "_base_":
            return self.base
        if name in self.references:
            found = _get_path(self.base, tuple(self.references[name].split(".")))
            if found is None:
                msg = f"{origin}: the base config has no {{{{_base_.{self.references[name]}}}}}"
                raise ConfigFileError(msg)
            return found
        if name in self.imported:
            return ClassRef(self.imported[name], origin)
        return Unknown(origin)

    def is_dict(self, func: ast.expr) -> bool:
        return isinstance(func, ast.Name) and func.id == "dict" and func.id not in self.env

    def dict_display(self, expr: ast.Dict, origin: Origin) -> ConfigDict:
        items: dict[str, Node] = {}
        partial = False
        for key, value in zip(expr.keys, expr.values, strict=True):
            if key is None:
                spread = self.value(value)
                if isinstance(spread, ConfigDict):
                    items.update(spread.items)
                    partial = partial or spread.partial
                else:
                    partial = True
            elif isinstance(key, ast.Constant) and isinstance(key.value, str):
                items[key.value] = self.value(value)
            else:
                partial = True
        return ConfigDict(items, origin, partial)

    def call_dict(self, call: ast.Call, origin: Origin) -> ConfigDict:
        """``dict(mapping, key=value, **spread)``, and the arguments of ``X.update(...)``."""
        items: dict[str, Node] = {}
        partial = False
        for argument in call.args:
            given = self.value(argument)
            if isinstance(given, ConfigDict) and not isinstance(argument, ast.Starred):
                items.update(given.items)
                partial = partial or given.partial
            else:
                partial = True
        for keyword in call.keywords:
            given = self.value(keyword.value)
            if keyword.arg is not None:
                items[keyword.arg] = given
            elif isinstance(given, ConfigDict):
                items.update(given.items)
                partial = partial or given.partial
            else:
                partial = True
        return ConfigDict(items, origin, partial)

    def subscript(self, expr: ast.Subscript, origin: Origin) -> Node:
        container = self.value(expr.value)
        key = self.value(expr.slice)  # ``steps[-1]``, ``model['back' + 'bone']``
        if not isinstance(key, Scalar):
            return Unknown(origin)
        if isinstance(container, ConfigDict) and isinstance(key.value, str):
            return container.items.get(key.value, Unknown(origin))
        if (
            isinstance(container, ConfigList)
            and type(key.value) is int
            and -len(container.items) <= key.value < len(container.items)
        ):
            return container.items[key.value]
        return Unknown(origin)

    def attribute(self, expr: ast.Attribute, origin: Origin) -> Node:
        dotted = _dotted(expr)
        if dotted is not None and dotted[0] in self.imported and dotted[0] not in self.env:
            return ClassRef(".".join([self.imported[dotted[0]], *dotted[1:]]), origin)
        container = self.value(expr.value)
        if isinstance(container, ConfigDict) and expr.attr in container.items:
            return container.items[expr.attr]  # a ConfigDict's keys are its attributes
        return Unknown(origin)


def _assigns_base(statement: ast.Assign) -> bool:
    """Whether the statement is ``_base_ = ...`` (the bases, read by :func:`base_entries`)."""
    return any(
        isinstance(target, ast.Name) and target.id == "_base_" for target in statement.targets
    )


def _base_key(target: ast.expr) -> str | None:
    """The key of ``del _base_.key`` or ``del _base_["key"]``, else None."""
    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
        return target.attr if target.value.id == "_base_" else None
    if (
        isinstance(target, ast.Subscript)
        and isinstance(target.value, ast.Name)
        and target.value.id == "_base_"
        and isinstance(target.slice, ast.Constant)
        and isinstance(target.slice.value, str)
    ):
        return target.slice.value
    return None


def _is_read_base(statement: ast.With) -> bool:
    return len(statement.items) == 1 and _call_name(statement.items[0].context_expr) == (
        "read_base"
    )


def _call_name(expr: ast.expr) -> str | None:
    if isinstance(expr, ast.Call):
        func = expr.func
        if isinstance(func, ast.Name):
            return func.id
        if isinstance(func, ast.Attribute):
            return func.attr
    return None


def _base_file(config: Path, statement: ast.ImportFrom) -> Path | str | None:
    """The file ``from .._base_.models.x import *`` names, relative to the config's folder.

    An absolute module (``from mmdet.configs.x import *``) is a config inside an installed
    package: its name, for the loader to find.
    """
    if statement.module is None:
        return None
    if statement.level == 0:
        return statement.module
    folder = config.parent
    for _ in range(statement.level - 1):
        folder = folder.parent
    parts = statement.module.split(".")
    candidate = folder.joinpath(*parts[:-1], parts[-1] + ".py")
    return candidate.resolve()


def _touched(node: ast.AST) -> Iterator[str]:
    """The top-level names a statement binds, or changes through a method or an item."""
    for inner in ast.walk(node):
        if isinstance(inner, ast.Name) and isinstance(inner.ctx, ast.Store | ast.Del):
            yield inner.id
        elif isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            yield inner.name
        elif isinstance(inner, ast.Attribute | ast.Subscript) and isinstance(
            inner.ctx, ast.Store | ast.Del
        ):
            yield from _root_name(inner)  # ``steps[0] = 1`` changes ``steps``
        elif isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute):
            # A method may change its receiver (``pipeline.append(...)``, ``cfg['a'][0].x()``).
            yield from _root_name(inner.func.value)


def _root_name(expr: ast.expr) -> Iterator[str]:
    """The variable that ``expr`` reaches into (``model`` for ``model['steps'][0].x``)."""
    while isinstance(expr, ast.Attribute | ast.Subscript):
        expr = expr.value
    if isinstance(expr, ast.Name):
        yield expr.id


def _dotted(expr: ast.expr) -> list[str] | None:
    if isinstance(expr, ast.Name):
        return [expr.id]
    if isinstance(expr, ast.Attribute):
        inner = _dotted(expr.value)
        return None if inner is None else [*inner, expr.attr]
    return None


def _target_path(expr: ast.expr) -> tuple[str, ...] | None:
    """``model['backbone'].depth`` -> ("model", "backbone", "depth"); None for anything else."""
    if isinstance(expr, ast.Name):
        return (expr.id,)
    if isinstance(expr, ast.Attribute):
        inner = _target_path(expr.value)
        return None if inner is None else (*inner, expr.attr)
    if (
        isinstance(expr, ast.Subscript)
        and isinstance(expr.slice, ast.Constant)
        and isinstance(expr.slice.value, str)
    ):
        inner = _target_path(expr.value)
        return None if inner is None else (*inner, expr.slice.value)
    return None


def _get_path(node: Node, keys: tuple[str, ...]) -> Node | None:
    for key in keys:
        if not isinstance(node, ConfigDict) or key not in node.items:
            return None
        node = node.items[key]
    return node


def _set_path(node: Node, keys: tuple[str, ...], value: Node) -> Node | None:
    """``node`` with the value at ``keys`` replaced (nodes are shared: never changed)."""
    if not keys:
        return value
    if not isinstance(node, ConfigDict):
        return None
    key, rest = keys[0], keys[1:]
    if rest and key not in node.items:
        return None
    inner = _set_path(node.items[key], rest, value) if rest else value
    if inner is None:
        return None
    return replace(node, items={**node.items, key: inner})


def _replaced(node: Node, changed: dict[int, Node], done: dict[int, tuple[Node, Node]]) -> Node:
    """``node`` with every node in ``changed`` (by identity) replaced by its new version.

    ``done``: each node walked (kept, so that its ``id`` stays its own), with its result: a
    shared node is walked once.
    """
    if id(node) in changed:
        return changed[id(node)]
    if id(node) in done:
        return done[id(node)][1]
    result = node
    if isinstance(node, ConfigDict):
        items = {key: _replaced(value, changed, done) for key, value in node.items.items()}
        if any(items[key] is not value for key, value in node.items.items()):
            result = replace(node, items=items)
    elif isinstance(node, ConfigList):
        values = tuple(_replaced(value, changed, done) for value in node.items)
        if any(new is not old for new, old in zip(values, node.items, strict=True)):
            result = replace(node, items=values)
    done[id(node)] = (node, result)
    return result


def _update(
    current: ConfigDict, update: ConfigDict, done: dict[tuple[int, int], ConfigDict]
) -> ConfigDict:
    """MMEngine's ``ConfigDict.update``: nested dicts updated key by key.

    ``done``: the updates made, by the pair of dicts (both alive in ``current`` and
    ``update``): a dict shared by several keys is updated once.
    """
    items = dict(current.items)
    for key, value in update.items.items():
        old = items.get(key)
        if isinstance(old, ConfigDict) and isinstance(value, ConfigDict):
            pair = (id(old), id(value))
            if pair not in done:
                done[pair] = _update(old, value, done)
            items[key] = done[pair]
        else:
            items[key] = value
    return ConfigDict(items, current.origin, current.partial or update.partial)


def _number(node: Node) -> int | float | None:
    """The node's number (not a bool), or None."""
    if isinstance(node, Scalar) and type(node.value) in {int, float}:
        return node.value  # type: ignore[return-value]  # checked just above
    return None


def _text(node: Node) -> str | None:
    return node.value if isinstance(node, Scalar) and isinstance(node.value, str) else None
