"""The mypy outputs shown in docs/plugin.md are the plugin's real outputs.

The page marks its examples with MyST comments (lines starting with ``%``) directly above a
fenced block:

- ``% mypy-default-config`` above an ``ini`` block: the mypy.ini of every example that does
  not bring its own configuration;
- ``% mypy-file PATH`` above any block: a file of the next example (a module of a package,
  or its ``mypy.ini`` / ``pyproject.toml``, which then replaces the default);
- ``% mypy-example`` above a ``python`` block: the module ``example.py``; the next fenced
  block is a ``text`` block holding mypy's exact output. ``% mypy-example continue`` keeps
  the previous example's files, replacing those given again.

Each example is checked as the page says: ``mypy --pretty --no-error-summary example.py`` run
from the example's directory, twice, so that a warm cache gives the same output as a cold
one. Missing ``__init__.py`` files of the packages written are created empty. The cache
starts with the standard library and ``typed_registry`` already in it (from a run on another
module), which makes an example take a tenth of the time; the example's own modules are new
to it.

``--pretty`` wraps error messages to the terminal's width and shows the line each error
points at. The runs use 80 columns (``MYPY_FORCE_TERMINAL_WIDTH``), the width mypy assumes
when its output is not a terminal, whatever terminal runs the tests, so that the outputs fit
the rendered page: a code line longer than 88 characters gets a horizontal scrollbar, which
``test_code_blocks_fit_the_page`` guards against (notes, which mypy does not wrap, excepted).
The spaces that ``--pretty`` leaves at the end of a wrapped line are not compared.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import pytest
from mypy import api

PAGE = Path(__file__).parents[2] / "docs" / "plugin.md"

_FENCE = re.compile(r"^(?P<fence>`{3,})(?P<lang>[\w-]*)\s*$")
_MARKER = re.compile(r"^%\s*(?P<name>mypy-[\w-]+)(?:\s+(?P<arg>\S+))?\s*$")
_CONFIG_FILES = ("mypy.ini", "pyproject.toml")
#: The columns ``--pretty`` wraps messages to (mypy's default when not in a terminal).
TERMINAL_WIDTH = 80
#: The longest line a code block shows without a horizontal scrollbar (Furo's content width).
PAGE_WIDTH = 88
#: Output lines that nothing wraps: ``--pretty`` wraps errors, not notes, and the plugin prints
#: a bad setting itself.
_UNWRAPPED = re.compile(r"^\S+: (note|typed_registry\.mypy: error): ")


@dataclass(frozen=True)
class Block:
    """A fenced block and the MyST comment lines directly above it."""

    lang: str
    text: str
    line: int  # 1-based line of the opening fence
    markers: tuple[tuple[str, str | None], ...]


@dataclass
class Example:
    """One ``% mypy-example``: its files and the output the page shows."""

    line: int
    files: dict[str, str] = field(default_factory=dict[str, str])
    expected: str = ""


def read_blocks(text: str) -> list[Block]:
    """Every fenced block of a Markdown page, in order."""
    lines = text.splitlines()
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        markers: list[tuple[str, str | None]] = []
        above = index - 1
        while above >= 0 and lines[above].startswith("%"):
            marker = _MARKER.match(lines[above])
            if marker is not None:
                markers.insert(0, (marker["name"], marker["arg"]))
            above -= 1
        end = index + 1
        while end < len(lines) and lines[end].rstrip() != opening["fence"]:
            end += 1
        assert end < len(lines), f"unclosed block at line {index + 1}"
        body = "".join(f"{line}\n" for line in lines[index + 1 : end])
        blocks.append(Block(opening["lang"], body, index + 1, tuple(markers)))
        index = end + 1
    return blocks


def read_examples(text: str) -> tuple[str, list[Example]]:
    """The default mypy.ini and the examples of a page."""
    blocks = read_blocks(text)
    default_config: str | None = None
    pending: dict[str, str] = {}
    examples: list[Example] = []
    for position, block in enumerate(blocks):
        for name, arg in block.markers:
            if name == "mypy-default-config":
                assert block.lang == "ini", f"line {block.line}: the default config is ini"
                default_config = block.text
            elif name == "mypy-file":
                assert arg, f"line {block.line}: mypy-file needs a path"
                pending[arg] = block.text
            elif name == "mypy-example":
                assert block.lang == "python", f"line {block.line}: an example is python"
                if arg == "continue":  # the previous example's files, updated
                    assert examples, f"line {block.line}: no previous example to continue"
                    pending = {**examples[-1].files, **pending}
                else:
                    assert arg is None, f"line {block.line}: unknown argument {arg!r}"
                following = blocks[position + 1] if position + 1 < len(blocks) else None
                assert following is not None, f"line {block.line}: no output block follows"
                assert following.lang == "text", (
                    f"line {following.line}: the output of an example is a text block"
                )
                files = {**pending, "example.py": block.text}
                examples.append(Example(block.line, files, following.text))
                pending = {}
            else:
                pytest.fail(f"line {block.line}: unknown marker {name!r}")
    assert not pending, f"files given but no example follows: {sorted(pending)}"
    assert default_config is not None, "the page shows no % mypy-default-config"
    return default_config, examples


DEFAULT_CONFIG, EXAMPLES = read_examples(PAGE.read_text(encoding="utf-8"))


def write_files(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        # Packages shown without their (empty) __init__.py get one.
        parent = path.parent
        while parent != root and relative.endswith(".py"):
            init = parent / "__init__.py"
            if not init.exists():
                init.write_text("", encoding="utf-8")
            parent = parent.parent


def run_mypy(root: Path, config: str, module: str = "example.py") -> tuple[str, int]:
    """Run mypy in-process; return what it printed and its exit status."""
    args = ["--pretty", "--no-error-summary", "--cache-dir", str(root / ".mypy_cache")]
    # The plugin reports a bad setting on the process's stderr (it has no other channel),
    # which api.run does not capture.
    leaked = io.StringIO()
    with (
        mock.patch.dict(os.environ, {"MYPY_FORCE_TERMINAL_WIDTH": str(TERMINAL_WIDTH)}),
        contextlib.redirect_stdout(leaked),
        contextlib.redirect_stderr(leaked),
    ):
        stdout, stderr, status = api.run([*args, "--config-file", config, module])
    output = stdout + stderr + leaked.getvalue()
    return output.replace(f"{root}{os.sep}", ""), status


def line_ends_dropped(output: str) -> str:
    """The output as the page can hold it: without spaces at the ends of lines.

    ``--pretty`` leaves a space at the end of a line that it wraps before an error code; the
    page does not keep trailing spaces (editors remove them), the rest is compared as it is.
    """
    return "".join(f"{line.rstrip()}\n" for line in output.splitlines())


def expected_status(output: str) -> int:
    if "typed_registry.mypy: error:" in output:
        return 2  # a bad setting stops the run
    return 1 if re.search(r"^[^\s:]+:\d+: error: ", output, re.MULTILINE) else 0


@pytest.fixture(scope="session")
def seeded_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A mypy cache holding the standard library and typed_registry, checked as the page says."""
    root = tmp_path_factory.mktemp("seed")
    write_files(root, {"mypy.ini": DEFAULT_CONFIG, "seed.py": "import typed_registry\n"})
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        output, status = run_mypy(root, "mypy.ini", module="seed.py")
    assert (output, status) == ("", 0)
    return root / ".mypy_cache"


