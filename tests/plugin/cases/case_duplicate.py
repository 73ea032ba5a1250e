"""registry-duplicate: a name the same registry already holds, registered without force=True.

The error is at the second ``register_module`` call and names the first registration (module,
line, target). ``force=True`` (by keyword or position) replaces silently; the same name in a
parent and a child is shadowing, not a duplicate.
"""

from typing import Any

from typed_registry import Registry

DUPS: Registry[Any] = Registry("dups", scope="dup")
DUPS_CHILD: Registry[Any] = Registry("dups", scope="dup_child", parent=DUPS)
OTHER: Registry[Any] = Registry("other", scope="dup_other")


@DUPS.register_module()
class Net:
    pass


@DUPS.register_module("Net")  # E: "Net" is already registered in registry "dups" (scope "dup") at case_duplicate:17 ("case_duplicate.Net"); pass force=True to replace it  [registry-duplicate]
class NetV2:
    pass


@DUPS.register_module(name=["Head", "Classifier"])
class Head:
    pass


@DUPS.register_module(name=("Classifier", "Linear"))  # E: "Classifier" is already registered in registry "dups" (scope "dup") at case_duplicate:27 ("case_duplicate.Head"); pass force=True to replace it  [registry-duplicate]
class Linear:
    pass


def helper() -> None:
    pass


DUPS.register_module(module=helper)
DUPS.register_module("helper", module=Linear)  # E: "helper" is already registered in registry "dups" (scope "dup") at case_duplicate:41 ("case_duplicate.helper"); pass force=True to replace it  [registry-duplicate]
DUPS.register_module("Head", False, Linear)  # E: "Head" is already registered in registry "dups" (scope "dup") at case_duplicate:27 ("case_duplicate.Head"); pass force=True to replace it  [registry-duplicate]
DUPS.register_module("lam", module=lambda: 0)
DUPS.register_module("lam", module=lambda: 1)  # E: "lam" is already registered in registry "dups" (scope "dup") at case_duplicate:44; pass force=True to replace it  [registry-duplicate]


# force=True replaces.
@DUPS.register_module("Net", force=True)
class NetV3:
    pass


DUPS.register_module("Head", True, Linear)
DUPS.register_module(name="Linear", force=True, module=Linear)


# The same name in a child (shadowing) or in another tree is not a duplicate.
@DUPS_CHILD.register_module()
@OTHER.register_module()
class Net2:
    pass


DUPS_CHILD.register_module("Net", module=Net2)
OTHER.register_module("Net", module=Net2)
