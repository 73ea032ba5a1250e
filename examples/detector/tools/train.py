"""Train a detector from the command line: user code outside the packages.

    python tools/train.py --depth 50 --epochs 2 --optimizer SGD

(MMDetection's ``tools/train.py`` reads a config file; the config files under ``configs/``
are for the config-file support to come. This script writes its config in code.)
"""

import argparse
from typing import Any

from minengine.registry import MODELS
from minengine.runner import Runner


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line's options."""
    parser = argparse.ArgumentParser(description="Train a RetinaNet")
    parser.add_argument("--depth", type=int, default=50, choices=[18, 34, 50, 101, 152])
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--optimizer", default="SGD", choices=["SGD", "Adam", "AdamW"])
    parser.add_argument("--lr", type=float, default=0.01)
    return parser.parse_args(argv)


def build_config(args: argparse.Namespace) -> dict[str, Any]:
    """The run's config, as a config file would give it."""
    dataset_type = "CocoDataset"
    train_pipeline = [
        dict(type="LoadImageFromFile"),
        {"type": "LoadAnnotations", "with_bbox": True},
        dict(type="Resize", scale=(1333, 800), keep_ratio=True),
        dict(type="photometric_distortion", brightness_delta=16.0),
        dict(type="ImageChecksum"),
        dict(type="PackDetInputs"),
    ]
    return dict(
        default_scope="detkit",
        # Nothing here imports detkit: the runner imports these first (its registries, so
        # the scope "detkit" exists, and its hooks).
        custom_imports=dict(imports=["detkit.registry", "detkit.engine.hooks"]),
        model=dict(
            type="RetinaNet",
            backbone=dict(
                type="ResNet",
                depth=args.depth,
                init_cfg=dict(type="Pretrained", checkpoint=f"torchvision://resnet{args.depth}"),
            ),
            neck=dict(
                type="FeaturePyramid",
                in_channels=[256, 512, 1024, 2048],
                out_channels=256,
                start_level=1,
                num_outs=5,
            ),
            bbox_head=dict(
                type="RetinaHead",
                num_classes=5,
                in_channels=256,
                norm_cfg=dict(type="GN", num_groups=32),
                loss_cls=dict(type="FocalLoss", gamma=2.0, alpha=0.25),
            ),
            test_cfg=dict(score_thr=0.05, nms=dict(type="nms", iou_threshold=0.5)),
        ),
        train_dataloader=dict(
            batch_size=2,
            sampler=dict(type="DefaultSampler", shuffle=True),
            dataset=dict(type=dataset_type, ann_file="train.json", pipeline=train_pipeline),
        ),
        val_dataloader=dict(
            batch_size=2,
            sampler=dict(type="SequentialSampler"),
            dataset=dict(
                type=dataset_type, ann_file="val.json", test_mode=True, pipeline=train_pipeline
            ),
        ),
        val_evaluator=dict(type="CocoMetric", metric="bbox"),
        val_cfg=dict(type="ValLoop"),
        optim_wrapper=dict(
            type="OptimWrapper", optimizer=dict(type=args.optimizer, lr=args.lr), clip_grad=None
        ),
        param_scheduler=[
            dict(type="LinearLR", start_factor=0.001, by_epoch=False, begin=0, end=10),
            dict(type="MultiStepLR", milestones=[8, 11], gamma=0.1),
        ],
        train_cfg=dict(type="EpochBasedTrainLoop", max_epochs=args.epochs, val_interval=1),
        default_hooks=dict(
            timer=dict(type="IterTimerHook"),
            logger=dict(type="LoggerHook", interval=2),
            param_scheduler=dict(type="ParamSchedulerHook"),
            checkpoint=dict(type="CheckpointHook", interval=1, max_keep_ckpts=3),
            sampler_seed=dict(type="DistSamplerSeedHook"),
            visualization=dict(type="DetVisualizationHook", draw=True),
        ),
    )


def main(argv: list[str] | None = None) -> int:
    """Train; print the log; return 0."""
    args = parse_args(argv)
    runner = Runner.from_cfg(build_config(args))
    runner.train()
    for line in runner.log:
        print(line)
    # A layer built directly from the engine's root registry: "BN" is the engine's.
    MODELS.build(dict(type="BN", num_features=256))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
