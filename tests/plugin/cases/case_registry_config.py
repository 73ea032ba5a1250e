"""registry-config: locations written in code but missing from the plugin's settings.

The batch's mypy.ini declares one location, this module (``[typed_registry] locations =
case_registry_config``). A registry whose locations are all configured is fine; one with a
location the settings lack gets an error at the ``Registry(...)`` call, listing the missing
locations and the whole setting to write (the configured ones first).
"""

from typing import Any

from typed_registry import Registry

# Configured: no error, in either literal form.
COVERED: Registry[Any] = Registry("covered", scope="cfg_ok", locations=["case_registry_config"])
COVERED_TUPLE: Registry[Any] = Registry(
    "covered", scope="cfg_ok2", locations=("case_registry_config",)
)
NO_LOCATIONS: Registry[Any] = Registry("plain", scope="cfg_plain", locations=[])

# One location missing.
MISSING: Registry[Any] = Registry("missing", scope="cfg_miss", locations=["myproj.models"])  # E: registry "missing" (scope "cfg_miss") declares locations the plugin does not read: "myproj.models"; add them to the plugin's settings: locations = ["case_registry_config", "myproj.models"] under [tool.typed_registry] in pyproject.toml (or [typed_registry] in mypy.ini)  [registry-config]

# Several missing, next to a configured one; the scope is inferred.
SOME: Registry[Any] = Registry(  # E: registry "some" (scope "case_registry_config") declares locations the plugin does not read: "myproj.heads" and "myproj.necks"; add them to the plugin's settings: locations = ["case_registry_config", "myproj.heads", "myproj.necks"] under [tool.typed_registry] in pyproject.toml (or [typed_registry] in mypy.ini)  [registry-config]
    "some",
    locations=["case_registry_config", "myproj.heads", "myproj.necks"],
)

# A submodule of a configured location is covered.
SUB: Registry[Any] = Registry("sub", scope="cfg_sub", locations=["case_registry_config.inner"])

# Positional arguments: name, build_func, parent, scope, locations.
POSITIONAL: Registry[Any] = Registry("pos", None, None, "cfg_pos", ["other.pkg"])  # E: registry "pos" (scope "cfg_pos") declares locations the plugin does not read: "other.pkg"; add them to the plugin's settings: locations = ["case_registry_config", "other.pkg"] under [tool.typed_registry] in pyproject.toml (or [typed_registry] in mypy.ini)  [registry-config]

# Not a literal list of strings: nothing to check.
_WHERE = ["myproj.models"]
DYNAMIC: Registry[Any] = Registry("dynamic", scope="cfg_dyn", locations=_WHERE)
