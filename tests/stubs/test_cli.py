"""``typed-registry stubs`` on a small project: the stubs it writes, ``--check``, its errors."""

from __future__ import annotations

import sys

import pytest
from tests.cli.conftest import project, run

from typed_registry._registry import Registry
from typed_registry._stubs import _registry_class
from typed_registry._stubs._annotations import Imports
from typed_registry._stubs._module import HEADER, module_stub

__all__ = ["project"]


def read(project, path):
    return (project.root / "typings" / path.replace("PKG", project.package)).read_text()


def test_it_writes_a_stub_per_module_that_defines_a_registry(project, capsys):
    status, out, err = run(capsys, "stubs")
    assert (status, err) == (0, "")
    assert out == "wrote 2 stubs under typings\n"
    stub = read(project, "PKG/registry.pyi")
    assert stub.startswith(HEADER)
    # The module's whole API stays; unannotated registries are Registry[Any].
    assert "NOT_A_REGISTRY: int\n" in stub
    assert "MODELS: _MODELS_Registry[_Any]\n" in stub
    assert "from _typeshed import Incomplete" not in stub  # replaced, so no longer imported
    assert f"    type: _Literal['ResNet', '{project.package}.ResNet', " in stub
    assert "    depth: int\n    out: _NotRequired[tuple[int, ...]]\n" in stub
    models = stub[stub.index("class _MODELS_Registry") :]
    assert "def build(self, cfg: _MODELS_ResNet, *args: _Any, **kwargs: _Any) -> _tr_m" in models
    assert "def __getitem__(self, key: _Literal['ResNet'," in models
    child = read(project, "PKG/child.pyi")
    assert "CHILD: _CHILD_Registry[_Any]" in child
    assert "from PKG.registry import MODELS as MODELS".replace("PKG", project.package) in child


def test_a_registry_module_imported_elsewhere_is_not_stubbed_twice(project, capsys):
    project.write("PKG/aliases.py", "from PKG.registry import MODELS\nBACKBONES = MODELS\n")
    project.write("PKG/__init__.py", "from PKG import aliases\n")
    assert run(capsys, "stubs")[0] == 0
    assert not (project.root / "typings" / project.package / "aliases.pyi").exists()


def test_check_is_0_when_fresh_and_1_when_stale_or_missing(project, capsys):
    assert run(capsys, "stubs", "--check")[:2] == (1, "")
    assert run(capsys, "stubs")[0] == 0
    assert run(capsys, "stubs", "--check") == (0, "", "")
    path = project.root / "typings" / project.package / "child.pyi"
    path.write_text(path.read_text() + "# edited\n")
    status, out, err = run(capsys, "stubs", "--check")
    shown = f"typings/{project.package}/child.pyi"
    assert (status, out, err) == (1, "", f"{shown}: stale; run typed-registry stubs\n")


def test_out_names_another_folder(project, capsys):
    status, out, _ = run(capsys, "stubs", "--out", "stubs")
    assert (status, out) == (0, "wrote 2 stubs under stubs\n")
    assert run(capsys, "stubs", "--out", "stubs", "--check")[0] == 0


def test_a_folder_that_cannot_be_written_is_a_usage_error(project, capsys):
    status, _, err = run(capsys, "stubs", "--out", "pyproject.toml")
    assert status == 2
    assert err.startswith(f"typed-registry stubs: error: {project.root / 'pyproject.toml'}/")
    assert "cannot write the stub (Not a directory)" in err


def test_without_mypy_it_says_which_extra_to_install(project, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "mypy.stubgen", None)
    status, _, err = run(capsys, "stubs")
    expected = "stubs need mypy's stubgen: pip install 'typed-registry[mypy]'"
    assert (status, err) == (2, f"typed-registry stubs: error: {expected}\n")


def test_a_location_that_does_not_import_is_a_usage_error(project, capsys):
    project.write(
        "pyproject.toml",
        """
        [tool.typed_registry]
        locations = ["PKG.nowhere"]
        [tool.typed_registry.configs.registries]
        model = "PKG.registry.MODELS"
        """,
    )
    status, _, err = run(capsys, "stubs")
    assert status == 2
    assert (
        "locations: cannot import 'PKG.nowhere' (ModuleNotFoundError".replace(
            "PKG", project.package
        )
        in err
    )


