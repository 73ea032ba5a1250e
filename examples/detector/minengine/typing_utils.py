"""Annotations for configs, as MMEngine and MMDetection write them.

They say that a parameter takes a config dict, not which registry builds it: the class
builds it itself. ``typed_registry.ConfigFor`` says which, where a class wants to.
"""

from typing import Any

ConfigType = dict[str, Any]
OptConfigType = ConfigType | None
MultiConfig = ConfigType | list[ConfigType]
OptMultiConfig = MultiConfig | None
