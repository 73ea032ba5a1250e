"""Benchmark of ``typed-registry check``: the time per config on 200 configs of the example.

Run with ``make bench`` (or ``python benchmarks/bench_check.py``). It writes 200 configs of
``examples/detector`` into a temporary folder: each inherits one of the example's configs
(``_base_``) and changes a few values, as real experiment configs do; one of them has a
seeded mistake (a misspelt transform). Start-up (importing the package, reading the
settings, importing the registries and the project) is done once and not counted; then
every config is checked as ``typed-registry check`` checks it, with each loader, and the
median time per config is printed, with, for the MMEngine loader, the part that MMEngine's
``Config.fromfile`` takes alone. The run fails if the seeded mistake is not reported, if a
correct config gets a problem, or if the default loader (``builtin``: the reader, which
runs no config) misses the target (issue 9: under 20 ms per config); the MMEngine loader's
figure is printed for information, since most of it is MMEngine's own.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from typed_registry.cli._project import import_locations, load_project
from typed_registry.cli.check import CheckOptions, check_file

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "detector"
BASES = [
    "retinanet/retinanet_r50_fpn_1x_coco.py",
    "retinanet/retinanet_r101_fpn_1x_coco.py",
    "retinanet/retinanet_r18_fpn_1x_coco.json",
    "retinanet/retinanet_mobilenetv2_1x_voc.py",
    "retinanet/retinanet_r50_fpn_amp_1x_coco.yaml",
    "classification/resnet18_imagenet.py",
    "classification/resnet34_detkit_backbone_imagenet.py",
]
TARGET_MS = 20.0


def write_configs(folder: Path, count: int) -> tuple[list[Path], Path]:
    """Write ``count`` configs into ``folder``; return them and the one with a mistake."""
    configs: list[Path] = []
    for number in range(count):
        base = BASES[number % len(BASES)]
        detection = base.startswith("retinanet")
        lines = [
            f"_base_ = {str(EXAMPLE / 'configs' / base)!r}",
            f"optim_wrapper = dict(optimizer=dict(lr={0.001 * (number + 1)!r}))",
            f"train_cfg = dict(max_epochs={number % 24 + 1})",
        ]
        if detection:
            lines.append(f"model = dict(bbox_head=dict(num_classes={number % 90 + 1}))")
        configs.append(folder / f"exp_{number:03d}.py")
        configs[-1].write_text("\n".join(lines) + "\n", encoding="utf-8")
    mistaken = configs[0]
    text = mistaken.read_text(encoding="utf-8")
    mistaken.write_text(
        text + 'train_dataloader = dict(dataset=dict(pipeline=[dict(type="RandomFlp")]))\n',
        encoding="utf-8",
    )
    return configs, mistaken


def measure(configs: list[Path], mistaken: Path, loader: str) -> float:
    """Check every config with ``loader``; return the median milliseconds per config."""
    project = load_project(EXAMPLE / "pyproject.toml", None)
    import_locations(project)  # as the command does at start-up
    options = CheckOptions(project, loader)
    check_file(configs[1], options)  # reads custom_imports once, as start-up
    times: list[float] = []
    for config in configs:
        start = time.perf_counter()
        findings = check_file(config, options)
        times.append((time.perf_counter() - start) * 1000)
        paths = [finding.problem.path for finding in findings]
        if config == mistaken:
            expected = ["train_dataloader.dataset.pipeline[0].type"]
            assert paths == expected, f"the seeded mistake was not reported: {paths}"
        else:
            assert not findings, f"{config.name}: {[str(f.problem) for f in findings]}"
    return statistics.median(times)


def mmengine_alone(configs: list[Path]) -> float:
    """The median milliseconds of MMEngine's ``Config.fromfile`` alone, per config."""
    from mmengine.config import Config  # noqa: PLC0415  # only when installed

    times: list[float] = []
    for config in configs:
        start = time.perf_counter()
        Config.fromfile(str(config), import_custom_modules=False).to_dict()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Run the benchmark and print its results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--configs", type=int, default=200)
    args = parser.parse_args()
    os.chdir(EXAMPLE)
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as folder:
        configs, mistaken = write_configs(Path(folder), args.configs)
        print(f"{len(configs)} configs; the seeded mistake in {mistaken.name} is reported")
        print("| loader | median ms per config | of which MMEngine's Config.fromfile |")
        print("|---|---|---|")
        default = measure(configs, mistaken, "builtin")
        print(f"| builtin (the default) | {default:.1f} | - |")
        if importlib.util.find_spec("mmengine") is not None:
            median = measure(configs, mistaken, "mmengine")
            print(f"| mmengine | {median:.1f} | {mmengine_alone(configs):.1f} |")
    met = default < TARGET_MS
    verdict = "met" if met else "NOT met"
    print(f"target: under {TARGET_MS:.0f} ms per config with the default loader: {verdict}")
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
