"""``SingleStageDetector``: backbone, optional neck, dense head."""

from typing import Any

from detkit.models.detectors.base import BaseDetector
from detkit.registry import MODELS
from detkit.utils import ConfigType, OptConfigType, OptMultiConfig


@MODELS.register_module()
class SingleStageDetector(BaseDetector):
    """Builds its parts from their configs, all with ``MODELS``.

    Args:
        backbone: For ``MODELS``.
        neck: For ``MODELS``, or None.
        bbox_head: For ``MODELS``; it also gets ``train_cfg`` and ``test_cfg``.
        train_cfg: Plain settings for training (see the head).
        test_cfg: Plain settings for testing (see the head).
        data_preprocessor: For ``MODELS``.
        init_cfg: For ``WEIGHT_INITIALIZERS``.
    """

    def __init__(
        self,
        backbone: ConfigType,
        neck: OptConfigType = None,
        bbox_head: OptConfigType = None,
        train_cfg: OptConfigType = None,
        test_cfg: OptConfigType = None,
        data_preprocessor: OptConfigType = None,
        init_cfg: OptMultiConfig = None,
    ) -> None:
        super().__init__(data_preprocessor, init_cfg)
        self.backbone = MODELS.build(backbone)
        self.neck = None if neck is None else MODELS.build(neck)
        if bbox_head is None:
            msg = "a single-stage detector needs a bbox_head"
            raise ValueError(msg)
        # As MMDetection does: the head gets the detector's train and test settings.
        # Any: the head's API (loss, predict) is more than the registry's bound promises.
        self.bbox_head: Any = MODELS.build(
            {**bbox_head, "train_cfg": train_cfg, "test_cfg": test_cfg}
        )
        self.train_cfg = train_cfg
        self.test_cfg = test_cfg

    def extract_feat(self, image: list[float]) -> tuple[list[float], ...]:
        feats: tuple[list[float], ...] = self.backbone(image)
        if self.neck is not None:
            feats = self.neck(feats)
        return feats

    def loss(self, batch: list[dict[str, Any]]) -> dict[str, float]:
        totals: dict[str, float] = {}
        for image, sample in zip(self.data_preprocessor(batch), batch, strict=True):
            for name, value in self.bbox_head.loss(self.extract_feat(image), sample).items():
                totals[name] = totals.get(name, 0.0) + value / len(batch)
        return totals

    def predict(self, batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
        results: list[dict[str, Any]] = []
        for image, sample in zip(self.data_preprocessor(batch), batch, strict=True):
            prediction = self.bbox_head.predict(self.extract_feat(image))
            results.append({"img_id": sample.get("img_id"), **prediction})
        return results
