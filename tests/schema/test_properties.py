"""The schema never rejects what builds: every config that ``Registry.validate`` accepts
(generated for the example's registries, under any of their scopes) the schema accepts.

Booleans are left out of the generated values: ``true`` for an ``int`` or ``float``
parameter builds (``bool`` is an ``int``) and is the one place where the schema is
stricter, on purpose (pinned by the last test).
"""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from tests.schema.conftest import validator

from typed_registry import default_scope
from typed_registry._schema import config_schema
from typed_registry._schema._registries import entries_of, members

_SCALARS = (
    st.none()
    | st.integers(-5, 100)
    | st.floats(allow_nan=False, allow_infinity=False, width=32)
    | st.text(max_size=3)
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=2)
    ),
    max_leaves=4,
)


def _from_schema(schema):
    """Values of the JSON type a parameter's schema names: configs that may well build."""
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "anyOf" in schema:
        return st.one_of([_from_schema(branch) for branch in schema["anyOf"]])
    kind = schema.get("type")
    if kind == "array":
        return st.lists(_from_schema(schema.get("items", {})), max_size=3)
    return _BY_TYPE.get(kind, _VALUES) if isinstance(kind, str) else _VALUES


_BY_TYPE = {
    "integer": st.integers(-5, 100),
    "number": st.floats(0, 10),
    "string": st.text(max_size=3),
    "null": st.none(),
    "boolean": st.booleans(),
    "object": st.dictionaries(st.text(max_size=3), _SCALARS, max_size=2),
}


@pytest.fixture(scope="module")
def setup(example):
    def label(registry):
        return f"{registry.scope}::{registry.name}"

    schema = config_schema(example.settings.parts, example.registries, label)
    outer = [
        rule
        for rule in example.settings.parts
        if f"complete:{rule.path}" in schema["$defs"] and "*" not in rule.path
    ]
    keys = sorted({key for r in example.known for e in entries_of(r) for key in e.keys})
    return example, validator(schema), outer, keys, schema, label


def _names(condition):
    named = condition["properties"]["type"]
    return named["enum"] if "enum" in named else [named["const"]]


def _nested(path, value):
    for key in reversed(path.split(".")):
        value = {key: value}
    return value


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_what_validate_accepts_the_schema_accepts(setup, data):
    example, check, rules, all_keys, schema, label = setup
    rule = data.draw(st.sampled_from(rules))
    registry = example.registries[rule.registry]
    entries = entries_of(registry)
    entry = data.draw(st.sampled_from(entries))
    config = {"type": data.draw(st.sampled_from(entry.keys))}
    definition = schema["$defs"][label(registry.root)]
    then = next(
        (b["then"] for b in definition.get("allOf", []) if config["type"] in _names(b["if"])),
        {"properties": {}},
    )
    required = entry.required(rule.default_args)
    names = sorted({n for sig in entry.signatures or () for n in sig.parameters} | {"unknown"})
    nested = st.fixed_dictionaries({"type": st.sampled_from(all_keys)})
    chosen = data.draw(st.lists(st.sampled_from(names), unique=True, max_size=6))
    for name in dict.fromkeys([*required, *chosen]):
        typed = _from_schema(then["properties"].get(name, {}))
        config[name] = data.draw(typed | _VALUES | nested)
    scope = data.draw(st.sampled_from([None, *(m.scope for m in members(registry))]))
    with default_scope(scope) if scope else contextlib.nullcontext():
        problems = registry.validate(
            config, dict.fromkeys(rule.default_args), registries=example.known
        )
    event("accepted by validate" if not problems else "rejected by validate")
    if not problems:
        errors = [error.message for error in check.iter_errors(_nested(rule.path, config))]
        assert errors == [], (config, scope)


def test_a_boolean_for_an_int_builds_but_the_schema_rejects_it(setup):
    example, check, *_ = setup
    registry = example.registries["minengine.registry.HOOKS"]
    config = {"type": "LoggerHook", "interval": True}
    assert registry.validate(config) == []
    assert [e.message for e in check.iter_errors({"custom_hooks": [config]})] == [
        "True is not of type 'number', 'null'"
    ]
