"""Non-maximum suppression driven by a ``test_cfg``."""

from typing import Any

from detkit import ops


def batched_nms(scores: list[float], sizes: list[float], nms_cfg: dict[str, Any]) -> list[int]:
    """Run the NMS that ``nms_cfg["type"]`` names (a function of :mod:`detkit.ops`).

    ``nms_cfg`` is ``dict(type="nms", iou_threshold=0.5)``: its ``type`` is not a registry
    key, and the other items are the function's keyword arguments.
    """
    cfg = dict(nms_cfg)
    nms_op = getattr(ops, cfg.pop("type", "nms"))
    keep: list[int] = nms_op(scores, sizes, **cfg)
    return keep
