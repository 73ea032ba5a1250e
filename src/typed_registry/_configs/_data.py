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
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        return ConfigDict(origin=Origin(str(path))) if node is None else _yaml(loader, node, path)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = error.problem or error.context or "invalid YAML"
        msg = f"{where}: cannot read the config: {problem}"
        raise ConfigFileError(msg) from None
    except yaml.YAMLError as error:
        msg = f"{path}: cannot read the config: {error}"
        raise ConfigFileError(msg) from None
    finally:
        loader.dispose()


def _yaml(loader: yaml.SafeLoader, node: yaml.Node, path: Path) -> Node:
    import yaml  # noqa: PLC0415

    origin = Origin(str(path), node.start_mark.line + 1, node.start_mark.column)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # `<<: *anchor` merge keys
        items: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key: object = loader.construct_object(key_node, deep=True)  # pyright: ignore[reportUnknownMemberType]
            items[str(key)] = _yaml(loader, value_node, path)
        return ConfigDict(items, origin)
    if isinstance(node, yaml.SequenceNode):
        return ConfigList(tuple(_yaml(loader, item, path) for item in node.value), origin)
    value: object = loader.construct_object(node, deep=True)  # pyright: ignore[reportUnknownMemberType]
    if isinstance(value, str | int | float | bool) or value is None:
        return Scalar(value, origin)
    return Unknown(origin)  # dates, binary
