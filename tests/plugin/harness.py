"""Run mypy with the plugin over case modules and compare its output with inline expectations.

A case module (``tests/plugin/cases/case_*.py``) is an ordinary program for mypy in which
every line that should get a diagnostic says so in a comment::

    MODELS.build(dict(type="ResNe"))  # E: "ResNe" is not registered in ...  [registry-name]
    reveal_type(MODELS.get("ResNet"))  # N: Revealed type is "type[case_x.ResNet]"
    x = f(1, "a")  # E: first message  [code] # E: second message  [code]

``# E:`` expects an error (the message and its ``[code]``, exactly as mypy prints them) and
``# N:`` a note. A line may carry several, each starting with ``# E:`` or ``# N:`` again, after
any other comment (``# type: ignore[...]``). Lines without a marker must get no diagnostic.

All the cases are checked in one mypy run (mypy is invoked in this process, so coverage
measures the plugin), then once more on the same cache: the warm run must print exactly what
the cold one printed. Each case module is checked as a top-level module named after its file
(``case_scopes``), so a registry created without ``scope=`` gets the module's name as scope.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import time
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

import mypy.api

CASES_DIR = Path(__file__).parent / "cases"
CASE_GLOB = "case_*.py"

#: The one location the batch's settings declare: a case module, so that ``registry-config``
#: can be shown both for a configured location and for locations missing from the settings.
CONFIGURED_LOCATION = "case_registry_config"

MYPY_INI = """\
[mypy]
plugins = typed_registry.mypy
strict = True
show_error_codes = True
warn_unused_ignores = True
cache_dir = {cache_dir}

[typed_registry]
locations = {locations}
"""

#: Flags for every run. Column numbers are left out: expectations are per line, and a value
#: that an error must point at is put on a line of its own in the cases.
MYPY_FLAGS = ("--no-color-output", "--no-error-summary", "--show-traceback", "--no-pretty")

_OUTPUT_LINE = re.compile(
    r"^(?P<file>[^\s:][^:]*\.pyi?):(?P<line>\d+): (?P<severity>error|note): (?P<message>.*)$"
)
_MARKER = re.compile(r"(?:^|\s)# (?P<kind>[EN]): ")
_SEVERITY = {"E": "error", "N": "note"}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One line of mypy's output, or one expectation written in a case module."""

    file: str
    line: int
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class MypyRun:
    """What one in-process mypy run printed."""

    stdout: str
    stderr: str
    status: int
    seconds: float
    diagnostics: tuple[Diagnostic, ...]
    #: Lines of stdout that are not diagnostics (a crash report, a summary): always a failure.
    unparsed: tuple[str, ...]

    def for_file(self, name: str) -> list[Diagnostic]:
        """The diagnostics reported in file ``name``, sorted."""
        return sorted(d for d in self.diagnostics if d.file == name)


def parse_output(stdout: str) -> tuple[tuple[Diagnostic, ...], tuple[str, ...]]:
    """Split mypy's stdout into diagnostics and the lines that are not diagnostics."""
    diagnostics: list[Diagnostic] = []
    unparsed: list[str] = []
    for raw in stdout.splitlines():
        match = _OUTPUT_LINE.match(raw)
        if match is None:
            if raw.strip():
                unparsed.append(raw)
            continue
        diagnostics.append(
            Diagnostic(
                file=Path(match["file"]).name,
                line=int(match["line"]),
                severity=match["severity"],
                message=match["message"].strip(),
            )
        )
    return tuple(diagnostics), tuple(unparsed)


def parse_markers(comment: str) -> list[tuple[str, str]]:
    """The ``(severity, message)`` expectations in one comment, in order."""
    found = list(_MARKER.finditer(comment))
    expectations: list[tuple[str, str]] = []
    for index, match in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(comment)
        message = comment[match.end() : end].strip()
        expectations.append((_SEVERITY[match["kind"]], message))
    return expectations


def read_expectations(path: Path) -> list[Diagnostic]:
    """The diagnostics a case module expects, from its ``# E:``/``# N:`` comments, sorted."""
    expected: list[Diagnostic] = []
    with path.open("rb") as file:
        for token in tokenize.tokenize(file.readline):
            if token.type != tokenize.COMMENT:
                continue
            for severity, message in parse_markers(token.string):
                expected.append(Diagnostic(path.name, token.start[0], severity, message))
    return sorted(expected)


