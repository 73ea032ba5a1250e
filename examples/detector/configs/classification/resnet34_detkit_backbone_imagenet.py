# detkit's ResNet in a clskit classifier: the scoped name reaches the sibling codebase.
_base_ = "./resnet18_imagenet.py"

custom_imports = dict(imports=["clskit.registry", "detkit.registry"])
model = dict(
    backbone=dict(_delete_=True, type="detkit.ResNet", depth=34, out_indices=(3,)),
    head=dict(loss=dict(type="LabelSmoothLoss", label_smooth_val=0.1)),
)
