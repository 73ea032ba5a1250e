"""A helper process reads modules for a cold index (``_prefetch``).

A fake ``site-packages`` holds a distribution that takes part in registries (``engine``,
its distribution MMEngine_Lite) and one that does not (``heavy``); a project holds a package
with a ``registry`` module and a location. The helper runs as a real process; what it hands
over must be what this process reads, and only for the content it read.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

import pytest

from typed_registry._index import ProjectIndex, _files, _prefetch
from typed_registry._index._files import SourceCache
from typed_registry._index._prefetch import (
    Helper,
    Reading,
    hand_over,
    modules_of,
    reading_for,
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

PROJECT = {
    "det/__init__.py": "",
    "det/registry.py": "from engine.registry import MODELS\n",
    "det/models/__init__.py": "",
    "det/models/head.py": "H = 1\n",
    "app/__init__.py": "",
    "app/parts.py": "P = 1\n",
    "ns/a.py": "A = 1\n",  # a namespace package: a location the index lists itself
    "other/__init__.py": "",  # no registry module, no location: not read
    "other/big.py": "B = 1\n",
}

#: What the site's packages read to, in the helper's order.
SITE_MODULES = [
    ("engine/__init__.py", "engine", True),
    ("engine/registry.py", "engine.registry", False),
    ("engine/data/loader.py", "engine.data.loader", False),
    ("engine/models/__init__.py", "engine.models", True),
    ("engine/models/net.py", "engine.models.net", False),
    ("solo.py", "solo", False),
]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "site-packages", SITE)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "project", PROJECT)


def installed_only(site: Path) -> Reading:
    return reading_for([], [], [site])


def as_json(source: ModuleSource) -> object:
    """A source's JSON form as a line of the helper holds it (tuples as lists)."""
    return json.loads(json.dumps(source.to_json()))


def read_here(site: Path, module: str, *, installed: bool = True) -> tuple[str, object]:
    """The digest and the source's JSON of ``module`` as this process reads it."""
    cache = SourceCache()
    relative = Path(*module.split("."))
    path = site / relative / "__init__.py"
    is_package = path.is_file()
    if not is_package:
        path = site / relative.with_suffix(".py")
    source = cache.read(path, module, is_package=is_package, installed=installed)
    return cache.contents[module], as_json(source)


def never_idle() -> bool:
    return False


def test_a_cold_index_reads_the_installed_packages_then_the_projects(
    site: Path, project: Path
) -> None:
    reading = reading_for([project], ["app.parts", "det.models", "ns"], [site])
    assert reading.installed == [(site / "engine", "engine"), (site / "solo", "solo")]
    # det has a registry module; app.parts is a location (det.models lies in det).
    assert reading.project == [(project / "det", "det"), (project / "app" / "parts", "app.parts")]
    found = [
        (path, module, package, installed) for path, module, package, installed in reading.modules()
    ]
    relative = [
        (path.relative_to(site if installed else project).as_posix(), module, package, installed)
        for path, module, package, installed in found
    ]
    assert relative == [
        *((path, module, package, True) for path, module, package in SITE_MODULES),
        # The project's, from the last to the first.
        ("app/parts.py", "app.parts", False, False),
        ("det/models/head.py", "det.models.head", False, False),
        ("det/models/__init__.py", "det.models", True, False),
        ("det/registry.py", "det.registry", False, False),
        ("det/__init__.py", "det", True, False),
    ]


def test_a_module_is_read_once_when_two_packages_hold_it(site: Path) -> None:
    reading = Reading(
        [(site / "engine", "engine")], [(site / "engine" / "models", "engine.models")]
    )
    modules = [module for _, module, _, _ in reading.modules()]
    assert modules == [
        "engine",
        "engine.registry",
        "engine.data.loader",
        "engine.models",
        "engine.models.net",
    ]


def test_roots_that_cannot_be_listed_and_locations_nowhere_add_nothing(tmp_path: Path) -> None:
    assert reading_for([tmp_path / "missing"], ["nowhere.models"], []) == Reading([], [])


def test_the_modules_of_packages_are_those_python_imports(site: Path) -> None:
    found = [
        (path.relative_to(site).as_posix(), module, package)
        for path, module, package in modules_of(
            [(site / "engine", "engine"), (site / "solo", "solo")]
        )
    ]
    assert found == SITE_MODULES