def test_the_page_has_examples() -> None:
    assert len(EXAMPLES) >= 10
    assert all(example.expected.strip() for example in EXAMPLES), "show some output"


def test_code_blocks_fit_the_page() -> None:
    too_wide = [
        f"plugin.md:{block.line + number}: {line}"
        for block in read_blocks(PAGE.read_text(encoding="utf-8"))
        for number, line in enumerate(block.text.splitlines(), start=1)
        if len(line) > PAGE_WIDTH and not _UNWRAPPED.match(line)
    ]
    assert too_wide == []


@pytest.mark.parametrize(
    "example", EXAMPLES, ids=[f"plugin.md:{example.line}" for example in EXAMPLES]
)
def test_example_output_is_real(
    example: Example, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeded_cache: Path
) -> None:
    files = dict(example.files)
    configs = [name for name in _CONFIG_FILES if name in files]
    assert len(configs) <= 1, f"one configuration file per example, not {configs}"
    if not configs:
        files["mypy.ini"] = DEFAULT_CONFIG
    config = configs[0] if configs else "mypy.ini"
    write_files(tmp_path, files)
    shutil.copytree(seeded_cache, tmp_path / ".mypy_cache")
    monkeypatch.chdir(tmp_path)

    cold, cold_status = run_mypy(tmp_path, config)
    assert line_ends_dropped(cold) == example.expected
    assert cold_status == expected_status(example.expected)
    warm, warm_status = run_mypy(tmp_path, config)
    assert (warm, warm_status) == (cold, cold_status), "a warm run differs from a cold one"
