"""RetinaNet (registered through the 2.x alias ``DETECTORS``)."""

from detkit.models.builder import DETECTORS
from detkit.models.detectors.single_stage import SingleStageDetector
from detkit.utils import ConfigType, OptConfigType, OptMultiConfig


@DETECTORS.register_module()
class RetinaNet(SingleStageDetector):
    """RetinaNet: a single-stage detector with a focal-loss head; the parts are required."""

    def __init__(
        self,
        backbone: ConfigType,
        neck: ConfigType,
        bbox_head: ConfigType,
        train_cfg: OptConfigType = None,
        test_cfg: OptConfigType = None,
        data_preprocessor: OptConfigType = None,
        init_cfg: OptMultiConfig = None,
    ) -> None:
        super().__init__(
            backbone=backbone,
            neck=neck,
            bbox_head=bbox_head,
            train_cfg=train_cfg,
            test_cfg=test_cfg,
            data_preprocessor=data_preprocessor,
            init_cfg=init_cfg,
        )
