"""The mypy runs shown in docs/index.md are real.

The page marks them with MyST comments (lines starting with ``%``) directly above a fenced
block:

- ``% mypy-module NAME`` above a ``python`` block: the module that the runs check;
- ``% mypy-run`` above a ``console`` block: ``$ mypy ARGS`` and its output, with a
  ``pyproject.toml`` that has an empty ``[tool.mypy]``; ``% mypy-run plugin``: the same
  with ``plugins = ["typed_registry.mypy"]``.

mypy's ``--pretty`` wraps messages to the terminal's width: the runs use 80 columns, the
width mypy assumes when its output is not a terminal.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest
from mypy import api

PAGE = Path(__file__).parents[1] / "docs" / "index.md"

_BLOCK = re.compile(
    r"^% (?P<marker>mypy-[\w-]+)(?: (?P<arg>\S+))?\n```(?P<lang>\w+)\n(?P<body>.*?)^```$",
    re.MULTILINE | re.DOTALL,
)
_CONFIGS = {
    None: "[tool.mypy]\n",
    "plugin": '[tool.mypy]\nplugins = ["typed_registry.mypy"]\n',
}


def _read_page() -> tuple[dict[str, str], list[tuple[str | None, str]]]:
    modules: dict[str, str] = {}
    runs: list[tuple[str | None, str]] = []
    for block in _BLOCK.finditer(PAGE.read_text(encoding="utf-8")):
        if block["marker"] == "mypy-module":
            assert block["lang"] == "python"
            modules[block["arg"]] = block["body"]
        else:
            assert (block["marker"], block["lang"]) == ("mypy-run", "console")
            assert block["arg"] in _CONFIGS
            runs.append((block["arg"], block["body"]))
    return modules, runs


MODULES, RUNS = _read_page()


def test_the_page_shows_a_run_without_and_with_the_plugin() -> None:
    assert [config for config, _ in RUNS] == [None, "plugin"]
    assert MODULES


@pytest.mark.parametrize(("config", "session"), RUNS, ids=["without-plugin", "with-plugin"])
def test_a_run_shown_is_real(
    config: str | None, session: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    command, expected = session.split("\n", 1)
    prompt, mypy, *args = shlex.split(command)
    assert (prompt, mypy) == ("$", "mypy")
    for name, text in MODULES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(_CONFIGS[config], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MYPY_FORCE_TERMINAL_WIDTH", "80")
    # A bad plugin setting is printed on the process's stderr, which api.run does not capture.
    leaked = io.StringIO()
    with contextlib.redirect_stdout(leaked), contextlib.redirect_stderr(leaked):
        stdout, stderr, _ = api.run(args)
    assert stdout + stderr + leaked.getvalue() == expected
