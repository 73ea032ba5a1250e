from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from typed_registry import (
    DuplicateNameError,
    NotRegisteredError,
    Registry,
    build_from_cfg,
    default_scope,
)

# Small alphabets, so that duplicate names and scope clashes happen often.
NAMES = st.sampled_from(["a", "b", "c", "d"])
SCOPES = st.sampled_from(["p", "q", "r", "s", "t"])

PROPERTY_SETTINGS = settings(max_examples=150, deadline=None)


class Entry:
    def __init__(self, /, **kwargs: Any) -> None:
        self.kwargs = kwargs


def new_entry(name: str) -> type[Entry]:
    return type(name, (Entry,), {})


# -- an independent model of the resolution rule --------------------------------------------------


@dataclass(eq=False)
class Node:
    scope: str
    parent: Node | None
    entries: dict[str, object] = field(default_factory=dict)

    @property
    def root(self) -> Node:
        node = self
        while node.parent is not None:
            node = node.parent
        return node


@dataclass
class Model:
    nodes: list[Node] = field(default_factory=list)

    def tree(self, node: Node) -> list[Node]:
        return [other for other in self.nodes if other.root is node.root]

    def find(self, node: Node, scope: str) -> Node | None:
        matches = [other for other in self.tree(node) if other.scope == scope]
        assert len(matches) <= 1
        return matches[0] if matches else None

    def get(self, node: Node, key: str) -> object | None:
        *scopes, name = key.split(".")
        current: Node | None = node
        for scope in scopes:
            assert current is not None
            current = self.find(current, scope)
            if current is None:
                return None
        while current is not None:
            if name in current.entries:
                return current.entries[name]
            current = current.parent
        return None


def keys_strategy() -> st.SearchStrategy[str]:
    return st.one_of(
        NAMES,
        st.builds(lambda s, n: f"{s}.{n}", SCOPES, NAMES),
        st.builds(lambda s1, s2, n: f"{s1}.{s2}.{n}", SCOPES, SCOPES, NAMES),
        st.sampled_from(["", ".", "a.", ".a", "p..a", "zz.a", "e"]),
    )


def outcome(call: Any) -> tuple[Any, ...]:
    """What a call did: the built entry's type and kwargs, or the error and its text."""
    try:
        result = call()
    except Exception as error:
        return ("raised", type(error), str(error), tuple(getattr(error, "__notes__", ())))
    if hasattr(result, "__dict__"):
        return ("built", type(result), vars(result))
    return ("returned", result)


# -- the state machine ---------------------------------------------------------------------------


INVALID_REGISTRATIONS: list[tuple[str, Any, Any]] = [
    ("dotted name", "a.b", int),
    ("empty name", "", int),
    ("repeated alias", ["a", "a"], int),
    ("empty alias list", [], int),
    ("non-string name", 3, int),
    ("non-string alias", ["a", 3], int),
    ("not callable", "a", 5),
    ("unnamed lambda", None, lambda: 0),
    ("unnamed instance", None, Entry()),
    ("dotted class name", None, type("x.y", (), {})),
]


