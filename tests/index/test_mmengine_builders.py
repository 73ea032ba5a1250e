"""mypy over the config files of a project whose registries are children of MMEngine's.

The project's registries have no ``build_func``: they inherit MMEngine's (read from the
installed ``mmengine-lite``), as ``Registry.__init__`` does. ``MODELS`` then builds with
``build_model_from_cfg`` and ``PARAM_SCHEDULERS`` with ``build_scheduler_from_cfg``, which
pass the config through: its keys are checked, but the optimizer the scheduler builder
supplies is never missing and the keys it consumes never unexpected. ``RUNNERS`` builds with
``build_runner_from_cfg`` (the class's ``from_cfg``): only its names are checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from tests.plugin.scenarios import Project, lines_of

if TYPE_CHECKING:
    from pathlib import Path

FILES = {
    "proj/__init__.py": "",
    "proj/registry.py": """\
        from mmengine.registry import MODELS as MMENGINE_MODELS
        from mmengine.registry import OPTIM_WRAPPERS as MMENGINE_OPTIM_WRAPPERS
        from mmengine.registry import PARAM_SCHEDULERS as MMENGINE_PARAM_SCHEDULERS
        from mmengine.registry import RUNNERS as MMENGINE_RUNNERS
        from mmengine.registry import Registry

        MODELS = Registry("model", parent=MMENGINE_MODELS, locations=["proj.models"])
        PARAM_SCHEDULERS = Registry(
            "parameter scheduler", parent=MMENGINE_PARAM_SCHEDULERS, locations=["proj.models"]
        )
        RUNNERS = Registry("runner", parent=MMENGINE_RUNNERS, locations=["proj.models"])
        OPTIM_WRAPPERS = Registry(
            "optim_wrapper", parent=MMENGINE_OPTIM_WRAPPERS, locations=["proj.engine"]
        )
        """,
    # As a codebase's engine package does: it imports MMEngine's optimisation code.
    "proj/engine.py": "from mmengine.optim import OptimWrapper as OptimWrapper\n",
    "proj/models.py": """\
        from typing import Annotated, Any

        from mmengine.model import BaseModule
        from mmengine.optim.scheduler.lr_scheduler import LRSchedulerMixin
        from typed_registry import ConfigFor

        from proj.registry import MODELS, PARAM_SCHEDULERS, RUNNERS


        @MODELS.register_module()
        class Net:
            def __init__(self, depth: int) -> None:
                self.depth = depth


        @PARAM_SCHEDULERS.register_module()
        class Warmup:
            def __init__(self, optimizer: object, steps: int, by_epoch: bool = True) -> None:
                self.steps = steps


        class QuadraticParamScheduler:
            def __init__(self, optimizer: object, param_name: str, steps: int) -> None:
                self.param_name = param_name


        # mypy does not analyse mmengine: the mixin, first in the MRO, may take the
        # constructor's arguments (it gives param_name="lr" itself).
        @PARAM_SCHEDULERS.register_module()
        class QuadraticLR(LRSchedulerMixin, QuadraticParamScheduler):
            pass


        @MODELS.register_module()
        class Head(BaseModule):
            def __init__(self, classes: int) -> None:
                self.classes = classes


        @MODELS.register_module()
        class Trainer:
            def __init__(
                self,
                schedule: Annotated[dict[str, Any], ConfigFor(PARAM_SCHEDULERS)],
                declared: Annotated[
                    dict[str, Any], ConfigFor(PARAM_SCHEDULERS, supplies=["steps"])
                ],
            ) -> None:
                self.schedule = schedule


        @RUNNERS.register_module()
        class MyRunner:
            def __init__(self, model: object) -> None:
                self.model = model

            @classmethod
            def from_cfg(cls, cfg: dict[str, Any]) -> "MyRunner":
                return cls(cfg["model"])
        """,
    "configs/net.py": 'model = dict(type="Net", depth=50, dpth=3)\n',
    "configs/net_missing.py": 'model = dict(type="Net")\n',
    "configs/net_list.py": 'model = [dict(type="Net", depth=1), dict(type="Net", depht=2)]\n',
    "configs/schedule.py": """\
        param_scheduler = dict(
            type="Warmup", steps=10, convert_to_iter_based=True, epoch_length=100
        )
        """,
    "configs/schedule_typo.py": 'param_scheduler = dict(type="Warmup", step=10)\n',
    "configs/trainer.py": """\
        model = dict(
            type="Trainer",
            schedule=dict(type="Warmup", convert_to_iter_based=True, stepz=1),
            declared=dict(type="Warmup", epoch_length=10),
        )
        """,
    "configs/trainer_missing.py": """\
        model = dict(
            type="Trainer",
            schedule=dict(type="Warmup"),
            declared=dict(type="Warmup", by_epoch="yes"),
        )
        """,
    "configs/unknown_base.py": """\
        param_scheduler = dict(type="QuadraticLR", steps=5)
        model = dict(type="Head", clases=3)
        """,
    "configs/runner.py": 'runner = dict(type="MyRunner", work_dir="w", anything=1)\n',
    "configs/runner_typo.py": 'runner = dict(type="MyRunnr")\n',
    "configs/optim.py": """\
        optim_wrapper = dict(
            type="OptimWrapper", optimizer=dict(type="AdamW", lr=1e-4), clip_grad=None
        )
        """,
    "configs/optim_typo.py": 'optim_wrapper = dict(type="OptimWrappr")\n',
}
PYPROJECT = """\
[tool.mypy]
plugins = ["typed_registry.mypy"]
ignore_missing_imports = true

