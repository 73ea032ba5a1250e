"""``typed-registry check``: what it reports, where, and its exit statuses."""

from __future__ import annotations

import importlib.machinery
import json
import sys

import pytest
from tests.cli.conftest import run


def test_correct_configs_pass_and_bases_are_checked_through_their_children(project, capsys):
    assert run(capsys, "check", "--loader", "builtin") == (0, "No problems in 2 configs\n", "")
    assert run(capsys, "check", "configs", "--loader", "builtin")[1] == "No problems in 2 configs\n"


def test_every_problem_is_reported_at_once_with_its_path_and_line(project, capsys):
    project.write(
        "configs/bad.py",
        """
        _base_ = "./_base_/model.py"
        model = dict(
            backbone=dict(depth="50", dpth=1),
            neck=dict(type="ResNte"),
        )
        hooks = dict(logger=dict(type="LogerHook"))
        optimizer = dict(type="SGD")
        """,
    )
    status, out, err = run(capsys, "check", "configs/bad.py", "--loader", "builtin")
    assert (status, err) == (1, "")
    assert out.splitlines() == [
        'configs/bad.py:4: error: model.backbone.dpth: Unexpected keyword argument "dpth" for '
        '"ResNet"; did you mean "out"?  [call-arg]'.replace('; did you mean "out"?', ""),
        (
            'configs/bad.py:4: error: model.backbone.depth: Argument "depth" to "ResNet" has '
            'incompatible type "str"; expected "int"  [arg-type]'
        ),
        (
            "configs/bad.py:5: error: model.neck.type: 'ResNte' is not registered in any registry; "
            "did you mean 'ResNet'?  [registry-name]"
        ),
        (
            f"configs/bad.py:7: error: hooks.logger.type: 'LogerHook' is not registered in "
            "registry "
            f"'hook' (scope '{project.package}_hooks') or its parents; did you mean 'LoggerHook'? "
            f"(imported locations: {project.package}.models)  [registry-name]"
        ),
        'configs/bad.py:8: error: optimizer: Missing named argument "lr" for "SGD"  [call-arg]',
        "Found 5 problems in 1 of 1 config",
    ]


def test_a_problem_written_in_a_base_is_reported_at_the_base(project, capsys):
    project.write("configs/_base_/bad_base.py", 'model = dict(type="ResNet", depth="x")\n')
    project.write("configs/child.py", '_base_ = "./_base_/bad_base.py"\n')
    status, out, _ = run(capsys, "check", "configs/child.py", "--loader", "builtin")
    assert status == 1
    assert out.splitlines()[0] == (
        'configs/_base_/bad_base.py:1: error: model.depth: Argument "depth" to "ResNet" has '
        'incompatible type "str"; expected "int"  [arg-type] (in configs/child.py)'
    )


def test_json_output_for_ci(project, capsys):
    project.write("configs/bad.json", '{"model": {"type": "ResNet", "depth": "x"}}')
    status, out, _ = run(capsys, "check", "configs/bad.json", "--format", "json")
    assert status == 1
    assert json.loads(out) == {
        "checked": 1,
        "errors": [],
        "problems": [
            {
                "config": "configs/bad.json",
                "path": "model.depth",
                "message": 'Argument "depth" to "ResNet" has incompatible type "str"; '
                'expected "int"',
                "code": "arg-type",
                "file": "configs/bad.json",
                "line": None,
                "column": None,
            }
        ],
    }


def test_default_scope_is_honoured_with_the_settings_locations_imported(project, capsys):
    # ChildNet is registered by PKG.child, a location of the settings: check imports it.
    project.write(
        "configs/scoped.py",
        f"""
        default_scope = "{project.package}_child"
        model = dict(type="ChildNet", size=1)
        """,
    )
    assert run(capsys, "check", "configs/scoped.py")[0] == 0
    project.write("configs/unscoped.py", 'model = dict(type="ChildNet", size=1)\n')
    status, out, _ = run(capsys, "check", "configs/unscoped.py")
    assert status == 1
    assert "'ChildNet' is not registered in registry 'model'" in out


def _write_extra(project) -> None:
    project.write(
        "PKG/extra.py",
        """
        from PKG.registry import MODELS


        @MODELS.register_module()
        class ExtraNet:
            def __init__(self, size: int) -> None:
                self.size = size


        @MODELS.register_module(name="ResNets")
        class ManyResNets:
            pass
        """,
    )


