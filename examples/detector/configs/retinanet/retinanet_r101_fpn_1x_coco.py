_base_ = "./retinanet_r50_fpn_1x_coco.py"

# One leaf changes: the backbone's type and the rest of its settings come from the base.
model = dict(
    backbone=dict(depth=101, init_cfg=dict(type="Pretrained", checkpoint="torchvision://resnet101"))
)
