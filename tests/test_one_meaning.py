"""One meaning of a config for every tool: mypy with the plugin, ``typed-registry check`` and
``Registry.validate`` report the same problems.

Hypothesis writes a project (a registry and classes with typed parameters, some of them
nested configs through ``ConfigFor``), its settings, and a config file, sometimes built on a
``_base_`` file, with mistakes seeded at random: a misspelt ``type``, an unknown key, a value
of the wrong type. Then

- mypy with the plugin (on the config folder) and ``typed-registry check`` (on the same files)
  report the same ``(file, line, code)`` set;
- ``check`` and ``Registry.validate`` (on the merged config, after importing the project)
  report the same ``(path, code)`` set;
- a config with no seeded mistake gets no problem from any of them, and every seeded mistake
  that no misspelt ``type`` above it hides is reported, at its line, by all of them.

mypy runs in this process on a copy of a cache that already holds the standard library and
typed_registry (made once per session), so an example costs a fraction of a cold run.
"""

from __future__ import annotations

import contextlib
import importlib
import itertools
import json
import os
import shutil
import sys
import tempfile
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import mypy.api
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from typed_registry._configs import load_config_file, to_plain
from typed_registry.cli import main as cli_main

_NUMBERS = itertools.count()

#: Parameter kinds: the annotation, a correct literal, a literal of the wrong type.
KINDS = {
    "int": ("int", "3", '"three"'),
    "str": ("str", '"a"', "3"),
    "bool": ("bool", "True", '"yes"'),
    "float": ("float", "0.5", '"half"'),
}


@dataclass
class Param:
    name: str
    kind: str  # a key of KINDS, or "cfg" for a nested config
    required: bool


@dataclass
class Cls:
    name: str
    params: list[Param]


@dataclass
class Node:
    """One config dict as the generator writes it, with its seeded mistakes."""

    cls: Cls
    misspelt: bool
    unknown_key: bool
    wrong: set[str] = field(default_factory=set[str])
    children: dict[str, Node] = field(default_factory=dict[str, "Node"])


@st.composite
def classes(draw: st.DrawFn) -> list[Cls]:
    count = draw(st.integers(2, 4))
    made = []
    for index in range(count):
        names = draw(
            st.lists(
                st.sampled_from(["depth", "width", "name", "flag", "ratio", "head", "neck"]),
                unique=True,
                max_size=4,
            )
        )
        params = []
        for name in names:
            kind = "cfg" if name in {"head", "neck"} else draw(st.sampled_from(sorted(KINDS)))
            params.append(Param(name, kind, required=kind != "cfg" and draw(st.booleans())))
        made.append(Cls(f"Net{index}", params))
    return made


@st.composite
def nodes(draw: st.DrawFn, pool: list[Cls], depth: int = 0) -> Node:
    cls = draw(st.sampled_from(pool))
    node = Node(
        cls,
        misspelt=draw(st.integers(0, 5)) == 0,
        unknown_key=draw(st.integers(0, 3)) == 0,
    )
    for param in cls.params:
        if param.kind == "cfg":
            if depth < 2 and draw(st.booleans()):
                node.children[param.name] = draw(nodes(pool, depth + 1))
        elif draw(st.integers(0, 3)) == 0:
            node.wrong.add(param.name)
    return node


def module_source(package: str, pool: list[Cls]) -> str:
    lines = [
        "from typing import Annotated, Any",
        "",
        "from typed_registry import ConfigFor",
        "",
        f"from {package}.registry import MODELS",
    ]
    for cls in pool:
        signature = ["self"]
        body = []
        ordered = sorted(cls.params, key=lambda p: not p.required)
        for param in ordered:
            if param.kind == "cfg":
                annotation = "Annotated[dict[str, Any] | None, ConfigFor(MODELS)]"
                signature.append(f"{param.name}: {annotation} = None")
            else:
                annotation, good, _ = KINDS[param.kind]
                default = "" if param.required else f" = {good}"
                signature.append(f"{param.name}: {annotation}{default}")
            body.append(f"        self.{param.name} = {param.name}")
        lines += [
            "",
            "",
            "@MODELS.register_module()",
            f"class {cls.name}:",
            f"    def __init__({', '.join(signature)}) -> None:",
            *(body or ["        pass"]),
        ]
    return "\n".join(lines) + "\n"


@dataclass
class Written:
    """A config written line by line: its text and where each seeded mistake is."""

    lines: list[str] = field(default_factory=list[str])
    #: (line, code, path) of each mistake no misspelt type above it hides.
    expected: set[tuple[int, str, str]] = field(default_factory=set[tuple[int, str, str]])
    seeded: bool = False

    def add(self, text: str) -> int:
        self.lines.append(text)
        return len(self.lines)


