"""Seeded mistakes in user code inside the package (run-time tests never import this).

Each ``mistake_*`` function builds one config that differs from a correct one by one
mistake, marked with a ``mistake: CODE`` comment on the line where a checker should report it. Its
docstring's ``Fix: OLD => NEW`` turns the marked line into correct code (the tests apply it
and run the function, which must then succeed).
"""

# fmt: off
# (the formatter would split the one-line configs that carry a mistake marker)

from typing import Any

from minengine.model import BaseModule
from minengine.registry import MODELS as ENGINE_MODELS

from detkit.apis.inference import init_detector
from detkit.registry import (
    DATASETS,
    HOOKS,
    METRICS,
    MODELS,
    OPTIM_WRAPPERS,
    PARAM_SCHEDULERS,
    TASK_UTILS,
    TRANSFORMS,
)
from typed_registry import default_scope

#: A pipeline in a variable, used by name (as config files do), with a typo.
bad_pipeline = [
    dict(type="LoadImageFromFile"),
    dict(type="Resize", scale=(1333, 800), keep_ratio=True),
    dict(type="RandomFlipp", prob=0.5),  # mistake: registry-name
]


def mistake_detector_type() -> Any:
    """Fix: RetinaNett => RetinaNet"""
    return MODELS.build(
        dict(
            type="RetinaNett",  # mistake: registry-name
            backbone=dict(type="ResNet", depth=18),
            neck=dict(type="FPN", in_channels=[64, 128, 256, 512], out_channels=64, num_outs=5),
            bbox_head=dict(type="RetinaHead", num_classes=5, in_channels=64),
        )
    )


def mistake_backbone_type() -> Any:
    """Fix: "ResNe" => "ResNet\""""
    return MODELS.build(
        dict(
            type="RetinaNet",
            backbone=dict(type="ResNe", depth=18),  # mistake: registry-name
            neck=dict(type="FPN", in_channels=[64, 128, 256, 512], out_channels=64, num_outs=5),
            bbox_head=dict(type="RetinaHead", num_classes=5, in_channels=64),
        )
    )


def mistake_neck_alias() -> Any:
    """Fix: FeaturePyramids => FeaturePyramid"""
    return MODELS.build(
        dict(
            type="RetinaNet",
            backbone=dict(type="ResNet", depth=18),
            neck=dict(
                type="FeaturePyramids",  # mistake: registry-name
                in_channels=[64, 128, 256, 512],
                out_channels=64,
                num_outs=5,
            ),
            bbox_head=dict(type="RetinaHead", num_classes=5, in_channels=64),
        )
    )


def mistake_anchor_generator_type() -> Any:
    """Fix: AnchorGenerater => AnchorGenerator"""
    return MODELS.build(
        dict(
            type="RetinaHead",
            num_classes=5,
            in_channels=64,
            anchor_generator=dict(
                type="AnchorGenerater",  # mistake: registry-name
                octave_base_scale=4,
                scales_per_octave=3,
                ratios=[0.5, 1.0, 2.0],
                strides=[8, 16, 32, 64, 128],
            ),
        )
    )


def mistake_anchor_generator_kwarg() -> Any:
    """Fix: ratio= => ratios="""
    return MODELS.build(
        dict(
            type="AnchorHead",
            num_classes=5,
            in_channels=64,
            anchor_generator=dict(type="AnchorGenerator", scales=[8], ratio=[1.0], strides=[8]),  # mistake: call-arg
        )
    )


def mistake_bbox_coder_type() -> Any:
    """Fix: DeltaXYWHBoxCoder => DeltaXYWHBBoxCoder"""
    return MODELS.build(
        dict(
            type="AnchorHead",
            num_classes=5,
            in_channels=64,
            bbox_coder=dict(type="DeltaXYWHBoxCoder"),  # mistake: registry-name
        )
    )


def mistake_loss_type() -> Any:
    """Fix: FocalLos => FocalLoss"""
    return MODELS.build(
        dict(
            type="RetinaHead",
            num_classes=5,
            in_channels=64,
            loss_cls=dict(type="FocalLos", gamma=2.0, alpha=0.25),  # mistake: registry-name
        )
    )


