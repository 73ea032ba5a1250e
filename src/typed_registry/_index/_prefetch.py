"""Modules read in a second process, while mypy and the plugin do the rest of a cold run.

A cold run over an MMEngine project reads hundreds of modules before mypy gets the
dependencies of the project's modules: those of the packages it builds on (``mmengine``,
``mmcv``: 268 files, 2.4 MB, for mmseg 1.2.2) and its own (mmdet 3.3.0: 514 files). A helper
process (:func:`start`) reads them meanwhile, on another core, and hands over what each file
read to, with the digest of the content it read (``SourceCache``'s key), one line per module
as it goes: the installed packages first, in order, then the project's packages from their
last module to their first (this process reads them from the first: the two meet halfway).

This process never waits for the helper: a module it needs that the helper has not handed
over yet is read here, after the work it has to do anyway (the config files to load). And
it takes a helper's reading only for the content it read itself: a file changed since has
another digest and is read again here, so what the helper hands over never stands for
another content.

A helper costs a process (about 50 ms of a core to start): :func:`worth_a_helper` asks for
one only when there is much to read. A helper that fails or is stopped hands over what it
finished: the rest is read here, as without it.

Example:
    >>> from pathlib import Path
    >>> helper = start(Reading([(Path("no-such-directory/app"), "app")], []))
    >>> helper is not None and helper.take("app", "0" * 64, lambda: False)
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from typed_registry._index._files import SourceCache, module_file
from typed_registry._index._installed import participating
from typed_registry._index._reader import ModuleSource

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

#: Below this many ``.py`` files to read, the index reads them itself: a helper would save
#: less than it costs.
MIN_FILES = 150


class Reading(NamedTuple):
    """What a helper reads: packages (or modules) as (path without ``.py``, module name)."""

    #: Of the installed packages that take part in registries, read first.
    installed: list[tuple[Path, str]]
    #: Of the project, read from their last module to their first.
    project: list[tuple[Path, str]]

    def modules(self) -> Iterator[tuple[Path, str, bool, bool]]:
        """(path, module, whether it is a package, whether it is installed), in reading order."""
        seen: set[Path] = set()
        for path, module, package in modules_of(self.installed):
            seen.add(path)
            yield path, module, package, True
        for path, module, package in reversed(list(modules_of(self.project))):
            if path not in seen:
                yield path, module, package, False


class Helper:
    """A helper process reading modules for an index (see :func:`start`)."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process
        self._lock = threading.Lock()
        #: Lines handed over and not yet sorted into :attr:`_found`.
        self._lines: list[bytes] = []
        self._finished = False
        #: (module, digest) -> the JSON text of its source, converted when taken.
        self._found: dict[tuple[str, str], str] = {}
        self._idling = False
        # The pipe is read as the helper writes (it would block on a full pipe otherwise);
        # reading releases the GIL, so the thread costs this process nothing meanwhile.
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        stdout = cast("Any", self._process.stdout)
        for line in stdout:
            with self._lock:
                self._lines.append(line)
        stdout.close()
        self._process.wait()  # its output ends with it
        with self._lock:
            self._finished = True

    def done(self) -> bool:
        """Whether the helper has handed over all it will (its process has ended)."""
        return not self._reader.is_alive()

    def _sort_lines(self) -> bool:
        """Sort the lines handed over so far into :attr:`_found`; whether the helper is done."""
        with self._lock:
            lines, self._lines = self._lines, []
            finished = self._finished
        for line in lines:
            # A line the helper did not finish (it was stopped) is left out.
            module, tab, rest = line.partition(b"\t")
            digest, tab_too, data = rest.partition(b"\t")
            if tab and tab_too and data.endswith(b"\n"):
                self._found[module.decode(), digest.decode()] = data.decode()
        return finished and not lines

    def take(self, module: str, digest: str, idle: Callable[[], bool]) -> ModuleSource | None:
        """What ``module`` read to for content ``digest``, if the helper has handed it over.

        While it has not, ``idle`` is called (it does work this process has to do anyway,
        and says whether there is more), but not from within ``idle`` itself; None when
        there is no more, or the helper has finished without it.
        """
        key = (module, digest)
        while key not in self._found:
            if self._sort_lines() or key in self._found or self._idling:
                break
            self._idling = True
            try:
                more = idle()
            finally:
                self._idling = False
            if not more:
                self._sort_lines()
                break
        data = self._found.pop(key, None)
        if data is None:
            return None
        try:
            return ModuleSource.from_json(json.loads(data))
        except (ValueError, TypeError, KeyError):  # pragma: no cover - our own helper's line
            return None


