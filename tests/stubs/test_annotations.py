"""Annotations written back as stub text: what a stub can name, and ``Any`` for the rest."""

from __future__ import annotations

import enum
import typing
from collections.abc import Callable, Mapping

import pytest

from typed_registry import ConfigFor, Registry
from typed_registry._stubs._annotations import Imports, class_name, render


class Color(enum.Enum):
    RED = 1


T = typing.TypeVar("T")


class Box(typing.Generic[T]):
    pass


def local_class() -> type:
    class Local:
        pass

    return Local


@pytest.mark.parametrize(
    ("annotation", "text"),
    [
        (None, "None"),
        (type(None), "None"),
        (int, "int"),
        (typing.Any, "_Any"),
        (T, "_Any"),
        ("int", "_Any"),  # a string left unevaluated
        (typing.Literal[Color.RED], "_Any"),
        (typing.Literal["a", 1, True], "_Literal['a', 1, True]"),
        (Callable[[int], int], "_Any"),
        (int | typing.Any, "_Any"),
        (typing.Optional[int], "int | None"),  # noqa: UP045
        (typing.Annotated[int, "meta"], "int"),
        (tuple[int, ...], "tuple[int, ...]"),
        (tuple[()], "tuple[()]"),
        (typing.List, "list"),  # noqa: UP006
        (type[int], "type[int]"),
        (local_class(), "_Any"),
    ],
)
def test_render(annotation, text):
    assert render(annotation, Imports()) == text


def test_classes_are_named_through_an_alias_of_their_module():
    imports = Imports()
    assert render(Mapping[str, Color], imports) == "_tr_m0.Mapping[str, _tr_m1.Color]"
    assert render(dict[str, Color], imports) == "dict[str, _tr_m1.Color]"
    assert imports.lines() == [
        "import collections.abc as _tr_m0",
        f"import {__name__} as _tr_m1",
    ]


def test_a_generic_class_of_the_project_takes_any_arguments():
    assert render(Box[int], Imports()) == "_tr_m0.Box[_Any]"


def test_a_dict_that_config_for_marks_is_a_config_of_that_registry_or_any_dict():
    known: Registry[object] = Registry("model", scope="stubs_annotations_known")
    other: Registry[object] = Registry("model", scope="stubs_annotations_other")
    imports = Imports()
    imports.configs[id(known)] = "_M_Config"
    config = typing.Annotated[dict[str, typing.Any], ConfigFor(known)]
    assert render(config, imports) == "_M_Config | dict[str, _Any]"
    assert render(config | None, imports) == "_M_Config | dict[str, _Any] | None"
    configs = typing.Annotated[list[Mapping[str, int]], ConfigFor(known)]
    assert render(configs, imports) == "list[_M_Config | _tr_m0.Mapping[str, int]]"
    assert render(typing.Annotated[dict, ConfigFor(known)], imports) == "_M_Config | dict"
    assert render(typing.Annotated[int, ConfigFor(known)], imports) == "int"
    # A registry the stub does not type (another module's): the dict as it is.
    assert render(typing.Annotated[dict[str, int], ConfigFor(other)], imports) == "dict[str, int]"


def test_a_builtin_class_is_named_as_itself():
    assert class_name(dict, Imports()) == "dict"


def test_a_class_of_main_cannot_be_named():
    klass = type("Script", (), {"__module__": "__main__"})
    assert class_name(klass, Imports()) is None
