"""Published OpenMMLab projects under mypy with the plugin: errors on configs that run, and cost.

Run with ``make realworld`` (or ``python benchmarks/realworld.py``). Nothing of these projects
is kept in the repository: the script downloads their wheels from PyPI (``pip download
--no-deps``), which ship their configs under ``<package>/.mim/configs``, and lays each out as
its repository is (the package beside ``configs/``) under ``.realworld/`` (ignored by git).
A venv of its own, ``.realworld/venv``, holds this project with its ``mypy`` extra, and
MMEngine and mmcv-lite installed without their dependencies (no torch: nothing here may need
to import these projects).

For each project it writes the two lines of set-up (``paths`` and ``runner = "mmengine"``) and
runs mypy over the package and its shipped configs twice, cold, one run after the other:
without the plugin and with it, with the same mypy settings. It prints and writes to
``.realworld/results.json``:

- the exit status of each run (2 means mypy stopped: a crash or a setting it refused);
- the errors of each run, counted by error code, and the lines of those the plugin adds
  (every added error on a shipped config is a false one unless the config is among
  ``KNOWN_FAILURES``, each with the proof that it fails to build, which
  ``docs/performance.md`` lists too);
- the seconds of each run and their ratio: ``--repeats`` cold pairs (3 by default), the
  medians of the seconds and of the pairs' ratios; then as many warm pairs on the caches
  the last cold pair left, with nothing changed and after a comment appended to one shipped
  config (as an editor's save does), each run's output asserted equal to the cold one's.

Before it times anything it proves that the plugin checks the configs: a set of configs, each
built on a shipped one (``_base_``) with one mistake (a misspelt model, backbone, neck, head,
loss, transform, dataset, sampler, hook, metric, scheduler, optim wrapper, optimizer,
visualizer backend or loop; an unknown key; a value of the wrong type; a misspelt
``default_scope``), is checked in one run, and each is counted as reported when an error at
its line names the mistake.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / ".realworld"
VENV = WORK / "venv"
WHEELS = WORK / "wheels"

#: The published releases measured (issue 20 names them); dependencies installed into the venv
#: without theirs.
PROJECTS = {"mmdet": "mmdet==3.3.0", "mmseg": "mmsegmentation==1.2.2"}
DEPENDENCIES = ["mmengine==0.10.7", "mmcv-lite==2.2.0"]

#: mypy's settings: the package and its configs, as a user of the project runs it. Configs are
#: not a package, so two ``_base_`` files of one name are two modules only with their folders
#: as namespace packages.
MYPY_SETTINGS = """\
[tool.mypy]
python_version = "3.11"
files = ["{package}", "configs"]
namespace_packages = true
explicit_package_bases = true
ignore_missing_imports = true
follow_imports = "silent"
"""

#: What the plugin adds: the line under ``[tool.mypy]`` and the plugin's own table (issue
#: 20's two lines of set-up).
PLUGIN_LINE = 'plugins = ["typed_registry.mypy"]\n'
PLUGIN_TABLE = """
[tool.typed_registry.configs]
paths = ["configs"]
runner = "mmengine"
"""


#: Shipped configs that fail to build, each with the proof: the only errors on shipped configs
#: that are not false ones (``docs/performance.md`` lists them). The proof names what exists
#: nowhere in the sources of the project and its dependencies, or MMEngine's own failure.
_MOT17_BASE = (
    "its base './faster-rcnn_r50_fpn_8xb2-4e_mot17halftrain_test-mot17halfval' is written "
    "without '.py': no such file, and MMEngine's Config.fromfile raises FileNotFoundError "
    "(check_file_exist)"
)
_MMPRETRAIN = (
    "its base 'mmpretrain::_base_/datasets/imagenet_bs256_rsb_a12.py' is in mmpretrain, no "
    "dependency of mmdet: MMEngine raises 'mmpretrain is not installed, please install "
    "mmpretrain manually'"
)
KNOWN_FAILURES: dict[str, dict[str, str]] = {
    "mmdet": {
        "configs/sort/faster-rcnn_r50_fpn_8xb2-8e_mot20train_test-mot20train.py": _MOT17_BASE,
        "configs/sort/faster-rcnn_r50_fpn_8xb2-8e_mot20halftrain_test-mot20halfval.py": (
            _MOT17_BASE
        ),
        "configs/sort/faster-rcnn_r50_fpn_8xb2-4e_mot17train_test-mot17train.py": _MOT17_BASE,
        **{
            f"configs/rtmdet/classification/cspnext-{size}_8xb256-rsb-a1-600e_in1k.py": (
                _MMPRETRAIN
            )
            for size in ("s", "m", "l", "x", "tiny")
        },
        "configs/bytetrack/bytetrack_yolox_x_8xb4-amp-80e_crowdhuman-mot17halftrain_test-"
        "mot17test.py": (
            "its base './bytetrack/bytetrack_yolox_x_8xb4-amp-80e_crowdhuman-mot17halftrain_"
            "test-mot17halfval.py' is looked for in configs/bytetrack/bytetrack/: no such file "
            "(MMEngine: FileNotFoundError)"
        ),
        "configs/bytetrack/bytetrack_yolox_x_8xb4-80e_crowdhuman-mot20train_test-mot20test.py": (
            "test_evaluator type 'MOTChallengeMetrics' is registered nowhere in mmdet, mmengine "
            "or mmcv (mmdet registers 'MOTChallengeMetric'): KeyError when the Runner builds it"
        ),
        "configs/solov2/solov2-light_r50_fpn_ms-3x_coco.py": (
            "train_cfg=dict(by_epoch=True, ...) merges into its base's "
            "dict(type='EpochBasedTrainLoop', ...): MMEngine's Runner.build_train_loop raises "
            "RuntimeError('Only one of `type` or `by_epoch` can exist in `loop_cfg`.')"
        ),
        "configs/pascal_voc/faster-rcnn_r50_fpn_1x_voc0712-cocofmt.py": (
            "val_evaluator=dict(type='CocoMetric', ...) merges into _base_/datasets/voc0712.py's "
            "dict(type='VOCMetric', eval_mode='11points') without _delete_: "
            "CocoMetric.__init__ takes no eval_mode and no **kwargs (TypeError)"
        ),
    },
    "mmseg": {},
}


class Seeded(NamedTuple):
    """A config built on a shipped one with one mistake, which the plugin must report.

    Attributes:
        kind: What is wrong, and in which part.
        body: The config's lines after its ``_base_`` line (the mistake on the first).
        words: A word the error's message holds (the misspelt name or key).
    """

    kind: str
    body: str
    words: str


#: Per project: the shipped config the seeded ones build on, and the seeded mistakes (one per
#: kind and part). Each is written as it would be by a user overriding a shipped config.
SEEDED: dict[str, tuple[str, list[Seeded]]] = {
    "mmdet": (
        "retinanet/retinanet_r50_fpn_1x_coco.py",
        [
            Seeded("misspelt model", "model = dict(type='RetinaNett')", "RetinaNett"),
            Seeded("misspelt backbone", "model = dict(backbone=dict(type='ResNett'))", "ResNett"),
            Seeded("misspelt neck", "model = dict(neck=dict(type='FPNN'))", "FPNN"),
            Seeded(
                "misspelt head", "model = dict(bbox_head=dict(type='RetinaHeadd'))", "RetinaHeadd"
            ),
            Seeded(
                "misspelt loss",
                "model = dict(bbox_head=dict(loss_cls=dict(type='FocalLosss')))",
                "FocalLosss",
            ),
            Seeded(
                "misspelt transform",
                "train_dataloader = dict(dataset=dict(pipeline=[dict(type='LoadImageFromFilee')]))",
                "LoadImageFromFilee",
            ),
            Seeded(
                "misspelt dataset",
                "train_dataloader = dict(dataset=dict(type='CocoDatasett'))",
                "CocoDatasett",
            ),
            Seeded(
                "misspelt sampler",
                "train_dataloader = dict(sampler=dict(type='DefaultSamplerr'))",
                "DefaultSamplerr",
            ),
            Seeded(
                "misspelt hook",
                "default_hooks = dict(checkpoint=dict(type='CheckpointHookk'))",
                "CheckpointHookk",
            ),
            Seeded(
                "misspelt metric",
                "val_evaluator = dict(type='CocoMetricc')",
                "CocoMetricc",
            ),
            Seeded(
                "misspelt scheduler",
                "param_scheduler = [dict(type='MultiStepLRR', milestones=[8, 11])]",
                "MultiStepLRR",
            ),
            Seeded(
                "misspelt optim wrapper",
                "optim_wrapper = dict(type='OptimWrapperr')",
                "OptimWrapperr",
            ),
            Seeded(
                "misspelt optimizer",
                "optim_wrapper = dict(optimizer=dict(type='SGDD', lr=0.01))",
                "SGDD",
            ),
            Seeded(
                "misspelt visualizer backend",
                "visualizer = dict(vis_backends=[dict(type='LocalVisBackendd')])",
                "LocalVisBackendd",
            ),
            Seeded(
                "misspelt loop",
                "train_cfg = dict(_delete_=True, type='EpochBasedTrainLoopp', max_epochs=12)",
                "EpochBasedTrainLoopp",
            ),
            Seeded("unknown key", "val_evaluator = dict(clasewise=True)", "clasewise"),
            Seeded("value of the wrong type", "val_evaluator = dict(classwise='yes')", "classwise"),
            Seeded("misspelt default_scope", "default_scope = 'mmdett'", "mmdett"),
        ],
    ),
    "mmseg": (
        "pspnet/pspnet_r50-d8_4xb2-40k_cityscapes-512x1024.py",
        [
            Seeded("misspelt model", "model = dict(type='EncoderDecoderr')", "EncoderDecoderr"),
            Seeded(
                "misspelt backbone", "model = dict(backbone=dict(type='ResNetV1cc'))", "ResNetV1cc"
            ),
            Seeded("misspelt neck", "model = dict(neck=dict(type='FPNN'))", "FPNN"),
            Seeded("misspelt head", "model = dict(decode_head=dict(type='PSPHeadd'))", "PSPHeadd"),
            Seeded(
                "misspelt loss",
                "model = dict(decode_head=dict(loss_decode=dict(type='CrossEntropyLosss')))",
                "CrossEntropyLosss",
            ),
            Seeded(
                "misspelt transform",
                "train_dataloader = dict(dataset=dict(pipeline=[dict(type='LoadImageFromFilee')]))",
                "LoadImageFromFilee",
            ),
            Seeded(
                "misspelt dataset",
                "train_dataloader = dict(dataset=dict(type='CityscapesDatasett'))",
                "CityscapesDatasett",
            ),
            Seeded(
                "misspelt sampler",
                "train_dataloader = dict(sampler=dict(type='InfiniteSamplerr'))",
                "InfiniteSamplerr",
            ),
            Seeded(
                "misspelt hook",
                "default_hooks = dict(checkpoint=dict(type='CheckpointHookk'))",
                "CheckpointHookk",
            ),
            Seeded("misspelt metric", "val_evaluator = dict(type='IoUMetricc')", "IoUMetricc"),
            Seeded(
                "misspelt scheduler",
                "param_scheduler = [dict(type='PolyLRR', eta_min=1e-4)]",
                "PolyLRR",
            ),
            Seeded(
                "misspelt optim wrapper",
                "optim_wrapper = dict(type='OptimWrapperr')",
                "OptimWrapperr",
            ),
            Seeded(
                "misspelt optimizer",
                "optim_wrapper = dict(optimizer=dict(type='SGDD', lr=0.01))",
                "SGDD",
            ),
            Seeded(
                "misspelt visualizer backend",
                "visualizer = dict(vis_backends=[dict(type='LocalVisBackendd')])",
                "LocalVisBackendd",
            ),
            Seeded(
                "misspelt loop",
                "train_cfg = dict(_delete_=True, type='IterBasedTrainLoopp', max_iters=40000)",
                "IterBasedTrainLoopp",
            ),
            Seeded("unknown key", "model = dict(pretrianed=None)", "pretrianed"),
            Seeded(
                "value of the wrong type",
                "val_evaluator = dict(ignore_index='255')",
                "ignore_index",
            ),
            Seeded("misspelt default_scope", "default_scope = 'mmsegg'", "mmsegg"),
        ],
    ),
}

ERROR = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+): error: (?P<text>.*?)(?:  \[(?P<code>[\w-]+)\])?$"
)


def venv_python() -> Path:
    return VENV / "bin" / "python"


def ensure_venv() -> None:
    """Create ``.realworld/venv`` with this project (editable), mypy and the two dependencies."""
    stamp = VENV / ".installed"
    if stamp.exists() and stamp.stat().st_mtime >= (ROOT / "pyproject.toml").stat().st_mtime:
        return
    if not venv_python().exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip = [str(venv_python()), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "-e", f"{ROOT}[mypy]"], check=True)
    subprocess.run([*pip, "--no-deps", *DEPENDENCIES], check=True)
    stamp.touch()


def layout(project: str) -> Path:
    """Download ``project``'s wheel once and lay it out as its repository is."""
    tree = WORK / project
    if (tree / "configs").is_dir():
        return tree
    WHEELS.mkdir(parents=True, exist_ok=True)
    requirement = PROJECTS[project]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "-d",
            str(WHEELS),
            requirement,
        ],
        check=True,
    )
    name, version = requirement.split("==")
    wheel = next(WHEELS.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
    shutil.rmtree(tree, ignore_errors=True)
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tree)
    (tree / project / ".mim" / "configs").rename(tree / "configs")
    return tree