def test_custom_imports_are_read_not_imported_and_their_names_resolve(project, capsys):
    _write_extra(project)
    project.write(
        "configs/extra.py",
        """
        custom_imports = dict(imports=["PKG.extra"])
        model = dict(type="ExtraNet", size="1")
        """,
    )
    # Not imported, ExtraNet resolves but its keys are not known.
    assert run(capsys, "check", "configs/extra.py") == (0, "No problems in 1 config\n", "")
    assert f"{project.package}.extra" not in sys.modules
    project.write(
        "configs/other.py",
        """
        custom_imports = dict(imports="PKG.extra")
        model = dict(type="NoSuchNet", size=1)
        """,
    )
    status, out, _ = run(capsys, "check", "configs/other.py")
    assert status == 1
    assert "'NoSuchNet' is not registered in registry 'model'" in out
    assert f"{project.package}.extra" not in sys.modules


def test_a_custom_import_the_settings_imported_already_counts_as_imported(project, capsys):
    # PKG.child is a location: its ChildNet is in the live registries, read from there; the
    # unscoped name misses as it does at run time.
    for name in ("one", "two"):
        project.write(
            f"configs/{name}.py",
            """
            custom_imports = dict(imports=["PKG.child"])
            model = dict(type="ChildNet", size=1)
            """,
        )
    status, out, _ = run(capsys, "check", "configs/one.py", "configs/two.py")
    assert status == 1
    assert out.count("'ChildNet' is not registered in registry 'model'") == 2


def test_a_name_custom_imports_register_under_a_dotted_key_resolves(project, capsys):
    _write_extra(project)
    config = {
        "model": {
            "type": "Detector",
            "backbone": {"type": "ResNet", "depth": 1},
            "neck": {"x.y": {"type": "ResNets"}},
        }
    }
    project.write("configs/plain.json", json.dumps(config))
    status, out, _ = run(capsys, "check", "configs/plain.json")
    assert status == 1
    assert "error: model.neck.x.y.type: 'ResNets' is not registered in any registry" in out
    config["custom_imports"] = {"imports": [f"{project.package}.extra"]}
    project.write("configs/imports.json", json.dumps(config))
    assert run(capsys, "check", "configs/imports.json")[0] == 0


def test_imported_custom_imports_are_honoured_with_the_flag(project, capsys):
    _write_extra(project)
    project.write(
        "configs/extra.py",
        """
        custom_imports = dict(imports=["PKG.extra"])
        model = dict(type="ExtraNet", size="1")
        """,
    )
    status, out, _ = run(capsys, "check", "configs/extra.py", "--import-custom-imports")
    assert f"{project.package}.extra" in sys.modules
    # Imported, ExtraNet's keys are checked too.
    assert status == 1
    assert 'Argument "size" to "ExtraNet" has incompatible type "str"' in out


def test_a_custom_import_that_fails_is_a_problem_unless_allowed(project, capsys):
    project.write(
        "configs/imports.py",
        """
        custom_imports = dict(imports=["no_such_module_abc", 3, "PKG.nowhere", "a..b"])
        model = dict(type="ResNet", depth=1)
        """,
    )
    status, out, _ = run(capsys, "check", "configs/imports.py")
    assert status == 1
    assert out.splitlines()[:3] == [
        (
            "configs/imports.py:2: error: custom_imports.imports[0]: cannot import "
            "'no_such_module_abc': no such module  [custom-imports]"
        ),
        (
            f"configs/imports.py:2: error: custom_imports.imports[2]: cannot import "
            f"'{project.package}.nowhere': no such module  [custom-imports]"
        ),
        (
            "configs/imports.py:2: error: custom_imports.imports[3]: cannot import "
            "'a..b': not a module name  [custom-imports]"
        ),
    ]
    status, out, _ = run(capsys, "check", "configs/imports.py", "--import-custom-imports")
    assert status == 1
    assert out.splitlines()[0] == (
        "configs/imports.py:2: error: custom_imports.imports[0]: cannot import "
        "'no_such_module_abc' (ModuleNotFoundError: No module named 'no_such_module_abc')  "
        "[custom-imports]"
    )
    project.write(
        "configs/allowed.py",
        """
        custom_imports = dict(imports=["no_such_module_abc", "a..b"], allow_failed_imports=True)
        model = dict(type="ResNet", depth=1)
        """,
    )
    assert run(capsys, "check", "configs/allowed.py")[0] == 0
    assert run(capsys, "check", "configs/allowed.py", "--import-custom-imports")[0] == 0