def test_a_helper_is_worth_it_from_a_number_of_files(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_prefetch, "MIN_FILES", 6)
    assert _prefetch.worth_a_helper(installed_only(site))
    monkeypatch.setattr(_prefetch, "MIN_FILES", 7)
    assert not _prefetch.worth_a_helper(installed_only(site))


def take_when_done(helper: Helper, module: str, digest: str) -> ModuleSource | None:
    """Take ``module``, doing "other work" (a short sleep) until the helper has handed it over
    or finished.
    """

    def sleep() -> bool:
        time.sleep(0.01)
        return True

    return helper.take(module, digest, sleep)


def test_a_helper_hands_over_what_this_process_reads(site: Path, project: Path) -> None:
    helper = start(reading_for([project], [], [site]))
    assert helper is not None
    for module in ("engine", "engine.registry", "engine.models.net", "solo"):
        digest, expected = read_here(site, module)
        taken = take_when_done(helper, module, digest)
        assert taken is not None
        assert as_json(taken) == expected
    digest, expected = read_here(project, "det.registry", installed=False)
    taken = take_when_done(helper, "det.registry", digest)
    assert taken is not None
    assert as_json(taken) == expected


def test_nothing_is_taken_for_another_content(site: Path) -> None:
    helper = start(installed_only(site))
    assert helper is not None
    digest, _ = read_here(site, "engine.registry")
    assert take_when_done(helper, "engine.registry", "0" * 64) is None
    assert take_when_done(helper, "heavy", digest) is None  # never read: not taking part
    assert take_when_done(helper, "engine.registry", digest) is not None


def test_the_index_takes_the_helpers_reading_and_reads_a_changed_file_itself(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    helper = start(installed_only(site))
    assert helper is not None
    assert take_when_done(helper, "solo", read_here(site, "solo")[0]) is not None
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


def test_a_module_not_handed_over_yet_is_left_to_this_process_once_no_work_is_left(
    site: Path,
) -> None:
    helper, stdin = fake_helper([], [line_of(site, "solo")])
    digest, expected = read_here(site, "solo")
    assert helper.take("solo", digest, never_idle) is None  # no waiting
    go_on(stdin)
    taken = take_when_done(helper, "solo", digest)
    assert taken is not None
    assert as_json(taken) == expected


def test_the_work_left_is_done_while_the_module_has_not_come(site: Path) -> None:
    helper, stdin = fake_helper([line_of(site, "engine")], [line_of(site, "solo")])
    calls: list[int] = []

    def idle() -> bool:
        calls.append(1)
        if len(calls) == 3:
            go_on(stdin)
        time.sleep(0.01)
        return True  # more work to do

    digest, expected = read_here(site, "solo")
    taken = helper.take("solo", digest, idle)
    assert taken is not None
    assert as_json(taken) == expected
    assert len(calls) >= 3  # "solo" comes only after the third call


def test_work_that_needs_the_helper_does_not_start_more_work(site: Path) -> None:
    helper, stdin = fake_helper([line_of(site, "engine")], [])
    inner_calls: list[int] = []

    def inner_idle() -> bool:
        inner_calls.append(1)
        return True

    def idle() -> bool:
        helper.take("engine", read_here(site, "engine")[0], inner_idle)
        return False

    assert helper.take("solo", read_here(site, "solo")[0], idle) is None
    assert inner_calls == []
    go_on(stdin)


def test_a_line_the_helper_did_not_finish_is_left_out() -> None:
    script = "import sys; sys.stdout.write('solo\\t' + '0' * 64 + '\\t{\"module\": \"solo\"')"
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    helper = Helper(process)
    assert take_when_done(helper, "solo", "0" * 64) is None


def test_the_helpers_process_reads_what_it_is_given(
    site: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = io.StringIO()
    request = [[[str(site / "solo"), "solo"]], [[str(project / "app" / "parts"), "app.parts"]]]
    stdin = io.TextIOWrapper(io.BytesIO(json.dumps(request).encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    monkeypatch.setattr(sys, "stdout", out)
    _prefetch.main()
    lines = out.getvalue().splitlines()
    assert [line.split("\t")[0] for line in lines] == ["solo", "app.parts"]
    module, digest, data = lines[0].split("\t")
    assert (digest, json.loads(data)) == read_here(site, module)
    module, digest, data = lines[1].split("\t")
    assert (digest, json.loads(data)) == read_here(project, module, installed=False)


def test_hand_over_writes_one_line_per_module(site: Path) -> None:
    out = io.StringIO()
    hand_over(installed_only(site), out)
    assert len(out.getvalue().splitlines()) == len(SITE_MODULES)
