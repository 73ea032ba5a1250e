"""Box operations (MMCV's ``mmcv.ops``). Not a registry: ``test_cfg=dict(nms=dict(type="nms"))``
names one of these functions, which :func:`detkit.models.layers.batched_nms` looks up with
``getattr``.
"""

import math


def _overlap(a: float, b: float) -> float:
    return min(a, b) / max(a, b, 1e-6)


def nms(scores: list[float], sizes: list[float], iou_threshold: float) -> list[int]:
    """Keep the best-scoring boxes, dropping those that overlap a kept one too much."""
    keep: list[int] = []
    for i in sorted(range(len(scores)), key=scores.__getitem__, reverse=True):
        if all(_overlap(sizes[i], sizes[k]) <= iou_threshold for k in keep):
            keep.append(i)
    return keep


def soft_nms(
    scores: list[float],
    sizes: list[float],
    iou_threshold: float,
    sigma: float = 0.5,
    min_score: float = 1e-3,
) -> list[int]:
    """Decay the scores of overlapping boxes instead of dropping them."""
    decayed = list(scores)
    keep: list[int] = []
    remaining = set(range(len(scores)))
    while remaining:
        best = max(remaining, key=decayed.__getitem__)
        remaining.remove(best)
        if decayed[best] < min_score:
            break
        keep.append(best)
        for i in remaining:
            overlap = _overlap(sizes[i], sizes[best])
            if overlap > iou_threshold:
                decayed[i] *= math.exp(-(overlap * overlap) / sigma)
    return keep
