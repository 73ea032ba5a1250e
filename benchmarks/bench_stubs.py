"""Stubs benchmark: pyright with and without ``typed-registry stubs`` on a synthetic project.

Run with ``make bench-stubs``. It writes a project of N modules (default 800) into a
temporary directory: ``proj/registry.py`` with four root registries, 70% model modules under
the location ``proj.models`` (two registered classes each, so each registry holds several
hundred entries: 280 at N = 800), and 30% user modules of ten literal ``{...}`` builds each.
It times ``typed-registry stubs`` itself, then ``pyright`` over the project with the stubs
and without them (``stubPath`` pointing nowhere), alternating, the median of --repeats
runs; then drives ``pyright-langserver --stdio`` and times the completion after
``MODELS.build({"type": "`` in a user module: the first request in new servers, with the
stubs and without them, sent with the file's opening (its answer waits for the server's
start-up) or once the server has analysed the file (as when a user opens a file, then
types); then names, and keys after ``{"type": "M0C0", "``, in files opened later
(``--completion-only`` skips the pyright runs). Targets (issue 10): pyright with the
stubs at most 1.5x without; completion under 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))
from tests.stubs.lsp import LanguageServer  # the tests' client

REPO = Path(__file__).parents[1]
BIN = Path(sys.executable).parent
REGISTRIES = ("MODELS", "DATASETS", "HOOKS", "TRANSFORMS")
CLASSES_PER_MODEL_MODULE = 2
BUILDS_PER_USER_MODULE = 10

REGISTRY_MODULE = """\
from typing import Protocol

from typed_registry import Registry


class Part(Protocol):
    def forward(self, x: int) -> int: ...


""" + "".join(
    f'{name}: Registry[Part] = Registry("{name.lower()}", scope="{name.lower()}", '
    f'locations=["proj.models"])\n'
    for name in REGISTRIES
)

MODEL_CLASS = """

@{registry}.register_module()
class {name}:
    def __init__(self, depth: int, width: int = 64, tag: str = "x") -> None:
        self.depth = depth
        self.width = width

    def forward(self, x: int) -> int:
        return x * self.depth + self.width
