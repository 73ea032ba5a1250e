"""registry-bound: what a registration produces must satisfy the registry's ``T``.

For a class its instances, for a function its return type (type variables erased), with
either form of registration (decorator or ``module=``). The error is at the
``register_module`` call and says why: the protocol members missing, the
first member whose type conflicts, or that the type is not a subtype of a nominal ``T``.
Registries of ``Any`` or ``object`` accept anything.
"""

from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar, overload

from typed_registry import Registry

T = TypeVar("T")


class Model(Protocol):
    name: str

    def forward(self, x: int) -> int: ...

    def reset(self) -> None: ...


class Base:
    def run(self) -> None: ...


class Good:
    name: str = "good"

    def forward(self, x: int) -> int:
        return x

    def reset(self) -> None: ...


PROTO: Registry[Model] = Registry("protos", scope="bnd_proto")
NOMINAL: Registry[Base] = Registry("bases", scope="bnd_base")
ANYTHING: Registry[Any] = Registry("anything", scope="bnd_any")
OBJECTS: Registry[object] = Registry("objects", scope="bnd_obj")


@PROTO.register_module()
class Satisfies(Good):
    pass


@PROTO.register_module()  # E: "Empty" cannot be registered in registry "protos" (scope "bnd_proto"): it does not satisfy "Model" (missing members "forward", "name", "reset")  [registry-bound]
class Empty:
    pass


@PROTO.register_module("partial")  # E: "OnlyForward" cannot be registered in registry "protos" (scope "bnd_proto"): it does not satisfy "Model" (missing member "reset")  [registry-bound]
class OnlyForward:
    name: str = ""

    def forward(self, x: int) -> int:
        return x


@PROTO.register_module()  # E: "WrongMethod" cannot be registered in registry "protos" (scope "bnd_proto"): it does not satisfy "Model" (member "forward" has type "Callable[[str], int]", expected "Callable[[int], int]")  [registry-bound]
class WrongMethod:
    name: str = ""

    def forward(self, x: str) -> int:
        return 0

    def reset(self) -> None: ...


@PROTO.register_module()  # E: "WrongAttribute" cannot be registered in registry "protos" (scope "bnd_proto"): it does not satisfy "Model" (member "name" has type "int", expected "str")  [registry-bound]
class WrongAttribute(Good):
    name: int = 0  # type: ignore[assignment]


@NOMINAL.register_module()  # E: "Unrelated" cannot be registered in registry "bases" (scope "bnd_base"): it does not satisfy "Base" ("Unrelated" is not a subtype of it)  [registry-bound]
class Unrelated:
    def run(self) -> None: ...


@NOMINAL.register_module()
class Derived(Base):
    pass


@NOMINAL.register_module()  # E: "GenericBox" cannot be registered in registry "bases" (scope "bnd_base"): it does not satisfy "Base" ("GenericBox[Any]" is not a subtype of it)  [registry-bound]
class GenericBox(Generic[T]):
    pass


# Functions, registered directly: their return type is checked.
def make_good() -> Good:
    return Good()


def make_int() -> int:
    return 0


def make_list(x: T) -> list[T]:
    return [x]


def make_derived() -> Derived:
    return Derived()


def make_str() -> str:
    return ""


PROTO.register_module(module=make_good)
PROTO.register_module(module=make_int)  # E: "make_int" cannot be registered in registry "protos" (scope "bnd_proto"): its return type "int" does not satisfy "Model" (missing members "forward", "name", "reset")  [registry-bound]
PROTO.register_module("listing", module=make_list)  # E: "make_list" cannot be registered in registry "protos" (scope "bnd_proto"): its return type "list[Any]" does not satisfy "Model" (missing members "forward", "name", "reset")  [registry-bound]
NOMINAL.register_module(module=make_derived)
NOMINAL.register_module("text", False, make_str)  # E: "make_str" cannot be registered in registry "bases" (scope "bnd_base"): its return type "str" does not satisfy "Base" ("str" is not a subtype of it)  [registry-bound]
PROTO.register_module(module=Empty, force=True)  # E: "Empty" cannot be registered in registry "protos" (scope "bnd_proto"): it does not satisfy "Model" (missing members "forward", "name", "reset")  [registry-bound]

