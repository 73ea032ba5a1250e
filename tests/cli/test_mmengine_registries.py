"""``list``, ``schema``, ``stubs`` and ``check`` on a project whose registries are MMEngine's.

The project ``detN`` (a name of its own per test: modules stay imported in the process) is
what an OpenMMLab project looks like: ``Registry("model", parent=mmengine.registry.MODELS,
locations=["detN.models"])``, its scope inferred from the package. ``mmengine-lite`` is
installed (no torch).
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from tests.cli.conftest import run

from typed_registry.cli import _mmengine

if TYPE_CHECKING:
    from collections.abc import Iterator

_NUMBERS = itertools.count()
REPO = Path(__file__).parents[2]
PYRIGHT = Path(sys.executable).with_name("pyright")

REGISTRY = """\
from mmengine.registry import MODELS as MMENGINE_MODELS
from mmengine.registry import Registry

MODELS = Registry("model", parent=MMENGINE_MODELS, locations=["PKG.models"])
"""
MODELS = """\
from PKG.registry import MODELS


@MODELS.register_module()
class ResNet:
    def __init__(self, depth: int, frozen: bool = False) -> None:
        self.depth = depth
"""
SETTINGS = """\
[tool.typed_registry.configs]
paths = ["configs"]

[tool.typed_registry.configs.registries]
model = "PKG.registry.MODELS"
"""


class Det:
    def __init__(self, root: Path, package: str) -> None:
        self.root = root
        self.package = package

    def write(self, name: str, text: str) -> Path:
        path = self.root / name.replace("PKG", self.package)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).replace("PKG", self.package), encoding="utf-8")
        return path


@pytest.fixture(autouse=True)
def _fresh_trees(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test's registries leave MMEngine's root, and no mirror outlives the test."""
    from mmengine.registry import MODELS as MMENGINE_MODELS  # noqa: PLC0415

    before = dict(MMENGINE_MODELS._children)
    MMENGINE_MODELS._children.clear()  # what other tests of the process left there
    monkeypatch.setattr(_mmengine, "_MIRRORS", {})
    yield
    MMENGINE_MODELS._children.clear()
    MMENGINE_MODELS._children.update(before)


@pytest.fixture
def det(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Det:
    project = Det(tmp_path, f"det{next(_NUMBERS)}")
    project.write("pyproject.toml", SETTINGS)
    project.write("PKG/__init__.py", "")
    project.write("PKG/registry.py", REGISTRY)
    project.write("PKG/models/__init__.py", "from .resnet import ResNet\n")
    project.write("PKG/models/resnet.py", MODELS)
    project.write(
        "configs/resnet.py", 'default_scope = "PKG"\nmodel = dict(type="ResNet", depth=50)\n'
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))  # the project's root goes first
    return project


def test_list_shows_the_mmengine_tree_with_the_entries_its_locations_register(det, capsys):
    status, out, err = run(capsys, "list", f"{det.package}.registry.MODELS")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == (
        f"{det.package}.registry.MODELS: registry 'model' (scope '{det.package}', parent"
        " 'mmengine')"
    )
    assert [line.split() for line in lines[3:]] == [
        [
            "ResNet",
            "class",
            f"{det.package}.models.resnet.ResNet",
            f"{det.package}/models/resnet.py:4",
        ]
    ]


def test_list_tree_and_json_show_mmengines_root_as_the_parent(det, capsys):
    status, out, _ = run(capsys, "list", "--format", "json")
    assert status == 0
    listed = {(r["scope"], r["name"]): r for r in json.loads(out)}
    own = listed[det.package, "model"]
    assert (own["variable"], own["parent"]) == (f"{det.package}.registry.MODELS", "mmengine")
    assert [e["name"] for e in own["entries"]] == ["ResNet"]
    assert det.package in listed["mmengine", "model"]["children"]
    _, tree, _ = run(capsys, "list", "--tree")
    assert (
        f"└── {det.package}.registry.MODELS: registry 'model' (scope '{det.package}', parent"
        " 'mmengine'): 1 entry"
    ) in tree.splitlines()


def test_schema_knows_the_entries_of_an_mmengine_registry(det, capsys):
    status, out, err = run(capsys, "schema")
    assert (status, err) == (0, "")
    schema = json.loads(out)
    assert "ResNet" in json.dumps(schema["$defs"])
    assert f"{det.package}.ResNet" in json.dumps(schema["$defs"])


