"""Plugin benchmark: mypy with and without typed_registry.mypy on synthetic projects.

Run with ``make bench-plugin``. For each N in --sizes and each --layouts it writes a project
of N modules into a temporary directory: three registries in a tree (``proj.registry``), 70%
model modules under the location ``proj.models`` (five registered classes each, a few
thousand in all at N = 800), and 30% user modules whose literal configs build those classes
(scoped and unscoped names): outside the package (``users/``, layout ``outside``) or inside
it (``proj/app/``, layout ``inside``, as OpenMMLab's ``apis`` and ``engine`` are). Before
timing a layout it proves that the plugin checks it: a user module with a misspelt name must
get a ``registry-name`` error. It then times ``mypy proj users`` (a subprocess, all modules
on the command line, so both variants check the same files) with and without the plugin:
cold (empty cache), warm (nothing changed), and warm after editing one model module and one
user module; then the same edits under the mypy daemon (``dmypy run``, one daemon per
variant). Each figure is the median of --repeats runs, the runs of the two variants
alternating (after one untimed run that reads the files). Targets (plugin issue): cold with
the plugin at most 1.25x without it at N = 800; per-module cost at N = 800 within 20% of N =
100; a warm re-check after editing one module at most 1.2x without the plugin. For linear
growth it also fits ``time = fixed + N * per-module`` to the cold times.

Then the matrix of edits (``--matrix-size``, default 800; see :func:`measure_matrix`): the
same project with ten config files under the settings' ``configs.paths`` and two seeded
mistakes, each kind of edit a user makes applied and undone in turn, each state timed warm
under ``mypy`` and under ``dmypy run``, with and without the plugin, and every output of
the plugin compared with a cold run of the same state. ``--quick`` validates the whole at
N = 60 in a minute or two.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

CLASSES_PER_MODEL_MODULE = 5
BUILDS_PER_USER_MODULE = 10
SCOPES = ("proj", "det", "cls")
#: Without the plugin, then with it.
VARIANTS = ("mypy", "plugin")
#: Edits of each kind timed per repeat (a warm re-check is short: more samples).
EDITS_PER_REPEAT = 4

REGISTRY_MODULE = """\
from typing import Protocol

from typed_registry import Registry


class Model(Protocol):
    def forward(self, x: int) -> int: ...


MODELS: Registry[Model] = Registry("models", scope="proj", locations=["proj.models"])
DET: Registry[Model] = Registry("models", scope="det", parent=MODELS)
CLS: Registry[Model] = Registry("models", scope="cls", parent=MODELS)
"""

MODEL_CLASS = """

@{registry}.register_module()
class {name}:
    def __init__(self, depth: int, width: int = 64, tag: str = "x") -> None:
        self.depth = depth + {salt}
        self.width = width

    def forward(self, x: int) -> int:
        return x * self.depth + self.width
