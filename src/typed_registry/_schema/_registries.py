"""A registry's configs as a JSON Schema: ``type`` names an entry, the other keys its parameters.

A config file cannot say under which default scope it is built (``default_scope`` is often
in a base, and a config's ``_scope_`` moves it), so a registry's definition takes every key
that resolves from any registry of its tree, by the resolution rule of ``Registry.get``:
each name, and each ``scope.name`` (one scope prefix). A key that reaches different entries
from different registries (``ResNet`` of two codebases) takes what either takes: the union
of their keys, the values either accepts, and, in a complete config, only the keys both
require. The registries of one tree therefore share one definition.

Each entry is one ``if``/``then`` (``if`` the ``type`` is one of its keys, ``then`` these
properties), rather than a ``oneOf`` whose branches each hold a ``const`` type: before a
``type`` is written an editor offers the names alone, not the keys of every entry; once it
is written, the keys of that entry; a misspelt name is reported on ``type`` with the names
it may be, and a wrong key or value where it is written, where a ``oneOf`` reports that no
branch matches the whole config.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from typed_registry._build import build_from_cfg
from typed_registry._schema._annotations import Schema, annotation_schema
from typed_registry._validation._signature import NO_ANNOTATION, signature_of
from typed_registry._validation._types import (
    describe_annotation,
    mismatch,
    takes_a_container,
    takes_a_float,
    takes_a_list,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from typed_registry._registry import Registry
    from typed_registry._schema._annotations import RefFor
    from typed_registry._validation._signature import Parameter, Signature

#: A ``_scope_`` the checker accepts: a scope name (no ``.``), or null.
SCOPE_SCHEMA: Schema = {"pattern": r"^[^.]+$", "type": ["string", "null"]}
#: Keys a config uses for itself, or that MMEngine's merge reads (``_delete_``).
_OWN_KEYS = ("type", "_scope_", "_delete_")


@dataclass(frozen=True)
class Entry:
    """The entries that some keys of a registry's tree resolve to.

    Attributes:
        keys: The keys (sorted): names and ``scope.name`` forms.
        signatures: What each entry takes; None when one of them cannot be read, or is
            built by a custom ``build_func`` (then only the name is checked).
    """

    keys: tuple[str, ...]
    signatures: tuple[Signature, ...] | None

    def required(self, given: Iterable[str]) -> list[str]:
        """The keys a complete config must have: required by every entry, not ``given``."""
        if self.signatures is None:
            return []
        sets = [
            {name for name, p in signature.parameters.items() if p.required}
            for signature in self.signatures
        ]
        return sorted(sets[0].intersection(*sets[1:]) - set(given))


def members(registry: Registry[Any]) -> list[Registry[Any]]:
    """Every registry of ``registry``'s tree, root first, children in creation order."""
    found = [registry.root]
    for node in found:
        found.extend(node.children.values())
    return found


def entries_of(registry: Registry[Any]) -> list[Entry]:
    """The keys that resolve from some registry of ``registry``'s tree, grouped by entry.

    Raises:
        LocationImportError: A registry's ``locations`` fail to import.
    """
    tree = members(registry)
    names = sorted({name for node in tree for name in node})
    candidates = names + sorted(f"{node.scope}.{name}" for node in tree for name in names)
    groups: dict[tuple[int, ...], list[str]] = {}
    found: dict[tuple[int, ...], list[tuple[Callable[..., object], Registry[Any]]]] = {}
    for key in candidates:
        reached = {
            id(entry): (entry, start) for start in tree if (entry := start.get(key)) is not None
        }
        if reached:
            marker = tuple(sorted(reached))
            groups.setdefault(marker, []).append(key)
            found[marker] = list(reached.values())
    return [Entry(tuple(keys), _signatures(found[marker])) for marker, keys in groups.items()]


def _signatures(
    reached: list[tuple[Callable[..., object], Registry[Any]]],
) -> tuple[Signature, ...] | None:
    signatures: list[Signature] = []
    for entry, start in reached:
        signature = signature_of(entry)
        if signature is None or start.build_func is not build_from_cfg:
            return None
        signatures.append(signature)
    return tuple(signatures)


def registry_schema(registry: Registry[Any], entries: list[Entry], ref_for: RefFor) -> Schema:
    """The definition of a config of ``registry``'s tree: no key is required in it."""
    keys = _sorted_keys(key for entry in entries for key in entry.keys)
    described = f"registry {registry.root.name!r} (scope {registry.root.scope!r})"
    branches = [
        {"if": _type_is(entry.keys), "then": _entry_schema(entry.signatures, ref_for)}
        for entry in entries
        if entry.signatures is not None
    ]
    schema: Schema = {
        "description": f"A config built by {described} or a registry of its tree.",
        "properties": {
            "_scope_": {**SCOPE_SCHEMA, "description": "The default scope of this build."},
            "type": {"description": f"A name registered in {described}.", "enum": keys},
        },
    }
    if branches:
        schema["allOf"] = branches
    return schema


