"""``AnchorHead``: classification and box regression at every anchor of every level."""

import math
from typing import Annotated, Any

from minengine.model import BaseModule

from detkit.models.builder import HEADS
from detkit.models.layers import batched_nms
from detkit.registry import MODELS, TASK_UTILS
from detkit.utils import ConfigType, OptConfigType, OptMultiConfig
from typed_registry import ConfigFor


@HEADS.register_module()
class AnchorHead(BaseModule):
    """An anchor-based head; it builds its own parts from their configs.

    Args:
        num_classes: Number of object classes.
        in_channels: Channels of the input levels.
        feat_channels: Channels of the hidden layers.
        anchor_generator: For ``TASK_UTILS`` (said in the annotation).
        bbox_coder: For ``TASK_UTILS`` (the annotation does not say so).
        loss_cls: For ``MODELS``.
        loss_bbox: For ``MODELS``.
        train_cfg: Plain settings; its ``assigner`` and ``sampler`` are ``TASK_UTILS``
            configs.
        test_cfg: Plain settings (``score_thr``, ``max_per_img``); its ``nms`` is a plain
            dict whose ``type`` names a function of :mod:`detkit.ops`, not a registry entry.
        init_cfg: For ``WEIGHT_INITIALIZERS``.
    """

    def __init__(
        self,
        num_classes: int,
        in_channels: int,
        feat_channels: int = 256,
        anchor_generator: Annotated[ConfigType, ConfigFor(TASK_UTILS)] = dict(
            type="AnchorGenerator", scales=[8, 16, 32], ratios=[0.5, 1.0, 2.0], strides=[4, 8, 16]
        ),
        bbox_coder: ConfigType = dict(type="DeltaXYWHBBoxCoder"),
        # Built by MODELS.build(loss_cls) unchanged: declared, so its keys are checked too.
        loss_cls: Annotated[ConfigType, ConfigFor(MODELS)] = dict(
            type="CrossEntropyLoss", use_sigmoid=True, loss_weight=1.0
        ),
        loss_bbox: ConfigType = dict(type="SmoothL1Loss", beta=1.0 / 9.0, loss_weight=1.0),
        train_cfg: OptConfigType = None,
        test_cfg: OptConfigType = None,
        init_cfg: OptMultiConfig = dict(type="Normal", layer="Conv2d", std=0.01),
    ) -> None:
        super().__init__(init_cfg)
        self.num_classes = num_classes
        self.in_channels = in_channels
        self.feat_channels = feat_channels
        self.prior_generator = TASK_UTILS.build(anchor_generator)
        self.bbox_coder = TASK_UTILS.build(bbox_coder)
        self.loss_cls = MODELS.build(loss_cls)
        self.loss_bbox = MODELS.build(loss_bbox)
        self.train_cfg = train_cfg
        self.test_cfg = test_cfg or {}
        self.assigner: Any = None
        self.sampler: Any = None
        if train_cfg is not None:
            self.assigner = TASK_UTILS.build(train_cfg["assigner"])
            self.sampler = TASK_UTILS.build(train_cfg.get("sampler", {"type": "PseudoSampler"}))
        self.conv_cls = self.add_param(0.5)
        self.conv_reg = self.add_param(0.1)

    def forward(self, feats: tuple[list[float], ...]) -> tuple[list[list[float]], ...]:
        """Per level: the classification score and the box delta at each position."""
        cls_scores = [[self.conv_cls.value * v for v in level] for level in feats]
        bbox_preds = [[self.conv_reg.value * v for v in level] for level in feats]
        return cls_scores, bbox_preds

    def _anchors(self, feats: tuple[list[float], ...]) -> list[list[float]]:
        priors: list[list[float]] = self.prior_generator.grid_priors([len(f) for f in feats])
        step = self.prior_generator.num_base_priors
        return [level[::step] for level in priors]

    def loss(self, feats: tuple[list[float], ...], sample: dict[str, Any]) -> dict[str, float]:
        """The classification and regression losses for one image."""
        cls_scores, bbox_preds = self(feats)
        gt_size = sample["instances"][0]["bbox"][2] if sample.get("instances") else 1.0
        loss_cls = loss_bbox = 0.0
        levels = zip(cls_scores, bbox_preds, self._anchors(feats), strict=True)
        for scores, preds, level_anchors in levels:
            anchors = level_anchors[: len(scores)]
            if self.assigner is not None:
                labels = self.assigner.assign(anchors, gt_size)
                keep = self.sampler.sample(labels)
            else:
                labels = [int(i == 0) for i in range(len(anchors))]
                keep = list(range(len(anchors)))
            targets = self.bbox_coder.encode(anchors, [gt_size] * len(anchors))
            loss_cls += self.loss_cls([scores[i] for i in keep], [float(labels[i]) for i in keep])
            loss_bbox += self.loss_bbox(preds[: len(targets)], targets[: len(preds)])
        return {"loss_cls": loss_cls, "loss_bbox": loss_bbox}

    def predict(self, feats: tuple[list[float], ...]) -> dict[str, list[float]]:
        """Scores and sizes of the boxes kept after ``test_cfg``'s NMS."""
        cls_scores, bbox_preds = self(feats)
        scores: list[float] = []
        sizes: list[float] = []
        levels = zip(cls_scores, bbox_preds, self._anchors(feats), strict=True)
        for level_scores, preds, anchors in levels:
            scores.extend(1.0 / (1.0 + math.exp(-v)) for v in level_scores[: len(anchors)])
            sizes.extend(self.bbox_coder.decode(anchors, preds))
        threshold = self.test_cfg.get("score_thr", float("-inf"))
        candidates = [i for i, score in enumerate(scores) if score > threshold]
        nms_cfg = self.test_cfg.get("nms", {"type": "nms", "iou_threshold": 0.5})
        keep = batched_nms([scores[i] for i in candidates], [sizes[i] for i in candidates], nms_cfg)
        keep = keep[: self.test_cfg.get("max_per_img", 100)]
        return {
            "scores": [scores[candidates[i]] for i in keep],
            "sizes": [sizes[candidates[i]] for i in keep],
        }