"""


def model_name(module: int, index: int) -> str:
    return f"M{module}C{index}"


def registry_of(module: int) -> str:
    return ("MODELS", "DET", "CLS")[module % 3]


def user_directory(root: Path, layout: str) -> Path:
    return root / "users" if layout == "outside" else root / "proj" / "app"


def write_project(root: Path, size: int, layout: str) -> tuple[Path, Path]:
    """Write a project of ``size`` modules; return (a model module, a user module)."""
    models = max(1, size * 7 // 10)
    users = max(1, size - models - 2)
    (root / "proj" / "models").mkdir(parents=True)
    user_dir = user_directory(root, layout)
    user_dir.mkdir()
    (root / "users").mkdir(exist_ok=True)
    (root / "users" / "__init__.py").write_text("")
    (root / "proj" / "__init__.py").write_text("")
    (root / "proj" / "models" / "__init__.py").write_text("")
    (root / "proj" / "registry.py").write_text(REGISTRY_MODULE)
    for m in range(models):
        body = [f"from proj.registry import {registry_of(m)}\n"]
        body += [
            MODEL_CLASS.format(registry=registry_of(m), name=model_name(m, c), salt=c)
            for c in range(CLASSES_PER_MODEL_MODULE)
        ]
        (root / "proj" / "models" / f"m{m}.py").write_text("".join(body))
    (user_dir / "__init__.py").write_text("")
    for u in range(users):
        lines = [
            "from proj.registry import CLS, DET, MODELS\n\n",
            "def run() -> int:\n",
            "    total = 0\n",
        ]
        for b in range(BUILDS_PER_USER_MODULE):
            m = (u * BUILDS_PER_USER_MODULE + b) % models
            name = model_name(m, b % CLASSES_PER_MODEL_MODULE)
            scope = SCOPES[m % 3]
            # Alternate the forms: unscoped from the owning registry, scoped from the root.
            if b % 2:
                call = f'MODELS.build(dict(type="{scope}.{name}", depth={b}, width=2))'
            else:
                owner = registry_of(m)
                call = f'{owner}.build({{"type": "{name}", "depth": {b}, "tag": "t"}})'
            lines.append(f"    total += {call}.forward({b})\n")
        lines.append("    return total\n")
        (user_dir / f"u{u}.py").write_text("".join(lines))
    return root / "proj" / "models" / "m0.py", user_dir / "u0.py"


def prove_checked(root: Path, layout: str, config: Path) -> None:
    """Exit unless the plugin reports a misspelt name in a user module of this layout."""
    typo = user_directory(root, layout) / "typo.py"
    typo.write_text(
        'from proj.registry import MODELS\n\nMODELS.build(dict(type="M0C0x", depth=1))\n'
    )
    command = [sys.executable, "-m", "mypy", "--config-file", str(config), "--no-incremental"]
    result = subprocess.run(
        [*command, "proj", "users"], cwd=root, capture_output=True, text=True, check=False
    )
    typo.unlink()
    expected = f'{typo.relative_to(root)}:3: error: "M0C0x" is not registered'
    if expected not in result.stdout:
        sys.exit(f"the plugin did not report the seeded typo ({layout}):\n{result.stdout}")
    print(f"layout {layout}, N={len(list(root.rglob('*.py')))}: the seeded typo is reported")


def write_config(root: Path, *, plugin: bool) -> Path:
    config = root / ("with.ini" if plugin else "without.ini")
    text = "[mypy]\nstrict = True\n"
    if plugin:
        text += "plugins = typed_registry.mypy\n\n[typed_registry]\nlocations = proj.models\n"
    config.write_text(text)
    return config


def run_mypy(root: Path, config: Path, cache: Path) -> float:
    return _timed(root, ["mypy", "--config-file", str(config), "--cache-dir", str(cache)])


def run_daemon(root: Path, config: Path, status: Path, *action: str) -> float:
    """``dmypy run`` (start the daemon if needed, check the project), or another ``action``."""
    command = ["mypy.dmypy", "--status-file", str(status)]
    if action:
        return _timed(root, [*command, *action], project=False)
    return _timed(root, [*command, "run", "--", "--config-file", str(config)])


def _timed(root: Path, command: list[str], *, project: bool = True) -> float:
    command = [sys.executable, "-m", *command, *(["proj", "users"] if project else [])]
    # As users run it: with the plugin's bytecode cached. (This machine sets
    # PYTHONDONTWRITEBYTECODE, which would make every run compile the plugin's sources.)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{command[2]} failed on the synthetic project:\n{result.stdout}{result.stderr}")
    return elapsed


def touch_edit(path: Path, counter: int) -> None:
    """Change a function body (not the module's interface) and move the mtime on."""
    text = path.read_text()
    marker = "        return x * self.depth + self.width"
    path.write_text(
        text.replace(marker, f"{marker} + {counter % 2}", 1)
        if counter % 2
        else text.replace(f"{marker} + 1", marker)
    )
    stamp = time.time() + counter
    os.utime(path, (stamp, stamp))


def edit_user(path: Path, counter: int) -> None:
    """Append a comment to a user module and move the mtime on."""
    path.write_text(path.read_text() + f"\n# edit {counter}\n")
    stamp = time.time() + 100 + counter
    os.utime(path, (stamp, stamp))


def measure(size: int, repeats: int, layout: str) -> dict[str, list[float]]:
    """Times and paired ratios (plugin / mypy) for one size.

    The two variants keep a cache each and run one after the other for every step: the
    same cold start, the same warm run, and each edit timed in both before the next edit.
    Ratios are taken per pair, so the drift of a busy machine hits both sides alike.
    """
    figures: dict[str, list[float]] = {}

    def record(kind: str, times: dict[str, float]) -> None:
        for label, elapsed in times.items():
            figures.setdefault(f"{label} {kind}", []).append(elapsed)
        figures.setdefault(f"ratio {kind}", []).append(times["plugin"] / times["mypy"])

    def timed(kind: str, caches: dict[str, Path]) -> None:
        record(kind, {label: run_mypy(root, configs[label], caches[label]) for label in VARIANTS})

    def timed_daemon(kind: str, statuses: dict[str, Path]) -> None:
        record(
            kind,
            {label: run_daemon(root, configs[label], statuses[label]) for label in VARIANTS},
        )

    with tempfile.TemporaryDirectory(prefix=f"bench{size}-") as tmp:
        root = Path(tmp)
        model_module, user_module = write_project(root, size, layout)
        configs = {label: write_config(root, plugin=label == "plugin") for label in VARIANTS}
        prove_checked(root, layout, configs["plugin"])
        # Untimed: the first run reads every file from disk (and warms the OS's caches).
        run_mypy(root, configs["mypy"], root / ".cache-warmup")
        edits = 0
        for repeat in range(repeats):
            caches = {label: root / f".cache-{label}-{repeat}" for label in VARIANTS}
            timed("cold", caches)
            timed("warm", caches)
            for _ in range(EDITS_PER_REPEAT):
                edits += 1
                touch_edit(model_module, edits)
                timed("edit model", caches)
                edit_user(user_module, edits)
                timed("edit user", caches)
            for cache in caches.values():
                shutil.rmtree(cache)
        statuses = {label: root / f".dmypy-{label}.json" for label in VARIANTS}
        try:
            for label in VARIANTS:  # start each daemon: a cold run, not timed
                run_daemon(root, configs[label], statuses[label])
            for _ in range(repeats * EDITS_PER_REPEAT):
                edits += 1
                touch_edit(model_module, edits)
                timed_daemon("dmypy edit model", statuses)
                edit_user(user_module, edits)
                timed_daemon("dmypy edit user", statuses)
        finally:
            for label in VARIANTS:
                if statuses[label].exists():
                    run_daemon(root, configs[label], statuses[label], "stop")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 200, 400, 800])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--layouts", nargs="+", choices=["outside", "inside"], default=["outside", "inside"]
    )
    parser.add_argument("--matrix-size", type=int, default=800)
    parser.add_argument("--matrix-repeats", type=int, default=3)
    parser.add_argument(
        "--only", choices=["sizes", "matrix"], help="run one of the two parts (default: both)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="N = 60, one repeat: to check the script works"
    )
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.repeats, args.matrix_size, args.matrix_repeats = [60], 2, 60, 1
    for layout in args.layouts:
        if args.only != "matrix":
            report(args.sizes, args.repeats, layout)
        if args.only != "sizes":
            report_matrix(args.matrix_size, args.matrix_repeats, layout)


