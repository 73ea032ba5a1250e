from __future__ import annotations

import doctest
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from typed_registry.demo.__main__ import main

if TYPE_CHECKING:
    import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_demo(capsys: pytest.CaptureFixture[str]) -> list[str]:
    main()
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out.splitlines()


def test_the_demo_prints_its_sections_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    lines = run_demo(capsys)
    comments = [line for line in lines if line.startswith("# ")]
    assert comments == [
        "# MODELS (scope 'core') has two children, DET_MODELS ('det') and CLS_MODELS ('cls')",
        "# Build from configs: 'type' names what to call, the other keys are its arguments",
        "# Lookups: 'Name' searches a registry, then its parents; 'scope.Name' any registry",
        "# A typo: the error says where the name was looked up, and what was probably meant",
        "# What each registry holds, and where each entry was registered",
    ]


def test_the_demo_session_replays_as_a_doctest(capsys: pytest.CaptureFixture[str]) -> None:
    # Each '>>>' line is the call that produced the lines under it, or this would fail.
    session = "\n".join(run_demo(capsys))
    test = doctest.DocTestParser().get_doctest(session, {}, "demo", None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.REPORT_NDIFF)
    runner.run(test, out=print)
    assert runner.summarize(verbose=False) == (0, 18)


def test_the_demo_builds_objects_from_configs(capsys: pytest.CaptureFixture[str]) -> None:
    session = "\n".join(run_demo(capsys))
    for step, result in [
        ('MODELS.build({"type": "Linear", "a": 2.0})', "Linear(a=2.0, b=0.0)"),
        ("detector", "Detector(backbone=Linear(a=2.0, b=0.0), threshold=0.5)"),
        ("detector.forward(0.3)", "1.0"),
        ("doubler", "Scaler(factor=2.0)"),
        ("doubler.forward(21)", "42.0"),
    ]:
        assert f"\n>>> {step}\n{result}\n" in session


def test_the_demo_shows_hierarchy_lookups(capsys: pytest.CaptureFixture[str]) -> None:
    session = "\n".join(run_demo(capsys))
    for step, result in [
        ('DET_MODELS.get("Linear")', "<class 'typed_registry.demo.core_models.Linear'>"),
        ('print(MODELS.get("Scaler"))', "None"),
        ('MODELS.get("cls.Scaler")', "<class 'typed_registry.demo.cls_models.Scaler'>"),
        ('CLS_MODELS.get("det.Detector")', "<class 'typed_registry.demo.det_models.Detector'>"),
        (
            (
                'with default_scope("cls"):\n'
                '...     print(MODELS.build({"type": "Scaler", "factor": 3.0}))'
            ),
            "Scaler(factor=3.0)",
        ),
    ]:
        assert f"\n>>> {step}\n{result}\n" in session


def test_the_demo_shows_a_did_you_mean_error(capsys: pytest.CaptureFixture[str]) -> None:
    session = "\n".join(run_demo(capsys))
    assert (
        '>>> DET_MODELS.build({"type": "Detecter", "backbone": {"type": "Linear"}})\n'
        "Traceback (most recent call last):\n"
        "  ...\n"
        "typed_registry.exceptions.NotRegisteredError: 'Detecter' is not registered in "
        "registry 'models' (scope 'det') or its parents; did you mean 'Detector'? "
        "(imported locations: typed_registry.demo.det_models)\n"
    ) in session


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


# What `make demo` shows after the session: the mistakes of demo/configs.py (configs in code)
# and of demo/configs/detector.py (a config file), from mypy with the plugin, then those of
# the config file from `typed-registry check`.
CONFIG_FILE_MISTAKES = [
    (
        "demo/configs/detector.py:13: error: model.backbone.type: {Linaer} is not registered in "
        "any registry; did you mean {Linear}?  [registry-name]"
    ),
    (
        'demo/configs/detector.py:14: error: model.threshold: Argument "threshold" to "Detector" '
        'has incompatible type "str"; expected "float"  [arg-type]'
    ),
]


def demo_command(variable: str) -> list[str]:
    """The command that the Makefile's ``variable`` holds, with this test's interpreter's tools.

    The Makefile runs them from .venv-demo; the test runs the same tools of the venv it runs in.
    """
    prefix = f"{variable} := "
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    (line,) = (line for line in lines if line.startswith(prefix))
    tool, *args = line.removeprefix(prefix).split()
    assert tool.startswith(".venv-demo/bin/")
    return [str(Path(sys.executable).with_name(tool.removeprefix(".venv-demo/bin/"))), *args]


def test_the_demos_mypy_run_reports_the_mistakes_in_code_and_in_a_config_file(
    tmp_path: Path,
) -> None:
    run = subprocess.run(
        [*demo_command("DEMO_MYPY"), "--cache-dir", str(tmp_path)],  # a cache of the test's own
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (run.returncode, run.stderr) == (1, "")
    assert run.stdout.splitlines() == [
        (
            'demo/configs.py:14: error: "Detecter" is not registered in registry "models" '
            '(scope "det"); did you mean "Detector"?  [registry-name]'
        ),
        (
            'demo/configs.py:15: error: Argument "a" to "Linear" has incompatible type "str"; '
            'expected "float"  [arg-type]'
        ),
        'demo/configs.py:16: note: Revealed type is "typed_registry.demo.cls_models.Scaler"',
        # mypy quotes names with ", as it quotes every name.
        *(line.format(Linaer='"Linaer"', Linear='"Linear"') for line in CONFIG_FILE_MISTAKES),
        "Found 4 errors in 2 files (checked 2 source files)",
    ]


def test_the_demos_check_run_reports_the_config_files_mistakes() -> None:
    run = subprocess.run(
        demo_command("DEMO_CHECK"), cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert (run.returncode, run.stderr) == (1, "")
    assert run.stdout.splitlines() == [
        # The runtime's own NotRegisteredError wording, which quotes names with '.
        *(line.format(Linaer="'Linaer'", Linear="'Linear'") for line in CONFIG_FILE_MISTAKES),
        "Found 2 problems in 1 of 1 config",
    ]
