"""What docs/editors.md shows of ``typed-registry schema`` is real.

The page marks its blocks with MyST comments (lines starting with ``%``):

- ``% schema-run`` above a ``console`` block: each ``$ typed-registry ...`` line is run in a
  copy of examples/detector, and its output (stdout, then stderr) is the lines up to the
  next ``$``;
- ``% schema-settings`` above a ``json`` block: VS Code settings whose patterns map the
  schema the page writes to the example's YAML and JSON configs;
- ``% schema-config PATH`` above a ``yaml`` block: the file at PATH holds the block (its
  ``$schema`` comment names the schema from there), and ``% schema-errors`` below it lists
  what jsonschema finds in it (a line ending ``...`` is a prefix).
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shlex
import shutil
import subprocess

import yaml
from tests.schema.conftest import EXAMPLE, SCRIPT, validator

DOCS = EXAMPLE.parents[1] / "docs"
PAGE = DOCS / "editors.md"
_BLOCK = re.compile(
    r"^% (?P<marker>schema-[\w-]+)(?: (?P<arg>\S+))?\n```(?P<lang>\w+)\n(?P<body>.*?)^```$",
    re.MULTILINE | re.DOTALL,
)


def _blocks():
    return list(_BLOCK.finditer(PAGE.read_text(encoding="utf-8")))


def _runs(body):
    runs = []
    for line in body.splitlines(keepends=True):
        if line.startswith("$ "):
            runs.append((line[2:].strip(), ""))
        else:
            command, output = runs[-1]
            runs[-1] = (command, output + line)
    return runs


def test_the_pages_runs_settings_and_errors_are_real(tmp_path):
    shutil.copytree(EXAMPLE / "configs", tmp_path / "configs")
    shutil.copy(EXAMPLE / "pyproject.toml", tmp_path / "pyproject.toml")
    env = {**os.environ, "PYTHONPATH": str(EXAMPLE)}
    seen = []
    config = None
    for block in _blocks():
        seen.append(block["marker"])
        if block["marker"] == "schema-run":
            assert block["lang"] == "console"
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
        elif block["marker"] == "schema-settings":
            settings = json.loads(block["body"])
            [(yaml_schema, yaml_globs)] = settings["yaml.schemas"].items()
            [json_entry] = settings["json.schemas"]
            assert yaml_schema == json_entry["url"] == "./config.schema.json"
            for path in (tmp_path / "configs").rglob("*"):
                relative = str(path.relative_to(tmp_path))
                globs = yaml_globs if path.suffix in {".yaml", ".yml"} else json_entry["fileMatch"]
                matched = any(fnmatch.fnmatch(relative, glob) for glob in globs)
                assert matched == (path.suffix in {".yaml", ".yml", ".json"}), relative
        elif block["marker"] == "schema-config":
            config = tmp_path / block["arg"]
            config.write_text(block["body"], encoding="utf-8")
            first = block["body"].splitlines()[0]
            named = first.removeprefix("# yaml-language-server: $schema=")
            assert (config.parent / named).resolve() == tmp_path / "config.schema.json"
        else:
            assert (block["marker"], block["lang"]) == ("schema-errors", "text")
            schema = json.loads((tmp_path / "config.schema.json").read_text(encoding="utf-8"))
            value = yaml.safe_load(config.read_text(encoding="utf-8"))
            found = sorted(
                f"{e.json_path}: {e.message}" for e in validator(schema).iter_errors(value)
            )
            expected = block["body"].splitlines()
            assert len(found) == len(expected)
            for line, shown in zip(found, expected, strict=True):
                assert line.startswith(shown[:-3]) if shown.endswith("...") else line == shown
    assert seen == ["schema-run", "schema-run", "schema-settings", "schema-config", "schema-errors"]


def test_the_page_is_in_the_toctree_with_its_colleagues_sections():
    assert "\neditors\n" in (DOCS / "index.md").read_text(encoding="utf-8")
    text = PAGE.read_text(encoding="utf-8")
    # Written by the stubs work (tests/stubs checks what they show).
    assert "\n## pyright and Pylance: generated stubs\n" in text
    assert "\n## Typed configs in code: cfg()\n" in text
