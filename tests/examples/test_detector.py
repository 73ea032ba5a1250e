"""examples/detector runs: every correct module, script, config and registered entry.

Everything runs in a subprocess with ``PYTHONPATH=examples/detector``, so that the example's
packages and registries never enter this process. The seeded mistakes (``mistakes_*.py``)
are checked the other way round: each must fail at run time, and its docstring's fix must
make it pass.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "detector"
PACKAGES = ("minengine", "detkit", "clskit")
MARKER = re.compile(r"#\s*mistake:\s*([a-z-]+)\s*$")
CODES = {"registry-name", "call-arg", "arg-type", "registry-duplicate", "registry-bound"}
CODES |= {"registry-config"}


def run(code: str) -> str:
    """Run ``code`` in a fresh interpreter inside the example; return its stdout."""
    env = {**os.environ, "PYTHONPATH": str(EXAMPLE), "PYTHONWARNINGS": "error"}
    env.pop("PYTHONSTARTUP", None)
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=EXAMPLE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def module_names(*, mistakes: bool) -> list[str]:
    names = []
    for package in PACKAGES:
        for path in sorted((EXAMPLE / package).rglob("*.py")):
            if path.name.startswith("mistakes_") is not mistakes:
                continue
            parts = path.relative_to(EXAMPLE).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def mistake_files() -> list[Path]:
    """The modules with seeded mistakes (the config files with mistakes are not modules)."""
    return sorted(p for p in EXAMPLE.rglob("mistakes_*.py") if "configs" not in p.parts)


def mistake_configs() -> list[Path]:
    return sorted((EXAMPLE / "configs").rglob("mistakes_*.py"))


# -- correct code ---------------------------------------------------------------------------


def test_every_correct_module_imports():
    names = module_names(mistakes=False)
    assert len(names) > 40
    out = run(
        f"""
        import importlib, sys
        for name in {names!r}:
            importlib.import_module(name)
        # Nothing imported a mistakes module on the way.
        print(sorted(m for m in sys.modules if m.rsplit(".", 1)[-1].startswith("mistakes_")))
        """
    )
    assert out.strip() == "[]"


def test_tools_run():
    out = run(
        """
        import runpy
        train = runpy.run_path("tools/train.py")
        assert train["main"](["--depth", "18", "--epochs", "2", "--optimizer", "Adam"]) == 0
        analyze = runpy.run_path("tools/analyze.py")
        assert analyze["main"](["--depth", "50"]) == 0
        """
    )
    assert "epoch 1 val: {'coco/bbox_mAP'" in out
    assert "detector: " in out
    assert "Registry 'model' (scope 'minengine')" in out


def test_apis_run():
    out = run(
        """
        from detkit.apis import inference, train
        from clskit.apis import inference as cls_inference
        predictions = inference.main()
        assert [p["img_id"] for p in predictions] == [0, 1], predictions
        assert len(train.train_by_hand()) == 2
        runner = train.train_with_runner(max_epochs=2)
        assert len(runner.checkpoints) == 2 and runner.checkpoints[0]["classes"] == ()
        assert train.build_optimizer([]).lr == 0.01
        assert cls_inference.main() == 8
        print(len(runner.log))
        """
    )
    assert int(out) == 12


# -- config files ---------------------------------------------------------------------------

# A small stand-in for MMEngine's Config.fromfile: enough to build every config under
# configs/ (Python, JSON and YAML files; `_base_` a path or a list, relative to the file;
# dicts merged recursively, `_delete_=True` replacing, lists and scalars replaced;
# `{{_base_.key}}` replaced by the merged bases' value before a Python file runs; the
# pure-Python style's `with read_base(): from ..x import *`, whose dicts update key by key).
LOADER = r"""
import ast, json, pathlib, re, types

def _strip(value):
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k != "_delete_"}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value

