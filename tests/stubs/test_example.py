"""``typed-registry stubs`` on the example project: pyright, mypy and the language server read them.

The checkers run on copies of ``examples/detector``, two at a time on the two cores:

- pyright in standard and strict modes, with the stubs and without, on every file of the
  example, its ``mistakes_*`` files too: no error or warning on its correct code (every line
  that is not a seeded mistake), and on the seeded mistakes exactly :data:`PYRIGHT_CATCHES`
  (none); in strict mode the stubs themselves have no error;
- mypy (``--strict``, ``mypy_path = typings``) reads the stubs without an error;
- stubs and plugin agree: at every literal build site, its ``dict(...)`` configs written as
  ``{...}`` displays, pyright with the stubs infers either the registry's ``T`` (a registry
  too large for per-entry overloads) or the type that mypy with the plugin infers;
- the language server completes the names after ``{"type": "`` and the keys after a type.

What docs/editors.md shows of the stubs is real: its blocks are marked with MyST comments
(``% stubs-run``: commands run in the example, with their output; ``% stubs-completion
names`` and ``keys``: what the language server offers; ``% stubs-pyright FILE``: a file
that pyright checks with the stubs, and ``% stubs-pyright-output`` what it says).
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.stubs.lsp import LanguageServer, complete_at_end
from tests.stubs.sites import MYPY_REVEAL, short, wrap_build_sites

REPO = Path(__file__).parents[2]
EXAMPLE = REPO / "examples" / "detector"
SCRIPT = Path(sys.executable).with_name("typed-registry")
PYRIGHT = Path(sys.executable).with_name("pyright")
MYPY = Path(sys.executable).with_name("mypy")
SOURCES = ("minengine", "detkit", "clskit", "tools", "configs")
PAGE = REPO / "docs" / "editors.md"
#: Config files that only MMEngine's loader can read: ``{{_base_.key}}`` is text it replaces
#: before the file runs, and ``with read_base()`` imports files of a folder that is no
#: package; a type checker cannot follow either (mypy's plugin reads them as configs).
MMENGINE_ONLY_CONFIGS = (
    "configs/retinanet/retinanet_r50_fpn_1x_coco_trainpipe_val.py",
    "configs/retinanet/retinanet_r101_fpn_1x_coco_readbase.py",
)
_BLOCK = re.compile(
    r"^% (?P<marker>stubs-[\w-]+)(?: (?P<arg>\S+))?\n```(?P<lang>\w+)\n(?P<body>.*?)^```$",
    re.MULTILINE | re.DOTALL,
)
STUB_FILES = ("minengine/registry/root.pyi", "detkit/registry.pyi", "clskit/registry.pyi")
#: A seeded mistake's marker, as tests/plugin/test_example_project.py reads it.
MARKER = re.compile(r"#\s*mistake:\s*([a-z-]+)\s*$")
#: The pyright runs on the whole example: standard and strict, with the stubs and without.
PYRIGHT_RUNS = ("std", "std-none", "strict", "strict-none")
#: The seeded mistakes (file, marked line) that pyright reports, in every run: none. The
#: stubs type a literal ``{...}`` config but take any mapping too (docs/editors.md), and
#: ``register_module`` takes any class or function: the plugin checks those. A mistake that
#: pyright comes to report goes here.
PYRIGHT_CATCHES: set[tuple[str, int]] = set()

#: Literal build sites where pyright with the stubs and mypy with the plugin disagree, why.
DISAGREE = {
    "detkit/apis/train.py:53": (
        "Adam is registered at import time by register_builtin_optimizers(): the stubs, made "
        "from the imported registries, know it and give Adam; the plugin reads the source, "
        "where the name is missing, and gives the registry's Optimizer"
    ),
    "detkit/apis/inference.py:32": (
        "Compose is built from the engine's root under default_scope('detkit'), where detkit's "
        "own Compose shadows the engine's and is what runs: the stubs give the root's entry, "
        "the plugin sees both may be built and gives the registry's Transform"
    ),
}


def copy_example(destination: Path) -> Path:
    shutil.copytree(EXAMPLE, destination, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([str(SCRIPT), "stubs"], cwd=destination, check=True, capture_output=True)
    return destination


def pyright_config(
    root: Path,
    name: str,
    mode: str,
    *,
    stubs: bool,
    mistakes: bool = True,
    extra: tuple[str, ...] = (),
):
    config = {
        "pythonVersion": "3.11",
        "venvPath": str(REPO),
        "venv": ".venv",
        "typeCheckingMode": mode,
        "include": [*SOURCES, *extra],
        "exclude": [
            *([] if mistakes else ["**/mistakes_*"]),
            "**/__pycache__",
            "tools/probe.py",
            *MMENGINE_ONLY_CONFIGS,
        ],
        "stubPath": "typings" if stubs else "no-typings",
    }
    (root / name).write_text(json.dumps(config), encoding="utf-8")
    return [str(PYRIGHT), "--outputjson", "-p", name]


def run_in_pairs(commands: list[tuple[Path, list[str]]]) -> list[str]:
    """Run the commands two at a time; their outputs, in order."""
    outputs: list[str] = []
    for start in range(0, len(commands), 2):
        running = [
            subprocess.Popen(
                command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
            for cwd, command in commands[start : start + 2]
        ]
        outputs += [process.communicate()[0] for process in running]
    return outputs


def diagnostics(output: str, severity: str) -> list[dict[str, Any]]:
    return [d for d in json.loads(output)["generalDiagnostics"] if d["severity"] == severity]


def located(items: list[dict[str, Any]], root: Path) -> set[tuple[str, int, str]]:
    return {
        (str(Path(d["file"]).relative_to(root)), d["range"]["start"]["line"] + 1, d["message"])
        for d in items
    }


def marked_mistakes() -> set[tuple[str, int]]:
    """The seeded mistakes: (file relative to the example, line of its marker)."""
    return {
        (str(path.relative_to(EXAMPLE)), number)
        for path in EXAMPLE.rglob("mistakes_*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if MARKER.search(line)
    }


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> Path:
    return copy_example(tmp_path_factory.mktemp("stubs") / "detector")


#: The nox sessions install the ``test`` group only, without pyright.
needs_pyright = pytest.mark.skipif(
    importlib.util.find_spec("pyright") is None, reason="pyright not installed"
)


@pytest.fixture(scope="module")
def runs(plain, tmp_path_factory) -> dict[str, Any]:
    if importlib.util.find_spec("pyright") is None:
        pytest.skip("pyright not installed")
    displays = copy_example(tmp_path_factory.mktemp("stubs") / "detector")
    sites = wrap_build_sites(displays, SOURCES, displays=True)
    probe = page_blocks("stubs-pyright")[0]
    (plain / probe["arg"]).write_text(probe["body"], encoding="utf-8")
    probe_config = {
        "pythonVersion": "3.11",
        "venvPath": str(REPO),
        "venv": ".venv",
        "include": [probe["arg"]],
    }
    (plain / "probe.json").write_text(json.dumps(probe_config), encoding="utf-8")
    commands = [
        (plain, pyright_config(plain, "std.json", "standard", stubs=True)),
        (plain, pyright_config(plain, "std-none.json", "standard", stubs=False)),
        (plain, pyright_config(plain, "strict.json", "strict", stubs=True, extra=("typings",))),
        (plain, pyright_config(plain, "strict-none.json", "strict", stubs=False)),
        (displays, pyright_config(displays, "std.json", "standard", stubs=True, mistakes=False)),
        (displays, [str(MYPY), "--cache-dir", str(displays / ".mypy_cache"), "--no-error-summary"]),
    ]
    (plain / "mypy-stubs.ini").write_text(
        "[mypy]\nmypy_path = typings\nstrict = True\npython_version = 3.11\n", encoding="utf-8"
    )
    commands.append(
        (
            plain,
            [
                str(MYPY),
                "--config-file",
                "mypy-stubs.ini",
                "--explicit-package-bases",
                *(f"typings/{f}" for f in STUB_FILES),
            ],
        )
    )
    commands.append((plain, [str(PYRIGHT), "--outputjson", "-p", "probe.json"]))
    outputs = run_in_pairs(commands)
    names = ("std", "std-none", "strict", "strict-none", "reveal", "plugin", "mypy-stubs", "probe")
    return {
        "plain": plain,
        "displays": displays,
        "sites": sites,
        **dict(zip(names, outputs, strict=True)),
    }


def page_blocks(marker: str) -> list[re.Match[str]]:
    return [b for b in _BLOCK.finditer(PAGE.read_text(encoding="utf-8")) if b["marker"] == marker]


def test_the_pages_runs_are_real(plain):
    (block,) = page_blocks("stubs-run")
    for command, output in re.findall(r"^\$ (.*)\n((?:(?!\$ ).*\n)*)", block["body"], re.MULTILINE):
        done = subprocess.run(
            [str(SCRIPT), *command.split()[1:]],
            cwd=plain,
            capture_output=True,
            text=True,
            check=False,
        )
        assert (done.returncode, done.stdout + done.stderr) == (0, output)


def test_the_pages_pyright_output_is_real(runs):
    (expected,) = page_blocks("stubs-pyright-output")
    found = [
        f"{d['range']['start']['line'] + 1}: {d['severity']}: {d['message']}"
        for d in json.loads(runs["probe"])["generalDiagnostics"]
    ]
    assert found == expected["body"].splitlines()


def test_the_stubs_are_written_for_the_three_modules_that_define_registries(plain):
    typings = plain / "typings"
    assert sorted(str(p.relative_to(typings)) for p in typings.rglob("*.pyi")) == sorted(STUB_FILES)


def test_the_stubs_in_the_repo_are_the_example_stubs_regenerated():
    done = subprocess.run(
        [str(SCRIPT), "stubs", "--check", "--out", str(REPO / "stubs" / "detector")],
        cwd=EXAMPLE,
        capture_output=True,
        text=True,
        check=False,
    )
    # Nothing stale; the one warning: the seeded duplicate, which detkit.models never imports.
    assert done.returncode == 0
    assert [line.split(", which")[0] for line in done.stderr.splitlines()] == [
        "typed-registry stubs: warning: [tool.typed_registry] locations: left out "
        "'detkit.models.backbones.mistakes_duplicate'"
    ]


def in_the_example(run: str, root: Path) -> set[tuple[str, int, str]]:
    """What a pyright run says of the example's files (not of the stubs): errors and warnings."""
    found = located(diagnostics(run, "error") + diagnostics(run, "warning"), root)
    return {d for d in found if not d[0].startswith("typings/")}


