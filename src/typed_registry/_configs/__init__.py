"""Config files read without running them: values with their origins, merged with bases.

The mypy plugin and ``typed-registry check`` both read config files through this package,
so they agree on what a config holds and where each value was written.
"""

from typed_registry._configs._limits import DEFAULT_LIMITS, ConfigLimits
from typed_registry._configs._loading import (
    CONFIG_SUFFIXES,
    LoadedConfig,
    ReadMemory,
    load_config_file,
    merge,
)
from typed_registry._configs._nodes import (
    UNKNOWN,
    ClassRef,
    ConfigDict,
    ConfigList,
    Node,
    Origin,
    Scalar,
    Unknown,
    at_path,
    to_plain,
)
from typed_registry._configs._packages import default_search_path
from typed_registry._configs._part_rule import PartBuild, PartRule, how_built
from typed_registry._configs._settings import (
    ConfigSettings,
    Part,
    config_files,
    parts_of,
    read_config_settings,
    rule_applies,
    rule_parts,
)
from typed_registry._configs.errors import (
    ConfigFileError,
    ConfigLimitError,
    SettingsError,
)

__all__ = [
    "CONFIG_SUFFIXES",
    "DEFAULT_LIMITS",
    "UNKNOWN",
    "ClassRef",
    "ConfigDict",
    "ConfigFileError",
    "ConfigLimitError",
    "ConfigLimits",
    "ConfigList",
    "ConfigSettings",
    "LoadedConfig",
    "Node",
    "Origin",
    "Part",
    "PartBuild",
    "PartRule",
    "ReadMemory",
    "Scalar",
    "SettingsError",
    "Unknown",
    "at_path",
    "config_files",
    "default_search_path",
    "how_built",
    "load_config_file",
    "merge",
    "parts_of",
    "read_config_settings",
    "rule_applies",
    "rule_parts",
    "to_plain",
]
