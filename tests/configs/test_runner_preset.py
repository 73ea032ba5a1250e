"""``runner = "mmengine"``: the preset's settings, and ``typed-registry check`` with it.

The project is a stand-in for MMEngine (see :mod:`tests.configs.mmengine_standin`): a package
``mmengine`` whose root registries are typed-registry registries, and a codebase ``det``.
"""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st
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

from typed_registry._configs import (
    ConfigDict,
    Origin,
    PartBuild,
    PartRule,
    Scalar,
    SettingsError,
    how_built,
    read_config_settings,
)
from typed_registry._configs._runner_preset import MMENGINE_RULES
from typed_registry.cli import main

if TYPE_CHECKING:
    from collections.abc import Iterator

SECTION = "[tool.typed_registry.configs]"
_O = Origin("cfg.py", 1)


# -- settings -------------------------------------------------------------------------------


def test_the_preset_stands_for_the_runners_rules() -> None:
    settings = read_config_settings({"runner": "mmengine"}, "pyproject.toml")
    assert settings.runner == "mmengine"
    assert settings.parts == MMENGINE_RULES
    assert all(rule.registry.startswith("mmengine.registry.") for rule in settings.parts)


def test_a_registries_entry_replaces_the_presets_rules_for_its_path() -> None:
    table = {"runner": "mmengine", "registries": {"val_evaluator": "det.registry.METRICS"}}
    parts = read_config_settings(table, "pyproject.toml").parts
    assert [rule for rule in parts if rule.path == "val_evaluator"] == [
        PartRule("val_evaluator", "det.registry.METRICS")
    ]
    assert parts[-1] == PartRule("val_evaluator", "det.registry.METRICS")
    assert len(parts) == len(MMENGINE_RULES) - 1  # the preset had two rules for the path


@pytest.mark.parametrize("value", ["mmengin", "MMEngine", 3, ["mmengine"]])
def test_an_unknown_runner_is_refused_in_one_line(value: object) -> None:
    with pytest.raises(SettingsError) as caught:
        read_config_settings({"runner": value}, "pyproject.toml")
    assert str(caught.value) == (
        f"pyproject.toml: {SECTION} runner: unknown runner {value!r} (known: 'mmengine')"
    )


def test_an_unknown_key_names_runner_among_the_known() -> None:
    with pytest.raises(SettingsError) as caught:
        read_config_settings({"runners": "mmengine"}, "pyproject.toml")
    assert str(caught.value) == (
        f"pyproject.toml: {SECTION} runners: unknown key (expected paths, registries, runner)"
    )


# -- how a part is built --------------------------------------------------------------------

LOOP = PartRule("train_cfg", "a.LOOPS", type_by=("by_epoch", "Epochs", "Iters"), consumes=("x",))


@pytest.mark.parametrize(("flag", "built"), [(True, "Epochs"), (False, "Iters"), (0, "Iters")])
def test_by_epoch_picks_the_loop_and_is_removed(flag: object, built: str) -> None:
    node = ConfigDict({"by_epoch": Scalar(flag, _O)}, _O)  # type: ignore[arg-type]
    assert how_built(LOOP, node) == PartBuild(built, frozenset({"by_epoch", "x"}))


def test_a_by_epoch_the_reader_cannot_compute_leaves_the_loop_unknown() -> None:
    node = ConfigDict({"by_epoch": ConfigDict({}, _O)}, _O)
    assert how_built(LOOP, node) is None


def test_both_type_and_by_epoch_are_refused() -> None:
    node = ConfigDict({"type": Scalar("Epochs", _O), "by_epoch": Scalar(True, _O)}, _O)
    build = how_built(LOOP, node)
    assert build is not None
    assert f"Invalid config: {build.refused}" == BOTH_MESSAGE


def test_a_type_the_builder_picks_leaves_the_part_unchecked() -> None:
    rule = PartRule("data_preprocessor", "a.MODELS", type_required=False)
    assert how_built(rule, ConfigDict({"mean": Scalar(1, _O)}, _O)) is None
    typed = ConfigDict({"type": Scalar("X", _O)}, _O)
    assert how_built(rule, typed) == PartBuild()


def test_a_default_type_is_used_when_the_config_has_none() -> None:
    rule = PartRule("optim_wrapper", "a.W", default_type="OptimWrapper", consumes=("p",))
    assert how_built(rule, ConfigDict({}, _O)) == PartBuild("OptimWrapper", frozenset({"p"}))


# -- typed-registry check -------------------------------------------------------------------


