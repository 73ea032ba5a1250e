"""A stand-in for MMEngine's root registries, and a codebase ``det`` built on them.

The package is named ``mmengine`` and its ``registry`` module holds the root registries under
MMEngine's variable names, so that ``runner = "mmengine"`` names them; they are
typed-registry registries, which every tool reads (MMEngine's own ``Registry`` is another
matter). Each class takes the arguments the real one takes that the configs below use.
``det`` has child registries (scope "det") and configs with ``default_scope = "det"``.
"""

from __future__ import annotations

#: The root registries, as ``mmengine/registry/root.py`` names them.
ROOTS = (
    "MODELS",
    "MODEL_WRAPPERS",
    "OPTIM_WRAPPERS",
    "OPTIMIZERS",
    "OPTIM_WRAPPER_CONSTRUCTORS",
    "PARAM_SCHEDULERS",
    "DATASETS",
    "TRANSFORMS",
    "DATA_SAMPLERS",
    "FUNCTIONS",
    "EVALUATOR",
    "METRICS",
    "LOOPS",
    "HOOKS",
    "VISUALIZERS",
    "VISBACKENDS",
    "LOG_PROCESSORS",
)
#: The children that ``det`` makes.
CHILDREN = ("MODELS", "DATASETS", "TRANSFORMS", "DATA_SAMPLERS", "METRICS", "HOOKS")

_REGISTRY = "from typed_registry import Registry\n\n" + "\n".join(
    f'{name}: Registry[object] = Registry("{name.lower()}", scope="mmengine", '
    'locations=["mmengine.parts"])'
    for name in ROOTS
)
_DET_REGISTRY = "from typed_registry import Registry\n\n" + "\n".join(
    f"from mmengine.registry import {name} as ROOT_{name}\n"
    f'{name}: Registry[object] = Registry("{name.lower()}", parent=ROOT_{name}, '
    'scope="det", locations=["det.parts"])'
    for name in CHILDREN
)