[tool.typed_registry.configs]
paths = ["configs"]

[tool.typed_registry.configs.registries]
model = "proj.registry.MODELS"
param_scheduler = "proj.registry.PARAM_SCHEDULERS"
runner = "proj.registry.RUNNERS"
optim_wrapper = "proj.registry.OPTIM_WRAPPERS"
"""


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> str:
    root: Path = tmp_path_factory.mktemp("project")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        run = Project.create(root, FILES, config=PYPROJECT).cold(("configs",))
    return run.check_sane().output


def test_a_child_of_mmengines_models_checks_keywords(output: str) -> None:
    assert lines_of(output, "configs/net.py") == [
        (
            '1: error: model.dpth: Unexpected keyword argument "dpth" for "Net"; '
            'did you mean "depth"?  [call-arg]'
        ),
        '1: note: "Net" defined in "proj.models"',
    ]
    assert lines_of(output, "configs/net_missing.py") == [
        '1: error: model: Missing named argument "depth" for "Net"  [call-arg]',
        '1: note: "Net" defined in "proj.models"',
    ]


def test_a_list_of_models_checks_each_config(output: str) -> None:
    # build_model_from_cfg builds each config of a list (into an nn.Sequential).
    assert lines_of(output, "configs/net_list.py") == [
        (
            '1: error: model[1].depht: Unexpected keyword argument "depht" for "Net"; '
            'did you mean "depth"?  [call-arg]'
        ),
        '1: note: "Net" defined in "proj.models"',
    ]


def test_mmengines_scheduler_builder_supplies_the_optimizer_and_consumes_its_keys(
    output: str,
) -> None:
    assert lines_of(output, "configs/schedule.py") == []
    assert lines_of(output, "configs/schedule_typo.py") == [
        (
            '1: error: param_scheduler.step: Unexpected keyword argument "step" for "Warmup"; '
            'did you mean "steps"?  [call-arg]'
        ),
        '1: note: "Warmup" defined in "proj.models"',
    ]


def test_mmengines_runner_builder_checks_names_only(output: str) -> None:
    assert lines_of(output, "configs/runner.py") == []
    (error,) = [line for line in lines_of(output, "configs/runner_typo.py") if "error" in line]
    assert '"MyRunnr" is not registered' in error
    assert 'did you mean "MyRunner"' in error


def test_a_class_mmengine_registers_is_found_and_checked_by_name(output: str) -> None:
    # mypy does not analyse mmengine (no py.typed): OptimWrapper's keys are not checked, and
    # AdamW is in MMEngine's OPTIMIZERS, which torch's optimizers fill in a loop (open).
    assert lines_of(output, "configs/optim.py") == []
    assert lines_of(output, "configs/optim_typo.py") == [
        (
            '1: error: optim_wrapper.type: "OptimWrappr" is not registered in registry '
            '"optim_wrapper" (scope "proj"); did you mean "OptimWrapper", "AmpOptimWrapper", '
            'or "ApexOptimWrapper"?  [registry-name]'
        ),
    ]


def test_a_nested_scheduler_config_gets_the_builders_keys_and_its_declared_ones(
    output: str,
) -> None:
    # Built by the registry, so by build_scheduler_from_cfg: its consumed keys are never
    # unexpected; the optimizer it supplies is never missing where the contract declares
    # what the owner supplies (``declared``), and nothing is missing where it does not.
    assert lines_of(output, "configs/trainer.py") == [
        (
            '3: error: model.schedule.stepz: Unexpected keyword argument "stepz" for "Warmup"; '
            'did you mean "steps"?  [call-arg]'
        ),
        '3: note: "Warmup" defined in "proj.models"',
    ]
    assert lines_of(output, "configs/trainer_missing.py") == [
        (
            '4: error: model.declared.by_epoch: Argument "by_epoch" to "Warmup" has '
            'incompatible type "str"; expected "bool"  [arg-type]'
        ),
    ]


def test_a_class_whose_constructor_may_come_from_an_unknown_base_checks_names_only(
    output: str,
) -> None:
    # QuadraticLR's first base is MMEngine's mixin (Any to mypy): not "param_name missing".
    # Head derives from MMEngine's BaseModule too, but defines __init__ itself: checked.
    assert lines_of(output, "configs/unknown_base.py") == [
        (
            '2: error: model.clases: Unexpected keyword argument "clases" for "Head"; '
            'did you mean "classes"?  [call-arg]'
        ),
        '2: note: "Head" defined in "proj.models"',
    ]
