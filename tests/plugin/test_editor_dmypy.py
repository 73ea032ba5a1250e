"""The plugin in VS Code: ``dmypy`` driven as the Mypy Type Checker extension drives it.

The extension (microsoft/vscode-mypy) runs, on each save of a Python file, with its default
settings (``preferDaemon`` true, ``reportingScope`` "file"), from the workspace folder and
with ``PYTHONUTF8=1``::

    python -m mypy.dmypy --status-file STATUS run -- --no-color-output --no-error-summary
        --show-absolute-path --show-column-numbers --show-error-codes --no-pretty
        [mypy-type-checker.args] --show-error-end /absolute/path/of/the/saved/file.py

and shows the lines about the saved file. One file per save: the daemon's sources are the
file just saved, and change from one save to the next when another file is saved.

The test walks a copy of ``examples/detector`` through saves of the seeded mistakes' module
(``tools/mistakes_train.py``): its mistakes fixed, then three of them put back one per save
(each must appear, on its line, with its code), a save of another module in between, then
each fixed again (each must disappear). After every save the daemon's output must equal a
cold ``mypy`` run with the same arguments on the same file.
"""

from __future__ import annotations

import ast
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import mypy.api
import pytest
from tests.plugin.scenarios import normalize, stdlib_cache

if TYPE_CHECKING:
    from collections.abc import Iterator

EXAMPLE = Path(__file__).parents[2] / "examples" / "detector"
#: What the extension passes after ``run --`` (its TOOL_ARGS, then ``--show-error-end``,
#: which it adds for mypy 0.991 and later); the user's ``mypy-type-checker.args`` go between.
EXTENSION_ARGS = (
    "--no-color-output",
    "--no-error-summary",
    "--show-absolute-path",
    "--show-column-numbers",
    "--show-error-codes",
    "--no-pretty",
    "--show-error-end",
)
#: The module with the seeded mistakes a user edits, and the three put back and fixed again.
USER_MODULE = "tools/mistakes_train.py"
MISTAKES = (
    "mistake_root_kwarg",  # call-arg: a keyword the class does not take
    "mistake_clskit_loss_type",  # registry-name: a nested config's type
    "mistake_scoped_sibling_typo",  # registry-name: a scoped name of a sibling codebase
)
#: Another module saved between two saves of the user's module (a function body edited).
OTHER_MODULE = "detkit/models/necks/fpn.py"
MARKER = re.compile(r"#\s*mistake:\s*([a-z-]+)\s*$")
#: The example's top-level packages and folders of modules.
PACKAGES = ("minengine", "detkit", "clskit", "tools", "configs")


