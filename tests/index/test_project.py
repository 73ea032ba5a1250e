"""The index of a project (``ProjectIndex``): names resolved across modules, facts, closures.

What importing a generated project registers is checked against the runtime in
``test_agrees_with_runtime``; here are the cases it does not generate: names that resolve
outside the project or through ``*``, Registry subclasses, registrations whose registry
cannot be resolved, invalid registrations, ``ConfigFor`` parameters, namespace packages,
locations (declared in code, packages, missing ones), and files that change under a
long-lived index (``refresh``, ``forget``).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from typed_registry._index import (
    ModuleFacts,
    ProjectIndex,
    Registration,
    RegistrySpec,
    Resolved,
    _project,
)

if TYPE_CHECKING:
    from pathlib import Path

    from .conftest import IndexMaker

REGISTRY = """\
from typed_registry import Registry

MODELS = Registry("models", scope="root", locations=["pkg.models"])
DET = Registry("det", parent=MODELS, scope="det")
"""

# -- resolving names -----------------------------------------------------------------------------


def test_a_name_resolves_through_imports_and_aliases(index: IndexMaker) -> None:
    project = index(
        {
            "pkg/__init__.py": "from .registry import MODELS\n",
            "pkg/registry.py": REGISTRY + "BACKBONES = MODELS\n",
            "app.py": """\
                import pkg
                import pkg.registry as reg
                from pkg import registry, MODELS as M
                LOCAL = reg.BACKBONES
                """,
        }
    )
    for reference in ("pkg.MODELS", "reg.MODELS", "registry.BACKBONES", "M", "LOCAL"):
        resolved = project.resolve("app", reference)
        assert resolved == Resolved("pkg.registry.MODELS", is_module=False, known=True)
    assert project.resolve("app", "reg") == Resolved("pkg.registry", is_module=True, known=True)
    assert project.resolve("app", "pkg.registry") == project.resolve("app", "reg")


def test_a_name_bound_by_star_import_resolves_where_it_is_defined(index: IndexMaker) -> None:
    project = index(
        {
            "pkg/__init__.py": "",
            "pkg/registry.py": REGISTRY,
            "pkg/api.py": "from pkg.registry import *\nfrom os.path import *\n",
            "app.py": "from pkg.api import *\nfrom pkg import api\n",
        }
    )
    expected = Resolved("pkg.registry.MODELS", is_module=False, known=True)
    assert project.resolve("app", "MODELS") == expected  # through two stars
    assert project.resolve("app", "api.DET.name") == Resolved(
        "pkg.registry.DET.name", is_module=False, known=True
    )
    assert project.resolve("app", "join") == Resolved("app.join", is_module=False, known=False)


def test_a_star_import_that_does_not_bind_the_name_is_skipped(index: IndexMaker) -> None:
    project = index(
        {
            "a.py": "from b import *\nfrom c import *\nfrom d import *\n",
            "b.py": "OTHER = 1\n",  # neither binds MODELS nor imports anything with *
            "c.py": "from outside import *\n",  # imports with *, but finds nothing
            "d.py": "from registry import MODELS\n",
            "registry.py": REGISTRY,
        }
    )
    expected = Resolved("registry.MODELS", is_module=False, known=True)
    assert project.resolve("a", "MODELS") == expected


def test_a_name_from_outside_the_project_keeps_its_imported_fullname(index: IndexMaker) -> None:
    project = index({"app.py": "import numpy as np\nfrom torch import nn\n"})
    assert project.resolve("app", "np.linalg.norm") == Resolved(
        "numpy.linalg.norm", is_module=False, known=False
    )
    assert project.resolve("app", "nn.Module") == Resolved(
        "torch.nn.Module", is_module=False, known=False
    )


def test_a_name_no_module_binds_is_unknown(index: IndexMaker) -> None:
    project = index({"app.py": "x = 1\n"})
    assert project.resolve("app", "y") == Resolved("app.y", is_module=False, known=False)
    assert project.resolve("missing", "y") == Resolved("missing.y", is_module=False, known=False)


def test_a_submodule_is_reached_as_an_attribute_of_its_package(index: IndexMaker) -> None:
    project = index({"pkg/__init__.py": "", "pkg/sub.py": "X = 1\n", "app.py": "import pkg\n"})
    assert project.resolve("app", "pkg.sub") == Resolved("pkg.sub", is_module=True, known=True)
    assert project.resolve("app", "pkg.sub.X") == Resolved("pkg.sub.X", is_module=False, known=True)
    assert project.resolve("app", "pkg.nothing") == Resolved(
        "pkg.nothing", is_module=False, known=False
    )


def test_a_submodule_is_reached_through_a_package_that_imports_with_star(
    index: IndexMaker,
) -> None:
    project = index(
        {"pkg/__init__.py": "from numpy import *\n", "pkg/sub.py": "", "app.py": "import pkg\n"}
    )
    assert project.resolve("app", "pkg.sub") == Resolved("pkg.sub", is_module=True, known=True)
    assert project.resolve("app", "pkg.array") == Resolved(
        "pkg.array", is_module=False, known=False
    )


def test_a_member_of_a_variable_is_not_looked_up(index: IndexMaker) -> None:
    project = index({"app.py": "x = 1\n"})
    assert project.resolve("app", "x.real") == Resolved("app.x.real", is_module=False, known=True)


def test_aliases_that_go_round_in_a_circle_end_as_unknown(index: IndexMaker) -> None:
    project = index({"app.py": "A = B\nB = A\n"})
    assert project.resolve("app", "A").known is False


def test_a_namespace_package_is_a_module_of_the_project(index: IndexMaker) -> None:
    project = index({"ns/registry.py": REGISTRY, "app.py": "from ns import registry\n"})
    assert project.resolve("app", "registry.MODELS") == Resolved(
        "ns.registry.MODELS", is_module=False, known=True
    )
    source = project.source("ns")
    assert source is not None
    assert source.is_package is True
    assert source.bindings == {}


def test_a_module_outside_the_roots_has_no_source(index: IndexMaker) -> None:
    project = index({"app.py": ""})
    assert project.source("typed_registry") is None
    assert project.module("typed_registry") is None


# -- registries ------------------------------------------------------------------------------------


def test_registry_classes_are_registry_and_its_project_subclasses(index: IndexMaker) -> None:
    project = index(
        {
            "regs.py": """\
                import typed_registry._registry as impl
                from typed_registry import Registry
                from torch import Module

                class Base(Registry):
                    pass

                class Derived(Base):
                    pass

                class Private(impl.Registry):
                    pass

                class Other(Module):
                    pass

                helper = 1
                """,
        }
    )
    for name in ("Registry", "Base", "Derived", "Private", "impl.Registry"):
        assert project.is_registry_class(project.resolve("regs", name)), name
    for name in ("Other", "Module", "helper", "impl", "Missing"):
        assert not project.is_registry_class(project.resolve("regs", name)), name
    assert not project.is_registry_class(Resolved("nowhere.Registry", False, known=True))


def test_classes_whose_bases_go_round_in_a_circle_are_not_registries(index: IndexMaker) -> None:
    project = index({"regs.py": "class A(B):\n    pass\n\nclass B(A):\n    pass\n"})
    assert not project.is_registry_class(project.resolve("regs", "A"))


def test_registries_are_read_with_their_parent_and_locations(index: IndexMaker) -> None:
    project = index({"pkg/__init__.py": "", "pkg/registry.py": REGISTRY})
    indexed = project.module("pkg.registry")
    assert indexed is not None
    assert indexed.facts.registries == (
        RegistrySpec("pkg.registry.MODELS", "models", "root", None, ("pkg.models",), None, 3),
        RegistrySpec("pkg.registry.DET", "det", "det", "pkg.registry.MODELS", (), None, 4),
    )


def test_a_child_of_a_registry_elsewhere_names_its_parent_by_fullname(index: IndexMaker) -> None:
    project = index(
        {
            "pkg/__init__.py": "",
            "pkg/registry.py": REGISTRY,
            "ext/__init__.py": "",
            "ext/registry.py": """\
                from typed_registry import Registry, build_from_cfg
                from pkg import registry
                from mmengine.registry import MODELS as MM

                MODELS = Registry("models", build_from_cfg, parent=registry.MODELS)
                OUTSIDE = Registry("models", parent=MM, scope="outside")
                COMPUTED = Registry("models", parent=pick(), scope="computed", build_func=f)
                """,
        }
    )
    indexed = project.module("ext.registry")
    assert indexed is not None
    assert [(s.var, s.scope, s.parent, s.build_func) for s in indexed.facts.registries] == [
        ("ext.registry.MODELS", "ext", "pkg.registry.MODELS", "default"),
        ("ext.registry.OUTSIDE", "outside", "?", None),
        ("ext.registry.COMPUTED", "computed", "?", "custom"),
    ]


def test_a_registry_subclass_with_its_own_init_is_a_registry_nothing_is_known_of(
    index: IndexMaker,
) -> None:
    project = index(
        {
            "regs.py": """\
                from typed_registry import Registry

                class Custom(Registry):
                    def __init__(self, tag):
                        super().__init__(tag, scope=tag)

                class FromCustom(Custom):
                    pass

                class Plain(Registry):
                    pass

                A = Custom("a")
                B = FromCustom("b")
                C = Plain("c", scope="c")
                """,
        }
    )
    indexed = project.module("regs")
    assert indexed is not None
    assert indexed.facts.registries == (
        RegistrySpec("regs.A", "?", None, "?", (), "custom", 13),
        RegistrySpec("regs.B", "?", None, "?", (), "custom", 14),
        RegistrySpec("regs.C", "c", "c", None, (), None, 15),
    )


def test_a_registry_subclass_with_a_base_the_index_cannot_read_takes_the_registry_arguments(
    index: IndexMaker,
) -> None:
    project = index(
        {
            "regs.py": """\
                from typed_registry import Registry
                from torch import nn

                class Mixins:
                    class Tracing:
                        def __init__(self): ...

                class Traced(Registry, Mixins.Tracing, nn.Module):
                    pass

                MODELS = Traced("models", scope="traced")
                """,
        }
    )
    indexed = project.module("regs")
    assert indexed is not None
    assert indexed.facts.registries == (
        RegistrySpec("regs.MODELS", "models", "traced", None, (), None, 11),
    )


def test_a_call_of_a_class_that_is_not_a_registry_creates_no_registry(index: IndexMaker) -> None:
    project = index({"app.py": "from collections import OrderedDict\nX = OrderedDict()\n"})
    indexed = project.module("app")
    assert indexed is not None
    assert indexed.facts == ModuleFacts()
    assert not indexed.facts


def test_a_registry_variable_is_found_through_aliases(index: IndexMaker) -> None:
    project = index(
        {
            "pkg/__init__.py": "from .registry import MODELS\n",
            "pkg/registry.py": REGISTRY,
            "pkg/aliases.py": """\
                import pkg
                from typed_registry import Registry
                from pkg import MODELS, registry

                BACKBONES = MODELS
                HEADS: Registry[object] = registry.DET
                CHAINED: Registry[object] = HEADS
                OUTSIDE: Registry[object] = mmengine.MODELS
                NUMBER: int = 3
                PLAIN = 3
                """,
        }
    )
    assert project.registry_var("pkg.aliases.BACKBONES") == "pkg.registry.MODELS"
    assert project.registry_var("pkg.aliases.HEADS") == "pkg.registry.DET"
    assert project.registry_var("pkg.aliases.CHAINED") == "pkg.registry.DET"
    assert project.registry_var("pkg.MODELS") == "pkg.registry.MODELS"
    assert project.registry_var("pkg.aliases.Registry") is None  # defined outside the project
    assert project.registry_var("pkg.aliases.pkg") is None  # a module
    for fullname in (
        "pkg.aliases.OUTSIDE",
        "pkg.aliases.NUMBER",
        "pkg.aliases.PLAIN",
        "pkg.aliases.MISSING",
        "pkg.missing.MODELS",
        "MODELS",
        "numpy.MODELS",
    ):
        assert project.registry_var(fullname) is None, fullname


def test_annotated_aliases_that_go_round_in_a_circle_are_no_registry(index: IndexMaker) -> None:
    project = index({"app.py": "A: R = B\nB: R = A\n"})
    assert project.registry_var("app.A") is None


# -- one module's facts -------------------------------------------------------------------------


def test_registrations_are_resolved_to_fullnames(index: IndexMaker) -> None:
    project = index(
        {
            "pkg/__init__.py": "",
            "pkg/registry.py": REGISTRY,
            "pkg/impl.py": "class Impl:\n    pass\n",
            "pkg/models.py": """\
                import pkg
                from pkg.registry import MODELS
                from pkg import impl

                if flag:
                    MODELS.register_module(name="impl", module=impl.Impl, force=True)
                MODELS.register_module(module=impl)
                MODELS.register_module(name="made", module=impl.make())
                """,
        }
    )
    indexed = project.module("pkg.models")
    assert indexed is not None
    assert indexed.facts.registrations == (
        Registration(
            "pkg.registry.MODELS", ("impl",), True, "pkg.impl.Impl", "pkg.models", 6, ("5:0",)
        ),
        # A module registered: what it holds is no class or function of the project.
        Registration("pkg.registry.MODELS", ("impl",), False, None, "pkg.models", 7),
        # Something computed: its name is known, not what it is.
        Registration("pkg.registry.MODELS", ("made",), False, None, "pkg.models", 8),
    )
    assert project.module("pkg.models") is indexed  # read once


def test_registrations_into_what_is_not_a_known_registry_are_left_out(index: IndexMaker) -> None:
    project = index(
        {
            "app.py": """\
                from mmengine.registry import MODELS
                import helpers

                @MODELS.register_module()
                class A:
                    pass

                helpers.TABLE.register_module(module=A)

                def later():
                    MODELS.register_module(module=A)
                """,
            "helpers.py": "TABLE = {}\n",
        }
    )
    indexed = project.module("app")
    assert indexed is not None
    assert indexed.facts.registrations == ()
    assert indexed.dynamic == ()


def test_a_registration_the_reader_cannot_list_opens_the_canonical_registry(
    index: IndexMaker,
) -> None:
    project = index(
        {
            "registry.py": REGISTRY + "BACKBONES = MODELS\n",
            "app.py": """\
                from registry import BACKBONES

                def register(cls):
                    BACKBONES.register_module(module=cls)
                """,
        }
    )
    indexed = project.module("app")
    assert indexed is not None
    assert indexed.dynamic == (("registry.MODELS", 4),)


def test_a_module_registering_into_its_own_registry_uses_its_fullname(index: IndexMaker) -> None:
    project = index(
        {
            "app.py": """\
                from typed_registry import Registry

                LOCAL = Registry("local", scope="app")
                LOCAL.register_module(name="x", module=print)

                def later():
                    LOCAL.register_module(module=print)
                """,
        }
    )
    indexed = project.module("app")
    assert indexed is not None
    (registration,) = indexed.facts.registrations
    assert (registration.registry, registration.target) == ("app.LOCAL", "app.print")
    assert indexed.dynamic == (("app.LOCAL", 7),)


def test_invalid_registrations_are_reported_with_their_line(index: IndexMaker) -> None:
    project = index(
        {
            "registry.py": REGISTRY,
            "app.py": """\
                from registry import MODELS

                class A:
                    pass

                MODELS.register_module(name="det.A", module=A)
                MODELS.register_module(name=["A", "A"], module=A)
                MODELS.register_module(module=A, force="yes")
                MODELS.register_module(module=A)
                OUTSIDE.register_module(name="a.b", module=A)
                """,
        }
    )
    indexed = project.module("app")
    assert indexed is not None
    assert indexed.invalid == (
        (6, "name 'det.A' is empty or has a '.', so it could never be looked up"),
        (7, "name 'A' is given twice in one registration"),
        (8, "force must be a boolean, not str"),
    )


def test_config_for_parameters_name_their_registry_by_fullname(index: IndexMaker) -> None:
    project = index(
        {
            "registry.py": REGISTRY + "ALIAS = DET\n",
            "app.py": """\
                from typing import Annotated
                import registry
                from typed_registry import ConfigFor

                class Detector:
                    def __init__(
                        self,
                        backbone: Annotated[dict, ConfigFor(registry.MODELS)],
                        head: "Annotated[dict, ConfigFor(registry.ALIAS)] | None" = None,
                        other: Annotated[dict, ConfigFor(registry.MISSING)] = None,
                    ) -> None: ...

                def build(cfg: Annotated[dict, ConfigFor(unknown.MODELS)]) -> None: ...
                """,
        }
    )
    indexed = project.module("app")
    assert indexed is not None
    assert indexed.config_params == {
        "app.Detector": {"backbone": "registry.MODELS", "head": "registry.DET"}
    }


@pytest.mark.parametrize("first", ["a", "b"])
def test_modules_registering_into_each_other_registries_index_alike_in_any_order(
    index: IndexMaker, first: str
) -> None:
    project = index(
        {
            "a.py": """\
                from typed_registry import Registry
                REG_A = Registry("a", scope="a")
                import b
                b.REG_B.register_module(name="x", module=print)
                """,
            "b.py": """\
                from typed_registry import Registry
                REG_B = Registry("b", scope="b")
                import a
                a.REG_A.register_module(name="y", module=print)
                """,
        }
    )
    project.module(first)
    registrations = {
        name: [(r.registry, r.names) for r in indexed.facts.registrations]
        for name in ("a", "b")
        if (indexed := project.module(name)) is not None
    }
    assert registrations == {"a": [("b.REG_B", ("x",))], "b": [("a.REG_A", ("y",))]}


def test_modules_that_import_each_other_are_indexed(index: IndexMaker) -> None:
    project = index(
        {
            "registry.py": REGISTRY,
            "a.py": "from b import *\nimport registry\nregistry.MODELS.register_module(module=B)\n",
            "b.py": "from a import *\nclass B:\n    pass\n",
        }
    )
    indexed = project.module("a")
    assert indexed is not None
    assert [r.target for r in indexed.facts.registrations] == ["b.B"]


def test_the_list_of_modules_leaves_out_those_outside_the_project(index: IndexMaker) -> None:
    project = index({"a.py": "", "b.py": ""})
    assert [m.facts for m in project.modules(["a", "numpy", "b"])] == [ModuleFacts()] * 2


# -- what runs -----------------------------------------------------------------------------------


def test_the_closure_of_a_module_is_what_running_it_imports_in_order(index: IndexMaker) -> None:
    project = index(
        {
            "pkg/__init__.py": "from . import b\n",
            "pkg/a.py": "import os\nfrom pkg import c, d\nimport pkg.b\n",
            "pkg/b.py": "from .a import *\n",
            "pkg/c.py": "import pkg.a\n",
            "app.py": "import pkg.a\nfrom pkg import nothing\n",
        }
    )
    # pkg runs first; it imports b, which imports a, which imports c (a is not run again)
    # and d is no module; then app.
    assert project.closure("app") == ("pkg.c", "pkg.a", "pkg.b", "pkg", "app")
    assert project.closure("app") is project.closure("app")  # computed once
    assert project.closure("pkg.c") == ("pkg.c", "pkg.a", "pkg.b", "pkg")


def test_a_run_lists_the_registrations_in_the_order_they_run(index: IndexMaker) -> None:
    project = index(
        {
            "registry.py": REGISTRY,
            "a.py": """\
                from registry import MODELS
                from mmengine import MODELS as OUTSIDE
                MODELS.register_module(name="first", module=print)
                OUTSIDE.register_module(name="elsewhere", module=print)
                import b
                MODELS.register_module(name="third", module=print)
                """,
            "b.py": "from registry import DET\nDET.register_module(name='second', module=print)\n",
        }
    )
    run = project.run("a")
    assert run.modules == ("registry", "b", "a")
    assert [(r.names, r.module) for r in run.registrations] == [
        (("first",), "a"),
        (("second",), "b"),
        (("third",), "a"),
    ]
    assert project.run("a") is run  # computed once


def test_the_closure_stops_at_modules_outside_the_project(index: IndexMaker) -> None:
    project = index({"app.py": "import numpy.linalg\nimport ns.mod\n", "ns/mod.py": ""})
    assert project.closure("app") == ("ns", "ns.mod", "app")
    assert project.closure("numpy.linalg") == ()


def test_the_location_closure_follows_locations_declared_in_code(index: IndexMaker) -> None:
    project = index(
        {
            "pkg/__init__.py": "",
            "pkg/registry.py": REGISTRY,
            "pkg/models.py": """\
                from typed_registry import Registry
                from pkg.registry import MODELS

                OPS = Registry("ops", scope="ops", locations=["pkg.ops", "pkg.models"])
                """,
            "pkg/ops.py": "",
            "pkg/unused.py": "",
        },
        ["pkg.registry"],
    )
    assert project.location_closure() == ("pkg", "pkg.registry", "pkg.models", "pkg.ops")
    assert project.location_closure() is project.location_closure()  # computed once


def test_extra_locations_run_after_the_settings_ones_in_their_order(index: IndexMaker) -> None:
    # As the runtime imports a registry's locations: in the order given (a registration
    # forced in the second location wins over one in the first).
    project = index(
        {"a.py": "", "b.py": "", "c.py": "", "d.py": "import c\n"},
        ["b"],
    )
    assert project.location_closure(["d", "a", "b"]) == ("b", "c", "d", "a")
    assert project.location_closure(["a", "d", "a"]) == ("b", "a", "c", "d")
    assert project.location_closure() == ("b",)
    assert project.location_run(["a", "d"]) is project.location_run(["a", "d", "b"])


def test_a_package_location_counts_every_module_under_it(index: IndexMaker) -> None:
    project = index(
        {
            "pkg/__init__.py": "",
            "pkg/models/__init__.py": "from . import resnet\n",
            "pkg/models/vit.py": "",
            "pkg/models/resnet.py": "",
            "pkg/models/heads/__init__.py": "",
            "pkg/models/heads/det.py": "",
            "pkg/models/not-a-module.py": "",
            "pkg/models/data/notes.txt": "",
            "pkg/datasets/coco.py": "",  # in a namespace package
        },
        ["pkg.models", "pkg.datasets", "pkg.missing", "pkg.models.vit"],
    )
    assert project.location_modules() == (
        "pkg.models",
        "pkg.models.heads",
        "pkg.models.heads.det",
        "pkg.models.resnet",
        "pkg.models.vit",
        "pkg.datasets",
        "pkg.datasets.coco",
    )
    # Each location runs as an import does: its packages first, then its own imports.
    assert project.location_closure() == (
        "pkg",
        "pkg.models.resnet",
        "pkg.models",
        "pkg.models.heads",
        "pkg.models.heads.det",
        "pkg.models.vit",
        "pkg.datasets",
        "pkg.datasets.coco",
    )


def test_a_package_location_is_searched_in_the_root_that_has_it(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    (first / "other").mkdir(parents=True)
    (second / "pkg").mkdir(parents=True)
    (second / "pkg" / "__init__.py").write_text("")
    (second / "pkg" / "mod.py").write_text("")
    project = ProjectIndex([first, second], ["pkg"])
    assert project.location_modules() == ("pkg", "pkg.mod")


def test_a_location_declared_outside_the_project_adds_nothing(index: IndexMaker) -> None:
    project = index(
        {"registry.py": REGISTRY.replace('"pkg.models"', '"outside.models"')},
        ["registry"],
    )
    assert project.location_closure() == ("registry",)


# -- files that change -----------------------------------------------------------------------------


def _touch(path: Path, text: str) -> None:
    """Write ``text`` and move the modification time on (filesystems with coarse clocks)."""
    stat = path.stat()
    path.write_text(text)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))


def test_a_watching_index_reads_a_changed_file_again(index: IndexMaker, tmp_path: Path) -> None:
    project = index({"registry.py": REGISTRY, "app.py": "import registry\n"})
    assert project.closure("app") == ("registry", "app")
    generation = project.generation
    _touch(tmp_path / "project" / "app.py", "import registry\nimport other\n")
    (tmp_path / "project" / "other.py").write_text("")
    assert project.source("app") is not None  # what was read holds until a refresh
    assert project.generation == generation
    project.refresh()
    source = project.source("app")
    assert source is not None
    assert source.events == [["import", "registry"], ["import", "other"]]
    assert project.generation == generation + 1
    assert project.closure("app") == ("registry", "other", "app")


def test_an_index_that_does_not_watch_keeps_what_it_read(index: IndexMaker, tmp_path: Path) -> None:
    project = index({"app.py": "A = 1\n"})
    first = project.source("app")
    _touch(tmp_path / "project" / "app.py", "B = 1\n")
    assert project.source("app") is first


def test_a_watching_index_notices_a_file_that_appears(index: IndexMaker, tmp_path: Path) -> None:
    project = index({"app.py": ""})
    assert project.source("later") is None
    (tmp_path / "project" / "later.py").write_text("X = 1\n")
    project.refresh()
    source = project.source("later")
    assert source is not None
    assert source.bindings == {"X": ["def"]}


def test_a_watching_index_notices_a_file_that_disappears(index: IndexMaker, tmp_path: Path) -> None:
    project = index({"app.py": "", "gone.py": ""})
    assert project.source("gone") is not None
    (tmp_path / "project" / "gone.py").unlink()
    project.refresh()
    assert project.source("gone") is None


def test_a_watching_index_keeps_a_namespace_package(index: IndexMaker) -> None:
    project = index({"ns/mod.py": ""})
    first = project.source("ns")
    assert project.source("ns") is first


def test_refresh_keeps_what_was_derived_when_a_changed_file_reads_to_the_same_facts(
    index: IndexMaker, tmp_path: Path
) -> None:
    project = index({"registry.py": REGISTRY, "app.py": "import registry\n"})
    indexed = project.module("registry")
    project.refresh()  # nothing changed
    assert project.module("registry") is indexed
    assert project.generation == 0
    _touch(tmp_path / "project" / "registry.py", REGISTRY + "\n")  # a blank line at the end
    project.refresh()
    assert project.generation == 0
    assert project.module("registry") is indexed
    project.refresh()  # the new size and time are the ones compared now
    assert project.generation == 0


def test_refresh_forgets_everything_when_a_changed_file_reads_to_other_facts(
    index: IndexMaker, tmp_path: Path
) -> None:
    project = index({"registry.py": REGISTRY, "app.py": "import registry\n"})
    indexed = project.module("registry")
    _touch(tmp_path / "project" / "registry.py", "\n" + REGISTRY)  # every line moves down
    project.refresh()
    assert project.generation == 1
    assert project.module("registry") is not indexed


def test_forget_drops_what_was_read(index: IndexMaker) -> None:
    project = index({"registry.py": REGISTRY}, ["registry"])
    closure, location_closure = project.closure("registry"), project.location_closure()
    source, indexed = project.source("registry"), project.module("registry")
    project.forget()
    assert project.generation == 1
    assert project.source("registry") is source  # the same content: read from the file cache
    assert project.module("registry") is not indexed
    assert project.closure("registry") is not closure
    assert project.location_closure() is not location_closure


def test_a_file_that_vanishes_before_its_stamp_is_taken_has_none(
    index: IndexMaker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = index({"app.py": ""})
    vanished = tmp_path / "project" / "vanished.py"
    monkeypatch.setattr(
        _project, "module_file", lambda roots, module, installed=(): (vanished, False)
    )
    assert project._stamp("app") is None


def test_refresh_forgets_everything_when_a_file_read_is_gone(
    index: IndexMaker, tmp_path: Path
) -> None:
    project = index({"registry.py": REGISTRY, "app.py": "import registry\n"})
    project.module("registry")
    (tmp_path / "project" / "registry.py").unlink()
    project.refresh()
    assert project.generation == 1
    assert project.module("registry") is None
