"""Random programs through mypy with the plugin: it never crashes, and agrees with the runtime.

``test_never_crashes`` feeds small programs (one module, or a registry module and a user
module) mixing every construct the plugin reads, and many it must survive: registries with
and without parents and scopes (literal or not), aliases, generic functions, decorators
stacked with others, conditional registrations, registrations inside functions, broken code
(undefined names, type errors, ``Registry()`` with wrong arguments, parent cycles), Registry
subclasses, unusual registered objects (TypedDict, NamedTuple, Enum, ABC, partial, callable
instances), non-literal configs and random keys and values. mypy must end normally (status
0 or 1, no traceback, no internal error, no error naming the plugin's internals); each of
the plugin's own codes may appear only on a line holding what it is about (``registry-bound``
on a ``register_module`` line, ...); and a second (warm) run on the same cache must print
exactly the same.

``test_resolution_matches_runtime`` builds random registry trees with literal registrations,
runs the program for real, and checks that for every literal lookup the plugin reports
``registry-name`` exactly when the runtime finds nothing, and otherwise reveals the class the
runtime returns (shadowing, ``scope.Name``, nested scopes, ``_scope_``, ``force=True``).

Each example is checked in a directory of its own with a copy of a cache that already holds
the standard library and typed_registry (made once per session), so an example costs a
fraction of a cold run while its own modules are always checked from scratch.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .harness import MypyRun, run_mypy, write_config

if TYPE_CHECKING:
    from collections.abc import Callable

HEADER = """\
import abc
import enum
import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, NamedTuple, Protocol, TypedDict, TypeVar, reveal_type

from typed_registry import Registry, build_from_cfg
"""

PRELUDE = """\
T = TypeVar("T")
FLAG = len(sys.argv) > 1
SCOPE_VAR = "dyn" + "scope"
NAMES_VAR = ["Alias1", "Alias2"]
LOCATIONS_VAR = ["nowhere"]
cfg_var: dict[str, Any] = {"type": "C0"}
key_var = "type"
name_var = "C0"


class Model(Protocol):
    def forward(self, x: int) -> int: ...


def deco(function: Any) -> Any:
    return function


def custom_build(cfg: Any, *args: Any, **kwargs: Any) -> Any:
    return cfg


class TD(TypedDict):
    a: int


class NT(NamedTuple):
    a: int


class Color(enum.Enum):
    RED = 1


class Abstract(abc.ABC):
    @abc.abstractmethod
    def forward(self, x: int) -> int: ...


class ViaNew:
    def __new__(cls, size: int) -> "ViaNew":
        return super().__new__(cls)


class CallableInstance:
    def __call__(self, x: int) -> int:
        return x


class Outer:
    class Inner:
        def __init__(self, q: int) -> None:
            pass


class SubRegistry(Registry[T]):
    pass


class InitRegistry(Registry[Any]):
    def __init__(self, scope: str, parent: Registry[Any] | None = None) -> None:
        super().__init__("init", scope=scope, parent=parent)


class Holder:
    REG = Registry("held", scope="held")

    @staticmethod
    def static_make(depth: int) -> Holder:
        return Holder()

    @classmethod
    def class_make(cls, depth: int = 1) -> Holder:
        return cls()

    def plain(self, depth: int) -> int:
        return depth


