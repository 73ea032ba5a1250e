# RetinaNet with the LightNeck project (loaded through custom_imports) and a seeded mistake,
# marked `# mistake: CODE`: mypy with the plugin and `typed-registry check` both report it,
# the first from the project's source, the second (with --import-custom-imports) by importing it
# as the runner does.
_base_ = "../../projects/LightNeck/configs/retinanet_r50_lightneck_1x_coco.py"

model = dict(neck=dict(num_out=6))  # mistake: call-arg