class RegistryTrees(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.model = Model()
        self.registries: list[Registry[Any]] = []

    # helpers

    def add(self, parent_index: int | None, scope: str) -> None:
        parent = None if parent_index is None else self.registries[parent_index]
        parent_node = None if parent_index is None else self.model.nodes[parent_index]
        reg: Registry[Any] = Registry("reg", scope=scope, parent=parent)
        self.registries.append(reg)
        self.model.nodes.append(Node(scope, parent_node))

    def pick(self, data: st.DataObject) -> tuple[Registry[Any], Node]:
        index = data.draw(st.integers(0, len(self.registries) - 1), label="registry")
        return self.registries[index], self.model.nodes[index]

    def snapshot(self) -> list[tuple[Any, ...]]:
        return [
            (reg.scope, dict(reg.module_dict), dict(reg.children), list(reg))
            for reg in self.registries
        ]

    # building trees

    @initialize(scope=SCOPES)
    def first_root(self, scope: str) -> None:
        self.add(None, scope)

    @rule(scope=SCOPES)
    def new_root(self, scope: str) -> None:
        self.add(None, scope)

    @rule(data=st.data(), scope=SCOPES)
    def new_child(self, data: st.DataObject, scope: str) -> None:
        index = data.draw(st.integers(0, len(self.registries) - 1), label="parent")
        if self.model.find(self.model.nodes[index], scope) is None:
            self.add(index, scope)
            return
        before = self.snapshot()
        with pytest.raises(ValueError, match=f"scope '{scope}' is already used"):
            Registry("reg", scope=scope, parent=self.registries[index])
        assert self.snapshot() == before

    @rule(data=st.data(), scope=st.sampled_from(["", "p.q", "."]))
    def invalid_child(self, data: st.DataObject, scope: str) -> None:
        reg, _ = self.pick(data)
        before = self.snapshot()
        with pytest.raises(ValueError, match="scope must be a non-empty string"):
            Registry("reg", scope=scope, parent=reg)
        assert self.snapshot() == before

    # registering

    @rule(
        data=st.data(),
        own_name=NAMES,
        names=st.none() | st.lists(NAMES, min_size=1, max_size=3, unique=True),
        force=st.booleans(),
        as_decorator=st.booleans(),
    )
    def register(
        self,
        data: st.DataObject,
        own_name: str,
        names: list[str] | None,
        force: bool,
        as_decorator: bool,
    ) -> None:
        reg, node = self.pick(data)
        obj = new_entry(own_name)
        effective = [own_name] if names is None else names
        if not force and any(name in node.entries for name in effective):
            before = self.snapshot()
            with pytest.raises(DuplicateNameError):
                reg.register_module(names, force=force, module=obj)
            assert self.snapshot() == before
            return
        if as_decorator:
            result = reg.register_module(names, force=force)(obj)
        else:
            result = reg.register_module(names, force=force, module=obj)
        assert result is obj
        for name in effective:
            node.entries[name] = obj

    @rule(data=st.data(), case=st.sampled_from(INVALID_REGISTRATIONS))
    def invalid_registration(self, data: st.DataObject, case: tuple[str, Any, Any]) -> None:
        reg, _ = self.pick(data)
        _, name, obj = case
        before = self.snapshot()
        with pytest.raises((TypeError, ValueError)):
            reg.register_module(name, force=True, module=obj)
        assert self.snapshot() == before

    # looking up

    @rule(data=st.data(), key=keys_strategy())
    def lookup(self, data: st.DataObject, key: str) -> None:
        reg, node = self.pick(data)
        expected = self.model.get(node, key)
        assert reg.get(key) is expected
        assert (key in reg) is (expected is not None)
        if expected is None:
            with pytest.raises(NotRegisteredError):
                reg[key]
        else:
            assert reg[key] is expected

    @rule(data=st.data(), key=keys_strategy(), x=st.integers())
    def build(self, data: st.DataObject, key: str, x: int) -> None:
        reg, node = self.pick(data)
        expected = self.model.get(node, key)
        for _ in range(2):  # the second build may take the cached fast path
            if expected is None:
                with pytest.raises(NotRegisteredError):
                    reg.build({"type": key, "x": x})
            else:
                built = reg.build({"type": key, "x": x})
                assert type(built) is expected
                assert built.kwargs == {"x": x}

    @rule(data=st.data(), scope=SCOPES, name=NAMES, via_key=st.booleans())
    def build_with_default_scope(
        self, data: st.DataObject, scope: str, name: str, via_key: bool
    ) -> None:
        reg, node = self.pick(data)
        start = self.model.find(node, scope)
        expected = self.model.get(node if start is None else start, name)
        for _ in range(2):
            if via_key:
                result = outcome(lambda: reg.build({"type": name, "_scope_": scope}))
            else:
                with default_scope(scope):
                    result = outcome(lambda: reg.build({"type": name}))
            if expected is None:
                assert result[:2] == ("raised", NotRegisteredError)
            else:
                assert result == ("built", expected, {"kwargs": {}})

    # what always holds

    @invariant()
    def own_entries_match_the_model(self) -> None:
        for reg, node in zip(self.registries, self.model.nodes, strict=True):
            assert dict(reg.module_dict) == node.entries
            assert list(reg) == list(node.entries)
            assert len(reg) == len(node.entries)

    @invariant()
    def trees_match_the_model(self) -> None:
        for reg, node in zip(self.registries, self.model.nodes, strict=True):
            expected_parent = None if node.parent is None else self.model.nodes.index(node.parent)
            actual_parent = None if reg.parent is None else self.registries.index(reg.parent)
            assert actual_parent == expected_parent
            for other in self.model.tree(node):
                found = reg.find_scope(other.scope)
                assert found is self.registries[self.model.nodes.index(other)]

    @invariant()
    def a_scoped_name_resolves_as_the_name_from_that_scope_everywhere(self) -> None:
        for reg in self.registries:
            for name in ["a", "b", "c", "d"]:
                expected = reg.get(name)
                for other in self.registries:
                    if other.root is reg.root:
                        assert other.get(f"{reg.scope}.{name}") is expected


RegistryTrees.TestCase.settings = settings(max_examples=100, stateful_step_count=30, deadline=None)
test_registry_trees = RegistryTrees.TestCase


# -- properties ------------------------------------------------------------------------------


@st.composite
def trees(draw: st.DrawFn) -> list[Registry[Any]]:
    """A random tree of up to 7 registries with random names registered in them."""
    registries: list[Registry[Any]] = [Registry("reg", scope="s0")]
    for index in range(1, draw(st.integers(1, 7))):
        parent = registries[draw(st.integers(0, index - 1))]
        registries.append(Registry("reg", scope=f"s{index}", parent=parent))
    for index, name in draw(st.lists(st.tuples(st.integers(0, 6), NAMES), max_size=12)):
        reg = registries[index % len(registries)]
        reg.register_module(name, force=True, module=new_entry(name))
    return registries


@PROPERTY_SETTINGS
@given(trees())
def test_every_scoped_key_resolves_as_the_name_from_that_scope(
    registries: list[Registry[Any]],
) -> None:
    for member in registries:
        for name in ["a", "b", "c", "d", "missing"]:
            expected = member.get(name)
            assert member.root.get(f"{member.scope}.{name}") is expected
            for other in registries:
                assert other.get(f"{member.scope}.{name}") is expected


@PROPERTY_SETTINGS
@given(trees())
def test_an_unscoped_name_resolves_to_the_nearest_ancestor_that_has_it(
    registries: list[Registry[Any]],
) -> None:
    for member in registries:
        for name in ["a", "b", "c", "d"]:
            node: Registry[Any] | None = member
            while node is not None and name not in node.module_dict:
                node = node.parent
            expected = None if node is None else node.module_dict[name]
            assert member.get(name) is expected


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=10,
)
KWARGS = st.dictionaries(
    st.text(max_size=6).filter(lambda k: k not in {"type", "_scope_"}), JSON, max_size=4
)


