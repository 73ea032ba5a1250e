"""The schema's structure, on small registries made here: parts from rules, one definition
per tree, entries merged where a key reaches several, what is left unconstrained."""

import itertools
from typing import Annotated, Any

from tests.schema.conftest import validator

from typed_registry import ConfigFor, Registry
from typed_registry._configs import PartRule
from typed_registry._schema import DIALECT, config_schema
from typed_registry._schema._document import pointer

_SCOPES = itertools.count()


def _scope(name: str) -> str:
    return f"schema_{name}_{next(_SCOPES)}"


def _schema(rules: list[PartRule], registries: dict[str, Registry[Any]]) -> dict[str, Any]:
    schema = config_schema(rules, registries, lambda registry: f"{registry.name}")
    validator(schema)  # a valid draft 2020-12 schema
    return schema


def _errors(schema: dict[str, Any], value: object) -> list[tuple[str, str]]:
    return sorted((e.json_path, e.validator) for e in validator(schema).iter_errors(value))


def _hooks() -> Registry[Any]:
    hooks: Registry[Any] = Registry("hooks", scope=_scope("hooks"))

    @hooks.register_module()
    class Logger:
        def __init__(self, interval: int = 10) -> None:
            self.interval = interval

    @hooks.register_module()
    class Anything:
        def __init__(self, **kwargs: Any) -> None:
            self.kwargs = kwargs

    return hooks


def test_the_document_is_draft_2020_12_with_free_top_level_keys():
    schema = _schema([PartRule("hook", "h.HOOKS")], {"h.HOOKS": _hooks()})
    assert schema["$schema"] == DIALECT == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is True
    assert schema["properties"]["hook"] == pointer("part:hook")
    assert sorted(schema["$defs"]) == ["complete:hook", "hooks", "part:hook"]


def test_a_star_is_every_key_and_applies_to_a_named_sibling_too():
    hooks = _hooks()
    rules = [PartRule("hooks.*", "h.HOOKS"), PartRule("hooks.logger", "h.HOOKS")]
    schema = _schema(rules, {"h.HOOKS": hooks})
    assert schema["properties"]["hooks"] == {
        "additionalProperties": pointer("part:hooks.*"),
        "properties": {
            "logger": {"allOf": [pointer("part:hooks.logger"), pointer("part:hooks.*")]}
        },
    }
    assert _errors(schema, {"hooks": {"a": {"type": "Logger", "interval": "1"}}}) == [
        ("$.hooks.a.interval", "type")
    ]


def test_a_star_at_the_top_constrains_every_top_level_key():
    schema = _schema([PartRule("*", "h.HOOKS")], {"h.HOOKS": _hooks()})
    assert schema["additionalProperties"] == pointer("part:*")
    assert _errors(schema, {"a": {"type": "Loger"}}) == [("$.a.type", "enum")]


def test_a_part_inside_another_is_a_nested_config_never_missing_keys():
    hooks = _hooks()
    rules = [PartRule("runner", "h.HOOKS"), PartRule("runner.hook", "h.HOOKS")]
    schema = _schema(rules, {"h.HOOKS": hooks})
    assert "complete:runner.hook" not in schema["$defs"]
    assert schema["properties"]["runner"] == {
        "allOf": [pointer("part:runner"), {"properties": {"hook": pointer("part:runner.hook")}}]
    }


def test_an_entry_that_takes_kwargs_takes_any_key():
    schema = _schema([PartRule("hook", "h.HOOKS")], {"h.HOOKS": _hooks()})
    assert _errors(schema, {"hook": {"type": "Anything", "whatever": [1]}}) == []
    assert _errors(schema, {"hook": {"type": "Logger", "whatever": [1]}}) == [
        ("$.hook", "additionalProperties")
    ]


def test_scope_and_delete_keys_are_allowed_and_scope_must_be_a_scope_name():
    schema = _schema([PartRule("hook", "h.HOOKS")], {"h.HOOKS": _hooks()})
    assert _errors(schema, {"hook": {"type": "Logger", "_scope_": None, "_delete_": True}}) == []
    assert _errors(schema, {"hook": {"type": "Logger", "_scope_": "a.b"}}) == [
        ("$.hook['_scope_']", "pattern")
    ]


