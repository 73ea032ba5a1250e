"""Loading annotations into the results dict."""

from typing import Any

from minengine.dataset import BaseTransform

from detkit.registry import TRANSFORMS


@TRANSFORMS.register_module()
class LoadAnnotations(BaseTransform):
    """Copy boxes and labels from ``instances`` to ``gt_bboxes`` and ``gt_labels``."""

    def __init__(
        self,
        with_bbox: bool = True,
        with_label: bool = True,
        with_mask: bool = False,
        box_type: str = "hbox",
    ) -> None:
        self.with_bbox = with_bbox
        self.with_label = with_label
        self.with_mask = with_mask
        self.box_type = box_type

    def transform(self, results: dict[str, Any]) -> dict[str, Any]:
        instances = results.get("instances", [])
        if self.with_bbox:
            results["gt_bboxes"] = [list(instance["bbox"]) for instance in instances]
        if self.with_label:
            results["gt_labels"] = [instance["bbox_label"] for instance in instances]
        return results