def mistake_loss_kwarg() -> Any:
    """Fix: gama= => gamma="""
    return MODELS.build(
        dict(
            type="AnchorHead",
            num_classes=5,
            in_channels=64,
            loss_cls=dict(type="FocalLoss", gama=2.0, alpha=0.25),  # mistake: call-arg
        )
    )


def mistake_init_cfg_type() -> Any:
    """Fix: Pretrain" => Pretrained\""""
    model = MODELS.build(
        dict(
            type="ResNet",
            depth=18,
            init_cfg=dict(type="Pretrain", checkpoint="torchvision://resnet18"),  # mistake: registry-name
        )
    )
    if isinstance(model, BaseModule):
        model.init_weights()
    return model


def mistake_norm_cfg_type() -> Any:
    """Fix: "BM" => "BN\""""
    return MODELS.build(
        dict(
            type="ResNet",
            depth=18,
            norm_cfg=dict(type="BM", requires_grad=True),  # mistake: registry-name
        )
    )


def mistake_assigner_type() -> Any:
    """Fix: MaxIOUAssigner => MaxIoUAssigner"""
    return MODELS.build(
        dict(
            type="RetinaNet",
            backbone=dict(type="ResNet", depth=18),
            neck=dict(type="FPN", in_channels=[64, 128, 256, 512], out_channels=64, num_outs=5),
            bbox_head=dict(type="RetinaHead", num_classes=5, in_channels=64),
            train_cfg=dict(
                assigner=dict(type="MaxIOUAssigner", pos_iou_thr=0.5, neg_iou_thr=0.4),  # mistake: registry-name
                sampler=dict(type="PseudoSampler"),
            ),
            test_cfg=dict(score_thr=0.05, nms=dict(type="nms", iou_threshold=0.5)),
        )
    )


def mistake_backbone_kwarg() -> Any:
    """Fix: dpth= => depth="""
    return MODELS.build(dict(type="ResNet", dpth=50))  # mistake: call-arg


def mistake_backbone_missing_kwarg() -> Any:
    """Fix: "ResNet") => "ResNet", depth=50)"""
    return MODELS.build(dict(type="ResNet"))  # mistake: call-arg


def mistake_type_with_unpacked_rest() -> Any:
    """Fix: "ResNett" => "ResNet\""""
    rest = dict(depth=50, num_stages=4)
    return MODELS.build({"type": "ResNett", **rest})  # mistake: registry-name


def mistake_type_over_a_base_config() -> Any:
    """Fix: "FocalLoos" => "FocalLoss\""""
    base = dict(type="CrossEntropyLoss", loss_weight=1.0)
    return MODELS.build(dict(base, type="FocalLoos"))  # mistake: registry-name


def mistake_backbone_value_type() -> Any:
    """Fix: depth="50" => depth=50"""
    return MODELS.build(dict(type="ResNet", depth="50"))  # mistake: arg-type


def mistake_neck_value_type() -> Any:
    """Fix: in_channels=256, => in_channels=[64, 128, 256, 512],"""
    model = MODELS.build(
        dict(
            type="RetinaNet",
            backbone=dict(type="ResNet", depth=18),
            neck=dict(type="FPN", in_channels=256, out_channels=64, num_outs=5),  # mistake: arg-type
            bbox_head=dict(type="RetinaHead", num_classes=5, in_channels=64),
        )
    )
    return model.forward([{"img": [0.5] * 16, "instances": []}])


def mistake_scoped_name() -> Any:
    """Fix: detkit.ResNett => detkit.ResNet"""
    return ENGINE_MODELS.build(dict(type="detkit.ResNett", depth=50))  # mistake: registry-name


def mistake_scope_typo() -> Any:
    """Fix: detkt => detkit"""
    return ENGINE_MODELS.build(dict(type="FocalLoss", _scope_="detkt", gamma=2.0))  # mistake: registry-name


def mistake_config_without_type() -> Any:
    """Fix: dict(strides => dict(type="AnchorGenerator", strides"""
    return TASK_UTILS.build(dict(strides=[8], ratios=[1.0], scales=[8]))  # mistake: registry-config


def mistake_config_type_not_a_string() -> Any:
    """Fix: 123 => "ResNet\""""
    return MODELS.build({"type": 123, "depth": 50})  # mistake: registry-config


def mistake_config_scope_not_a_string() -> Any:
    """Fix: _scope_=3 => _scope_="detkit\""""
    return MODELS.build(dict(type="ResNet", depth=50, _scope_=3))  # mistake: registry-config