@pytest.mark.parametrize("run", PYRIGHT_RUNS)
def test_pyright_reports_nothing_on_the_examples_correct_code(runs, run):
    # Every file of the example was checked, the mistakes_* ones too (and the stubs in strict).
    sources = [
        p
        for folder in SOURCES
        for p in (EXAMPLE / folder).rglob("*.py")
        if str(p.relative_to(EXAMPLE)) not in MMENGINE_ONLY_CONFIGS
    ]
    checked = len(sources) + (len(STUB_FILES) if run == "strict" else 0)
    assert json.loads(runs[run])["summary"]["filesAnalyzed"] == checked
    mistakes = marked_mistakes()
    found = in_the_example(runs[run], runs["plain"])
    assert sorted(d for d in found if d[:2] not in mistakes) == []


@pytest.mark.parametrize("run", PYRIGHT_RUNS)
def test_pyright_reports_exactly_the_known_seeded_mistakes(runs, run):
    mistakes = marked_mistakes()
    found = in_the_example(runs[run], runs["plain"])
    assert {d[:2] for d in found if d[:2] in mistakes} == PYRIGHT_CATCHES


def test_the_stubs_have_no_error_in_pyright_strict_mode(runs):
    in_stubs = [d for d in diagnostics(runs["strict"], "error") if "/typings/" in d["file"]]
    assert in_stubs == []


