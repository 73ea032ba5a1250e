"""MMEngine's registries, read from the installed ``mmengine-lite`` by the index.

MMEngine's ``Registry`` is a registry class to the index: its root registries are read from
their source in ``site-packages`` (scope ``mmengine``, their ``build_func`` recognised), a
project's child registries get the scope of their package (as MMEngine's ``infer_scope``),
the names MMEngine registers are visible from them, and a registry MMEngine fills in a loop
(``OPTIMIZERS``: every ``torch.optim`` optimizer) is open.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import mmengine
import pytest

from typed_registry._index import ProjectIndex
from typed_registry._index._builders import (
    CUSTOM,
    DEFAULT,
    NAMES_ONLY,
    builder_kind,
    builder_rule,
)
from typed_registry.mypy._visibility import Visibility

from .conftest import write_tree

if TYPE_CHECKING:
    from typed_registry.mypy._visibility import SiteView

#: The site-packages that holds the test environment's mmengine.
SITE = Path(mmengine.__file__).resolve().parents[1]
ROOT = "mmengine.registry.root"

PROJECT = {
    "proj/__init__.py": "",
    "proj/registry.py": """\
        from mmengine.registry import MODELS as MMENGINE_MODELS
        from mmengine.registry import OPTIM_WRAPPERS as MMENGINE_OPTIM_WRAPPERS
        from mmengine.registry import OPTIMIZERS as MMENGINE_OPTIMIZERS
        from mmengine.registry import PARAM_SCHEDULERS as MMENGINE_PARAM_SCHEDULERS
        from mmengine.registry import Registry

        MODELS = Registry("model", parent=MMENGINE_MODELS, locations=["proj.models"])
        OPTIMIZERS = Registry("optimizer", parent=MMENGINE_OPTIMIZERS, locations=["proj.engine"])
        OPTIM_WRAPPERS = Registry(
            "optim_wrapper", parent=MMENGINE_OPTIM_WRAPPERS, locations=["proj.engine"]
        )
        PARAM_SCHEDULERS = Registry(
            "parameter scheduler", parent=MMENGINE_PARAM_SCHEDULERS, locations=["proj.engine"]
        )
        OWN = Registry("own", scope="given")
        """,
    "proj/models.py": """\
        from proj.registry import MODELS

        @MODELS.register_module()
        class Net:
            def __init__(self, depth: int) -> None:
                self.depth = depth
        """,
    # As a codebase's engine package does: it imports MMEngine's optimisation code.
    "proj/engine.py": "from mmengine.optim import OptimWrapper\n",
    "app.py": "import proj.registry\n",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> ProjectIndex:
    """The project's index, shared: reading MMEngine's optimisation code takes a second."""
    root = tmp_path_factory.mktemp("project")
    write_tree(root, PROJECT)
    return ProjectIndex([root], [], [SITE])


def view_of(index: ProjectIndex, var: str) -> SiteView:
    view = Visibility(index).view("app", var)
    assert view is not None, var
    return view


def test_mmengines_root_registries_are_registries_with_scope_mmengine() -> None:
    index = ProjectIndex([], [], [SITE])
    indexed = index.module(ROOT)
    assert indexed is not None
    specs = {spec.var.rpartition(".")[2]: spec for spec in indexed.facts.registries}
    assert {"MODELS", "OPTIMIZERS", "PARAM_SCHEDULERS", "RUNNERS", "HOOKS"} <= specs.keys()
    assert {spec.scope for spec in specs.values()} == {"mmengine"}
    assert all(spec.parent is None for spec in specs.values())
    assert index.registry_var("mmengine.registry.MODELS") == f"{ROOT}.MODELS"


def test_mmengines_builders_are_recognised_by_what_they_are() -> None:
    index = ProjectIndex([], [], [SITE])
    indexed = index.module(ROOT)
    assert indexed is not None
    specs = {spec.var.rpartition(".")[2]: spec for spec in indexed.facts.registries}
    functions = "mmengine.registry.build_functions"
    assert specs["MODELS"].build_func == f"{functions}.build_model_from_cfg"
    assert specs["PARAM_SCHEDULERS"].build_func == f"{functions}.build_scheduler_from_cfg"
    assert specs["RUNNERS"].build_func == f"{functions}.build_runner_from_cfg"
    # build_optimizer_from_cfg passes the config through, as build_from_cfg does.
    assert specs["OPTIMIZERS"].build_func == DEFAULT
    assert specs["HOOKS"].build_func is None


def test_a_project_registry_under_mmengines_gets_its_package_as_scope(
    project: ProjectIndex,
) -> None:
    indexed = project.module("proj.registry")
    assert indexed is not None
    specs = {spec.var: spec for spec in indexed.facts.registries}
    models = specs["proj.registry.MODELS"]
    assert (models.scope, models.parent, models.locations) == (
        "proj",
        f"{ROOT}.MODELS",
        ("proj.models",),
    )
    assert models.build_func is None  # inherited from MMEngine's MODELS: build_model_from_cfg
    assert specs["proj.registry.OWN"].scope == "given"


def test_names_mmengine_registers_are_visible_from_a_projects_child_registry(
    project: ProjectIndex,
) -> None:
    wrappers = view_of(project, "proj.registry.OPTIM_WRAPPERS")
    found = wrappers.tree.resolve(wrappers.start, "OptimWrapper")
    assert found is not None
    assert found.target == "mmengine.optim.optimizer.optimizer_wrapper.OptimWrapper"
    schedulers = view_of(project, "proj.registry.PARAM_SCHEDULERS")
    for name in ("CosineAnnealingLR", "MultiStepLR", "LinearLR"):
        assert schedulers.tree.resolve(schedulers.start, name) is not None, name
    models = view_of(project, "proj.registry.MODELS")
    net = models.tree.resolve(models.start, "proj.Net")
    assert net is not None
    assert net.target == "proj.models.Net"


def test_mmengines_optimizers_registry_is_open(project: ProjectIndex) -> None:
    # register_torch_optimizers() registers torch's optimizers in a loop inside a function:
    # AdamW is not in the source, so a miss in OPTIMIZERS is never an error.
    optimizers = view_of(project, "proj.registry.OPTIMIZERS")
    assert optimizers.tree.resolve(optimizers.start, "AdamW") is None
    assert not optimizers.misses_are_errors
    assert not optimizers.tree.complete()
    # A registry nobody fills in a loop stays closed: its misses are errors.
    assert view_of(project, "proj.registry.OWN").misses_are_errors


# -- builders ---------------------------------------------------------------------------------


def test_a_builder_that_passes_the_config_through_is_stored_as_the_default() -> None:
    for fullname in (
        "typed_registry.build_from_cfg",
        "mmengine.registry.build_functions.build_from_cfg",
        "mmcv.utils.build_from_cfg",
    ):
        assert builder_kind(fullname) == DEFAULT, fullname


def test_an_unknown_builder_checks_names_only() -> None:
    assert builder_kind("proj.builders.build_with_extras") == CUSTOM
    assert builder_kind(None) == CUSTOM
    assert builder_rule(CUSTOM) == NAMES_ONLY
    assert not NAMES_ONLY.keywords


def test_the_model_builders_of_mmengine_and_mmcv_build_lists_and_check_keywords() -> None:
    for fullname in (
        "mmengine.registry.build_functions.build_model_from_cfg",
        "mmcv.cnn.builder.build_model_from_cfg",
    ):
        rule = builder_rule(builder_kind(fullname))
        assert (rule.keywords, rule.lists) == (True, True), fullname
    assert not builder_rule(DEFAULT).lists


def test_the_scheduler_builder_supplies_the_optimizer_and_consumes_its_own_keys() -> None:
    rule = builder_rule(builder_kind("mmengine.registry.build_scheduler_from_cfg"))
    assert rule.keywords
    assert rule.supplies == {"optimizer"}
    assert rule.consumes == {"convert_to_iter_based", "epoch_length"}


def test_the_runner_builder_checks_names_only() -> None:
    # build_runner_from_cfg calls the class's from_cfg(cfg): its keys are not __init__'s.
    kind = builder_kind("mmengine.registry.build_functions.build_runner_from_cfg")
    assert builder_rule(kind) == NAMES_ONLY


def test_a_build_func_that_is_no_name_checks_names_only(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "reg.py": """\
                from mmengine.registry import Registry, build_from_cfg
                from mmengine.registry import build_model_from_cfg as model_builder

                LAMBDA = Registry("a", build_func=lambda cfg, registry: None)
                PLAIN = Registry("b", build_func=build_from_cfg)
                MODEL = Registry("c", build_func=model_builder)
                """
        },
    )
    indexed = ProjectIndex([tmp_path], [], [SITE]).module("reg")
    assert indexed is not None
    kinds = {spec.var: spec.build_func for spec in indexed.facts.registries}
    assert kinds == {
        "reg.LAMBDA": CUSTOM,
        "reg.PLAIN": DEFAULT,
        "reg.MODEL": "mmengine.registry.build_functions.build_model_from_cfg",
    }


def test_a_projects_own_build_from_cfg_is_no_default(tmp_path: Path) -> None:
    # The name says nothing: a function of the project may do anything with the keys.
    write_tree(
        tmp_path,
        {
            "reg.py": """\
                from mmengine.registry import Registry

                def build_from_cfg(cfg, registry, default_args=None):
                    return None

                MODELS = Registry("a", build_func=build_from_cfg)
                """
        },
    )
    indexed = ProjectIndex([tmp_path], [], [SITE]).module("reg")
    assert indexed is not None
    assert indexed.facts.registries[0].build_func == CUSTOM


def test_a_build_from_cfg_whose_source_is_not_read_is_the_default(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "reg.py": """\
                from typed_registry import Registry
                from elsewhere import build_from_cfg

                MODELS = Registry("a", build_func=build_from_cfg)
                """
        },
    )
    indexed = ProjectIndex([tmp_path], []).module("reg")
    assert indexed is not None
    assert indexed.facts.registries[0].build_func == DEFAULT


# -- MMCV 1.x, by name --------------------------------------------------------------------------


def test_mmcv_1x_registries_are_registries_without_their_source(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "det/__init__.py": "",
            "det/builder.py": """\
                from mmcv.cnn import MODELS as MMCV_MODELS
                from mmcv.utils import Registry
                from mmcv.cnn.builder import build_model_from_cfg

                MODELS = Registry("models", parent=MMCV_MODELS)
                LOSSES = Registry("loss", build_func=build_model_from_cfg)


                class MyRegistry(Registry):
                    pass


                HEADS = MyRegistry("head")
                """,
        },
    )
    indexed = ProjectIndex([tmp_path], []).module("det.builder")
    assert indexed is not None
    specs = {spec.var.rpartition(".")[2]: spec for spec in indexed.facts.registries}
    assert specs.keys() == {"MODELS", "LOSSES", "HEADS"}
    # MMCV's own MODELS is not read (not installed): the parent is unknown ("?").
    assert (specs["MODELS"].scope, specs["MODELS"].parent) == ("det", "?")
    assert specs["LOSSES"].build_func == "mmcv.cnn.builder.build_model_from_cfg"
    assert specs["HEADS"].scope == "det"
