"""``runner = "mmengine"``: which root registry builds each part, as MMEngine's Runner does.

MMEngine's ``Runner.from_cfg`` builds each part of a config from one of MMEngine's root
registries (``mmengine.registry.MODELS``, ...), under the config's ``default_scope``, and
supplies arguments of its own, picks default types and removes keys before it builds. Each
rule below names the ``Runner`` method (in ``mmengine/runner/runner.py`` unless said) that
builds its part. ``default_scope`` and ``custom_imports`` need no rule: every config's
``default_scope`` is checked, and its ``custom_imports`` read, whatever the settings.

Where MMEngine builds a part without a registry (a loop or a ``LogProcessor`` without
``type`` is constructed directly), the default type is the scoped name (``mmengine.ValLoop``):
a child registry of the default scope cannot replace it.
"""

from __future__ import annotations

from typing import Final

from typed_registry._configs._part_rule import PartRule

#: The module of MMEngine's root registries.
_ROOT: Final = "mmengine.registry"


def _registry(variable: str) -> str:
    return f"{_ROOT}.{variable}"


def _dataloader(name: str) -> tuple[PartRule, ...]:
    """The rules of one dataloader config (``build_dataloader``).

    The dataloader's dict itself is no registry's: ``torch.utils.data.DataLoader`` gets
    what is left of it.
    """
    return (
        # build_dataloader: DATASETS.build(dataset_cfg).
        PartRule(f"{name}.dataset", _registry("DATASETS")),
        # BaseDataset's Compose: TRANSFORMS.build(transform) for each item of its pipeline.
        PartRule(f"{name}.dataset.pipeline", _registry("TRANSFORMS")),
        # build_dataloader: DATA_SAMPLERS.build(sampler_cfg, default_args=dict(dataset, seed)).
        PartRule(f"{name}.sampler", _registry("DATA_SAMPLERS"), ("dataset", "seed")),
        # build_dataloader: DATA_SAMPLERS.build(batch_sampler_cfg,
        # default_args=dict(sampler, batch_size)).
        PartRule(f"{name}.batch_sampler", _registry("DATA_SAMPLERS"), ("sampler", "batch_size")),
        # build_dataloader: FUNCTIONS.get(type), then partial(function, **rest): the batch
        # is passed later, so only the name is checked.
        PartRule(f"{name}.collate_fn", _registry("FUNCTIONS"), names_only=True),
        # build_dataloader: FUNCTIONS.get(type), then partial(function, **rest).
        PartRule(f"{name}.worker_init_fn", _registry("FUNCTIONS"), names_only=True),
    )


def _evaluator(name: str) -> tuple[PartRule, ...]:
    """The rules of one evaluator config (``build_evaluator``)."""
    metrics = f"{name}.metrics"
    return (
        # build_evaluator: a dict without "metrics", or a list, is Evaluator(evaluator),
        # which builds each metric with METRICS.build.
        PartRule(name, _registry("METRICS"), unless=(metrics,)),
        # build_evaluator: with "metrics", setdefault("type", "Evaluator"); EVALUATOR.build.
        PartRule(name, _registry("EVALUATOR"), default_type="Evaluator", only_with=(metrics,)),
        # Evaluator.__init__ (mmengine/evaluator/evaluator.py): METRICS.build(metric).
        PartRule(metrics, _registry("METRICS")),
    )


