# RetinaNet on COCO with seeded mistakes, each marked `# mistake: CODE`: mypy with the
# plugin and `typed-registry check` report every one, without running anything; the runner
# would stop at the first, after loading the data. (One more is in the first base.)
_base_ = [
    "../_base_/models/mistakes_retinanet_r50_fpn.py",
    "../_base_/datasets/coco_detection.py",
    "../_base_/schedules/schedule_1x.py",
    "../_base_/default_runtime.py",
]

model = dict(
    backbone=dict(depth="101"),  # mistake: arg-type
    bbox_head=dict(
        num_classes=80,
        loss_cls=dict(type="FocalLos", use_sigmoid=True),  # mistake: registry-name
    ),
)
train_pipeline = [
    dict(type="LoadImageFromFile"),
    dict(type="LoadAnnotations", with_bbox=True),
    dict(type="RandomFlp", prob=0.5),  # mistake: registry-name
    dict(type="PackDetInputs"),
]
train_dataloader = dict(
    sampler=dict(type="DefaultSamplr", shuffle=True),  # mistake: registry-name
    dataset=dict(pipeline=train_pipeline),
)
default_hooks = dict(logger=dict(type="LoggerHook", intervl=50))  # mistake: call-arg
