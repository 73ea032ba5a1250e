"""Locations written in code: read by the registry index as the settings' locations are.

The batch's mypy.ini declares one location, this module (``[typed_registry] locations =
case_registry_config``); a location given only to ``Registry(locations=[...])`` needs no
setting. A location the index cannot find in the project (an installed package, a typo)
may register anything: that registry's misses are not errors.
"""

from typing import Any

from typed_registry import Registry

# Configured: no error, in either literal form.
COVERED: Registry[Any] = Registry("covered", scope="cfg_ok", locations=["case_registry_config"])
COVERED_TUPLE: Registry[Any] = Registry(
    "covered", scope="cfg_ok2", locations=("case_registry_config",)
)
NO_LOCATIONS: Registry[Any] = Registry("plain", scope="cfg_plain", locations=[])

# One location not in the project.
MISSING: Registry[Any] = Registry("missing", scope="cfg_miss", locations=["myproj.models"])

# Several not in the project, next to a configured one; the scope is inferred.
SOME: Registry[Any] = Registry(
    "some",
    locations=["case_registry_config", "myproj.heads", "myproj.necks"],
)

# A submodule of a configured location is covered.
SUB: Registry[Any] = Registry("sub", scope="cfg_sub", locations=["case_registry_config.inner"])

# Positional arguments: name, build_func, parent, scope, locations.
POSITIONAL: Registry[Any] = Registry("pos", None, None, "cfg_pos", ["other.pkg"])

# Not a literal list of strings: nothing to check.
_WHERE = ["myproj.models"]
DYNAMIC: Registry[Any] = Registry("dynamic", scope="cfg_dyn", locations=_WHERE)

COVERED.build(dict(type="Nothing"))  # E: "Nothing" is not registered in registry "covered" (scope "cfg_ok")  [registry-name]
MISSING.build(dict(type="Anything"))
SOME.build(dict(type="Anything"))
POSITIONAL.build(dict(type="Anything"))
