"""mypy over config files with ``runner = "mmengine"``: each part checked as the Runner builds it.

One mypy run over the stand-in project (see :mod:`tests.configs.mmengine_standin`): the config
that runs gets no error, and each seeded mistake, in a config of its own, is reported at the
line that wrote it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from tests.configs.mmengine_standin import (
    BOTH_MESSAGE,
    BOTH_TYPE_AND_BY_EPOCH,
    FILES,
    MISTAKES,
    RUNS,
    SETTINGS,
    UNTYPED,
    line_of,
    mistake,
)
from tests.plugin.scenarios import Project, lines_of

from typed_registry.mypy._features.config_files import _HowChecked

if TYPE_CHECKING:
    from pathlib import Path

SOURCES = ("configs",)

#: The config with both a loop type and by_epoch.
BOTH = mistake(*BOTH_TYPE_AND_BY_EPOCH)
#: The model's own data_preprocessor: the top-level one (a name nowhere) is never built.
OWN_PREPROCESSOR = RUNS.replace(
    'model = dict(type="RetinaNet", depth=50)',
    'model = dict(type="RetinaNet", depth=50, data_preprocessor=dict(type="DetDataPreprocessor"))',
).replace('type="DetDataPreprocessor", mean', 'type="Unused", mean')
#: Another optim wrapper constructor may read the config any way: not checked.
CONSTRUCTED = mistake(
    "optim_wrapper = dict(", 'optim_wrapper = dict(constructor="Mine", anything=1, '
).replace('"SGD"', '"Anything"')


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> str:
    root: Path = tmp_path_factory.mktemp("runner_preset")
    files = {
        **FILES,
        **{f"configs/{name}.py": mistake(old, new) for name, old, new, _, _ in MISTAKES},
        "configs/both.py": BOTH,
        "configs/own.py": OWN_PREPROCESSOR,
        "configs/constructed.py": CONSTRUCTED,
        "configs/untyped.py": UNTYPED,
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        return Project.create(root, files, config=SETTINGS).cold(SOURCES).output


def test_a_config_that_runs_under_the_runner_gets_no_error(output: str) -> None:
    assert lines_of(output, "configs/runs.py") == []


@pytest.mark.parametrize("seeded", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_a_seeded_mistake_is_reported_at_its_line(
    output: str, seeded: tuple[str, str, str, str, str]
) -> None:
    name, old, new, at, message = seeded
    line = line_of(mistake(old, new), at)
    found = lines_of(output, f"configs/{name}.py")
    assert any(row.startswith(f"{line}: error: {message}") for row in found), found


def test_the_mistakes_messages(output: str) -> None:
    optimizer = mistake('type="SGD"', 'type="SGDD"')
    assert lines_of(output, "configs/optimizer.py") == [
        (
            f"{line_of(optimizer, 'SGDD')}: error: optim_wrapper.optimizer.type: "
            '"SGDD" is not registered in registry "optimizers" (scope "mmengine"); did you mean '
            '"SGD"?  [registry-name]'
        )
    ]
    wrapper = mistake("clip_grad=None", "clip_grd=None")
    line = line_of(wrapper, "clip_grd")
    assert lines_of(output, "configs/wrapper_key.py") == [
        (
            f'{line}: error: optim_wrapper.clip_grd: Unexpected keyword argument "clip_grd" for '
            '"OptimWrapper"; did you mean "clip_grad"?  [call-arg]'
        ),
        f'{line}: note: "OptimWrapper" defined in "mmengine.parts"',
    ]


def test_a_loop_with_both_type_and_by_epoch_is_refused(output: str) -> None:
    assert lines_of(output, "configs/both.py") == [
        f"{line_of(BOTH, 'train_cfg = ')}: error: train_cfg: {BOTH_MESSAGE}  [registry-config]"
    ]


def test_a_top_level_data_preprocessor_is_ignored_when_the_model_has_one(output: str) -> None:
    assert lines_of(output, "configs/own.py") == []


def test_a_custom_optim_wrapper_constructor_leaves_the_optim_wrapper_unchecked(
    output: str,
) -> None:
    assert lines_of(output, "configs/constructed.py") == []


def test_a_part_whose_type_its_builder_picks_is_not_checked(output: str) -> None:
    assert lines_of(output, "configs/untyped.py") == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("pyproject.toml", 'runner = "mmengine"', 'runner = "mmengin"'),
            "[tool.typed_registry.configs] runner: unknown runner 'mmengin' (known: 'mmengine')",
        ),
        (
            ("mmengine/registry/__init__.py", "LOG_PROCESSORS: ", "OTHER: "),
            (
                '[tool.typed_registry.configs] runner = "mmengine": log_processor: '
                "'mmengine.registry.LOG_PROCESSORS' is not a registry variable of the project"
            ),
        ),
    ],
    ids=["unknown runner", "a preset's registry missing"],
)
def test_bad_settings_stop_the_run_with_one_message(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    change: tuple[str, str, str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    project = Project.create(tmp_path, FILES, config=SETTINGS)
    project.replace(*change)
    run = project.mypy(sources=SOURCES, sane=False)
    printed = capsys.readouterr().err  # the plugin writes to the process's stderr
    assert run.status == 2
    assert printed.splitlines()[0] == f"pyproject.toml: typed_registry.mypy: error: {message}"


def test_a_default_scope_reads_the_registries_of_that_scope_as_mmengine_imports_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No ``custom_imports``, no ``locations`` of the codebase's: ``default_scope = "det"``.

    MMEngine imports ``det.registry`` for the default scope, and the child registries it
    creates import their ``locations``: ``RetinaNet`` is registered, ``RetinaNett`` is not.
    """
    monkeypatch.chdir(tmp_path)
    settings = SETTINGS.replace('["mmengine.parts", "det.parts"]', '["mmengine.parts"]')
    config = 'default_scope = "det"\nmodel = dict(type="{}", depth=50)\n'
    files = {
        **{name: text for name, text in FILES.items() if not name.startswith("configs/")},
        "configs/runs.py": config.format("RetinaNet"),
        "configs/typo.py": config.format("RetinaNett"),
    }
    output = Project.create(tmp_path, files, config=settings).cold(SOURCES).output
    assert lines_of(output, "configs/runs.py") == []
    assert lines_of(output, "configs/typo.py") == [
        (
            '2: error: model.type: "RetinaNett" is not registered in registry "models" '
            '(scope "det"); did you mean "RetinaNet"?  [registry-name]'
        )
    ]