@pytest.mark.parametrize("loader", ["builtin", "mmengine"])
def test_check_reads_an_mmengine_registry_after_its_locations(det, capsys, loader):
    det.write("configs/wrong.py", 'default_scope = "PKG"\nmodel = dict(type="ResNet", dpth=50)\n')
    status, out, err = run(capsys, "check", "--loader", loader)
    assert (status, err) == (1, "")
    assert out.splitlines() == [
        (
            'configs/wrong.py:2: error: model.dpth: Unexpected keyword argument "dpth" for'
            ' "ResNet"; did you mean "depth"?  [call-arg]'
        ),
        'configs/wrong.py:2: error: model: Missing named argument "depth" for "ResNet"  [call-arg]',
        "Found 2 problems in 1 of 2 configs",
    ]


def test_what_registers_later_shows_in_the_mirror(det, capsys):
    assert run(capsys, "check")[0] == 0
    module = sys.modules[f"{det.package}.registry"]

    class Late:
        def __init__(self, size: int) -> None:
            self.size = size

    module.MODELS.register_module(module=Late)
    _mmengine.sync()
    mirror = _mmengine.mirror_of(module.MODELS)
    assert mirror.get("Late") is Late
    assert _mmengine.original_of(mirror) is module.MODELS


@pytest.mark.parametrize("command", ["list", "schema", "stubs", "check"])
def test_a_project_that_needs_torch_is_one_line_naming_the_module(det, capsys, command):
    det.write("PKG/models/resnet.py", "import torch\n" + MODELS)
    status, out, err = run(capsys, command)
    assert (status, out) == (2, "")
    assert err == (
        f"typed-registry {command}: error: registry 'model' (scope '{det.package}') locations:"
        f" cannot import '{det.package}.models' (ModuleNotFoundError: No module named 'torch')\n"
    )


def test_a_subclass_of_mmengines_registry_is_read_too(det, capsys):
    det.write(
        "PKG/registry.py",
        REGISTRY.replace(
            "MODELS = Registry(",
            "class DetRegistry(Registry):\n    pass\n\n\nMODELS = DetRegistry(",
        ),
    )
    status, out, _ = run(capsys, "list", f"{det.package}.registry.MODELS", "--tree")
    assert (status, out.count("1 entry")) == (0, 1)


def test_a_class_named_registry_elsewhere_is_not_mmengines():
    class Registry:
        module_dict: dict[str, object] = {}  # noqa: RUF012

    assert not _mmengine.is_mmengine_registry(Registry())


def test_a_name_mmengine_cannot_look_up_is_left_out_of_the_mirror(det, capsys):
    det.write(
        "PKG/models/resnet.py",
        MODELS + "\n\nMODELS.register_module(name='with.dot', module=ResNet)\n",
    )
    status, out, _ = run(capsys, "list", "--format", "json")
    assert status == 0
    own = next(r for r in json.loads(out) if r["scope"] == det.package)
    assert [e["name"] for e in own["entries"]] == ["ResNet"]


def test_a_tree_with_one_scope_twice_is_one_line(tmp_path, monkeypatch, capsys):
    package = f"twice{next(_NUMBERS)}"
    (tmp_path / package).mkdir()
    (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / package / "registry.py").write_text(
        "from mmengine.registry import Registry\n\n"
        "ROOT = Registry('root', scope='top')\n"
        "LEFT = Registry('left', parent=ROOT, scope='left')\n"
        "RIGHT = Registry('right', parent=ROOT, scope='right')\n"
        "AGAIN = Registry('again', parent=LEFT, scope='right')\n"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])
    status, _, err = run(capsys, "list", "--registries", f"{package}.registry.AGAIN")
    assert status == 2
    assert err == (
        "typed-registry list: error: cannot read MMEngine's registry 'right' (scope 'right'):"
        " scope 'right' is already used by registry 'again' in this tree (root 'root', scope"
        " 'top'); scopes must be unique within a tree\n"
    )


# -- what MMEngine imports for a registry without locations: <scope>.utils ------------------