class ReadOnlyConfig(Mapping[str, Any]):
    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


@PROPERTY_SETTINGS
@given(
    kwargs=KWARGS,
    default_args=st.none() | KWARGS,
    scope=st.sampled_from([None, "geo", "child", "elsewhere"]),
    type_in_default_args=st.booleans(),
)
def test_build_never_mutates_cfg_or_default_args(
    kwargs: dict[str, Any],
    default_args: dict[str, Any] | None,
    scope: str | None,
    type_in_default_args: bool,
) -> None:
    reg: Registry[Any] = Registry("things", scope="geo")
    Registry("things", scope="child", parent=reg)
    reg.register_module("Sink", module=Entry)
    cfg = dict(kwargs)
    if default_args is not None and type_in_default_args:
        default_args = {**default_args, "type": "Sink"}
    else:
        cfg["type"] = "Sink"
    if scope is not None:
        cfg["_scope_"] = scope
    cfg_before = copy.deepcopy(cfg)
    default_args_before = copy.deepcopy(default_args)
    built = [
        reg.build(cfg, default_args),
        reg.build(cfg, default_args=default_args),
        build_from_cfg(cfg, reg, default_args),
        build_from_cfg(ReadOnlyConfig(cfg), reg, default_args),
    ]
    if default_args is None:
        built.append(reg.build(cfg))
        built.append(reg.build(cfg))
    assert cfg == cfg_before
    assert default_args == default_args_before
    expected = {**(default_args or {}), **cfg}
    expected.pop("type")
    expected.pop("_scope_", None)
    for obj in built:
        assert type(obj) is Entry
        assert obj.kwargs == expected


@PROPERTY_SETTINGS
@given(
    names=st.lists(
        st.text(st.characters(exclude_characters="."), min_size=1),
        min_size=1,
        max_size=5,
        unique=True,
    )
)
def test_all_aliases_resolve_to_the_same_object(names: list[str]) -> None:
    root: Registry[Any] = Registry("things", scope="root")
    child: Registry[Any] = Registry("things", scope="child", parent=root)
    obj = new_entry("Aliased")
    assert root.register_module(names, module=obj) is obj
    assert len(root) == len(names)
    assert list(root) == names
    for name in names:
        assert root.get(name) is obj
        assert child.get(name) is obj
        assert child.get(f"root.{name}") is obj
        assert root[name] is obj
        assert type(child.build({"type": name})) is obj


class Strict:
    def __init__(self, a: int = 0) -> None:
        self.a = a


class TwoArgError(Exception):
    def __init__(self, code: int, detail: str) -> None:
        super().__init__(code, detail)


class Raising:
    def __init__(self, **kwargs: Any) -> None:
        raise TwoArgError(len(kwargs), "raised")


def returning(**kwargs: Any) -> tuple[str, dict[str, Any]]:
    return ("returned", kwargs)


FAST_PATH_TYPES = st.sampled_from(
    [
        "Entry", "Strict", "Raising", "returning", "child.Entry", "root.Strict", "Local",
        "Missing", "zz.Entry", "", 3, None, Strict,
    ]
)  # fmt: skip


@PROPERTY_SETTINGS
@given(
    obj_type=FAST_PATH_TYPES,
    has_type=st.booleans(),
    kwargs=st.dictionaries(st.sampled_from(["a", "b", "x"]), st.integers(), max_size=3),
    from_child=st.booleans(),
    warm=st.booleans(),
)
def test_the_fast_path_of_build_behaves_like_build_from_cfg(
    obj_type: object,
    has_type: bool,
    kwargs: dict[str, Any],
    from_child: bool,
    warm: bool,
) -> None:
    root: Registry[Any] = Registry("things", scope="root")
    child: Registry[Any] = Registry("things", scope="child", parent=root)
    for entry in (Entry, Strict, Raising, returning):
        root.register_module(module=entry)
    child.register_module("Local", module=Strict)
    reg = child if from_child else root
    cfg = {**kwargs, "type": obj_type} if has_type else dict(kwargs)
    if warm and isinstance(obj_type, str):
        reg.get(obj_type)  # a hit is cached; the next build may take the fast path
    fast = outcome(lambda: reg.build(cfg))
    general = outcome(lambda: build_from_cfg(cfg, reg))
    assert fast == general
    assert outcome(lambda: reg.build(cfg)) == fast
