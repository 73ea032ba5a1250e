"""The reader's walk over a module skips the statements whose lines hint at nothing.

``scan_functions`` reads config names, registrations it could not list and
``default_scope`` blocks; it visits only the statements that span a line holding ``[``,
``type``, ``get``, ``register_module`` or ``default_scope`` (``hinted_lines``). The property:
whatever the module, it reads exactly what a walk over every node reads.
"""

from __future__ import annotations

from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from typed_registry._index import _reader
from typed_registry._index._reader import hinted_lines, read_module

#: Statements that hold something the scan reads, written over several lines, decorated,
#: behind names that merely contain a hint word (``ConfigType``, ``target``).
_FOUND = [
    "cfg = dict(\n    type='ResNet', depth=50)",
    "cfg = {\n    'type':\n        'FPN'}",
    "x = table[\n    'Head']",
    "x = table[  # a comment\n    'Neck']",
    "y = MODELS.get(\n    'Loss')",
    "y = MODELS \\\n    .get('Loss2')",
    "cfg['type'] = 'Assigner'",
    "@MODELS.register_module()\nclass Inner:\n    pass",
    "@MODELS.register_module(\n    name='Named')\ndef inner():\n    pass",
    "register = MODELS.register_module",
    "[MODELS.register_module(module=c) for c in classes]",
    "with default_scope(\n        'det'):\n    pass",
    "(A if flag else B).register_module()(thing)",
]
#: Statements with nothing to read, some with hint words inside other names.
_OTHER = [
    "a = b + c",
    "norm: ConfigType = None",
    "target = compute(value)",
    "total = sum(x * 2 for x in values)",
    "if a:\n    b = 1\nelse:\n    b = 2",
    "for item in items:\n    print(item)",
]

#: What a block of statements is put in.
_WRAPPERS = ["", "def f():\n", "class C:\n", "if flag:\n", "@deco\ndef g():\n"]


@st.composite
def _modules(draw: st.DrawFn) -> str:
    """A module: statements at the top, in functions, classes and branches, any line ends."""
    statement = st.sampled_from([*_FOUND, *_OTHER])
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 8))):
        wrapper = draw(st.sampled_from(_WRAPPERS))
        body = draw(st.lists(statement, min_size=1, max_size=3))
        indent = "    " if wrapper else ""
        block = "\n".join(indent + line for text in body for line in text.split("\n"))
        lines.append(wrapper + block)
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return newline.join("\n".join(lines).split("\n")) + newline


@given(_modules())
def test_the_walk_over_hinted_lines_reads_what_the_walk_over_every_node_reads(
    source: str,
) -> None:
    hinted = read_module(source, "pkg.mod", is_package=False).to_json()
    with mock.patch.object(_reader, "hinted_lines", return_value=None):
        everything = read_module(source, "pkg.mod", is_package=False).to_json()
    assert hinted == everything


def test_hinted_lines_are_those_with_a_hint_word_counted_as_python_counts_lines() -> None:
    source = "a = 1\r\nb = x['k']\rConfigType = 2\nc = type(d)\ntarget.get_x()\nget(y)\n"
    assert hinted_lines(source) == [2, 4, 6]


def test_a_decorator_on_a_hinted_line_makes_its_definition_read() -> None:
    source = "def f():\n    @MODELS.register_module()\n    class A:\n        pass\n"
    assert read_module(source, "pkg.mod", is_package=False).dynamic == [("MODELS", 2)]