@pytest.fixture
def standin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Path]:
    """The stand-in project as the current folder, its modules forgotten afterwards.

    The real ``mmengine`` may be imported already: it is put aside for the test, and found
    again afterwards.
    """
    for name, text in {**FILES, "pyproject.toml": SETTINGS}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))  # check puts the project first
    for name in list(sys.modules):
        if name.split(".")[0] in {"mmengine", "det"}:
            monkeypatch.delitem(sys.modules, name)
    yield tmp_path
    for name in list(sys.modules):
        if name.split(".")[0] in {"mmengine", "det"}:
            del sys.modules[name]
    capsys.readouterr()


def _check(capsys: pytest.CaptureFixture[str], *configs: str) -> tuple[int, str, str]:
    status = main(["check", *configs])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_config_that_runs_under_the_runner_gets_no_error(
    standin: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _check(capsys, "configs/runs.py") == (0, "No problems in 1 config\n", "")


def test_each_seeded_mistake_is_reported_at_its_line(
    standin: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, old, new, _, _ in MISTAKES:
        (standin / "configs" / f"{name}.py").write_text(mistake(old, new))
    status, out, _ = _check(capsys, "configs")
    assert status == 1
    for name, old, new, at, message in MISTAKES:
        line = line_of(mistake(old, new), at)
        found = [row for row in out.splitlines() if row.startswith(f"configs/{name}.py:")]
        assert any(
            row.startswith(f"configs/{name}.py:{line}: error: {message}") for row in found
        ), (
            name,
            found,
        )
    # A transform inside a dataset is reported once per part that builds it (the pipeline of
    # each dataloader), not again by the dataset that holds it.
    transform = [row for row in out.splitlines() if row.startswith("configs/transform.py:")]
    assert [row.split(".type: ")[0].split(": error: ")[1] for row in transform] == [
        f"{loader}_dataloader.dataset.pipeline[1]" for loader in ("train", "val", "test")
    ]


def test_a_loop_with_both_type_and_by_epoch_is_refused(
    standin: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = mistake(*BOTH_TYPE_AND_BY_EPOCH)
    (standin / "configs" / "both.py").write_text(text)
    line = line_of(text, "train_cfg = ")
    status, out, _ = _check(capsys, "configs/both.py")
    assert (status, out.splitlines()[0]) == (
        1,
        f"configs/both.py:{line}: error: train_cfg: {BOTH_MESSAGE}  [registry-config]",
    )


def test_a_top_level_data_preprocessor_is_ignored_when_the_model_has_one(
    standin: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = RUNS.replace(
        'model = dict(type="RetinaNet", depth=50)',
        'model = dict(type="RetinaNet", depth=50, '
        'data_preprocessor=dict(type="DetDataPreprocessor"))',
    ).replace('type="DetDataPreprocessor", mean', 'type="Unused", mean')
    (standin / "configs" / "own.py").write_text(text)
    assert _check(capsys, "configs/own.py") == (0, "No problems in 1 config\n", "")


def test_a_part_whose_type_its_builder_picks_is_not_checked(
    standin: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (standin / "configs" / "untyped.py").write_text(UNTYPED)
    assert _check(capsys, "configs/untyped.py") == (0, "No problems in 1 config\n", "")


def test_a_custom_optim_wrapper_constructor_leaves_the_optim_wrapper_unchecked(
    standin: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = mistake("optim_wrapper = dict(", 'optim_wrapper = dict(constructor="Mine", anything=1, ')
    (standin / "configs" / "constructed.py").write_text(text.replace('"SGD"', '"Anything"'))
    assert _check(capsys, "configs/constructed.py") == (0, "No problems in 1 config\n", "")


def test_an_unknown_runner_stops_check_with_one_line(
    standin: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (standin / "pyproject.toml").write_text(SETTINGS.replace('"mmengine"', '"mmengin"'))
    status, out, err = _check(capsys)
    assert (status, out) == (2, "")
    assert err == (
        f"typed-registry check: error: {standin}/pyproject.toml: {SECTION} runner: "
        "unknown runner 'mmengin' "
        "(known: 'mmengine')\n"
    )


# -- properties -----------------------------------------------------------------------------

_PRESET_PATHS = list(dict.fromkeys(rule.path for rule in MMENGINE_RULES))


@given(st.lists(st.sampled_from(_PRESET_PATHS), unique=True))
def test_registries_entries_replace_exactly_the_preset_rules_of_their_paths(
    written: list[str],
) -> None:
    registries = {path: f"mine.{index}" for index, path in enumerate(written)}
    parts = read_config_settings({"runner": "mmengine", "registries": registries}, "p").parts
    kept = [rule for rule in MMENGINE_RULES if rule.path not in registries]
    assert list(parts) == [*kept, *(PartRule(path, name) for path, name in registries.items())]


_KEYS = st.sampled_from(["type", "by_epoch", "lr", "priority", "x"])


@given(
    st.dictionaries(_KEYS, st.one_of(st.booleans(), st.text(max_size=3)), max_size=4),
    st.sampled_from(MMENGINE_RULES),
)
def test_a_config_is_built_with_its_own_type_and_without_what_the_builder_removes(
    items: dict[str, object], rule: PartRule
) -> None:
    node = ConfigDict({key: Scalar(value, _O) for key, value in items.items()}, _O)  # type: ignore[arg-type]
    build = how_built(rule, node)
    chooser = None if rule.type_by is None else rule.type_by[0]
    if chooser in items and "type" in items:
        assert build is not None
        assert build.refused is not None  # both a type and what picks one: refused
        return
    if build is None:  # only when the builder picks the type
        assert "type" not in items
        assert not rule.type_required
        return
    assert build.refused is None
    assert set(rule.consumes) <= build.consumes
    if chooser not in items:  # the default type fills a missing type only (as setdefault)
        assert build.default_type == rule.default_type
    else:
        assert chooser in build.consumes
        assert rule.type_by is not None
        assert build.default_type == rule.type_by[1 if items[chooser] else 2]


# -- the preset's facts, in MMEngine's source -------------------------------------------------

#: What each rule of the preset takes from MMEngine (mmengine-lite 0.10.7, a dev dependency):
#: the file, and the code (whitespace aside) that does it.
_MMENGINE_FACTS = [
    ("runner/runner.py", "model.setdefault('data_preprocessor', data_preprocessor)"),
    ("runner/runner.py", "model_wrapper_cfg.setdefault('type', 'MMDistributedDataParallel')"),
    ("runner/runner.py", "default_args['module'] = model"),
    ("runner/runner.py", "return build_optim_wrapper(self.model, optim_wrapper)"),
    ("optim/optimizer/builder.py", "optim_wrapper_cfg.pop('paramwise_cfg', None)"),
    ("optim/optimizer/builder.py", "optim_wrapper_cfg.pop('constructor',"),
    (
        "optim/optimizer/default_constructor.py",
        "optim_wrapper_cfg.setdefault('type', 'OptimWrapper')",
    ),
    (
        "optim/optimizer/default_constructor.py",
        "optim_wrapper_cfg, default_args=dict(optimizer=optimizer))",
    ),
    (
        "runner/runner.py",
        "default_args=dict( optimizer=optim_wrapper, epoch_length=len(self.train_dataloader))",
    ),
    ("registry/build_functions.py", "args.pop('convert_to_iter_based', False)"),
    (
        "runner/runner.py",
        "DATA_SAMPLERS.build( sampler_cfg, default_args=dict(dataset=dataset, seed=sampler_seed))",
    ),
    (
        "runner/runner.py",
        "default_args=dict( sampler=sampler, batch_size=dataloader_cfg.pop('batch_size')))",
    ),
    ("runner/runner.py", "collate_fn = partial(collate_fn, **collate_fn_cfg)"),
    ("runner/runner.py", "evaluator.setdefault('type', 'Evaluator')"),
    ("runner/runner.py", "return Evaluator(evaluator)"),
    ("runner/runner.py", "'Only one of `type` or `by_epoch` can exist in `loop_cfg`.'"),
    ("runner/runner.py", "by_epoch = loop_cfg.pop('by_epoch')"),
    (
        "runner/runner.py",
        "loop = EpochBasedTrainLoop( **loop_cfg, runner=self, dataloader=self._train_dataloader)",
    ),
    ("runner/runner.py", "loop = ValLoop( **loop_cfg,"),
    ("runner/runner.py", "loop = TestLoop( **loop_cfg,"),
    ("runner/runner.py", "_priority = hook.pop('priority')"),
    ("runner/runner.py", "visualizer.setdefault('save_dir', self._log_dir)"),
    ("visualization/visualizer.py", "name = vis_backend.pop('name', None)"),
    ("visualization/visualizer.py", "vis_backend.setdefault('save_dir', save_dir)"),
    ("runner/runner.py", "log_processor = LogProcessor(**log_processor_cfg)"),
]


@pytest.mark.parametrize(("file", "code"), _MMENGINE_FACTS)
def test_each_rule_of_the_preset_is_what_mmengines_runner_does(file: str, code: str) -> None:
    source = importlib.metadata.distribution("mmengine-lite").locate_file(f"mmengine/{file}")
    assert "".join(code.split()) in "".join(Path(str(source)).read_text().split())
