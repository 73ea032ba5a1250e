"""Fuzzing the runtime with cyclic, deep, huge and hostile inputs.

Each operation may raise only what its docstring documents, never a RecursionError or an
error from inside our own message formatting, and never changes the caller's config; a
failed registration leaves the registry as it was.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from typed_registry import ConfigError, Registry, RegistryError

FUZZ = settings(max_examples=120, deadline=None)


class CtorError(Exception):
    """What the registered constructors raise on purpose."""


def make_registry() -> Registry[Any]:
    root: Registry[Any] = Registry("models", scope="fuzz")
    child: Registry[Any] = Registry("models", scope="kid", parent=root)

    @root.register_module()
    class Net:
        def __init__(self, depth: int = 1, **extra: Any) -> None:
            self.depth = depth

    @root.register_module()
    class Strict:
        def __init__(self, a: int) -> None:
            self.a = a

    @root.register_module()
    class Wrapper:
        def __init__(self, inner: Any = None, **extra: Any) -> None:
            self.inner = root.build(inner) if isinstance(inner, dict) else inner

    @child.register_module()
    def failing(**kwargs: Any) -> None:
        raise CtorError

    return root


REG = make_registry()

TYPES = (
    st.sampled_from(
        ["Net", "Strict", "Wrapper", "kid.failing", "failing", "Nte", "nowhere.Net", "kid..x", ""]
    )
    | st.none()
    | st.integers()
    | st.just(dict)
)
SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
KEYS = st.sampled_from(["type", "depth", "a", "inner", "extra", "_scope_"]) | st.text(max_size=8)


def values(max_leaves: int = 20) -> st.SearchStrategy[Any]:
    return st.recursive(
        SCALARS | TYPES,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.tuples(inner, inner)
            | st.dictionaries(KEYS | st.integers(), inner, max_size=4)
        ),
        max_leaves=max_leaves,
    )


@st.composite
def configs(draw: st.DrawFn) -> dict[Any, Any]:
    """A config dict, possibly with cycles, deep nesting, many keys or odd keys."""
    cfg: dict[Any, Any] = draw(st.dictionaries(KEYS | st.integers(), values(), max_size=6))
    if draw(st.booleans()):
        cfg["type"] = draw(TYPES)
    shape = draw(st.sampled_from(["plain", "cycle", "deep", "huge", "inner-cycle"]))
    if shape == "cycle":
        cfg[draw(KEYS)] = cfg
    elif shape == "inner-cycle":
        inner: dict[str, Any] = {"type": draw(TYPES)}
        inner["inner"] = inner
        cfg["inner"] = inner
    elif shape == "deep":
        deep: Any = draw(values(3))
        for _ in range(draw(st.integers(90, 1500))):
            deep = {"type": "Wrapper", "inner": deep} if draw(st.booleans()) else [deep]
        cfg["inner"] = deep
    elif shape == "huge":
        cfg.update({f"k{i}": i for i in range(draw(st.integers(1_000, 50_000)))})
    return cfg


def snapshot(value: object) -> list[tuple[int, str, object]]:
    """The structure of ``value`` (ids, types, sizes and scalars), walked without recursion."""
    seen: set[int] = set()
    shape: list[tuple[int, str, object]] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict | list | tuple):
            shape.append((id(item), type(item).__name__, len(item)))
            if id(item) in seen:
                continue
            seen.add(id(item))
            if isinstance(item, dict):
                shape.extend((id(item), "key", repr(key)) for key in item)
                stack.extend(item.values())
            else:
                stack.extend(item)
        else:
            shape.append((id(item), type(item).__name__, repr(item)))
    return shape


@FUZZ
@given(cfg=configs())
def test_build_raises_only_documented_errors_and_never_mutates_the_config(
    cfg: dict[Any, Any],
) -> None:
    before = snapshot(cfg)
    message = ""
    try:
        REG.build(cfg)
    except RegistryError as error:  # NotRegisteredError, MissingTypeError, ConfigError
        message = str(error)
    except (TypeError, ValueError, CtorError):
        # TypeError: a bad type or bad keyword arguments (Python's); ValueError: a bad
        # _scope_; CtorError: the constructor's own.
        pass
    assert len(message) < 5_000
    assert snapshot(cfg) == before


@FUZZ
@given(cfg=configs())
def test_validate_raises_only_config_errors_and_never_mutates_the_config(
    cfg: dict[Any, Any],
) -> None:
    before = snapshot(cfg)
    try:
        messages = [str(problem) for problem in REG.validate(cfg)]
    except ConfigError as error:
        messages = [str(error)]
    assert all(len(message) < 5_000 for message in messages)
    assert snapshot(cfg) == before


@FUZZ
@given(key=st.text(alphabet="ab.kidfuzNet", max_size=200) | values(4))
def test_get_returns_an_entry_or_none_or_rejects_a_non_string(key: Any) -> None:
    try:
        found = REG.get(key)
    except TypeError:
        assert not isinstance(key, str)
    else:
        assert isinstance(key, str)
        assert found is None or callable(found)


@FUZZ
@given(
    name=st.none() | st.text(max_size=6) | st.lists(st.text(max_size=4), max_size=3) | values(3),
    force=st.booleans() | values(2),
)
def test_a_failed_registration_leaves_the_registry_unchanged(name: Any, force: Any) -> None:
    reg: Registry[Any] = Registry("things", scope="fuzz_register")
    reg.register_module("Net", module=int)
    before = dict(reg.module_dict)

    def entry() -> None:
        pass

    try:
        reg.register_module(name, force, entry)
    except (TypeError, ValueError, RegistryError):
        assert dict(reg.module_dict) == before
    else:
        assert len(reg) >= 1
