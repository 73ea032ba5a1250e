"""``Runner``: builds everything a training run needs from one config, with the right registry.

========================  ==========================================================
config key                built with
========================  ==========================================================
``model``                 ``MODELS``
``train_dataloader``      ``DATASETS`` (``dataset``), ``DATA_SAMPLERS`` (``sampler``)
``optim_wrapper``         ``OPTIM_WRAPPERS`` (and its ``optimizer``: ``OPTIMIZERS``)
``param_scheduler``       ``PARAM_SCHEDULERS`` (one config or a list)
``default_hooks``         ``HOOKS`` (a dict of configs; None disables one)
``custom_hooks``          ``HOOKS`` (a list)
``train_cfg``             ``LOOPS`` (``val_cfg``, ``test_cfg`` too)
``val_evaluator``         ``METRICS`` (one config or a list)
========================  ==========================================================

``default_scope`` (e.g. ``"detkit"``) makes unscoped names resolve from that codebase's
registries, so that a config can say ``"RetinaNet"`` to the engine's root ``MODELS``.
``custom_imports=dict(imports=[...])`` imports modules before anything is built.
"""

import importlib
from collections.abc import Generator, Mapping
from contextlib import contextmanager
from typing import Any

from minengine.dataset.dataloader import DataLoader
from minengine.hooks.hook import Hook
from minengine.model.base_module import BaseModule
from minengine.model.weight_init import PretrainedInit
from minengine.optim.optim_wrapper import OptimWrapper
from minengine.protocols import Loop, Module, ParamScheduler
from minengine.registry import (
    DATA_SAMPLERS,
    DATASETS,
    HOOKS,
    LOOPS,
    MODELS,
    OPTIM_WRAPPERS,
    PARAM_SCHEDULERS,
)
from minengine.typing_utils import ConfigType, MultiConfig, OptConfigType, OptMultiConfig
from typed_registry import default_scope as scope_block

_PRIORITY = {
    "VERY_HIGH": 10,
    "HIGH": 30,
    "ABOVE_NORMAL": 40,
    "NORMAL": 50,
    "BELOW_NORMAL": 60,
    "LOW": 70,
    "VERY_LOW": 90,
}

#: The config keys that Runner.from_cfg reads; the others are helper variables.
RUNNER_KEYS = (
    "model",
    "work_dir",
    "train_dataloader",
    "val_dataloader",
    "test_dataloader",
    "train_cfg",
    "val_cfg",
    "test_cfg",
    "optim_wrapper",
    "param_scheduler",
    "val_evaluator",
    "test_evaluator",
    "default_hooks",
    "custom_hooks",
    "default_scope",
    "load_from",
    "resume",
    "env_cfg",
    "log_level",
    "randomness",
)


def import_modules(custom_imports: Mapping[str, Any] | None) -> None:
    """Import ``custom_imports["imports"]`` (the modules that register what a config names)."""
    if not custom_imports:
        return
    for name in custom_imports["imports"]:
        try:
            importlib.import_module(name)
        except ImportError:
            if not custom_imports.get("allow_failed_imports", False):
                raise