def write_node(out: Written, node: Node, path: str, indent: str, *, hidden: bool) -> None:
    name = node.cls.name + ("x" if node.misspelt else "")
    line = out.add(f'{indent}type="{name}",')
    if node.misspelt:
        out.seeded = True
        if not hidden:
            out.expected.add((line, "registry-name", f"{path}.type"))
    # A misspelt type leaves this node's own keys unknowable (whose parameters are they?).
    keys_hidden = hidden or node.misspelt
    for param in node.cls.params:
        if param.kind == "cfg":
            child = node.children.get(param.name)
            if child is not None:
                out.add(f"{indent}{param.name}=dict(")
                write_node(out, child, f"{path}.{param.name}", indent + "    ", hidden=keys_hidden)
                out.add(f"{indent}),")
            continue
        _, good, bad = KINDS[param.kind]
        if param.name in node.wrong:
            line = out.add(f"{indent}{param.name}={bad},")
            out.seeded = True
            if not keys_hidden:
                out.expected.add((line, "arg-type", f"{path}.{param.name}"))
        elif param.required or param.name in {"depth", "name"}:
            out.add(f"{indent}{param.name}={good},")
    if node.unknown_key:
        line = out.add(f"{indent}zzz_unknown=1,")
        out.seeded = True
        if not keys_hidden:
            out.expected.add((line, "call-arg", f"{path}.zzz_unknown"))


def config_source(root: Node) -> Written:
    out = Written()
    out.add("model = dict(")
    write_node(out, root, "model", "    ", hidden=False)
    out.add(")")
    return out


@dataclass(frozen=True)
class Workspace:
    base_cache: Path


@pytest.fixture(scope="session")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """A mypy cache that holds the standard library and typed_registry, to copy per example."""
    directory = tmp_path_factory.mktemp("one_meaning_base")
    (directory / "seed.py").write_text("import typed_registry\n", encoding="utf-8")
    (directory / "pyproject.toml").write_text(
        '[tool.mypy]\nplugins = ["typed_registry.mypy"]\n', encoding="utf-8"
    )
    cache = directory / "cache"
    with contextlib.chdir(directory):
        out, err, status = mypy.api.run(
            ["seed.py", "--config-file", "pyproject.toml", "--cache-dir", str(cache)]
        )
    assert status == 0, out + err
    return Workspace(cache)


SETTINGS = """\
[tool.mypy]
plugins = ["typed_registry.mypy"]
files = ["configs"]

[tool.typed_registry]
locations = ["PKG.models"]

[tool.typed_registry.configs]
paths = ["configs"]

[tool.typed_registry.configs.registries]
model = "PKG.registry.MODELS"
"""

REGISTRY = """\
from typed_registry import Registry

MODELS: Registry[object] = Registry("models", scope="PKG", locations=["PKG.models"])
"""

_REPORT_CODE = "  ["


def _mypy_problems(stdout: str) -> set[tuple[str, int, str]]:
    """``(file, line, code)`` of each error; where the value was written, for a base's value.

    mypy reports each module's errors in that module: a value a config takes from a base
    that the base alone does not show wrong (a name the config's own ``custom_imports``
    may register) is reported at the config's line, with a note naming the base's line
    that wrote it, which is where ``check`` reports it.
    """
    found: list[tuple[str, int, str]] = []
    for line in stdout.splitlines():
        location, _, rest = line.partition(": ")
        file, _, number = location.rpartition(":")
        if rest.startswith("error: ") and _REPORT_CODE in rest:
            found.append((file, int(number), rest.rsplit(_REPORT_CODE, 1)[1].rstrip("]")))
        elif found and rest.startswith(_ORIGIN_NOTE) and found[-1][:2] == (file, int(number)):
            base, _, base_line = rest.removeprefix(_ORIGIN_NOTE).rpartition(":")
            written = os.path.normpath(os.path.join(os.path.dirname(file), base))
            found[-1] = (written, int(base_line), found[-1][2])
    return set(found)


_ORIGIN_NOTE = "note: the value comes from "


def write_project(directory: Path, package: str, pool: list[Cls], text: str, *, with_base: bool):
    """The project, its settings and the config; return (the config, the file with its text)."""
    (directory / package).mkdir()
    (directory / package / "__init__.py").write_text("", encoding="utf-8")
    (directory / package / "registry.py").write_text(
        REGISTRY.replace("PKG", package), encoding="utf-8"
    )
    (directory / package / "models.py").write_text(module_source(package, pool), encoding="utf-8")
    (directory / "pyproject.toml").write_text(SETTINGS.replace("PKG", package), encoding="utf-8")
    (directory / "configs").mkdir()
    if not with_base:
        (directory / "configs" / "exp.py").write_text(text, encoding="utf-8")
        return "configs/exp.py", "configs/exp.py"
    # The whole config in a base; the child only inherits it (its lines are the base's).
    (directory / "configs" / "_base_").mkdir()
    (directory / "configs" / "_base_" / "model.py").write_text(text, encoding="utf-8")
    (directory / "configs" / "exp.py").write_text(
        '_base_ = "./_base_/model.py"\n', encoding="utf-8"
    )
    return "configs/exp.py", "configs/_base_/model.py"