_PARTS = """\
from typing import Any

from mmengine.registry import (
    DATA_SAMPLERS, EVALUATOR, FUNCTIONS, HOOKS, LOG_PROCESSORS, LOOPS, MODEL_WRAPPERS, MODELS,
    OPTIM_WRAPPERS, OPTIM_WRAPPER_CONSTRUCTORS, OPTIMIZERS, PARAM_SCHEDULERS, VISBACKENDS,
    VISUALIZERS,
)


@MODEL_WRAPPERS.register_module()
class MMDistributedDataParallel:
    def __init__(
        self, module: Any, device_ids: list[int] | None = None,
        find_unused_parameters: bool = False,
    ) -> None:
        self.module = module


@MODELS.register_module()
class BaseDataPreprocessor:
    def __init__(self, non_blocking: bool = False) -> None:
        self.non_blocking = non_blocking


@OPTIM_WRAPPERS.register_module()
class OptimWrapper:
    def __init__(
        self, optimizer: Any, accumulative_counts: int = 1, clip_grad: Any = None
    ) -> None:
        self.optimizer = optimizer


@OPTIM_WRAPPERS.register_module()
class AmpOptimWrapper(OptimWrapper):
    def __init__(self, optimizer: Any, loss_scale: str = "dynamic") -> None:
        super().__init__(optimizer)


@OPTIM_WRAPPER_CONSTRUCTORS.register_module()
class DefaultOptimWrapperConstructor:
    def __init__(self, optim_wrapper_cfg: dict[str, Any], paramwise_cfg: Any = None) -> None:
        self.cfg = optim_wrapper_cfg


@OPTIMIZERS.register_module()
class SGD:
    def __init__(
        self, params: Any, lr: float, momentum: float = 0.0, weight_decay: float = 0.0
    ) -> None:
        self.lr = lr


@OPTIMIZERS.register_module()
class AdamW:
    def __init__(self, params: Any, lr: float = 0.001, weight_decay: float = 0.01) -> None:
        self.lr = lr


@PARAM_SCHEDULERS.register_module()
class LinearLR:
    def __init__(
        self, optimizer: Any, start_factor: float = 1 / 3, by_epoch: bool = True,
        begin: int = 0, end: int = 1000,
    ) -> None:
        self.optimizer = optimizer


@PARAM_SCHEDULERS.register_module()
class MultiStepLR:
    def __init__(
        self, optimizer: Any, milestones: list[int], gamma: float = 0.1,
        by_epoch: bool = True, begin: int = 0, end: int = 1000,
    ) -> None:
        self.milestones = milestones


@DATA_SAMPLERS.register_module()
class DefaultSampler:
    def __init__(self, dataset: Any, shuffle: bool = True, seed: int | None = None) -> None:
        self.dataset = dataset


@FUNCTIONS.register_module()
def pseudo_collate(data_batch: list[Any]) -> Any:
    return data_batch


@EVALUATOR.register_module()
class Evaluator:
    def __init__(self, metrics: Any) -> None:
        self.metrics = metrics


@LOOPS.register_module()
class EpochBasedTrainLoop:
    def __init__(
        self, runner: Any, dataloader: Any, max_epochs: int, val_begin: int = 1,
        val_interval: int = 1,
    ) -> None:
        self.max_epochs = max_epochs


@LOOPS.register_module()
class IterBasedTrainLoop:
    def __init__(
        self, runner: Any, dataloader: Any, max_iters: int, val_begin: int = 1,
        val_interval: int = 1000,
    ) -> None:
        self.max_iters = max_iters


@LOOPS.register_module()
class ValLoop:
    def __init__(self, runner: Any, dataloader: Any, evaluator: Any, fp16: bool = False) -> None:
        self.fp16 = fp16


@LOOPS.register_module()
class TestLoop:
    def __init__(self, runner: Any, dataloader: Any, evaluator: Any, fp16: bool = False) -> None:
        self.fp16 = fp16


@HOOKS.register_module()
class IterTimerHook:
    def __init__(self) -> None:
        self.on = True


@HOOKS.register_module()
class LoggerHook:
    def __init__(self, interval: int = 10) -> None:
        self.interval = interval


@HOOKS.register_module()
class CheckpointHook:
    def __init__(self, interval: int = -1, by_epoch: bool = True) -> None:
        self.interval = interval


@HOOKS.register_module()
class ParamSchedulerHook:
    def __init__(self) -> None:
        self.on = True


@VISUALIZERS.register_module()
class Visualizer:
    def __init__(
        self, name: str = "visualizer", vis_backends: Any = None, save_dir: str | None = None
    ) -> None:
        self.name = name


@VISBACKENDS.register_module()
class LocalVisBackend:
    def __init__(self, save_dir: str, img_save_dir: str = "vis_image") -> None:
        self.save_dir = save_dir


@LOG_PROCESSORS.register_module()
class LogProcessor:
    def __init__(self, window_size: int = 10, by_epoch: bool = True, num_digits: int = 4) -> None:
        self.window_size = window_size
"""

_DET_PARTS = """\
from typing import Any

from det.registry import DATA_SAMPLERS, DATASETS, HOOKS, METRICS, MODELS, TRANSFORMS


@MODELS.register_module()
class DetDataPreprocessor:
    def __init__(self, mean: list[float] | None = None, bgr_to_rgb: bool = False) -> None:
        self.mean = mean


@MODELS.register_module()
class RetinaNet:
    def __init__(self, depth: int, data_preprocessor: Any = None) -> None:
        self.depth = depth


@DATASETS.register_module()
class CocoDataset:
    def __init__(self, ann_file: str, pipeline: list[Any], data_root: str = "") -> None:
        self.ann_file = ann_file


@TRANSFORMS.register_module()
class LoadImageFromFile:
    def __init__(self, to_float32: bool = False) -> None:
        self.to_float32 = to_float32


@TRANSFORMS.register_module()
class Resize:
    def __init__(self, scale: tuple[int, int], keep_ratio: bool = False) -> None:
        self.scale = scale


@DATA_SAMPLERS.register_module()
class AspectRatioBatchSampler:
    def __init__(self, sampler: Any, batch_size: int, drop_last: bool = False) -> None:
        self.batch_size = batch_size


@METRICS.register_module()
class CocoMetric:
    def __init__(self, ann_file: str | None = None, metric: str = "bbox") -> None:
        self.metric = metric


@METRICS.register_module()
class DumpResults:
    def __init__(self, out_file_path: str) -> None:
        self.out_file_path = out_file_path


@HOOKS.register_module()
class DetVisualizationHook:
    def __init__(self, draw: bool = False) -> None:
        self.draw = draw
"""

