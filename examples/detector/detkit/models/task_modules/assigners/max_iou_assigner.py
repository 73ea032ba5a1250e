"""Assigners and samplers: which anchors are positives (built from a head's ``train_cfg``)."""

from detkit.registry import TASK_UTILS


@TASK_UTILS.register_module()
class MaxIoUAssigner:
    """Positive above ``pos_iou_thr``, negative below ``neg_iou_thr``, ignored between."""

    def __init__(
        self,
        pos_iou_thr: float,
        neg_iou_thr: float,
        min_pos_iou: float = 0.0,
        ignore_iof_thr: float = -1,
    ) -> None:
        self.pos_iou_thr = pos_iou_thr
        self.neg_iou_thr = neg_iou_thr
        self.min_pos_iou = min_pos_iou
        self.ignore_iof_thr = ignore_iof_thr

    def assign(self, anchors: list[float], gt_size: float) -> list[int]:
        """1 for a positive, 0 for a negative, -1 for ignored (overlap: ratio of sizes)."""
        labels: list[int] = []
        for anchor in anchors:
            iou = min(anchor, gt_size) / max(anchor, gt_size, 1e-6)
            if iou >= self.pos_iou_thr and iou >= self.min_pos_iou:
                labels.append(1)
            elif iou < self.neg_iou_thr:
                labels.append(0)
            else:
                labels.append(-1)
        return labels


@TASK_UTILS.register_module()
class PseudoSampler:
    """Keeps every assigned anchor (takes no arguments)."""

    def sample(self, labels: list[int]) -> list[int]:
        """The indices of the anchors that are not ignored."""
        return [i for i, label in enumerate(labels) if label >= 0]
