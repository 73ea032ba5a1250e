"""JSON, YAML and TOML config files, read into value nodes.

YAML keeps lines (each node's start mark); the JSON and TOML parsers of the standard library
give none, so their values carry the file only.
"""

from __future__ import annotations

import json
import tomllib
from typing import TYPE_CHECKING, cast

from typed_registry._configs._nodes import ConfigDict, ConfigList, Node, Origin, Scalar, Unknown
from typed_registry._configs.errors import ConfigFileError

if TYPE_CHECKING:
    from pathlib import Path

    import yaml

#: Suffixes read by :func:`read_data`.
DATA_SUFFIXES = (".json", ".yaml", ".yml", ".toml")
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


def read_data(path: Path, text: str) -> ConfigDict:
    """A JSON, YAML or TOML config file's top-level mapping."""
    suffix = path.suffix
    if suffix == ".json":
        try:
            data: object = json.loads(text)
        except json.JSONDecodeError as error:
            msg = f"{path}:{error.lineno}: cannot parse the config: {error.msg}"
            raise ConfigFileError(msg) from None
        root = _plain(data, Origin(str(path)))
    elif suffix == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            msg = f"{path}: cannot parse the config: {error}"
            raise ConfigFileError(msg) from None
        root = _plain(data, Origin(str(path)))
    else:
        root = _read_yaml(path, text)
    if not isinstance(root, ConfigDict):
        msg = f"{path}: a config file must hold a mapping at the top"
        raise ConfigFileError(msg)
    return root


def _plain(value: object, origin: Origin) -> Node:
    if isinstance(value, dict):
        mapping = cast("dict[object, object]", value)
        return ConfigDict({str(key): _plain(item, origin) for key, item in mapping.items()}, origin)
    if isinstance(value, list):
        items = cast("list[object]", value)
        return ConfigList(tuple(_plain(item, origin) for item in items), origin)
    if isinstance(value, str | int | float | bool) or value is None:
        return Scalar(value, origin)
    return Unknown(origin)  # TOML dates and times


def _read_yaml(path: Path, text: str) -> Node:
    try:
        import yaml  # noqa: PLC0415  # only YAML configs need it
    except ImportError:
        msg = f"{path}: reading YAML configs needs PyYAML (pip install pyyaml)"
        raise ConfigFileError(msg) from None
    try:
        loader = yaml.SafeLoader(text)  # checks the characters first
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        msg = f"{path}:{line}: cannot read the config: {error.reason} (#x{error.character:04x})"
        raise ConfigFileError(msg) from None
    try:
        node = loader.get_single_node()
        return ConfigDict(origin=Origin(str(path))) if node is None else _yaml(loader, node, path)
    except yaml.MarkedYAMLError as error:
        # Every error of composing and constructing carries the problem and its place.
        mark = error.problem_mark
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = ", ".join(text for text in (error.context, error.problem) if text)
        msg = f"{where}: cannot read the config: {problem}"
        raise ConfigFileError(msg) from None
    finally:
        loader.dispose()


def _yaml(
    loader: yaml.SafeLoader, node: yaml.Node, path: Path, within: frozenset[int] = frozenset()
) -> Node:
    import yaml  # noqa: PLC0415

    origin = Origin(str(path), node.start_mark.line + 1, node.start_mark.column)
    if id(node) in within:
        return Unknown(origin)  # an anchor used inside itself (`&a [*a]`)
    within |= {id(node)}
    if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
        loader.flatten_mapping(node)  # `<<: *anchor` merge keys
        items: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key: object = loader.construct_object(key_node, deep=True)  # pyright: ignore[reportUnknownMemberType]
            items[str(key)] = _yaml(loader, value_node, path, within)
        return ConfigDict(items, origin)
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        return ConfigList(tuple(_yaml(loader, item, path, within) for item in node.value), origin)
    # A scalar, or a tagged collection (`!!set`, `!!omap`): the safe constructor refuses
    # the tags it does not know (`!!python/object/apply:os.system [...]`).
    value: object = loader.construct_object(node, deep=True)  # pyright: ignore[reportUnknownMemberType]
    if isinstance(value, str | int | float | bool) or value is None:
        return Scalar(value, origin)
    return Unknown(origin)  # dates, binary, sets, ordered pairs