def report(sizes: list[int], repeats: int, layout: str) -> None:
    """Measure every size for one layout and print its tables."""
    import platform  # noqa: PLC0415

    print(
        f"\n## users {layout} the registering package\n\n"
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; seconds, medians of {repeats} runs "
        f"({repeats * EDITS_PER_REPEAT} for edits); ratios: medians of paired runs\n"
    )
    print(
        "| N | mypy cold | plugin cold | ratio | ms/module (plugin) | mypy warm | plugin warm "
        "| ratio | edit model: mypy | plugin | ratio | edit user: mypy | plugin | ratio |"
    )
    print("|---" * 14 + "|")
    raw = {size: measure(size, repeats, layout) for size in sizes}
    results = {size: {k: statistics.median(v) for k, v in f.items()} for size, f in raw.items()}
    for size, f in results.items():
        print(
            f"| {size} | {f['mypy cold']:.2f} | {f['plugin cold']:.2f} | "
            f"{f['ratio cold']:.2f}x | {f['plugin cold'] / size * 1e3:.1f} | "
            f"{f['mypy warm']:.2f} | {f['plugin warm']:.2f} | {f['ratio warm']:.2f}x | "
            f"{f['mypy edit model']:.2f} | {f['plugin edit model']:.2f} | "
            f"{f['ratio edit model']:.2f}x | "
            f"{f['mypy edit user']:.2f} | {f['plugin edit user']:.2f} | "
            f"{f['ratio edit user']:.2f}x |"
        )
    print("\n| N | dmypy, edit model: mypy | plugin | ratio | edit user: mypy | plugin | ratio |")
    print("|---" * 7 + "|")
    for size, f in results.items():
        print(
            f"| {size} | {f['mypy dmypy edit model']:.2f} | {f['plugin dmypy edit model']:.2f} | "
            f"{f['ratio dmypy edit model']:.2f}x | {f['mypy dmypy edit user']:.2f} | "
            f"{f['plugin dmypy edit user']:.2f} | {f['ratio dmypy edit user']:.2f}x |"
        )
    if repeats > 1:
        print_spread(raw)
    if len(results) > 1:
        print_growth(results)


