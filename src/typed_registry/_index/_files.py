"""Where a module's source is, and what the reader found in it, kept by content.

Modules are looked up the way Python's import system finds them in a list of directories:
``a/b.py``, then ``a/b/__init__.py``, and a directory without ``__init__.py`` is a namespace
package (PEP 420) with no source of its own. The project's directories come first; then the
installed ones (``site-packages``), where only the packages whose distribution takes part in
registries are read (see ``_installed``). A registry defined elsewhere is treated as one whose
entries are unknown.
"""

from __future__ import annotations

import ast
import hashlib
import os
from pathlib import Path
from stat import S_ISDIR
from typing import TYPE_CHECKING

from typed_registry._index._installed import participating
from typed_registry._index._reader import ModuleSource, read_module

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from typed_registry._index._prefetch import Helper

#: Part of every cache entry's key: bump it when the reader's output changes (and say so in
#: CHANGELOG.md).
READER_VERSION = "11"


def module_file(
    roots: Sequence[Path | str], module: str, installed: Sequence[Path | str] = ()
) -> tuple[Path | None, bool] | None:
    """The file of ``module`` and whether it is a package; None when no root has it.

    A namespace package is found with no file (``(None, True)``). ``installed``: directories
    searched after ``roots``, for the packages that take part in registries only.
    """
    found = _module_file(roots, module)
    if found is None and installed:
        found = _module_file(installed_roots(installed, module), module)
    return found


def installed_roots(installed: Sequence[Path | str], module: str) -> list[Path | str]:
    """The directories of ``installed`` where ``module`` may be read (see ``_installed``)."""
    top = module.partition(".")[0]
    return [directory for directory in installed if top in participating(str(directory))]


def _module_file(roots: Sequence[Path | str], module: str) -> tuple[Path | None, bool] | None:
    # os.path rather than pathlib: a warm run looks up every module of the project again.
    relative = os.path.join(*module.split("."))
    for root in roots:
        base = os.path.join(root, relative)
        init = os.path.join(base, "__init__.py")
        if os.path.isfile(init):
            return Path(init), True
        if os.path.isfile(base + ".py"):
            return Path(base + ".py"), False
        if os.path.isdir(base):
            return None, True
    return None


def find_module(
    roots: Sequence[Path | str], module: str, installed: Sequence[Path | str] = ()
) -> tuple[tuple[Path | None, bool] | None, dict[str, int | None]]:
    """:func:`module_file`, and the directories its answer depends on, with their stamps.

    Those directories are, in each root (and in each ``installed`` directory, when no root
    has the module: installing or removing a package changes them), the one that holds
    ``name.py`` or ``name/``, and ``name/`` itself (which holds ``__init__.py``) when it
    exists: creating it changes the entries of the directory that holds it. Adding,
    removing or renaming an entry changes a directory's modification time, so while these
    keep theirs, the answer stays the same (a warm run checks each noted directory).

    Each directory's ``stat`` answers both questions: whether it exists (a module cannot be
    in a directory that does not), its stamp, and whether it is a package. A project's
    index looks up thousands of names that are no module of it (``torch.nn``), in every root.
    """
    parts = module.split(".")
    stamps: dict[str, int | None] = {}
    found = _find(roots, parts, stamps, None)
    if found is None and installed:
        searched = {str(root) for root in installed_roots(installed, module)}
        found = _find(installed, parts, stamps, searched)
    return found, stamps


def _find(
    roots: Sequence[Path | str],
    parts: list[str],
    stamps: dict[str, int | None],
    searched: set[str] | None,
) -> tuple[Path | None, bool] | None:
    """The module of ``parts`` in the first of ``roots`` (of ``searched``) that has it.

    Notes the directories of every root in ``stamps`` (see :func:`find_module`).
    """
    found: tuple[Path | None, bool] | None = None
    for root in roots:
        holder = os.path.join(root, *parts[:-1])
        base = os.path.join(holder, parts[-1])
        holder_stamp = directory_stamp(holder)
        stamps.setdefault(holder, holder_stamp)
        try:
            # Nothing is in a directory that does not exist.
            status = None if holder_stamp is None else os.stat(base)
        except OSError:
            status = None
        if status is not None:
            stamps.setdefault(base, status.st_mtime_ns)
        if found is not None or (searched is not None and str(root) not in searched):
            continue
        is_package = status is not None and S_ISDIR(status.st_mode)
        init = os.path.join(base, "__init__.py")
        if is_package and os.path.isfile(init):
            found = Path(init), True
        elif holder_stamp is not None and os.path.isfile(base + ".py"):
            found = Path(base + ".py"), False
        elif is_package:
            found = None, True
    return found


