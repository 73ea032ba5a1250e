"""Static and class methods registered with ``module=Cls.method``.

mypy names no member of a class in the expression ``Cls.method``; the plugin reads it as
``Cls``'s member ``method``. A static method is called as it is; a class method is called
bound to its class (``cls`` is given), for each overload too. Configs are then checked
against the method, ``build`` is refined to its return type, ``get`` to the method, and
the return type must satisfy the registry's ``T``. A method registered without being a
static or class method is called without ``self``, which the check reports as at run time.
"""

from typing import Generic, Protocol, TypeVar, overload, reveal_type

from typed_registry import Registry

T = TypeVar("T")


class Model(Protocol):
    def forward(self, x: int) -> int: ...


class Net:
    def __init__(self, depth: int) -> None:
        self.depth = depth

    def forward(self, x: int) -> int:
        return x * self.depth


class Factory:
    @staticmethod
    def make(depth: int) -> Net:
        return Net(depth)

    @classmethod
    def create(cls, depth: int, width: int = 1) -> Net:
        return Net(depth * width)

    @overload
    @classmethod
    def pick(cls, depth: int) -> Net: ...
    @overload
    @classmethod
    def pick(cls, depth: str) -> Net: ...
    @classmethod
    def pick(cls, depth: int | str) -> Net:
        return Net(int(depth))

    @staticmethod
    def text(depth: int) -> str:
        return str(depth)

    def unbound(self, depth: int) -> Net:
        return Net(depth)


class Generic1(Generic[T]):
    @classmethod
    def of(cls, depth: int) -> Net:
        return Net(depth)


METHODS: Registry[Model] = Registry("methods", scope="meth")
METHODS.register_module(module=Factory.make)
METHODS.register_module(module=Factory.create)
METHODS.register_module(module=Factory.pick)
METHODS.register_module(module=Factory.unbound)
METHODS.register_module(module=Generic1.of)
METHODS.register_module(module=Factory.text)  # E: "text" cannot be registered in registry "methods" (scope "meth"): its return type "str" does not satisfy "Model" (missing member "forward")  [registry-bound]

reveal_type(METHODS.build(dict(type="make", depth=1)))  # N: Revealed type is "case_methods.Net"
reveal_type(METHODS.build(dict(type="create", depth=1, width=2)))  # N: Revealed type is "case_methods.Net"
reveal_type(METHODS.build(dict(type="pick", depth="3")))  # N: Revealed type is "case_methods.Net"
reveal_type(METHODS.build(dict(type="of", depth=1)))  # N: Revealed type is "case_methods.Net"
reveal_type(METHODS.get("make"))  # N: Revealed type is "def (depth: int) -> case_methods.Net"
reveal_type(METHODS["create"])  # N: Revealed type is "def (depth: int, width: int =) -> case_methods.Net"

METHODS.build(dict(type="make", dpth=1))  # E: Unexpected keyword argument "dpth" for "make" of "Factory"; did you mean "depth"?  [call-arg]
METHODS.build(dict(type="create", depth="1"))  # E: Argument "depth" to "create" of "Factory" has incompatible type "str"; expected "int"  [arg-type]
METHODS.build(dict(type="pick", depth=b"1"))  # E: No overload variant of "pick" of "Factory" matches argument type "bytes"  [call-overload] # N: Possible overload variants: # N:     def pick(cls, *, depth: int) -> Net # N:     def pick(cls, *, depth: str) -> Net
METHODS.build(dict(type="unbound", depth=1))  # E: Missing named argument "self" for "unbound" of "Factory"  [call-arg]
