# RetinaNet on COCO, validated with the training pipeline (its flip included): the value
# below is the merged bases' train_pipeline, put in before the file runs (MMEngine's old
# style of reading a base's value; a config reads it, it cannot change it).
_base_ = "./retinanet_r50_fpn_1x_coco.py"

val_dataloader = dict(dataset=dict(pipeline={{_base_.train_pipeline}}))