def test_a_key_reaching_entries_of_two_codebases_takes_what_either_takes():
    root: Registry[Any] = Registry("models", scope=_scope("root"))
    first: Registry[Any] = Registry("models", scope=_scope("first"), parent=root)
    second: Registry[Any] = Registry("models", scope=_scope("second"), parent=root)

    @first.register_module(name="Net")
    class NetA:
        def __init__(self, depth: int, width: int) -> None:
            self.depth = depth

    @second.register_module(name="Net")
    class NetB:
        def __init__(self, depth: str, width: int, extra: object, bias: bool = False) -> None:
            self.depth = depth

    schema = _schema([PartRule("model", "m.MODELS")], {"m.MODELS": first})
    definition = schema["$defs"]["models"]
    assert definition["properties"]["type"]["enum"] == [
        "Net",
        f"{first.scope}.Net",
        f"{second.scope}.Net",
    ]
    # From root, each scoped form reaches one entry; from a child, "Net" reaches its own.
    ifs = [branch["if"]["properties"]["type"] for branch in definition["allOf"]]
    assert ifs == [
        {"const": "Net"},
        {"const": f"{first.scope}.Net"},
        {"const": f"{second.scope}.Net"},
    ]
    merged = definition["allOf"][0]["then"]["properties"]
    assert merged["depth"] == {
        "anyOf": [{"type": "number"}, {"type": "string"}],
        "description": "NetA(depth: int) or NetB(depth: str)",
    }
    assert merged["extra"] == {"description": "NetB(extra: object)"}
    assert merged["bias"]["description"] == "NetB(bias: bool = ...)"
    assert _errors(schema, {"model": {"type": "Net", "width": 1}}) == [("$.model", "required")]
    assert _errors(schema, {"model": {"type": "Net", "depth": "x", "width": 1}}) == []


def test_a_parameter_without_annotation_takes_any_value():
    models: Registry[Any] = Registry("models", scope=_scope("plain"))

    @models.register_module()
    def make(size, scale: float = 1.0) -> object:
        return size * scale

    schema = _schema([PartRule("model", "m.MODELS")], {"m.MODELS": models})
    then = schema["$defs"]["models"]["allOf"][0]["then"]
    assert then["properties"]["size"] == {"description": "make(size: no annotation)"}
    assert _errors(schema, {"model": {"type": "make", "size": [1]}}) == []


def test_names_whose_signature_is_unknown_or_built_by_a_custom_build_func_are_only_names():
    def build(cfg: Any, *args: Any, registry: Registry[Any], **kwargs: Any) -> Any:
        return registry.get(cfg["type"])

    custom: Registry[Any] = Registry("custom", scope=_scope("custom"), build_func=build)
    custom.register_module(name="Logger", module=_hooks().get("Logger"))
    builtins: Registry[Any] = Registry("builtins", scope=_scope("builtins"))
    builtins.register_module(name="Int", module=int)
    rules = [PartRule("a", "c.CUSTOM"), PartRule("b", "b.BUILTINS")]
    schema = _schema(rules, {"c.CUSTOM": custom, "b.BUILTINS": builtins})
    assert "allOf" not in schema["$defs"]["custom"]
    assert "allOf" not in schema["$defs"]["builtins"]
    assert _errors(schema, {"a": {"type": "Logger", "x": 1}, "b": {"type": "Int", "y": 2}}) == []
    assert _errors(schema, {"a": {"type": "Loger"}}) == [("$.a.type", "enum")]