def test_a_custom_import_given_as_one_string_is_reported_at_its_line(project, capsys):
    project.write(
        "configs/one.py",
        """
        model = dict(type="ResNet", depth=1)
        custom_imports = dict(imports="no_such_module_abc")
        """,
    )
    status, out, _ = run(capsys, "check", "configs/one.py")
    assert status == 1
    assert out.splitlines()[0] == (
        "configs/one.py:3: error: custom_imports.imports: cannot import "
        "'no_such_module_abc': no such module  [custom-imports]"
    )


def test_names_a_custom_import_outside_the_project_may_register_are_not_reported(project, capsys):
    # json is a module the index does not read: what it registers cannot be known.
    project.write(
        "configs/outside.py",
        """
        custom_imports = dict(imports=["json.decoder"])
        model = dict(type="Unknowable", depth="1")
        optimizer = dict(type="SGD")
        """,
    )
    status, out, _ = run(capsys, "check", "configs/outside.py")
    assert status == 1
    assert out.splitlines() == [
        (
            'configs/outside.py:4: error: optimizer: Missing named argument "lr" for "SGD"  '
            "[call-arg]"
        ),
        "Found 1 problem in 1 of 1 config",
    ]


def test_a_compiled_custom_import_of_the_project_is_not_missing(project, capsys):
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    project.write(f"PKG/fast{suffix}", "")  # never imported: its contents do not matter
    project.write(
        "configs/compiled.py",
        """
        custom_imports = dict(imports=["PKG.fast"])
        model = dict(type="FastNet")
        """,
    )
    assert run(capsys, "check", "configs/compiled.py") == (0, "No problems in 1 config\n", "")


def test_names_registered_by_a_computed_name_are_not_reported(project, capsys):
    project.write(
        "PKG/dynamic.py",
        """
        from PKG.registry import MODELS

        NAME = "Made" + "Up"
        MODELS.register_module(name=NAME, module=dict)
        """,
    )
    project.write(
        "configs/dynamic.py",
        """
        custom_imports = dict(imports=["PKG.dynamic"])
        model = dict(type="MadeUp")
        """,
    )
    assert run(capsys, "check", "configs/dynamic.py")[0] == 0


def test_registries_given_on_the_command_line_replace_the_settings(project, capsys):
    project.write("configs/other.py", 'net = dict(type="ResNet", depth="1")\n')
    package = project.package
    status, out, _ = run(
        capsys, "check", "configs/other.py", "--registries", f"net={package}.registry.MODELS"
    )
    assert status == 1
    assert "net.depth" in out
    # A registry without KEY= is known to nested configs only.
    status, _, _ = run(
        capsys,
        "check",
        "configs/other.py",
        "--registries",
        f"{package}.registry.HOOKS, net={package}.registry.MODELS",
    )
    assert status == 1


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"configs/broken.py": "model = dict(\n"}, "configs/broken.py"),
        ({"configs/broken.py": '_base_ = "./missing.py"\n'}, "missing.py"),
        (
            {
                "configs/broken.py": '_base_ = "./other.py"\n',
                "configs/other.py": '_base_ = "./broken.py"\n',
            },
            "broken.py",
        ),
        ({"configs/broken.yaml": "model: !!python/object/apply:os.system [ls]\n"}, "broken.yaml"),
    ],
    ids=["syntax", "missing-base", "cyclic-base", "yaml-tag"],
)
def test_a_config_that_cannot_be_read_is_one_line_and_status_2(project, capsys, files, message):
    for path, text in files.items():
        project.write(path, text)
    status, out, err = run(capsys, "check", "configs/broken." + next(iter(files)).rsplit(".")[-1])
    assert status == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("typed-registry check: error: ")
    assert message in err


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            'model = "PKG.nowhere.MODELS"',
            (
                "registry 'PKG.nowhere.MODELS': cannot import 'PKG.nowhere' "
                "(ModuleNotFoundError: No module named 'PKG.nowhere')"
            ),
        ),
        (
            'model = "PKG.registry.MISSING"',
            "registry 'PKG.registry.MISSING': module 'PKG.registry' has no attribute 'MISSING'",
        ),
        (
            'model = "PKG.registry.NOT_A_REGISTRY"',
            "registry 'PKG.registry.NOT_A_REGISTRY': it is of type int, not a Registry",
        ),
        (
            "model = 3",
            (
                "[tool.typed_registry.configs] registries.model: must name a registry variable "
                "(module.VARIABLE)"
            ),
        ),
    ],
)
def test_a_registry_that_does_not_exist_is_one_line_and_status_2(
    project, capsys, settings, message
):
    project.write(
        "pyproject.toml",
        f"""
        [tool.typed_registry.configs.registries]
        {settings}
        """,
    )
    status, out, err = run(capsys, "check", "configs/good.py")
    assert (status, out) == (2, "")
    assert (
        err == f"typed-registry check: error: {project.root / 'pyproject.toml'}: "
        f"{message.replace('PKG', project.package)}\n"
    )


