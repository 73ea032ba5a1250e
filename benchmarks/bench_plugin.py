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
    args = parser.parse_args()
    for layout in args.layouts:
        report(args.sizes, args.repeats, layout)


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


if __name__ == "__main__":
    main()
