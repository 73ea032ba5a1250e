"""Loading a config file with its bases, merged as MMEngine merges them.

``_base_`` is a path or a list of paths, relative to the file. The bases are merged first,
in order; then the file's own values into them: a dict into a dict key by key, recursively,
unless it says ``_delete_=True`` (it then replaces the base's dict); lists and scalars
replace. A base that is missing, that includes itself through other bases, or whose keys
another base has set already, is a
:class:`~typed_registry._configs.errors.ConfigFileError`; a file over a limit of
:class:`~._limits.ConfigLimits` (its size, its nesting, its values, its chain of bases) a
:class:`~typed_registry._configs.errors.ConfigLimitError`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from typed_registry._configs._data import DATA_SUFFIXES, read_data
from typed_registry._configs._limits import DEFAULT_LIMITS, ConfigLimits, Measure, exceeded
from typed_registry._configs._nodes import ConfigDict, ConfigList, Origin, Scalar, Unknown
from typed_registry._configs._packages import (
    SEPARATOR,
    PackageFinder,
    default_search_path,
    with_scope,
)
from typed_registry._configs._python import base_entries, parse_python, read_python
from typed_registry._configs.errors import ConfigFileError

if TYPE_CHECKING:
    from collections.abc import Sequence

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


def load_config_file(
    path: Path,
    limits: ConfigLimits = DEFAULT_LIMITS,
    *,
    memory: ReadMemory | None = None,
    search_path: Sequence[Path] | None = None,
) -> LoadedConfig:
    r"""Read the config file at ``path`` and its bases, without running any of them.

    ``memory`` keeps the files read, for the next call given it to take a base from it
    without reading it again or comparing its text: a caller that knows the files do not
    change meanwhile (the mypy plugin, within a run) reads each file of a chain once.

    A base inside an installed package (``mmdet::folder/file.py``) is read from the package
    found first on ``search_path`` (default: ``sys.path``), as MMEngine reads it: from the
    package's ``.mim/configs``, its parts given the package's scope (``_scope_``).

    Raises:
        ConfigFileError: The file or a base does not parse, is missing, or is cyclic; or
            MMEngine cannot read a package base either (see ``_packages``).
        ConfigLimitError: The file or a base exceeds one of ``limits``.

    Example:
        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "base.py").write_text("model = dict(type='ResNet', depth=50)")
        >>> _ = (folder / "child.py").write_text("_base_ = './base.py'\nmodel = dict(depth=101)")
        >>> from typed_registry._configs import to_plain
        >>> to_plain(load_config_file(folder / "child.py").root)
        {'model': {'type': 'ResNet', 'depth': 101}}
    """
    finder = PackageFinder(default_search_path() if search_path is None else tuple(search_path))
    loader = _Loader(Measure(limits), finder) if memory is None else memory.loader(limits, finder)
    path = loader.resolve(path)
    # Each base of a chain is read a few frames deeper than the file built on it: room for
    # the longest chain the limits allow, so that a longer one meets its limit first.
    recursion = sys.getrecursionlimit()
    sys.setrecursionlimit(max(recursion, _FRAMES_PER_BASE * limits.bases + recursion))
    try:
        loaded = loader.load(path, ()).loaded
    except RecursionError:
        # What the limits do not foresee (a parser's own recursion, an expression nested
        # in the syntax): it nests deeper than any limit allows.
        raise exceeded(path, "the nesting of the config", "depth", limits.depth) from None
    finally:
        sys.setrecursionlimit(recursion)
    loader.measure.check(loaded.root, path)
    return loaded


@dataclass(frozen=True)
class _Read:
    """A file as read: its config, the text of each of its files, and its chain's length.

    Attributes:
        loaded: The file's config, merged with its bases.
        texts: The text of each of ``loaded.files``, in their order.
        chain: How many files its longest chain of bases holds, the file included.
    """

    loaded: LoadedConfig
    texts: tuple[str, ...]
    chain: int


#: Python frames that reading one more base of a chain takes, at most (measured: 3).
_FRAMES_PER_BASE = 4

#: Every file read in this process, by path, limits and where packages are found: used
#: again while the text of each of its files is the same (the mypy plugin reads a base again
#: for every config built on it; a chain of bases would be read a quadratic number of times).
_READ: dict[tuple[Path, ConfigLimits, PackageFinder], _Read] = {}
#: How many files :data:`_READ` keeps before it starts again.
_MOST_READ = 4096


class ReadMemory:
    r"""The files :func:`load_config_file` read, kept between calls (see its ``memory``).

    Example:
        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "base.py").write_text("model = dict(type='ResNet', depth=50)")
        >>> _ = (folder / "child.py").write_text("_base_ = './base.py'\nmodel = dict(depth=101)")
        >>> memory = ReadMemory()
        >>> load_config_file(folder / "child.py", memory=memory).files[-1].name
        'base.py'
        >>> load_config_file(folder / "base.py", memory=memory).root.items["model"].origin.line
        1
    """

    def __init__(self) -> None:
        self._loaders: dict[tuple[ConfigLimits, PackageFinder], _Loader] = {}

    def loader(self, limits: ConfigLimits, finder: PackageFinder) -> _Loader:
        """The loader that reads with ``limits`` and ``finder`` and keeps what it read."""
        found = self._loaders.get((limits, finder))
        if found is None:
            found = self._loaders[limits, finder] = _Loader(Measure(limits), finder)
        return found

    def clear(self) -> None:
        """Forget every file read (they may have changed)."""
        self._loaders.clear()


@dataclass
class _Loader:
    """Loads files once each (a base shared by several bases is read once)."""

    measure: Measure
    #: Where the installed packages of ``pkg::path`` bases are found.
    finder: PackageFinder
    reads: dict[Path, _Read] = field(default_factory=dict[Path, _Read])
    #: The text of each file read (or found unchanged) by this loader.
    texts: dict[Path, str] = field(default_factory=dict[Path, str])
    #: Each path resolved, as it was asked for: the configs of a folder name the same bases.
    resolved: dict[Path, Path] = field(default_factory=dict[Path, Path])

    def resolve(self, path: Path) -> Path:
        """``path``, absolute and without links (resolved once per loader)."""
        found = self.resolved.get(path)
        if found is None:
            found = self.resolved[path] = path.resolve()
        return found

    def load(self, path: Path, stack: tuple[Path, ...]) -> _Read:
        if path in stack:
            chain = " -> ".join(str(p) for p in (*stack[stack.index(path) :], path))
            msg = f"{stack[-1]}: the bases form a cycle: {chain}"
            raise ConfigFileError(msg)
        limit = self.measure.limits.bases
        if len(stack) > limit:
            raise exceeded(stack[0], "the chain of _base_ files", "bases", limit)
        found = self.reads.get(path)
        if found is None:
            found = self._unchanged(path) or self._read(path, (*stack, path))
            self.reads[path] = found
        if len(stack) + found.chain - 1 > limit:  # read before, from a shorter chain
            raise exceeded(stack[0] if stack else path, "the chain of _base_ files", "bases", limit)
        return found

    def _unchanged(self, path: Path) -> _Read | None:
        """What ``path`` read to before, if none of its files changed since."""
        found = _READ.get((path, self.measure.limits, self.finder))
        if found is None:
            return None
        for file, text in zip(found.loaded.files, found.texts, strict=True):
            try:
                now = self.texts[file] if file in self.texts else file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None
            if now != text:
                return None
            self.texts[file] = now
        return found

    def _read(self, path: Path, stack: tuple[Path, ...]) -> _Read:
        if path.suffix not in CONFIG_SUFFIXES:
            msg = f"{path}: not a config file (expected one of {', '.join(CONFIG_SUFFIXES)})"
            raise ConfigFileError(msg)
        limits = self.measure.limits
        try:
            size = path.stat().st_size
            if size > limits.file_bytes:
                what = f"the file's size ({size} bytes)"
                raise exceeded(path, what, "file_bytes", limits.file_bytes)
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            msg = f"{path}: cannot read the config: {getattr(error, 'strerror', None) or error}"
            raise ConfigFileError(msg) from None
        self.texts[path] = text
        files: list[Path] = [path]
        chain = 1
        # A data file's values, or a Python file's syntax tree (parsed once).
        source = (
            parse_python(path, text)
            if path.suffix == ".py"
            else read_data(path, text, self.measure)
        )
        entries = (
            _data_bases(source) if isinstance(source, ConfigDict) else base_entries(path, source)
        )
        base = ConfigDict(origin=Origin(str(path), 1, 0))
        for entry, origin in entries:
            read = self._base(path, entry, origin, stack)
            loaded = read.loaded
            files.extend(loaded.files)
            chain = max(chain, read.chain + 1)
            again = [key for key in loaded.root.items if key in base.items]
            if again:
                # MMEngine refuses it too (a base included twice is the usual cause).
                msg = f"{origin}: the base {entry!r} sets {again[0]} again: bases share no keys"
                raise ConfigFileError(msg)
            base = merge(base, loaded.root)

        def read_base(file: Path | str, origin: Origin) -> ConfigDict:
            nonlocal chain
            if isinstance(file, str):  # ``mmdet.configs.x``: in an installed package
                file = self.finder.module_file(file, origin)
            read = self._base(path, str(file), origin, stack)
            files.extend(read.loaded.files)
            chain = max(chain, read.chain + 1)
            return read.loaded.root

        if isinstance(source, ConfigDict):
            own = source
        else:
            own, base = read_python(path, text, source, base, read_base, measure=self.measure)
        own = ConfigDict(
            {key: value for key, value in own.items.items() if key != "_base_"},
            own.origin,
            own.partial,
        )
        root = merge(base, own) if entries else own
        self.measure.check(root, path)
        unique = tuple(dict.fromkeys(files))
        loaded = LoadedConfig(path, root, unique, "_base_" in path.parts)
        read = _Read(loaded, tuple(self.texts[file] for file in unique), chain)
        if len(_READ) >= _MOST_READ:
            _READ.clear()
        _READ[path, self.measure.limits, self.finder] = read
        return read

    def _base(self, path: Path, entry: str, origin: Origin, stack: tuple[Path, ...]) -> _Read:
        if SEPARATOR in entry:
            # ``mmdet::_base_/models/x.py``: a base inside an installed package.
            found = self.finder.base(entry, origin)
            read = self.load(found.file, stack)
            scoped = replace(read.loaded, root=with_scope(read.loaded.root, found.scope))
            return replace(read, loaded=scoped)
        file = self.resolve(path.parent / entry)
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
    return _merge(base, child, {})


def _merge(
    base: ConfigDict, child: ConfigDict, done: dict[tuple[int, int], ConfigDict]
) -> ConfigDict:
    """:func:`merge`, with the dicts merged so far by the pair of dicts they merged.

    A dict that several keys share (a Python variable, a YAML alias) merges once: work
    stays linear in the nodes, not in the values they expand to. Both dicts of a pair lie
    in ``base`` or ``child``, alive while the merge runs: their ``id`` is theirs.
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
            pair = (id(old), id(value))
            if pair not in done:
                done[pair] = _merge(old, own, done)
            items[key] = done[pair]
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
