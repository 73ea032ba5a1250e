"""Build classifiers, one with a backbone from detkit (``"detkit.ResNet"``)."""

from typing import Any

# Imported for its effect: the scope of "detkit.ResNet" below exists once its registries do.
import detkit.registry  # noqa: F401  # pyright: ignore[reportUnusedImport]
from minengine.protocols import Module

from clskit.registry import DATASETS, MODELS


def init_classifier(num_classes: int = 10) -> Module:
    """A ResNet-18 classifier: clskit's own ``ResNet``."""
    return MODELS.build(
        dict(
            type="ImageClassifier",
            backbone=dict(type="ResNet", depth=18, num_stages=4, out_indices=(3,)),
            neck=dict(type="GlobalAveragePooling"),
            head=dict(
                type="LinearClsHead",
                num_classes=num_classes,
                in_channels=512,
                loss=dict(type="LabelSmoothLoss", label_smooth_val=0.1, loss_weight=1.0),
                topk=(1, 5),
            ),
        )
    )


def init_classifier_on_detkit_backbone(num_classes: int = 10) -> Module:
    """The same classifier on detkit's ``ResNet`` (whose ``depth`` must be 18 to 152)."""
    return MODELS.build(
        {
            "type": "ImageClassifier",
            "backbone": {"type": "detkit.ResNet", "depth": 34, "out_indices": (3,)},
            "neck": {"type": "GlobalAveragePooling"},
            "head": {"type": "LinearClsHead", "num_classes": num_classes, "in_channels": 512},
        }
    )


def classify(model: Module, count: int = 4) -> list[dict[str, Any]]:
    """Predict the classes of the first ``count`` images of a small ImageNet."""
    dataset = DATASETS.build(
        dict(
            type="ImageNet",
            ann_file="meta/val.txt",
            pipeline=[
                dict(type="LoadImageFromFile"),
                dict(type="RandomResizedCrop", scale=8),
                dict(type="PackClsInputs"),
            ],
        )
    )
    batch = [dataset[index] for index in range(min(count, len(dataset)))]
    predictions: list[dict[str, Any]] = model.forward(batch, mode="predict")
    return predictions


def main() -> int:
    """Classify with both models; return the number of predictions."""
    return len(classify(init_classifier())) + len(classify(init_classifier_on_detkit_backbone()))
