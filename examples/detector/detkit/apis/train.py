"""Train a small detector by hand and through the runner: user code inside the package."""

from typing import Any

from minengine.dataset import DataLoader
from minengine.registry import DATA_SAMPLERS
from minengine.runner import Runner

from detkit.apis.inference import init_detector
from detkit.registry import DATASETS, HOOKS, OPTIM_WRAPPERS, OPTIMIZERS, PARAM_SCHEDULERS

#: A module-level pipeline, used by name below (as config files do).
train_pipeline = [
    dict(type="LoadImageFromFile"),
    dict(type="LoadAnnotations", with_bbox=True),
    dict(type="Resize", scale=(1333, 800), keep_ratio=True),
    dict(type="RandomFlip", prob=0.5),
    dict(type="PackDetInputs"),
]


def train_by_hand(epochs: int = 1) -> list[float]:
    """Build each part with its registry and run the loop here; return the losses."""
    model = init_detector(depth=18, num_classes=5)
    dataset = DATASETS.build(
        dict(
            type="CocoDataset",
            data_root="data/coco/",
            ann_file="annotations/instances_train2017.json",
            data_prefix=dict(img="train2017/"),
            filter_cfg=dict(filter_empty_gt=True, min_size=32),
            pipeline=train_pipeline,
        )
    )
    sampler = DATA_SAMPLERS.build(dict(type="DefaultSampler", shuffle=True))
    loader = DataLoader(dataset, sampler, batch_size=2)
    optim_wrapper = OPTIM_WRAPPERS.build(
        dict(
            type="OptimWrapper",
            optimizer=dict(type="SGD", lr=0.01, momentum=0.9, weight_decay=0.0001),
            clip_grad=dict(max_norm=35, norm_type=2),
        ),
        default_args=dict(params=model.parameters()),
    )
    scheduler = PARAM_SCHEDULERS.build(
        dict(type="MultiStepLR", by_epoch=True, milestones=[8, 11], gamma=0.1),
        default_args=dict(optimizer=optim_wrapper),
    )
    logger = HOOKS.build(dict(type="DetVisualizationHook", draw=False))
    del logger
    losses: list[float] = []
    for _ in range(epochs):
        for batch in loader:
            loss_dict: dict[str, float] = model.forward(batch, mode="loss")
            loss = sum(loss_dict.values())
            optim_wrapper.update_params(loss)
            losses.append(loss)
        scheduler.step()
    return losses


def build_optimizer(params: list[Any], lr: float = 0.01) -> Any:
    """An optimizer built directly (``params`` is given here, not by a wrapper)."""
    return OPTIMIZERS.build({"type": "Adam", "lr": lr, "params": params})


def train_with_runner(max_epochs: int = 1) -> Runner:
    """The same through the runner, from one config dict."""
    runner = Runner(
        model=dict(
            type="RetinaNet",
            backbone=dict(type="MobileNetV2", widen_factor=0.5, out_indices=(2, 4, 6)),
            neck=dict(type="ChannelMapper", in_channels=[16, 32, 64], out_channels=32),
            bbox_head=dict(
                type="RetinaHead",
                num_classes=5,
                in_channels=32,
                anchor_generator=dict(type="RetinaAnchorGenerator", strides=[8, 16, 32]),
                loss_cls=dict(type="FocalLoss", gamma=2.0, alpha=0.25),
                loss_bbox=dict(type="balanced_l1_loss", beta=1.0),
            ),
            train_cfg=dict(
                assigner=dict(type="MaxIoUAssigner", pos_iou_thr=0.5, neg_iou_thr=0.4),
                sampler=dict(type="PseudoSampler"),
                allowed_border=-1,
                pos_weight=-1,
                debug=False,
            ),
            test_cfg=dict(score_thr=0.05, nms=dict(type="soft_nms", iou_threshold=0.6)),
        ),
        train_dataloader=dict(
            batch_size=2,
            num_workers=0,
            sampler=dict(type="DefaultSampler", shuffle=False),
            dataset=dict(
                type="RepeatDataset",
                times=2,
                dataset=dict(
                    type="VOCDataset", ann_file="VOC2007/train.txt", pipeline=train_pipeline
                ),
            ),
        ),
        optim_wrapper=dict(type="AmpOptimWrapper", optimizer=dict(type="AdamW", lr=0.0001)),
        param_scheduler=[
            dict(type="QuadraticWarmupLR", by_epoch=False, begin=0, end=4),
            dict(type="CosineAnnealingLR", T_max=max_epochs, by_epoch=True),
        ],
        train_cfg=dict(type="EpochBasedTrainLoop", max_epochs=max_epochs, val_interval=1),
        default_hooks=dict(
            timer=dict(type="IterTimerHook"),
            logger=dict(type="LoggerHook", interval=1),
            param_scheduler=dict(type="ParamSchedulerHook"),
            checkpoint=dict(type="CheckpointHook", interval=1),
        ),
        custom_hooks=[dict(type="NumClassCheckHook"), dict(type="RuntimeInfoHook")],
        default_scope="detkit",
    )
    runner.train()
    return runner


def main() -> int:
    """Train both ways; return the number of log lines the runner wrote."""
    train_by_hand()
    return len(train_with_runner().log)


if __name__ == "__main__":
    print(main())