class DirectoryChanges:
    """The noted directories whose stamps changed, as the dotted names of what they hold.

    A directory ``root/a/b`` holds the entries of package ``a.b``; ``root`` itself those of
    the top level (the name ``""``). A lookup of ``a.b.c`` reads ``a.b`` and ``a.b.c``.
    """

    def __init__(self, stamps: dict[str, int | None], roots: Sequence[Path | str]) -> None:
        self._names: set[str] = set()
        #: The changed directories' stamps now (taken before anything under them is read).
        self.current: dict[str, int | None] = {}
        for path, stamp in stamps.items():
            now = directory_stamp(path)
            if now == stamp:
                continue
            self.current[path] = now
            for root in map(str, roots):
                if path == root:
                    self._names.add("")
                elif path.startswith(root + os.sep):
                    self._names.add(path[len(root) + 1 :].replace(os.sep, "."))

    def touch(self, module: str, *, listed: bool) -> bool:
        """Whether a change may move ``module`` (or, ``listed``, change what is under it)."""
        if not self._names:
            return False
        if module in self._names or module.rpartition(".")[0] in self._names:
            return True
        return listed and any(name.startswith(f"{module}.") for name in self._names)


def directory_stamp(path: str) -> int | None:
    """A directory's modification time (None when there is none): its entries' version."""
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def file_stamp(path: Path | str) -> tuple[int, int]:
    """A file's size and modification time; ``(-1, -1)`` when it cannot be read."""
    try:
        stat = os.stat(path)
    except OSError:
        return (-1, -1)
    return stat.st_size, stat.st_mtime_ns


def root_of(path: str, module: str) -> Path | None:
    """The directory that ``path`` (the file of ``module``) is found from, if it matches."""
    file = Path(path).resolve()
    parts = module.split(".")
    is_init = file.name == "__init__.py"
    depth = len(parts) + (1 if is_init else 0)
    if len(file.parts) <= depth:
        return None
    return file.parents[depth - 1]


class SourceCache:
    """Read modules once per content, in memory.

    A restored snapshot that no longer holds still knows what each file read to, by the
    digest of its content: :meth:`seed` hands that over, so that only the files that
    changed are parsed again (the snapshot replaced a cache on disk, one file per module,
    whose writing cost a cold run a quarter of a second at 800 modules).
    """

    def __init__(self) -> None:
        self._memory: dict[tuple[str, str], ModuleSource] = {}
        #: Module -> the digest of the content it was last read from.
        self.contents: dict[str, str] = {}
        #: A helper reading modules (``_prefetch``), and the work to do before a module it
        #: has not handed over yet is read here (see ``ProjectIndex.take_from``).
        self.helper: tuple[Helper, Callable[[], bool]] | None = None

    def read(
        self, path: Path, module: str, *, is_package: bool, installed: bool = False
    ) -> ModuleSource:
        """The reader's view of ``path`` as ``module`` (``installed``: see ``read_module``)."""
        try:
            data = path.read_bytes()
        except OSError:
            return ModuleSource(module, is_package)
        # An installed module reads to less: its content is another (the mark keeps the
        # digests of the project's modules as they were).
        mark = b"installed\0" if installed else b""
        digest = hashlib.sha256(
            b"%s\0%s\0%d\0" % (READER_VERSION.encode(), module.encode(), is_package) + mark + data
        ).hexdigest()
        self.contents[module] = digest
        key = (module, digest)
        found = self._memory.get(key)
        if found is None and self.helper is not None:
            helper, idle = self.helper
            found = helper.take(module, digest, idle)
            if found is not None:
                self._memory[key] = found
        if found is None:
            text = data.decode("utf-8", "replace")
            found = self._memory[key] = read_module(
                text, module, is_package=is_package, installed=installed
            )
        return found

    def seed(self, module: str, digest: str, source: ModuleSource) -> None:
        """Know that content ``digest`` reads to ``source`` as ``module``."""
        self._memory.setdefault((module, digest), source)


#: Path -> (mtime_ns, size, tree): each version of a file is parsed once.
_PARSED: dict[str, tuple[int, int, ast.Module | None]] = {}


def parsed_source(path: str) -> ast.Module | None:
    """The syntax tree of the file at ``path``, decoded as the reader decodes it.

    For the tools that read more of a module than its facts (a builder's contract, a class's
    parameters): each version of a file is parsed once. None when it cannot be read or
    parsed.
    """
    try:
        stat = os.stat(path)
        cached = _PARSED.get(path)
        if cached is not None and cached[:2] == (stat.st_mtime_ns, stat.st_size):
            return cached[2]
        with open(path, "rb") as file:
            text = file.read().decode("utf-8", "replace")
    except OSError:
        return None
    try:
        tree: ast.Module | None = ast.parse(text)
    except (SyntaxError, ValueError):  # ValueError: a null byte, before Python 3.12
        tree = None
    _PARSED[path] = (stat.st_mtime_ns, stat.st_size, tree)
    return tree