def modules_of(packages: Iterable[tuple[Path, str]]) -> Iterator[tuple[Path, str, bool]]:
    """The module files of ``packages``, each given as (path without ``.py``, module name).

    Each as (path, module, whether it is a package): a module file ``<path>.py``, or the
    package at ``path``, its ``__init__.py`` first, then its modules, then its subpackages.
    """
    for path, module in packages:
        single = path.with_name(f"{path.name}.py")
        if single.is_file():
            yield single, module, False
        if path.is_dir():
            yield from _package_files(path, module)


def _package_files(directory: Path, module: str) -> Iterator[tuple[Path, str, bool]]:
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:  # pragma: no cover - removed or unreadable while being listed
        return
    init = directory / "__init__.py"
    if init.is_file():
        yield init, module, True
    for entry in entries:
        stem = entry.name[:-3]
        module_file = entry.name.endswith(".py") and stem.isidentifier() and stem != "__init__"
        if module_file and entry.is_file():
            yield Path(entry.path), f"{module}.{stem}", False
    for entry in entries:
        if entry.name.isidentifier() and entry.is_dir(follow_symlinks=False):
            yield from _package_files(Path(entry.path), f"{module}.{entry.name}")


def reading_for(
    roots: Sequence[Path], locations: Sequence[str], installed: Sequence[Path]
) -> Reading:
    """What a cold index of ``roots``, ``locations`` and ``installed`` reads, for a helper.

    The installed packages that take part in registries; the locations' packages; and each
    top-level package of ``roots`` with a ``registry`` module, where MMEngine projects keep
    their registries, whose ``locations`` name the rest of the package.
    """
    installed_packages = [
        (Path(directory, top), top)
        for directory in installed
        for top in sorted(participating(str(directory)))
    ]
    project: list[tuple[Path, str]] = []
    for root in roots:
        try:
            with os.scandir(root) as scan:
                tops = sorted(entry.name for entry in scan if entry.is_dir())
        except OSError:
            continue
        project.extend(
            (Path(root, top), top)
            for top in tops
            if top.isidentifier() and module_file([root], f"{top}.registry") is not None
        )
    for location in locations:
        found = module_file(roots, location)
        if found is not None and found[0] is not None:
            path = found[0].parent if found[1] else found[0].with_suffix("")
            if not any(location.startswith(f"{top}.") or location == top for _, top in project):
                project.append((path, location))
    return Reading(installed_packages, project)


def worth_a_helper(reading: Reading) -> bool:
    """Whether ``reading`` holds enough to read for a helper (:data:`MIN_FILES`)."""
    modules = reading.modules()
    return sum(1 for _ in itertools.islice(modules, MIN_FILES)) >= MIN_FILES


def start(reading: Reading) -> Helper | None:
    """Start a helper reading what ``reading`` names (see :meth:`Reading.modules`).

    None when no process can be started. The helper imports this package from where this
    process did, whatever its environment says.
    """
    package_parent = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_parent, env.get("PYTHONPATH")]))
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "typed_registry._index._prefetch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
    except OSError:  # pragma: no cover - no interpreter to start
        return None
    stdin = cast("Any", process.stdin)
    try:
        request = [[[str(path), module] for path, module in part] for part in reading]
        stdin.write(json.dumps(request).encode())
        stdin.close()
    except OSError:  # pragma: no cover - the helper died at once: nothing to take
        process.kill()
    return Helper(process)


def hand_over(reading: Reading, out: Any) -> None:  # noqa: ANN401  # a text file
    """What a helper does: read each module of ``reading``, and write a line for it to ``out``.

    Each line: the module, a tab, the digest of the content read, a tab, its source's JSON.
    """
    cache = SourceCache()
    for path, module, is_package, installed in reading.modules():
        source = cache.read(path, module, is_package=is_package, installed=installed)
        digest = cache.contents.pop(module, None)
        if digest is None:  # pragma: no cover - a file unreadable while the helper runs
            continue
        out.write(f"{module}\t{digest}\t{json.dumps(source.to_json())}\n")
        out.flush()


def main() -> None:
    """The helper's process: a :class:`Reading` on stdin (JSON), lines on stdout."""
    installed, project = json.loads(sys.stdin.buffer.read())
    reading = Reading(
        [(Path(path), module) for path, module in installed],
        [(Path(path), module) for path, module in project],
    )
    hand_over(reading, sys.stdout)


if __name__ == "__main__":  # pragma: no cover - run as the helper's process
    main()