@pytest.mark.parametrize(
    ("argv", "pyproject", "message"),
    [
        (["configs/nothing.py"], None, "configs/nothing.py: no such file or folder"),
        (
            ["--registries", "model"],
            None,
            "--registries: 'model' is not KEY=module.VARIABLE or module.VARIABLE",
        ),
        (
            ["--registries", "a..b=x.Y"],
            None,
            "--registries: 'a..b=x.Y' is not KEY=module.VARIABLE or module.VARIABLE",
        ),
        (
            [],
            "[tool.typed_registry]\n",
            (
                "has no tool.typed_registry.configs registries: name the registries in "
                "[tool.typed_registry.configs.registries] or with --registries"
            ),
        ),
        ([], "[tool.typed_registry\n", "invalid TOML"),
        ([], "[tool]\ntyped_registry = 3\n", "[tool.typed_registry] must be a table"),
        (
            ["--settings", "nothing.toml"],
            None,
            "nothing.toml: cannot read the settings (No such file or directory)",
        ),
    ],
)
def test_bad_usage_is_one_line_and_status_2(project, capsys, argv, pyproject, message):
    if pyproject is not None:
        project.write("pyproject.toml", pyproject)
    status, out, err = run(capsys, "check", *argv)
    assert (status, out) == (2, "")
    assert err.startswith("typed-registry check: error: ")
    assert message in err
    assert len(err.splitlines()) == 1


def test_without_settings_anywhere_registries_must_be_given(project, capsys):
    (project.root / "pyproject.toml").unlink()
    status, _, err = run(capsys, "check", "configs/good.py")
    assert status == 2
    assert "no settings file found: name the registries" in err
    status, out, _ = run(
        capsys,
        "check",
        "configs/good.py",
        "--registries",
        f"model={project.package}.registry.MODELS",
    )
    assert (status, out) == (0, "No problems in 1 config\n")


def test_a_config_mmengine_cannot_load_is_one_line_and_status_2(project, capsys):
    project.write("configs/fails.py", 'model = dict(type="ResNet", depth=1 // 0)\n')
    status, _, err = run(capsys, "check", "configs/fails.py", "--loader", "mmengine")
    assert status == 2
    assert err.startswith("typed-registry check: error: configs/fails.py: ")
    assert "MMEngine cannot load it (ZeroDivisionError: " in err
    assert len(err.splitlines()) == 1


def test_a_value_only_mmengine_computed_is_reported_where_its_parent_was_written(project, capsys):
    # The reader does not compute `[...] * 2`: the list MMEngine gives has no line of its
    # own, the problem inside it is reported at the line that wrote the list.
    project.write(
        "configs/repeated.py",
        """
        model = dict(type="ResNet", depth=1)
        hook_list = [dict(type="LoggerHook", interval="x")] * 2
        """,
    )
    registries = (
        f"model={project.package}.registry.MODELS,hook_list={project.package}.registry.HOOKS"
    )
    status, out, _ = run(
        capsys, "check", "configs/repeated.py", "--registries", registries, "--loader", "mmengine"
    )
    assert status == 1
    assert out.splitlines()[0] == (
        'configs/repeated.py:3: error: hook_list[0].interval: Argument "interval" to '
        '"LoggerHook" has incompatible type "str"; expected "int"  [arg-type]'
    )


def test_a_config_that_exits_under_mmengine_is_one_line_and_status_2(project, capsys):
    project.write("configs/exits.py", "import sys\nsys.exit(3)\n")
    status, _, err = run(capsys, "check", "configs/exits.py", "--loader", "mmengine")
    assert status == 2
    assert err == (
        "typed-registry check: error: configs/exits.py: MMEngine cannot load it (SystemExit: 3)\n"
    )


