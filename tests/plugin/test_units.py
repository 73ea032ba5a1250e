"""Corners of the plugin that the case modules and the scenario project do not reach.

- The facts' JSON form (what the cache holds): a round trip, and data of another form (an
  older plugin's, or corrupted) read as no facts rather than misread or crashing.
- Settings: none at all (a program that gives mypy the plugin itself), a settings file
  without the plugin's section, and a file the plugin cannot read.
- Single-module programs, checked in one mypy run: hooks that fire where the plugin has
  nothing to check (a decorator, a mapping pattern), a TypedDict as a config's ``type``, a
  class that mypy cannot see registered, and registrations in nested exclusive branches.
- The scenario project with a sub-package under the location and a module outside the
  locations that registers into the same registry.
"""

from __future__ import annotations

import json
import textwrap
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, cast

import mypy.build
import mypy.version
import pytest
from mypy.modulefinder import BuildSource
from mypy.nodes import MypyFile, NameExpr, Var
from mypy.options import Options
from tests.plugin.harness import Diagnostic, MypyRun, parse_output, run_mypy
from tests.plugin.scenarios import FILES, Project, lines_of

import typed_registry.mypy
from typed_registry._index import ProjectIndex, snapshot
from typed_registry._index._facts import FACTS_VERSION, ModuleFacts, Registration, RegistrySpec
from typed_registry.mypy import plugin
from typed_registry.mypy._config import project_roots
from typed_registry.mypy._config_flow import _source_lines, traced_config
from typed_registry.mypy._contracts import Contract, declared_contract
from typed_registry.mypy._visibility import Layer, Visibility, _assemble

if TYPE_CHECKING:
    from mypy.nodes import SymbolNode

# --- the facts' JSON form -------------------------------------------------------------------

FACTS = ModuleFacts(
    registries=(
        RegistrySpec("pkg.registry.MODELS", "models", "pkg", None, ("pkg.models",), None, 5),
        RegistrySpec("pkg.registry.DET", "det", None, "pkg.registry.MODELS", (), "custom", 6),
    ),
    registrations=(
        Registration(
            "pkg.registry.MODELS", ("ResNet", "resnet"), False, "pkg.m.ResNet", "pkg.m", 9
        ),
        Registration(
            "pkg.registry.DET",
            None,
            True,
            None,
            "pkg.m",
            12,
            branch=("10:0", "11:body"),
            undecorated=True,
        ),
    ),
)


def test_facts_read_back_from_their_json_form_are_the_same() -> None:
    stored = json.loads(json.dumps(FACTS.to_json()))  # as mypy's cache holds it
    assert ModuleFacts.from_json(stored) == FACTS
    assert ModuleFacts.from_json(ModuleFacts().to_json()) == ModuleFacts()


def _stored(**changes: object) -> dict[str, object]:
    return {**json.loads(json.dumps(FACTS.to_json())), **changes}


@pytest.mark.parametrize(
    "stored",
    [
        pytest.param(None, id="no-data"),
        pytest.param([FACTS_VERSION, [], []], id="not-an-object"),
        pytest.param(_stored(version=FACTS_VERSION - 1), id="older-version"),
        pytest.param(_stored(version=None), id="no-version"),
        pytest.param({"version": FACTS_VERSION, "registries": []}, id="missing-key"),
        pytest.param(_stored(registries=[["pkg.registry.MODELS", "models"]]), id="short-row"),
        pytest.param(_stored(registrations=[7]), id="row-not-a-list"),
        pytest.param(
            _stored(registrations=[["pkg.registry.MODELS", 3, False, None, "m", 1, [], False]]),
            id="names-not-a-list",
        ),
    ],
)
def test_cached_facts_of_another_form_read_as_no_facts(stored: object) -> None:
    facts = ModuleFacts.from_json(stored)
    assert facts == ModuleFacts()
    assert not facts