def test_mypy_reads_the_stubs_without_error(runs):
    assert runs["mypy-stubs"].strip() == "Success: no issues found in 3 source files"


def test_stubs_and_plugin_agree_at_every_literal_build_site(runs):
    root = runs["displays"]
    pyright: dict[str, str] = {}
    for item in diagnostics(runs["reveal"], "information"):
        where = f"{Path(item['file']).relative_to(root)}:{item['range']['start']['line'] + 1}"
        pyright[where] = item["message"].rpartition(" is ")[2].strip('"')
    plugin = {
        f"{m['file']}:{m['line']}": short(m["type"])
        for m in map(MYPY_REVEAL.match, runs["plugin"].splitlines())
        if m is not None
    }
    assert sorted(pyright) == sorted(plugin) == runs["sites"]
    bounds = set()
    for stub in STUB_FILES:
        text = (runs["plain"] / "typings" / stub).read_text(encoding="utf-8")
        bounds |= set(re.findall(r"^\w+: _\w+_Registry\[(.+)\]$", text, re.MULTILINE))
    precise = {site: found for site, found in pyright.items() if found not in bounds}
    agree = {site for site, found in precise.items() if found == plugin[site]}
    assert set(precise) - agree == set(DISAGREE)
    # The registries small enough for per-entry overloads give these precisely:
    assert sorted(precise) == [
        "clskit/apis/inference.py:14",  # ImageClassifier
        "clskit/apis/inference.py:21",  # ImageClassifier
        "clskit/apis/inference.py:28",  # ImageNet
        "detkit/apis/inference.py:14",  # RetinaNet
        "detkit/apis/inference.py:20",  # PretrainedInit
        "detkit/apis/inference.py:32",  # Compose
        "detkit/apis/train.py:25",  # CocoDataset
        "detkit/apis/train.py:28",  # DefaultSampler
        "detkit/apis/train.py:38",  # DetVisualizationHook
        "detkit/apis/train.py:53",  # Adam
        "tools/analyze.py:13",  # RetinaNet
        "tools/analyze.py:16",  # ImageClassifier
        "tools/analyze.py:19",  # AnchorGenerator
        "tools/train.py:106",  # BatchNorm
    ]