#: A config that MMEngine's Runner runs: every part the preset knows, in the forms the
#: Runner accepts (no optim_wrapper type, by_epoch, lists, a None hook, vis_backends).
RUNS = """\
default_scope = "det"
custom_imports = dict(imports=["det.parts"], allow_failed_imports=False)
model = dict(type="RetinaNet", depth=50)
model_wrapper_cfg = dict(find_unused_parameters=True)
data_preprocessor = dict(type="DetDataPreprocessor", mean=[1.0, 2.0], bgr_to_rgb=True)
pipeline = [
    dict(type="LoadImageFromFile"),
    dict(type="Resize", scale=(1333, 800), keep_ratio=True),
]
train_dataloader = dict(
    batch_size=2,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type="DefaultSampler", shuffle=True),
    batch_sampler=dict(type="AspectRatioBatchSampler"),
    collate_fn=dict(type="pseudo_collate"),
    dataset=dict(type="CocoDataset", ann_file="train.json", pipeline=pipeline),
)
val_dataloader = dict(
    batch_size=1,
    sampler=dict(type="DefaultSampler", shuffle=False),
    dataset=dict(type="CocoDataset", ann_file="val.json", pipeline=pipeline),
)
test_dataloader = val_dataloader
val_evaluator = [
    dict(type="CocoMetric", metric="bbox"),
    dict(type="DumpResults", out_file_path="r.pkl"),
]
test_evaluator = dict(metrics=[dict(type="CocoMetric")])
optim_wrapper = dict(
    optimizer=dict(type="SGD", lr=0.02, momentum=0.9, weight_decay=0.0001),
    paramwise_cfg=dict(norm_decay_mult=0.0),
    clip_grad=None,
)
param_scheduler = [
    dict(type="LinearLR", start_factor=0.001, by_epoch=False, begin=0, end=500),
    dict(type="MultiStepLR", milestones=[8, 11], convert_to_iter_based=True),
]
train_cfg = dict(by_epoch=True, max_epochs=12, val_interval=1)
val_cfg = dict()
test_cfg = dict(type="TestLoop")
default_hooks = dict(
    timer=dict(type="IterTimerHook"),
    logger=dict(type="LoggerHook", interval=50),
    checkpoint=dict(type="CheckpointHook", interval=1, priority="VERY_LOW"),
    param_scheduler=None,
    visualization=dict(type="DetVisualizationHook"),
)
custom_hooks = [dict(type="DetVisualizationHook", draw=True, priority=49)]
vis_backends = [dict(type="LocalVisBackend", name="local")]
visualizer = dict(type="Visualizer", vis_backends=vis_backends, name="visualizer")
log_processor = dict(window_size=50, by_epoch=True)
"""

SETTINGS = """\
[tool.mypy]
plugins = ["typed_registry.mypy"]

[tool.typed_registry]
locations = ["mmengine.parts", "det.parts"]

[tool.typed_registry.configs]
paths = ["configs"]
runner = "mmengine"
"""

FILES = {
    "mmengine/__init__.py": "",
    "mmengine/registry/__init__.py": _REGISTRY + "\n",
    "mmengine/parts.py": _PARTS,
    "det/__init__.py": "",
    "det/registry.py": _DET_REGISTRY + "\n",
    "det/parts.py": _DET_PARTS,
    "configs/runs.py": RUNS,
}


def mistake(old: str, new: str) -> str:
    """The config that runs, with ``old`` of its text changed to ``new`` (one mistake)."""
    assert old in RUNS, old
    return RUNS.replace(old, new)