"""


def write_project(root: Path, size: int) -> tuple[int, str]:
    """The project; returns the number of user modules and the text of the first one."""
    models = int(size * 0.7)
    users = size - models - 1
    (root / "proj" / "models").mkdir(parents=True)
    (root / "users").mkdir()
    (root / "proj" / "__init__.py").write_text("")
    (root / "proj" / "registry.py").write_text(REGISTRY_MODULE)
    names: list[tuple[str, str]] = []
    imports = []
    for module in range(models):
        registry = REGISTRIES[module % len(REGISTRIES)]
        text = f"from proj.registry import {registry}\n"
        for index in range(CLASSES_PER_MODEL_MODULE):
            name = f"M{module}C{index}"
            names.append((registry, name))
            text += MODEL_CLASS.format(registry=registry, name=name)
        (root / "proj" / "models" / f"m{module}.py").write_text(text)
        imports.append(f"from proj.models import m{module}  # noqa: F401\n")
    (root / "proj" / "models" / "__init__.py").write_text("".join(imports))
    first = ""
    for user in range(users):
        lines = [f"from proj.registry import {', '.join(REGISTRIES)}\n\n\ndef run() -> None:\n"]
        for build in range(BUILDS_PER_USER_MODULE):
            registry, name = names[(user * BUILDS_PER_USER_MODULE + build) % len(names)]
            lines.append(
                f'    {registry}.build({{"type": "{name}", "depth": {build}}}).forward(1)\n'
            )
        text = "".join(lines)
        first = first or text
        (root / "users" / f"u{user}.py").write_text(text)
    (root / "pyproject.toml").write_text(
        '[tool.typed_registry]\nlocations = ["proj.models"]\n\n'
        "[tool.typed_registry.configs.registries]\n"
        + "".join(f'{n.lower()} = "proj.registry.{n}"\n' for n in REGISTRIES)
    )
    settings = {"venvPath": str(REPO), "venv": ".venv", "pythonVersion": "3.11"}
    (root / "pyrightconfig.json").write_text(json.dumps({**settings, "include": ["proj", "users"]}))
    (root / "none.json").write_text(
        json.dumps({**settings, "include": ["proj", "users"], "stubPath": "no-typings"})
    )
    return users, first


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:  # pyright: 1 when it reports an error, which it must not here
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return elapsed


def completion(root: Path, first: str) -> dict[str, float]:
    """Completion latencies in files opened after the server has analysed a first one."""
    figures: dict[str, float] = {}
    with LanguageServer(root) as server:
        server.wait_until_analysed(server.open(root / "users" / "probe_start.py", first))

        def complete(name: str, tail: str) -> list[str]:
            text = first + tail
            uri = server.open(root / "users" / f"probe_{len(figures)}.py", text)
            lines = text.split("\n")
            labels, figures[name] = server.completion(uri, len(lines) - 1, len(lines[-1]))
            return labels

        names = complete("names, in a file opened later", '    MODELS.build({"type": "')
        keys = complete("keys, in a file opened later", '    MODELS.build({"type": "M0C0", "')
    if '"depth"' not in keys or not any(label.startswith('"M') for label in names):
        sys.exit(f"completion gave {names[:5]} and {keys[:5]}")
    figures["names offered"] = len(names)
    return figures


def first_completion(root: Path, first: str, *, analysed: bool) -> float:
    """The first completion after the server starts, in a new server.

    ``analysed``: the request waits until the server has analysed the opened file (published
    its diagnostics), as when a user opens a file and then types; else it is sent with the
    file's opening, and its answer includes that analysis.
    """
    text = first + '    MODELS.build({"type": "'
    with LanguageServer(root) as server:
        uri = server.open(root / "users" / "probe_first.py", text)
        if analysed:
            server.wait_until_analysed(uri)
        lines = text.split("\n")
        return server.completion(uri, len(lines) - 1, len(lines[-1]))[1]


def first_completions(root: Path, first: str, repeats: int) -> dict[str, float]:
    """Medians of first completions in new servers, with the stubs and without them."""
    samples: dict[str, list[float]] = {}
    stubs, hidden = root / "typings", root / "typings.hidden"
    for _ in range(repeats):
        for with_stubs in (True, False):
            if not with_stubs:
                stubs.rename(hidden)
            try:
                for analysed in (False, True):
                    name = (
                        f"{'with' if with_stubs else 'without'} stubs, first request "
                        f"{'once the file is analysed' if analysed else 'with the file opening'}"
                    )
                    value = first_completion(root, first, analysed=analysed)
                    samples.setdefault(name, []).append(value)
            finally:
                if not with_stubs:
                    hidden.rename(stubs)
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=800)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--completion-only", action="store_true", help="skip the timing of pyright's runs"
    )
    args = parser.parse_args()
    print(
        f"{platform.platform()}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        users, first = write_project(root, args.size)
        entries = int(args.size * 0.7) * CLASSES_PER_MODEL_MODULE // len(REGISTRIES)
        print(
            f"N={args.size}: {users} user modules, {users * BUILDS_PER_USER_MODULE} literal "
            f"builds, {len(REGISTRIES)} registries of {entries} entries"
        )
        stubs = [timed([str(BIN / "typed-registry"), "stubs"], root) for _ in range(args.repeats)]
        size = (root / "typings" / "proj" / "registry.pyi").stat().st_size
        print(f"typed-registry stubs: {statistics.median(stubs):.2f} s (stub: {size // 1024} kB)")
        for name, value in first_completions(root, first, args.repeats).items():
            print(f"completion, {name}: {value * 1000:.0f} ms")
        for name, value in completion(root, first).items():
            shown = f"{value}" if name == "names offered" else f"{value * 1000:.0f} ms"
            print(f"completion, {name}: {shown}")
        if args.completion_only:
            return
        pyright = str(BIN / "pyright")
        times: dict[str, list[float]] = {"without": [], "with": []}
        timed([pyright, "-p", "pyrightconfig.json"], root)  # reads the files once
        for _ in range(args.repeats):
            times["without"].append(timed([pyright, "-p", "none.json"], root))
            times["with"].append(timed([pyright, "-p", "pyrightconfig.json"], root))
        without = statistics.median(times["without"])
        with_stubs = statistics.median(times["with"])
        print(
            f"pyright without stubs: {without:.2f} s; with: {with_stubs:.2f} s "
            f"({with_stubs / without:.2f}x; target <= 1.5x)"
        )


if __name__ == "__main__":
    main()
