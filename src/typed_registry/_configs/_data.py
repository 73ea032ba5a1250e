"""JSON, YAML and TOML config files, read into value nodes.

YAML keeps lines (each node's start mark); the JSON and TOML parsers of the standard library
give none, so their values carry the file only.

A YAML alias is the node of its anchor again: each node is read once and shared (a file of
nested aliases is read in time linear in its size, never expanded), and a merge key
(``<<: *base``) merges each mapping's keys once. Nesting is bounded by the depth limit
while values are converted; a parser's own recursion on deeper input is reported as the
same limit by :func:`~._loading.load_config_file`.
"""

from __future__ import annotations

import json
import tomllib
from typing import TYPE_CHECKING, cast

from typed_registry._configs._limits import exceeded
from typed_registry._configs._nodes import ConfigDict, ConfigList, Node, Origin, Scalar, Unknown
from typed_registry._configs.errors import ConfigFileError

if TYPE_CHECKING:
    from pathlib import Path

    import yaml

    from typed_registry._configs._limits import Measure


#: Suffixes read by :func:`read_data`.
DATA_SUFFIXES = (".json", ".yaml", ".yml", ".toml")
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"


def read_data(path: Path, text: str, measure: Measure) -> ConfigDict:
    """A JSON, YAML or TOML config file's top-level mapping.

    Raises:
        ConfigFileError: It does not parse, or holds no mapping at the top.
        ConfigLimitError: It nests deeper than ``measure``'s limit.
    """
    suffix = path.suffix
    depth = measure.limits.depth
    if suffix == ".json":
        try:
            data: object = json.loads(text)
        except json.JSONDecodeError as error:
            msg = f"{path}:{error.lineno}: cannot parse the config: {error.msg}"
            raise ConfigFileError(msg) from None
        root = _plain(data, Origin(str(path)), depth)
    elif suffix == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            msg = f"{path}: cannot parse the config: {error}"
            raise ConfigFileError(msg) from None
        root = _plain(data, Origin(str(path)), depth)
    else:
        root = _read_yaml(path, text, depth)
    if not isinstance(root, ConfigDict):
        msg = f"{path}: a config file must hold a mapping at the top"
        raise ConfigFileError(msg)
    return root


def _plain(value: object, origin: Origin, limit: int, level: int = 0) -> Node:
    """``value`` (parsed JSON or TOML: a tree, nothing shared) as nodes.

    ``level``: how deep it lies; deeper than ``limit`` is an error.
    """
    if isinstance(value, dict | list):
        if level >= limit:
            raise exceeded(origin.file, "the nesting of the config", "depth", limit)
        if isinstance(value, dict):
            mapping = cast("dict[object, object]", value)
            return ConfigDict(
                {str(k): _plain(item, origin, limit, level + 1) for k, item in mapping.items()},
                origin,
            )
        items = cast("list[object]", value)
        return ConfigList(tuple(_plain(item, origin, limit, level + 1) for item in items), origin)
    if isinstance(value, str | int | float | bool) or value is None:
        return Scalar(value, origin)
    return Unknown(origin)  # TOML dates and times


def _read_yaml(path: Path, text: str, depth: int) -> Node:
    try:
        import yaml  # noqa: PLC0415  # only YAML configs need it
    except ImportError:
        msg = f"{path}: reading YAML configs needs PyYAML (pip install pyyaml)"
        raise ConfigFileError(msg) from None
    try:
        # Not libyaml's loader: its messages differ, and it composes a deep collection by
        # recursion in C, with no limit.
        loader = _bounded_loader(text, path, depth)  # checks the characters first
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        msg = f"{path}:{line}: cannot read the config: {error.reason} (#x{error.character:04x})"
        raise ConfigFileError(msg) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return ConfigDict(origin=Origin(str(path)))
        return _YamlReader(loader, path, depth).node(node, 0)[0]
    except yaml.MarkedYAMLError as error:
        # Every error of composing and constructing carries the problem and its place.
        mark = error.problem_mark
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = ", ".join(text for text in (error.context, error.problem) if text)
        msg = f"{where}: cannot read the config: {problem}"
        raise ConfigFileError(msg) from None
    finally:
        loader.dispose()


def _bounded_loader(text: str, path: Path, limit: int) -> yaml.SafeLoader:
    """PyYAML's safe loader for ``text``, composing no deeper than ``limit``.

    PyYAML's scanner spends time in proportion to the nesting on each token, and its
    composer recurses once per level: stopping at the limit bounds both.
    """
    import yaml  # noqa: PLC0415

    class BoundedLoader(yaml.SafeLoader):
        level = 0

        def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
            # A scalar lies a level below the deepest collection the limit allows.
            self.level += 1
            try:
                if self.level > limit + 1:
                    raise exceeded(path, "the nesting of the config", "depth", limit)
                return super().compose_node(parent, index)
            finally:
                self.level -= 1

    return BoundedLoader(text)