def mistake_never_imported() -> Any:
    """``YOLOV3`` is registered in ``detkit.mistakes_unlisted``, which nothing imports."""
    return MODELS.build(dict(type="YOLOV3", num_classes=80))  # mistake: registry-name


def mistake_pipeline_type() -> Any:
    """Fix: LoadAnnotation" => LoadAnnotations\""""
    dataset = DATASETS.build(
        dict(
            type="CocoDataset",
            ann_file="annotations/instances_val2017.json",
            pipeline=[
                dict(type="LoadImageFromFile"),
                dict(type="LoadAnnotation", with_bbox=True),  # mistake: registry-name
                dict(type="PackDetInputs"),
            ],
        )
    )
    return dataset[0]


def mistake_pipeline_variable() -> Any:
    """The typo is in ``bad_pipeline``, at module level."""
    dataset = DATASETS.build(dict(type="CocoDataset", ann_file="val.json", pipeline=bad_pipeline))
    return dataset[0]


def mistake_wrapped_dataset_type() -> Any:
    """Fix: VOCDatset => VOCDataset"""
    # RepeatDataset is the engine's: it builds its dataset with the engine's DATASETS, which
    # finds detkit's names under detkit's default scope (MMDetection's init_default_scope).
    with default_scope("detkit"):
        return DATASETS.build(
            dict(
                type="RepeatDataset",
                times=2,
                dataset=dict(type="VOCDatset", ann_file="VOC2007/train.txt"),  # mistake: registry-name
            )
        )


def mistake_optimizer_type() -> Any:
    """Fix: "SDG" => "SGD\""""
    model = init_detector(depth=18)
    return OPTIM_WRAPPERS.build(
        dict(type="OptimWrapper", optimizer=dict(type="SDG", lr=0.01, momentum=0.9)),  # mistake: registry-name
        default_args=dict(params=model.parameters()),
    )


def mistake_optimizer_value_type() -> Any:
    """Fix: lr="0.01" => lr=0.01"""
    model = init_detector(depth=18)
    optim_wrapper = OPTIM_WRAPPERS.build(
        dict(type="OptimWrapper", optimizer=dict(type="SGD", lr="0.01", momentum=0.9)),  # mistake: arg-type
        default_args=dict(params=model.parameters()),
    )
    optim_wrapper.update_params(1.0)
    return optim_wrapper


def mistake_scheduler_missing_kwarg() -> Any:
    """Fix: gamma=0.1) => gamma=0.1, milestones=[8, 11])"""
    model = init_detector(depth=18)
    optim_wrapper = OPTIM_WRAPPERS.build(
        dict(type="OptimWrapper", optimizer=dict(type="SGD", lr=0.01, momentum=0.9)),
        default_args=dict(params=model.parameters()),
    )
    return PARAM_SCHEDULERS.build(
        dict(type="MultiStepLR", by_epoch=True, gamma=0.1),  # mistake: call-arg
        default_args=dict(optimizer=optim_wrapper),
    )


def mistake_hook_kwarg() -> Any:
    """Fix: score_threshold= => score_thr="""
    return HOOKS.build(dict(type="DetVisualizationHook", score_threshold=0.3))  # mistake: call-arg


def mistake_metric_type() -> Any:
    """Fix: CocoMetrics => CocoMetric"""
    return METRICS.build({"type": "CocoMetrics", "metric": "bbox"})  # mistake: registry-name


def mistake_dataset_type() -> Any:
    """Fix: CocoDataSet => CocoDataset"""
    return DATASETS.build({"type": "CocoDataSet", "ann_file": "val.json"})  # mistake: registry-name


def mistake_getitem_key() -> Any:
    """Fix: "FPNN" => "FPN\""""
    return MODELS["FPNN"]  # mistake: registry-name


def mistake_function_kwarg() -> Any:
    """Fix: brightness= => brightness_delta="""
    return TRANSFORMS.build(dict(type="photometric_distortion", brightness=16.0))  # mistake: call-arg


def mistake_classmethod_value_type() -> Any:
    """Fix: strides=8 => strides=[8]"""
    return TASK_UTILS.build(dict(type="RetinaAnchorGenerator", strides=8))  # mistake: arg-type