def print_spread(raw: dict[int, dict[str, list[float]]]) -> None:
    """This machine's speed moves by 20% and more between runs: show how far the pairs spread."""
    print("\nquartiles of the paired ratios (q1, median, q3):")
    for size, runs in raw.items():
        kinds = ("cold", "warm", "edit model", "edit user", "dmypy edit user")
        spread = "; ".join(
            f"{kind} " + "/".join(f"{q:.2f}" for q in statistics.quantiles(runs[f"ratio {kind}"]))
            for kind in kinds
        )
        print(f"N={size}: {spread}")


def print_growth(results: dict[int, dict[str, float]]) -> None:
    """Per-module cost as the target states it, and the straight line through the cold times."""
    small, large = min(results), max(results)
    per_small = results[small]["plugin cold"] / small
    per_large = results[large]["plugin cold"] / large
    print(
        f"\nper-module cost with the plugin (cold time / N), N={large} vs N={small}: "
        f"{per_large / per_small:.2f}x (target: within 1.20x)"
    )
    sizes = sorted(results)
    for label in VARIANTS:
        times = [results[size][f"{label} cold"] for size in sizes]
        # Least squares: time = fixed + N * per_module. Linear growth shows as points on the
        # line; a super-linear term as the largest sizes above it.
        per_module, fixed = statistics.linear_regression(sizes, times)
        off = max(abs(t - (fixed + per_module * n)) / t for n, t in zip(sizes, times, strict=True))
        net = [(t - fixed) / n * 1e3 for n, t in zip(sizes, times, strict=True)]
        print(
            f"cold, {label}: fixed {fixed:.2f} s + {per_module * 1e3:.2f} ms per module; "
            f"points at most {off:.0%} off the line; (time - fixed) / N: "
            + ", ".join(f"{v:.2f} ms (N={n})" for n, v in zip(sizes, net, strict=True))
        )


# -- the matrix of edits ---------------------------------------------------------------------

CONFIG_FILES = 10
#: What the matrix's runs check (config files are listed, as the plugin's docs say to).
MATRIX_TARGETS = ("proj", "users", "configs")


