"""Plugin benchmark: mypy with and without typed_registry.mypy on synthetic projects.

Run with ``make bench-plugin``. For each N in --sizes it writes a project of N modules into
a temporary directory: three registries in a tree (``proj.registry``), 70% model modules
under the location ``proj.models`` (five registered classes each, a few thousand in all at
N = 800), and 30% user modules outside the package whose literal configs build those
classes (scoped and unscoped names). It then times ``mypy proj users`` (a subprocess, all
modules on the command line, so both variants check the same files) with and without the
plugin: cold (empty cache), warm (nothing changed), and warm after editing one model module
and one user module. Each figure is the median of --repeats runs. Targets (plugin issue):
cold with the plugin at most 1.25x without it at N = 800; per-module cost at N = 800 within
20% of N = 100; a warm re-check after editing one module at most 1.2x without the plugin.
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


def write_project(root: Path, size: int) -> tuple[Path, Path]:
    """Write a project of ``size`` modules; return (a model module, a user module)."""
    models = max(1, size * 7 // 10)
    users = max(1, size - models - 2)
    (root / "proj" / "models").mkdir(parents=True)
    (root / "users").mkdir()
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
    (root / "users" / "__init__.py").write_text("")
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
        (root / "users" / f"u{u}.py").write_text("".join(lines))
    return root / "proj" / "models" / "m0.py", root / "users" / "u0.py"


def write_config(root: Path, *, plugin: bool) -> Path:
    config = root / ("with.ini" if plugin else "without.ini")
    text = "[mypy]\nstrict = True\n"
    if plugin:
        text += "plugins = typed_registry.mypy\n\n[typed_registry]\nlocations = proj.models\n"
    config.write_text(text)
    return config


def run_mypy(root: Path, config: Path, cache: Path) -> float:
    command = [
        sys.executable,
        "-m",
        "mypy",
        "--config-file",
        str(config),
        "--cache-dir",
        str(cache),
        "proj",
        "users",
    ]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"mypy failed on the synthetic project:\n{result.stdout}{result.stderr}")
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


def measure(size: int, repeats: int) -> dict[str, float]:
    figures: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix=f"bench{size}-") as tmp:
        root = Path(tmp)
        model_module, user_module = write_project(root, size)
        for plugin in (False, True):
            config = write_config(root, plugin=plugin)
            label = "plugin" if plugin else "mypy"
            for repeat in range(repeats):
                cache = root / f".cache-{label}-{repeat}"
                figures.setdefault(f"{label} cold", []).append(run_mypy(root, config, cache))
                figures.setdefault(f"{label} warm", []).append(run_mypy(root, config, cache))
                touch_edit(model_module, 2 * repeat + 1)
                figures.setdefault(f"{label} edit model", []).append(run_mypy(root, config, cache))
                touch_edit(model_module, 2 * repeat + 2)
                run_mypy(root, config, cache)
                user_module.write_text(user_module.read_text() + f"\n# edit {repeat}\n")
                stamp = time.time() + 100 + repeat
                os.utime(user_module, (stamp, stamp))
                figures.setdefault(f"{label} edit user", []).append(run_mypy(root, config, cache))
                shutil.rmtree(cache)
    return {key: statistics.median(values) for key, values in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 200, 400, 800])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    import platform  # noqa: PLC0415

    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; medians of {args.repeats} runs (seconds)\n"
    )
    print(
        "| N | mypy cold | plugin cold | ratio | ms/module (plugin) | mypy warm | plugin warm "
        "| edit model: mypy | plugin | ratio | edit user: mypy | plugin | ratio |"
    )
    print("|---" * 13 + "|")
    results = {size: measure(size, args.repeats) for size in args.sizes}
    for size, f in results.items():
        print(
            f"| {size} | {f['mypy cold']:.2f} | {f['plugin cold']:.2f} | "
            f"{f['plugin cold'] / f['mypy cold']:.2f}x | {f['plugin cold'] / size * 1e3:.1f} | "
            f"{f['mypy warm']:.2f} | {f['plugin warm']:.2f} | "
            f"{f['mypy edit model']:.2f} | {f['plugin edit model']:.2f} | "
            f"{f['plugin edit model'] / f['mypy edit model']:.2f}x | "
            f"{f['mypy edit user']:.2f} | {f['plugin edit user']:.2f} | "
            f"{f['plugin edit user'] / f['mypy edit user']:.2f}x |"
        )
    if len(results) > 1:
        small, large = min(results), max(results)
        per_small = results[small]["plugin cold"] / small
        per_large = results[large]["plugin cold"] / large
        print(
            f"\nper-module cost with the plugin, N={large} vs N={small}: "
            f"{per_large / per_small:.2f}x (target: within 1.20x)"
        )


if __name__ == "__main__":
    main()