def write_settings(tree: Path, project: str, *, plugin: bool) -> Path:
    """The same mypy settings for both runs; the plugin's run adds the plugin and its table."""
    settings = tree / ("with-plugin.toml" if plugin else "without-plugin.toml")
    mypy = MYPY_SETTINGS.format(package=project)
    settings.write_text(mypy + PLUGIN_LINE + PLUGIN_TABLE if plugin else mypy, encoding="utf-8")
    return settings


def run_mypy(
    tree: Path, settings: Path, cache: Path, *, cold: bool = True
) -> tuple[int, float, list[str]]:
    if cold:
        shutil.rmtree(cache, ignore_errors=True)
    command = [
        str(venv_python()),
        "-m",
        "mypy",
        "--config-file",
        str(settings),
        "--cache-dir",
        str(cache),
        "--no-pretty",
        "--show-error-codes",
        "--no-error-summary",
    ]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    done = subprocess.run(command, cwd=tree, capture_output=True, text=True, check=False, env=env)
    elapsed = time.perf_counter() - start
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    return done.returncode, elapsed, lines


def errors(lines: list[str]) -> list[tuple[str, str]]:
    found = []
    for line in lines:
        match = ERROR.match(line)
        if match:
            found.append((match["code"] or "-", line))
    return found


def seeded_results(tree: Path, project: str, settings: Path) -> list[dict[str, object]]:
    """Which seeded mistakes the plugin reports at their line (one mypy run over them all)."""
    base, seeds = SEEDED[project]
    folder = tree / "configs" / "zz_seeded"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    files: list[tuple[Seeded, str]] = []
    for number, seed in enumerate(seeds):
        name = f"seeded_{number:02d}.py"
        relative = os.path.relpath(tree / "configs" / base, folder)
        (folder / name).write_text(f"_base_ = {relative!r}\n{seed.body}\n", encoding="utf-8")
        files.append((seed, f"configs/zz_seeded/{name}"))
    try:
        _, _, lines = run_mypy(tree, settings, tree / ".cache-seeded")
    finally:
        shutil.rmtree(folder)
    results: list[dict[str, object]] = []
    for seed, path in files:
        at_line = [line for line in lines if line.startswith(f"{path}:2:") and ": error:" in line]
        results.append(
            {
                "kind": seed.kind,
                "config": seed.body,
                "reported": any(seed.words in line for line in at_line),
                "errors": [line.split(": error: ", 1)[1] for line in at_line],
                "elsewhere": [
                    line for line in lines if line.startswith(f"{path}:") and line not in at_line
                ],
            }
        )
    return results