def merge(base, child):
    out = dict(base)
    for key, value in child.items():
        mergeable = isinstance(value, dict) and isinstance(out.get(key), dict)
        if mergeable and not value.get("_delete_"):
            out[key] = merge(out[key], value)
        else:
            out[key] = _strip(value)
    return out

class _ConfigDict(dict):
    def update(self, other=(), **more):
        for key, value in dict(other, **more).items():
            if isinstance(value, dict) and isinstance(self.get(key), dict):
                self[key].update(value)
            else:
                self[key] = _config_dicts(value)

def _config_dicts(value):
    if isinstance(value, dict):
        return _ConfigDict({k: _config_dicts(v) for k, v in value.items()})
    if isinstance(value, list):
        return [_config_dicts(v) for v in value]
    return value

def _without_read_base(path, tree, namespace):
    body = []
    for node in tree.body:
        if isinstance(node, ast.With) and ast.unparse(node.items[0]) == "read_base()":
            for imported in node.body:
                folder = path.parent
                for _ in range(imported.level - 1):
                    folder = folder.parent
                base = folder.joinpath(*imported.module.split("."))
                namespace.update(_config_dicts(load(base.with_suffix(".py"))))
        elif not (
            isinstance(node, ast.ImportFrom) and [a.name for a in node.names] == ["read_base"]
        ):
            body.append(node)
    return ast.Module(body, [])

def _python_bases(text):
    for node in ast.parse(text).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "_base_" for target in node.targets
        ):
            return ast.literal_eval(node.value)
    return []

def _merged(path, bases):
    merged = {}
    for base in [bases] if isinstance(bases, str) else bases:
        merged = merge(merged, load(path.parent / base))
    return merged

def _value(merged, key):
    for part in key.split("."):
        merged = merged[part]
    return merged

def load(path):
    path = pathlib.Path(path).resolve()
    text = path.read_text()
    if path.suffix == ".py":
        merged = _merged(path, _python_bases(text))
        text = re.sub(
            r"\{\{\s*_base_\.([\w.]+)\s*\}\}", lambda m: repr(_value(merged, m[1])), text
        )
        namespace = {"__file__": str(path)}
        tree = _without_read_base(path, ast.parse(text), namespace)
        exec(compile(tree, str(path), "exec"), namespace)
        cfg = {k: v for k, v in namespace.items()
               if not k.startswith("__") and not isinstance(v, types.ModuleType)}
        cfg.pop("_base_", None)
        return merge(merged, cfg)
    if path.suffix == ".json":
        cfg = json.loads(text)
    else:
        import yaml
        cfg = yaml.safe_load(text)
    return merge(_merged(path, cfg.pop("_base_", [])), cfg)
"""

CONFIGS = sorted(
    str(path.relative_to(EXAMPLE))
    for folder in (EXAMPLE / "configs", EXAMPLE / "projects")
    for path in folder.rglob("*")
    if path.suffix in {".py", ".json", ".yaml"}
    and "configs" in path.relative_to(EXAMPLE).parts
    and "_base_" not in path.parts
    and not path.name.startswith("mistakes_")
)


def test_configs_have_no_init_files():
    # Nor the projects: projects/LightNeck is no package, its configs load it by name.
    assert not list((EXAMPLE / "configs").rglob("__init__.py"))
    assert not (EXAMPLE / "projects" / "__init__.py").exists()
    assert not (EXAMPLE / "projects" / "LightNeck" / "__init__.py").exists()
    assert len(CONFIGS) >= 10


@pytest.mark.parametrize("config", CONFIGS)
def test_config_builds_and_trains(config):
    out = run(
        LOADER
        + f"""
