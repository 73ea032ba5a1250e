"""MMClassification's ``MODELS``: a child of MMCV's (``from mmcls.models import MODELS``)."""

from hierarchy.mmcv_models import MODELS as MMCV_MODELS
from hierarchy.mmcv_models import Model
from typed_registry import Registry

MODELS: Registry[Model] = Registry("model", parent=MMCV_MODELS, scope="mmcls")


@MODELS.register_module()
class NetB:
    """Adds one."""

    def forward(self, x: int) -> int:
        """Return ``x + 1``."""
        return x + 1
