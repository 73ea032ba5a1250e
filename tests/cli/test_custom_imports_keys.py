"""``check`` checks the keys of classes that only a config's ``custom_imports`` register.

It reads those modules without importing them, so their classes' signatures are read from
source (``__init__``'s parameter names, a base's when the class has none): a misspelt key
is reported as ``validate`` and the plugin report it. Whatever may change the parameters
at run time (``**kwargs``, a decorator, a metaclass, a base outside the project) leaves
the keys unchecked, never wrongly checked.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import pytest
from tests.cli.conftest import run

from typed_registry._index import ProjectIndex
from typed_registry.cli._source_signatures import read_keywords

if TYPE_CHECKING:
    from pathlib import Path

    from tests.cli.conftest import Project

BASES = """
from typing import Any


class Base:
    def __init__(self, width: int, *, depth: int = 1) -> None:
        self.width = width


class Positional:
    def __init__(self, size: int, /, scale: float = 1.0) -> None:
        self.size = size
"""
EXTRA = """
from dataclasses import dataclass
from typing import Any

from outside_the_project import Module

from PKG.bases import Base, Positional
from PKG.registry import MODELS


@MODELS.register_module()
class ExtraNet:
    def __init__(self, size: int, depth: int = 1) -> None:
        self.size = size


@MODELS.register_module()
class Inherited(Base):
    pass


@MODELS.register_module()
class FromPositional(Positional):
    pass


@MODELS.register_module()
class Plain:
    pass


@MODELS.register_module()
def build_extra(size: int, *args: int) -> object:
    return size


@MODELS.register_module()
class Open:
    def __init__(self, size: int, **kwargs: Any) -> None:
        self.size = size


@MODELS.register_module()
@dataclass
class Generated:
    size: int


@MODELS.register_module()
class External(Module):
    pass


@MODELS.register_module()
class TwoBases(Base, Positional):
    pass


@MODELS.register_module()
class Constructed:
    def __new__(cls, *args: Any, **kwargs: Any) -> Constructed:
        return super().__new__(cls)

    def __init__(self, size: int) -> None:
        self.size = size


class Meta(type):
    pass


@MODELS.register_module()
class WithMeta(metaclass=Meta):
    pass


@MODELS.register_module()
class Rebound:
    def __init__(self, size: int) -> None:
        self.size = size


Rebound = ExtraNet


@MODELS.register_module()
class Twice:
    def __init__(self, size: int) -> None:
        self.size = size


if Module:

    def Twice(sise: int, size: int) -> object:
        return size