#: The warm runs timed after the cold ones, on their caches: none changed, and a comment
#: appended to one shipped config (a config is saved in the editor; mypy checks it again).
WARM_RUNS = ("nothing changed", "a config edited")
#: The config that the warm run edits, by project.
EDITED = {
    "mmdet": "configs/faster_rcnn/faster-rcnn_r50_fpn_1x_coco.py",
    "mmseg": "configs/pspnet/pspnet_r50-d8_4xb2-40k_cityscapes-512x1024.py",
}


def warm_pairs(
    tree: Path, settings: tuple[Path, Path], kind: str, repeats: int
) -> tuple[dict[str, object], tuple[list[str], list[str]]]:
    """Time ``repeats`` warm pairs of runs (``kind``: see WARM_RUNS); the last outputs."""
    caches = (tree / ".cache-plain", tree / ".cache-plugin")
    edited = tree / EDITED[tree.name]
    original = edited.read_bytes()
    pairs = []
    try:
        for number in range(repeats):
            if kind == "a config edited":
                edited.write_bytes(original + f"# saved {number}\n".encode())
            pairs.append(
                tuple(
                    run_mypy(tree, setting, cache, cold=False)
                    for setting, cache in zip(settings, caches, strict=True)
                )
            )
    finally:
        edited.write_bytes(original)
    ratios = sorted(with_it[1] / alone[1] for alone, with_it in pairs)
    figures: dict[str, object] = {
        "without_plugin": round(statistics.median(alone[1] for alone, _ in pairs), 3),
        "with_plugin": round(statistics.median(with_it[1] for _, with_it in pairs), 3),
        "ratio": round(statistics.median(ratios), 2),
        "ratios": [round(ratio, 2) for ratio in ratios],
    }
    alone, with_it = pairs[-1]
    return figures, (alone[2], with_it[2])


