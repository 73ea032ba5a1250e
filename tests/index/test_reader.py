"""Reading one module's source (``read_module``): what the property test does not reach.

The forms that register at import, and their agreement with the runtime, are the subject of
``test_agrees_with_runtime``; here: the JSON form of what was read, broken sources, imports
(relative, beyond the top, ``*``), registry calls written in unusual ways, registrations the
reader cannot list (which open their registry), invalid registrations, ``ConfigFor``
annotations, the names used in configs and ``default_scope`` blocks.
"""

from __future__ import annotations

import json
import textwrap

import pytest

from typed_registry._index._reader import ModuleSource, RawRegistration, read_module


def read(source: str, module: str = "pkg.mod", *, is_package: bool = False) -> ModuleSource:
    return read_module(textwrap.dedent(source), module, is_package=is_package)


def only_registration(source: str) -> RawRegistration:
    (registration,) = read(source).registrations
    return registration


# -- the JSON form -------------------------------------------------------------------------------

EVERYTHING = """
import os.path
from typed_registry import Registry, ConfigFor, build_from_cfg
from .sibling import *
from typing import Annotated

MODELS = Registry("models", build_from_cfg, locations=["pkg.models"])
DET = Registry("det", parent=MODELS, scope="det")

class Sub(Registry):
    def __init__(self) -> None: ...

if True:
    @MODELS.register_module(name=["A", "a"], force=True)
    class A:
        def __init__(self, backbone: Annotated[dict, ConfigFor(MODELS)]) -> None: ...
else:
    MODELS.register_module(name="A.b", module=A)

def register():
    DET.register_module(module=A)

with default_scope("det"):
    MODELS.build(dict(type="A"))
"""


def test_what_was_read_survives_its_json_form() -> None:
    source = read(EVERYTHING)
    # Every field holds something (but the syntax error of a source that parses), so the
    # round trip below proves each one.
    fields = {name: value for name, value in vars(source).items() if name != "syntax_error"}
    assert all(value not in ([], {}) for value in fields.values())
    stored = json.loads(json.dumps(source.to_json()))  # as the cache holds it
    assert ModuleSource.from_json(stored) == source


def test_a_syntax_error_survives_the_json_form() -> None:
    source = read("MODELS = Registry(\n")
    assert source.syntax_error == [1, "'(' was never closed"]
    assert ModuleSource.from_json(json.loads(json.dumps(source.to_json()))) == source


def test_an_empty_module_survives_its_json_form() -> None:
    source = read("")
    assert source == ModuleSource("pkg.mod", is_package=False)
    assert ModuleSource.from_json(json.loads(json.dumps(source.to_json()))) == source


# -- sources that do not parse -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "error"),
    [
        pytest.param("x = 1\n\nMODELS = Registry(\n", [3, "'(' was never closed"], id="syntax"),
        pytest.param("x = 1\0\n", [1, "source code string cannot contain null bytes"], id="null"),
    ],
)
def test_a_source_that_does_not_parse_reads_as_an_empty_module_with_its_error(
    source: str, error: list[object]
) -> None:
    assert read_module(source, "pkg.mod", is_package=True) == ModuleSource(
        "pkg.mod", True, syntax_error=error
    )


# -- imports -----------------------------------------------------------------------------------


def test_import_binds_the_top_package_and_import_as_binds_the_module() -> None:
    source = read(
        """
        import a.b.c
        import x.y as z
        import a
        """
    )
    assert source.bindings == {"a": ["module", "a"], "z": ["module", "x.y"]}
    assert source.events == [["import", "a.b.c"], ["import", "x.y"], ["import", "a"]]


def test_from_import_binds_each_name_and_may_import_a_submodule() -> None:
    source = read("from a.b import c as d, e")
    assert source.bindings == {"d": ["from", "a.b", "c"], "e": ["from", "a.b", "e"]}
    assert source.events == [["import", "a.b"], ["import?", "a.b.c"], ["import?", "a.b.e"]]


