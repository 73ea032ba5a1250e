"""``ImageClassifier``: backbone, neck, head."""

from typing import Annotated, Any

from minengine.model import BaseModule
from minengine.typing_utils import ConfigType, OptConfigType, OptMultiConfig

from clskit.registry import MODELS
from typed_registry import ConfigFor


@MODELS.register_module()
class ImageClassifier(BaseModule):
    """A classifier; its backbone may come from another codebase (``"detkit.ResNet"``).

    Args:
        backbone: For ``MODELS``.
        neck: For ``MODELS``, or None.
        head: For ``MODELS``.
        init_cfg: For ``WEIGHT_INITIALIZERS``.
    """

    def __init__(
        self,
        backbone: ConfigType,
        head: Annotated[ConfigType, ConfigFor(MODELS)],  # built unchanged: keys checked
        neck: OptConfigType = None,
        init_cfg: OptMultiConfig = None,
    ) -> None:
        super().__init__(init_cfg)
        self.backbone = MODELS.build(backbone)
        self.neck = None if neck is None else MODELS.build(neck)
        # Any: the head's API (loss) is more than the registry's bound promises.
        self.head: Any = MODELS.build(head)

    def extract_feat(self, image: list[float]) -> tuple[list[float], ...]:
        """The (pooled) features of one image."""
        feats: tuple[list[float], ...] = self.backbone(image)
        return feats if self.neck is None else self.neck(feats)

    def forward(self, batch: list[dict[str, Any]], mode: str = "tensor") -> Any:
        """``loss``, ``predict`` or the scores of each image."""
        if mode == "loss":
            losses = [self.head.loss(self.extract_feat(s["img"]), s["gt_label"]) for s in batch]
            return {"loss": sum(losses) / len(losses)}
        scores = [self.head(self.extract_feat(sample["img"])) for sample in batch]
        if mode == "predict":
            return [{"scores": s, "pred_label": s.index(max(s))} for s in scores]
        return scores
