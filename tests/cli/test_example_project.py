"""``typed-registry check`` on examples/detector: clean on its configs, every seeded mistake
found; and typed_registry's reader agrees with MMEngine's on every config file there.

The checks run the console script in a subprocess from the example's folder (its packages
are imported from there, and this process keeps none of them).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from mmengine.config import Config

from typed_registry._configs import load_config_file, to_plain

EXAMPLE = Path(__file__).parents[2] / "examples" / "detector"
CONFIGS = sorted(
    path
    for folder in (EXAMPLE / "configs", EXAMPLE / "projects" / "LightNeck" / "configs")
    for path in folder.rglob("*")
    if path.suffix in {".py", ".json", ".yaml"}
)
SCRIPT = Path(sys.executable).with_name("typed-registry")


def _check(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), "check", *argv], cwd=EXAMPLE, capture_output=True, text=True, check=False
    )


CORRECT = [
    str(path.relative_to(EXAMPLE))
    for path in CONFIGS
    if "_base_" not in path.parts and not path.name.startswith("mistakes_")
]


@pytest.mark.parametrize("loader", ["builtin", "mmengine"])
def test_the_examples_configs_are_clean(loader):
    done = _check("--loader", loader, *CORRECT)
    assert (done.returncode, done.stdout, done.stderr) == (0, "No problems in 10 configs\n", "")


@pytest.mark.parametrize("config", CONFIGS, ids=lambda path: path.name)
def test_the_reader_agrees_with_mmengine(config):
    mmengine_value = Config.fromfile(str(config), import_custom_modules=False).to_dict()
    assert to_plain(load_config_file(config).root) == mmengine_value


def test_every_seeded_mistake_is_reported_by_path(tmp_path):
    config = tmp_path / "retinanet_mistakes.py"
    config.write_text(
        textwrap.dedent(
            f"""
            _base_ = "{EXAMPLE}/configs/retinanet/retinanet_r50_fpn_1x_coco.py"
            model = dict(
                backbone=dict(depth="50", dpth=3),
                neck=dict(type="FPNN"),
                bbox_head=dict(loss_cls=dict(type="FocalLos")),
            )
            train_dataloader = dict(
                dataset=dict(pipeline=[dict(type="LoadImageFromFile"), dict(type="RandomFlp")])
            )
            optim_wrapper = dict(optimizer=dict(type="SGD", lr="0.1"))
            param_scheduler = [dict(type="MultiStepLr", milestones=[8, 11])]
            default_hooks = dict(logger=dict(type="LogerHook", interval=1))
            val_cfg = dict(type="ValLoop", fp16="yes")
            """
        ),
        encoding="utf-8",
    )
    done = _check(str(config), "--format", "json")
    assert done.returncode == 1, done.stderr
    found = [(p["path"], p["code"], p["line"]) for p in json.loads(done.stdout)["problems"]]
    assert found == [
        ("model.backbone.dpth", "call-arg", 4),
        ("model.backbone.depth", "arg-type", 4),
        ("model.neck.type", "registry-name", 5),
        ("model.bbox_head.loss_cls.type", "registry-name", 6),
        ("train_dataloader.dataset.pipeline[1].type", "registry-name", 9),
        ("optim_wrapper.optimizer.lr", "arg-type", 11),
        ("param_scheduler[0].type", "registry-name", 12),
        ("default_hooks.logger.type", "registry-name", 13),
        ("val_cfg.fp16", "arg-type", 14),
    ]


MARKER = re.compile(r"#\s*mistake:\s*([a-z-]+)\s*$")
REPORT = re.compile(r"^(?P<file>configs/\S+\.py):(?P<line>\d+): error: .*\[(?P<code>[a-z-]+)\]$")


def _marked() -> set[tuple[str, int, str]]:
    found = set()
    for path in (EXAMPLE / "configs").rglob("mistakes_*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = MARKER.search(line)
            if match:
                found.add((str(path.relative_to(EXAMPLE)), number, match.group(1)))
    return found


def test_mypy_and_check_report_the_same_mistakes_in_the_configs(tmp_path):
    """The config with seeded mistakes (and its base): both report each marked line, no more."""
    marked = _marked()
    assert len({code for _, _, code in marked}) >= 3
    assert len(marked) >= 6
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), "configs"],
        cwd=EXAMPLE,
        capture_output=True,
        text=True,
        check=False,
    )
    assert mypy.returncode == 1, mypy.stdout + mypy.stderr
    by_mypy = {
        (match["file"], int(match["line"]), match["code"])
        for match in map(REPORT.match, mypy.stdout.splitlines())
        if match
    }
    # mypy reads the LightNeck project's source; check reads custom_imports without importing
    # them (their classes' keys unchecked), unless asked to import them as the runner does.
    done = _check(
        "configs/retinanet/mistakes_retinanet_r50_fpn_1x_coco.py",
        "configs/retinanet/mistakes_retinanet_r50_lightneck_1x_coco.py",
        "--import-custom-imports",
        "--format",
        "json",
    )
    assert done.returncode == 1, done.stderr
    by_check = {
        (str((EXAMPLE / p["file"]).resolve().relative_to(EXAMPLE)), p["line"], p["code"])
        for p in json.loads(done.stdout)["problems"]
    }
    assert by_mypy == marked
    assert by_check == marked
