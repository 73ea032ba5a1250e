"""A model registered in a module that nothing imports and no ``locations`` lists.

The registration itself is correct. But ``detkit.mistakes_unlisted`` is not under
``detkit.models`` (the location of ``MODELS``) and no module imports it, so at run time
``"YOLOV3"`` is never registered: building it is mmdetection #5974's "not in the registry".
"""

from minengine.model import BaseModule

from detkit.registry import MODELS


@MODELS.register_module()
class YOLOV3(BaseModule):
    """A detector that no one can build."""

    def __init__(self, num_classes: int = 80) -> None:
        super().__init__()
        self.num_classes = num_classes