from minengine.runner import Runner
cfg = load({config!r})
cfg["train_cfg"]["max_epochs"] = 1  # the schedule's epochs, cut for the test
runner = Runner.from_cfg(cfg)
runner.train()
print(type(runner.model).__name__, runner.optim_wrapper.optimizer.__class__.__name__)
print(json.dumps(runner.val()))
"""
    )
    model, optimizer = out.splitlines()[0].split()
    assert model in {"RetinaNet", "ImageClassifier"}
    assert optimizer in {"SGD", "Adam"}
    assert json.loads(out.splitlines()[1])


def test_the_config_with_mistakes_fails_at_run_time():
    assert [p.name for p in mistake_configs()] == [
        "mistakes_retinanet_r50_fpn.py",
        "mistakes_retinanet_r50_fpn_1x_coco.py",
        "mistakes_retinanet_r50_lightneck_1x_coco.py",
    ]
    out = run(
        LOADER
        + """
from minengine.runner import Runner
for name in ("fpn_1x_coco", "lightneck_1x_coco"):
    cfg = load(f"configs/retinanet/mistakes_retinanet_r50_{name}.py")
    try:
        Runner.from_cfg(cfg).train()
    except Exception as error:
        print(type(error).__name__)
"""
    )
    raised = RAISES["registry-name"] | RAISES["call-arg"] | RAISES["arg-type"]
    assert len(out.split()) == 2
    assert set(out.split()) <= raised


def test_config_merge_semantics():
    out = run(
        LOADER
        + """
r101 = load("configs/retinanet/retinanet_r101_fpn_1x_coco.py")
assert r101["model"]["backbone"]["depth"] == 101
assert r101["model"]["backbone"]["type"] == "ResNet"  # from the base
sgd = dict(type="SGD", lr=0.01, momentum=0.9, weight_decay=0.0001)
assert r101["optim_wrapper"]["optimizer"] == sgd
voc = load("configs/retinanet/retinanet_mobilenetv2_1x_voc.py")
assert "depth" not in voc["model"]["backbone"]  # _delete_ replaced it
assert voc["model"]["bbox_head"]["num_classes"] == 4
assert "_delete_" not in json.dumps(voc)
trainpipe = load("configs/retinanet/retinanet_r50_fpn_1x_coco_trainpipe_val.py")
assert trainpipe["val_dataloader"]["dataset"]["pipeline"] == trainpipe["train_pipeline"]
assert trainpipe["val_dataloader"]["batch_size"] == 1  # the rest from the base
readbase = load("configs/retinanet/retinanet_r101_fpn_1x_coco_readbase.py")
assert readbase["model"]["backbone"]["depth"] == 101
assert readbase["model"]["backbone"]["type"] == "ResNet"  # updated, not replaced
assert readbase["model"]["bbox_head"]["num_classes"] == 20
assert readbase["model"]["bbox_head"]["type"] == "RetinaHead"
imagenet = load("configs/classification/resnet18_imagenet.py")
assert imagenet["param_scheduler"]["milestones"] == [30, 60, 90]  # from its schedule_1x.py
amp = load("configs/retinanet/retinanet_r50_fpn_amp_1x_coco.yaml")
assert amp["optim_wrapper"]["type"] == "AmpOptimWrapper"
assert amp["optim_wrapper"]["optimizer"]["type"] == "SGD"
print("ok")
"""
    )
    assert out.strip() == "ok"


# -- every registered entry -----------------------------------------------------------------

# A valid config (besides its type) for every entry of every registry of the example;
# the test fails on an entry that is missing here, so a new entry needs a config.
ENTRIES = """
from typed_registry import default_scope
import importlib
for name in MODULES:
    importlib.import_module(name)
import minengine.registry as engine, detkit.registry as det, clskit.registry as cls
from minengine.model import BaseModule
from minengine.optim import OptimWrapper

class Net(BaseModule):
    def __init__(self):
        super().__init__()
        self.w = self.add_param(1.0)

