# A base with a seeded mistake, for configs/retinanet/mistakes_retinanet_r50_fpn_1x_coco.py:
# mypy (checking this file) and `typed-registry check` (checking the config built on it)
# report it at this file's line.
_base_ = "./retinanet_r50_fpn.py"

model = dict(neck=dict(num_out=5))  # mistake: call-arg
