"""registry-duplicate in branches that exclude each other: not reported.

Only one branch of an ``if``/``else`` (or of ``except``/``else`` after a ``try``) runs, so the
registry never holds the name when the other registration runs: the runtime raises nothing
and the plugin reports nothing. Branches that can both run still conflict.
"""

import sys
from typing import Any, reveal_type

from typed_registry import Registry

BRANCHES: Registry[Any] = Registry("branches", scope="dupbr")


class Fast:
    pass


class Slow:
    pass


if sys.argv:
    BRANCHES.register_module("impl", module=Fast)
else:
    BRANCHES.register_module("impl", module=Slow)

try:
    import json
except ImportError:
    BRANCHES.register_module("codec", module=Slow)
else:
    BRANCHES.register_module("codec", module=json.JSONDecoder)

# Either branch's class may hold the name at run time: the name resolves, and nothing more is
# concluded (no keyword checks against one of them, the declared type).
reveal_type(BRANCHES.build(dict(type="impl", speed=1)))  # N: Revealed type is "Any"
BRANCHES.build(dict(type="imp"))  # E: "imp" is not registered in registry "branches" (scope "dupbr"); did you mean "impl"?  [registry-name]

# Branches that can both run still conflict: the try body and its finally.
try:
    BRANCHES.register_module("both", module=Fast)
finally:
    BRANCHES.register_module("both", module=Slow)  # E: "both" is already registered in registry "branches" (scope "dupbr") at case_duplicate_branches:43 ("case_duplicate_branches.Fast"); pass force=True to replace it  [registry-duplicate]