@pytest.mark.parametrize(
    ("module", "is_package", "statement", "base"),
    [
        pytest.param("pkg.sub.mod", False, "from . import x", "pkg.sub", id="module-level-1"),
        pytest.param("pkg.sub.mod", False, "from .. import x", "pkg", id="module-level-2"),
        pytest.param("pkg.sub.mod", False, "from ..other import x", "pkg.other", id="sibling"),
        pytest.param("pkg.sub", True, "from . import x", "pkg.sub", id="package-level-1"),
        pytest.param("pkg.sub", True, "from .. import x", "pkg", id="package-level-2"),
        pytest.param("pkg.sub", True, "from ...top import x", "top", id="to-the-root"),
    ],
)
def test_a_relative_import_counts_from_the_module_package(
    module: str, is_package: bool, statement: str, base: str
) -> None:
    source = read_module(statement, module, is_package=is_package)
    assert source.bindings == {"x": ["from", base, "x"]}
    assert source.events[0] == ["import", base]


@pytest.mark.parametrize(
    ("module", "is_package", "statement"),
    [
        pytest.param("pkg.mod", False, "from ... import x", id="beyond-the-top"),
        pytest.param("pkg.mod", False, "from .. import x", id="the-root-itself"),
        pytest.param("pkg", True, "from .. import x", id="from-a-top-package"),
        pytest.param("mod", False, "from . import x", id="from-a-top-module"),
    ],
)
def test_a_relative_import_beyond_the_top_package_binds_nothing(
    module: str, is_package: bool, statement: str
) -> None:
    source = read_module(statement, module, is_package=is_package)
    assert source.bindings == {}
    assert source.events == []


def test_a_relative_import_of_a_module_from_the_top_package_directory_is_absolute() -> None:
    source = read_module("from ..x import y", "pkg.mod", is_package=False)
    assert source.bindings == {"y": ["from", "x", "y"]}


def test_a_star_import_is_kept_for_name_lookups() -> None:
    source = read("from pkg.registry import *")
    assert source.star_imports == ["pkg.registry"]
    assert source.bindings == {}
    assert source.events == [["import", "pkg.registry"]]


# -- names bound -----------------------------------------------------------------------------------


def test_assignments_bind_names_and_aliases() -> None:
    source = read(
        """
        BACKBONES = MODELS
        HEADS: Registry[Head] = reg.MODELS
        declared: int
        a = b = MODELS
        number = 3
        """
    )
    assert source.bindings == {
        "BACKBONES": ["alias", "MODELS"],
        "HEADS": ["annotated", "reg.MODELS"],
        "declared": ["def"],
        "a": ["def"],
        "b": ["def"],
        "number": ["def"],
    }


def test_classes_record_their_bases_and_whether_they_define_init() -> None:
    source = read(
        """
        class Plain:
            pass

        class Sub(reg.Registry[T], Generic[T], make_base()):
            def __init__(self) -> None: ...
        """
    )
    assert source.bases == {"Plain": [], "Sub": ["reg.Registry", "Generic"]}
    assert source.constructors == ["Sub"]


# -- registries created ----------------------------------------------------------------------------


def test_a_registry_call_keeps_its_literal_arguments() -> None:
    (raw,) = read(
        'MODELS = Registry("models", None, ROOT, "det", ["pkg.a", "pkg.b"])', "pkg.registry"
    ).registries
    assert raw.var == "MODELS"
    assert raw.callee == "Registry"
    assert (raw.name, raw.scope, raw.scope_given) == ("models", "det", True)
    assert (raw.parent, raw.locations, raw.build_func) == ("ROOT", ("pkg.a", "pkg.b"), None)
    assert raw.line == 1


@pytest.mark.parametrize(
    ("call", "scope", "given"),
    [
        pytest.param('Registry("m")', "top", False, id="omitted"),
        pytest.param('Registry("m", scope=None)', "top", False, id="none"),
        pytest.param('Registry("m", scope="s")', "s", True, id="literal"),
        pytest.param('Registry("m", scope=SCOPE)', None, True, id="not-a-literal"),
    ],
)
def test_a_registry_scope_is_inferred_from_the_top_package_or_read(
    call: str, scope: str | None, given: bool
) -> None:
    (raw,) = read_module(f"R = {call}", "top.sub.registry", is_package=False).registries
    assert (raw.scope, raw.scope_given) == (scope, given)


@pytest.mark.parametrize(
    ("argument", "kind"),
    [
        pytest.param("", None, id="omitted"),
        pytest.param(", build_func=None", None, id="none"),
        pytest.param(", build_func=build_from_cfg", "default", id="default"),
        pytest.param(", build_func=tools.build_model", "custom:tools.build_model", id="custom"),
        pytest.param(", build_func=lambda cfg, registry: 0", "custom:?", id="lambda"),
    ],
)
def test_a_registry_build_func_is_read_as_default_or_custom(
    argument: str, kind: str | None
) -> None:
    (raw,) = read(f'R = Registry("m"{argument})').registries
    assert raw.build_func == kind