def test_config_for_refers_to_its_registrys_definition_made_once():
    optimizers: Registry[Any] = Registry("optimizers", scope=_scope("optim"))
    wrappers: Registry[Any] = Registry("wrappers", scope=_scope("wrappers"))

    @optimizers.register_module()
    class SGD:
        def __init__(self, params: list[float], lr: float) -> None:
            self.lr = lr

    @wrappers.register_module()
    class Wrapper:
        def __init__(self, optimizer: Annotated[dict[str, Any], ConfigFor(optimizers)]) -> None:
            self.optimizer = optimizer

    rules = [PartRule("wrapper", "w.WRAPPERS"), PartRule("optimizer", "o.OPTIMIZERS")]
    schema = _schema(rules, {"w.WRAPPERS": wrappers, "o.OPTIMIZERS": optimizers})
    assert sorted(schema["$defs"]) == [
        "complete:optimizer",
        "complete:wrapper",
        "optimizers",
        "part:optimizer",
        "part:wrapper",
        "wrappers",
    ]
    wrapper = {"type": "Wrapper", "optimizer": {"type": "SGD", "lr": "0.1", "momentum": 0}}
    assert _errors(schema, {"wrapper": wrapper}) == [
        ("$.wrapper.optimizer", "additionalProperties"),
        ("$.wrapper.optimizer.lr", "type"),
    ]
    # Nested: built by the wrapper, which passes params; missing keys are not reported.
    assert _errors(schema, {"wrapper": {"type": "Wrapper", "optimizer": {"lr": 0.1}}}) == []


def test_default_args_may_give_the_type_itself():
    rule = PartRule("hook", "h.HOOKS", default_args=("type",))
    schema = _schema([rule], {"h.HOOKS": _hooks()})
    assert _errors(schema, {"hook": {"interval": 1}}) == []


def test_a_pointer_escapes_what_json_pointers_and_uris_reserve():
    assert pointer("part:a/b~c d.*") == {"$ref": "#/$defs/part:a~1b~0c%20d.*"}


def test_registries_whose_configs_hold_each_others_are_each_defined_once():
    models: Registry[Any] = Registry("models", scope=_scope("mutual_models"))
    heads: Registry[Any] = Registry("heads", scope=_scope("mutual_heads"))

    @models.register_module()
    class Model:
        def __init__(self, head: Annotated[dict[str, Any], ConfigFor(heads)]) -> None:
            self.head = head

    @heads.register_module()
    class Head:
        def __init__(self, inner: Annotated[dict[str, Any], ConfigFor(models)]) -> None:
            self.inner = inner

    schema = _schema([PartRule("model", "m.MODELS")], {"m.MODELS": models})
    assert sorted(schema["$defs"]) == ["complete:model", "heads", "models", "part:model"]
    config = {"type": "Model", "head": {"type": "Head", "inner": {"type": "Modle"}}}
    assert _errors(schema, {"model": config}) == [("$.model.head.inner.type", "enum")]


def test_a_rule_whose_builder_changes_the_config_leaves_its_part_free():
    # runner = "mmengine"'s optim_wrapper: OptimWrapper by default, paramwise_cfg removed.
    hooks = _hooks()
    changed = PartRule("hook", "h.HOOKS", default_type="Logger", consumes=("paramwise_cfg",))
    schema = _schema([changed, PartRule("other", "h.HOOKS")], {"h.HOOKS": hooks})
    assert "hook" not in schema["properties"]
    assert _errors(schema, {"hook": {"paramwise_cfg": {}}, "other": {"type": "Logger"}}) == []


def test_what_runs_although_the_annotation_is_narrower_is_accepted_as_validate_does():
    models: Registry[Any] = Registry("models", scope=_scope("lenient"))

    @models.register_module()
    class Pad:
        def __init__(
            self,
            pad_val: float = 0.0,
            sizes: list[int] = None,  # type: ignore[assignment]  # noqa: RUF013  # implicit Optional
            backends: dict[str, Any] | None = None,
            depth: int = 1,
        ) -> None:
            self.pad_val = pad_val

    schema = _schema([PartRule("model", "m.MODELS")], {"m.MODELS": models})
    accepted = [
        {"pad_val": [114, 114, 114], "depth": 1.5, "sizes": None},
        {"backends": [{"type": "Local"}], "sizes": [{"type": "Size"}]},
    ]
    for values in accepted:
        config = {"type": "Pad", **values}
        assert models.validate(config) == []
        assert _errors(schema, {"model": config}) == []
    # What validate refuses, the schema refuses at the key that is wrong.
    refused = {"type": "Pad", "depth": {"type": "Conv"}, "sizes": ["a"], "pad_val": ["a"]}
    assert len(models.validate(refused)) == 3
    assert _errors(schema, {"model": refused}) == [
        ("$.model.depth", "type"),
        ("$.model.pad_val[0]", "type"),
        ("$.model.sizes[0]", "type"),
    ]
