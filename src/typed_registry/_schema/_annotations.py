"""A parameter's annotation as a JSON Schema for the values a config file may give it.

The schema is never stricter than the check of ``typed-registry check``, which accepts what
typeguard accepts: where the two cannot agree, the schema leaves the value alone (``{}``).
``int`` and ``float`` are ``number`` (an int is a float, as in Python, and a float runs where
an int is annotated, which the check accepts as the plugin does), ``str`` is
``string``, ``bool`` is ``boolean``, ``None`` is ``null``; lists, tuples and sequences are
arrays (JSON and YAML write tuples as lists, which the check accepts), a sequence whose
items may be strings also takes a string (a string is a sequence of strings), dicts and
mappings are objects, unions are ``anyOf`` and ``Literal`` is an ``enum``. A class, a
Protocol, a TypeVar, ``Any`` or an annotation that could not be evaluated constrains
nothing. A dict that ``ConfigFor(REG)`` marks is a config of ``REG``.

The one place where the schema is stricter than Python: ``true`` for an ``int`` or
``float`` parameter. ``bool`` is a subclass of ``int``, so it builds, but a boolean written
for a number is a mistake in a config file, and offering ``true`` among an integer's values
would make every editor's completion worse.
"""

from __future__ import annotations

import collections.abc
import types
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from typed_registry._config_for import ConfigFor

if TYPE_CHECKING:
    from typed_registry._registry import Registry

#: A JSON Schema, as a JSON object.
Schema = dict[str, Any]

#: The reference to a registry's definition, by registry.
RefFor = Callable[["Registry[Any]"], Schema]

_SCALARS: dict[object, str] = {
    bool: "boolean",
    int: "number",
    float: "number",
    str: "string",
    type(None): "null",
    None: "null",
}
_ARRAYS: tuple[object, ...] = (
    list,
    tuple,
    set,
    frozenset,
    collections.abc.Sequence,
    collections.abc.MutableSequence,
    collections.abc.Collection,
    collections.abc.Iterable,
    collections.abc.Set,
    collections.abc.MutableSet,
)
#: Abstract collections a ``str`` is an instance of: a string is a sequence of strings.
_STRING_COLLECTIONS: tuple[object, ...] = (
    collections.abc.Sequence,
    collections.abc.Collection,
    collections.abc.Iterable,
)
_OBJECTS: tuple[object, ...] = (
    dict,
    collections.abc.Mapping,
    collections.abc.MutableMapping,
)
_JSON_LITERALS = (str, int, float, bool, type(None))


def annotation_schema(annotation: object, ref_for: RefFor, config: Schema | None = None) -> Schema:
    """The schema of the values that ``annotation`` accepts from a config file.

    Args:
        annotation: An evaluated annotation (``NO_ANNOTATION`` and anything unknown give
            ``{}``).
        ref_for: Gives the reference to a registry's definition (for ``ConfigFor``).
        config: The schema that a dict takes here (inside ``ConfigFor``), if any.

    Example:
        >>> from typing import Literal
        >>> annotation_schema(int | None, lambda registry: {})
        {'anyOf': [{'type': 'number'}, {'type': 'null'}]}
        >>> annotation_schema(tuple[int, ...], lambda registry: {}) == {
        ...     "type": "array",
        ...     "items": {"type": "number"},
        ... }
        True
        >>> annotation_schema(Literal["sum", "mean"], lambda registry: {})
        {'enum': ['sum', 'mean']}
    """
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is typing.Annotated:
        marked = next((m for m in annotation.__metadata__ if isinstance(m, ConfigFor)), None)  # type: ignore[attr-defined]
        inner = config if marked is None else ref_for(marked.registry)
        return annotation_schema(arguments[0], ref_for, inner)
    if origin is typing.Union or isinstance(annotation, types.UnionType):
        return _union([annotation_schema(a, ref_for, config) for a in arguments])
    if origin is typing.Literal:
        json_values = all(isinstance(a, _JSON_LITERALS) for a in arguments)
        return {"enum": list(arguments)} if json_values else {}
    supertype = getattr(annotation, "__supertype__", None)  # typing.NewType
    if supertype is not None:
        return annotation_schema(supertype, ref_for, config)
    return _class_schema(annotation, origin, arguments, ref_for, config)


def _class_schema(
    annotation: object,
    origin: object,
    arguments: tuple[object, ...],
    ref_for: RefFor,
    config: Schema | None,
) -> Schema:
    if annotation in _SCALARS:
        return {"type": _SCALARS[annotation]}
    container = origin if origin is not None else annotation
    if container in _OBJECTS:
        return _object(arguments, ref_for, config)
    if container in _ARRAYS:
        fixed = origin is tuple and (not arguments or arguments[-1] is not Ellipsis)
        return _array(container, arguments, ref_for, config, fixed=fixed)
    return {}


def _object(arguments: tuple[object, ...], ref_for: RefFor, config: Schema | None) -> Schema:
    if config is not None:
        return {"allOf": [config], "type": "object"}
    schema: Schema = {"type": "object"}
    if len(arguments) == 2 and arguments[0] is str:  # noqa: PLR2004  # dict[str, V]
        values = annotation_schema(arguments[1], ref_for)
        if values:
            schema["additionalProperties"] = values
    return schema


def _array(
    container: object,
    arguments: tuple[object, ...],
    ref_for: RefFor,
    config: Schema | None,
    *,
    fixed: bool,
) -> Schema:
    schema: Schema = {"type": "array"}
    if fixed:  # tuple[int, str], or tuple[()]
        if arguments:
            schema["prefixItems"] = [annotation_schema(a, ref_for, config) for a in arguments]
        # A draft-07 editor ignores prefixItems, so the length is said in its words too.
        schema["minItems"] = schema["maxItems"] = len(arguments)
        return schema
    items = annotation_schema(arguments[0], ref_for, config) if arguments else {}
    if items:
        schema["items"] = items
    if container in _STRING_COLLECTIONS and _takes_strings(items):
        return _union([schema, {"type": "string"}])
    return schema


def _takes_strings(schema: Schema) -> bool:
    """Whether ``schema`` accepts some one-character strings (then a string is a sequence)."""
    if not schema or schema.get("type") == "string":
        return True
    return any(map(_takes_strings, schema.get("anyOf", [])))


def _union(schemas: list[Schema]) -> Schema:
    """``anyOf`` of ``schemas``, flattened; ``{}`` when one of them accepts anything."""
    branches: list[Schema] = []
    for schema in schemas:
        if not schema:
            return {}
        for branch in schema.get("anyOf", [schema]) if len(schema) == 1 else [schema]:
            if branch not in branches:
                branches.append(branch)
    return branches[0] if len(branches) == 1 else {"anyOf": branches}
