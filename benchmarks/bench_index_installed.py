"""The registry index on a real OpenMMLab project: MMEngine's registries and installed packages.

Run with ``python benchmarks/bench_index_installed.py TREE SITE``: ``TREE`` is a project laid
out as its repository (``make realworld`` makes ``.realworld/mmdet``; or extract the mmdet
3.3.0 wheel by hand), ``SITE`` a ``site-packages`` holding ``mmengine`` and ``mmcv-lite``
(``pip install --no-deps --target SITE mmengine==0.10.7 mmcv-lite==2.2.0``). It builds the
index cold, as the plugin does for a module that imports ``<package>.registry``, and prints:

- the project's ``MODELS``: its scope, its parent (MMEngine's root ``MODELS``), its locations;
- where names registered by the project, by mmcv and by MMEngine resolve from the project's
  child registries once their locations ran, and which registries are open;
- the seconds of the cold build (median of --repeats, each in a fresh index), with and
  without the installed packages, and how many modules of each top-level package were read.
"""

from __future__ import annotations

import argparse
import collections
import statistics
import tempfile
import time
from pathlib import Path

from typed_registry._index import ProjectIndex
from typed_registry.mypy._visibility import Visibility

#: Registry variable -> names to resolve from it.
PROBES = {
    "MODELS": ["ResNet", "RetinaNet", "FocalLoss", "BN", "GN", "ConvModule", "GELU", "Conv2d"],
    "OPTIM_WRAPPERS": ["OptimWrapper", "AmpOptimWrapper"],
    "PARAM_SCHEDULERS": ["CosineAnnealingLR", "MultiStepLR", "LinearLR"],
    "OPTIMIZERS": ["SGD", "AdamW"],
    "TRANSFORMS": ["LoadImageFromFile", "Resize", "PackDetInputs"],
    "HOOKS": ["CheckpointHook", "DetVisualizationHook"],
    "WEIGHT_INITIALIZERS": ["Pretrained", "Kaiming"],
}


def build(tree: Path, probe: Path, site: list[Path], package: str) -> tuple[float, ProjectIndex]:
    start = time.perf_counter()
    index = ProjectIndex([probe, tree], [], site)
    Visibility(index).view("probe", f"{package}.registry.MODELS")
    return time.perf_counter() - start, index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", type=Path)
    parser.add_argument("site", type=Path)
    parser.add_argument("--package", default="mmdet")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    tree, site, package = args.tree.resolve(), args.site.resolve(), args.package
    with tempfile.TemporaryDirectory() as directory:
        probe = Path(directory)
        (probe / "probe.py").write_text(f"import {package}.registry\n", "utf-8")
        _, index = build(tree, probe, [site], package)
        visibility = Visibility(index)
        for var, names in PROBES.items():
            view = visibility.view("probe", f"{package}.registry.{var}")
            if view is None:
                print(f"{var}: not a registry")
                continue
            spec = view.start.spec
            state = "closed" if view.misses_are_errors else "open"
            print(f"{var}: scope {spec.scope}, parent {spec.parent}, {state}")
            for name in names:
                found = view.tree.resolve(view.start, name)
                where = "not found" if found is None else f"{found.module} ({found.target})"
                print(f"  {name}: {where}")
        read = collections.Counter(
            module.split(".")[0] for module, source in index.sources.items() if source
        )
        print("modules read:", dict(read))
        for label, installed in (("with installed packages", [site]), ("project only", [])):
            times = [build(tree, probe, installed, package)[0] for _ in range(args.repeats)]
            print(f"cold build, {label}: {statistics.median(times):.2f}s (median of {len(times)})")


if __name__ == "__main__":
    main()
