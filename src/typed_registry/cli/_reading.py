"""A config file read for checking: its merged value, and where each value was written.

The file is always read by typed_registry's own reader, which knows each value's file and
line and never runs the file; by default (``--loader builtin``) its values are the ones
checked. With ``--loader mmengine``, the values checked are those of MMEngine's
``Config.fromfile``, what a training run gets, which *runs* the config (and its bases):
only that flag, whose name says so, ever runs one. The reader's origins are attached to
MMEngine's values by path. Where the reader computed every value, the two agree (the tests
compare them on every config of the example project, and the reader with a model of
MMEngine's merge on generated ones). A pure-Python config (``read_base``) is only read
statically: MMEngine would import the classes it names.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from typed_registry._configs import (
    DEFAULT_LIMITS,
    ClassRef,
    ConfigDict,
    ConfigFileError,
    ConfigList,
    Origin,
    Scalar,
    load_config_file,
)
from typed_registry._validation import OPAQUE, DataList, NamedClass, PartialDict
from typed_registry.cli._errors import UsageError

if TYPE_CHECKING:
    from pathlib import Path

    from typed_registry._configs import ConfigLimits, LoadedConfig, Node

#: The choices of ``--loader``: the reader, or MMEngine's ``Config.fromfile`` (which runs it).
LOADERS = ("builtin", "mmengine")


@dataclass(frozen=True)
class ReadConfig:
    """A config ready to check.

    Attributes:
        loaded: What the static reader read (its parts are found there).
        value: The merged config in plain form, with the checker's markers.
        origins: Where each path's value was written.
        values: The value at each path of ``value`` (a key may hold a dot: a path is never
            split to find its value).
    """

    loaded: LoadedConfig
    value: dict[str, Any]
    origins: dict[str, Origin]
    values: dict[str, object]

    def origin(self, path: str) -> Origin:
        """Where the value at ``path`` was written.

        A value that MMEngine computed where the reader did not (``[dict(...)] * 2``) has
        no origin of its own: it is the nearest enclosing value's that has one.
        """
        while path not in self.origins:
            path = path[: max(path.rfind("."), path.rfind("["), 0)]
        return self.origins[path]


def read_config(path: Path, loader: str, limits: ConfigLimits = DEFAULT_LIMITS) -> ReadConfig:
    """Read ``path`` for checking with ``loader`` (one of :data:`LOADERS`).

    Raises:
        UsageError: The file cannot be read or exceeds one of ``limits`` (one line naming
            it), or MMEngine is asked for and not installed.
    """
    try:
        loaded = load_config_file(path, limits)
    except ConfigFileError as error:
        raise UsageError(str(error)) from None
    origins: dict[str, Origin] = {}
    values: dict[str, object] = {}
    value = cast("dict[str, Any]", _plain(loaded.root, "", origins, values))
    if loader == "mmengine" and not _pure_python(loaded):
        values = {}
        value = _with_markers(_mmengine_value(path), "", origins, values)
    return ReadConfig(loaded, value, origins, values)


def _pure_python(loaded: LoadedConfig) -> bool:
    return any(
        file.suffix == ".py" and "read_base" in file.read_text(encoding="utf-8")
        for file in loaded.files
    )


def _mmengine_value(path: Path) -> dict[str, Any]:
    try:
        # Optional, untyped, and slow to import: only here.
        config_module = importlib.import_module("mmengine.config")
    except ImportError:
        msg = "--loader mmengine: MMEngine is not installed (pip install mmengine-lite)"
        raise UsageError(msg) from None
    try:
        config = config_module.Config.fromfile(str(path), import_custom_modules=False)
    except (Exception, SystemExit) as error:  # MMEngine's reasons vary (the config runs)
        first = str(error).splitlines()[0] if str(error) else ""
        msg = f"{path}: MMEngine cannot load it ({type(error).__name__}: {first})"
        raise UsageError(msg) from None
    return cast("dict[str, Any]", config.to_dict())


def _plain(node: Node, path: str, origins: dict[str, Origin], values: dict[str, object]) -> object:
    """``node`` as the checker reads it; records each value, and its origin, under its path."""
    origins[path] = node.origin
    found: object
    if isinstance(node, ConfigDict):
        items = {
            key: _plain(value, _key(path, key), origins, values)
            for key, value in node.items.items()
        }
        found = PartialDict(items) if node.partial else items
    elif isinstance(node, ConfigList):
        listed = [
            _plain(item, f"{path}[{index}]", origins, values)
            for index, item in enumerate(node.items)
        ]
        if node.is_tuple:
            found = tuple(listed)
        else:
            found = listed if node.origin.file.endswith(".py") else DataList(listed)
    elif isinstance(node, Scalar):
        found = node.value
    elif isinstance(node, ClassRef):
        found = NamedClass(node.fullname)
    else:
        found = OPAQUE
    values[path] = found
    return found


def _with_markers(
    value: object, path: str, origins: dict[str, Origin], values: dict[str, object]
) -> Any:  # noqa: ANN401
    """MMEngine's value, with lists written by a data file (by origin) made DataLists.

    Records each value under its path in ``values``.
    """
    found: object = value
    if isinstance(value, dict):
        items = cast("dict[str, object]", value)
        found = {
            key: _with_markers(item, _key(path, key), origins, values)
            for key, item in items.items()
        }
    elif isinstance(value, list | tuple):
        items_ = [
            _with_markers(item, f"{path}[{index}]", origins, values)
            for index, item in enumerate(cast("list[object]", value))
        ]
        origin = origins.get(path)
        if isinstance(value, tuple):
            found = tuple(items_)
        elif origin is not None and not origin.file.endswith(".py"):
            found = DataList(items_)
        else:
            found = items_
    values[path] = found
    return found


def _key(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
