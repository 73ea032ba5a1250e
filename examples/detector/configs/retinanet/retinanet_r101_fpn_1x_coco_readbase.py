# ruff: noqa: F403, F405  # the names come from the bases, as MMEngine imports them
# RetinaNet with a ResNet-101 backbone, in MMEngine's pure-Python style: the bases are
# imported (with read_base()), and the file changes their values in place; there is no
# `name = dict(...)` at all. MMEngine's ConfigDict.update merges a dict into a dict.
from mmengine.config import read_base

with read_base():
    from .._base_.datasets.coco_detection import *
    from .._base_.default_runtime import *
    from .._base_.models.retinanet_r50_fpn import *
    from .._base_.schedules.schedule_1x import *

model.update(backbone=dict(depth=101, init_cfg=dict(checkpoint="torchvision://resnet101")))
model["bbox_head"].update(num_classes=20)
