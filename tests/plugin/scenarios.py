"""A multi-module project for the plugin's cross-module, cache, ``-n`` and daemon tests.

The project (:data:`FILES`) is the classic "never imported" layout: ``mypkg.models`` is an
empty package whose modules register models, and the programs outside the package
(``app.py``, ``app2.py``) import only the registry. :class:`Project` writes it into a
temporary directory and runs mypy on it in the ways the tests compare:

- in this process (:meth:`Project.mypy`), on a cache that persists between runs (warm) or on
  a fresh one (:meth:`Project.cold`), so that coverage measures the plugin;
- as a subprocess (:meth:`Project.mypy_subprocess`), for ``-n`` parallel checking;
- under the daemon (:meth:`Project.dmypy`).

Module names must not depend on where the project is, so every run has the project as its
working directory (the tests ``monkeypatch.chdir`` into it) and gets relative paths.

A new cache starts as a copy of a cache of the standard library's stubs (see
:func:`stdlib_cache`): a "cold" run then analyses every module of the project and of
typed_registry from source, but not typeshed again, which takes 1.5 s of the 1.8 s of a
cold run. The plugin leaves the standard library's cache entries alone (its
``report_config_data`` does not vary for them); every other entry of the seed is invalid
for the projects, whose settings differ from the seed's.
Outputs are compared after :func:`normalize`, which orders the files (mypy prints them in the
order it processed them) but keeps each file's lines in mypy's order.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import mypy.api

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    import pytest

BIN = Path(sys.executable).parent
#: Files of the project besides the settings, by path.
FILES: dict[str, str] = {
    "mypkg/__init__.py": "",
    "mypkg/registry.py": """\
        from typing import Protocol

        from typed_registry import Registry


        class Model(Protocol):
            def forward(self, x: int) -> int: ...


        MODELS: Registry[Model] = Registry("models", scope="mypkg", locations=["mypkg.models"])
        """,
    # A child registry in a module of its own, which only a location module imports.
    "mypkg/det/__init__.py": "",
    "mypkg/det/registry.py": """\
        from typed_registry import Registry

        from mypkg.registry import MODELS, Model

        DET_MODELS: Registry[Model] = Registry("det_models", parent=MODELS, scope="det")
        """,
    # Empty: it does not import its modules (the plugin over-approximates, see the docs).
    "mypkg/models/__init__.py": "",
    "mypkg/models/resnet.py": """\
        from mypkg.registry import MODELS


        @MODELS.register_module()
        class ResNet:
            def __init__(self, depth: int) -> None:
                self.depth = depth

            def forward(self, x: int) -> int:
                return x * self.depth
        """,
    "mypkg/models/mlp.py": """\
        from mypkg.registry import MODELS


        class MLP:
            def __init__(self, layers: int) -> None:
                self.layers = layers

            def forward(self, x: int) -> int:
                return x + self.layers


        @MODELS.register_module()
        def make_mlp(layers: int) -> MLP:
            return MLP(layers)
        """,
    "mypkg/models/yolo.py": """\
        from mypkg.det.registry import DET_MODELS


        @DET_MODELS.register_module()
        class YOLO:
            def __init__(self, size: int) -> None:
                self.size = size

            def forward(self, x: int) -> int:
                return x
        """,
    # Inside the locations' package: it sees what it imports; unknown names are not reported.
    "mypkg/inner.py": """\
        from mypkg.models import mlp as mlp
        from mypkg.registry import MODELS

        sibling = MODELS.build(dict(type="make_mlp", layers="2"))
        reveal_type(sibling)
        unseen = MODELS.build(dict(type="ResNet", depth=1))
        reveal_type(unseen)
        unknown = MODELS.build(dict(type="Nope"))
        """,
    "app.py": """\
        from mypkg.registry import MODELS

        resnet = MODELS.build(dict(type="ResNet", depth=50))
        mlp = MODELS.build(dict(type="make_mlp", layers=2))
        typo = MODELS.build(dict(type="ResNe", depth=50))
        wrong = MODELS.build(dict(type="ResNet", dept=50))
        yolo = MODELS.build(dict(type="det.YOLO", size=3))
        reveal_type(resnet)
        reveal_type(mlp)
        reveal_type(yolo)
        """,
    # Its builds are in a function: the daemon re-checks them as a target of their own.
    "app2.py": """\
        from mypkg.registry import MODELS


        def main() -> None:
            net = MODELS.build({"type": "ResNet", "depth": "50"})
            reveal_type(net)
            vit = MODELS.build(dict(type="ViT", patch=16))
            reveal_type(vit)
            renamed = MODELS.build(dict(type="ResNet50", depth=50))
            reveal_type(renamed)
            reveal_type(MODELS.get("VGG"))
        """,
}

SOURCES = ("app.py", "app2.py", "mypkg")
LOCATIONS_TOML = '[tool.typed_registry]\nlocations = ["mypkg.models"]\n'
PYPROJECT = '[tool.mypy]\nplugins = ["typed_registry.mypy"]\n\n' + LOCATIONS_TOML
#: Every run: the settings file is named, so that no other configuration is picked up.
FLAGS = ("--show-traceback", "--no-color-output", "--no-pretty")

#: Lines that dmypy adds about itself.
_DAEMON_CHATTER = ("Daemon started", "Daemon stopped", "Restarting: ")
_SUMMARY = ("Found ", "Success: ")
#: Cold outputs by everything they depend on: several tests compare with the same cold run.
_COLD_RUNS: dict[str, Run] = {}


@dataclass(frozen=True)
class Run:
    """What one mypy run printed, and its exit status."""

    stdout: str
    stderr: str
    status: int

    @property
    def output(self) -> str:
        """The diagnostics and the summary, in a stable order (see :func:`normalize`)."""
        return normalize(self.stdout)

    def check_sane(self) -> Run:
        """Assert that mypy ran to the end: no traceback, no crash, no usage error."""
        text = self.stdout + self.stderr
        assert "Traceback" not in text, text
        assert "INTERNAL ERROR" not in text, text
        assert self.status in {0, 1}, text
        return self


@functools.cache
def stdlib_cache() -> Path:
    """A mypy cache holding the standard library's stubs that typed_registry imports.

    Made once per process, by checking ``import typed_registry`` in a project whose plugin
    settings no test project has (so the entries of typed_registry itself never serve).
    """
    root = Path(tempfile.mkdtemp(prefix="typed-registry-seed-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    seed = Project.create(
        root,
        {"seed_only/__init__.py": "", "seed.py": "import typed_registry\n"},
        config=PYPROJECT.replace("mypkg.models", "seed_only"),
    )
    previous = Path.cwd()
    os.chdir(root)
    try:
        seed.mypy(sources=["seed.py"], cache="seed", seeded=False)
    finally:
        os.chdir(previous)
    return root / ".cache" / "seed"


def normalize(output: str) -> str:
    """Diagnostics ordered by file (each file's lines as mypy printed them), then the summary."""
    lines = [line for line in output.splitlines() if line and not line.startswith(_DAEMON_CHATTER)]
    summary = [line for line in lines if line.startswith(_SUMMARY)]
    body = [line for line in lines if not line.startswith(_SUMMARY)]
    body.sort(key=lambda line: line.split(":", 1)[0])  # stable: keeps the order within a file
    return "\n".join(body + summary) + "\n"


def lines_of(output: str, path: str) -> list[str]:
    """The lines about file ``path``, without the file name."""
    prefix = f"{path}:"
    return [line[len(prefix) :] for line in output.splitlines() if line.startswith(prefix)]


@dataclass
class Project:
    """The scenario project in a directory, which must be the working directory of runs."""

    root: Path
    config_name: str = "pyproject.toml"
    _cold_count: int = field(default=0, init=False)

    @classmethod
    def create(
        cls,
        root: Path,
        files: Mapping[str, str] = FILES,
        *,
        config: str = PYPROJECT,
        config_name: str = "pyproject.toml",
    ) -> Project:
        """Write ``files`` and the settings ``config`` (as ``config_name``) into ``root``."""
        project = cls(root, config_name)
        for name, text in {**files, config_name: config}.items():
            project.write(name, text)
        return project

    def write(self, name: str, text: str) -> None:
        """Write a file (dedented), creating its directories."""
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))

    def edit(self, name: str, text: str) -> None:
        """Replace a file's text, with a later mtime so that mypy and dmypy see the change.

        Edits follow each other within a second, and mypy compares mtimes (then hashes).
        """
        path = self.root / name
        before = path.stat().st_mtime if path.exists() else time.time()
        self.write(name, text)
        later = max(before, time.time()) + 2
        os.utime(path, (later, later))

    def replace(self, name: str, old: str, new: str) -> None:
        """Edit a file by replacing ``old`` (which must occur) with ``new``."""
        text = (self.root / name).read_text()
        assert old in text, (name, old)
        self.edit(name, text.replace(old, new))

    def delete(self, name: str) -> None:
        """Remove a file."""
        (self.root / name).unlink()

    def _in_root(self) -> None:
        assert Path.cwd() == self.root, "run with the project as the working directory"

    def args(self, sources: Sequence[str], cache_dir: str) -> list[str]:
        """mypy's command line for ``sources``."""
        return ["--config-file", self.config_name, "--cache-dir", cache_dir, *FLAGS, *sources]

    def cache_dir(self, name: str, *, seeded: bool = True) -> str:
        """The cache named ``name``; a new one starts from :func:`stdlib_cache` if ``seeded``."""
        path = self.root / ".cache" / name
        if seeded and not path.exists():
            shutil.copytree(stdlib_cache(), path)
        return str(path.relative_to(self.root))

    def mypy(
        self,
        *extra: str,
        sources: Sequence[str] = SOURCES,
        cache: str = "warm",
        seeded: bool = True,
        sane: bool = True,
    ) -> Run:
        """Run mypy in this process on the cache named ``cache`` (kept between runs).

        Unless ``sane`` is False, assert that the run ended normally (:meth:`Run.check_sane`).
        """
        self._in_root()
        cache_dir = self.cache_dir(cache, seeded=seeded)
        stdout, stderr, status = mypy.api.run([*self.args(sources, cache_dir), *extra])
        run = Run(stdout, stderr, status)
        return run.check_sane() if sane else run

    def cold(self, sources: Sequence[str] = SOURCES) -> Run:
        """Run mypy in this process on a new, empty cache (the result is remembered)."""
        key = self._fingerprint(sources)
        if key not in _COLD_RUNS:
            self._cold_count += 1
            cache = f"cold-{self._cold_count}"
            _COLD_RUNS[key] = self.mypy(sources=sources, cache=cache)
            shutil.rmtree(self.root / ".cache" / cache)
        return _COLD_RUNS[key]

    def _fingerprint(self, sources: Sequence[str]) -> str:
        digest = hashlib.sha256(repr(list(sources)).encode())
        for path in sorted(self._files()):
            digest.update(f"\0{path.relative_to(self.root)}\0".encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()

    def _files(self) -> Iterator[Path]:
        for path in self.root.rglob("*"):
            relative = path.relative_to(self.root)
            if (
                path.is_file()
                and relative.parts[0] != ".cache"
                and "__pycache__" not in relative.parts
            ):
                yield path

    def mypy_subprocess(
        self,
        *extra: str,
        sources: Sequence[str] = SOURCES,
        cache: str = "warm",
        seeded: bool = True,
    ) -> Run:
        """Run the ``mypy`` command (as ``-n`` needs)."""
        cache_dir = self.cache_dir(cache, seeded=seeded)
        command = [str(BIN / "mypy"), *self.args(sources, cache_dir), *extra]
        return self._subprocess(command).check_sane()

    def dmypy(self, status_file: Path, sources: Sequence[str] = SOURCES) -> Run:
        """``dmypy run`` (which starts the daemon, or restarts it if it must)."""
        flags = ["--config-file", self.config_name, *FLAGS, *sources]
        command = [str(BIN / "dmypy"), "--status-file", str(status_file), "run", "--", *flags]
        return self._subprocess(command).check_sane()

    def dmypy_stop(self, status_file: Path) -> None:
        """Stop the daemon if it runs."""
        if status_file.exists():
            command = [str(BIN / "dmypy"), "--status-file", str(status_file), "stop"]
            self._subprocess(command)

    def _subprocess(self, command: list[str]) -> Run:
        done = subprocess.run(  # our own venv's tools
            command, cwd=self.root, capture_output=True, text=True, timeout=180, check=False
        )
        return Run(done.stdout, done.stderr, done.returncode)


def rename_resnet(project: Project) -> None:
    """Register the project's ``ResNet`` as ``ResNet50`` instead (its class unchanged)."""
    project.replace(
        "mypkg/models/resnet.py", "register_module()", 'register_module(name="ResNet50")'
    )


def forget_the_daemon(monkeypatch: pytest.MonkeyPatch) -> None:
    """Restore after the test what a daemon's plugin sets in the process.

    The plugin's class-level flags and state (see ``_plugin.RegistryPlugin``) and the
    snapshot it publishes as the entry module's ``__version__`` (``_publish_snapshot``).
    """
    import typed_registry.mypy  # noqa: PLC0415
    from typed_registry.mypy._plugin import RegistryPlugin  # noqa: PLC0415

    monkeypatch.setattr(RegistryPlugin, "_in_daemon", False)
    monkeypatch.setattr(RegistryPlugin, "_daemon_state", None)
    monkeypatch.setattr(RegistryPlugin, "_restarts_on_registrations", False)
    monkeypatch.setattr(typed_registry.mypy, "__version__", "batch", raising=False)
