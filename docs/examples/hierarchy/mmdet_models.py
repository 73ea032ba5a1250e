"""MMDetection's ``MODELS``: a child of MMCV's (``from mmdet.models import MODELS``)."""

from hierarchy.mmcv_models import MODELS as MMCV_MODELS
from hierarchy.mmcv_models import Model
from typed_registry import Registry

MODELS: Registry[Model] = Registry("model", parent=MMCV_MODELS, scope="mmdet")


@MODELS.register_module()
class NetA:
    """Returns its input."""

    def forward(self, x: int) -> int:
        """Return ``x``."""
        return x
