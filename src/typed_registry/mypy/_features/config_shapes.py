"""A number for the content of a config node: what the check of a part can tell apart.

Config files built on common bases hold many parts that are equal but not the same object:
a file that changes one value of ``model`` merges a new ``model`` node, and configs of the
same family write the same values again. A part's check (``ConfigFiles.part_errors``) reads
its node's content only, never where the values were written: nodes of one shape get the
same errors at the same places in the part, so a part is checked once per shape.
"""

from __future__ import annotations

from typing import TypeAlias

from typed_registry._configs import ClassRef, ConfigDict, ConfigList, Node, Scalar

#: The form a shape is numbered by: its kind, and its items' shapes (numbers), or its value.
_Form: TypeAlias = tuple[object, ...]


class Shapes:
    """Numbers nodes by content: equal numbers for nodes that differ in their origins only.

    A node's number is kept with the node (its id stays its own while it is kept), so a
    node shared by the configs of a base is numbered once. A form holds its items' numbers,
    not their forms: numbering a node costs its own items, whatever lies under them.

    Example:
        >>> from typed_registry._configs import Origin
        >>> def cfg(file: str) -> ConfigDict:
        ...     here = Origin(file, 1)
        ...     return ConfigDict({"type": Scalar("ResNet", here), "depth": Scalar(50, here)}, here)
        >>> shapes = Shapes()
        >>> shapes.number(cfg("a.py")) == shapes.number(cfg("b.py"))
        True
        >>> here = Origin("c.py", 1)
        >>> shapes.number(cfg("a.py")) == shapes.number(ConfigDict({"depth": Scalar(50, here)}))
        False
    """

    def __init__(self) -> None:
        self._numbers: dict[_Form, int] = {}
        self._known: dict[int, tuple[Node, int]] = {}

    def number(self, node: Node) -> int:
        """The number of ``node``'s shape."""
        known = self._known.get(id(node))
        if known is not None and known[0] is node:
            return known[1]
        form: _Form
        if isinstance(node, ConfigDict):
            items = tuple((key, self._item(value)) for key, value in node.items.items())
            form = ("dict", node.partial, items)
        elif isinstance(node, ConfigList):
            form = ("list", node.is_tuple, tuple(map(self._item, node.items)))
        else:
            form = _leaf_form(node)
        number = self._numbers.setdefault(form, len(self._numbers))
        self._known[id(node)] = (node, number)
        return number

    def _item(self, node: Node) -> int | _Form:
        """An item's part of its container's form: a container's number, a leaf's form.

        Most items are leaves: they are neither numbered nor kept (a form is a tuple, a
        number an int: the two never compare equal).
        """
        if isinstance(node, ConfigDict | ConfigList):
            return self.number(node)
        return _leaf_form(node)

    def clear(self) -> None:
        """Forget every node and number."""
        self._numbers.clear()
        self._known.clear()


def _leaf_form(node: Node) -> _Form:
    """The form of a node that is neither a dict nor a list."""
    if isinstance(node, Scalar):
        # The type too: 1, 1.0 and True are equal (and hash alike) as values.
        return ("scalar", type(node.value).__name__, node.value)
    if isinstance(node, ClassRef):
        return ("class", node.fullname)
    return ("unknown",)