#: The rules of ``runner = "mmengine"``, in the order the Runner builds.
MMENGINE_RULES: Final = (
    # build_model: MODELS.build(model).
    PartRule("model", _registry("MODELS")),
    # wrap_model (when distributed): setdefault("type", "MMDistributedDataParallel"), then
    # MODEL_WRAPPERS.build(cfg, default_args) with the model as "module" (and "device_ids"
    # for a DistributedDataParallel, which has a default: not supplied here, as a wrapper
    # of another kind does not take it).
    PartRule(
        "model_wrapper_cfg",
        _registry("MODEL_WRAPPERS"),
        ("module",),
        default_type="MMDistributedDataParallel",
    ),
    # Runner.__init__: model.setdefault("data_preprocessor", data_preprocessor); BaseModel
    # then builds it with MODELS.build. The model's class may give it a type and arguments
    # of its own (mmpretrain's ImageClassifier does), so neither is required here.
    PartRule(
        "data_preprocessor",
        _registry("MODELS"),
        unless=("model.data_preprocessor",),
        nested=True,
        type_required=False,
    ),
    # build_optim_wrapper -> build_optim_wrapper (mmengine/optim/optimizer/builder.py): pops
    # "constructor" and "paramwise_cfg"; DefaultOptimWrapperConstructor pops "optimizer",
    # builds it, and calls OPTIM_WRAPPERS.build(cfg, default_args=dict(optimizer=...)) with
    # setdefault("type", "OptimWrapper"). Another constructor may read the config any way.
    PartRule(
        "optim_wrapper",
        _registry("OPTIM_WRAPPERS"),
        ("optimizer",),
        default_type="OptimWrapper",
        consumes=("optimizer", "paramwise_cfg"),
        unless=("optim_wrapper.constructor",),
    ),
    # DefaultOptimWrapperConstructor.__call__ (default_constructor.py): the model's
    # parameters as the optimizer's first argument, then OPTIMIZERS.build(optimizer_cfg).
    PartRule(
        "optim_wrapper.optimizer",
        _registry("OPTIMIZERS"),
        ("params",),
        unless=("optim_wrapper.constructor",),
    ),
    # build_param_scheduler -> _build_param_scheduler: each dict of a dict or a list,
    # PARAM_SCHEDULERS.build(cfg, default_args=dict(optimizer, epoch_length)); the registry's
    # build_scheduler_from_cfg pops "convert_to_iter_based" and "epoch_length". A dict
    # without "type" holds the schedulers of each optimizer of an OptimWrapperDict.
    PartRule(
        "param_scheduler",
        _registry("PARAM_SCHEDULERS"),
        ("optimizer",),
        consumes=("convert_to_iter_based",),
        type_required=False,
    ),
    *_dataloader("train_dataloader"),
    *_dataloader("val_dataloader"),
    *_dataloader("test_dataloader"),
    *_evaluator("val_evaluator"),
    *_evaluator("test_evaluator"),
    # build_train_loop: LOOPS.build(cfg, default_args=dict(runner, dataloader)); without
    # "type", "by_epoch" is popped and picks EpochBasedTrainLoop or IterBasedTrainLoop
    # (built directly); both raise RuntimeError('Only one of `type` or `by_epoch` can exist
    # in `loop_cfg`.').
    PartRule(
        "train_cfg",
        _registry("LOOPS"),
        ("runner", "dataloader"),
        type_by=("by_epoch", "mmengine.EpochBasedTrainLoop", "mmengine.IterBasedTrainLoop"),
    ),
    # build_val_loop: LOOPS.build(cfg, default_args=dict(runner, dataloader, evaluator)),
    # or ValLoop(**cfg, ...) without "type".
    PartRule(
        "val_cfg",
        _registry("LOOPS"),
        ("runner", "dataloader", "evaluator"),
        default_type="mmengine.ValLoop",
    ),
    # build_test_loop: as build_val_loop, with TestLoop.
    PartRule(
        "test_cfg",
        _registry("LOOPS"),
        ("runner", "dataloader", "evaluator"),
        default_type="mmengine.TestLoop",
    ),
    # register_default_hooks -> register_hook: a None value removes a default hook;
    # "priority" is popped, then HOOKS.build(hook).
    PartRule("default_hooks.*", _registry("HOOKS"), consumes=("priority",)),
    # register_custom_hooks -> register_hook, for each item.
    PartRule("custom_hooks", _registry("HOOKS"), consumes=("priority",)),
    # build_visualizer: setdefault("name"), setdefault("save_dir"); VISUALIZERS.build.
    PartRule("visualizer", _registry("VISUALIZERS"), ("name", "save_dir")),
    # Visualizer.__init__ (mmengine/visualization/visualizer.py): pops "name",
    # setdefault("save_dir"), VISBACKENDS.build(vis_backend).
    PartRule(
        "visualizer.vis_backends",
        _registry("VISBACKENDS"),
        ("save_dir",),
        consumes=("name",),
    ),
    # build_log_processor: LOG_PROCESSORS.build(cfg), or LogProcessor(**cfg) without "type".
    PartRule("log_processor", _registry("LOG_PROCESSORS"), default_type="mmengine.LogProcessor"),
)

#: The presets ``runner`` may name.
RUNNER_PRESETS: Final[dict[str, tuple[PartRule, ...]]] = {"mmengine": MMENGINE_RULES}