partial_obj = functools.partial(int, base=2)
callable_var: Callable[[int], str] = str
instance = CallableInstance()
"""

SEED = f"{HEADER}\n{PRELUDE}"

#: An error naming the plugin's or the runtime's private modules (a leaked internal).
_INTERNALS = re.compile(r"typed_registry\.(mypy|_\w+)")

# Crash-hunting programs ------------------------------------------------------------------------

_SCOPES = ["fz_a", "fz_b", "zoo", "det", "fz_main", "fz_reg"]
_EXOTIC = ["TD", "NT", "Color", "Abstract", "ViaNew", "partial_obj", "callable_var", "instance"]
_METHODS = ["Holder.static_make", "Holder.class_make", "Holder.plain", "Holder.absent"]
_NAMES = ["C0", "C1", "C2", "f0", "f1", "Alias1", "ResNet", "Net", "Inner", "int", *_EXOTIC]
_NAMES += ["static_make", "class_make", "plain"]
_PARAMS = [("depth", "int"), ("width", "float = 1.0"), ("name", "str"), ("flag", "bool = False")]

names = st.sampled_from(_NAMES)
scopes = st.sampled_from(_SCOPES)


@st.composite
def keys(draw: st.DrawFn) -> str:
    """A lookup key: a name, a typo, a scoped or doubly scoped name, or something odd."""
    name = draw(names)
    kind = draw(st.sampled_from(["plain", "typo", "scoped", "nested", "odd"]))
    if kind == "typo":
        return name + draw(st.sampled_from(["x", "", "s"]))
    if kind == "scoped":
        return f"{draw(scopes)}.{name}"
    if kind == "nested":
        return f"{draw(scopes)}.{draw(scopes)}.{name}"
    if kind == "odd":
        return draw(st.sampled_from(["", ".", "a.", ".b", "a..b", "ü", "zoo.", "1"]))
    return name


def _literal(text: str) -> str:
    return repr(text).replace("'", '"')


@st.composite
def values(draw: st.DrawFn, registries: int, depth: int = 0) -> str:
    """A value in a config: a literal, a class object, broken code, or a nested config."""
    choices = ["1", "'s'", "1.5", "None", "True", "C0", "f0", "undefined_name", '1 + "a"']
    if depth < 2:
        return draw(
            st.one_of(
                st.sampled_from(choices),
                configs(registries, depth + 1),
                configs(registries, depth + 1).map(lambda cfg: f"[{cfg}]"),
            )
        )
    return draw(st.sampled_from(choices))


@st.composite
def configs(draw: st.DrawFn, registries: int, depth: int = 0) -> str:
    """A config: a literal in either form, possibly partial, or something that is not one."""
    form = draw(st.sampled_from(["dict", "display", "dict", "display", "var", "other"]))
    if form == "var":
        return draw(st.sampled_from(["cfg_var", "dict(cfg_var)", "{**cfg_var}"]))
    if form == "other":
        return draw(st.sampled_from(["None", "[]", "{key_var: 'C0'}", "dict(cfg_var, type='C0')"]))
    items: list[tuple[str, str]] = []
    type_kind = draw(st.sampled_from(["key", "key", "key", "object", "nonliteral", "absent"]))
    if type_kind == "key":
        items.append(("type", _literal(draw(keys()))))
    elif type_kind == "object":
        objects = ["C0", "f0", "C9", "list", "int", "Outer.Inner", *_EXOTIC]
        items.append(("type", draw(st.sampled_from(objects))))
    elif type_kind == "nonliteral":
        items.append(("type", draw(st.sampled_from(["name_var", "name_var.upper()", "1"]))))
    if draw(st.booleans()):
        items.append(("_scope_", draw(st.sampled_from(['"fz_a"', '"zoo"', '"nope"', "None", "1"]))))
    keywords = st.sampled_from([name for name, _ in _PARAMS] + ["x", "item", "dept", "type"])
    count = draw(st.integers(0, 3))
    items.extend((draw(keywords), draw(values(registries, depth))) for _ in range(count))
    spread = ["**cfg_var"] if draw(st.booleans()) and draw(st.booleans()) else []
    if form == "dict" and len({key for key, _ in items}) == len(items):
        # (a repeated keyword would be a syntax error: those configs take the other form)
        return f"dict({', '.join([*(f'{key}={value}' for key, value in items), *spread])})"
    body = [f"{_literal(key)}: {value}" for key, value in items]
    return f"{{{', '.join([*body, *spread])}}}"


@st.composite
def registry_defs(draw: st.DrawFn, index: int, total: int) -> str:
    """One ``REGi = Registry(...)``, sometimes wrong."""
    annotation = draw(
        st.sampled_from(["", ": Registry[Any]", ": Registry[Model]", ": Registry[int]"])
    )
    broken = draw(st.sampled_from([None] * 6 + ["Registry()", "Registry(1, 2, 3, 4, 5, 6)"]))
    if broken is not None:
        return f"REG{index}{annotation} = {broken}"
    args = [draw(st.sampled_from([f'"r{index}"', '"r" + "x"', "1"]))]
    scope = draw(st.sampled_from(["omit", "literal", "literal", "var", "none"]))
    if scope == "literal":
        args.append(f"scope={_literal(draw(scopes))}")
    elif scope == "var":
        args.append("scope=SCOPE_VAR")
    elif scope == "none":
        args.append("scope=None")
    parent = draw(st.sampled_from(["omit", "omit", "ref", "ref", "none", "object()"]))
    if parent == "ref":
        args.append(f"parent=REG{draw(st.integers(0, max(total - 1, 0)))}")
    elif parent != "omit":
        args.append(f"parent={parent}")
    build_func = draw(
        st.sampled_from(["omit"] * 4 + ["custom_build", "build_from_cfg", "lambda cfg: cfg"])
    )
    if build_func != "omit":
        args.append(f"build_func={build_func}")
    locations = draw(
        st.sampled_from(["omit"] * 4 + ['["fz_main"]', '["nowhere.x"]', "LOCATIONS_VAR"])
    )
    if locations != "omit":
        args.append(f"locations={locations}")
    callee = draw(
        st.sampled_from(["Registry", "Registry", "Registry[Model]", "SubRegistry", "InitRegistry"])
    )
    if callee == "InitRegistry":  # its own constructor: (scope, parent)
        parent_arg = draw(st.sampled_from(["", f", REG{draw(st.integers(0, total))}", ", None"]))
        return f"REG{index} = InitRegistry({_literal(draw(scopes))}{parent_arg})"
    return f"REG{index}{annotation} = {callee}({', '.join(args)})"


@st.composite
def register_decorators(draw: st.DrawFn, registries: int) -> str:
    """``@REGi.register_module(...)`` with any of its argument forms, or another decorator."""
    target = f"REG{draw(st.integers(0, registries))}"  # one past the end: an undefined name
    args = draw(
        st.sampled_from(
            [
                "",
                "",
                '"Net"',
                'name="ResNet"',
                'name=["Alias1", "C0"]',
                "name=NAMES_VAR",
                '"Net", True',
                "force=True",
                "name=1",
                "None, False",
            ]
        )
    )
    return f"@{target}.register_module({args})"


@st.composite
def definitions(draw: st.DrawFn, index: int, registries: int) -> list[str]:
    """A class or a function (some generic), under a stack of decorators."""
    decorators = draw(st.lists(register_decorators(registries), max_size=2))
    kind = draw(
        st.sampled_from(["class", "class", "dataclass", "generic", "function", "generic_fn"])
    )
    params = draw(st.lists(st.sampled_from(_PARAMS), max_size=2, unique=True))
    params.sort(key=lambda param: "=" in param[1])  # defaults last
    signature = ", ".join(f"{name}: {annotation}" for name, annotation in params)
    if kind in {"function", "generic_fn"}:
        others = draw(st.sampled_from([[], ["@deco"], ["@functools.lru_cache"]]))
        stack = draw(st.permutations([*decorators, *others]))
        if kind == "generic_fn":
            head = f"def f{index}(x: T{', ' if signature else ''}{signature}) -> list[T]:"
            return [*stack, head, "    return [x]"]
        returns = draw(st.sampled_from(["int", "Any", "Model", "None", "C0"]))
        return [*stack, f"def f{index}({signature}) -> {returns}:", "    raise NotImplementedError"]
    stack = list(decorators)
    if kind == "dataclass":
        stack.insert(draw(st.integers(0, len(stack))), "@dataclass")
        fields = [f"    {name}: {annotation}" for name, annotation in sorted(params)] or [
            "    pass"
        ]
        return [*stack, f"class C{index}:", *fields]
    base = "Generic[T]" if kind == "generic" else "object"
    lines = [*stack, f"class C{index}({base}):"]
    lines += [
        f"    def __init__(self{', ' if signature else ''}{signature}) -> None:",
        "        pass",
    ]
    if draw(st.booleans()):
        lines += ["    def forward(self, x: int) -> int:", "        return x"]
    return lines


@st.composite
def direct_registrations(draw: st.DrawFn, registries: int, objects: int) -> str:
    target = draw(
        st.sampled_from([f"REG{draw(st.integers(0, max(registries - 1, 0)))}"] * 3 + ["Holder.REG"])
    )
    others = ["f0", "lambda: 1", "None", "Outer.Inner", "functools", "int", "Holder", *_METHODS]
    others += _EXOTIC
    module = draw(st.sampled_from([f"C{draw(st.integers(0, objects))}", *others]))
    args = draw(
        st.sampled_from(
            [f"module={module}", f'"Net", module={module}', f'["Alias1", "x"], True, {module}']
        )
    )
    return f"{target}.register_module({args})"


@st.composite
def uses(draw: st.DrawFn, registries: int) -> str:
    """A build, lookup or build_from_cfg call, sometimes revealed or broken."""
    target = draw(st.sampled_from([f"REG{draw(st.integers(0, registries))}"] * 4 + ["Holder.REG"]))
    cfg = draw(configs(registries))
    defaults = draw(configs(registries))
    call = draw(
        st.sampled_from(
            [
                f"{target}.build({cfg})",
                f"{target}.build({cfg})",
                f"{target}.build({cfg}, default_args={defaults})",
                f"{target}.build({cfg}, {defaults})",
                f"build_from_cfg({cfg}, {target})",
                f"build_from_cfg({cfg}, {target}, {defaults})",
                f"{target}.get({_literal(draw(keys()))})",
                f"{target}[{_literal(draw(keys()))}]",
                f"{target}.get(name_var)",
                f"{target}.build()",
            ]
        )
    )
    return draw(st.sampled_from([call, f"reveal_type({call})", f"result = {call}"]))


def _block(lines: list[str], how: str) -> list[str]:
    """Place lines at module level, under ``if FLAG:``, in a function, or in ``try``."""
    if how == "module" or not lines:
        return lines
    indented = [f"    {line}" for line in lines]
    if how == "if":
        return ["if FLAG:", *indented, "else:", "    pass"]
    if how == "function":
        return ["def setup() -> None:", *indented]
    return ["try:", *indented, "except ImportError:", "    pass"]


@st.composite
def programs(draw: st.DrawFn) -> dict[str, str]:
    """One module, or a registry module ``fz_reg`` and a user module ``fz_main``."""
    registries = draw(st.integers(1, 3))
    objects = draw(st.integers(1, 4))
    placements = st.sampled_from(["module", "module", "module", "if", "function", "try"])
    definition_lines: list[str] = []
    for index in range(objects):
        definition_lines += [
            "",
            "",
            *_block(draw(definitions(index, registries)), draw(placements)),
        ]
    registry_lines = [draw(registry_defs(index, registries)) for index in range(registries)]
    direct = [
        draw(direct_registrations(registries, objects)) for _ in range(draw(st.integers(0, 2)))
    ]
    use_lines: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        use_lines += _block([draw(uses(registries))], draw(placements))
    body = [*registry_lines, *definition_lines, "", *direct, ""]
    if draw(st.booleans()):
        return {"fz_main": "\n".join([SEED, *body, *use_lines, ""])}
    importing = draw(
        st.sampled_from(
            [
                "from fz_reg import *",
                "from fz_reg import " + ", ".join(f"REG{i}" for i in range(registries)),
                "import fz_reg\n" + "\n".join(f"REG{i} = fz_reg.REG{i}" for i in range(registries)),
            ]
        )
    )
    user = [HEADER, importing, "from fz_reg import C0, cfg_var, key_var, name_var", ""]
    if draw(st.booleans()):  # the user module registers too, into the imported registries
        user += [*_block(draw(definitions(0, registries)), "module"), ""]
    return {
        "fz_reg": "\n".join([SEED, *body, ""]),
        "fz_main": "\n".join([*user, "f0: Any = None", *use_lines, ""]),
    }


# Fixtures: one warm cache of the standard library and typed_registry -----------------------------


@dataclass(frozen=True)
class Workspace:
    """Where examples run: the config, and a cache to copy for each example."""

    config: Path
    base_cache: Path

    def check(self, files: dict[str, str], *, warm: bool = True) -> tuple[MypyRun, MypyRun | None]:
        """Write the modules to a new directory and run mypy on them (cold, then warm)."""
        with tempfile.TemporaryDirectory(prefix="fuzz-") as raw:
            directory = Path(raw)
            for module, source in files.items():
                # The programs are meant to be valid syntax: a SyntaxError is the generator's bug.
                compile(source, f"{module}.py", "exec")
                (directory / f"{module}.py").write_text(source)
            cache = directory / ".mypy_cache"
            shutil.copytree(self.base_cache, cache)
            names = sorted(f"{module}.py" for module in files)
            extra = ("--cache-dir", str(cache))
            cold = run_mypy(names, workdir=directory, config=self.config, extra=extra)
            if not warm:
                return cold, None
            again = run_mypy(names, workdir=directory, config=self.config, extra=extra)
        return cold, again


@pytest.fixture(scope="session")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    directory = tmp_path_factory.mktemp("fuzz_base")
    base_cache = directory / "base_cache"
    # The cache directory is given on the command line, so every run shares one config.
    config = write_config(directory, base_cache)
    config.write_text(config.read_text().replace(f"cache_dir = {base_cache}\n", ""))
    (directory / "fz_seed.py").write_text(SEED)
    run = run_mypy(
        ["fz_seed.py"], workdir=directory, config=config, extra=("--cache-dir", str(base_cache))
    )
    assert run.status == 0, run.stdout + run.stderr
    assert not run.diagnostics, run.stdout
    return Workspace(config, base_cache)


#: Where each of the plugin's codes may appear: on a line with what the error is about.
_BELONGS: dict[str, Callable[[str], bool]] = {
    "registry-name": lambda line: '"' in line or "'" in line,
    "registry-bound": lambda line: "register_module(" in line,
    "registry-duplicate": lambda line: "register_module(" in line,
    # What the runtime rejects: at a registration, or at a config (a build or its value).
    "registry-config": lambda line: "register_module(" in line or "type" in line or "(" in line,
}


def _show(files: dict[str, str], run: MypyRun) -> str:
    sources = "\n".join(f"--- {name}.py\n{source}" for name, source in files.items())
    return f"{sources}\n--- mypy (status {run.status})\n{run.stdout}{run.stderr}"


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(files=programs())
def test_never_crashes(workspace: Workspace, files: dict[str, str]) -> None:
    cold, warm = workspace.check(files)
    assert warm is not None
    report = _show(files, cold)
    assert cold.status in {0, 1}, report
    for text in (cold.stdout, cold.stderr):
        assert "Traceback" not in text, report
        assert "INTERNAL ERROR" not in text, report
    assert not cold.unparsed, report
    leaks = [d for d in cold.diagnostics if d.severity == "error" and _INTERNALS.search(d.message)]
    assert not leaks, report
    for diagnostic in cold.diagnostics:
        code = diagnostic.message.rsplit("  [", 1)[-1].rstrip("]")
        line = files[diagnostic.file.removesuffix(".py")].splitlines()[diagnostic.line - 1]
        assert _BELONGS.get(code, lambda _: True)(line), f"misplaced {code} error\n{report}"
    assert (warm.stdout, warm.stderr, warm.status) == (cold.stdout, cold.stderr, cold.status), (
        f"warm run differs\n{report}\n--- warm\n{warm.stdout}{warm.stderr}"
    )


# Differential: the plugin's resolution against the runtime's ----------------------------------

_TREE_SCOPES = ["s1", "s2", "s3", "s4"]
_TREE_NAMES = ["A", "B", "C"]
_MODULE = "fz_diff"
_MISS = re.compile(r'^("[^"]*" is not registered)[ :].*$')


@dataclass(frozen=True)
class Lookup:
    """A lookup the program makes: ``REGi.get(key)``, or a build with ``_scope_``."""

    registry: int
    key: str
    scope: str | None  # a build's ``_scope_``; None for ``get``


@st.composite
def trees(draw: st.DrawFn) -> tuple[str, list[Lookup]]:
    """Registries (scopes unique per tree), registrations (forced where the name is taken)."""
    count = draw(st.integers(1, 4))
    parents: list[int | None] = []
    tree_of: list[int] = []
    scope_of: list[str] = []
    used: dict[int, set[str]] = {}
    omitted_used = False
    lines = [
        "from typing import Any, reveal_type",
        "",
        "from typed_registry import Registry",
        "",
    ]
    for index in range(count):
        parent = draw(st.one_of(st.none(), st.integers(0, index - 1))) if index else None
        tree = index if parent is None else tree_of[parent]
        taken = used.setdefault(tree, set())
        free = [s for s in _TREE_SCOPES if s not in taken]
        omit = not omitted_used and _MODULE not in taken and draw(st.booleans())
        scope = _MODULE if omit else draw(st.sampled_from(free))
        omitted_used |= omit
        taken.add(scope)
        parents.append(parent)
        tree_of.append(tree)
        scope_of.append(scope)
        args = [f'"r{index}"']
        if not omit:
            args.append(f'scope="{scope}"')
        if parent is not None:
            args.append(f"parent=REG{parent}")
        lines.append(f"REG{index}: Registry[Any] = Registry({', '.join(args)})")
    held: list[set[str]] = [set() for _ in range(count)]
    registrations = draw(
        st.lists(
            st.tuples(
                st.integers(0, count - 1),
                st.lists(st.sampled_from(_TREE_NAMES), min_size=1, max_size=2, unique=True),
                st.booleans(),
                st.booleans(),
            ),
            max_size=8,
        )
    )
    for number, (registry, new_names, force, decorator) in enumerate(registrations):
        forced = force or bool(held[registry] & set(new_names))
        held[registry] |= set(new_names)
        name_list = ", ".join(f'"{name}"' for name in new_names)
        if decorator:
            lines += [
                "",
                f"@REG{registry}.register_module(name=[{name_list}], force={forced})",
                f"class K{number}:",
                "    pass",
                "",
            ]
        else:
            lines += [
                f"class K{number}:",
                "    pass",
                f"REG{registry}.register_module([{name_list}], {forced}, K{number})",
            ]
    key = st.one_of(
        st.sampled_from(_TREE_NAMES),
        st.builds(
            "{}.{}".format,
            st.sampled_from([*_TREE_SCOPES, _MODULE, "zz"]),
            st.sampled_from(_TREE_NAMES),
        ),
        st.builds(
            "{}.{}.{}".format,
            st.sampled_from(_TREE_SCOPES),
            st.sampled_from(_TREE_SCOPES),
            st.sampled_from(_TREE_NAMES),
        ),
    )
    lookups = draw(
        st.lists(
            st.builds(
                Lookup,
                st.integers(0, count - 1),
                key,
                st.one_of(st.none(), st.sampled_from([*_TREE_SCOPES, _MODULE, "zz"])),
            ),
            min_size=1,
            max_size=8,
        )
    )
    return "\n".join(lines) + "\n", lookups


def _lookup_line(lookup: Lookup) -> str:
    if lookup.scope is None:
        return f'reveal_type(REG{lookup.registry}.get("{lookup.key}"))'
    config = f'dict(type="{lookup.key}", _scope_="{lookup.scope}")'
    return f"reveal_type(REG{lookup.registry}.build({config}))"


def _run_at_runtime(program: str, lookups: list[Lookup]) -> list[str | None]:
    """The class name each lookup finds when the program really runs, or None on a miss."""
    from typed_registry import NotRegisteredError  # noqa: PLC0415

    namespace: dict[str, Any] = {"__name__": _MODULE}
    exec(compile(program, f"{_MODULE}.py", "exec"), namespace)
    found: list[str | None] = []
    for lookup in lookups:
        registry = namespace[f"REG{lookup.registry}"]
        if lookup.scope is None:
            entry: Callable[..., Any] | None = registry.get(lookup.key)
            found.append(None if entry is None else entry.__name__)
            continue
        try:
            built = registry.build({"type": lookup.key, "_scope_": lookup.scope})
        except NotRegisteredError:
            found.append(None)
        else:
            found.append(type(built).__name__)
    return found


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=trees())
def test_resolution_matches_runtime(workspace: Workspace, tree: tuple[str, list[Lookup]]) -> None:
    program, lookups = tree
    first = program.count("\n") + 2
    source = program + "\n" + "\n".join(_lookup_line(lookup) for lookup in lookups) + "\n"
    expected: list[tuple[int, str, str]] = []
    for offset, (lookup, name) in enumerate(
        zip(lookups, _run_at_runtime(program, lookups), strict=True)
    ):
        line = first + offset
        if name is None:
            expected.append((line, "error", f'"{lookup.key}" is not registered'))
            revealed = "(def (*Any, **Any) -> Any) | None" if lookup.scope is None else "Any"
        else:
            revealed = f"type[{_MODULE}.{name}]" if lookup.scope is None else f"{_MODULE}.{name}"
        expected.append((line, "note", f'Revealed type is "{revealed}"'))
    cold, _ = workspace.check({_MODULE: source}, warm=False)
    report = _show({_MODULE: source}, cold)
    # Only whether a key misses is compared here (case_scopes asserts the messages).
    actual = [(d.line, d.severity, _MISS.sub(r"\1", d.message)) for d in cold.diagnostics]
    assert sorted(actual) == sorted(expected), report
    errors = [d for d in cold.diagnostics if d.severity == "error"]
    assert all(d.message.endswith("  [registry-name]") for d in errors), report
