"""Scopes: the plugin resolves keys by the runtime's rule.

An unscoped key is looked up in the registry, then its parent, ... up to the root (children
and siblings are never searched); ``scope.rest`` resolves ``rest`` from the registry with
that scope anywhere in the same tree; an unknown scope is a miss. A config's ``_scope_``
makes that registry the start of the lookup (an unknown ``_scope_`` is ignored, as at run
time). Misses suggest the same name under another scope.

A default scope can make ``build`` start from another registry of the tree, which no checker
sees at the call: inside a ``with default_scope(...):`` block, and in nested configs (built by
a class, maybe under its caller's default scope), a name that resolves from another registry
of the tree is not a miss. A ``_scope_`` in the config overrides the default scope: then the
miss is certain.

The tree::

    ROOT (sc_top): Base, Shared
    +-- MID (sc_mid): Middle
    |   +-- LEAF (sc_leaf): Leafy, Shared
    +-- SIB (sc_sib): Sibling, Base (shadows ROOT's)
"""

from typing import Any, reveal_type

from typed_registry import Registry, build_from_cfg, default_scope

ROOT: Registry[Any] = Registry("models", scope="sc_top")
MID: Registry[Any] = Registry("models", scope="sc_mid", parent=ROOT)
LEAF: Registry[Any] = Registry("models", scope="sc_leaf", parent=MID)
SIB: Registry[Any] = Registry("models", scope="sc_sib", parent=ROOT)


@ROOT.register_module()
class Base:
    def __init__(self, a: int) -> None:
        self.a = a


@ROOT.register_module()
class Shared:
    pass


@MID.register_module()
class Middle:
    pass


@LEAF.register_module()
class Leafy:
    pass


@LEAF.register_module("Shared")
class LeafShared:
    pass


@SIB.register_module()
class Sibling:
    pass


@SIB.register_module("Base")
class SibBase:
    def __init__(self, b: str) -> None:
        self.b = b


# Unscoped: self first, then each ancestor.
reveal_type(LEAF.build(dict(type="Leafy")))  # N: Revealed type is "case_scopes.Leafy"
reveal_type(LEAF.build(dict(type="Middle")))  # N: Revealed type is "case_scopes.Middle"
reveal_type(LEAF.build(dict(type="Base", a=1)))  # N: Revealed type is "case_scopes.Base"
reveal_type(LEAF.build(dict(type="Shared")))  # N: Revealed type is "case_scopes.LeafShared"
reveal_type(MID.build(dict(type="Shared")))  # N: Revealed type is "case_scopes.Shared"
reveal_type(SIB.build(dict(type="Base", b="x")))  # N: Revealed type is "case_scopes.SibBase"

# Children and siblings are not searched; the message suggests the scoped key.
ROOT.build(dict(type="Leafy"))  # E: "Leafy" is not registered in registry "models" (scope "sc_top"); did you mean "sc_leaf.Leafy"?  [registry-name]
LEAF.build(dict(type="Sibling"))  # E: "Sibling" is not registered in registry "models" (scope "sc_leaf"); did you mean "sc_sib.Sibling"?  [registry-name]
MID.get("Leafy")  # E: "Leafy" is not registered in registry "models" (scope "sc_mid"); did you mean "sc_leaf.Leafy"?  [registry-name]

# scope.Name: from any registry of the tree, to any registry of the tree.
reveal_type(ROOT.build(dict(type="sc_leaf.Leafy")))  # N: Revealed type is "case_scopes.Leafy"
reveal_type(LEAF.build(dict(type="sc_sib.Sibling")))  # N: Revealed type is "case_scopes.Sibling"
reveal_type(ROOT.build(dict(type="sc_sib.Base", b="x")))  # N: Revealed type is "case_scopes.SibBase"
reveal_type(SIB.build(dict(type="sc_top.Base", a=1)))  # N: Revealed type is "case_scopes.Base"
reveal_type(ROOT.get("sc_leaf.Middle"))  # N: Revealed type is "type[case_scopes.Middle]"
reveal_type(ROOT["sc_mid.Base"])  # N: Revealed type is "type[case_scopes.Base]"

# Nested scopes: each prefix is looked up in the tree in turn.
reveal_type(ROOT.build(dict(type="sc_mid.sc_leaf.Leafy")))  # N: Revealed type is "case_scopes.Leafy"
reveal_type(LEAF.build(dict(type="sc_top.sc_sib.Sibling")))  # N: Revealed type is "case_scopes.Sibling"

