"""The runs shown in docs/checking-configs.md are real.

The page marks them with MyST comments (lines starting with ``%``) directly above a fenced
block:

- ``% check-file PATH`` above any block: the file at PATH (relative to the project) holds
  the block's text, from there on;
- ``% check-run`` above a ``console`` block: each ``$ typed-registry ...`` line is run and
  its output (stdout, then stderr) is the lines up to the next ``$``.

The project is a copy of examples/detector's configs and pyproject.toml in a temporary
folder, with the example's packages importable (``PYTHONPATH``), so that the page's paths
are short and the repository is never written to.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

DOCS = Path(__file__).parents[2] / "docs"
PAGE = DOCS / "checking-configs.md"
EXAMPLE = Path(__file__).parents[2] / "examples" / "detector"
SCRIPT = Path(sys.executable).with_name("typed-registry")

_BLOCK = re.compile(
    r"^% (?P<marker>check-[\w-]+)(?: (?P<arg>\S+))?\n```(?P<lang>\w+)\n(?P<body>.*?)^```$",
    re.MULTILINE | re.DOTALL,
)


def _runs(body: str) -> list[tuple[str, str]]:
    runs: list[tuple[str, str]] = []
    for line in body.splitlines(keepends=True):
        if line.startswith("$ "):
            runs.append((line[2:].strip(), ""))
        else:
            command, output = runs[-1]
            runs[-1] = (command, output + line)
    return runs


def test_the_pages_runs_are_real(tmp_path):
    # The example's correct configs: its seeded mistakes are not the page's.
    for folder in ("configs", "projects"):  # the settings' paths: the configs of both
        shutil.copytree(
            EXAMPLE / folder, tmp_path / folder, ignore=shutil.ignore_patterns("mistakes_*")
        )
    shutil.copy(EXAMPLE / "pyproject.toml", tmp_path / "pyproject.toml")
    env = {**os.environ, "PYTHONPATH": str(EXAMPLE)}
    checked = 0
    for block in _BLOCK.finditer(PAGE.read_text(encoding="utf-8")):
        if block["marker"] == "check-file":
            (tmp_path / block["arg"]).write_text(block["body"], encoding="utf-8")
            continue
        assert (block["marker"], block["lang"]) == ("check-run", "console")
        for command, expected in _runs(block["body"]):
            program, *argv = shlex.split(command)
            assert program == "typed-registry"
            done = subprocess.run(
                [str(SCRIPT), *argv],
                cwd=tmp_path,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            assert done.stdout + done.stderr == expected, command
            checked += 1
    assert checked == 4


def test_the_page_is_in_the_toctree():
    assert "\nchecking-configs\n" in (DOCS / "index.md").read_text(encoding="utf-8")