def measure(project: str, repeats: int) -> dict[str, object]:
    tree = layout(project)
    without = write_settings(tree, project, plugin=False)
    with_plugin = write_settings(tree, project, plugin=True)
    seeded = seeded_results(tree, project, with_plugin)
    # Cold runs in pairs, one after the other: the ratio of each pair, then the medians.
    pairs = [
        (
            run_mypy(tree, without, tree / ".cache-plain"),
            run_mypy(tree, with_plugin, tree / ".cache-plugin"),
        )
        for _ in range(repeats)
    ]
    plain, plugged = pairs[-1]
    ratios = sorted(with_it[1] / alone[1] for alone, with_it in pairs)
    warm = {kind: warm_pairs(tree, (without, with_plugin), kind, repeats) for kind in WARM_RUNS}
    for kind, (_, outputs) in warm.items():
        # A warm run that reports other than the cold one is no figure of the same check.
        assert outputs == (plain[2], plugged[2]), f"{project}: a warm run ({kind}) differs"
    plain_errors, plugin_errors = errors(plain[2]), errors(plugged[2])
    plain_lines = {line for _, line in plain_errors}
    added = [line for _, line in plugin_errors if line not in plain_lines]
    configs = [line for line in added if line.startswith("configs/")]
    known = KNOWN_FAILURES[project]
    false_errors = [line for line in configs if line.split(":", 1)[0] not in known]
    failing = {line.split(":", 1)[0] for line in configs} & known.keys()
    result: dict[str, object] = {
        "project": PROJECTS[project],
        "configs": sum(1 for _ in (tree / "configs").rglob("*.py")),
        "seeded_reported": f"{sum(bool(s['reported']) for s in seeded)} of {len(seeded)}",
        "seeded": seeded,
        "without_plugin": {
            "status": plain[0],
            "seconds": round(statistics.median(alone[1] for alone, _ in pairs), 2),
            "errors": dict(collections.Counter(c for c, _ in plain_errors)),
        },
        "with_plugin": {
            "status": plugged[0],
            "seconds": round(statistics.median(with_it[1] for _, with_it in pairs), 2),
            "errors": dict(collections.Counter(c for c, _ in plugin_errors)),
        },
        "ratio": round(statistics.median(ratios), 2),
        "ratios": [round(ratio, 2) for ratio in ratios],
        "warm": {kind: figures for kind, (figures, _) in warm.items()},
        "errors_added_by_plugin": len(added),
        "errors_added_on_configs": len(configs),
        # Every added error on a config not known to fail is a false one.
        "false_errors_on_configs": len(false_errors),
        "false_errors": false_errors,
        "known_failures_reported": f"{len(failing)} of {len(known)}",
        "added": added,
        "first_lines_with_plugin": plugged[2][:5] if plugged[0] == 2 else [],
    }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "projects",
        nargs="*",
        choices=[[], *PROJECTS],
        metavar="PROJECT",
        help="mmdet, mmseg (default: both)",
    )
    parser.add_argument(
        "--repeats", type=int, default=3, help="cold pairs of runs to time (default: 3)"
    )
    args = parser.parse_args()
    ensure_venv()
    results = [measure(project, args.repeats) for project in args.projects or PROJECTS]
    summary = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "load": Path("/proc/loadavg").read_text().split()[:3]
        if Path("/proc/loadavg").exists()
        else None,
        "results": results,
    }
    (WORK / "results.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    for result in results:
        plain, plugged = result["without_plugin"], result["with_plugin"]
        assert isinstance(plain, dict)
        assert isinstance(plugged, dict)
        print(
            f"{result['project']}: {result['configs']} configs; seeded mistakes reported "
            f"{result['seeded_reported']}; false errors on configs "
            f"{result['false_errors_on_configs']} (known failures reported "
            f"{result['known_failures_reported']}); mypy {plain['seconds']} s, with the "
            f"plugin {plugged['seconds']} s (medians; ratio {result['ratio']}x, pairs "
            f"{result['ratios']})"
        )
        warm = result["warm"]
        assert isinstance(warm, dict)
        for kind, figures in warm.items():
            print(
                f"  warm, {kind}: mypy {figures['without_plugin']} s, with the plugin "
                f"{figures['with_plugin']} s (ratio {figures['ratio']}x, pairs "
                f"{figures['ratios']})"
            )
    print(f"details: {WORK / 'results.json'}")


if __name__ == "__main__":
    main()
