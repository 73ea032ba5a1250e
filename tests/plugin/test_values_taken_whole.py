"""A value passed where any such value is taken is checked as ``Any`` (``_config_values``).

A parameter of type ``Any`` or ``object``, or ``**kwargs`` of such a type, takes any value;
one that takes any dict with string keys (``dict``, ``Mapping[str, Any]``, a union with
one) takes any dict display. mypy's inference of such a value finds nothing, and a dict
display is a generic call to it: the plugin skips it. These tests pin that the skip changes
no result: the same build sites and config files, checked with and without it, give the same
output, which holds the errors of the parameters that do constrain the value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tests.plugin.scenarios import Project

from typed_registry.mypy import _config_values

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

SETTINGS = """\
[tool.mypy]
plugins = ["typed_registry.mypy"]

[tool.typed_registry]
locations = ["pkg.models"]

[tool.typed_registry.configs]
paths = ["configs"]

[tool.typed_registry.configs.registries]
model = "pkg.registry.MODELS"
"""

FILES = {
    "pkg/__init__.py": "",
    "pkg/registry.py": """\
        from typed_registry import Registry

        MODELS: Registry[object] = Registry("model", scope="pkg", locations=["pkg.models"])
        """,
    "pkg/models.py": """\
        from collections.abc import Mapping, Sequence
        from typing import Any, TypedDict

        from pkg.registry import MODELS


        class Options(TypedDict):
            size: int


        @MODELS.register_module()
        class Loose:
            def __init__(
                self,
                anything: Any = None,
                thing: object = None,
                table: dict = {},  # noqa: B006
                named: dict[str, Any] | None = None,
                mapping: Mapping[str, Any] | None = None,
                **rest: Any,
            ) -> None:
                self.anything = anything


        @MODELS.register_module()
        class Strict:
            def __init__(
                self,
                counts: dict[str, int] | None = None,
                weights: Mapping[str, float] | None = None,
                options: Options | None = None,
                sizes: list[int] | None = None,
                items: Sequence[object] = (),
                **rest: int,
            ) -> None:
                self.counts = counts
        """,
    "app.py": """\
        from pkg.registry import MODELS

        MODELS.build(dict(type="Loose", anything={"a": [1, "x"]}, thing=[1, (2, "y")]))
        MODELS.build(dict(type="Loose", table={"a": 1, "b": "x"}, named=dict(a=1, b=[2])))
        MODELS.build(dict(type="Loose", mapping={"a": {"b": None}}, extra={"c": 1.5}))
        MODELS.build(dict(type="Strict", counts={"a": 1, "b": "x"}, weights={"a": "heavy"}))
        MODELS.build(dict(type="Strict", options={"size": "big"}, sizes=[1, "2"]))
        MODELS.build(dict(type="Strict", options={"size": 3}, sizes=[1, 2], extra="x"))
        MODELS.build(dict(type="Strict", counts={1: 2}, items=[1, "a"], more=2))
        """,
    "configs/loose.py": """\
        model = dict(type="Loose", anything={"a": [1, "x"]}, table={"a": 1, "b": "x"},
                     named=dict(a=1, b=[2]), mapping={"a": {"b": None}}, extra={"c": 1.5})
        """,
    "configs/strict.py": """\
        model = dict(type="Strict", counts={"a": 1, "b": "x"}, weights={"a": "heavy"},
                     options={"size": "big"}, sizes=[1, "2"], extra="x")
        """,
    "configs/strict_fine.py": """\
        model = dict(type="Strict", counts={"a": 1}, options={"size": 3}, items=[1, "a"],
                     extra=2)
        """,
}

SOURCES = ("pkg", "app.py", "configs")


def test_values_taken_whole_are_not_inferred_and_the_output_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    project = Project.create(tmp_path, FILES, config=SETTINGS)
    taken: list[bool] = []
    decide = _config_values._takes_any_such_value

    def noting(*args: Any) -> bool:
        taken.append(decide(*args))
        return taken[-1]

    monkeypatch.setattr(_config_values, "_takes_any_such_value", noting)
    skipping = project.mypy(sources=SOURCES, cache="skipping").output
    # Loose's values, but ``named=dict(a=1, b=[2])`` at the build site: a call, not a
    # display (inferred as written); five at the build sites, five in the config file.
    assert taken.count(True) == 10
    monkeypatch.setattr(_config_values, "_takes_any_such_value", lambda *_: False)
    inferring = project.mypy(sources=SOURCES, cache="inferring").output
    assert skipping == inferring
    # What constrains a value still reports it, at build sites and in config files.
    assert skipping.splitlines() == [
        (
            'app.py:6: error: Dict entry 1 has incompatible type "str": "str"; '
            'expected "str": "int"  [dict-item]'
        ),
        (
            'app.py:6: error: Dict entry 0 has incompatible type "str": "str"; '
            'expected "str": "float"  [dict-item]'
        ),
        (
            'app.py:7: error: Argument "options" to "Strict" has incompatible type '
            '"dict[str, str]"; expected "Options | None"  [arg-type]'
        ),
        'app.py:7: error: List item 1 has incompatible type "str"; expected "int"  [list-item]',
        (
            'app.py:8: error: Argument "extra" to "Strict" has incompatible type '
            '"str"; expected "int"  [arg-type]'
        ),
        (
            'app.py:9: error: Dict entry 0 has incompatible type "int": "int"; '
            'expected "str": "int"  [dict-item]'
        ),
        (
            "configs/strict.py:1: error: model.counts.b: Dict entry 1 has "
            'incompatible type "str": "str"; expected "str": "int"  [dict-item]'
        ),
        (
            "configs/strict.py:1: error: model.weights.a: Dict entry 0 has "
            'incompatible type "str": "str"; expected "str": "float"  [dict-item]'
        ),
        (
            'configs/strict.py:2: error: model.options: Argument "options" to '
            '"Strict" has incompatible type "dict[str, str]"; expected "Options | None"  [arg-type]'
        ),
        (
            "configs/strict.py:2: error: model.sizes[1]: List item 1 has "
            'incompatible type "str"; expected "int"  [list-item]'
        ),
        (
            'configs/strict.py:2: error: model.extra: Argument "extra" to "Strict" '
            'has incompatible type "str"; expected "int"  [arg-type]'
        ),
        "Found 11 errors in 2 files (checked 7 source files)",
    ]
