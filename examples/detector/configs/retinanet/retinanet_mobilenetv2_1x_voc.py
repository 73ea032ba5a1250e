_base_ = [
    "../_base_/models/retinanet_r50_fpn.py",
    "../_base_/schedules/schedule_1x.py",
    "../_base_/default_runtime.py",
]

# _delete_=True: the base's backbone and neck settings do not fit these types at all, so
# they are replaced instead of merged.
model = dict(
    backbone=dict(
        _delete_=True,
        type="MobileNetV2",
        widen_factor=1.0,
        out_indices=(2, 4, 6),
        act_cfg=dict(type="ReLU"),
        init_cfg=dict(type="Pretrained", checkpoint="open-mmlab://mmdet/mobilenet_v2"),
    ),
    neck=dict(_delete_=True, type="ChannelMapper", in_channels=[32, 96, 320], out_channels=256),
    bbox_head=dict(num_classes=4),
)

dataset_type = "VOCDataset"
data_root = "data/VOCdevkit/"
train_pipeline = [
    dict(type="LoadImageFromFile"),
    dict(type="LoadAnnotations", with_bbox=True),
    dict(type="Resize", scale=(1000, 600), keep_ratio=True),
    dict(type="RandomFlip", prob=0.5),
    dict(type="PackDetInputs"),
]
train_dataloader = dict(
    batch_size=2,
    sampler=dict(type="DefaultSampler", shuffle=True),
    dataset=dict(
        type="RepeatDataset",
        times=3,
        dataset=dict(
            type="ConcatDataset",
            datasets=[
                dict(
                    type=dataset_type,
                    data_root=data_root,
                    ann_file="VOC2007/ImageSets/Main/trainval.txt",
                    pipeline=train_pipeline,
                ),
                dict(
                    type=dataset_type,
                    data_root=data_root,
                    ann_file="VOC2012/ImageSets/Main/trainval.txt",
                    pipeline=train_pipeline,
                ),
            ],
        ),
    ),
)
val_dataloader = dict(
    batch_size=1,
    sampler=dict(type="DefaultSampler", shuffle=False),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        ann_file="VOC2007/ImageSets/Main/test.txt",
        test_mode=True,
        pipeline=train_pipeline,
    ),
)
val_evaluator = dict(type="VOCMetric", iou_thrs=0.5, eval_mode="11points")

optim_wrapper = dict(
    _delete_=True,
    type="OptimWrapper",
    optimizer=dict(type="Adam", lr=0.0001),
    clip_grad=dict(max_norm=35, norm_type=2),
)
# The base's schedule is a list: a dict replaces it only with _delete_ (MMEngine refuses to
# merge a dict into a list).
param_scheduler = dict(_delete_=True, type="CosineAnnealingLR", T_max=12, by_epoch=True)