# The decorator form checks functions too.
@PROTO.register_module()
def decorated_good() -> Good:
    return Good()


@PROTO.register_module("decorated")  # E: "decorated_int" cannot be registered in registry "protos" (scope "bnd_proto"): its return type "int" does not satisfy "Model" (missing members "forward", "name", "reset")  [registry-bound]
def decorated_int() -> int:
    return 0


@PROTO.register_module()  # E: "decorated_list" cannot be registered in registry "protos" (scope "bnd_proto"): its return type "list[Any]" does not satisfy "Model" (missing members "forward", "name", "reset")  [registry-bound]
def decorated_list(x: T) -> list[T]:
    return [x]


@NOMINAL.register_module()  # E: "decorated_str" cannot be registered in registry "bases" (scope "bnd_base"): its return type "str" does not satisfy "Base" ("str" is not a subtype of it)  [registry-bound]
def decorated_str() -> str:
    return ""


@NOMINAL.register_module()
def decorated_derived() -> Derived:
    return Derived()


# Overloads whose every variant returns a good type.
@overload
def make_either(x: int) -> Good: ...
@overload
def make_either(x: str) -> Satisfies: ...
def make_either(x: int | str) -> Good:
    return Good()


PROTO.register_module(module=make_either)


# Neither a missing member nor a conflicting type: a read-only property for a settable attribute.
@PROTO.register_module()  # E: "ReadOnlyName" cannot be registered in registry "protos" (scope "bnd_proto"): it does not satisfy "Model" ("ReadOnlyName" is not a subtype of it)  [registry-bound]
class ReadOnlyName:
    @property
    def name(self) -> str:
        return ""

    def forward(self, x: int) -> int:
        return x

    def reset(self) -> None: ...


# A lambda has no declared return type to check.
PROTO.register_module("lambda", module=lambda: 1)


# Registries of Any and object take anything.
@ANYTHING.register_module()
@OBJECTS.register_module()
class Whatever:
    pass


ANYTHING.register_module(module=make_int)
OBJECTS.register_module(module=make_int)


# Bounds that are not classes: a Callable, a union, type[...].
CALLABLES: Registry[Callable[[int], int]] = Registry("callables", scope="bound_callable")


@CALLABLES.register_module()
def adder(n: int) -> Callable[[int], int]:
    return lambda x: x + n


@CALLABLES.register_module()  # E: "texter" cannot be registered in registry "callables" (scope "bound_callable"): its return type "Callable[[int], str]" does not satisfy "Callable[[int], int]" ("Callable[[int], str]" is not a subtype of it)  [registry-bound]
def texter(n: int) -> Callable[[int], str]:
    return lambda x: str(x + n)


NUMBERS: Registry[int | float] = Registry("numbers", scope="bound_union")


@NUMBERS.register_module()
def seven() -> int:
    return 7


@NUMBERS.register_module()  # E: "word" cannot be registered in registry "numbers" (scope "bound_union"): its return type "str" does not satisfy "int | float" ("str" is not a subtype of it)  [registry-bound]
def word() -> str:
    return "seven"


class Plugin:
    pass


class Special(Plugin):
    pass


CLASSES: Registry[type[Plugin]] = Registry("classes", scope="bound_type")


@CLASSES.register_module()
def special() -> type[Plugin]:
    return Special


@CLASSES.register_module()  # E: "plain" cannot be registered in registry "classes" (scope "bound_type"): its return type "type[object]" does not satisfy "type[Plugin]" ("type[object]" is not a subtype of it)  [registry-bound]
def plain() -> type[object]:
    return object
