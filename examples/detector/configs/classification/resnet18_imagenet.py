# A clskit config: unscoped names resolve from clskit's registries. Its schedule's base has
# the name of the detection schedule's (schedule_1x.py), in a folder of its own.
_base_ = "../_base_/schedules/imagenet/schedule_1x.py"

default_scope = "clskit"
custom_imports = dict(imports=["clskit.registry"])

model = dict(
    type="ImageClassifier",
    backbone=dict(type="ResNet", depth=18, num_stages=4, out_indices=(3,)),
    neck=dict(type="GlobalAveragePooling"),
    head=dict(
        type="LinearClsHead",
        num_classes=10,
        in_channels=512,
        loss=dict(type="CrossEntropyLoss", loss_weight=1.0),
        topk=(1, 5),
    ),
)
train_pipeline = [
    dict(type="LoadImageFromFile"),
    dict(type="RandomResizedCrop", scale=8),
    dict(type="PackClsInputs"),
]
train_dataloader = dict(
    batch_size=4,
    sampler=dict(type="DefaultSampler", shuffle=True),
    dataset=dict(
        type="ImageNet",
        data_root="data/imagenet",
        ann_file="meta/train.txt",
        pipeline=train_pipeline,
    ),
)
val_dataloader = dict(
    batch_size=4,
    sampler=dict(type="DefaultSampler", shuffle=False),
    dataset=dict(
        type="ImageNet", data_root="data/imagenet", ann_file="meta/val.txt", pipeline=train_pipeline
    ),
)
val_evaluator = dict(type="Accuracy", topk=(1, 5))
default_hooks = dict(
    timer=dict(type="IterTimerHook"),
    logger=dict(type="LoggerHook", interval=100),
    param_scheduler=dict(type="ParamSchedulerHook"),
    checkpoint=dict(type="CheckpointHook", interval=1),
)