def test_a_registry_with_arguments_that_are_not_literals_is_read_with_placeholders() -> None:
    (raw,) = read("R = Registry(NAME, parent=parents[0], locations=LOCATIONS)").registries
    assert (raw.name, raw.parent, raw.locations) == ("?", "?", ())


def test_a_subscripted_registry_class_is_a_registry_call() -> None:
    (raw,) = read('R = typed_registry.Registry[Model]("models")').registries
    assert raw.callee == "typed_registry.Registry"


@pytest.mark.parametrize(
    "assignment",
    [
        pytest.param("r = make_registry('m')", id="lowercase-callee"),
        pytest.param("r = factories[0]('m')", id="callee-not-a-reference"),
        pytest.param("R = Registry", id="not-a-call"),
    ],
)
def test_other_calls_are_not_registries(assignment: str) -> None:
    assert read(assignment).registries == []


# -- registrations ---------------------------------------------------------------------------------


def test_a_registration_records_its_names_force_target_line_and_branch() -> None:
    source = read(
        """
        try:
            pass
        except ImportError:
            if flag:
                pass
            else:
                reg.MODELS.register_module(["A", "a"], True, module=impl.A)
        """
    )
    (registration,) = source.registrations
    assert registration == RawRegistration(
        registry="reg.MODELS",
        names=("A", "a"),
        force=True,
        target="impl.A",
        line=8,
        branch=("2:except0", "5:1"),
        undecorated=False,
    )
    assert source.events == [["register", 0]]


def test_a_try_else_runs_with_its_body_and_finally_with_either() -> None:
    source = read(
        """
        try:
            MODELS.register_module(module=A)
        except ImportError:
            MODELS.register_module(module=B)
        else:
            MODELS.register_module(module=C)
        finally:
            MODELS.register_module(module=D)
        """
    )
    branches = {r.target: r.branch for r in source.registrations}
    assert branches == {"A": ("2:body",), "B": ("2:except0",), "C": ("2:body",), "D": ()}


@pytest.mark.parametrize(
    ("force", "forced"),
    [
        pytest.param("", False, id="omitted"),
        pytest.param(", force=False", False, id="false"),
        pytest.param(", force=True", True, id="true"),
        pytest.param(", force=FORCE", True, id="not-a-literal"),
    ],
)
def test_force_counts_unless_it_is_false(force: str, forced: bool) -> None:
    assert only_registration(f"MODELS.register_module(module=A{force})").force is forced


@pytest.mark.parametrize(
    ("name", "names"),
    [
        pytest.param("", ("A",), id="omitted"),
        pytest.param("name=None, ", ("A",), id="none"),
        pytest.param("name='x', ", ("x",), id="string"),
        pytest.param("name=('x', 'y'), ", ("x", "y"), id="tuple"),
        pytest.param("name=NAMES, ", None, id="not-a-literal"),
        pytest.param("name=['x', NAME], ", None, id="list-not-all-literals"),
    ],
)
def test_the_names_of_a_registration_are_literal_or_unknown(
    name: str, names: tuple[str, ...] | None
) -> None:
    assert only_registration(f"MODELS.register_module({name}module=pkg.A)").names == names


def test_an_object_without_a_name_registers_unknown_names() -> None:
    registration = only_registration("MODELS.register_module(module=make())")
    assert (registration.names, registration.target) == (None, None)


def test_arguments_after_a_star_argument_are_read_by_keyword_only() -> None:
    registration = only_registration("MODELS.register_module(*args, module=A, **options)")
    assert registration.names == ("A",)
    assert registration.force is False


def test_a_registration_in_a_with_block_runs_at_module_level() -> None:
    registration = only_registration(
        """
        with lock:
            MODELS.register_module()(A)
        """
    )
    assert (registration.names, registration.branch) == (("A",), ())


def test_a_dropped_decorator_factory_registers_nothing() -> None:
    source = read("MODELS.register_module(name='x')")
    assert (source.registrations, source.dynamic) == ([], [])