class Runner:
    """Builds a model, data, an optimizer, schedulers and hooks from configs, and trains.

    Everything is built lazily by :meth:`train`, :meth:`val` and :meth:`test`, except the
    model and the hooks, which are built at once.
    """

    def __init__(
        self,
        model: Module | ConfigType,
        work_dir: str = "work_dirs",
        train_dataloader: OptConfigType = None,
        val_dataloader: OptConfigType = None,
        test_dataloader: OptConfigType = None,
        train_cfg: OptConfigType = None,
        val_cfg: OptConfigType = None,
        test_cfg: OptConfigType = None,
        optim_wrapper: OptConfigType = None,
        param_scheduler: OptMultiConfig = None,
        val_evaluator: OptMultiConfig = None,
        test_evaluator: OptMultiConfig = None,
        default_hooks: dict[str, ConfigType | None] | None = None,
        custom_hooks: list[ConfigType] | None = None,
        default_scope: str | None = None,
        load_from: str | None = None,
        resume: bool = False,
        env_cfg: OptConfigType = None,
        log_level: str = "INFO",
        randomness: OptConfigType = None,
    ) -> None:
        self.work_dir = work_dir
        self.default_scope = default_scope
        self.cfgs: dict[str, Any] = {
            "train_dataloader": train_dataloader,
            "val_dataloader": val_dataloader,
            "test_dataloader": test_dataloader,
            "train_cfg": train_cfg,
            "val_cfg": val_cfg,
            "test_cfg": test_cfg,
            "optim_wrapper": optim_wrapper,
            "param_scheduler": param_scheduler,
            "val_evaluator": val_evaluator,
            "test_evaluator": test_evaluator,
        }
        self.resume = resume
        self.env_cfg = env_cfg or {}
        self.log_level = log_level
        self.seed = 0 if randomness is None else int(randomness.get("seed") or 0)
        self.epoch = 0
        self.sampler_epoch = 0
        self.log: list[str] = []
        self.info: dict[str, Any] = {}
        self.checkpoints: list[dict[str, Any]] = []
        with self.scope():
            self.model: Module = MODELS.build(model) if isinstance(model, dict) else model
            if isinstance(self.model, BaseModule):
                self.model.init_weights()
            if load_from is not None:
                PretrainedInit(checkpoint=load_from)(self.model)
            self.hooks = self.build_hooks(default_hooks or {}, custom_hooks or [])
        self._optim_wrapper: OptimWrapper | None = None
        self.param_schedulers: list[ParamScheduler] = []
        self.val_loop: Loop | None = None

    @classmethod
    def from_cfg(cls, cfg: Mapping[str, Any]) -> "Runner":
        """Import ``custom_imports``, then build a runner from the keys it knows."""
        import_modules(cfg.get("custom_imports"))
        return cls(**{key: cfg[key] for key in RUNNER_KEYS if key in cfg})

    @contextmanager
    def scope(self) -> Generator[None, None, None]:
        """Build inside this block: unscoped names resolve from ``default_scope``."""
        with scope_block(self.default_scope):
            yield

    # -- building ---------------------------------------------------------------------

    def build_hooks(
        self, default_hooks: Mapping[str, ConfigType | None], custom_hooks: list[ConfigType]
    ) -> list[Hook]:
        """Build the hooks (a None default hook is disabled), sorted by priority."""
        cfgs = [cfg for cfg in default_hooks.values() if cfg is not None] + custom_hooks
        hooks = [HOOKS.build(cfg) for cfg in cfgs]
        return sorted(hooks, key=lambda hook: _PRIORITY[hook.priority])

    def build_dataloader(self, cfg: ConfigType) -> DataLoader:
        """Build a data loader: its ``dataset`` with ``DATASETS``, ``sampler`` with
        ``DATA_SAMPLERS``; other keys (``num_workers``...) are accepted and ignored.
        """
        with self.scope():
            dataset = DATASETS.build(cfg["dataset"])
            sampler = DATA_SAMPLERS.build(cfg.get("sampler") or {"type": "DefaultSampler"})
        return DataLoader(dataset, sampler, batch_size=cfg.get("batch_size", 1))

    def build_optim_wrapper(self, cfg: ConfigType) -> OptimWrapper:
        """Build the optim wrapper for the model's parameters."""
        with self.scope():
            return OPTIM_WRAPPERS.build(cfg, default_args={"params": self.model.parameters()})

    def build_param_schedulers(self, cfg: MultiConfig) -> list[ParamScheduler]:
        """Build one scheduler config or a list of them, for the optim wrapper."""
        cfgs = cfg if isinstance(cfg, list) else [cfg]
        with self.scope():
            return [
                PARAM_SCHEDULERS.build(item, default_args={"optimizer": self.optim_wrapper})
                for item in cfgs
            ]

    def build_loop(self, cfg: ConfigType, **default_args: Any) -> Loop:
        """Build a loop; it gets this runner as ``runner``."""
        with self.scope():
            return LOOPS.build(cfg, default_args={"runner": self, **default_args})

    @property
    def optim_wrapper(self) -> OptimWrapper:
        """The optim wrapper (built on first use)."""
        if self._optim_wrapper is None:
            cfg = self.cfgs["optim_wrapper"]
            if cfg is None:
                msg = "this config has no optim_wrapper"
                raise ValueError(msg)
            self._optim_wrapper = self.build_optim_wrapper(cfg)
        return self._optim_wrapper

    # -- running ----------------------------------------------------------------------

    def call_hook(self, name: str, **kwargs: Any) -> None:
        """Call method ``name`` of every hook."""
        for hook in self.hooks:
            getattr(hook, name)(self, **kwargs)

    def train(self) -> Module:
        """Train with ``train_cfg``'s loop (validating with ``val_cfg``'s); return the model."""
        train_cfg = self.cfgs["train_cfg"] or {"type": "EpochBasedTrainLoop", "max_epochs": 1}
        if self.cfgs["param_scheduler"] is not None:
            self.param_schedulers = self.build_param_schedulers(self.cfgs["param_scheduler"])
        if self.cfgs["val_cfg"] is not None and self.cfgs["val_dataloader"] is not None:
            self.val_loop = self.build_loop(
                self.cfgs["val_cfg"],
                dataloader=self.cfgs["val_dataloader"],
                evaluator=self.cfgs["val_evaluator"],
            )
        loop = self.build_loop(train_cfg, dataloader=self.cfgs["train_dataloader"])
        self.call_hook("before_run")
        loop.run()
        self.call_hook("after_run")
        return self.model

    def val(self) -> dict[str, float]:
        """Run ``val_cfg``'s loop once and return its metrics."""
        loop = self.build_loop(
            self.cfgs["val_cfg"] or {"type": "ValLoop"},
            dataloader=self.cfgs["val_dataloader"],
            evaluator=self.cfgs["val_evaluator"],
        )
        metrics: dict[str, float] = loop.run()
        return metrics

    def test(self) -> dict[str, float]:
        """Run ``test_cfg``'s loop once and return its metrics."""
        loop = self.build_loop(
            self.cfgs["test_cfg"] or {"type": "TestLoop"},
            dataloader=self.cfgs["test_dataloader"],
            evaluator=self.cfgs["test_evaluator"],
        )
        metrics: dict[str, float] = loop.run()
        return metrics
