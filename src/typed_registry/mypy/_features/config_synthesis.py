"""A config file's merged value as expressions mypy checks, each on a made-up line.

The merged value mixes values of several files, so the checks run on synthesised config
literals whose nodes carry made-up line numbers; mypy's errors about them are reported again
where each value was written (:class:`Placed`). Lines are given by unit: each part of the
config that a registry builds, and the ``default_scope``, is laid out when a check first asks
for it, with its items but without the parts nested in it, which are units of their own. So
a unit's lines are the same, counted from its first, in every file that holds its node
(``ConfigFiles.part_errors`` keeps a shared part's errors by that count), and a part whose
errors are kept from another file is neither laid out nor made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from mypy.nodes import (
    GDEF,
    DictExpr,
    FloatExpr,
    IntExpr,
    ListExpr,
    NameExpr,
    StrExpr,
    TempNode,
    TupleExpr,
)
from mypy.types import AnyType, NoneType, TypeOfAny

from typed_registry._configs import ClassRef, ConfigDict, ConfigList, Node, Origin, Scalar
from typed_registry.mypy._state import lookup_node

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from mypy.errors import ErrorInfo
    from mypy.nodes import Expression
    from mypy.plugin import CheckerPluginInterface

#: The first made-up line of a synthesised config: beyond any real file's length.
FIRST_LINE: Final = 10_000_000
#: mypy's message for a key the signature does not take (reported at the config's dict).
_UNEXPECTED: Final = re.compile(r'Unexpected keyword argument "(\w+)"')


@dataclass(frozen=True)
class Placed:
    """Where a synthesised node's value was written.

    Attributes:
        origin: The value's origin (in the checked file or in a base).
        path: Its place in the config (``model.backbone.depth``).
        anchor: The nearest enclosing value written in the checked file, if any.
    """

    origin: Origin
    path: str
    anchor: Origin | None


class Synthesiser:
    """Turns the units of one config file's value into expressions, each on a made-up line.

    Args:
        api: mypy's checker.
        file: The config file being checked (its values anchor errors).
        root: The config's merged value.
        parts: The node of each part a registry builds, by its path.
        part_exprs: The set the ids of the parts' expressions go into once made, so that
            the check of a part leaves a part nested in it to that part's own check.
    """

    def __init__(
        self,
        api: CheckerPluginInterface,
        file: str,
        root: ConfigDict,
        parts: dict[str, Node],
        part_exprs: set[int],
    ) -> None:
        self.api = api
        self.file = file
        self._root = root
        self._parts = parts
        self._part_exprs = part_exprs
        #: Each laid-out node by its index (its made-up line's offset): its path, the anchor
        #: above it, the end of its unit's indexes under it, and its items (an index, or
        #: the path of a nested part: a unit). Its :class:`Placed` is made when asked for.
        self._nodes: list[Node] = []
        self._paths: list[str] = []
        self._anchors: list[Origin | None] = []
        self._ends: list[int] = []
        self._items_of: list[Sequence[int | str]] = []
        #: The index of each unit's node, by its path.
        self._units: dict[str, int] = {}
        self._made: dict[int, Expression] = {}

    def lines(self, path: str) -> range:
        """The made-up lines of the unit at ``path``: its node's and its items' but parts'."""
        index = self._unit(path)
        return range(FIRST_LINE + index, FIRST_LINE + self._ends[index])

    def expression(self, path: str) -> Expression:
        """The expression of the unit at ``path`` (made once)."""
        return self._expression_at(self._unit(path))

    def placed(self, line: int) -> Placed:
        """Where the node on made-up ``line`` came from."""
        index = line - FIRST_LINE
        if 0 <= index < len(self._nodes):
            return Placed(self._nodes[index].origin, self._paths[index], self._anchors[index])
        return Placed(Origin(self.file, 1, 0), "", None)  # not a synthesised node's line

    def placed_error(self, info: ErrorInfo, line: int) -> Placed:
        """Where the value an error (on made-up ``line``) is about came from.

        mypy reports a keyword the signature does not take at the call, here the config's
        dict: the key's own value tells where it was written.
        """
        placed = self.placed(line)
        unexpected = _UNEXPECTED.match(info.message)
        if unexpected is not None:
            key = f"{placed.path}.{unexpected.group(1)}" if placed.path else unexpected.group(1)
            index = line - FIRST_LINE
            items = self._items_of[index] if 0 <= index < len(self._items_of) else _NO_ITEMS
            for item in items:  # the dict's own items (an error path: looked for, not kept)
                at = self._unit(item) if isinstance(item, str) else item
                if self._paths[at] == key:
                    return self.placed(FIRST_LINE + at)
        return placed

    # -- laying out ----------------------------------------------------------------------------

    def _unit(self, path: str) -> int:
        index = self._units.get(path)
        if index is None:
            found = self._find(self._root, "", path, self._anchor(self._root, None))
            if found is None:  # not a place of the config: no unit of the caller's
                msg = f"no value at {path!r}"
                raise KeyError(msg)
            node, anchor = found
            index = self._units[path] = self._lay_out(node, path, anchor)
        return index

    def _find(
        self, node: Node, at: str, path: str, anchor: Origin | None
    ) -> tuple[Node, Origin | None] | None:
        """The node at ``path`` under ``node`` (at ``at``), and the anchor above it."""
        target = self._parts.get(path)
        for item_path, item in _items(node, at):
            if item_path == path and (target is None or item is target):
                return item, anchor
            # A key with a dot makes a path ambiguous: the part's own node decides.
            if path.startswith((f"{item_path}.", f"{item_path}[")):
                found = self._find(item, item_path, path, self._anchor(item, anchor))
                if found is not None:
                    return found
        return None

    def _anchor(self, node: Node, anchor: Origin | None) -> Origin | None:
        origin = node.origin
        return origin if origin.file == self.file and origin.line is not None else anchor

    def _lay_out(self, node: Node, path: str, anchor: Origin | None) -> int:
        anchor = self._anchor(node, anchor)
        nodes, paths, anchors, ends, items_of = (
            self._nodes,
            self._paths,
            self._anchors,
            self._ends,
            self._items_of,
        )
        index = len(nodes)
        nodes.append(node)
        paths.append(path)
        anchors.append(anchor)
        ends.append(index)
        items: list[int | str] = []
        items_of.append(items)
        parts, file = self._parts, self.file
        if isinstance(node, ConfigDict):
            pairs = [(f"{path}.{key}" if path else key, item) for key, item in node.items.items()]
        elif isinstance(node, ConfigList):
            pairs = [(f"{path}[{number}]", item) for number, item in enumerate(node.items)]
        else:  # a unit of one value (``default_scope``)
            pairs = []
        for item_path, item in pairs:
            if parts.get(item_path) is item:  # a nested part: a unit of its own
                items.append(item_path)
            elif isinstance(item, ConfigDict | ConfigList):
                items.append(self._lay_out(item, item_path, anchor))
            else:
                # A leaf, most of a config: laid out here, without a call for each.
                items.append(len(nodes))
                nodes.append(item)
                paths.append(item_path)
                origin = item.origin
                here = origin.file == file and origin.line is not None
                anchors.append(origin if here else anchor)
                ends.append(len(nodes))
                items_of.append(_NO_ITEMS)
        ends[index] = len(nodes)
        return index

    # -- making expressions ----------------------------------------------------------------------

    def _expression_at(self, index: int) -> Expression:
        found = self._made.get(index)
        if found is None:
            found = self._made[index] = self._build(self._nodes[index], index)
            found.set_line(FIRST_LINE + index, 0)
            if self._paths[index] in self._parts:
                self._part_exprs.add(id(found))
        return found

    def _item_expressions(self, index: int) -> list[Expression]:
        nodes = self._nodes
        expressions: list[Expression] = []
        for item in self._items_of[index]:
            if isinstance(item, str):  # a nested part: its unit's expression
                expressions.append(self._expression_at(self._unit(item)))
                continue
            # An item's own index: only its container asks for its expression, once.
            node = nodes[item]
            if isinstance(node, Scalar):  # a leaf, made here (a part is a dict)
                found = self._scalar(node.value)
                found.set_line(FIRST_LINE + item, 0)
            else:
                found = self._expression_at(item)
            expressions.append(found)
        return expressions

    def _build(self, node: Node, index: int) -> Expression:
        api = self.api
        if isinstance(node, ConfigDict):
            items: list[tuple[Expression | None, Expression]] = [
                (StrExpr(key), value)
                for key, value in zip(node.items, self._item_expressions(index), strict=True)
            ]
            if node.partial:  # keys unknown: a ``**spread`` of any dict
                mapping = api.named_generic_type(
                    "builtins.dict",
                    [api.named_generic_type("builtins.str", []), AnyType(TypeOfAny.special_form)],
                )
                items.append((None, TempNode(mapping)))
            return DictExpr(items)
        if isinstance(node, ConfigList):
            values = self._item_expressions(index)
            return TupleExpr(values) if node.is_tuple else ListExpr(values)
        if isinstance(node, Scalar):
            return self._scalar(node.value)
        if isinstance(node, ClassRef):
            found = lookup_node(api, node.fullname)
            if found is not None:
                ref = NameExpr(node.fullname.rpartition(".")[2])
                ref.node = found
                ref.fullname = node.fullname
                ref.kind = GDEF
                return ref
        return TempNode(AnyType(TypeOfAny.special_form))

    def _scalar(self, value: str | float | None) -> Expression:  # bool is an int
        if isinstance(value, bool):
            return TempNode(self.api.named_generic_type("builtins.bool", []))
        if isinstance(value, str):
            return StrExpr(value)
        if isinstance(value, int):
            return IntExpr(value)
        if isinstance(value, float):
            return FloatExpr(value)
        return TempNode(NoneType())


#: The items of a leaf.
_NO_ITEMS: Final[tuple[int | str, ...]] = ()


def _items(node: Node, path: str) -> Iterator[tuple[str, Node]]:
    """The items of a dict or a list, each with its path."""
    if isinstance(node, ConfigDict):
        for key, value in node.items.items():
            yield (f"{path}.{key}" if path else key), value
    elif isinstance(node, ConfigList):
        for number, item in enumerate(node.items):
            yield f"{path}[{number}]", item
