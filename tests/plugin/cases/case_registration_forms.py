"""The registration forms the plugin reads, and those it deliberately does not.

Read: the decorator (alone or stacked, when it is the outermost one), the direct call with
``module=`` (by keyword or positionally), aliases, and module-level registrations inside
``if``/``try`` blocks. Not read: registrations inside function bodies, which run at an
unknowable time: the registry is then open (a note says so at each such registration), and
names the plugin cannot find in it are not errors.
"""

import functools
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, reveal_type

from typed_registry import Registry

T = TypeVar("T")
FORMS: Registry[Any] = Registry("forms", scope="forms")


def passthrough(function: Callable[..., T]) -> Callable[..., T]:
    return function


@FORMS.register_module()
@dataclass(frozen=True)
class Frozen:
    size: int


@FORMS.register_module()
@passthrough
def wrapped(size: int) -> str:
    return str(size)


@FORMS.register_module()
@functools.lru_cache(maxsize=None)
def cached(size: int) -> str:
    return str(size)


class Direct:
    def __init__(self, size: int) -> None:
        self.size = size


FORMS.register_module(module=Direct)
FORMS.register_module(["direct_a", "direct_b"], False, Direct)

if len(sys.argv) > 1:

    @FORMS.register_module()
    class OnLinux:
        pass

else:

    @FORMS.register_module()
    class Elsewhere:
        pass


try:
    FORMS.register_module("in_try", module=Direct)
except ImportError:
    FORMS.register_module("in_except", module=Direct)


# Objects that are neither classes nor functions: a lambda, a variable, a module.
FORMS.register_module("lam", module=lambda size: Direct(size))
as_text: Callable[[int], str] = str
FORMS.register_module("as_text", module=as_text)
FORMS.register_module("json", module=json)  # type: ignore[call-overload]


def setup() -> None:
    @FORMS.register_module()  # N: registry "forms" (scope "forms") is open: names registered here are unknown to the plugin, so misses are not reported
    class InFunction:
        pass

    FORMS.register_module("in_function", module=Direct)  # N: registry "forms" (scope "forms") is open: names registered here are unknown to the plugin, so misses are not reported


def local_registry() -> None:
    # A registry in a local variable: no conclusions, nothing reported.
    local: Registry[Any] = Registry("local", scope="local")

    @local.register_module()
    class Local:
        pass



reveal_type(FORMS.build(dict(type="Frozen", size=1)))  # N: Revealed type is "case_registration_forms.Frozen"
FORMS.build(dict(type="Frozen", size="s"))  # E: Argument "size" to "Frozen" has incompatible type "str"; expected "int"  [arg-type]
# What is registered is the object the outermost decorator received: here passthrough's result.
reveal_type(FORMS.build(dict(type="wrapped", anything=1)))  # N: Revealed type is "str"
# Not a function type: no signature to check, the declared type.
reveal_type(FORMS.build(dict(type="cached", size=1)))  # N: Revealed type is "Any"
reveal_type(FORMS.build(dict(type="Direct", size=1)))  # N: Revealed type is "case_registration_forms.Direct"
reveal_type(FORMS.get("direct_b"))  # N: Revealed type is "type[case_registration_forms.Direct]"
reveal_type(FORMS.get("OnLinux"))  # N: Revealed type is "type[case_registration_forms.OnLinux]"
reveal_type(FORMS.get("Elsewhere"))  # N: Revealed type is "type[case_registration_forms.Elsewhere]"
reveal_type(FORMS.get("in_try"))  # N: Revealed type is "type[case_registration_forms.Direct]"
reveal_type(FORMS.get("in_except"))  # N: Revealed type is "type[case_registration_forms.Direct]"
# Registered in a function: the registry is open, so these are not errors.
FORMS.get("InFunction")
FORMS.get("in_function")

# A lambda or a module has no signature the plugin can read: the declared types. A variable
# holding a callable is checked against its type (positional-only here: nothing by keyword).
reveal_type(FORMS.build(dict(type="lam", size="any")))  # N: Revealed type is "Any"
reveal_type(FORMS["lam"])  # N: Revealed type is "def (*Any, **Any) -> Any"
reveal_type(FORMS.build(dict(type="json")))  # N: Revealed type is "Any"
FORMS.build(dict(type="as_text", x=1))  # E: Unexpected keyword argument "x"  [call-arg]
reveal_type(FORMS.get("as_text"))  # N: Revealed type is "def (int) -> str"

# Forms real projects use besides the decorator: a registry alias (mmdet 2.x's
# ``BACKBONES = MODELS``), the decorator factory called on the class, a module-level loop
# over a literal tuple of classes, and a ``with`` block.
ALIASED = FORMS


class ViaAlias:
    def __init__(self, size: int) -> None:
        self.size = size


class ViaFactory(ViaAlias):
    pass


class LoopA(ViaAlias):
    pass


class LoopB(ViaAlias):
    pass


ALIASED.register_module(module=ViaAlias)
FORMS.register_module()(ViaFactory)
for _looped in (LoopA, LoopB):
    FORMS.register_module(module=_looped)
with open(__file__) as _source:
    FORMS.register_module("InWith", module=ViaAlias)

reveal_type(FORMS.build(dict(type="ViaAlias", size=1)))  # N: Revealed type is "case_registration_forms.ViaAlias"
reveal_type(ALIASED.build(dict(type="ViaFactory", size=1)))  # N: Revealed type is "case_registration_forms.ViaFactory"
reveal_type(FORMS.build(dict(type="LoopB", size=1)))  # N: Revealed type is "case_registration_forms.LoopB"
reveal_type(FORMS.get("InWith"))  # N: Revealed type is "type[case_registration_forms.ViaAlias]"
FORMS.build(dict(type="LoopA", size="1"))  # E: Argument "size" to "LoopA" has incompatible type "str"; expected "int"  [arg-type]

# The method taken without a call: what calls it registers unseen (the registry is open).
register = FORMS.register_module
register(module=ViaAlias, name="ViaName")
# A registry that is no variable: nothing to check it against.
Registry[Any]("inline", scope="inline").register_module(module=ViaAlias)
