"""A second ``ResNet`` registered in a sibling of ``resnet.py``; neither imports the other.

If both are imported (as a location that imports the whole package would), the second
registration raises ``DuplicateNameError``: which one is second depends on import order.
"""

from minengine.model import BaseModule

from detkit.models.builder import BACKBONES


@BACKBONES.register_module()  # mistake: registry-duplicate
class ResNet(BaseModule):
    """Someone's experimental ResNet, which should have had a name of its own."""

    def __init__(self, depth: int, width: float = 1.0) -> None:
        super().__init__()
        self.depth = depth
        self.width = width
