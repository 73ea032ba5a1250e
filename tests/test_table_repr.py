from __future__ import annotations

import sys
from typing import Any

from typed_registry import Registry


class Backbone:
    pass


def make_head() -> None:
    pass


class Callable7:
    def __call__(self) -> int:
        return 7

    def __repr__(self) -> str:
        return "Callable7()"


def test_table_lists_name_kind_object_and_registration_site() -> None:
    reg = Registry("models", scope="mm")
    first = sys._getframe().f_lineno + 1
    reg.register_module(["Backbone", "BB"], module=Backbone)
    second = sys._getframe().f_lineno + 1
    reg.register_module(module=make_head)
    third = sys._getframe().f_lineno + 1
    reg.register_module("seven", module=Callable7())
    mod = __name__
    rows = [
        ("Backbone", "class", f"{mod}.Backbone", f"{mod}:{first}"),
        ("BB", "class", f"{mod}.Backbone", f"{mod}:{first}"),
        ("make_head", "function", f"{mod}.make_head", f"{mod}:{second}"),
        ("seven", "callable", "Callable7 object Callable7()", f"{mod}:{third}"),
    ]
    header = ("name", "kind", "object", "registered at")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    expected = [
        "Registry 'models' (scope 'mm')",
        line(header),
        line(tuple("-" * w for w in widths)),
        *(line(row) for row in rows),
    ]
    assert reg.table().splitlines() == expected


def test_table_of_a_small_registry_exactly() -> None:
    reg = Registry("units", scope="units")
    exec("REG.register_module('float', module=float)", {"REG": reg, "__name__": "config"})
    assert reg.table() == (
        "Registry 'units' (scope 'units')\n"
        "name   kind   object          registered at\n"
        "-----  -----  --------------  -------------\n"
        "float  class  builtins.float  config:1"
    )


def test_table_of_an_empty_registry_says_no_entries() -> None:
    assert Registry("empty", scope="e").table() == (
        "Registry 'empty' (scope 'e')\n"
        "name  kind  object  registered at\n"
        "----  ----  ------  -------------\n"
        "(no entries)"
    )


def test_table_shows_only_own_entries() -> None:
    root = Registry("models", scope="mm")
    child = Registry("models", scope="child", parent=root)
    root.register_module(module=Backbone)
    assert "Backbone" not in child.table()
    assert child.table().endswith("(no entries)")


def test_table_shows_a_forced_replacement_with_its_new_site() -> None:
    reg = Registry("models", scope="mm")
    exec("REG.register_module('X', module=int)", {"REG": reg, "__name__": "first"})
    exec("REG.register_module('X', force=True, module=float)", {"REG": reg, "__name__": "second"})
    assert reg.table().splitlines()[-1].split() == ["X", "class", "builtins.float", "second:1"]


def test_table_shows_builtin_functions_as_functions() -> None:
    reg = Registry("models", scope="mm")
    reg.register_module(module=len)
    assert reg.table().splitlines()[-1].split()[:3] == ["len", "function", "builtins.len"]


def test_repr_of_a_root_shows_name_scope_no_parent_and_entries() -> None:
    reg: Registry[Any] = Registry("models", scope="mm")
    reg.register_module(["A", "B"], module=Backbone)
    assert repr(reg) == "Registry(name='models', scope='mm', parent=None, entries=['A', 'B'])"


def test_repr_of_a_child_shows_the_parents_scope() -> None:
    root = Registry("models", scope="mm")
    child = Registry("det_models", scope="det", parent=root)
    assert repr(child) == "Registry(name='det_models', scope='det', parent='mm', entries=[])"