# Scoped misses: the scope exists, the name does not resolve from it.
ROOT.build(dict(type="sc_sib.Leafy"))  # E: "sc_sib.Leafy" is not registered in registry "models" (scope "sc_sib"); did you mean "sc_leaf.Leafy"?  [registry-name]
ROOT.build(dict(type="sc_mid.Sibling"))  # E: "sc_mid.Sibling" is not registered in registry "models" (scope "sc_mid"); did you mean "sc_sib.Sibling"?  [registry-name]
ROOT.build(dict(type="sc_top.Middle"))  # E: "sc_top.Middle" is not registered in registry "models" (scope "sc_top"); did you mean "sc_mid.Middle"?  [registry-name]
ROOT.get("sc_leaf.Nothing")  # E: "sc_leaf.Nothing" is not registered in registry "models" (scope "sc_leaf")  [registry-name]

# Unknown scopes: the known ones are listed; a close one is suggested if the key then resolves.
ROOT.build(dict(type="sc_lef.Leafy"))  # E: "sc_lef.Leafy" is not registered: scope "sc_lef" is not in the tree of registry "models" (scope "sc_top"); known scopes: "sc_leaf", "sc_mid", "sc_top", and "sc_sib"; did you mean "sc_leaf.Leafy"?  [registry-name]
LEAF.build(dict(type="mmdet.Leafy"))  # E: "mmdet.Leafy" is not registered: scope "mmdet" is not in the tree of registry "models" (scope "sc_leaf"); known scopes: "sc_leaf", "sc_mid", "sc_top", and "sc_sib"  [registry-name]
ROOT["sc_mid.sc_lef.Leafy"]  # E: "sc_mid.sc_lef.Leafy" is not registered: scope "sc_lef" is not in the tree of registry "models" (scope "sc_top"); known scopes: "sc_leaf", "sc_mid", "sc_top", and "sc_sib"; did you mean "sc_mid.sc_leaf.Leafy"?  [registry-name]
ROOT.get("sc_sb.Leafy")  # E: "sc_sb.Leafy" is not registered: scope "sc_sb" is not in the tree of registry "models" (scope "sc_top"); known scopes: "sc_leaf", "sc_mid", "sc_top", and "sc_sib"  [registry-name]

# _scope_ in a config starts the lookup from that scope's registry (build, not get).
reveal_type(ROOT.build(dict(type="Sibling", _scope_="sc_sib")))  # N: Revealed type is "case_scopes.Sibling"
reveal_type(ROOT.build(dict(type="Base", _scope_="sc_sib", b="x")))  # N: Revealed type is "case_scopes.SibBase"
reveal_type(SIB.build({"type": "Middle", "_scope_": "sc_leaf"}))  # N: Revealed type is "case_scopes.Middle"
reveal_type(build_from_cfg(dict(type="Leafy", _scope_="sc_leaf"), ROOT))  # N: Revealed type is "case_scopes.Leafy"
ROOT.build(dict(type="Leafy", _scope_="sc_sib"))  # E: "Leafy" is not registered in registry "models" (scope "sc_sib"); did you mean "sc_leaf.Leafy"?  [registry-name]
ROOT.build(dict(type="Base", _scope_="sc_sib", a=1))  # E: Unexpected keyword argument "a" for "SibBase"  [call-arg]
# An unknown _scope_, or None, leaves the start where it was.
reveal_type(ROOT.build(dict(type="Base", _scope_="nowhere", a=1)))  # N: Revealed type is "case_scopes.Base"
reveal_type(SIB.build(dict(type="Sibling", _scope_=None)))  # N: Revealed type is "case_scopes.Sibling"


@LEAF.register_module("Twin")
class LeafTwin:
    pass


@SIB.register_module("Twin")
class SibTwin:
    pass


# A default scope may retarget these builds: not misses. A name two registries of the tree
# resolve differently builds one or the other: checked by name only.
with default_scope("sc_leaf"):
    reveal_type(ROOT.build(dict(type="Twin")))  # N: Revealed type is "Any"
    reveal_type(ROOT.build(dict(type="Leafy")))  # N: Revealed type is "case_scopes.Leafy"
    ROOT.build(dict(type="Leafy", _scope_="sc_top"))  # E: "Leafy" is not registered in registry "models" (scope "sc_top"); did you mean "sc_leaf.Leafy"?  [registry-name]
    ROOT.build(dict(type="Nowhere"))  # E: "Nowhere" is not registered in registry "models" (scope "sc_top")  [registry-name]
