"""Seeded mistakes in user code outside the packages (run-time tests never import this).

As in ``detkit/apis/mistakes_inference.py``: one mistake per ``mistake_*`` function, marked with
a ``mistake: CODE`` comment on its line, with ``Fix: OLD => NEW`` in the docstring.
"""

# fmt: off
# (the formatter would split the one-line configs that carry a mistake marker)

from typing import Any

from clskit.registry import MODELS as CLS_MODELS
from detkit.registry import MODELS as DET_MODELS
from minengine.model import BaseModule
from minengine.registry import MODELS, OPTIM_WRAPPERS, TRANSFORMS
from minengine.runner import Runner

from typed_registry import default_scope


def base_config() -> dict[str, Any]:
    """A correct config, which each runner mistake below changes in one place."""
    return dict(
        default_scope="detkit",
        custom_imports=dict(imports=["detkit.registry"]),
        model=dict(
            type="RetinaNet",
            backbone=dict(type="ResNet", depth=18),
            neck=dict(type="FPN", in_channels=[64, 128, 256, 512], out_channels=64, num_outs=5),
            bbox_head=dict(type="RetinaHead", num_classes=5, in_channels=64),
        ),
        train_dataloader=dict(
            batch_size=2,
            sampler=dict(type="DefaultSampler", shuffle=True),
            dataset=dict(
                type="CocoDataset", ann_file="train.json", pipeline=[dict(type="LoadImageFromFile")]
            ),
        ),
        optim_wrapper=dict(type="OptimWrapper", optimizer=dict(type="SGD", lr=0.01)),
        train_cfg=dict(type="EpochBasedTrainLoop", max_epochs=1),
    )


def mistake_root_kwarg() -> Any:
    """Fix: num_feature= => num_features="""
    return MODELS.build(dict(type="BN", num_feature=256))  # mistake: call-arg


def mistake_detkit_name_from_clskit() -> Any:
    """Fix: "MobileNetV2" => "detkit.MobileNetV2\""""
    return CLS_MODELS.build(
        dict(
            type="ImageClassifier",
            backbone=dict(type="MobileNetV2", widen_factor=0.5),  # mistake: registry-name
            head=dict(type="LinearClsHead", num_classes=10, in_channels=32),
        )
    )


def mistake_clskit_head_kwarg() -> Any:
    """Fix: num_class= => num_classes="""
    return CLS_MODELS.build(
        dict(
            type="ImageClassifier",
            backbone=dict(type="ResNet", depth=18),
            head=dict(type="LinearClsHead", num_class=10, in_channels=512),  # mistake: call-arg
        )
    )


def mistake_clskit_loss_type() -> Any:
    """Fix: LabelSmoothLos" => LabelSmoothLoss\""""
    return CLS_MODELS.build(
        dict(
            type="LinearClsHead",
            num_classes=10,
            in_channels=512,
            loss=dict(type="LabelSmoothLos", label_smooth_val=0.1),  # mistake: registry-name
        )
    )


def mistake_clskit_init_cfg_list_type() -> Any:
    """Fix: "Norml" => "Normal\""""
    head = CLS_MODELS.build(
        dict(
            type="LinearClsHead",
            num_classes=10,
            in_channels=512,
            init_cfg=[
                dict(type="Constant", val=0.0),
                dict(type="Norml", std=0.01),  # mistake: registry-name
            ],
        )
    )
    if isinstance(head, BaseModule):
        head.init_weights()
    return head


def mistake_scoped_sibling_typo() -> Any:
    """Fix: clskit.VIT => clskit.ViT"""
    return DET_MODELS.build({"type": "clskit.VIT", "arch": "tiny"})  # mistake: registry-name


def mistake_transform_under_default_scope() -> Any:
    """Fix: RandomFlp => RandomFlip"""
    with default_scope("detkit"):
        return TRANSFORMS.build(dict(type="RandomFlp", prob=0.5))  # mistake: registry-name


def mistake_optim_wrapper_type() -> Any:
    """Fix: OptimWraper => OptimWrapper"""
    return OPTIM_WRAPPERS.build(
        {"type": "OptimWraper", "optimizer": {"type": "Adam", "lr": 0.001}},  # mistake: registry-name
        default_args={"params": []},
    )


def mistake_adam_betas_type() -> Any:
    """Fix: "betas": 0.9 => "betas": (0.9, 0.999)"""
    wrapper = OPTIM_WRAPPERS.build(
        {"type": "OptimWrapper", "optimizer": {"type": "Adam", "lr": 0.001, "betas": 0.9}},  # mistake: arg-type
        default_args={"params": DET_MODELS.build(dict(type="ResNet", depth=18)).parameters()},
    )
    wrapper.update_params(1.0)
    return wrapper


def mistake_runner_scheduler() -> Any:
    """Fix: MultiStepLr => MultiStepLR"""
    cfg = base_config()
    cfg["param_scheduler"] = [dict(type="MultiStepLr", milestones=[8, 11])]  # mistake: registry-name
    return Runner.from_cfg(cfg).train()


def mistake_runner_hook() -> Any:
    """Fix: LogerHook => LoggerHook"""
    cfg = base_config()
    cfg["default_hooks"] = dict(logger=dict(type="LogerHook", interval=1))  # mistake: registry-name
    return Runner.from_cfg(cfg).train()


def mistake_runner_sampler() -> Any:
    """Fix: DefaultSamplr => DefaultSampler"""
    cfg = base_config()
    cfg["train_dataloader"]["sampler"] = dict(type="DefaultSamplr", shuffle=True)  # mistake: registry-name
    return Runner.from_cfg(cfg).train()


def mistake_runner_loop() -> Any:
    """Fix: EpochBasedTrainLop => EpochBasedTrainLoop"""
    cfg = base_config()
    cfg["train_cfg"] = dict(type="EpochBasedTrainLop", max_epochs=1)  # mistake: registry-name
    return Runner.from_cfg(cfg).train()


def mistake_runner_model_in_variable() -> Any:
    """Fix: FPM => FPN"""
    model = dict(
        type="RetinaNet",
        backbone=dict(type="ResNet", depth=18),
        neck=dict(type="FPM", in_channels=[64, 128, 256, 512], out_channels=64, num_outs=5),  # mistake: registry-name
        bbox_head=dict(type="RetinaHead", num_classes=5, in_channels=64),
    )
    return Runner(model=model, default_scope="detkit")
