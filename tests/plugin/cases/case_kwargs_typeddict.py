"""A registered TypedDict class (PLUGIN BUG: its keywords are rejected).

mypy accepts ``Options(lr=0.1)`` for a TypedDict ``Options``, and so does the runtime. A
config for it is checked against the plugin's view of the class's constructor instead, and
every key is reported as unexpected. Expected: what mypy says of the direct call.
"""

from typing import Any, TypedDict

from typed_registry import Registry


class Options(TypedDict):
    lr: float


SETTINGS: Registry[Any] = Registry("settings", scope="kwtd")
SETTINGS.register_module(module=Options)

direct = Options(lr=0.1)
SETTINGS.build(dict(type="Options", lr=0.1))
SETTINGS.build(dict(type="Options", lr="fast"))  # E: Incompatible types (expression has type "str", TypedDict item "lr" has type "float")  [typeddict-item]