"""


@pytest.fixture
def extra(project: Project) -> Project:
    project.write("PKG/bases.py", BASES)
    project.write("PKG/extra.py", EXTRA)
    return project


def _check(project: Project, capsys: pytest.CaptureFixture[str], model: str) -> list[str]:
    project.write(
        "configs/extra.py",
        f"""
        custom_imports = dict(imports=["PKG.extra"])
        model = {model}
        """,
    )
    status, out, _ = run(capsys, "check", "configs/extra.py")
    assert f"{project.package}.extra" not in sys.modules  # read, never imported
    assert status == (1 if out.startswith("configs") else 0)
    return out.splitlines()[:-1]


@pytest.mark.parametrize(
    ("model", "message"),
    [
        (
            'dict(type="ExtraNet", sise=1)',
            'model.sise: Unexpected keyword argument "sise" for "ExtraNet"; did you mean "size"?',
        ),
        (
            'dict(type="Inherited", width=1, dpth=2)',
            (
                'model.dpth: Unexpected keyword argument "dpth" for "Inherited"; did you mean '
                '"depth"?'
            ),
        ),
        (
            'dict(type="FromPositional", size=1)',
            'model.size: Unexpected keyword argument "size" for "FromPositional"',
        ),
        (
            'dict(type="Plain", size=1)',
            'model.size: Unexpected keyword argument "size" for "Plain"',
        ),
        (
            'dict(type="build_extra", args=1)',
            'model.args: Unexpected keyword argument "args" for "build_extra"',
        ),
    ],
)
def test_a_misspelt_key_of_a_class_only_custom_imports_register_is_reported(
    extra: Project, capsys: pytest.CaptureFixture[str], model: str, message: str
) -> None:
    assert _check(extra, capsys, model) == [f"configs/extra.py:3: error: {message}  [call-arg]"]


@pytest.mark.parametrize(
    "name",
    [
        "Open",  # **kwargs: any key
        "Generated",  # a decorator wrote its __init__
        "External",  # its base is outside the project
        "TwoBases",  # the method resolution order decides
        "Constructed",  # __new__ takes part
        "WithMeta",  # a metaclass may call anything
        "Rebound",  # the name is bound again: which class is registered is not read
        "Twice",  # the same
    ],
)
def test_keys_that_cannot_be_known_from_source_are_never_reported(
    extra: Project, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    assert _check(extra, capsys, f'dict(type="{name}", sise=1, size=2)') == []


def test_right_keys_and_a_name_of_several_classes_are_not_reported(
    extra: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _check(extra, capsys, 'dict(type="ExtraNet", size=1, depth=2)') == []
    assert _check(extra, capsys, 'dict(type="Inherited", width=1, depth=2)') == []
    extra.write(
        "PKG/twice.py",
        """
        from PKG.registry import MODELS
        import PKG.extra


        @MODELS.register_module(name="ExtraNet", force=True)
        class Other:
            def __init__(self, other: int) -> None:
                self.other = other
        """,
    )
    extra.write(
        "configs/twice.py",
        """
        custom_imports = dict(imports=["PKG.twice"])
        model = dict(type="ExtraNet", sise=1)
        """,
    )
    assert run(capsys, "check", "configs/twice.py")[0] == 0


def test_a_module_that_does_not_parse_gives_no_keywords(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text("class Broken:\n    def __init__(self, size) -> None\n")
    index = ProjectIndex([tmp_path], [])
    assert read_keywords(index, "broken.Broken", 0) is None


def test_a_config_built_inside_another_part_is_left_to_its_builder(
    extra: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    # model.backbone is a part of its own, inside model; neck is no part: the Detector that
    # builds them may add, take out or rename keys.
    model = (
        'dict(type="Detector", backbone=dict(type="ExtraNet", sise=1), '
        'neck=dict(type="Plain", x=1))'
    )
    assert _check(extra, capsys, model) == []


def test_a_module_that_registers_unreadable_names_leaves_every_key_unchecked(
    extra: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    extra.write(
        "PKG/dynamic_extra.py",
        """
        import PKG.extra
        from PKG.registry import MODELS


        def name() -> str:
            return "Computed"


        @MODELS.register_module(name=name())
        class Computed:
            pass
        """,
    )
    extra.write(
        "configs/dynamic.py",
        """
        custom_imports = dict(imports=["PKG.dynamic_extra"])
        model = dict(type="ExtraNet", sise=1)
        """,
    )
    assert run(capsys, "check", "configs/dynamic.py")[0] == 0


def test_a_class_of_another_registry_or_built_by_a_custom_build_func_is_left_alone(
    extra: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = (extra.root / "pyproject.toml").read_text()
    extra.write("pyproject.toml", settings + 'built = "PKG.built.BUILT"\n')
    extra.write(
        "PKG/built.py",
        """
        from typing import Any

        from typed_registry import Registry


        def build_renamed(cfg: Any, registry: Any, default_args: Any = None) -> Any:
            return registry.get(cfg["type"])(**{k: v for k, v in cfg.items() if k != "type"})


        BUILT = Registry("built", scope="PKG_built", build_func=build_renamed)
        """,
    )
    extra.write(
        "PKG/elsewhere.py",
        """
        from PKG.built import BUILT
        from PKG.registry import HOOKS


        @HOOKS.register_module()
        class HookOnly:
            def __init__(self, size: int) -> None:
                self.size = size


        @BUILT.register_module()
        class Renamed:
            def __init__(self, size: int) -> None:
                self.size = size
        """,
    )
    extra.write(
        "configs/elsewhere.py",
        """
        custom_imports = dict(imports=["PKG.elsewhere"])
        model = dict(type="HookOnly", sise=1)
        built = dict(type="Renamed", sise=1)
        """,
    )
    assert run(capsys, "check", "configs/elsewhere.py")[:2] == (0, "No problems in 1 config\n")
