"""Properties of the checks: what builds is never an error, nothing is modified, and the
suggestions' view of live registries resolves as the registries do."""

import string
from typing import Annotated, Any

from hypothesis import given, settings
from hypothesis import strategies as st

from typed_registry import Registry, _resolution
from typed_registry._validation import OPAQUE, DataList
from typed_registry._validation._checker import _LiveView
from typed_registry._validation._signature import NO_ANNOTATION, signature_of
from typed_registry._validation._types import describe_annotation, describe_value, mismatch

MODELS: Registry[Any] = Registry("models", scope="rules_models")


@MODELS.register_module()
class Net:
    def __init__(
        self,
        depth: int,
        ratio: float = 1.0,
        name: str = "",
        out: tuple[int, ...] = (),
        extra: dict[str, list[int]] | None = None,
    ) -> None:
        self.args = (depth, ratio, name, out, extra)


_VALUES = {
    "depth": st.integers(),
    "ratio": st.floats(allow_nan=False) | st.integers(),
    "name": st.text(max_size=5),
    "out": st.lists(st.integers(), max_size=3).map(tuple),
    "extra": st.none() | st.dictionaries(st.text(max_size=3), st.lists(st.integers(), max_size=3)),
}
_ANY = st.none() | st.booleans() | st.integers() | st.text(max_size=3) | st.lists(st.integers())


@st.composite
def _configs(draw: st.DrawFn) -> dict[str, Any]:
    keys = draw(st.sets(st.sampled_from(sorted(_VALUES)))) | {"depth"}
    return {"type": "Net", **{key: draw(_VALUES[key]) for key in sorted(keys)}}


@given(_configs())
def test_a_config_that_builds_has_no_problem(cfg: dict[str, Any]) -> None:
    assert isinstance(MODELS.build(cfg), Net)
    assert MODELS.validate(cfg) == []


@given(
    st.dictionaries(
        st.sampled_from(["type", "depth", "ratio", "name", "dpth", "_scope_"])
        | st.text(max_size=3),
        _ANY,
    )
)
@settings(max_examples=200)
def test_validate_never_modifies_the_config_and_reports_what_build_rejects(
    cfg: dict[str, Any],
) -> None:
    before = repr(cfg)
    problems = MODELS.validate(cfg)
    assert repr(cfg) == before
    if not problems:  # what validate accepts, build builds
        assert isinstance(MODELS.build(cfg), Net)


@given(
    st.lists(st.text(string.ascii_letters, min_size=1, max_size=4), max_size=4, unique=True),
    st.text(string.ascii_letters + ".", max_size=8),
)
def test_the_suggestions_view_resolves_as_the_registries_do(names: list[str], key: str) -> None:
    root: Registry[Any] = Registry("r", scope=f"view_{id(names)}_{len(names)}_root")
    child: Registry[Any] = Registry("r", scope=f"view_{id(names)}_{len(names)}_c", parent=root)
    for index, name in enumerate(names):
        (root if index % 2 else child).register_module(name, module=lambda: None)
    for start in (root, child):
        assert _resolution.resolve(_LiveView(), start, key) is start.get(key)


@given(st.lists(st.integers() | st.text(max_size=2), max_size=4))
def test_a_data_list_matches_a_tuple_when_its_items_do(items: list[object]) -> None:
    expected = None if all(isinstance(i, int) for i in items) else "mismatch"
    found = mismatch(DataList(items), tuple[int, ...])
    assert (found is None) == (expected is None)


def test_markers_and_descriptions_read_well():
    assert repr(OPAQUE) == "OPAQUE"
    assert repr(NO_ANNOTATION) == "NO_ANNOTATION"
    assert describe_value({"a": 1}) == "dict[str, int]"
    assert describe_value({}) == "dict[str, Any]"
    assert describe_value((1, "a")) == "tuple[int, str]"
    assert describe_value(()) == "tuple[()]"
    assert describe_value([]) == "list[Any]"
    assert describe_value(None) == "None"
    assert describe_annotation(tuple[int, ...]) == "tuple[int, ...]"
    assert describe_annotation(dict[str, Any] | None) == "dict[str, Any] | None"
    assert describe_annotation(Net) == "Net"
    assert describe_annotation(Annotated[int, "meta"]) == "int"


def test_an_annotation_that_typeguard_cannot_check_is_no_error():
    class Meta(type):
        def __instancecheck__(cls, instance: object) -> bool:
            raise RuntimeError

    class Odd(metaclass=Meta):
        pass

    assert mismatch(1, Odd) is None
    assert mismatch({"a": DataList([1])}, dict[str, tuple[int]]) is None
    assert mismatch([DataList([1])], list[tuple[int]]) is None


def test_signatures_of_unusual_callables():
    class Unhashable:
        __hash__ = None  # type: ignore[assignment]

        def __call__(self, size: int, flag: int = 0, /, scale: Annotated[int, "x"] = 1) -> None:
            pass

    found = signature_of(Unhashable())
    assert found is not None
    assert list(found.parameters) == ["scale"]
    assert found.positional_only == ("size",)

    def wrapped(size: "int") -> None:
        pass

    def wrapper(*args: Any) -> None:
        pass

    wrapper.__wrapped__ = wrapped  # type: ignore[attr-defined]
    wrapper.__module__ = "no_such_module_here"
    found = signature_of(wrapper)
    assert found is not None
    assert found.parameters["size"].annotation is int
