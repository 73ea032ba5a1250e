"""registry-duplicate in branches that exclude each other: not reported.

Only one branch of an ``if``/``else`` (or of ``except``/``else`` after a ``try``) runs, so the
registry never holds the name when the other registration runs: the runtime raises nothing
and the plugin reports nothing. Branches that can both run still conflict.
"""

import sys
from typing import Any

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
