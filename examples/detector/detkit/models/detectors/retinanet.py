"""RetinaNet (registered through the 2.x alias ``DETECTORS``)."""

from typing import Annotated

from detkit.models.builder import DETECTORS
from detkit.models.detectors.single_stage import SingleStageDetector
from detkit.registry import MODELS
from detkit.utils import ConfigType, OptConfigType, OptMultiConfig
from typed_registry import ConfigFor


@DETECTORS.register_module()
class RetinaNet(SingleStageDetector):
    """RetinaNet: a single-stage detector with a focal-loss head; the parts are required.

    ``backbone`` and ``neck`` are declared as built by ``MODELS`` with their keys unchanged
    (``ConfigFor``): the checks then check their keys too. ``bbox_head`` is plain
    ``ConfigType`` as in MMDetection (the detector adds ``train_cfg``/``test_cfg`` to it):
    its name is checked, its keys are its builder's business.
    """

    def __init__(
        self,
        backbone: Annotated[ConfigType, ConfigFor(MODELS)],
        neck: Annotated[ConfigType, ConfigFor(MODELS)],
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