#: One seeded mistake per kind and part: (config name, old text, new text, the text of the
#: line it must be reported at, the start of the message after the part's path).
MISTAKES = (
    ("optimizer", 'type="SGD"', 'type="SGDD"', '"SGDD"', "optim_wrapper.optimizer.type: "),
    ("scheduler", '"MultiStepLR"', '"MultiStepLRR"', "MultiStepLRR", "param_scheduler[1].type: "),
    (
        "dataset",
        'type="CocoDataset", ann_file="train.json"',
        'type="CocoDatset", ann_file="train.json"',
        "CocoDatset",
        "train_dataloader.dataset.type: ",
    ),
    ("transform", 'type="Resize"', 'type="Resiz"', "Resiz", "train_dataloader.dataset.pipeline"),
    (
        "sampler",
        '"DefaultSampler", shuffle=True',
        '"DefaultSamplr", shuffle=True',
        "DefaultSamplr",
        "train_dataloader.sampler.type: ",
    ),
    ("hook", '"IterTimerHook"', '"IterTimerHok"', "IterTimerHok", "default_hooks.timer.type: "),
    (
        "metric",
        'type="CocoMetric", metric',
        'type="CocoMetrc", metric',
        "CocoMetrc",
        "val_evaluator",
    ),
    (
        "evaluator_metric",
        'metrics=[dict(type="CocoMetric")]',
        'metrics=[dict(type="CocoMetrik")]',
        "CocoMetrik",
        "test_evaluator.metrics[0].type: ",
    ),
    ("loop", 'dict(type="TestLoop")', 'dict(type="TestLop")', "TestLop", "test_cfg.type: "),
    (
        "vis_backend",
        '"LocalVisBackend"',
        '"LocalVisBacknd"',
        "LocalVisBacknd",
        "visualizer.vis_backends[0].type: ",
    ),
    (
        "log_processor",
        "log_processor = dict(",
        'log_processor = dict(type="LogProcesor", ',
        "LogProcesor",
        "log_processor.type: ",
    ),
    (
        "optim_wrapper",
        "optim_wrapper = dict(",
        'optim_wrapper = dict(type="OptimWraper", ',
        "OptimWraper",
        "optim_wrapper.type: ",
    ),
    (
        "data_preprocessor",
        'type="DetDataPreprocessor"',
        'type="DetDataPreprocesor"',
        "DetDataPreprocesor",
        "data_preprocessor.type: ",
    ),
    ("collate_fn", '"pseudo_collate"', '"pseudo_colate"', "pseudo_colate", "train_dataloader.coll"),
    ("wrapper_key", "clip_grad=None", "clip_grd=None", "clip_grd", "optim_wrapper.clip_grd: "),
    ("epoch_loop_key", "max_epochs=12", "max_epoch=12", "max_epoch", "train_cfg.max_epoch: "),
    (
        "iter_loop_key",
        "by_epoch=True, max_epochs=12",
        "by_epoch=False, max_epochs=12",
        "max_epochs",
        "train_cfg.max_epochs: ",
    ),
    ("val_loop_key", "val_cfg = dict()", "val_cfg = dict(fp61=True)", "fp61", "val_cfg.fp61: "),
    ("processor_key", "window_size=50", "window_sise=50", "window_sise", "log_processor.window_"),
    ("hook_key", "interval=50", "intervall=50", "intervall", "default_hooks.logger.intervall: "),
    ("metric_key", 'metric="bbox"', 'metrik="bbox"', "metrik", "val_evaluator[0].metrik: "),
    (
        "model_wrapper_key",
        "find_unused_parameters=True",
        "find_unused_parameter=True",
        "find_unused_parameter",
        "model_wrapper_cfg.find_unused_parameter: ",
    ),
    (
        "missing_argument",
        'type="SGD", lr=0.02,',
        'type="SGD",',
        'type="SGD",',
        'optim_wrapper.optimizer: Missing named argument "lr" for "SGD"',
    ),
    (
        "wrong_value",
        "interval=50",
        'interval="50"',
        'interval="50"',
        "default_hooks.logger.interval: ",
    ),
)

#: Both a loop ``type`` and ``by_epoch``: MMEngine's build_train_loop raises
#: ``RuntimeError('Only one of `type` or `by_epoch` can exist in `loop_cfg`.')``.
BOTH_TYPE_AND_BY_EPOCH = (
    "train_cfg = dict(by_epoch=True",
    'train_cfg = dict(type="EpochBasedTrainLoop", by_epoch=True',
)
BOTH_MESSAGE = (
    'Invalid config: "type" and "by_epoch" cannot both be given: "by_epoch" picks the type'
)


def line_of(text: str, needle: str) -> int:
    """The number of the first line of ``text`` that holds ``needle``."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


#: Parts whose type their builder picks: a data_preprocessor the model's class completes,
#: and the schedulers of each optimizer of an OptimWrapperDict (a dict without "type").
UNTYPED = (
    RUNS.replace(
        'dict(type="DetDataPreprocessor", mean=[1.0, 2.0], bgr_to_rgb=True)',
        "dict(mean=[1.0, 2.0], num_classes=80)",
    )
    .replace(
        "param_scheduler = [",
        'param_scheduler = dict(generator=dict(type="LinearLR"), discriminator=[',
    )
    .replace("convert_to_iter_based=True),\n]", "convert_to_iter_based=True),\n])")
)
