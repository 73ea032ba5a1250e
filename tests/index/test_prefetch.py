"""A helper process reads the installed packages for a cold index (``_prefetch``).

A fake ``site-packages`` holds a distribution that takes part in registries (``engine``,
its distribution MMEngine_Lite) and one that does not (``heavy``). The helper runs as a real
process; what it hands over must be what this process reads, and only for the content it
read.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

import pytest

from typed_registry._index import ProjectIndex, _files, _prefetch
from typed_registry._index._files import SourceCache
from typed_registry._index._prefetch import (
    Helper,
    hand_over,
    installed_modules,
    packages_in,
    start,
)

from .conftest import write_tree
from .test_installed_packages import REGISTRY, metadata

if TYPE_CHECKING:
    from typed_registry._index._reader import ModuleSource

SITE = {
    "engine/__init__.py": "from engine.registry import MODELS\n",
    "engine/registry.py": REGISTRY,
    "engine/models/__init__.py": "",
    "engine/models/net.py": """\
        from engine.registry import MODELS

        @MODELS.register_module()
        class Net:
            def __init__(self, depth: int) -> None: ...
        """,
    "engine/data/loader.py": "X = 1\n",  # a namespace package: no __init__.py
    "engine/not-a-module.py": "",
    "engine/notes.txt": "",
    "mmengine_lite-1.0.dist-info/METADATA": metadata("MMEngine_Lite"),
    "mmengine_lite-1.0.dist-info/top_level.txt": "engine\nsolo\n",
    "solo.py": "Y = 2\n",
    "heavy/__init__.py": "",
    "heavy-1.0.dist-info/METADATA": metadata("heavy", "numpy>=1"),
    "heavy-1.0.dist-info/top_level.txt": "heavy\n",
}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "site-packages", SITE)


def as_json(source: ModuleSource) -> object:
    """A source's JSON form as a line of the helper holds it (tuples as lists)."""
    return json.loads(json.dumps(source.to_json()))


def read_here(site: Path, module: str) -> tuple[str, object]:
    """The digest and the source's JSON of ``module`` as this process reads it."""
    cache = SourceCache()
    relative = Path(*module.split("."))
    path = site / relative / "__init__.py"
    is_package = path.is_file()
    if not is_package:
        path = site / relative.with_suffix(".py")
    source = cache.read(path, module, is_package=is_package, installed=True)
    return cache.contents[module], as_json(source)


def never_idle() -> bool:
    return False


def test_only_the_packages_that_take_part_in_registries_are_read(site: Path) -> None:
    assert packages_in([site]) == [(site, ["engine", "solo"])]


def test_the_installed_modules_are_those_python_imports(site: Path) -> None:
    found = [
        (path.relative_to(site).as_posix(), module, package)
        for path, module, package in installed_modules(packages_in([site]))
    ]
    assert found == [
        ("engine/__init__.py", "engine", True),
        ("engine/registry.py", "engine.registry", False),
        ("engine/data/loader.py", "engine.data.loader", False),
        ("engine/models/__init__.py", "engine.models", True),
        ("engine/models/net.py", "engine.models.net", False),
        ("solo.py", "solo", False),
    ]


def test_a_helper_is_worth_it_from_a_number_of_files(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_prefetch, "MIN_FILES", 6)
    assert _prefetch.worth_a_helper(packages_in([site]))
    monkeypatch.setattr(_prefetch, "MIN_FILES", 7)
    assert not _prefetch.worth_a_helper(packages_in([site]))


def test_a_helper_hands_over_what_this_process_reads(site: Path) -> None:
    helper = start(packages_in([site]))
    assert helper is not None
    for module in ("engine", "engine.registry", "engine.models.net", "solo"):
        digest, expected = read_here(site, module)
        taken = helper.wait_for(module, digest, never_idle)
        assert taken is not None
        assert as_json(taken) == expected


def test_nothing_is_taken_for_another_content(site: Path) -> None:
    helper = start(packages_in([site]))
    assert helper is not None
    digest, _ = read_here(site, "engine.registry")
    assert helper.wait_for("engine.registry", "0" * 64, never_idle) is None
    assert helper.wait_for("heavy", digest, never_idle) is None  # never read: not taking part