wrapper = OptimWrapper(optimizer=dict(type="SGD", lr=0.1), params=Net().parameters())
pipeline = [dict(type="LoadImageFromFile")]
head = dict(type="LinearClsHead", num_classes=3, in_channels=8)
neck = dict(type="FPN", in_channels=[8, 16, 32, 64], out_channels=8, num_outs=5)
KWARGS = {
    "BN": dict(num_features=8), "GN": dict(num_groups=2, num_channels=8),
    "ResNet": dict(depth=18), "ResNeXt": dict(depth=50), "FPN": neck, "FeaturePyramid": neck,
    "ChannelMapper": dict(in_channels=[8, 16], out_channels=8),
    "AnchorHead": dict(num_classes=3, in_channels=8),
    "RetinaHead": dict(num_classes=3, in_channels=8),
    "SingleStageDetector": dict(backbone=dict(type="ResNet", depth=18), neck=neck,
                                bbox_head=dict(type="RetinaHead", num_classes=3, in_channels=8)),
    "RetinaNet": dict(backbone=dict(type="ResNet", depth=18), neck=neck,
                      bbox_head=dict(type="RetinaHead", num_classes=3, in_channels=8)),
    "ImageClassifier": dict(backbone=dict(type="ViT", arch="tiny"), head=head),
    "LinearClsHead": dict(num_classes=3, in_channels=8),
    "LabelSmoothLoss": dict(label_smooth_val=0.1),
    "Constant": dict(val=0.5), "Pretrained": dict(checkpoint="torchvision://resnet18"),
    "ConcatDataset": dict(datasets=[dict(type="detkit.CocoDataset", pipeline=pipeline)]),
    "RepeatDataset": dict(dataset=dict(type="detkit.VOCDataset", pipeline=pipeline), times=2),
    "CocoDataset": dict(pipeline=pipeline), "VOCDataset": dict(pipeline=pipeline),
    "ImageNet": dict(pipeline=pipeline),
    "Compose": dict(transforms=pipeline), "Resize": dict(scale=(8, 4)),
    "RandomResizedCrop": dict(scale=8),
    "SGD": dict(params=[], lr=0.1), "Adam": dict(params=[]), "AdamW": dict(params=[]),
    "OptimWrapper": dict(optimizer=dict(type="SGD", lr=0.1)),
    "AmpOptimWrapper": dict(optimizer=dict(type="Adam")),
    "LinearLR": dict(optimizer=wrapper), "MultiStepLR": dict(optimizer=wrapper, milestones=[1]),
    "CosineAnnealingLR": dict(optimizer=wrapper, T_max=4),
    "QuadraticWarmupLR": dict(optimizer=wrapper, end=4),
    "EpochBasedTrainLoop": None, "ValLoop": None, "TestLoop": None,  # need a runner: see configs
    "DumpResults": dict(out_file_path="results.pkl"),
    "AnchorGenerator": dict(strides=[8], ratios=[1.0], scales=[8]),
    "RetinaAnchorGenerator": dict(), "MaxIoUAssigner": dict(pos_iou_thr=0.5, neg_iou_thr=0.4),
    "FrozenBN": dict(num_features=4),
}
built = []
for registry in [*engine.__dict__.values(), *det.__dict__.values(), *cls.__dict__.values()]:
    if type(registry).__name__ != "Registry":
        continue
    for name in registry:
        kwargs = KWARGS.get(name, {})
        if kwargs is None:
            continue
        with default_scope(registry.scope):
            obj = registry.build({"type": name, **kwargs})
        assert obj is not None, name
        built.append(f"{registry.scope}.{name}")