def test_a_part_is_checked_once_for_files_that_differ_in_another_keys_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whether the evaluator's rules apply (a list of metrics, or ``metrics=``) changes what
    # is a part inside the evaluator, not inside the model: equal models are checked once.
    checked: list[str] = []
    check = _HowChecked.check

    def noting(self: _HowChecked, *args: Any) -> None:
        checked.append(self.part.path)
        check(self, *args)

    monkeypatch.setattr(_HowChecked, "check", noting)
    monkeypatch.chdir(tmp_path)
    with_metrics = RUNS.replace(
        'val_evaluator = [\n    dict(type="CocoMetric", metric="bbox"),',
        'val_evaluator = dict(metrics=[\n    dict(type="CocoMetric", metric="bbox"),',
    ).replace('out_file_path="r.pkl"),\n]', 'out_file_path="r.pkl"),\n])')
    assert with_metrics.count("val_evaluator = dict(metrics=[") == 1
    files = {**FILES, "configs/runs.py": RUNS, "configs/with_metrics.py": with_metrics}
    output = Project.create(tmp_path, files, config=SETTINGS).cold(SOURCES).output
    assert lines_of(output, "configs/runs.py") == []
    assert lines_of(output, "configs/with_metrics.py") == []
    assert checked.count("model") == 1
    # The evaluators, each checked by the rules that apply to its file.
    assert {"val_evaluator[0]", "val_evaluator", "val_evaluator.metrics[0]"} <= set(checked)