class Workspace:
    """A copy of the example opened in the editor: its files, saves, and cold runs to compare."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.status = root / ".vscode.dmypy_status" / "status.json"
        self._colds: dict[tuple[str, str], str] = {}
        self._library: Path | None = None

    def save(self, name: str, text: str | None = None) -> str:
        """Write ``name`` (if ``text`` is given) and run what the extension runs on its save."""
        path = self.root / name
        if text is not None:
            before = path.stat().st_mtime
            path.write_text(text, "utf-8")
            os.utime(path, (before + 2, before + 2))  # saves follow each other within a second
        command = [
            sys.executable,
            *("-m", "mypy.dmypy", "--status-file", str(self.status), "run", "--"),
            *EXTENSION_ARGS,
            str(path),
        ]
        done = subprocess.run(  # our own venv's dmypy
            command,
            cwd=self.root,
            env={**os.environ, "PYTHONUTF8": "1"},
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert done.returncode in {0, 1}, done.stdout + done.stderr
        assert "Traceback" not in done.stdout + done.stderr
        return normalize(done.stdout)

    def cold(self, name: str) -> str:
        """A mypy run on ``name`` as it is now, on a new cache, with the extension's arguments.

        The cache starts with the entries of the libraries only (typeshed's, typed_registry's,
        see :meth:`_library_cache`): every module of the project is checked from its source.
        """
        key = (name, self._fingerprint())
        if key not in self._colds:
            cache = self.root / ".cache" / f"cold-{len(self._colds)}"
            shutil.copytree(self._library_cache(), cache)
            self._colds[key] = self._mypy(cache, self.root / name)
            shutil.rmtree(cache)
        return self._colds[key]

    def _mypy(self, cache: Path, path: Path) -> str:
        stdout, stderr, status = mypy.api.run(
            [*EXTENSION_ARGS, "--cache-dir", str(cache), str(path)]
        )
        assert status in {0, 1}, stdout + stderr
        return normalize(stdout)

    def _fingerprint(self) -> str:
        """A digest of every file of the project (what a cold run's output depends on)."""
        digest = hashlib.sha256()
        for package in PACKAGES:
            for path in sorted((self.root / package).rglob("*.py")):
                digest.update(f"\0{path}\0".encode())
                digest.update(path.read_bytes())
        return digest.hexdigest()

    def _library_cache(self) -> Path:
        """A cache of what ``import typed_registry`` needs, made with this project's settings."""
        if self._library is not None:
            return self._library
        cache = self._library = self.root.parent / "library-cache"
        shutil.copytree(stdlib_cache(), cache)  # typeshed's entries: see scenarios
        library_user = self.root.parent / "library_user.py"  # outside the project
        library_user.write_text("import typed_registry\n", "utf-8")
        assert self._mypy(cache, library_user) == "\n"
        # Nothing of the project is in it.
        assert not any(
            (cache / version / package).exists()
            for version in os.listdir(cache)
            for package in PACKAGES
        )
        return cache

    def errors_on(self, output: str, name: str) -> dict[int, str]:
        """Line -> error code of the errors ``output`` shows in ``name`` (what the editor marks)."""
        pattern = re.compile(
            rf"^{re.escape(str(self.root / name))}:(\d+):\d+:\d+:\d+: error: .*\[([a-z-]+)\]$"
        )
        return {int(m[1]): m[2] for m in map(pattern.match, output.splitlines()) if m}

    def stop(self) -> None:
        """What the extension runs when VS Code shuts down."""
        if self.status.exists():
            subprocess.run(
                [sys.executable, "-m", "mypy.dmypy", "--status-file", str(self.status), "stop"],
                cwd=self.root,
                capture_output=True,
                timeout=60,
                check=False,
            )


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    root = tmp_path.resolve() / "detector"  # the extension runs from the resolved folder
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.chdir(root)
    monkeypatch.setenv("MYPY_CONFIG_FILE_DIR", str(root))  # which mypy sets while reading it
    opened = Workspace(root)
    opened.status.parent.mkdir()
    yield opened
    opened.stop()


def seeded_mistakes(text: str) -> dict[str, tuple[int, str, str, str]]:
    """Each ``mistake_*`` function of ``text``: (its marked line, code, the fix's old, new)."""
    lines = text.splitlines()
    found: dict[str, tuple[int, str, str, str]] = {}
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("mistake_"):
            docstring = ast.get_docstring(node) or ""
            old, new = docstring.removeprefix("Fix: ").split(" => ")
            marked = [
                (number, match[1])
                for number in range(node.lineno, (node.end_lineno or node.lineno) + 1)
                if (match := MARKER.search(lines[number - 1]))
            ]
            ((line, code),) = marked
            found[node.name] = (line, code, old, new)
    return found


def with_line(text: str, line: int, old: str, new: str) -> str:
    """``text`` with ``old`` replaced by ``new`` on line ``line`` (where it must be)."""
    lines = text.split("\n")
    assert old in lines[line - 1], (old, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines)


def test_each_mistake_shows_after_the_save_that_makes_it_and_goes_after_the_save_that_fixes_it(
    workspace: Workspace,
) -> None:
    original = (workspace.root / USER_MODULE).read_text("utf-8")
    mistakes = seeded_mistakes(original)
    assert set(MISTAKES) <= set(mistakes)
    fixed = original
    for line, _, old, new in mistakes.values():
        fixed = with_line(fixed, line, old, new)

    def save_user_module(text: str) -> dict[int, str]:
        output = workspace.save(USER_MODULE, text)
        assert output == workspace.cold(USER_MODULE)
        return workspace.errors_on(output, USER_MODULE)

    # Opened with every mistake fixed: nothing to mark.
    assert save_user_module(fixed) == {}
    # Each mistake put back, one per save: it appears, on its line, and the others stay.
    states = [fixed]
    for count, name in enumerate(MISTAKES, start=1):
        line, code, old, new = mistakes[name]
        states.append(with_line(states[-1], line, new, old))
        marked = save_user_module(states[-1])
        assert marked == {mistakes[n][0]: mistakes[n][1] for n in MISTAKES[:count]}, name
        assert marked[line] == code
        if count == 1:
            # Another module saved (a function body edited): the daemon checks that file
            # alone, then the user's module again on its next save.
            other = (workspace.root / OTHER_MODULE).read_text("utf-8")
            edited = other.replace(
                "        outs = laterals\n", "        outs = list(laterals)\n", 1
            )
            assert edited != other
            assert workspace.save(OTHER_MODULE, edited) == workspace.cold(OTHER_MODULE)
    # Each fixed again, the last first: it disappears, and only it.
    for count in range(len(MISTAKES), 0, -1):
        line = mistakes[MISTAKES[count - 1]][0]
        marked = save_user_module(states[count - 1])
        assert line not in marked
        assert marked == {mistakes[n][0]: mistakes[n][1] for n in MISTAKES[: count - 1]}


def test_the_editors_page_shows_the_command_this_test_runs() -> None:
    page = (Path(__file__).parents[2] / "docs" / "editors.md").read_text("utf-8")
    block = re.search(r"^% editor-dmypy-command\n```console\n\$ (.*)\n```$", page, re.M)
    assert block is not None
    words = block[1].split()
    assert words[:7] == ["python", "-m", "mypy.dmypy", "--status-file", "STATUS", "run", "--"]
    user_args = words.index("[mypy-type-checker.args]")
    # The extension's arguments, then the user's, then --show-error-end, then the file.
    assert (*words[7:user_args], *words[user_args + 1 : -1]) == EXTENSION_ARGS
    assert words[-1] == "/path/to/the/saved/file.py"