@needs_pyright
def test_the_language_server_completes_names_then_keys(plain):
    root = plain
    # What a user's settings hold: the interpreter whose packages pyright reads.
    settings = {"venvPath": str(REPO), "venv": ".venv"}
    (root / "pyrightconfig.json").write_text(json.dumps(settings), encoding="utf-8")
    head = "from detkit.registry import DATA_SAMPLERS\n"
    nested = "from minengine.registry import OPTIM_WRAPPERS\n"
    with LanguageServer(root) as server:
        names, _ = complete_at_end(
            server, root / "tools" / "names.py", head + 'DATA_SAMPLERS.build({"type": "'
        )
        keys, _ = complete_at_end(
            server,
            root / "tools" / "keys.py",
            head + 'DATA_SAMPLERS.build({"type": "DefaultSampler", "',
        )
        # A nested config in a parameter marked ConfigFor(OPTIMIZERS): that registry's names.
        inner, _ = complete_at_end(
            server,
            root / "tools" / "nested.py",
            nested + 'OPTIM_WRAPPERS.build({"type": "OptimWrapper", "optimizer": {"type": "',
        )
    shown = {block["arg"]: block["body"].splitlines() for block in page_blocks("stubs-completion")}
    assert shown == {"names": names, "keys": keys, "nested": inner}