def test_stacked_decorators_register_in_the_order_they_run() -> None:
    source = read(
        """
        @MODELS.register_module(name="outer")
        @describe
        @MODELS.register_module(name="middle")
        @MODELS.register_module(name="inner")
        def build():
            pass
        """
    )
    # Bottom-up; a function is registered as defined by the innermost decorator and as the
    # name finally holds by the outermost; in between, as something no checker can type.
    assert [(r.names, r.target, r.undecorated) for r in source.registrations] == [
        (("inner",), "build", True),
        (("middle",), None, False),
        (("outer",), "build", False),
    ]


def test_a_decorated_class_is_registered_as_defined() -> None:
    source = read(
        """
        @dataclass
        @MODELS.register_module()
        @other.decorate()
        class A:
            pass
        """
    )
    assert [(r.names, r.target, r.undecorated) for r in source.registrations] == [
        (("A",), "A", False)
    ]


def test_a_loop_over_a_literal_registers_each_item() -> None:
    source = read(
        """
        for cls in [impl.A, B]:
            MODELS.register_module(module=cls, force=True)
        """
    )
    assert [(r.names, r.target, r.force) for r in source.registrations] == [
        (("A",), "impl.A", True),
        (("B",), "B", True),
    ]
    assert source.dynamic == []


def test_a_name_taken_from_the_loop_variable_is_unknown() -> None:
    registration = only_registration(
        """
        for name in (A, B):
            MODELS.register_module(name=name, module=C)
        """
    )
    assert registration.names is None


@pytest.mark.parametrize(
    "loop",
    [
        pytest.param("for cls in CLASSES:", id="not-a-literal"),
        pytest.param("for cls in (A, make()):", id="an-item-not-a-reference"),
        pytest.param("for name, cls in (('a', A), ('b', B)):", id="pairs"),
    ],
)
def test_a_loop_the_reader_cannot_list_makes_its_registry_open(loop: str) -> None:
    source = read(f"{loop}\n    reg.MODELS.register_module(module=cls)\n")
    assert source.registrations == []
    assert source.dynamic == [("reg.MODELS", 2)]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("def setup():\n    MODELS.register_module(module=A)\n", id="function"),
        pytest.param("setup = lambda: MODELS.register_module(module=A)\n", id="lambda"),
        pytest.param("[MODELS.register_module(module=c) for c in (A, B)]\n", id="comprehension"),
        pytest.param("print(MODELS.register_module(module=A))\n", id="argument"),
        pytest.param("class Holder:\n    MODELS.register_module(module=A)\n", id="class-body"),
        pytest.param("while more():\n    MODELS.register_module(module=A)\n", id="while"),
        pytest.param("deco = MODELS.register_module()\n", id="kept-decorator"),
        pytest.param("register = MODELS.register_module\nregister(module=A)\n", id="method-taken"),
        pytest.param(
            "class Base:\n"
            "    def __init_subclass__(cls):\n"
            "        MODELS.register_module(module=cls)\n",
            id="init-subclass",
        ),
    ],
)
def test_a_registration_the_reader_cannot_list_makes_its_registry_open(source: str) -> None:
    read_source = read(source)
    assert read_source.registrations == []
    assert [registry for registry, _ in read_source.dynamic] == ["MODELS"]


def test_a_call_on_something_that_is_not_a_reference_is_not_a_registration() -> None:
    source = read("registries()[0].register_module(module=A)\nMODELS.register_module()(A, B)")
    assert source.registrations == []
    # Whatever the receiver names may be a registry: the project resolves each reference.
    assert source.dynamic == [("registries", 1), ("MODELS", 2)]


def test_a_conditional_receiver_opens_every_registry_it_names() -> None:
    source = read(
        "class Base:\n"
        "    def __init_subclass__(cls, registry=None):\n"
        "        (METRICS if registry is None else registry).register_module(module=cls)\n"
    )
    assert source.registrations == []
    assert sorted(source.dynamic) == [("METRICS", 3), ("registry", 3)]


