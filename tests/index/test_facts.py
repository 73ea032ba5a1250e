"""The facts of a module: branches that exclude each other, derived copies, the JSON form."""

from __future__ import annotations

import json

import pytest

from typed_registry._index import ModuleFacts, Registration, RegistrySpec
from typed_registry._index._facts import FACTS_VERSION

SPEC = RegistrySpec("pkg.registry.MODELS", "models", "pkg", None, ("pkg.models",), None, 5)
CHILD = RegistrySpec("pkg.registry.DET", "det", None, "pkg.registry.MODELS", (), "custom", 6)


def registration(module: str = "pkg.m", branch: tuple[str, ...] = ()) -> Registration:
    return Registration("pkg.registry.MODELS", ("A",), False, "pkg.m.A", module, 9, branch)


FACTS = ModuleFacts(
    registries=(SPEC, CHILD),
    registrations=(
        registration(),
        Registration("pkg.registry.DET", None, True, None, "pkg.m", 12, ("10:0", "11:body"), True),
    ),
)


# -- branches ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mine", "theirs"),
    [
        pytest.param(("3:0",), ("3:1",), id="if-and-else"),
        pytest.param(("3:body",), ("3:except0",), id="try-and-handler"),
        pytest.param(("3:except0",), ("3:except1",), id="two-handlers"),
        pytest.param(("1:0", "3:0"), ("1:0", "3:1"), id="nested-in-one-branch"),
        pytest.param(("1:0", "3:0"), ("1:1",), id="under-either-branch"),
    ],
)
def test_registrations_in_branches_of_one_statement_exclude_each_other(
    mine: tuple[str, ...], theirs: tuple[str, ...]
) -> None:
    assert registration(branch=mine).excludes(registration(branch=theirs))
    assert registration(branch=theirs).excludes(registration(branch=mine))


@pytest.mark.parametrize(
    ("mine", "theirs"),
    [
        pytest.param((), (), id="module-level"),
        pytest.param(("3:0",), ("3:0",), id="same-branch"),
        pytest.param(("3:0",), (), id="branch-and-module-level"),
        pytest.param(("3:0",), ("3:0", "5:1"), id="nested-deeper"),
        pytest.param(("3:0",), ("4:1",), id="different-statements"),
    ],
)
def test_registrations_that_may_both_run_do_not_exclude_each_other(
    mine: tuple[str, ...], theirs: tuple[str, ...]
) -> None:
    assert not registration(branch=mine).excludes(registration(branch=theirs))


def test_registrations_of_two_modules_never_exclude_each_other() -> None:
    assert not registration("pkg.a", ("3:0",)).excludes(registration("pkg.b", ("3:1",)))


# -- derived copies --------------------------------------------------------------------------------


def test_a_registration_without_its_target_keeps_everything_else() -> None:
    assert registration().without_target() == Registration(
        "pkg.registry.MODELS", ("A",), False, None, "pkg.m", 9
    )


def test_facts_are_true_when_they_hold_anything() -> None:
    assert not ModuleFacts()
    assert ModuleFacts(registries=(SPEC,))
    assert ModuleFacts(registrations=(registration(),))


# -- the JSON form -------------------------------------------------------------------------------


def test_facts_read_back_from_their_json_form_are_the_same() -> None:
    assert ModuleFacts.from_json(json.loads(json.dumps(FACTS.to_json()))) == FACTS
    assert ModuleFacts.from_json(ModuleFacts().to_json()) == ModuleFacts()


def _stored(**changes: object) -> dict[str, object]:
    return {**json.loads(json.dumps(FACTS.to_json())), **changes}


@pytest.mark.parametrize(
    "stored",
    [
        pytest.param(None, id="no-data"),
        pytest.param([FACTS_VERSION, [], []], id="not-an-object"),
        pytest.param(_stored(version=FACTS_VERSION - 1), id="older-version"),
        pytest.param({"version": FACTS_VERSION, "registries": []}, id="missing-key"),
        pytest.param(_stored(registries=[["pkg.registry.MODELS", "models"]]), id="short-row"),
        pytest.param(_stored(registrations=[7]), id="row-not-a-list"),
    ],
)
def test_stored_facts_of_another_form_read_as_no_facts(stored: object) -> None:
    assert ModuleFacts.from_json(stored) == ModuleFacts()
