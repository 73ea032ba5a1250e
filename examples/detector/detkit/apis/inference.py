"""Build a detector and run it on images: user code inside the package, as ``mmdet.apis``."""

from typing import Any

from minengine.model import BaseModule
from minengine.protocols import Module, Transform

from detkit.registry import MODELS, TRANSFORMS, WEIGHT_INITIALIZERS
from typed_registry import default_scope


def init_detector(depth: int = 50, num_classes: int = 5, checkpoint: str | None = None) -> Module:
    """A RetinaNet with a ResNet-``depth`` backbone, its weights initialised."""
    model = MODELS.build(
        dict(
            type="RetinaNet",
            data_preprocessor=dict(
                type="DetDataPreprocessor",
                mean=[123.675, 116.28, 103.53],
                std=[58.395, 57.12, 57.375],
                bgr_to_rgb=True,
                pad_size_divisor=32,
            ),
            backbone=dict(
                type="ResNet",
                depth=depth,
                num_stages=4,
                out_indices=(0, 1, 2, 3),
                frozen_stages=1,
                norm_cfg=dict(type="BN", requires_grad=True),
                norm_eval=True,
                init_cfg=dict(type="Pretrained", checkpoint="torchvision://resnet50"),
            ),
            neck=dict(
                type="FPN",
                in_channels=[256, 512, 1024, 2048],
                out_channels=256,
                start_level=1,
                add_extra_convs="on_input",
                num_outs=5,
            ),
            bbox_head=dict(
                type="RetinaHead",
                num_classes=num_classes,
                in_channels=256,
                stacked_convs=4,
                feat_channels=256,
                anchor_generator=dict(
                    type="AnchorGenerator",
                    octave_base_scale=4,
                    scales_per_octave=3,
                    ratios=[0.5, 1.0, 2.0],
                    strides=[8, 16, 32, 64, 128],
                ),
                bbox_coder=dict(
                    type="DeltaXYWHBBoxCoder",
                    target_means=[0.0, 0.0, 0.0, 0.0],
                    target_stds=[1.0, 1.0, 1.0, 1.0],
                ),
                loss_cls=dict(
                    type="FocalLoss", use_sigmoid=True, gamma=2.0, alpha=0.25, loss_weight=1.0
                ),
                loss_bbox=dict(type="L1Loss", loss_weight=1.0),
            ),
            test_cfg=dict(
                nms_pre=1000,
                min_bbox_size=0,
                score_thr=0.05,
                nms=dict(type="nms", iou_threshold=0.5),
                max_per_img=100,
            ),
        )
    )
    if isinstance(model, BaseModule):
        model.init_weights()
    if checkpoint is not None:
        WEIGHT_INITIALIZERS.build(dict(type="Pretrained", checkpoint=checkpoint))(model)
    return model


def build_test_pipeline() -> Transform:
    """The test pipeline, as one ``Compose`` transform.

    ``Compose`` is the engine's: it builds its steps with the engine's root ``TRANSFORMS``,
    which holds no detkit transform. MMDetection's ``init_default_scope("mmdet")`` is the
    answer; here, a ``default_scope("detkit")`` block around the build.
    """
    with default_scope("detkit"):
        return TRANSFORMS.build(
            dict(
                type="Compose",
                transforms=[
                    dict(type="LoadImageFromFile"),
                    dict(type="Resize", scale=(1333, 800), keep_ratio=True),
                    dict(type="PackDetInputs"),
                ],
            )
        )


def inference_detector(model: Module, img_paths: list[str]) -> list[dict[str, Any]]:
    """Predict the boxes of each image."""
    pipeline = build_test_pipeline()
    batch: list[dict[str, Any]] = []
    for index, path in enumerate(img_paths):
        sample = pipeline({"img_path": path, "img_id": index})
        if sample is not None:
            batch.append(sample)
    predictions: list[dict[str, Any]] = model.forward(batch, mode="predict")
    return predictions


def main() -> list[dict[str, Any]]:
    """Detect objects in two images with a fresh RetinaNet."""
    model = init_detector()
    return inference_detector(model, ["demo/demo.jpg", "demo/large_image.jpg"])


if __name__ == "__main__":
    for prediction in main():
        print(prediction["img_id"], len(prediction["scores"]))