def _mmyolo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, models: str) -> None:
    """A package of a scope MMEngine knows (mmyolo) whose registry has no locations."""
    for name in [name for name in sys.modules if name.partition(".")[0] == "mmyolo"]:
        monkeypatch.delitem(sys.modules, name)
    files = {
        "pyproject.toml": SETTINGS.replace("PKG", "mmyolo"),
        "mmyolo/__init__.py": "",
        "mmyolo/registry.py": (
            "from mmengine.registry import Registry\n\nMODELS = Registry('model')\n"
        ),
        "mmyolo/utils.py": (
            "def register_all_modules(init_default_scope=True):\n    import mmyolo.models\n"
        ),
        "mmyolo/models.py": models,
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))


def test_a_registry_without_locations_imports_register_all_modules(tmp_path, monkeypatch, capsys):
    _mmyolo(tmp_path, monkeypatch, MODELS.replace("PKG", "mmyolo"))
    status, out, _ = run(capsys, "list", "--format", "json")
    assert status == 0
    [own] = [r for r in json.loads(out) if r["scope"] == "mmyolo"]
    assert [e["name"] for e in own["entries"]] == ["ResNet"]


def test_register_all_modules_failing_is_one_line(tmp_path, monkeypatch, capsys):
    _mmyolo(tmp_path, monkeypatch, "import torch\n")
    status, _, err = run(capsys, "schema")
    assert status == 2
    assert err == (
        "typed-registry schema: error: registry 'model' (scope 'mmyolo'): MMEngine's"
        " import_from_location() fails (ModuleNotFoundError: No module named 'torch')\n"
    )


# -- the settings name MMEngine's root; the config's default_scope picks the project -------


def test_check_imports_the_registry_of_the_default_scope_as_the_runner_does(det, capsys):
    det.write("pyproject.toml", SETTINGS.replace("PKG.registry.MODELS", "mmengine.registry.MODELS"))
    det.write(
        "configs/wrong.py", 'default_scope = "PKG"\nmodel = dict(type="ResNet", depth="50")\n'
    )
    status, out, err = run(capsys, "check", "configs/wrong.py")
    assert (status, err) == (1, "")
    assert out.splitlines() == [
        (
            'configs/wrong.py:2: error: model.depth: Argument "depth" to "ResNet" has incompatible'
            ' type "str"; expected "int"  [arg-type]'
        ),
        "Found 1 problem in 1 of 1 config",
    ]
    assert f"{det.package}.registry" in sys.modules


def test_a_default_scope_whose_registry_module_is_missing_is_unknown(det, capsys):
    det.write("pyproject.toml", SETTINGS.replace("PKG.registry.MODELS", "mmengine.registry.MODELS"))
    det.write("configs/wrong.py", 'default_scope = "dte"\nmodel = dict(type="ResNet", depth=50)\n')
    status, out, _ = run(capsys, "check", "configs/wrong.py")
    assert status == 1
    assert out.splitlines()[0] == (
        "configs/wrong.py:1: error: default_scope: scope 'dte' is not the scope of any registry"
        " (scopes: 'mmengine')  [registry-name]"
    )


def test_a_default_scope_is_no_module_to_import_for_a_typed_registry_project(project, capsys):
    # Without an MMEngine registry, nothing is imported for the scope (typed_registry's own
    # trees are filled by their locations).
    scope = f"{project.package}_probe"
    project.write(f"{scope}/__init__.py", "")
    project.write(f"{scope}/registry.py", "")
    project.write(
        "configs/scoped.py", f'default_scope = "{scope}"\nmodel = dict(type="ResNet", depth=5)\n'
    )
    status, out, _ = run(capsys, "check", "configs/scoped.py")
    assert status == 1
    assert f"scope '{scope}' is not the scope of any registry" in out
    assert f"{scope}.registry" not in sys.modules


# -- stubs: the registry's type derives from MMEngine's class -------------------------------


def test_stubs_type_an_mmengine_registry_as_mmengines_class_with_typed_builds(det, capsys):
    status, out, err = run(capsys, "stubs")
    assert (status, out, err) == (0, "wrote 1 stub under typings\n", "")
    stub = (det.root / "typings" / det.package / "registry.pyi").read_text()
    assert "import mmengine.registry.registry as _tr_m0\n" in stub
    assert "from typing import Generic as _Generic\n" in stub
    assert "MODELS: _MODELS_Registry[_Any]\n" in stub
    assert "class _MODELS_Registry(_tr_m0.Registry, _Generic[_T_co]):\n" in stub
    assert "-> _tr_m1.ResNet: ..." in stub
    assert "__getitem__" not in stub  # MMEngine's Registry has no []
    assert run(capsys, "stubs", "--check") == (0, "", "")


