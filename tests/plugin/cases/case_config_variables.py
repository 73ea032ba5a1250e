"""A config in a variable is checked as the literal assigned to it, through the changes.

The last literal assigned in the same block as the build, then ``cfg.update(...)``,
``cfg["k"] = v``, ``cfg = dict(cfg, k=v)`` and ``cfg = {**cfg, ...}``. Anything else that
touches the variable before the build (a call, an alias, a branch, a loop, a function that
refers to it) leaves the config unchecked: never checked wrongly.
"""

from typing import Any

from typed_registry import Registry

VARS: Registry[object] = Registry("vars", scope="vars")


@VARS.register_module()
class ResNet:
    def __init__(self, depth: int, frozen: bool = False) -> None:
        self.depth = depth


def change(cfg: dict[str, Any]) -> None:
    cfg["depth"] = 50


def local_configs(flag: bool) -> None:
    cfg = dict(type="ResNett", depth=50)  # E: "ResNett" is not registered in registry "vars" (scope "vars"); did you mean "ResNet"?  [registry-name]
    VARS.build(cfg)

    updated: dict[str, Any] = dict(type="ResNet")
    updated.update(depth=50, frozen=True)
    VARS.build(updated)

    indexed: dict[str, Any] = {"type": "ResNet"}
    indexed["depth"] = 50
    indexed["frozen"] = "yes"  # E: Argument "frozen" to "ResNet" has incompatible type "str"; expected "bool"  [arg-type]
    VARS.build(indexed)

    merged: dict[str, Any] = dict(type="ResNet")
    merged = dict(merged, depth=50)
    merged = {**merged, "frozen": True}
    VARS.build(merged)

    missing: dict[str, Any] = dict(type="ResNet")  # E: Missing named argument "depth" for "ResNet"  [call-arg]
    missing.update({"frozen": True})
    VARS.build(missing)

    # A last assignment wins; a literal that is no config (a non-literal value) is not read.
    again: dict[str, Any] = dict(type="Nope")
    again = dict(type="ResNet", depth=1)
    VARS.build(again)

    # Not followed: a call that may change it, an alias, a branch, a computed key.
    called: dict[str, Any] = dict(type="ResNet")
    change(called)
    VARS.build(called)
    aliased: dict[str, Any] = dict(type="ResNet")
    alias = aliased
    alias["depth"] = 1
    VARS.build(aliased)
    branched: dict[str, Any] = dict(type="ResNet")
    if flag:
        branched["depth"] = 1
    VARS.build(branched)
    key = "depth"
    computed: dict[str, Any] = dict(type="ResNet")
    computed[key] = 1
    VARS.build(computed)
    rebound: dict[str, Any] = dict(type="ResNet")
    rebound = dict(rebound, **{"depth": 1})
    VARS.build(rebound)
    spread: dict[str, Any] = dict(type="ResNet")
    spread = {**spread, **{"depth": 1}}
    VARS.build(spread)
    updated_from: dict[str, Any] = dict(type="ResNet")
    updated_from.update(change)  # type: ignore[call-overload]
    VARS.build(updated_from)
    deleted: dict[str, Any] = dict(type="ResNet", depth=1)
    del deleted["depth"]
    VARS.build(deleted)
    tested = dict(type="ResNett")
    if VARS.build(tested) is None:
        pass
    looped = dict(type="ResNett")
    for _ in range(2):
        VARS.build(looped)
    VARS.build(looped if flag else updated)


def blocks(flag: bool) -> None:
    """Followed within any block, from a literal assigned in that block."""
    while flag:
        in_loop = dict(type="ResNet", depth="1")  # E: Argument "depth" to "ResNet" has incompatible type "str"; expected "int"  [arg-type]
        VARS.build(in_loop)
    with open("x") as _:
        in_with = dict(type="Resnet", depth=1)  # E: "Resnet" is not registered in registry "vars" (scope "vars"); did you mean "ResNet"?  [registry-name]
        VARS.build(in_with)
    try:
        in_try = dict(type="ResNet")  # E: Missing named argument "depth" for "ResNet"  [call-arg]
        VARS.build(in_try)
    finally:
        pass
    match flag:  # mypy keeps no end line for a match: its blocks are not followed
        case True:
            in_case = dict(type="ResNet", depth=None)
            VARS.build(in_case)
        case _:
            pass


def decorated(function: Any) -> Any:
    return function


@decorated
def in_decorated() -> None:
    cfg = dict(type="ResNet", dept=1)  # E: Unexpected keyword argument "dept" for "ResNet"; did you mean "depth"?  [call-arg]
    VARS.build(cfg)


class Holder:
    in_class = dict(type="ResNet", depth="1")  # E: Argument "depth" to "ResNet" has incompatible type "str"; expected "int"  [arg-type]
    VARS.build(in_class)


def closes_over() -> None:
    cfg: dict[str, Any] = dict(type="ResNet")

    def complete() -> None:
        cfg["depth"] = 1

    complete()
    VARS.build(cfg)


MODULE_CFG = dict(type="ResNet", depth="50")  # E: Argument "depth" to "ResNet" has incompatible type "str"; expected "int"  [arg-type]
VARS.build(MODULE_CFG)

# A module variable a function refers to: that function may change it before any build.
SHARED_CFG = dict(type="ResNet", depth="50")
VARS.build(SHARED_CFG)


def reads_a_module_variable() -> None:
    VARS.build(SHARED_CFG)
