"""``REG.get(key)`` and ``REG[key]`` with a literal key.

A hit is the registered class object (``type[C]``) or the function, without ``None``; a miss
is ``registry-name`` at the key, and the declared type stays. Scoped keys, aliases and the
registry's ancestors resolve as in builds; a config's ``_scope_`` has no equivalent here.
"""

from typing import reveal_type

from typed_registry import Registry


class Base:
    pass


PARENT: Registry[Base] = Registry("parent", scope="gg_parent")
CHILD: Registry[Base] = Registry("child", scope="gg_child", parent=PARENT)


@PARENT.register_module(name=["Inherited", "Alias"])
class Inherited(Base):
    pass


@CHILD.register_module()
class Own(Base):
    pass


@CHILD.register_module("factory")
def make_own() -> Own:
    return Own()


reveal_type(CHILD.get("Own"))  # N: Revealed type is "type[case_get_getitem.Own]"
reveal_type(CHILD["Inherited"])  # N: Revealed type is "type[case_get_getitem.Inherited]"
reveal_type(CHILD.get("Alias"))  # N: Revealed type is "type[case_get_getitem.Inherited]"
reveal_type(PARENT["gg_child.Own"])  # N: Revealed type is "type[case_get_getitem.Own]"
reveal_type(PARENT.get("gg_child.factory"))  # N: Revealed type is "def () -> case_get_getitem.Own"
reveal_type(CHILD["factory"])  # N: Revealed type is "def () -> case_get_getitem.Own"
reveal_type(CHILD.get(key="Own"))  # N: Revealed type is "type[case_get_getitem.Own]"

# The refined value is used like the class it is.
own: Own = CHILD["Own"]()
made: Own = CHILD["factory"]()

PARENT.get("Own")  # E: "Own" is not registered in registry "parent" (scope "gg_parent"); did you mean "gg_child.Own"?  [registry-name]
PARENT["Aliass"]  # E: "Aliass" is not registered in registry "parent" (scope "gg_parent"); did you mean "Alias"?  [registry-name]
CHILD.get("gg_parnt.Alias")  # E: "gg_parnt.Alias" is not registered: scope "gg_parnt" is not in the tree of registry "child" (scope "gg_child"); known scopes: "gg_child" and "gg_parent"; did you mean "gg_parent.Alias"?  [registry-name]
CHILD[
    "gg_parent.Own"  # E: "gg_parent.Own" is not registered in registry "parent" (scope "gg_parent"); did you mean "gg_child.Own"?  [registry-name]
]

# A miss keeps the declared types.
reveal_type(CHILD.get("Nothing"))  # E: "Nothing" is not registered in registry "child" (scope "gg_child")  [registry-name] # N: Revealed type is "(def (*Any, **Any) -> case_get_getitem.Base) | None"
reveal_type(CHILD["Nothing"])  # E: "Nothing" is not registered in registry "child" (scope "gg_child")  [registry-name] # N: Revealed type is "def (*Any, **Any) -> case_get_getitem.Base"

# A miss tested before use is still a miss: the key is a literal.
if CHILD.get("Optional") is None:  # E: "Optional" is not registered in registry "child" (scope "gg_child")  [registry-name]
    pass