@dataclass(frozen=True)
class Edit:
    """A kind of edit: one file's text changed by ``change``, or the file added (``added``).

    The matrix applies it and undoes it in turn: both are edits of that kind.
    """

    label: str
    path: str
    change: tuple[str, str] | None = None  # (old, new), replaced once
    appended: str = ""
    added: str = ""
    #: The issue's target for a warm mypy run: 1.2x, or 1.5x for an edit that changes a
    #: registration or a config file (under ``dmypy run``: 1.1x for all).
    target: float = 1.2


def matrix_edits(layout: str, models: int) -> list[Edit]:
    """The edits of issue 19's matrix, on the project :func:`write_matrix_project` writes."""
    user = str(user_directory(Path(), layout) / "u0.py")
    last = f"proj/models/m{models - 1}.py"
    new_class = (
        "\n\n@MODELS.register_module()\nclass Added:\n"
        "    def __init__(self, depth: int) -> None:\n        self.depth = depth\n\n"
        "    def forward(self, x: int) -> int:\n        return x\n"
    )
    return [
        Edit("a comment in a user module", user, appended="\n# a comment\n"),
        Edit(
            "a function body in a model module",
            "proj/models/m0.py",
            change=(
                "        return x * self.depth + self.width",
                "        return x * self.depth + self.width + 1",
            ),
        ),
        Edit(
            "a new top-level function in a user module",
            user,
            appended="\n\ndef added() -> int:\n    return 1\n",
        ),
        Edit(
            "a new import in a user module",
            user,
            change=("from proj.registry", "import proj.models.m1\nfrom proj.registry"),
        ),
        Edit(
            "a new unregistered class in a user module",
            user,
            appended="\n\nclass Added:\n    def size(self) -> int:\n        return 1\n",
        ),
        Edit(
            "a new registered class in a model module",
            "proj/models/m0.py",
            appended=new_class,
            target=1.5,
        ),
        Edit(
            "a changed signature of a registered class",
            "proj/models/m1.py",
            change=('tag: str = "x"', 'tag: str | None = "x"'),
        ),
        Edit(
            "a registration renamed",
            last,
            change=("register_module()", 'register_module(name="Renamed")'),
            target=1.5,
        ),
        Edit(
            "a config file under configs.paths",
            "configs/cfg_0.py",
            change=("depth=1", "depth=2"),
            target=1.5,
        ),
        Edit(
            "a module added or removed under the location",
            "proj/models/added.py",
            added="from proj.registry import MODELS\n" + new_class,
            target=1.5,
        ),
    ]


