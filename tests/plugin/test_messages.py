"""The plugin's diagnostics, one test per case module under ``cases/``.

mypy runs once over all the case modules (cold, then warm on the same cache) for the whole
session; each test compares one module's diagnostics with the ``# E:``/``# N:`` comments in
it (see ``harness.py``), so a failure names the feature that broke and lists the missing and
unexpected lines.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

import pytest

from .harness import (
    CASES_DIR,
    Diagnostic,
    case_names,
    describe_mismatch,
    parse_markers,
    parse_output,
    read_expectations,
    run_batch,
)
from .scenarios import normalize

if TYPE_CHECKING:
    from pathlib import Path

    from .harness import Batch

CASES = case_names()


@pytest.fixture(scope="session")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    return run_batch(tmp_path_factory.mktemp("plugin_batch"))


@pytest.mark.parametrize("case", CASES, ids=[name.removesuffix(".py") for name in CASES])
def test_case(batch: Batch, case: str) -> None:
    assert not batch.problems, "\n\n".join(batch.problems)
    mismatch = batch.mismatch(case)
    assert mismatch is None, f"{case}: mypy's diagnostics differ from the expectations\n{mismatch}"


def test_runs_are_clean(batch: Batch) -> None:
    # No crash report, no stderr, no diagnostics outside the cases, exit status 0 or 1.
    assert not batch.problems, "\n\n".join(batch.problems)
    assert batch.cold.status == 1  # the cases expect errors


def test_warm_run_equals_cold_run(batch: Batch) -> None:
    # By file, each file's lines in mypy's order: mypy prints a module's lines when it
    # processes the module, and a warm run processes the modules it checks again (those
    # that missed a name, see _visibility.written_digest) after the fresh ones.
    cold, warm = normalize(batch.cold.stdout), normalize(batch.warm.stdout)
    diff = "\n".join(difflib.unified_diff(cold.splitlines(), warm.splitlines(), "cold", "warm"))
    assert warm == cold, diff
    assert batch.warm.status == batch.cold.status


def test_plugin_is_active(batch: Batch) -> None:
    # Without the plugin these would be plain mypy output: a typo must be a registry-name error.
    codes = {d.message.rsplit("[", 1)[-1] for d in batch.cold.for_file("case_registry_name.py")}
    assert "registry-name]" in codes


# The message variants, each of which some case module must assert in full.
_VARIANTS = {
    "registry-name, no suggestion": r'^"[^"]+" is not registered in registry "[^"]+" '
    r'\(scope "[^"]+"\)  \[registry-name\]$',
    "registry-name, one suggestion": r'; did you mean "[^"]+"\?  \[registry-name\]$',
    "registry-name, two suggestions": r'; did you mean "[^"]+" or "[^"]+"\?  \[registry-name\]$',
    "registry-name, three suggestions": r'; did you mean "[^"]+", "[^"]+", or "[^"]+"\?  '
    r"\[registry-name\]$",
    "registry-name, scoped miss": r'^"(\w+)\.\w+" is not registered in registry "[^"]+" '
    r'\(scope "\1"\)',
    "registry-name, suggestion under another scope": r'did you mean "\w+\.\w+"\?  '
    r"\[registry-name\]$",
    "registry-name, unknown scope, no suggestion": r'is not registered: scope "[^"]+" is not in '
    r'the tree of registry "[^"]+" \(scope "[^"]+"\); known scopes: [^;]+  \[registry-name\]$',
    "registry-name, unknown scope, one known": r'; known scopes: "[^"]+"(; did you mean "[^"]+"\?)?'
    r"  \[registry-name\]$",
    "registry-name, unknown scope, several known": r'; known scopes: ("[^"]+", )+and "[^"]+"  '
    r"\[registry-name\]$",
    "registry-name, unknown scope with suggestion": r"; known scopes: .*; did you mean "
    r'"[\w.]+"\?  \[registry-name\]$',
    "registry-bound, missing member": r'\(missing member "\w+"\)  \[registry-bound\]$',
    "registry-bound, missing members": r'\(missing members ("\w+", )+"\w+"\)  \[registry-bound\]$',
    "registry-bound, conflicting member": r'\(member "\w+" has type "[^"]+", expected "[^"]+"\)'
    r"  \[registry-bound\]$",
    "registry-bound, not a subtype": r'\("[^"]+" is not a subtype of it\)  \[registry-bound\]$',
    "registry-duplicate, with target": r'is already registered in registry "[^"]+" \(scope '
    r'"[^"]+"\) at \w+:\d+ \("[\w.]+"\); pass force=True to replace it  \[registry-duplicate\]$',
    "registry-duplicate, no target": r"at \w+:\d+; pass force=True to replace it  "
    r"\[registry-duplicate\]$",
    "registry-config, invalid registration": r"^Invalid registration: .+ \(the import raises "
    r"ValueError or TypeError\)  \[registry-config\]$",
    "registry-config, invalid config": r"^Invalid config: .+  \[registry-config\]$",
    "registry-name, nested, nowhere": r'^"[^"]+" is not registered in any registry; did you mean '
    r'"[^"]+"\?  \[registry-name\]$',
}


@pytest.mark.parametrize("variant", sorted(_VARIANTS))
def test_every_message_variant_is_asserted(variant: str) -> None:
    pattern = re.compile(_VARIANTS[variant])
    expected = [d for name in CASES for d in read_expectations(CASES_DIR / name)]
    assert any(d.severity == "error" and pattern.search(d.message) for d in expected), variant


# The harness itself --------------------------------------------------------------------------


def test_markers_split_on_each_marker() -> None:
    comment = '# type: ignore[x]  # E: first "a # b"  [c] # E: second  [d] # N:     indented note'
    assert parse_markers(comment) == [
        ("error", 'first "a # b"  [c]'),
        ("error", "second  [d]"),
        ("note", "indented note"),
    ]
    assert parse_markers("# plain comment") == []


def test_expectations_come_from_comments_only(tmp_path: Path) -> None:
    case = tmp_path / "case_demo.py"
    case.write_text('x = "# E: not a marker"\ny = 1  # E: real  [misc]\n\nz = 2  # N: a note\n')
    assert read_expectations(case) == [
        Diagnostic("case_demo.py", 2, "error", "real  [misc]"),
        Diagnostic("case_demo.py", 4, "note", "a note"),
    ]


def test_output_lines_are_parsed_and_the_rest_is_kept() -> None:
    diagnostics, unparsed = parse_output(
        "case_a.py:3: error: Bad thing  [misc]\n"
        "case_a.py:3: note:     indented\n"
        "Traceback (most recent call last):\n"
    )
    assert diagnostics == (
        Diagnostic("case_a.py", 3, "error", "Bad thing  [misc]"),
        Diagnostic("case_a.py", 3, "note", "indented"),
    )
    assert unparsed == ("Traceback (most recent call last):",)


def test_mismatch_lists_missing_and_unexpected() -> None:
    expected = [Diagnostic("c.py", 1, "error", "a"), Diagnostic("c.py", 2, "error", "b")]
    actual = [Diagnostic("c.py", 2, "error", "b"), Diagnostic("c.py", 3, "note", "n")]
    assert describe_mismatch(expected, actual) == (
        "- missing:    c.py:1: error: a\n+ unexpected: c.py:3: note: n"
    )
