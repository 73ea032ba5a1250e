from __future__ import annotations

from typing import TYPE_CHECKING

from typed_registry.demo.__main__ import main

if TYPE_CHECKING:
    import pytest


def run_demo(capsys: pytest.CaptureFixture[str]) -> list[str]:
    main()
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out.splitlines()


def test_the_demo_prints_its_sections_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    lines = run_demo(capsys)
    sections = [line for line in lines if line.startswith("== ")]
    assert sections == [
        "== build from configs",
        "== hierarchy lookups (unscoped: self, then parents; 'scope.Name': anywhere)",
        "== a typo",
        "== registry contents",
    ]


def test_the_demo_builds_objects_from_configs(capsys: pytest.CaptureFixture[str]) -> None:
    lines = run_demo(capsys)
    assert "DET_MODELS.build(type='Det', backbone=Linear(a=2)).forward(0.3) = 1.0" in lines
    assert "CLS_MODELS.build(type='make_doubler').forward(21) = 42.0" in lines
    assert "MODELS.build(type='cls.Scaler', factor=3).forward(2) = 6.0" in lines


def test_the_demo_shows_hierarchy_lookups(capsys: pytest.CaptureFixture[str]) -> None:
    lines = run_demo(capsys)
    assert "det.get('Linear') -> typed_registry.demo.core_models.Linear" in lines
    assert "cls.get('det.Detector') -> typed_registry.demo.det_models.Detector" in lines
    assert "core.get('Scaler') -> None" in lines
    assert "core.get('cls.Scaler') -> typed_registry.demo.cls_models.Scaler" in lines
    assert "with default_scope('cls'): MODELS.build(type='Scaler', ...) -> Scaler" in lines


def test_the_demo_shows_a_did_you_mean_error(capsys: pytest.CaptureFixture[str]) -> None:
    lines = run_demo(capsys)
    assert (
        "NotRegisteredError: 'Detecter' is not registered in registry 'models' (scope 'det') "
        "or its parents; did you mean 'Detector'? "
        "(imported locations: typed_registry.demo.det_models)"
    ) in lines


def test_the_demo_prints_every_registry_as_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    lines = run_demo(capsys)
    titles = [line for line in lines if line.startswith("Registry ")]
    assert titles == [
        "Registry 'models' (scope 'core')",
        "Registry 'models' (scope 'det')",
        "Registry 'models' (scope 'cls')",
    ]
    headers = [line.split() for line in lines if line.startswith("name ")]
    assert headers == [["name", "kind", "object", "registered", "at"]] * 3


def test_the_demo_tables_list_the_registered_entries(capsys: pytest.CaptureFixture[str]) -> None:
    rows = {line.split()[0]: line.split()[1:] for line in run_demo(capsys) if line.count("  ") >= 3}
    expected = {
        "Linear": ("class", "typed_registry.demo.core_models.Linear"),
        "Detector": ("class", "typed_registry.demo.det_models.Detector"),
        "Det": ("class", "typed_registry.demo.det_models.Detector"),
        "Scaler": ("class", "typed_registry.demo.cls_models.Scaler"),
        "make_doubler": ("function", "typed_registry.demo.cls_models.make_doubler"),
    }
    for name, (kind, obj) in expected.items():
        assert rows[name][:2] == [kind, obj]
        module = obj.rsplit(".", 1)[0]
        assert rows[name][2].startswith(f"{module}:")


def test_the_demo_gives_the_same_output_when_run_again(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_demo(capsys) == run_demo(capsys)
