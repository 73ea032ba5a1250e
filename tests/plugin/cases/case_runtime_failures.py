"""What the runtime rejects, reported where it is written (``registry-config``).

A registration whose name has a ``.`` or is empty, or gives a name twice, raises when its
module is imported. A config without ``type``
(and no ``type`` in ``default_args``), with a ``type`` that is neither a name nor a class,
or with a ``_scope_`` that is neither a string nor None, raises when it is built.
"""

from typing import Any

from typed_registry import Registry

RT: Registry[Any] = Registry("runtime", scope="rt")


class Net:
    def __init__(self, depth: int = 1) -> None:
        self.depth = depth


RT.register_module("Net", module=Net)
RT.register_module("rt.Net", module=Net)  # E: Invalid registration: name 'rt.Net' is empty or has a '.', so it could never be looked up (the import raises ValueError or TypeError)  [registry-config]
RT.register_module(["Twin", "Twin"], module=Net)  # E: Invalid registration: name 'Twin' is given twice in one registration (the import raises ValueError or TypeError)  [registry-config]
# A force that is not a bool: mypy itself rejects the call (call-overload).

RT.build(dict(depth=2))  # E: Invalid config: it has no "type"  [registry-config]
RT.build({"depth": 2}, default_args={"type": "Net"})
RT.build(dict(type=123))  # E: Invalid config: "type" must be a registered name or a class  [registry-config]
RT.build(dict(type="Net", _scope_=3))  # E: Invalid config: "_scope_" must be a scope name (a string) or None  [registry-config]
RT.build(dict(type="Net", _scope_=None))