@dataclass
class Reports:
    mypy: set[tuple[str, int, str]]
    check: set[tuple[str, int, str]]
    check_paths: set[tuple[str, str]]
    validate: set[tuple[str, str]]
    output: str


def _relative(file: str, directory: Path) -> str:
    path = Path(file)
    return str(path.relative_to(directory.resolve()) if path.is_absolute() else path)


def run_tools(
    directory: Path, package: str, config_file: str, capsys: pytest.CaptureFixture[str]
) -> Reports:
    """mypy with the plugin, ``typed-registry check`` and ``validate``, from ``directory``."""
    cache = directory / ".mypy_cache"
    with contextlib.chdir(directory):
        stdout, stderr, status = mypy.api.run(
            ["--config-file", "pyproject.toml", "--cache-dir", str(cache), "--no-pretty"]
        )
        assert status in {0, 1}, stdout + stderr
        sys.path.insert(0, str(directory))
        try:
            check_status = cli_main(["check", "--format", "json", config_file])
            out, err = capsys.readouterr()
            assert check_status in {0, 1}, out + err
            problems = json.loads(out)["problems"]
            registry = importlib.import_module(f"{package}.registry")
            importlib.import_module(f"{package}.models")
            merged = to_plain(load_config_file(directory / config_file).root)
            assert isinstance(merged, dict)
            validated = registry.MODELS.validate(merged["model"])
        finally:
            sys.path.remove(str(directory))
            for name in [m for m in sys.modules if m.startswith(package)]:
                del sys.modules[name]
    return Reports(
        mypy=_mypy_problems(stdout),
        check={(_relative(p["file"], directory), p["line"], p["code"]) for p in problems},
        check_paths={(p["path"], p["code"]) for p in problems},
        validate={(f"model.{p.path}" if p.path else "model", p.code) for p in validated},
        output=stdout + out,
    )


@settings(
    max_examples=15,
    deadline=None,
    # Each example runs mypy: shrinking a failure would take many minutes, and the report
    # prints the whole config anyway.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(pool=classes(), data=st.data(), with_base=st.booleans())
def test_mypy_check_and_validate_report_the_same_problems(
    workspace: Workspace,
    pool: list[Cls],
    data: st.DataObject,
    with_base: bool,
    capsys: pytest.CaptureFixture[str],
) -> None:
    written = config_source(data.draw(nodes(pool)))
    package = f"one_meaning_{next(_NUMBERS)}"
    with tempfile.TemporaryDirectory(prefix="one-meaning-") as raw:
        directory = Path(raw)
        text = "\n".join(written.lines) + "\n"
        config_file, text_file = write_project(directory, package, pool, text, with_base=with_base)
        shutil.copytree(workspace.base_cache, directory / ".mypy_cache")
        reports = run_tools(directory, package, config_file, capsys)

    source = "\n".join(f"{n:3} {line}" for n, line in enumerate(written.lines, start=1))
    report = f"\n{source}\nmypy: {sorted(reports.mypy)}\ncheck: {sorted(reports.check)}\n"
    report += f"validate: {sorted(reports.validate)}\n{reports.output}"
    assert reports.mypy == reports.check, report
    assert reports.check_paths == reports.validate, report
    if not written.seeded:
        assert reports.check == set(), report
    assert {(text_file, line, code) for line, code, _ in written.expected} <= reports.check, report
    assert {(path, code) for _, code, path in written.expected} <= reports.validate, report


def test_the_generator_writes_a_mistake_at_the_line_it_names() -> None:
    """The expectations the property relies on point at the lines that hold the mistakes."""
    pool = [Cls("Net0", [Param("depth", "int", required=True), Param("head", "cfg", False)])]
    root = Node(pool[0], misspelt=False, unknown_key=True, wrong={"depth"})
    root.children["head"] = Node(pool[0], misspelt=True, unknown_key=True)
    written = config_source(root)
    assert (
        written.lines
        == textwrap.dedent(
            """\
        model = dict(
            type="Net0",
            depth="three",
            head=dict(
                type="Net0x",
                depth=3,
                zzz_unknown=1,
            ),
            zzz_unknown=1,
        )"""
        ).splitlines()
    )
    assert written.expected == {
        (3, "arg-type", "model.depth"),
        (5, "registry-name", "model.head.type"),
        (9, "call-arg", "model.zzz_unknown"),
    }