def test_the_index_takes_the_helpers_reading_and_reads_a_changed_file_itself(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    helper = start(packages_in([site]))
    assert helper is not None
    assert helper.wait_for("solo", read_here(site, "solo")[0], never_idle) is not None
    # Changed after the helper read it (it has read every module: "solo" is its last).
    (site / "engine" / "models" / "net.py").write_text("Z = 3\n", "utf-8")
    parsed: list[str] = []
    original = _files.read_module

    def counting(source: str, module: str, **options: Any) -> ModuleSource:
        parsed.append(module)
        return original(source, module, **options)

    monkeypatch.setattr(_files, "read_module", counting)
    index = ProjectIndex([tmp_path / "project"], [], [site])
    index.take_from(helper, never_idle)
    registry = index.module("engine.registry")
    assert registry is not None
    assert [spec.var for spec in registry.facts.registries] == ["engine.registry.MODELS"]
    net = index.source("engine.models.net")
    assert net is not None
    assert net.registrations == []  # what the file holds now
    assert parsed == ["engine.models.net"]  # the changed file only


def fake_helper(before: list[str], after: list[str]) -> tuple[Helper, IO[bytes]]:
    """A helper process that writes ``before``, waits for a line on its stdin, writes ``after``.

    Returns the helper and the process's stdin (a line there lets it go on).
    """
    script = (
        "import sys\n"
        f"sys.stdout.write({''.join(before)!r}); sys.stdout.flush()\n"
        "sys.stdin.readline()\n"
        f"sys.stdout.write({''.join(after)!r})\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    return Helper(process), cast("IO[bytes]", process.stdin)


def line_of(site: Path, module: str) -> str:
    digest, data = read_here(site, module)
    return f"{module}\t{digest}\t{json.dumps(data)}\n"


def go_on(stdin: IO[bytes]) -> None:
    stdin.write(b"go\n")
    stdin.close()


def test_the_index_does_idle_work_until_the_module_comes(site: Path) -> None:
    helper, stdin = fake_helper([line_of(site, "engine")], [line_of(site, "solo")])
    calls: list[int] = []

    def idle() -> bool:
        calls.append(1)
        if len(calls) < 3:
            return True  # more work to do
        if len(calls) == 3:
            go_on(stdin)
        return False  # no more: wait (asked again when another module comes)

    digest, expected = read_here(site, "solo")
    taken = helper.wait_for("solo", digest, idle)
    assert taken is not None
    assert as_json(taken) == expected
    assert len(calls) >= 3  # "solo" comes only after the third call


def test_idle_work_that_needs_the_helper_waits_without_idling_again(site: Path) -> None:
    helper, stdin = fake_helper([line_of(site, "engine")], [line_of(site, "solo")])
    inner_calls: list[int] = []
    nested: list[ModuleSource | None] = []

    def inner_idle() -> bool:
        inner_calls.append(1)
        return True

    def idle() -> bool:
        if not nested:
            nested.append(helper.wait_for("engine", read_here(site, "engine")[0], inner_idle))
            go_on(stdin)
        return False

    assert helper.wait_for("solo", read_here(site, "solo")[0], idle) is not None
    assert nested[0] is not None
    assert inner_calls == []


def test_a_line_the_helper_did_not_finish_is_left_out(tmp_path: Path) -> None:
    script = "import sys; sys.stdout.write('solo\\t' + '0' * 64 + '\\t{\"module\": \"solo\"')"
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    helper = Helper(process)
    assert helper.wait_for("solo", "0" * 64, never_idle) is None


def test_the_helpers_process_reads_the_directories_it_is_given(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = io.StringIO()
    stdin = io.TextIOWrapper(io.BytesIO(json.dumps([[str(site), ["engine", "solo"]]]).encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    monkeypatch.setattr(sys, "stdout", out)
    _prefetch.main()
    lines = out.getvalue().splitlines()
    assert [line.split("\t")[0] for line in lines] == [
        "engine",
        "engine.registry",
        "engine.data.loader",
        "engine.models",
        "engine.models.net",
        "solo",
    ]
    module, digest, data = lines[1].split("\t")
    assert (digest, json.loads(data)) == read_here(site, module)


def test_hand_over_writes_one_line_per_module(site: Path) -> None:
    out = io.StringIO()
    hand_over(packages_in([site]), out)
    assert len(out.getvalue().splitlines()) == 6
