"""Config files benchmark: mypy over chains of ``_base_`` files, with and without the plugin.

Run with ``python benchmarks/bench_base_chain.py``. It writes a project into a temporary
directory: a registry and two registered classes (``pkg``), and --files config files under
``configs/`` in chains of --depth files, each built on the one before it
(``_base_ = "./chain_3_041.py"``) and changing one value of the model; the last file of
each chain is a config outside ``_base_`` with a misspelt key. Before timing, it proves
that the plugin checks the configs: each chain's misspelt key must be reported. It then
times ``mypy pkg configs`` (a subprocess, one process: no ``-n``) on an empty cache, with
the plugin and without it (the same files, the same settings but ``plugins``), the runs of
the two variants alternating; each figure is the median of --repeats runs. Target (issue
"No false errors on real OpenMMLab code and configs"): 300 files at most 2x mypy alone, and
the time growing linearly with the length of the chain.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REGISTRY = """\
from typed_registry import Registry

MODELS: Registry[object] = Registry("model", scope="pkg", locations=["pkg.models"])
"""
MODELS = """\
from typing import Annotated, Any

from typed_registry import ConfigFor

from pkg.registry import MODELS


@MODELS.register_module()
class ResNet:
    def __init__(self, depth: int, frozen_stages: int = -1, norm: str = "bn") -> None:
        self.depth = depth


@MODELS.register_module()
class Detector:
    def __init__(
        self,
        backbone: Annotated[dict[str, Any], ConfigFor(MODELS)],  # built as written: keys checked
        classes: int = 80,
        score: float = 0.5,
    ) -> None:
        self.backbone = backbone
"""
FIRST = """\
model = dict(
    type="Detector",
    backbone=dict(type="ResNet", depth=50, frozen_stages=1, norm="bn"),
    classes=80,
    score=0.05,
)
"""
NEXT = """\
_base_ = "./{base}.py"

model = dict(backbone=dict(depth={depth}), classes={classes})
"""
LEAF = """\
_base_ = "./_base_/{base}.py"

model = dict(backbone=dict(depht=101))
"""
SETTINGS = """\
[tool.mypy]
{plugins}
explicit_package_bases = true

[tool.typed_registry]
locations = ["pkg.models"]

[tool.typed_registry.configs]
paths = ["configs"]

[tool.typed_registry.configs.registries]
model = "pkg.registry.MODELS"
"""
#: Without the plugin, then with it.
VARIANTS = ("mypy", "plugin")


def write_project(root: Path, files: int, depth: int) -> int:
    """Write the project; return the number of chains (each ends in a config with a typo)."""
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "registry.py").write_text(REGISTRY)
    (root / "pkg" / "models.py").write_text(MODELS)
    bases = root / "configs" / "_base_"
    bases.mkdir(parents=True)
    chains = max(1, files // depth)
    for chain in range(chains):
        name = ""
        for step in range(depth - 1):
            base, name = name, f"chain_{chain}_{step:03d}"
            text = FIRST if not base else NEXT.format(base=base, depth=step, classes=step + 1)
            (bases / f"{name}.py").write_text(text)
        (root / "configs" / f"leaf_{chain}.py").write_text(LEAF.format(base=name))
    for variant in VARIANTS:
        plugins = 'plugins = ["typed_registry.mypy"]' if variant == "plugin" else ""
        (root / f"{variant}.toml").write_text(SETTINGS.format(plugins=plugins))
    return chains


def run_mypy(root: Path, variant: str) -> tuple[float, str]:
    """One cold run of ``mypy pkg configs``: the time it took and what it printed."""
    cache = root / ".cache"
    shutil.rmtree(cache, ignore_errors=True)
    command = [sys.executable, "-m", "mypy", "--config-file", f"{variant}.toml"]
    command += ["--cache-dir", str(cache), "--no-error-summary", "pkg", "configs"]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in {0, 1} or "Traceback" in done.stdout + done.stderr:
        msg = f"mypy failed ({variant}):\n{done.stdout}\n{done.stderr}"
        raise SystemExit(msg)
    return elapsed, done.stdout


def main() -> None:
    """Write the project, check that the plugin checks it, print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300, help="config files (default 300)")
    parser.add_argument(
        "--depth", type=int, nargs="+", default=[300, 50], help="files per chain (300 50)"
    )
    parser.add_argument("--repeats", type=int, default=5, help="runs per figure (default 5)")
    args = parser.parse_args()
    print(f"{'files':>6} {'depth':>6} {'mypy (s)':>9} {'plugin (s)':>11} {'ratio':>6}")
    for depth in args.depth:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            chains = write_project(root, args.files, depth)
            _, output = run_mypy(root, "plugin")  # also reads the files once
            reported = output.count('Unexpected keyword argument "depht"')
            if reported != chains:
                msg = f"the plugin reported {reported} of {chains} misspelt keys:\n{output}"
                raise SystemExit(msg)
            times: dict[str, list[float]] = {variant: [] for variant in VARIANTS}
            for _ in range(args.repeats):
                for variant in VARIANTS:
                    times[variant].append(run_mypy(root, variant)[0])
            alone, plugin = (statistics.median(times[variant]) for variant in VARIANTS)
            files = chains * depth
            print(f"{files:>6} {depth:>6} {alone:>9.2f} {plugin:>11.2f} {plugin / alone:>6.2f}")


if __name__ == "__main__":
    main()