# --- settings --------------------------------------------------------------------------------

SINGLE = """\
    from typed_registry import Registry

    MODELS: Registry[object] = Registry("models", scope="single")


    @MODELS.register_module()
    class ResNet:
        def __init__(self, depth: int) -> None:
            self.depth = depth


    reveal_type(MODELS.build(dict(type="ResNet", depth=50)))
    MODELS.build(dict(type="ResNe", depth=50))
    """
SINGLE_OUTPUT = [
    Diagnostic("single.py", 12, "note", 'Revealed type is "single.ResNet"'),
    Diagnostic(
        "single.py",
        13,
        "error",
        '"ResNe" is not registered in registry "models" (scope "single"); '
        'did you mean "ResNet"?  [registry-name]',
    ),
]


def test_a_plugin_given_to_mypy_without_a_settings_file_checks_each_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # mypy loads configured plugins only from a settings file; a program that runs mypy
    # with no settings file passes the plugin itself, constructed on the same options.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "single.py").write_text(textwrap.dedent(SINGLE))
    options = Options()
    options.incremental = False
    assert options.config_file is None
    registry_plugin = plugin(mypy.version.__version__)(options)
    result = mypy.build.build(
        [BuildSource("single.py", "single")], options, extra_plugins=[registry_plugin]
    )
    diagnostics, unparsed = parse_output("\n".join(result.errors))
    assert list(diagnostics) == SINGLE_OUTPUT
    assert unparsed == ()


@pytest.mark.parametrize(
    ("name", "text"),
    [
        pytest.param(
            "pyproject.toml",
            '[tool.typed_registry]\nlocations = ["mypkg.models"\n',
            id="toml-invalid",
        ),
        pytest.param("pyproject.toml", None, id="toml-missing"),
        pytest.param(
            "mypy.ini",
            "[typed_registry]\nlocations = mypkg.models\nlocations = mypkg.det\n",
            id="ini-duplicate-key",
        ),
    ],
)
def test_a_settings_file_the_plugin_cannot_read_stops_the_run_with_a_clear_message(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    text: str | None,
) -> None:
    # mypy reads the settings file before the plugin does, and drops one it cannot parse;
    # the plugin meets such a file when it is given its options by a program, or when the
    # file changed in between.
    monkeypatch.chdir(tmp_path)
    if text is not None:
        (tmp_path / name).write_text(text)
    options = Options()
    options.config_file = name
    with pytest.raises(SystemExit) as stopped:
        plugin(mypy.version.__version__)(options)
    assert stopped.value.code == 2
    printed = capsys.readouterr().err
    assert printed.startswith(f"{name}: typed_registry.mypy: error: cannot read the file: "), (
        printed
    )
    assert "Traceback" not in printed
    assert "typed_registry.mypy settings (all optional):" in printed  # the usage follows


def test_a_percent_sign_in_an_ini_value_is_read_as_written_not_interpolated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # mypy reads INI files without interpolation; a '%' must not become a traceback here.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mypy.ini").write_text("[mypy]\n\n[typed_registry]\nlocations = mypkg%\n")
    options = Options()
    options.config_file = "mypy.ini"
    with pytest.raises(SystemExit) as stopped:
        plugin(mypy.version.__version__)(options)
    assert stopped.value.code == 2
    assert capsys.readouterr().err.startswith(
        "mypy.ini: typed_registry.mypy: error: [typed_registry]: 'locations': 'mypkg%' is not a "
        "dotted module name"
    )


def test_a_toml_settings_file_is_recognised_whatever_the_case_of_its_extension(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "settings.TOML").write_text('[tool.typed_registry]\nlocations = ["nowhere"]\n')
    options = Options()
    options.config_file = "settings.TOML"
    with pytest.raises(SystemExit):
        plugin(mypy.version.__version__)(options)
    # Read as TOML: the location is looked for (and not found), not silently ignored.
    assert "[tool.typed_registry]: 'locations': 'nowhere' was not found" in (
        capsys.readouterr().err
    )


