"""Installed packages read in a second process, while mypy and the plugin do the rest.

A cold run over an MMEngine project reads the modules of the packages it builds on
(``mmengine``, ``mmcv``: for mmseg 1.2.2, 268 files, 2.4 MB, 0.4 s) before mypy gets the
dependencies of the project's modules. mypy's own parsing, the project's modules and the
config files need none of it: a helper process (:func:`start`) reads every module of the
installed packages that take part in registries meanwhile, on another core, and hands over
what each file read to, with the digest of the content it read (``SourceCache``'s key), one
line per module as it goes. The index takes a helper's reading only for the content it read
itself: a file changed since has another digest and is read again in this process, so what
the helper hands over never stands for another content.

A helper costs a process (about 50 ms of a core to start): :func:`worth_a_helper` asks for
one only when there is much to read. A helper that fails or is stopped hands over what it
finished: the rest is read here, as without it.

Example:
    >>> from pathlib import Path
    >>> helper = start([(Path("no-such-directory"), ["app"])])
    >>> helper is not None and helper.wait_for("app", "0" * 64, lambda: False)
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias, cast

from typed_registry._index._installed import participating
from typed_registry._index._reader import ModuleSource

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    #: Directories of installed packages, each with the top-level names read there.
    Packages: TypeAlias = Sequence[tuple[Path, Sequence[str]]]

#: Below this many ``.py`` files in the installed packages that take part in registries,
#: the index reads them itself: a helper would save less than it costs.
MIN_FILES = 150

#: The longest a run waits for one line of its helper (seconds): past it, the helper is
#: stopped and what it did not hand over is read here.
WAIT_LIMIT = 60.0


class Helper:
    """A helper process reading installed modules for an index (see :func:`start`)."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process
        self._changed = threading.Condition()
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
            with self._changed:
                self._lines.append(line)
                self._changed.notify_all()
        stdout.close()
        self._process.wait()  # its output ends with it
        with self._changed:
            self._finished = True
            self._changed.notify_all()

    def _sort_lines(self) -> None:
        """Sort the lines handed over so far into :attr:`_found` (the lock held)."""
        for line in self._lines:
            # A line the helper did not finish (it was stopped) is left out.
            module, tab, rest = line.partition(b"\t")
            digest, tab_too, data = rest.partition(b"\t")
            if tab and tab_too and data.endswith(b"\n"):
                self._found[module.decode(), digest.decode()] = data.decode()
        self._lines.clear()

    def wait_for(self, module: str, digest: str, idle: Callable[[], bool]) -> ModuleSource | None:
        """What ``module`` read to for content ``digest``, once the helper has handed it over.

        None when the helper finished without it. Until it comes, ``idle`` is called (it
        does other work, and says whether there is more) instead of waiting, except from
        within ``idle`` itself.
        """
        key = (module, digest)
        while True:
            with self._changed:
                self._sort_lines()
                if key in self._found or self._finished:
                    break
            if not self._idling:
                self._idling = True
                try:
                    more = idle()
                finally:
                    self._idling = False
                if more:
                    continue
            with self._changed:
                came = self._changed.wait_for(lambda: self._lines or self._finished, WAIT_LIMIT)
            if not came:  # pragma: no cover - a helper that hangs: its output ends
                self._process.kill()
        data = self._found.pop(key, None)
        if data is None:
            return None
        try:
            return ModuleSource.from_json(json.loads(data))
        except (ValueError, TypeError, KeyError):  # pragma: no cover - our own helper's line
            return None


def packages_in(installed: Sequence[Path]) -> list[tuple[Path, list[str]]]:
    """The packages in each directory of ``installed`` that take part in registries."""
    return [(directory, sorted(participating(str(directory)))) for directory in installed]


def installed_modules(packages: Packages) -> Iterator[tuple[Path, str, bool]]:
    """The module files of ``packages`` (see :func:`packages_in`).

    Each as (path, module, whether it is a package), package by package in the order given:
    a package's ``__init__.py`` first, then its modules, then its subpackages.
    """
    for directory, tops in packages:
        for top in tops:
            single = Path(directory, f"{top}.py")
            if single.is_file():
                yield single, top, False
            package = Path(directory, top)
            if package.is_dir():
                yield from _package_files(package, top)


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


def worth_a_helper(packages: Packages) -> bool:
    """Whether ``packages`` hold enough to read for a helper (:data:`MIN_FILES`)."""
    modules = installed_modules(packages)
    return sum(1 for _ in itertools.islice(modules, MIN_FILES)) >= MIN_FILES


def start(packages: Packages) -> Helper | None:
    """Start a helper reading the modules of ``packages`` (:func:`installed_modules`).

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
        request = [[str(directory), list(tops)] for directory, tops in packages]
        stdin.write(json.dumps(request).encode())
        stdin.close()
    except OSError:  # pragma: no cover - the helper died at once: nothing to take
        process.kill()
    return Helper(process)


def hand_over(packages: Packages, out: Any) -> None:  # noqa: ANN401  # a text file
    """What a helper does: read each module of ``packages``, and write a line for it to ``out``.

    Each line: the module, a tab, the digest of the content read, a tab, its source's JSON.
    """
    from typed_registry._index._files import SourceCache  # noqa: PLC0415  # a cycle

    cache = SourceCache()
    for path, module, is_package in installed_modules(packages):
        source = cache.read(path, module, is_package=is_package, installed=True)
        digest = cache.contents.pop(module, None)
        if digest is None:  # pragma: no cover - a file unreadable while the helper runs
            continue
        out.write(f"{module}\t{digest}\t{json.dumps(source.to_json())}\n")
        out.flush()


def main() -> None:
    """The helper's process: the packages on stdin (JSON), lines on stdout."""
    request = json.loads(sys.stdin.buffer.read())
    hand_over([(Path(directory), tops) for directory, tops in request], sys.stdout)


if __name__ == "__main__":  # pragma: no cover - run as the helper's process
    main()
