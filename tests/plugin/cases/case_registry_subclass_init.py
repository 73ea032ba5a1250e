"""A Registry subclass with its own constructor: nothing concluded from its registries.

``ScopedRegistry(scope, parent)`` passes its arguments to ``Registry.__init__`` under other
positions. The plugin cannot know the name, scope or parent of such a registry, so it
reports no misses for it (as for a non-literal scope), rather than misreading the call with
Registry's own parameter order.
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

# Another tree in the same module: its misses are still reported.
PLAIN: Registry[Any] = Registry("plain", scope="rsi_plain")
PLAIN.build(dict(type="Nowhere"))  # E: "Nowhere" is not registered in registry "plain" (scope "rsi_plain")  [registry-name]