def test_a_registry_location_that_fails_is_a_usage_error(project, capsys):
    project.write(
        "PKG/registry.py",
        """
        from typed_registry import Registry
        MODELS = Registry("model", scope="PKG", locations=["PKG.broken"])
        """,
    )
    project.write("PKG/broken.py", "raise RuntimeError('boom')\n")
    project.write("PKG/child.py", "")
    status, _, err = run(capsys, "stubs")
    assert status == 2
    assert err.startswith("typed-registry stubs: error: ")
    assert err.count("\n") == 1


def test_entries_of_every_kind(project, capsys, monkeypatch):
    project.write(
        "pyproject.toml",
        """
        [tool.typed_registry.configs.registries]
        model = "PKG.registry.MODELS"
        """,
    )
    project.write(
        "PKG/registry.py",
        """
        from collections.abc import Callable, Sequence
        from typing import Annotated, Any, Generic, Literal, TypeVar

        from typed_registry import ConfigFor, Registry, build_from_cfg

        T = TypeVar("T")
        MODELS: Registry[object] = Registry("model", scope="PKG")
        CUSTOM: Registry[object] = Registry(
            "custom", scope="PKG_custom", build_func=build_from_cfg.__call__
        )
        EMPTY: Registry[object] = Registry("empty", scope="PKG_empty")

        class Box(Generic[T]):
            def __init__(self, item: T, mode: Literal["a", 1], size: int | None = None) -> None: ...

        def make() -> None:
            @MODELS.register_module()
            class Local:
                def __init__(self, type: int, _scope_: int, x: Callable[[int], int]) -> None: ...

        def returns_int(
            seq: Sequence[int], nested: Annotated[dict[str, Any], ConfigFor(MODELS)]
        ) -> int:
            return 1

        def returns_nothing_said(a, b=1):
            return a

        def returns_local() -> "Missing":
            return 1

        def returns_any() -> Any:
            return 1

        MODELS.register_module(module=Box)
        MODELS.register_module(module=returns_int)
        MODELS.register_module(module=returns_nothing_said)
        MODELS.register_module(module=returns_local)
        MODELS.register_module(module=returns_any)
        MODELS.register_module(module=print)
        CUSTOM.register_module(module=Box)
        make()
        """,
    )
    project.write("PKG/child.py", "")
    assert run(capsys, "stubs")[::2] == (0, "")
    stub = read(project, "PKG/registry.pyi")
    assert "CUSTOM: Registry[object]\n" in stub  # a custom build_func: left as it is
    assert "EMPTY: Registry[object]\n" in stub  # no entry: Registry says it all
    assert "MODELS: _MODELS_Registry[object]\n" in stub
    assert (
        "    item: _Any\n    mode: _Literal['a', 1]\n    size: _NotRequired[int | None]\n" in stub
    )
    assert "-> _tr_m1.Box[_Any]: ..." in stub
    assert (
        "    def build(self, cfg: _MODELS_returns_int, *args: _Any, **kwargs: _Any) -> int:" in stub
    )
    nested = "_MODELS_Config | _MODELS_ScopedConfig | dict[str, _Any]"
    assert f"    seq: _tr_m0.Sequence[int]\n    nested: {nested}\n" in stub
    assert "-> _Callable[..., int] | None: ..." in stub
    for name in ("Local", "returns_nothing_said", "returns_local", "returns_any", "print"):
        assert f"def build(self, cfg: _MODELS_{name}, *args: _Any, **kwargs: _Any) -> _T_co" in stub
    assert "class _MODELS_Local(_TypedDict):\n    type: _Literal['Local'" in stub
    assert "    x: _Any\n" in stub
    assert "class _MODELS_print(_TypedDict):\n    type: _Literal['print', " in stub
    monkeypatch.setattr(_registry_class, "PER_ENTRY_LIMIT", 1)
    assert run(capsys, "stubs")[0] == 0
    few = read(project, "PKG/registry.pyi")
    assert "cfg: _MODELS_Box," not in few
    assert "def get(" not in few
    assert "def build(self, cfg: _MODELS_Config | _MODELS_ScopedConfig | _Mapping[str, _Any]" in few


