"""The locations hub: the shape of the dependencies it gives, and the facts it holds.

- A module that reads the locations depends on the hub, the hub on every module under the
  locations (mypy's own graph, from an in-process build of the scenario project).
- When mypy is told to follow no imports into the hub, each reading module depends on the
  locations directly, with the same output, cold and warm.
- The hub's facts leave line numbers out: code moved in a location module changes nothing
  in them (a hypothesis property), and branch markers keep telling apart exactly what they
  told apart.
- A hub that holds no facts (mypy did not check it) makes no name an error.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import mypy.build
from hypothesis import given
from hypothesis import strategies as st
from mypy.build import PRI_INDIRECT
from mypy.main import process_options
from tests.plugin.scenarios import FILES, PYPROJECT, SOURCES, Project, lines_of
from tests.plugin.test_scenarios import APP_LINES

from typed_registry.mypy import _plugin
from typed_registry.mypy._facts import ModuleFacts, Registration, RegistrySpec
from typed_registry.mypy._fullnames import HUB
from typed_registry.mypy._hub import merged_facts

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

LOCATION_MODULES = {"mypkg.models", "mypkg.models.mlp", "mypkg.models.resnet", "mypkg.models.yolo"}


def _graph(project: Project) -> mypy.build.Graph:
    """mypy's module graph after checking the project's programs (nothing cached)."""
    sources, options = process_options(
        ["--config-file", project.config_name, "--no-incremental", "app.py", "app2.py"]
    )
    return mypy.build.build(sources, options).graph


def _direct(graph: mypy.build.Graph, module: str) -> set[str]:
    """What ``module`` depends on, less what mypy adds after checking it (types it used)."""
    state = graph[module]
    return {dep for dep in state.dependencies if state.priorities.get(dep) != PRI_INDIRECT}


def test_a_reading_module_depends_on_the_hub_and_the_hub_on_the_locations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    graph = _graph(Project.create(tmp_path))
    app = _direct(graph, "app")
    assert HUB in app
    assert not app & (LOCATION_MODULES - {"mypkg.models"})  # only through the hub
    assert _direct(graph, HUB) >= LOCATION_MODULES


def test_without_the_hub_the_locations_are_read_directly_with_the_same_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    skip_hub = f'\n[[tool.mypy.overrides]]\nmodule = ["{HUB}"]\nfollow_imports = "skip"\n'
    project = Project.create(tmp_path, config=PYPROJECT + skip_hub)
    cold = project.cold().output
    assert lines_of(cold, "app.py") == APP_LINES
    assert project.mypy().output == cold
    assert project.mypy().output == cold
    graph = _graph(project)
    assert HUB not in graph
    assert _direct(graph, "app") >= LOCATION_MODULES


def test_the_scenario_output_does_not_depend_on_the_hub(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "hub").mkdir()
    (tmp_path / "direct").mkdir()
    monkeypatch.chdir(tmp_path / "hub")
    with_hub = Project.create(tmp_path / "hub").cold().output
    monkeypatch.chdir(tmp_path / "direct")
    skip_hub = f'\n[[tool.mypy.overrides]]\nmodule = ["{HUB}"]\nfollow_imports = "skip"\n'
    direct = Project.create(tmp_path / "direct", FILES, config=PYPROJECT + skip_hub)
    assert direct.cold(sources=SOURCES).output == with_hub


# --- the facts the hub holds ----------------------------------------------------------------

SPEC = RegistrySpec("pkg.r.A", "a", "pkg", None, (), None, 3)
_lines = st.integers(min_value=1, max_value=60)
_markers = st.lists(
    st.tuples(_lines, st.sampled_from(["0", "1", "body", "except0"])), max_size=3
).map(lambda parts: tuple(f"{line}:{part}" for line, part in parts))


def _registrations(module: str) -> st.SearchStrategy[tuple[Registration, ...]]:
    registration = st.builds(
        Registration,
        registry=st.sampled_from(["pkg.r.A", "pkg.r.B"]),
        names=st.one_of(st.none(), st.tuples(st.sampled_from(["X", "Y"]))),
        force=st.booleans(),
        target=st.sampled_from([None, "pkg.m.X"]),
        module=st.just(module),
        line=_lines,
        branch=_markers,
    )
    return st.lists(registration, max_size=6).map(tuple)


def _moved(facts: ModuleFacts, offset: int) -> ModuleFacts:
    """The same facts with every line ``offset`` lines down (code inserted above them)."""

    def move(marker: str) -> str:
        line, _, part = marker.partition(":")
        return f"{int(line) + offset}:{part}"

    return ModuleFacts(
        tuple(replace(spec, line=spec.line + offset) for spec in facts.registries),
        tuple(
            replace(r, line=r.line + offset, branch=tuple(move(m) for m in r.branch))
            for r in facts.registrations
        ),
    )


@given(_registrations("pkg.m1"), st.integers(min_value=1, max_value=100))
def test_code_moved_in_a_location_module_leaves_the_hub_facts_as_they_were(
    registrations: tuple[Registration, ...], offset: int
) -> None:
    facts = ModuleFacts((SPEC,), registrations)
    assert merged_facts([facts]) == merged_facts([_moved(facts, offset)])
    assert all(r.line == 0 for r in merged_facts([facts]).registrations)


@given(_registrations("pkg.m1"), _registrations("pkg.m2"))
def test_the_hub_facts_tell_apart_the_branches_their_modules_told_apart(
    first: tuple[Registration, ...], second: tuple[Registration, ...]
) -> None:
    before = [*first, *second]
    after = merged_facts([ModuleFacts((), first), ModuleFacts((), second)]).registrations
    assert [a.excludes(b) for a in before for b in before] == [
        a.excludes(b) for a in after for b in after
    ]


def test_registrations_of_two_modules_never_exclude_each_other() -> None:
    # The same markers name different statements in different modules.
    here = Registration("pkg.r.A", ("X",), False, "pkg.m1.X", "pkg.m1", 6, ("5:0",))
    there = Registration("pkg.r.A", ("X",), False, "pkg.m2.X", "pkg.m2", 6, ("5:1",))
    assert not here.excludes(there)
    assert here.excludes(replace(there, module="pkg.m1"))


def test_a_hub_that_holds_no_facts_makes_no_name_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if mypy had not checked the hub: its hook never stores the locations' facts.
    monkeypatch.setattr(_plugin, "on_gather", lambda ctx, state: ctx.default_return_type)
    monkeypatch.chdir(tmp_path)
    output = Project.create(tmp_path).mypy(cache="no-hub-facts").output
    assert lines_of(output, "app.py") == [
        '8: note: Revealed type is "mypkg.registry.Model"',
        '9: note: Revealed type is "mypkg.registry.Model"',
        '10: note: Revealed type is "mypkg.registry.Model"',
    ]
