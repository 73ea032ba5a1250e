"""A registered TypedDict class: checked as mypy checks its construction.

mypy accepts ``Options(lr=0.1)`` for a TypedDict ``Options``, and so does the runtime. A
config for it gets what mypy says of the direct call (``typeddict-item`` and the like), not
a check against a constructor signature, which a TypedDict does not have.
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