def test_a_registry_that_stubgen_did_not_write_is_added():
    registry: Registry[object] = Registry("model", scope="stubs_unit_added")

    @registry.register_module()
    class Net:
        pass

    stub = module_stub("from a import (\n    b,\n)\n", {"MODELS": registry})
    assert "from a import (\n    b,\n)\n" in stub
    assert "\nMODELS: _MODELS_Registry[_Any]\n" in stub


def test_a_module_whose_registries_keep_their_type_is_stubgen_output():
    registry: Registry[object] = Registry("model", scope="stubs_unit_empty")
    assert module_stub("X: int\n", {"MODELS": registry}) == HEADER + "X: int\n"


@pytest.mark.parametrize("name", ["Net", "Net_2"])
def test_typed_dict_names_are_unique(name):
    assert _registry_class._unique("Net", ["Net", *(["Net_2"] if name == "Net_2" else [])]) in {
        "Net_2",
        "Net_3",
    }


def test_a_module_all_decides_what_the_stub_reexports(project, capsys):
    child = (project.root / project.package / "child.py").read_text()
    project.write("PKG/child.py", child + '__all__ = ["CHILD", "MODELS"]\n')
    assert run(capsys, "stubs")[0] == 0
    stub = read(project, "PKG/child.pyi")
    assert f"from {project.package}.registry import MODELS as MODELS\n" in stub
    assert "__all__ = ['CHILD', 'MODELS']" in stub


def test_a_root_that_reaches_its_children_entries_only_by_scope_has_only_scoped_names():
    root: Registry[object] = Registry("model", scope="stubs_unit_root")
    child: Registry[object] = Registry("model", scope="stubs_unit_child", parent=root)

    @child.register_module()
    class Net:
        pass

    text = _registry_class.registry_class("ROOT", root, Imports())
    assert text is not None
    assert "class _ROOT_Config(" not in text
    assert (
        "class _ROOT_ScopedConfig(_TypedDict):\n    type: _Literal['stubs_unit_child.Net']" in text
    )
    assert "cfg: _ROOT_ScopedConfig | _Mapping[str, _Any]" in text


def test_a_module_without_registry_classes_still_binds_its_imports_again():
    registry: Registry[object] = Registry("model", scope="stubs_unit_imports")
    stub = module_stub("X: int\n", {"MODELS": registry}, "from a import b\n", "m")
    assert stub == HEADER + "\nX: int\n\nfrom a import b as _tr_r_b\nb = _tr_r_b\n"


def test_a_method_registered_unbound_offers_no_self_key(project, capsys):
    project.write(
        "PKG/registry.py",
        """
        from typed_registry import Registry

        MODELS: Registry[object] = Registry("model", scope="PKG")
        HOOKS: Registry[object] = Registry("hook", scope="PKG_hooks")
        OPTIMIZERS: Registry[object] = Registry("optimizer", scope="PKG_optim")


        class Net:
            def forward(self, x: int) -> int:
                return x

            @staticmethod
            def small(self: int) -> "Net":
                return Net()


        def scale(self: int, by: int = 2) -> int:
            return self * by


        MODELS.register_module(module=Net.forward)
        MODELS.register_module(module=Net.small)
        MODELS.register_module(module=scale)
        """,
    )
    project.write("PKG/child.py", "")
    assert run(capsys, "stubs")[::2] == (0, "")
    stub = read(project, "PKG/registry.pyi")
    forward = stub[stub.index("class _MODELS_forward(_TypedDict):") :]
    assert forward.split("\n\n")[0].splitlines()[1:] == [
        "    type: _Literal['forward', " + f"'{project.package}.forward']",
        "    _scope_: _NotRequired[str | None]",
        "    x: int",
    ]
    # A static method and a function take what they say, even a parameter named self.
    assert "class _MODELS_small(_TypedDict):" in stub
    small = stub[stub.index("class _MODELS_small(_TypedDict):") :].split("\n\n")[0]
    assert small.splitlines()[-1] == "    self: int"
    scale = stub[stub.index("class _MODELS_scale(_TypedDict):") :].split("\n\n")[0]
    assert scale.splitlines()[-2:] == ["    self: int", "    by: _NotRequired[int]"]