def write_matrix_project(root: Path, size: int, layout: str) -> None:
    """The benchmark's project, config files and two seeded mistakes.

    The mistakes, which the plugin must report after every edit: a misspelt name in a user
    module, and a misspelt keyword in a config file.
    """
    write_project(root, size, layout)
    models = max(1, size * 7 // 10)
    (root / "configs").mkdir()
    for index in range(CONFIG_FILES):
        # A model module that registers into MODELS, which builds the configs' model: the
        # seeded mistakes are the project's only errors.
        m = (3 * index) % (models - models % 3 or 1)
        (root / "configs" / f"cfg_{index}.py").write_text(
            f'model = dict(type="{model_name(m, 0)}", depth=1, width=2)\n'
        )
    (root / "configs" / "cfg_typo.py").write_text(
        f'model = dict(type="{model_name(0, 1)}", dept=1)\n'
    )
    (user_directory(root, layout) / "typo.py").write_text(
        'from proj.registry import MODELS\n\nMODELS.build(dict(type="M0C0x", depth=1))\n'
    )


def seeded_mistakes(layout: str) -> tuple[str, str]:
    """The start of the lines that report the two seeded mistakes (see above)."""
    typo = user_directory(Path(), layout) / "typo.py"
    return f'{typo}:3: error: "M0C0x" is not registered', "configs/cfg_typo.py:1: error: "


def write_matrix_config(root: Path, *, plugin: bool) -> Path:
    config = root / ("with.toml" if plugin else "without.toml")
    text = "[tool.mypy]\nstrict = true\n"
    if plugin:
        text += (
            'plugins = ["typed_registry.mypy"]\n\n'
            '[tool.typed_registry]\nlocations = ["proj.models"]\n\n'
            '[tool.typed_registry.configs]\npaths = ["configs"]\n\n'
            '[tool.typed_registry.configs.registries]\nmodel = "proj.registry.MODELS"\n'
        )
    config.write_text(text)
    return config


def apply_edit(root: Path, edit: Edit, original: str | None, *, on: bool, counter: int) -> None:
    """Make ``edit`` (``on``) or undo it, and move the file's time on (mypy compares times)."""
    path = root / edit.path
    if edit.added:
        if on:
            path.write_text(edit.added)
        else:
            path.unlink()
            return
    else:
        assert original is not None
        text = original
        if on and edit.change:
            assert edit.change[0] in text, (edit.path, edit.change[0])
            text = text.replace(*edit.change, 1)
        if on:
            text += edit.appended
        path.write_text(text)
    stamp = time.time() + 1000 + counter
    os.utime(path, (stamp, stamp))


def normalize(output: str) -> str:
    """The diagnostics ordered by file (mypy prints files in the order it checked them)."""
    lines = [
        line
        for line in output.splitlines()
        if line and not line.startswith(("Daemon started", "Daemon stopped", "Restarting: "))
    ]
    summary = [line for line in lines if line.startswith(("Found ", "Success: "))]
    body = sorted(line for line in lines if line not in summary)
    return "\n".join(body + summary)


def run_checked(root: Path, command: list[str]) -> tuple[float, str]:
    """Time ``python -m COMMAND`` in ``root``; its normalized output (exit 0 or 1, no crash)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", *command],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode not in {0, 1} or "Traceback" in result.stdout + result.stderr:
        sys.exit(f"{' '.join(command[:2])} failed:\n{result.stdout}{result.stderr}")
    return elapsed, normalize(result.stdout)


def measure_matrix(
    size: int, repeats: int, layout: str, edits: list[Edit]
) -> tuple[dict[str, list[float]], str]:
    """Paired times of every edit of the matrix; also the load average while it ran.

    For each repeat, each edit is made, then undone; after each, four runs in this order:
    ``mypy`` without the plugin, with it, then ``dmypy run`` without and with it (a daemon
    each, started before the first edit, untimed). The plugin's outputs after every edit
    must equal a cold run's (with a new cache) of the same files and report both seeded
    mistakes: a run that checks nothing, or a stale one, ends the benchmark.
    """
    figures: dict[str, list[float]] = {}
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory(prefix=f"matrix{size}-") as tmp:
        root = Path(tmp)
        write_matrix_project(root, size, layout)
        configs = {label: write_matrix_config(root, plugin=label == "plugin") for label in VARIANTS}
        originals = {
            edit.path: None if edit.added else (root / edit.path).read_text() for edit in edits
        }
        caches = {label: root / f".cache-{label}" for label in VARIANTS}
        statuses = {label: root / f".dmypy-{label}.json" for label in VARIANTS}
        colds: dict[tuple[str, bool], str] = {}

        def mypy(label: str, cache: Path) -> tuple[float, str]:
            command = ["mypy", "--config-file", configs[label].name, "--cache-dir", str(cache)]
            return run_checked(root, [*command, *MATRIX_TARGETS])

        def dmypy(label: str, *action: str) -> tuple[float, str]:
            command = ["mypy.dmypy", "--status-file", str(statuses[label])]
            if action:
                return run_checked(root, [*command, *action])
            return run_checked(
                root, [*command, "run", "--", "--config-file", configs[label].name, *MATRIX_TARGETS]
            )

        def cold(edit: Edit, *, on: bool) -> str:
            key = (edit.label, on) if on else ("", False)  # undone: the project as written
            if key not in colds:
                cache = root / ".cache-cold"
                colds[key] = mypy("plugin", cache)[1]
                shutil.rmtree(cache)
                for mistake in seeded_mistakes(layout):
                    if mistake not in colds[key]:
                        sys.exit(f"the plugin did not report {mistake!r}:\n{colds[key]}")
                if "Found 2 errors in 2 files" not in colds[key]:
                    sys.exit(f"errors other than the two seeded mistakes:\n{colds[key]}")
            return colds[key]

        try:
            for label in VARIANTS:  # untimed: fill the caches, start the daemons
                mypy(label, caches[label])
                dmypy(label)
            counter = 0
            for _ in range(repeats):
                for edit in edits:
                    for on in (True, False):
                        counter += 1
                        apply_edit(root, edit, originals[edit.path], on=on, counter=counter)
                        times: dict[str, float] = {}
                        outputs: dict[str, str] = {}
                        for label in VARIANTS:
                            times[label], outputs[label] = mypy(label, caches[label])
                        for label in VARIANTS:
                            times[f"dmypy {label}"], outputs[f"dmypy {label}"] = dmypy(label)
                        expected = cold(edit, on=on)
                        for run in ("plugin", "dmypy plugin"):
                            if outputs[run] != expected:
                                sys.exit(
                                    f"{run} after {edit.label} ({'made' if on else 'undone'})"
                                    f" differs from a cold run:\n{outputs[run]}\n---\n{expected}"
                                )
                        for kind, (plain, plugin) in (
                            ("mypy", ("mypy", "plugin")),
                            ("dmypy", ("dmypy mypy", "dmypy plugin")),
                        ):
                            figures.setdefault(f"{edit.label}|{kind}|mypy", []).append(times[plain])
                            figures.setdefault(f"{edit.label}|{kind}|plugin", []).append(
                                times[plugin]
                            )
                            figures.setdefault(f"{edit.label}|{kind}|ratio", []).append(
                                times[plugin] / times[plain]
                            )
                        loads.append(os.getloadavg()[0])
        finally:
            for label in VARIANTS:
                if statuses[label].exists():
                    dmypy(label, "stop")
    spread = f"{min(loads):.1f} to {max(loads):.1f}, median {statistics.median(loads):.1f}"
    return figures, spread


def report_matrix(size: int, repeats: int, layout: str) -> None:
    """Measure the matrix for one layout and print its table."""
    import platform  # noqa: PLC0415

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    edits = matrix_edits(layout, models=max(1, size * 7 // 10))  # as write_project counts
    figures, loads = measure_matrix(size, repeats, layout, edits)
    print(
        f"\n## the matrix of edits, users {layout} the registering package, N={size}\n\n"
        f"commit {commit or 'unknown'}; machine: {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; 1-minute load average "
        f"while it ran: {loads}. Each edit made and undone {repeats} times: seconds, medians "
        f"of {2 * repeats} runs; ratios: medians of the paired runs (q1-q3). Every output "
        "with the plugin equalled a cold run's and reported both seeded mistakes.\n"
    )
    print(
        "| edit | mypy | plugin | ratio | q1-q3 | target | dmypy: mypy | plugin | ratio | q1-q3 "
        "| target |"
    )
    print("|---" * 11 + "|")
    for edit in edits:
        label = edit.label
        cells = [label]
        for kind in ("mypy", "dmypy"):
            ratios = figures[f"{label}|{kind}|ratio"]
            quartiles = (
                statistics.quantiles(ratios, method="inclusive")  # within the runs' range
                if len(ratios) > 1
                else [ratios[0]] * 3
            )
            cells += [
                f"{statistics.median(figures[f'{label}|{kind}|mypy']):.2f}",
                f"{statistics.median(figures[f'{label}|{kind}|plugin']):.2f}",
                f"{statistics.median(ratios):.2f}x",
                f"{quartiles[0]:.2f}-{quartiles[2]:.2f}",
                f"{edit.target if kind == 'mypy' else 1.1:.1f}x",
            ]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
