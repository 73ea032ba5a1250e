"""What the last run read of each config file: its digest without reading it again.

Before mypy decides what to check again, it asks the plugin for every module's data
(``report_config_data``); a config file's is a digest of the files it is made of (itself
and its bases) and of what the index holds for the modules its configs build from. A warm
run read every config file with its bases for that alone: on mmsegmentation's 769 configs,
0.4 s of a run that takes mypy alone 0.2 s. The memory keeps, for each config file, the
files it was made of, each with the digest of its content then, and the modules that run
before its configs are built (``config_imports``); and, for each file, its size,
modification time and digest when last read. The next run takes a file whose size and
modification time are as saved to be as saved, as mypy takes its own sources, and hashes
any other again: a config is read again only when a file it is made of changed.

Where a ``pkg::`` base is found depends on the packages installed: the memory holds for
the search path it was made with, while each of its directories holds the same names an
import could find (a package or a module: installing or removing a package changes them,
a file of notes or an editor's backup at the project's root does not), and for the
plugin's version and settings.
Saved beside the index's snapshot, in mypy's cache, when the snapshot is (see
``_plugin``), in the snapshot's form (a line that checks the rest).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import json
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from typed_registry._index._files import file_stamp
from typed_registry._index._snapshot import read_checked, snapshot_text, write_atomically

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

#: Part of the memory's header: bump it when what it holds changes.
MEMORY_VERSION = "2"


@dataclass(frozen=True)
class MadeOf:
    """What a config file is made of, as a digest of it needs.

    Attributes:
        files: Each file read (the config first, then its bases), with the SHA-256 digest
            of its content.
        imports: The modules that run before its configs are built (``config_imports``).
    """

    files: tuple[tuple[str, bytes], ...]
    imports: tuple[str, ...]


class ConfigMemory:
    """The config files' :class:`MadeOf`, kept between runs in the file at ``path``.

    Args:
        path: The memory's file (None: nothing is kept between runs).
        header: What the memory holds for (see :func:`memory_header`): a memory saved
            with another header is not taken.
    """

    def __init__(self, path: Path | None, header: dict[str, object]) -> None:
        self._path = path
        self._header = json.loads(json.dumps(header))  # as read back: lists, not tuples
        self._saved: _Saved | None = None
        #: Each file's digest (hex) as it is in this run, once asked for (None: unreadable).
        self._now: dict[str, str | None] = {}
        self._dirty = False

    def recall(self, config: str) -> MadeOf | None:
        """What ``config`` is made of, if every file of it is as it was then (else None)."""
        memory = self._memory()
        entry = memory.configs.get(config)
        if entry is None:
            return None
        try:
            files: list[tuple[str, bytes]] = []
            for number, then in entry[0]:
                path = memory.paths[int(number)]
                now = self._digest_now(path)
                if now is None or now[:_SHORT] != then:
                    return None
                files.append((path, bytes.fromhex(now)))
            return MadeOf(tuple(files), tuple(map(str, entry[1])))
        except (TypeError, ValueError, IndexError):  # not the form this version writes
            return None

    def remember(
        self,
        config: str,
        files: Iterable[tuple[str, tuple[int, int], bytes]],
        imports: Iterable[str],
    ) -> None:
        """Keep what ``config`` is made of: each file with its stamp (taken before it was read)."""
        memory = self._memory()
        made_of: list[list[object]] = []
        for path, (size, mtime), digest in files:
            row = [size, mtime, digest.hex()]
            if memory.files.get(path) != row:
                memory.files[path] = row
                self._dirty = True
            self._now[path] = digest.hex()
            made_of.append([memory.number(path), digest.hex()[:_SHORT]])
        entry = [made_of, list(imports)]
        if memory.configs.get(config) != entry:
            memory.configs[config] = entry
            self._dirty = True

    def forget_files(self) -> None:
        """Ask each file again: the daemon loaded modules again, files may have changed."""
        self._now.clear()

    def save(self) -> None:
        """Write what changed since the memory was read (nothing when nothing did)."""
        if self._path is None or not self._dirty:
            return
        memory = self._memory()
        data = {
            "header": self._header,
            "paths": memory.paths,
            "files": memory.files,
            "configs": memory.configs,
        }
        try:
            write_atomically(self._path, snapshot_text(json.dumps(data)))
        except OSError:
            return  # a cache that cannot be written: the next run reads the configs again
        self._dirty = False

    def _digest_now(self, path: str) -> str | None:
        """The digest of the file at ``path`` in this run: the saved one while it is unchanged."""
        if path in self._now:
            return self._now[path]
        row = self._memory().files.get(path)
        stamp = file_stamp(path)  # before a read: a later write changes it again
        digest: str | None
        if row is not None and row[:2] == list(stamp):
            digest = str(row[2])
        else:  # touched, or changed: the content decides (a checkout rewrites every file)
            try:
                with open(path, "rb") as file:
                    digest = hashlib.sha256(file.read()).hexdigest()
            except OSError:
                digest = None
            else:
                self._memory().files[path] = [*stamp, digest]
                self._dirty = True
        self._now[path] = digest
        return digest

    def _memory(self) -> _Saved:
        if self._saved is None:
            self._saved = self._read()
        return self._saved

    def _read(self) -> _Saved:
        empty = _Saved([], {}, {})
        if self._path is None:
            return empty
        try:
            data = read_checked(self._path)
        except (OSError, ValueError):  # none yet, or damaged: read the configs again
            return empty
        if not isinstance(data, dict):
            return empty
        saved = cast("dict[str, object]", data)
        paths, files, configs = saved.get("paths"), saved.get("files"), saved.get("configs")
        if (
            saved.get("header") == self._header
            and isinstance(paths, list)
            and isinstance(files, dict)
            and isinstance(configs, dict)
        ):
            return _Saved(
                cast("list[str]", paths),
                cast("dict[str, list[Any]]", files),
                cast("dict[str, list[Any]]", configs),
            )
        return empty


#: The length of the digests (hex) a config's entry holds of its files: a change tells.
_SHORT = 16


@dataclass
class _Saved:
    """The memory's tables, as saved.

    Attributes:
        paths: The files, each once (a config's entry names them by their number here).
        files: File -> ``[size, mtime_ns, digest]`` when last read.
        configs: Config file -> ``[[[file number, digest's start], ...], imports]``.
    """

    paths: list[str]
    files: dict[str, list[Any]]
    configs: dict[str, list[Any]]
    numbers: dict[str, int] = field(default_factory=dict[str, int])

    def __post_init__(self) -> None:
        self.numbers.update((path, number) for number, path in enumerate(self.paths))

    def number(self, path: str) -> int:
        """The number of ``path`` in :attr:`paths` (added when it has none)."""
        found = self.numbers.get(path)
        if found is None:
            found = self.numbers[path] = len(self.paths)
            self.paths.append(path)
        return found


def memory_header(
    version: str, settings: dict[str, object], search_path: Iterable[Path]
) -> dict[str, object]:
    """What the memory holds for: the plugin, its settings, the search path's state."""
    return {
        "memory": MEMORY_VERSION,
        "plugin": version,
        "settings": settings,
        "search path": [[str(entry), importable_names(os.fspath(entry))] for entry in search_path],
    }


def importable_names(directory: str) -> str | None:
    """A digest of the names an import finds in ``directory`` (None: no such directory).

    Its packages (every directory: a namespace package needs no ``__init__.py``) and its
    modules (the files of a suffix the import system loads): what decides where a
    ``pkg::`` base or a ``read_base()`` import is found, unlike the directory's
    modification time, which any file added or removed there changes.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as root:
        ...     before = importable_names(root)
        ...     open(os.path.join(root, "notes.txt"), "w").close()
        ...     unchanged = importable_names(root) == before
        ...     open(os.path.join(root, "mmdet.py"), "w").close()
        ...     unchanged, importable_names(root) == before
        (True, False)
    """
    try:
        with os.scandir(directory) as entries:
            names = sorted(
                entry.name
                for entry in entries
                if entry.name.endswith(_MODULE_SUFFIXES) or entry.is_dir()
            )
    except OSError:
        return None
    return hashlib.sha256("\0".join(names).encode()).hexdigest()[:16]


#: The suffixes of the files an import loads as modules (``.py``, ``.pyc``, extensions).
_MODULE_SUFFIXES = tuple(importlib.machinery.all_suffixes())
