"""Loading a config file with its bases, merged as MMEngine merges them.

``_base_`` is a path or a list of paths, relative to the file. The bases are merged first,
in order; then the file's own values into them: a dict into a dict key by key, recursively,
unless it says ``_delete_=True`` (it then replaces the base's dict); lists and scalars
replace. A base that is missing, that includes itself through other bases, or whose keys
another base has set already, is a
:class:`~typed_registry._configs.errors.ConfigFileError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from typed_registry._configs._data import DATA_SUFFIXES, read_data
from typed_registry._configs._nodes import ConfigDict, ConfigList, Origin, Scalar, Unknown
from typed_registry._configs._python import base_entries, read_python
from typed_registry._configs.errors import ConfigFileError

#: The suffixes of config files.
CONFIG_SUFFIXES = (".py", *DATA_SUFFIXES)
_DELETE = "_delete_"


@dataclass(frozen=True)
class LoadedConfig:
    """A config file's value, merged with its bases.

    Attributes:
        path: The file (absolute).
        root: Its top-level variables, merged with its bases' (no ``_base_``; a ``_delete_``
            only where MMEngine keeps it too: in a dict that merged into nothing).
        files: The file and every file it reads (bases, ``read_base`` imports), each once.
        is_base: Whether the file is a base of others (it lies in a ``_base_`` folder): a
            base may leave out what the configs built on it supply.
    """

    path: Path
    root: ConfigDict
    files: tuple[Path, ...]
    is_base: bool


def load_config_file(path: Path, loaded: dict[Path, LoadedConfig] | None = None) -> LoadedConfig:
    r"""Read the config file at ``path`` and its bases, without running any of them.

    ``loaded`` keeps the files read (absolute paths), for the next call to read a base
    again from it: a caller that reads every file of a chain of bases reads each once.

    Raises:
        ConfigFileError: The file or a base does not parse, is missing, or is cyclic.

    Example:
        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "base.py").write_text("model = dict(type='ResNet', depth=50)")
        >>> _ = (folder / "child.py").write_text("_base_ = './base.py'\nmodel = dict(depth=101)")
        >>> from typed_registry._configs import to_plain
        >>> to_plain(load_config_file(folder / "child.py").root)
        {'model': {'type': 'ResNet', 'depth': 101}}
    """
    return _Loader({} if loaded is None else loaded).load(path.resolve(), ())


@dataclass
class _Loader:
    """Loads files once each (a base shared by several bases is read once)."""

    loaded: dict[Path, LoadedConfig] = field(default_factory=dict[Path, LoadedConfig])

    def load(self, path: Path, stack: tuple[Path, ...]) -> LoadedConfig:
        if path in stack:
            chain = " -> ".join(str(p) for p in (*stack[stack.index(path) :], path))
            msg = f"{stack[-1]}: the bases form a cycle: {chain}"
            raise ConfigFileError(msg)
        found = self.loaded.get(path)
        if found is None:
            found = self.loaded[path] = self._read(path, (*stack, path))
        return found

    def _read(self, path: Path, stack: tuple[Path, ...]) -> LoadedConfig:
        if path.suffix not in CONFIG_SUFFIXES:
            msg = f"{path}: not a config file (expected one of {', '.join(CONFIG_SUFFIXES)})"
            raise ConfigFileError(msg)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            msg = f"{path}: cannot read the config: {getattr(error, 'strerror', None) or error}"
            raise ConfigFileError(msg) from None
        files: list[Path] = [path]
        data = None if path.suffix == ".py" else read_data(path, text)
        entries = base_entries(path, text) if data is None else _data_bases(data)
        base = ConfigDict(origin=Origin(str(path), 1, 0))
        for entry, origin in entries:
            loaded = self._base(path, entry, origin, stack)
            files.extend(loaded.files)
            again = [key for key in loaded.root.items if key in base.items]
            if again:
                # MMEngine refuses it too (a base included twice is the usual cause).
                msg = f"{origin}: the base {entry!r} sets {again[0]} again: bases share no keys"
                raise ConfigFileError(msg)
            base = merge(base, loaded.root)

        def read_base(file: Path, origin: Origin) -> ConfigDict:
            loaded = self._base(path, str(file), origin, stack)
            files.extend(loaded.files)
            return loaded.root

        own = read_python(path, text, base, read_base) if data is None else data
        own = ConfigDict(
            {key: value for key, value in own.items.items() if key != "_base_"},
            own.origin,
            own.partial,
        )
        root = merge(base, own) if entries else own
        unique = tuple(dict.fromkeys(files))
        return LoadedConfig(path, root, unique, "_base_" in path.parts)

    def _base(
        self, path: Path, entry: str, origin: Origin, stack: tuple[Path, ...]
    ) -> LoadedConfig:
        if "::" in entry:
            # ``mmdet::_base_/models/x.py``: a base inside an installed package.
            msg = (
                f"{origin}: cannot read the base {entry!r}: bases inside packages are not supported"
            )
            raise ConfigFileError(msg)
        file = (path.parent / entry).resolve()
        if not file.is_file():
            msg = f"{origin}: the base {entry!r} does not exist ({file})"
            raise ConfigFileError(msg)
        return self.load(file, stack)


def _data_bases(own: ConfigDict) -> list[tuple[str, Origin]]:
    value = own.items.get("_base_")
    if value is None:
        return []
    items = value.items if isinstance(value, ConfigList) else (value,)
    found: list[tuple[str, Origin]] = []
    for item in items:
        if not (isinstance(item, Scalar) and isinstance(item.value, str)):
            msg = f"{item.origin}: _base_ must be a path or a list of paths"
            raise ConfigFileError(msg)
        found.append((item.value, item.origin))
    return found


def merge(base: ConfigDict, child: ConfigDict) -> ConfigDict:
    """``child`` merged into ``base`` (neither changes), as MMEngine merges a file into its bases.

    A dict of the child whose key the base has too is merged into the base's dict, or
    replaces it if it says ``_delete_=True``; either way its ``_delete_`` goes. Anything else
    replaces, as written (MMEngine keeps a ``_delete_`` that merged into nothing).

    Raises:
        ConfigFileError: A dict of the child meets something else than a dict in the base,
            without ``_delete_=True`` (MMEngine refuses it).

    Example:
        >>> from typed_registry._configs import to_plain
        >>> o = Origin("cfg.py")
        >>> base = ConfigDict({"a": ConfigDict({"x": Scalar(1, o), "y": Scalar(2, o)}, o)}, o)
        >>> child = ConfigDict({"a": ConfigDict({"x": Scalar(3, o)}, o)}, o)
        >>> to_plain(merge(base, child))
        {'a': {'x': 3, 'y': 2}}
    """
    items = dict(base.items)
    for key, value in child.items.items():
        old = items.get(key)
        if not isinstance(value, ConfigDict) or old is None:
            items[key] = value
            continue
        own = ConfigDict(
            {k: v for k, v in value.items.items() if k != _DELETE}, value.origin, value.partial
        )
        if _deletes(value):
            items[key] = own
        elif isinstance(old, ConfigDict):
            items[key] = merge(old, own)
        elif isinstance(old, Unknown):
            items[key] = replace(own, partial=True)  # the base's keys are unknown
        else:
            msg = (
                f"{value.origin}: {key} is a dict here but not in the base ({old.origin}):"
                " set _delete_=True to replace it"
            )
            raise ConfigFileError(msg)
    return ConfigDict(items, child.origin, base.partial or child.partial)


def _deletes(value: ConfigDict) -> bool:
    flag = value.items.get(_DELETE)
    return isinstance(flag, Scalar) and bool(flag.value)