print("\\n".join(sorted(set(built))))
"""


def test_every_registered_entry_builds():
    names = module_names(mistakes=False)
    out = run(f"MODULES = {names!r}\n" + ENTRIES)
    built = set(out.split())
    assert {"detkit.RetinaNet", "clskit.ResNet", "detkit.ResNet", "minengine.LoadImage"} <= built
    assert {"detkit.photometric_distortion", "detkit.balanced_l1_loss"} <= built
    assert "minengine.CheckpointHook" in built
    assert len(built) > 70


# -- the seeded mistakes --------------------------------------------------------------------


def markers() -> list[tuple[Path, int, str]]:
    found = []
    for path in mistake_files() + mistake_configs():
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            match = MARKER.search(line)
            if match:
                assert match.group(1) in CODES, f"{path}:{number}: unknown code"
                found.append((path, number, match.group(1)))
    return found


def test_mistakes_are_marked_and_only_in_mistakes_files():
    found = markers()
    assert len(found) >= 30
    for path in EXAMPLE.rglob("*.py"):
        if not path.name.startswith("mistakes_"):
            assert not any(map(MARKER.search, path.read_text().splitlines())), path
    assert {code for _, _, code in found} == CODES


def mistake_functions() -> list[tuple[str, str, str | None, int | None, str]]:
    """(module, function, fix, marked line, code) for every mistake_* function.

    A function without a marker uses a module-level config that has it (a registry-name).
    """
    functions = []
    for path in mistake_files():
        source = path.read_text()
        lines = source.splitlines()
        parts = path.relative_to(EXAMPLE).with_suffix("").parts
        module = ".".join(parts)
        for node in ast.parse(source).body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("mistake_"):
                span = range(node.lineno, (node.end_lineno or node.lineno) + 1)
                marked = [n for n in span if MARKER.search(lines[n - 1])]
                assert len(marked) <= 1, (path, node.name)
                doc = ast.get_docstring(node) or ""
                fix = doc[len("Fix: ") :] if doc.startswith("Fix: ") else None
                line = marked[0] if marked else None
                match = MARKER.search(lines[line - 1]) if line else None
                code = match.group(1) if match else "registry-name"
                functions.append((module, node.name, fix, line, code))
    return functions


MISTAKE_FUNCTIONS = mistake_functions()


# What each kind of mistake raises at run time.
RAISES = {
    "registry-name": {"NotRegisteredError"},
    "call-arg": {"TypeError"},
    "arg-type": {"TypeError", "KeyError", "ValueError"},
    "registry-config": {"MissingTypeError", "TypeError"},
}


@pytest.mark.parametrize(
    ("module", "function", "fix", "line", "code"),
    MISTAKE_FUNCTIONS,
    ids=[f"{m}.{f}" for m, f, *_ in MISTAKE_FUNCTIONS],
)
def test_each_mistake_fails_at_run_time_and_its_fix_runs(module, function, fix, line, code):
    path = EXAMPLE / (module.replace(".", "/") + ".py")
    out = run(
        f"""
        import importlib
        module = importlib.import_module({module!r})
        try:
            module.{function}()
        except (KeyError, TypeError, ValueError) as error:
            print(type(error).__name__)
        else:
            raise SystemExit("{function} did not fail")
        """
    )
    assert out.strip() in RAISES[code]
    if fix is None:
        return
    old, new = fix.split(" => ")
    lines = path.read_text().splitlines()
    assert old in lines[line - 1], (old, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    fixed = "\n".join(lines)
    run(
        f"""
        import sys, types
        module = types.ModuleType({module!r})
        module.__file__ = {str(path)!r}
        sys.modules[{module!r}] = module
        exec(compile({fixed!r}, {str(path)!r}, "exec"), module.__dict__)
        module.{function}()
        """
    )


def test_unlisted_module_is_the_only_way_to_get_its_entry():
    out = run(
        """
        from detkit.registry import MODELS
        assert MODELS.get("YOLOV3") is None
        import detkit.mistakes_unlisted
        print(MODELS.build(dict(type="YOLOV3", num_classes=3)).num_classes)
        """
    )
    assert out.strip() == "3"


def test_duplicate_registrations_fail_at_import():
    out = run(
        """
        import importlib
        import detkit.models
        from typed_registry import DuplicateNameError
        for name in ("detkit.models.backbones.mistakes_duplicate", "detkit.mistakes_registrations"):
            try:
                importlib.import_module(name)
            except DuplicateNameError as error:
                print(error.name)
        """
    )
    assert out.split() == ["ResNet", "TinyNeck"]
