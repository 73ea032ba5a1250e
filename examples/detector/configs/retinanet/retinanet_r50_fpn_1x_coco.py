_base_ = [
    "../_base_/models/retinanet_r50_fpn.py",
    "../_base_/datasets/coco_detection.py",
    "../_base_/schedules/schedule_1x.py",
    "../_base_/default_runtime.py",
]

# optimizer: only the leaf that changes; "type" and the rest come from the base
optim_wrapper = dict(optimizer=dict(lr=0.01))