class _YamlReader:
    """Turns composed YAML nodes into value nodes, each YAML node once.

    The composer gives an alias as its anchor's node again: what a node reads to is
    remembered by the node (kept with it, so that its ``id`` stays its own).
    """

    def __init__(self, loader: yaml.SafeLoader, path: Path, depth: int) -> None:
        self.loader = loader
        self.path = path
        self.depth = depth
        self.read: dict[int, tuple[yaml.Node, Node, int]] = {}
        self.pairs_read: dict[int, tuple[yaml.Node, dict[str, yaml.Node]]] = {}
        #: The nodes being read: an anchor used inside itself (``&a [*a]``).
        self.reading: set[int] = set()
        self.merging: set[int] = set()

    def origin(self, node: yaml.Node) -> Origin:
        return Origin(str(self.path), node.start_mark.line + 1, node.start_mark.column)

    def node(self, node: yaml.Node, level: int) -> tuple[Node, int]:
        """What ``node`` reads to, and how many levels it holds; ``level``: how deep it lies.

        Raises:
            ConfigLimitError: It lies deeper than the depth limit allows.
        """
        found = self.read.get(id(node))
        if found is not None:
            value, height = found[1], found[2]
        elif id(node) in self.reading:
            return Unknown(self.origin(node)), 0
        else:
            self.reading.add(id(node))
            value, height = self.convert(node, level)
            self.reading.discard(id(node))
            self.read[id(node)] = (node, value, height)
        if level + height > self.depth:
            raise exceeded(self.path, "the nesting of the config", "depth", self.depth)
        return value, height

    def convert(self, node: yaml.Node, level: int) -> tuple[Node, int]:
        import yaml  # noqa: PLC0415

        origin = self.origin(node)
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            read = {key: self.node(value, level + 1) for key, value in self.pairs(node).items()}
            items = {key: value for key, (value, _) in read.items()}
            return ConfigDict(items, origin), 1 + max((h for _, h in read.values()), default=0)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            values = [self.node(item, level + 1) for item in node.value]
            height = 1 + max((h for _, h in values), default=0)
            return ConfigList(tuple(value for value, _ in values), origin), height
        # A scalar, or a tagged collection (`!!set`, `!!omap`): the safe constructor refuses
        # the tags it does not know (`!!python/object/apply:os.system [...]`). It remembers
        # what it built by node: shared nodes are built once.
        value: object = self.loader.construct_object(node, deep=True)  # pyright: ignore[reportUnknownMemberType]
        if isinstance(value, str | int | float | bool) or value is None:
            return Scalar(value, origin), 0
        return Unknown(origin), 0  # dates, binary, sets, ordered pairs

    def pairs(self, node: yaml.MappingNode) -> dict[str, yaml.Node]:
        """A mapping's keys and value nodes, with what its merge keys (``<<``) bring.

        As PyYAML merges: the mapping's own keys win over merged ones, and of the merged
        mappings, the first that has a key. Each mapping's keys are gathered once.
        """
        import yaml  # noqa: PLC0415

        found = self.pairs_read.get(id(node))
        if found is not None:
            return found[1]
        if id(node) in self.merging:
            msg = f"{self.origin(node)}: cannot read the config: a mapping merges itself"
            raise ConfigFileError(msg)
        self.merging.add(id(node))
        merged: dict[str, yaml.Node] = {}
        own: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                sources = (
                    value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                )
                for source in sources:
                    if not (isinstance(source, yaml.MappingNode) and source.tag == _MAP):
                        msg = (
                            f"{self.origin(source)}: cannot read the config: a merge key (<<) "
                            "takes a mapping or a list of mappings"
                        )
                        raise ConfigFileError(msg)
                    for name, value in self.pairs(source).items():
                        merged.setdefault(name, value)
            elif isinstance(key_node, yaml.ScalarNode):
                key: object = self.loader.construct_object(key_node)  # pyright: ignore[reportUnknownMemberType]
                own[str(key)] = value_node
            else:
                msg = f"{self.origin(key_node)}: cannot read the config: a key must be a scalar"
                raise ConfigFileError(msg)
        self.merging.discard(id(node))
        pairs = {**merged, **own}
        self.pairs_read[id(node)] = (node, pairs)
        return pairs
