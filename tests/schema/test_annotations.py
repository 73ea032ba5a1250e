"""Annotations as JSON Schemas: never stricter than typeguard's check (but for bool)."""

from __future__ import annotations

import collections.abc
from typing import Annotated, Any, Literal, NewType, Protocol

import pytest

from typed_registry import ConfigFor, Registry
from typed_registry._schema._annotations import annotation_schema
from typed_registry._validation._signature import NO_ANNOTATION

REGISTRY: Registry[object] = Registry("things", scope="schema_annotations")
REF = {"$ref": "#/$defs/things"}
UserId = NewType("UserId", int)


class Shape(Protocol):
    def area(self) -> float: ...


def _schema(annotation: object) -> dict[str, Any]:
    return annotation_schema(annotation, lambda registry: REF)


@pytest.mark.parametrize(
    ("annotation", "schema"),
    [
        (int, {"type": "number"}),
        (float, {"type": "number"}),
        (str, {"type": "string"}),
        (bool, {"type": "boolean"}),
        (None, {"type": "null"}),
        (type(None), {"type": "null"}),
        (UserId, {"type": "number"}),
    ],
)
def test_a_scalar_is_its_json_type(annotation, schema):
    assert _schema(annotation) == schema


@pytest.mark.parametrize("annotation", [Any, object, Shape, NO_ANNOTATION, complex, "int"])
def test_what_json_cannot_say_constrains_nothing(annotation):
    assert _schema(annotation) == {}


def test_lists_and_tuples_of_any_length_are_arrays_of_their_items():
    assert _schema(list[int]) == {"items": {"type": "number"}, "type": "array"}
    assert _schema(tuple[float, ...]) == {"items": {"type": "number"}, "type": "array"}
    assert _schema(list) == {"type": "array"}
    assert _schema(set[int]) == {"items": {"type": "number"}, "type": "array"}


def test_a_tuple_of_fixed_length_says_its_length_for_draft_07_editors():
    assert _schema(tuple[int, str]) == {
        "maxItems": 2,
        "minItems": 2,
        "prefixItems": [{"type": "number"}, {"type": "string"}],
        "type": "array",
    }
    assert _schema(tuple[()]) == {"maxItems": 0, "minItems": 0, "type": "array"}


def test_a_sequence_that_may_hold_strings_takes_a_string_too():
    # A str is a Sequence[str]; typeguard accepts it.
    array = {"items": {"type": "string"}, "type": "array"}
    assert _schema(collections.abc.Sequence[str]) == {"anyOf": [array, {"type": "string"}]}
    assert _schema(collections.abc.Sequence[int]) == {
        "items": {"type": "number"},
        "type": "array",
    }
    assert _schema(collections.abc.Sequence) == {"anyOf": [{"type": "array"}, {"type": "string"}]}
    items = {"anyOf": [{"type": "number"}, {"type": "string"}]}
    assert _schema(collections.abc.Sequence[int | str]) == {
        "anyOf": [{"items": items, "type": "array"}, {"type": "string"}]
    }


def test_dicts_and_mappings_are_objects():
    assert _schema(dict[str, Any]) == {"type": "object"}
    assert _schema(dict[str, int]) == {
        "additionalProperties": {"type": "number"},
        "type": "object",
    }
    assert _schema(collections.abc.Mapping[int, int]) == {"type": "object"}


def test_unions_are_any_of_flattened_and_any_absorbs_them():
    assert _schema(int | str | None) == {
        "anyOf": [{"type": "number"}, {"type": "string"}, {"type": "null"}]
    }
    assert _schema(int | list[int | None]) == {
        "anyOf": [
            {"type": "number"},
            {"items": {"anyOf": [{"type": "number"}, {"type": "null"}]}, "type": "array"},
        ]
    }
    assert _schema(int | Any) == {}
    assert _schema(int | Annotated[int, "meta"]) == {"type": "number"}


def test_literals_are_enums_when_json_can_write_them():
    assert _schema(Literal["a", 1, None, True])  # noqa: PYI061  # None among values, as written == {"enum": ["a", 1, None, True]}
    assert _schema(Literal[b"bytes"]) == {}


def test_config_for_makes_each_dict_a_config_of_its_registry():
    config = {"allOf": [REF], "type": "object"}
    assert _schema(Annotated[dict[str, Any], ConfigFor(REGISTRY)]) == config
    assert _schema(Annotated[list[dict[str, Any]] | None, ConfigFor(REGISTRY)]) == {
        "anyOf": [{"items": config, "type": "array"}, {"type": "null"}]
    }
    assert _schema(Annotated[dict[str, Any], "other metadata"]) == {"type": "object"}
