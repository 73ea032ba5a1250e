"""``DetDataPreprocessor``: the engine's image preprocessor plus detection options."""

from minengine.model import ImgDataPreprocessor

from detkit.registry import MODELS
from detkit.utils import ConfigType


@MODELS.register_module()
class DetDataPreprocessor(ImgDataPreprocessor):
    """Normalise and pad; ``batch_augments`` are kept for the configs' sake."""

    def __init__(
        self,
        mean: list[float] | None = None,
        std: list[float] | None = None,
        bgr_to_rgb: bool = False,
        pad_size_divisor: int = 1,
        pad_mask: bool = False,
        batch_augments: list[ConfigType] | None = None,
    ) -> None:
        super().__init__(mean, std, bgr_to_rgb, pad_size_divisor)
        self.pad_mask = pad_mask
        self.batch_augments = batch_augments or []