def test_a_part_whose_key_holds_a_dot_is_checked(project, capsys):
    # "hooks.*" names each key of hooks: "a.b" is one key, not two.
    project.write(
        "configs/dotted.json", '{"hooks": {"a.b": {"type": "LoggerHook", "interval": "x"}}}'
    )
    status, out, _ = run(capsys, "check", "configs/dotted.json")
    assert status == 1
    assert out.splitlines()[0] == (
        'configs/dotted.json: error: hooks.a.b.interval: Argument "interval" to "LoggerHook" '
        'has incompatible type "str"; expected "int"  [arg-type]'
    )


def test_tuples_and_lists_of_configs_as_parts(project, capsys):
    project.write(
        "configs/parts.py",
        """
        model = dict(type="ResNet", depth=1, out=(1, 2))
        hook_list = [dict(type="LoggerHook"), dict(type="LoggerHook", interval="x")]
        """,
    )
    package = project.package
    registries = f"model={package}.registry.MODELS,hook_list={package}.registry.HOOKS"
    for loader in ("builtin", "mmengine"):
        status, out, _ = run(
            capsys, "check", "configs/parts.py", "--registries", registries, "--loader", loader
        )
        assert status == 1
        assert out.splitlines()[0].startswith("configs/parts.py:3: error: hook_list[1].interval")


def test_other_configs_are_still_checked_when_one_cannot_be_read(project, capsys):
    project.write("configs/broken.py", "model = dict(\n")
    project.write("configs/bad.py", 'model = dict(type="ResNet", depth="1")\n')
    status, out, err = run(capsys, "check", "configs/bad.py", "configs/broken.py")
    assert status == 2
    assert "model.depth" in out
    assert "broken.py" in err


def test_mmengine_values_are_checked_with_the_readers_lines(project, capsys):
    project.write(
        "configs/data.json",
        '{"_base_": "./_base_/model.py", "model": {"backbone": {"out": [1, "x"]}}}',
    )
    status, out, _ = run(capsys, "check", "configs/data.json", "--loader", "mmengine")
    assert status == 1
    assert out.splitlines()[0] == (
        'configs/data.json: error: model.backbone.out: Argument "out" to "ResNet" has '
        'incompatible type "list[int | str]"; expected "tuple[int, ...]"  [arg-type]'
    )
    assert run(capsys, "check", "configs/good.json", "--loader", "mmengine")[0] == 0


def test_the_default_loader_never_runs_a_config_and_mmengine_does(project, capsys):
    # str(50) is a call: the reader leaves the value unknown (never an error); MMEngine runs
    # the file and gets "50", which ResNet's depth does not take.
    project.write("configs/computed.py", 'model = dict(type="ResNet", depth=str(50))\n')
    assert run(capsys, "check", "configs/computed.py")[0] == 0
    status, out, _ = run(capsys, "check", "configs/computed.py", "--loader", "mmengine")
    assert status == 1
    assert out.splitlines()[0] == (
        'configs/computed.py:1: error: model.depth: Argument "depth" to "ResNet" has '
        'incompatible type "str"; expected "int"  [arg-type]'
    )


def test_without_mmengine_the_mmengine_loader_is_an_error(project, capsys, monkeypatch):
    import importlib  # noqa: PLC0415

    from typed_registry.cli import _reading  # noqa: PLC0415

    real = importlib.import_module

    def without_mmengine(name: str, package: str | None = None) -> object:
        if name.startswith("mmengine"):
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(_reading.importlib, "import_module", without_mmengine)
    assert run(capsys, "check", "configs/good.py")[0] == 0
    status, _, err = run(capsys, "check", "configs/good.py", "--loader", "mmengine")
    assert status == 2
    assert err == (
        "typed-registry check: error: --loader mmengine: MMEngine is not installed "
        "(pip install mmengine-lite)\n"
    )


def test_pure_python_configs_are_read_statically(project, capsys):
    project.write(
        "configs/pure.py",
        """
        from mmengine.config import read_base

        with read_base():
            from ._base_.model import *

        from PKG.models import ResNet

        extra = make_it()
        model.update(backbone=dict(type=ResNet, depth="1", other=extra))
        """,
    )
    status, out, _ = run(capsys, "check", "configs/pure.py", "--loader", "mmengine")
    assert status == 1, out
    assert "model.backbone.depth" in out


def test_unknown_values_and_spread_dicts_are_not_checked(project, capsys):
    project.write(
        "configs/computed.py",
        """
        import os

        settings = os.environ.get("X")
        model = dict(type="ResNet", depth=settings, **dict(os.environ))
        """,
    )
    assert run(capsys, "check", "configs/computed.py", "--loader", "builtin")[0] == 0
