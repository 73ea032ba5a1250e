"""Config annotations, as MMDetection's ``mmdet.utils.typing_utils`` spells them."""

from minengine.typing_utils import ConfigType, MultiConfig, OptConfigType, OptMultiConfig

InstanceList = list[dict[str, object]]

__all__ = ["ConfigType", "InstanceList", "MultiConfig", "OptConfigType", "OptMultiConfig"]
