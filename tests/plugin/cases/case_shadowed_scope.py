"""A child's own entry that shadows the root's, and builds under a default scope set elsewhere.

Under a default scope the root's ``build`` starts from the child of that scope. In a
``with default_scope(...)`` block a name that two registries of the tree hold with different
classes gets no keyword check (either may be built). In any function, whose callers may set
a default scope, a name that only a child holds is no error, and a name the registry itself
resolves is checked against that entry. A name found nowhere in the tree is an error
whatever the scope. At module level, outside such a block, the build starts from the
registry it is called on.
"""

from typing import Any

from typed_registry import Registry, default_scope

ROOT: Registry[Any] = Registry("transforms", scope="shadow_root")
CHILD: Registry[Any] = Registry("transforms", scope="shadow_det", parent=ROOT)


@ROOT.register_module()
class Resize:
    def __init__(self, scale: int) -> None:
        self.scale = scale


@CHILD.register_module("Resize")
class DetResize:
    def __init__(self, size: tuple[int, int]) -> None:
        self.size = size


@CHILD.register_module()
class OnlyDet:
    def __init__(self, n: int) -> None:
        self.n = n


with default_scope("shadow_det"):
    ROOT.build(dict(type="Resize", size=(1, 2)))
    ROOT.build(dict(type="Resizee"))  # E: "Resizee" is not registered in registry "transforms" (scope "shadow_root"); did you mean "Resize"?  [registry-name]


def helper() -> None:
    """Called under some default scope, or none: every scope of the tree may be in force."""
    ROOT.build(dict(type="OnlyDet", n=1))
    # Found from the registry itself: checked against that entry, the likely meaning.
    ROOT.build(dict(type="Resize", anything=1))  # E: Unexpected keyword argument "anything" for "Resize"  [call-arg]
    ROOT.build(
        dict(
            type="OnlyDet",
            n="1",  # E: Argument "n" to "OnlyDet" has incompatible type "str"; expected "int"  [arg-type]
        )
    )
    ROOT.build(dict(type="OnlyDett"))  # E: "OnlyDett" is not registered in registry "transforms" (scope "shadow_root")  [registry-name]


# At module level, outside a default scope's block: the root's entry is certain.
ROOT.build(dict(type="Resize", size=(1, 2)))  # E: Unexpected keyword argument "size" for "Resize"  [call-arg]
ROOT.build(dict(type="Resize", scale=2))