def write_config(directory: Path, cache_dir: Path, locations: tuple[str, ...] = ()) -> Path:
    """Write the ``mypy.ini`` of a run (the plugin, strict mode, the given locations)."""
    ini = directory / "mypy.ini"
    ini.write_text(MYPY_INI.format(cache_dir=cache_dir, locations=", ".join(locations)))
    return ini


def run_mypy(
    files: list[str], *, workdir: Path, config: Path, extra: tuple[str, ...] = ()
) -> MypyRun:
    """Run mypy in this process, from ``workdir``, on ``files`` (paths relative to it).

    mypy is not re-entrant: call this from one thread at a time.
    """
    start = time.perf_counter()
    with contextlib.chdir(workdir):
        stdout, stderr, status = mypy.api.run(
            [*files, "--config-file", str(config), *MYPY_FLAGS, *extra]
        )
    seconds = time.perf_counter() - start
    diagnostics, unparsed = parse_output(stdout)
    return MypyRun(stdout, stderr, status, seconds, diagnostics, unparsed)


@dataclass
class Batch:
    """The case modules, what they expect, and the cold and warm runs over all of them."""

    directory: Path
    cases: list[str]
    expected: dict[str, list[Diagnostic]]
    cold: MypyRun
    warm: MypyRun
    problems: list[str] = field(default_factory=list[str])

    def mismatch(self, case: str, run: MypyRun | None = None) -> str | None:
        """A readable account of how ``case``'s diagnostics differ from its expectations."""
        actual = (run or self.cold).for_file(case)
        expected = self.expected[case]
        if actual == expected:
            return None
        return describe_mismatch(expected, actual)


def describe_mismatch(expected: list[Diagnostic], actual: list[Diagnostic]) -> str:
    """Missing and unexpected diagnostics, one per line, by line number."""
    missing = _minus(expected, actual)
    unexpected = _minus(actual, expected)
    lines = [f"- missing:    {d}" for d in missing] + [f"+ unexpected: {d}" for d in unexpected]
    lines.sort(key=lambda text: (int(text.split(":")[2]), text))
    return "\n".join(lines)


def _minus(items: list[Diagnostic], other: list[Diagnostic]) -> list[Diagnostic]:
    remaining = list(other)
    left: list[Diagnostic] = []
    for item in items:
        if item in remaining:
            remaining.remove(item)
        else:
            left.append(item)
    return left


def case_names(cases_dir: Path = CASES_DIR) -> list[str]:
    """The file names of the case modules, sorted."""
    return sorted(path.name for path in cases_dir.glob(CASE_GLOB))


def run_batch(directory: Path, cases_dir: Path = CASES_DIR) -> Batch:
    """Copy the cases to ``directory``, run mypy twice on one cache, and collect the results."""
    cases = case_names(cases_dir)
    for name in cases:
        shutil.copyfile(cases_dir / name, directory / name)
    cache_dir = directory / ".mypy_cache"
    config = write_config(directory, cache_dir, locations=(CONFIGURED_LOCATION,))
    expected = {name: read_expectations(directory / name) for name in cases}
    # The case files are passed in a stable order; mypy orders modules by their imports.
    cold = run_mypy(cases, workdir=directory, config=config)
    warm = run_mypy(cases, workdir=directory, config=config)
    batch = Batch(directory, cases, expected, cold, warm)
    for label, run in (("cold", cold), ("warm", warm)):
        if run.stderr:
            batch.problems.append(f"{label} run wrote to stderr:\n{run.stderr}")
        if run.unparsed:
            batch.problems.append(
                f"{label} run printed non-diagnostics:\n" + "\n".join(run.unparsed)
            )
        if run.status not in {0, 1}:
            batch.problems.append(f"{label} run exited with status {run.status}")
        strays = sorted({d.file for d in run.diagnostics} - set(cases))
        if strays:
            batch.problems.append(f"{label} run reported in files that are not cases: {strays}")
    return batch