#: The nox sessions install the ``test`` group only, without pyright (make test runs this).
@pytest.mark.skipif(not PYRIGHT.exists(), reason="pyright not installed")
def test_pyright_with_the_stubs_keeps_mmengines_api_and_types_a_build(det, capsys):
    assert run(capsys, "stubs")[0] == 0
    det.write(
        "use.py",
        """\
        from PKG.registry import MODELS

        model = MODELS.build({"type": "ResNet", "depth": 50})
        reveal_type(model)
        with MODELS.switch_scope_and_registry(None) as registry:
            print(registry.name, MODELS.scope)
        MODELS["ResNet"]
        """,
    )
    det.write("pyrightconfig.json", json.dumps({"venvPath": str(REPO), "venv": ".venv"}))
    found = subprocess.run(
        [str(PYRIGHT), "--outputjson", "use.py"], capture_output=True, text=True, check=False
    )
    messages = [
        (d["range"]["start"]["line"] + 1, d["severity"], d["message"].splitlines()[0])
        for d in json.loads(found.stdout)["generalDiagnostics"]
    ]
    assert messages == [
        (4, "information", 'Type of "model" is "ResNet"'),
        (7, "error", '"__getitem__" method not defined on type "_MODELS_Registry[Any]"'),
    ]


def test_what_custom_imports_register_into_an_mmengine_registry_is_checked(det, capsys):
    det.write(
        "PKG/extra.py",
        """\
        from PKG.registry import MODELS


        @MODELS.register_module()
        class ExtraNet:
            def __init__(self, size: int) -> None:
                self.size = size
        """,
    )
    det.write(
        "configs/extra.py",
        'custom_imports = dict(imports=["PKG.extra"])\nmodel = dict(type="ExtraNet", size="1")\n',
    )
    status, out, _ = run(capsys, "check", "configs/extra.py", "--import-custom-imports")
    assert status == 1
    assert out.splitlines()[0] == (
        'configs/extra.py:2: error: model.size: Argument "size" to "ExtraNet" has incompatible'
        ' type "str"; expected "int"  [arg-type]'
    )


# -- MMCV 1.x's registry: no locations, no import_from_location -------------------------------

MMCV1 = '''\
class Registry:
    """The shape of MMCV 1.x's ``mmcv.utils.Registry`` (MMCV 1.x needs torch to install)."""

    def __init__(self, name, parent=None, scope=None):
        self._name = name
        self._module_dict = {}
        self._children = {}
        self._scope = scope
        self.parent = parent
        if parent is not None:
            parent._children[scope] = self

    name = property(lambda self: self._name)
    scope = property(lambda self: self._scope)
    module_dict = property(lambda self: self._module_dict)

    def register_module(self, name=None, force=False, module=None):
        def register(cls):
            self._module_dict[name or cls.__name__] = cls
            return cls

        return register if module is None else register(module)


Registry.__module__ = "mmcv.utils.registry"  # where MMCV 1.x defines it
MODELS = Registry("model", scope="mmcv")
DET = Registry("model", parent=MODELS, scope="PKG")


@DET.register_module()
class ResNet:
    def __init__(self, depth: int) -> None:
        self.depth = depth
'''


def test_an_mmcv_1_registry_is_read_without_locations(det, capsys):
    det.write("PKG/registry.py", MMCV1)
    det.write("pyproject.toml", SETTINGS.replace("PKG.registry.MODELS", "PKG.registry.DET"))
    status, out, err = run(capsys, "list", "--tree")
    assert (status, err) == (0, "")
    assert out.splitlines()[-1] == (
        f"└── {det.package}.registry.DET: registry 'model' (scope '{det.package}', parent"
        " 'mmcv'): 1 entry"
    )
    det.write("configs/resnet.py", "model = dict(type='ResNet', depth='50')\n")
    status, out, _ = run(capsys, "check", "configs/resnet.py")
    assert status == 1
    assert 'Argument "depth" to "ResNet" has incompatible type "str"' in out
