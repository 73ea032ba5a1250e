# RetinaNet with the project's neck. The project is no package of the codebase: the runner
# imports it first (custom_imports), and so do the checks (mypy reads its source, `check`
# imports it as the runner does).
_base_ = "../../../configs/retinanet/retinanet_r50_fpn_1x_coco.py"

custom_imports = dict(imports=["projects.LightNeck.light_neck"], allow_failed_imports=False)
model = dict(
    neck=dict(
        _delete_=True,
        type="LightNeck",
        in_channels=[256, 512, 1024, 2048],
        out_channels=256,
        num_outs=5,
    )
)
