"""A Registry subclass with its own constructor (PLUGIN BUG: false registry-name errors).

``ScopedRegistry(scope, parent)`` passes its arguments to ``Registry.__init__`` under other
positions. The plugin binds the call's arguments with Registry's own parameter order (name,
build_func, parent, scope, ...), so it takes the scope for the name, the parent for the
build_func, infers the module's scope, and loses the parent: keys that resolve at run time
are reported. When the constructor is not Registry's, the plugin cannot know the name, scope
or parent, and must not report misses (as for a non-literal scope).
"""

from typing import Any

from typed_registry import Registry


class ScopedRegistry(Registry[Any]):
    def __init__(self, scope: str, parent: Registry[Any] | None = None) -> None:
        super().__init__("scoped", scope=scope, parent=parent)


ROOT = ScopedRegistry("rsi_root")
CHILD = ScopedRegistry("rsi_child", ROOT)


@ROOT.register_module()
class InRoot:
    pass


@CHILD.register_module()
class InChild:
    pass


# All of these resolve at run time.
ROOT.build(dict(type="rsi_root.InRoot"))
ROOT.build(dict(type="rsi_child.InChild"))
CHILD.build(dict(type="InRoot"))