# --- single-module programs, in one mypy run -------------------------------------------------

#: The batch's settings: the plugin, without a ``[typed_registry]`` section.
BATCH_INI = "[mypy]\nplugins = typed_registry.mypy\nstrict = True\n"

PROGRAMS = {
    "single.py": SINGLE,
    # Hooks that fire at a decorator, where there is no call of the plugin's shape.
    "decorated.py": """\
        from typed_registry import Registry

        MODELS: Registry[object] = Registry("models", scope="decorated")


        @MODELS.build
        def make() -> None: ...


        @Registry
        class Plain: ...
        """,
    # ``__getitem__`` of a mapping pattern: mypy calls it on the pattern, not on an index.
    "pattern.py": """\
        from typed_registry import Registry

        MODELS: Registry[object] = Registry("models", scope="pattern")


        @MODELS.register_module()
        class ResNet:
            def __init__(self, depth: int) -> None:
                self.depth = depth


        def lookup(registry: Registry[object]) -> None:
            match registry:
                case {"ResNet": found}:
                    reveal_type(found)
        """,
    "typed_config.py": """\
        from typing import TypedDict

        from typed_registry import Registry

        MODELS: Registry[object] = Registry("models", scope="typed_config")


        class Options(TypedDict):
            depth: int


        reveal_type(MODELS.build(dict(type=Options, depth=50)))
        MODELS.build(dict(type=Options, depth="50"))
        """,
    # A class from a module without stubs: mypy sees only Any, so the keys are not checked.
    "untyped.py": """\
        from nowhere import Backbone  # type: ignore[import-not-found]

        from typed_registry import Registry

        MODELS: Registry[object] = Registry("models", scope="untyped")
        MODELS.register_module(module=Backbone)

        reveal_type(MODELS.build(dict(type="Backbone", anything="goes")))
        reveal_type(MODELS.get("Backbone"))
        MODELS.build(dict(type="Backbon"))
        """,
    "branches.py": """\
        import os

        from typed_registry import Registry

        MODELS: Registry[object] = Registry("models", scope="branches")

        if os.environ.get("FAST"):
            if os.environ.get("GPU"):

                @MODELS.register_module(name="Net")
                class GpuNet:
                    pass

            else:

                @MODELS.register_module(name="Net")
                class CpuNet:
                    pass

            @MODELS.register_module(name="Net")
            class Again:
                pass
        """,
    # A star argument binds no parameter: the registry's literal arguments are still read.
    "star_args.py": """\
        from typing import Any

        from typed_registry import Registry

        STARS: Registry[Any] = Registry("stars", *(), scope="star_args")


        @STARS.register_module()
        class Star:
            def __init__(self, size: int) -> None:
                self.size = size


        STARS.build(dict(type="Sta"))
        """,
    # Registries whose parents form a cycle (an error at run time): no tree, no conclusion.
    "cycle.py": """\
        from typing import Any

        from typed_registry import Registry

        FIRST: Registry[Any] = Registry("first", scope="cycle_first", parent=SECOND)
        SECOND: Registry[Any] = Registry("second", scope="cycle_second", parent=FIRST)

        FIRST.build(dict(type="Anything"))
        """,
    # A registry that an imported module registers into, defined in a module this one does
    # not import: read to place it, in a tree of its own.
    "elsewhere_root.py": """\
        from typing import Any

        from typed_registry import Registry

        OTHER: Registry[Any] = Registry("other", scope="elsewhere_other")
        """,
    "elsewhere_registers.py": """\
        from elsewhere_root import OTHER


        @OTHER.register_module()
        class Widget:
            pass
        """,
    "elsewhere_site.py": """\
        from typing import Any

        import elsewhere_registers as elsewhere_registers
        from typed_registry import Registry

        MINE: Registry[Any] = Registry("mine", scope="elsewhere_mine")
        MINE.build(dict(type="Widget"))
        """,
    # A Registry subclass whose build calls the runtime's on the class: mypy hands the hook
    # four formals (self, cfg, args, kwargs), not three.
    "unbound_build.py": """\
        from typing import Any

        from typed_registry import Registry


        class LoggingRegistry(Registry[Any]):
            def build(self, cfg: Any, *args: Any, **kwargs: Any) -> Any:
                return Registry.build(self, cfg, *args, **kwargs)


        LOGGED = LoggingRegistry("logged", scope="unbound_build")
        LOGGED.build(dict(type="Anything"), default_args=dict(size=1))
        """,
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> MypyRun:
    root = tmp_path_factory.mktemp("programs")
    project = Project.create(root, PROGRAMS, config=BATCH_INI, config_name="mypy.ini")
    cache = project.cache_dir("batch")
    run = run_mypy(
        sorted(PROGRAMS), workdir=root, config=root / "mypy.ini", extra=("--cache-dir", cache)
    )
    assert run.stderr == ""
    assert run.unparsed == ()
    assert run.status == 1
    return run


def test_a_mypy_ini_without_the_plugin_section_checks_each_module(batch: MypyRun) -> None:
    assert batch.for_file("single.py") == SINGLE_OUTPUT


def test_a_registry_method_or_class_used_as_a_decorator_gets_mypy_errors_only(
    batch: MypyRun,
) -> None:
    assert batch.for_file("decorated.py") == [
        Diagnostic(
            "decorated.py",
            6,
            "error",
            'No overload variant of "build" of "Registry" matches argument type '
            '"Callable[[], None]"  [call-overload]',
        ),
        Diagnostic("decorated.py", 6, "note", "Possible overload variants:"),
        Diagnostic(
            "decorated.py",
            6,
            "note",
            "def [C] build(self, cfg: Config[C], *args: Any, **kwargs: Any) -> C",
        ),
        Diagnostic(
            "decorated.py",
            6,
            "note",
            "def build(self, cfg: Mapping[str, Any] | Sequence[Mapping[str, Any]], *args: Any, "
            "**kwargs: Any) -> object",
        ),
        Diagnostic(
            "decorated.py",
            10,
            "error",
            'Argument 1 to "Registry" has incompatible type "type[Plain]"; expected "str"  '
            "[arg-type]",
        ),
    ]


def test_a_mapping_pattern_over_a_registry_keeps_the_declared_type(batch: MypyRun) -> None:
    assert batch.for_file("pattern.py") == [
        Diagnostic("pattern.py", 15, "note", 'Revealed type is "def (*Any, **Any) -> object"')
    ]


def test_a_typeddict_as_the_type_of_a_config_is_checked_as_its_construction(
    batch: MypyRun,
) -> None:
    assert batch.for_file("typed_config.py") == [
        Diagnostic(
            "typed_config.py",
            12,
            "note",
            "Revealed type is \"TypedDict(typed_config.Options, {'depth': int})\"",
        ),
        Diagnostic(
            "typed_config.py",
            13,
            "error",
            'Incompatible types (expression has type "str", TypedDict item "depth" has type '
            '"int")  [typeddict-item]',
        ),
    ]


def test_a_class_mypy_cannot_see_is_checked_by_name_only(batch: MypyRun) -> None:
    assert batch.for_file("untyped.py") == [
        Diagnostic("untyped.py", 8, "note", 'Revealed type is "object"'),
        Diagnostic(
            "untyped.py", 9, "note", 'Revealed type is "(def (*Any, **Any) -> object) | None"'
        ),
        Diagnostic(
            "untyped.py",
            10,
            "error",
            '"Backbon" is not registered in registry "models" (scope "untyped"); '
            'did you mean "Backbone"?  [registry-name]',
        ),
    ]


def test_a_star_argument_leaves_the_literal_arguments_read(batch: MypyRun) -> None:
    assert batch.for_file("star_args.py") == [
        Diagnostic(
            "star_args.py",
            14,
            "error",
            '"Sta" is not registered in registry "stars" (scope "star_args"); '
            'did you mean "Star"?  [registry-name]',
        )
    ]


def test_a_build_called_on_the_registry_class_is_read_by_parameter_name(
    batch: MypyRun,
) -> None:
    assert batch.for_file("unbound_build.py") == [
        Diagnostic(
            "unbound_build.py",
            12,
            "error",
            '"Anything" is not registered in registry "logged" (scope "unbound_build")  '
            "[registry-name]",
        )
    ]


def test_registries_whose_parents_form_a_cycle_give_no_conclusion(batch: MypyRun) -> None:
    assert batch.for_file("cycle.py") == [
        Diagnostic(
            "cycle.py", 5, "error", 'Name "SECOND" is used before definition  [used-before-def]'
        )
    ]


def test_a_registry_registered_into_elsewhere_is_not_in_the_tree_of_another(
    batch: MypyRun,
) -> None:
    assert batch.for_file("elsewhere_registers.py") == []
    assert batch.for_file("elsewhere_site.py") == [
        Diagnostic(
            "elsewhere_site.py",
            7,
            "error",
            '"Widget" is not registered in registry "mine" (scope "elsewhere_mine"); it is '
            'registered in registry "other" (scope "elsewhere_other")  [registry-name]',
        )
    ]


def test_registrations_in_nested_exclusive_branches_are_not_duplicates(batch: MypyRun) -> None:
    # GpuNet and CpuNet sit in the same outer branch, in the two branches of the inner ``if``;
    # Again is in the outer branch after that ``if``, so it follows whichever ran.
    assert batch.for_file("branches.py") == [
        Diagnostic(
            "branches.py",
            20,
            "error",
            '"Net" is already registered in registry "models" (scope "branches") at '
            'branches:10 ("branches.GpuNet"); pass force=True to replace it  '
            "[registry-duplicate]",
        )
    ]


# --- the scenario project, extended ----------------------------------------------------------

EXTENDED = {
    **FILES,
    # A sub-package under the location: its modules are under the location too.
    "mypkg/models/vision/__init__.py": "",
    "mypkg/models/vision/vit.py": """\
        from mypkg.registry import MODELS


        @MODELS.register_module()
        class ViT:
            def __init__(self, patch: int) -> None:
                self.patch = patch

            def forward(self, x: int) -> int:
                return x
        """,
    # Outside the locations' package: it registers when it is imported.
    "extra_models.py": """\
        from mypkg.registry import MODELS


        @MODELS.register_module()
        class Linear:
            def __init__(self, width: int) -> None:
                self.width = width

            def forward(self, x: int) -> int:
                return x * self.width
        """,
    "app3.py": """\
        import extra_models
        from mypkg.registry import MODELS

        reveal_type(MODELS.build(dict(type="ViT", patch=16)))
        reveal_type(MODELS.build(dict(type="Linear", width=2)))
        reveal_type(MODELS.build(dict(type="ResNet", depth=50)))
        MODELS.build(dict(type="Linea", width="2"))
        """,
}


def test_a_program_sees_the_locations_with_their_sub_packages_and_what_it_imports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    project = Project.create(tmp_path, EXTENDED)
    assert lines_of(project.cold(sources=["app3.py"]).output, "app3.py") == [
        '4: note: Revealed type is "mypkg.models.vision.vit.ViT"',
        '5: note: Revealed type is "extra_models.Linear"',
        '6: note: Revealed type is "mypkg.models.resnet.ResNet"',
        (
            '7: error: "Linea" is not registered in registry "models" (scope "mypkg"); '
            'did you mean "Linear"?  [registry-name]'
        ),
    ]


@pytest.mark.parametrize(
    ("version", "supported"),
    [
        ("2.4.0", True),
        ("2.4.1", True),
        ("2.4.1+dev.abc123", True),
        ("2.3.0", False),
        ("2.5.0", False),
        ("1.15.0", False),
        ("3", False),
        ("dev", False),
    ],
)
def test_the_plugin_supports_the_mypy_releases_the_extra_pins(version, supported) -> None:
    assert typed_registry.mypy.supports(version) is supported


def test_an_unsupported_mypy_stops_with_one_line(capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        typed_registry.mypy.plugin("1.15.0")
    assert stopped.value.code == 2
    assert capsys.readouterr().err == (
        "typed_registry.mypy: error: mypy 1.15.0 is not supported; this plugin needs "
        "mypy >=2.4,<2.5 (pip install 'typed-registry[mypy]')\n"
    )


def test_the_supported_range_is_the_one_the_mypy_extra_pins() -> None:
    pyproject = Path(__file__).parents[2] / "pyproject.toml"
    extra = tomllib.loads(pyproject.read_text())["project"]["optional-dependencies"]["mypy"]
    (low_major, low_minor), (high_major, high_minor) = typed_registry.mypy.SUPPORTED
    assert extra == [f"mypy>={low_major}.{low_minor},<{high_major}.{high_minor}"]


def test_the_project_roots_include_the_directory_each_file_entry_is_found_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "src" / "pkg" / "sub").mkdir(parents=True)
    (tmp_path / "src" / "pkg" / "__init__.py").write_text("")
    (tmp_path / "src" / "pkg" / "sub" / "__init__.py").write_text("")
    (tmp_path / "src" / "pkg" / "sub" / "mod.py").write_text("")
    (tmp_path / "scripts").mkdir()
    monkeypatch.chdir(tmp_path)
    options = Options()
    options.files = ["src/pkg/sub/mod.py", "scripts"]
    roots = project_roots(options)
    assert roots[:3] == [str(tmp_path), str(tmp_path / "src"), str(tmp_path / "scripts")]


def test_a_cycle_of_parents_is_no_tree() -> None:
    specs = {
        "m.A": RegistrySpec("m.A", "a", "a", "m.B", (), None, 1),
        "m.B": RegistrySpec("m.B", "b", "b", "m.A", (), None, 2),
    }
    empty = Layer({}, {}, frozenset(), {})
    assert _assemble("m.A", specs, (empty, empty)) == (None, False)


def test_views_follow_a_watching_index_after_a_registration_changes(tmp_path: Path) -> None:
    (tmp_path / "reg.py").write_text(
        "from typed_registry import Registry\nMODELS = Registry('m', scope='w')\n"
        "@MODELS.register_module()\nclass A: ...\n"
    )
    index = ProjectIndex([tmp_path], [])
    visibility = Visibility(index)
    view = visibility.view("reg", "reg.MODELS")
    assert view is not None
    assert sorted(view.start.entries) == ["A"]
    (tmp_path / "reg.py").write_text(
        "from typed_registry import Registry\nMODELS = Registry('m', scope='w')\n"
        "@MODELS.register_module()\nclass B: ...\n"
    )
    index.refresh()
    view = visibility.view("reg", "reg.MODELS")
    assert view is not None
    assert sorted(view.start.entries) == ["B"]


def test_the_locations_digest_is_kept_in_the_snapshot_and_follows_a_change(
    tmp_path: Path,
) -> None:
    """The daemon asks for it on each ``dmypy run``: from a snapshot, with no facts loaded."""
    registry = tmp_path / "reg.py"
    registry.write_text(
        "from typed_registry import Registry\nMODELS = Registry('m', scope='w')\n"
        "@MODELS.register_module()\nclass A: ...\n"
    )
    saved = tmp_path / "cache" / "snapshot.json"
    first = ProjectIndex([tmp_path], ["reg"])
    digest = Visibility(first).location_digest()
    snapshot.save(first, saved)
    restored = ProjectIndex([tmp_path], ["reg"])
    assert snapshot.restore(restored, saved)
    assert Visibility(restored).location_digest() == digest
    assert restored.sources == {}  # answered without loading the facts
    registry.write_text(registry.read_text().replace("class A", "class B"))
    restored.refresh()
    assert Visibility(restored).location_digest() != digest


class _Named:
    """A stand-in for mypy's node of a class or function: only its name is read."""

    def __init__(self, name: str) -> None:
        self.name = name


_CONTRACTS_SOURCE = """\
from typing import Annotated, Any

from typed_registry import ConfigFor, typed_registry as tr


def build_norm(
    cfg: "Annotated[dict[str, Any], ConfigFor(NORMS, supplies=('n',), consumes={'grad'})]",
    broken: "Annotated[dict[",
    computed: Annotated[dict[str, Any], tr.ConfigFor(NORMS, consumes=KEYS, supplies=[1])],
    plain: dict[str, Any],
    unmarked,
) -> None: ...


class Head:
    def forward(self) -> None: ...


class Body:
    def __init__(self, cfg: Annotated[dict[str, Any], ConfigFor(NORMS)]) -> None: ...
"""


def test_a_contract_is_read_from_the_source_of_the_function_or_class(tmp_path: Path) -> None:
    path = tmp_path / "builders.py"
    path.write_text(_CONTRACTS_SOURCE)
    found = declared_contract(cast("SymbolNode", _Named("build_norm")), str(path), "cfg")
    assert found == Contract(frozenset({"n"}), frozenset({"grad"}))
    # Keys that are not literal strings are unknown: nothing supplied is known, no key checked.
    found = declared_contract(cast("SymbolNode", _Named("build_norm")), str(path), "computed")
    assert found == Contract(None, None)
    body = declared_contract(cast("SymbolNode", _Named("Body")), str(path), "cfg")
    assert body == Contract(None, frozenset())


@pytest.mark.parametrize(
    ("name", "parameter"),
    [
        ("build_norm", "broken"),  # a string annotation that does not parse
        ("build_norm", "plain"),  # no ConfigFor
        ("build_norm", "unmarked"),  # no annotation
        ("build_norm", "missing"),
        ("Head", "cfg"),  # a class without __init__
        ("Nowhere", "cfg"),
    ],
)
def test_no_contract_where_the_source_declares_none(
    tmp_path: Path, name: str, parameter: str
) -> None:
    path = tmp_path / "builders.py"
    path.write_text(_CONTRACTS_SOURCE)
    assert declared_contract(cast("SymbolNode", _Named(name)), str(path), parameter) is None


def test_a_source_that_cannot_be_read_declares_no_contract(tmp_path: Path) -> None:
    node = cast("SymbolNode", _Named("f"))
    broken = tmp_path / "broken.py"
    broken.write_text("def f(:\n")
    assert declared_contract(node, str(broken), "cfg") is None
    assert declared_contract(node, str(broken), "cfg") is None  # the parse is kept
    assert declared_contract(node, str(tmp_path / "gone.py"), "cfg") is None
    assert declared_contract(node, None, "cfg") is None
    assert declared_contract(None, str(broken), "cfg") is None


def test_a_variable_the_plugin_cannot_place_holds_no_config(tmp_path: Path) -> None:
    tree = MypyFile([], [])
    tree.path = str(tmp_path / "gone.py")
    assert traced_config(tree, NameExpr("cfg")) is None  # no definition
    name = NameExpr("cfg")
    name.node = Var("cfg")
    name.set_line(3)
    assert traced_config(tree, name) is None  # no statement at its line


def test_a_source_that_cannot_be_read_has_no_lines(tmp_path: Path) -> None:
    assert _source_lines(str(tmp_path / "gone.py")) == []
