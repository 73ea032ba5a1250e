"""Print the registries' tables and count a model's parameters: user code outside the packages."""

import argparse

from clskit.registry import MODELS as CLS_MODELS
from detkit.registry import MODELS as DET_MODELS
from detkit.registry import TASK_UTILS
from minengine.registry import DATASETS, HOOKS, METRICS, MODELS, OPTIMIZERS, TRANSFORMS


def count_parameters(depth: int) -> dict[str, int]:
    """Parameters of a detector and of a classifier on a ResNet of ``depth``."""
    detector = DET_MODELS.build(
        dict(
            type="RetinaNet",
            backbone=dict(type="ResNeXt", depth=depth, groups=64, base_width=4),
            neck=dict(type="FPN", in_channels=[256, 512, 1024, 2048], out_channels=256, num_outs=5),
            bbox_head=dict(
                type="RetinaHead",
                num_classes=80,
                in_channels=256,
                anchor_generator=dict(
                    type="AnchorGenerator", scales=[4], ratios=[1.0], strides=[8, 16, 32, 64, 128]
                ),
            ),
        )
    )
    classifier = CLS_MODELS.build(
        dict(
            type="ImageClassifier",
            backbone=dict(type="ViT", arch="small", patch_size=16),
            neck=None,
            head=dict(type="LinearClsHead", num_classes=1000, in_channels=384),
        )
    )
    anchors = TASK_UTILS.build(
        dict(type="AnchorGenerator", scales=[8], ratios=[0.5, 1.0, 2.0], strides=[16])
    )
    return {
        "detector": len(detector.parameters()),
        "classifier": len(classifier.parameters()),
        "anchors per position": anchors.num_base_priors,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the tables of the engine's registries, then the parameter counts."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--depth", type=int, default=50)
    args = parser.parse_args(argv)
    for registry in (MODELS, DATASETS, TRANSFORMS, OPTIMIZERS, HOOKS, METRICS):
        print(registry.table())
    for name, count in count_parameters(args.depth).items():
        print(f"{name}: {count}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