def required_schema(entries: list[Entry], given: Iterable[str]) -> list[Schema]:
    """``if``/``then`` rules: the keys each entry requires, without ``given``."""
    given = tuple(given)
    by_required: dict[tuple[str, ...], list[str]] = {}
    for entry in entries:
        required = tuple(entry.required(given))
        if required:
            by_required.setdefault(required, []).extend(entry.keys)
    return [
        {"if": _type_is(_sorted_keys(keys)), "then": {"required": list(required)}}
        for required, keys in sorted(by_required.items(), key=lambda item: _sorted_keys(item[1]))
    ]


def _sorted_keys(keys: Iterable[str]) -> list[str]:
    """Names first, then scoped forms: the order an editor offers them in."""
    return sorted(keys, key=lambda key: ("." in key, key))


def _type_is(keys: Iterable[str]) -> Schema:
    keys = list(keys)
    named = {"const": keys[0]} if len(keys) == 1 else {"enum": keys}
    return {"properties": {"type": named}, "required": ["type"]}


def _entry_schema(signatures: tuple[Signature, ...], ref_for: RefFor) -> Schema:
    """The keys the entries take and their values; any key when one takes ``**kwargs``."""
    names = dict.fromkeys(name for s in signatures for name in s.parameters)
    properties: Schema = dict.fromkeys(_OWN_KEYS, True)
    for name in names:
        properties[name] = _parameter_schema(name, signatures, ref_for)
    schema: Schema = {"properties": properties}
    if not any(signature.var_keyword for signature in signatures):
        schema["additionalProperties"] = False
    return schema


#: A config (a dict with a ``type``), and a list of them: a class builds them itself.
_CONFIG: Schema = {"type": "object", "required": ["type"]}
_CONFIGS: Schema = {"type": "array", "minItems": 1, "items": _CONFIG}
#: Numbers per channel (``pad_val: [114, 114, 114]`` for a ``float``).
_PER_CHANNEL: Schema = {"type": "array", "minItems": 1, "items": {"type": "number"}}


def _as_run(schema: Schema, parameter: Parameter) -> Schema:
    """``schema``, with the values that run although the annotation is narrower.

    What ``validate`` accepts besides the annotation (``typed_registry._validation``):
    ``null`` for a parameter with a default, a config or a list of configs where a dict or
    a list is annotated, and numbers per channel where a float is. Each is an ``if``, not
    an ``anyOf``: a value that is none of them meets the annotation's schema alone, so an
    editor's message names the key that is wrong, not the value as a whole.
    """
    if not schema:
        return schema
    annotation = parameter.annotation
    written = schema
    if not parameter.required and mismatch(None, annotation) is not None:
        simple = set(schema) == {"type"} and isinstance(schema["type"], str)
        # A type list keeps jsonschema's message: "'50' is not of type 'number', 'null'".
        schema = {"type": [schema["type"], "null"]} if simple else _unless(_NULL, {}, schema)
    if takes_a_float(annotation) and not takes_a_list(annotation):
        schema = _unless({"type": "array"}, _PER_CHANNEL, schema)
    if not takes_a_container(annotation):
        return schema
    if parameter.config_for is not None:
        # A list of configs of the registry ``ConfigFor`` names, each checked as one.
        if mismatch([{"type": "X"}], annotation) is not None:
            schema = _unless({"type": "array"}, {"items": written}, schema)
        return schema
    for config, value in ((_CONFIG, {"type": "X"}), (_CONFIGS, [{"type": "X"}])):
        if mismatch(value, annotation) is not None:
            schema = _unless(config, {}, schema)
    return schema


_NULL: Schema = {"type": "null"}


def _unless(condition: Schema, then: Schema, schema: Schema) -> Schema:
    """``then`` for a value that meets ``condition``, ``schema`` for any other."""
    return {"if": condition, "then": then, "else": schema}


def _parameter_schema(name: str, signatures: tuple[Signature, ...], ref_for: RefFor) -> Schema:
    schemas: list[Schema] = []
    shown: list[str] = []
    for signature in signatures:
        parameter = signature.parameters.get(name)
        if parameter is None:
            # Not a parameter of this entry: the key goes to its **kwargs, or is an error
            # for it, not for the entry that takes it.
            continue
        schema = _as_run(annotation_schema(parameter.annotation, ref_for), parameter)
        if schema not in schemas:
            schemas.append(schema)
        annotation = (
            "no annotation"
            if parameter.annotation is NO_ANNOTATION
            else describe_annotation(parameter.annotation)
        )
        shown.append(
            f"{signature.name}({name}: {annotation}{'' if parameter.required else ' = ...'})"
        )
    merged: Schema = {} if {} in schemas or len(schemas) != 1 else dict(schemas[0])
    if len(schemas) > 1 and {} not in schemas:
        merged = {"anyOf": schemas}
    merged["description"] = " or ".join(dict.fromkeys(shown))
    return merged
