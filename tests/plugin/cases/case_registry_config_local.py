"""registry-config for registries that are not module-level assignments.

The contract makes every ``Registry(..., locations=[...])`` whose locations are not in the
settings an error at the registry, wherever it is created: in a function or as a class
attribute too.
"""

from typing import Any

from typed_registry import Registry


class Holder:
    REG: Registry[Any] = Registry("held", scope="rcl_held", locations=["held.models"])  # E: registry "held" (scope "rcl_held") declares locations the plugin does not read: "held.models"; add them to the plugin's settings: locations = ["case_registry_config", "held.models"] under [tool.typed_registry] in pyproject.toml (or [typed_registry] in mypy.ini)  [registry-config]


def make_registry() -> Registry[Any]:
    return Registry("made", scope="rcl_made", locations=["made.models"])  # E: registry "made" (scope "rcl_made") declares locations the plugin does not read: "made.models"; add them to the plugin's settings: locations = ["case_registry_config", "made.models"] under [tool.typed_registry] in pyproject.toml (or [typed_registry] in mypy.ini)  [registry-config]