# -- invalid registrations -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "problem"),
    [
        pytest.param(
            "'pkg.A'",
            "name 'pkg.A' is empty or has a '.', so it could never be looked up",
            id="dot",
        ),
        pytest.param(
            "['A', '']", "name '' is empty or has a '.', so it could never be looked up", id="empty"
        ),
        pytest.param("['A', 'A']", "name 'A' is given twice in one registration", id="twice"),
        pytest.param("[]", "name is an empty sequence: give at least one name", id="no-names"),
        pytest.param("3", "a registered name must be a string, not int", id="not-a-string"),
        pytest.param(
            "['A', None]", "a registered name must be a string, not NoneType", id="none-in-list"
        ),
        pytest.param("'A', 1", "force must be a boolean, not int", id="force-int"),
        pytest.param("'A', force=None", "force must be a boolean, not NoneType", id="force-none"),
        pytest.param("'A.b', 'yes'", "force must be a boolean, not str", id="force-wins"),
    ],
)
def test_a_registration_the_runtime_rejects_is_invalid(arguments: str, problem: str) -> None:
    registration = only_registration(f"MODELS.register_module({arguments}, module=A)")
    assert registration.invalid == problem


@pytest.mark.parametrize(
    "arguments",
    [
        pytest.param("", id="default-name"),
        pytest.param("['A', 'B'], True", id="aliases-forced"),
        pytest.param("NAME, FORCE", id="not-literals"),
        pytest.param("[A, B]", id="list-of-references"),
    ],
)
def test_a_registration_the_runtime_may_accept_is_not_invalid(arguments: str) -> None:
    separator = ", " if arguments else ""
    registration = only_registration(f"MODELS.register_module({arguments}{separator}module=A)")
    assert registration.invalid is None


# -- ConfigFor annotations -----------------------------------------------------------------------


def test_a_class_init_parameter_annotated_config_for_names_its_registry() -> None:
    source = read(
        """
        class Detector:
            def __init__(
                self,
                backbone: Annotated[dict, ConfigFor(reg.MODELS)],
                /,
                neck: typing.Annotated[dict, ConfigFor(NECKS)] | None = None,
                *,
                head: "Annotated[dict[str, Any], tr.ConfigFor(HEADS)]",
                size: int = 1,
            ) -> None: ...
        """
    )
    assert source.config_params == {
        "Detector": {"backbone": "reg.MODELS", "neck": "NECKS", "head": "HEADS"}
    }


def test_a_function_parameter_annotated_config_for_names_its_registry() -> None:
    source = read(
        """
        async def build(cfg: Annotated[dict, "doc", ConfigFor(MODELS)]) -> None:
            pass
        """
    )
    assert source.config_params == {"build": {"cfg": "MODELS"}}


@pytest.mark.parametrize(
    "annotation",
    [
        pytest.param("dict", id="plain"),
        pytest.param("'Annotated[dict, ConfigFor('", id="string-that-does-not-parse"),
        pytest.param("Annotated[dict]", id="annotated-without-metadata"),
        pytest.param("Annotated[dict, Other(MODELS)]", id="other-metadata"),
        pytest.param("Annotated[dict, ConfigFor]", id="config-for-not-called"),
        pytest.param("Annotated[dict, ConfigFor(MODELS, HEADS)]", id="two-arguments"),
        pytest.param("Annotated[dict, ConfigFor(registries[0])]", id="not-a-reference"),
    ],
)
def test_other_annotations_name_no_registry(annotation: str) -> None:
    source = read(f"def build(cfg: {annotation}, other) -> None:\n    pass\n")
    assert source.config_params == {}


def test_a_class_without_init_has_no_config_parameters() -> None:
    source = read(
        """
        class Detector:
            def build(self, cfg: Annotated[dict, ConfigFor(MODELS)]) -> None: ...
        """
    )
    assert source.config_params == {}


# -- names used in configs, default_scope blocks ---------------------------------------------------


def test_the_names_used_in_configs_are_collected_everywhere() -> None:
    source = read(
        """
        model = dict(type="ResNet", depth=50)
        head = {"type": "Head", "size": 3, **extra, 1: "one"}
        MODELS.get("Neck")
        MODELS["Loss"]
        MODELS.get(name)

        def build():
            return MODELS.build({"type": "InFunction"})

        class Config:
            backbone = dict(type="InClass")

            def method(self):
                return dict(type="InMethod")
        """
    )
    assert source.config_names == [
        "Head",
        "InClass",
        "InFunction",
        "InMethod",
        "Loss",
        "Neck",
        "ResNet",
    ]


def test_default_scope_blocks_are_recorded_by_their_lines() -> None:
    source = read(
        """
        with typed_registry.default_scope("det"):
            MODELS.build(cfg)

        with open(path) as f, lock:
            pass

        def run():
            with default_scope("cls"), other():
                pass
        """
    )
    assert source.scoped_blocks == [[2, 3], [9, 10]]
