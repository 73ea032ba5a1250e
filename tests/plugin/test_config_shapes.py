"""The shapes of config nodes (``config_shapes``): equal numbers exactly for equal content.

A part's check is kept by its node's shape and given to every part of the same shape: two
nodes that a check can tell apart must never share a number, and nodes that differ only in
where their values were written must share one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import example, given
from hypothesis import strategies as st

from typed_registry._configs import ClassRef, ConfigDict, ConfigList, Origin, Scalar, Unknown
from typed_registry.mypy._features.config_shapes import Shapes

if TYPE_CHECKING:
    from typed_registry._configs import Node

_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 2), st.sampled_from([0.0, 1.0, 2.5]), st.text("ab")
)


def _nodes(origin: Origin) -> st.SearchStrategy[Node]:
    """Config nodes of a small alphabet (so that equal ones are frequent), at ``origin``."""
    leaves = st.one_of(
        _SCALARS.map(lambda value: Scalar(value, origin)),
        st.sampled_from(["pkg.A", "pkg.B"]).map(lambda name: ClassRef(name, origin)),
        st.just(Unknown(origin)),
    )
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.tuples(st.lists(inner, max_size=3), st.booleans()).map(
                lambda pair: ConfigList(tuple(pair[0]), origin, is_tuple=pair[1])
            ),
            st.tuples(
                st.dictionaries(st.sampled_from("xyz"), inner, max_size=3), st.booleans()
            ).map(lambda pair: ConfigDict(pair[0], origin, partial=pair[1])),
        ),
        max_leaves=8,
    )


def _content(node: Node) -> object:
    """What a check reads of ``node``: its values with their types, its keys, its kinds."""
    if isinstance(node, ConfigDict):
        return ("dict", node.partial, [(key, _content(value)) for key, value in node.items.items()])
    if isinstance(node, ConfigList):
        return ("list", node.is_tuple, [_content(item) for item in node.items])
    if isinstance(node, Scalar):
        return ("scalar", repr(node.value))  # repr: 1, 1.0 and True differ
    if isinstance(node, ClassRef):
        return ("class", node.fullname)
    return ("unknown",)


def _moved(node: Node, origin: Origin) -> Node:
    """``node`` as if written at ``origin`` (new nodes, the same content)."""
    if isinstance(node, ConfigDict):
        items = {key: _moved(value, origin) for key, value in node.items.items()}
        return ConfigDict(items, origin, node.partial)
    if isinstance(node, ConfigList):
        return ConfigList(tuple(_moved(item, origin) for item in node.items), origin, node.is_tuple)
    if isinstance(node, Scalar):
        return Scalar(node.value, origin)
    if isinstance(node, ClassRef):
        return ClassRef(node.fullname, origin)
    return Unknown(origin)


@given(_nodes(Origin("a.py", 1)), _nodes(Origin("a.py", 2)))
# Equal as Python values, but not to a check: a bool is no int, an int no float to mypy.
@example(Scalar(1, Origin("a.py")), Scalar(True, Origin("a.py")))
@example(Scalar(1, Origin("a.py")), Scalar(1.0, Origin("a.py")))
def test_two_nodes_share_a_number_exactly_when_their_content_is_equal(
    first: Node, second: Node
) -> None:
    shapes = Shapes()
    same = shapes.number(first) == shapes.number(second)
    assert same == (_content(first) == _content(second))


@given(_nodes(Origin("a.py", 1)))
def test_a_node_written_elsewhere_has_the_same_number(node: Node) -> None:
    shapes = Shapes()
    assert shapes.number(_moved(node, Origin("b.py", 7, 3))) == shapes.number(node)


def test_a_cleared_shapes_numbers_from_scratch() -> None:
    shapes = Shapes()
    shapes.number(Scalar(1, Origin("a.py")))
    shapes.clear()
    assert shapes.number(Unknown(Origin("a.py"))) == 0
