"""detkit's utilities."""

from detkit.utils.typing_utils import ConfigType, MultiConfig, OptConfigType, OptMultiConfig

__all__ = ["ConfigType", "MultiConfig", "OptConfigType", "OptMultiConfig"]
