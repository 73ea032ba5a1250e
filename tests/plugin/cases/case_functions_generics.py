"""Registered functions and generics: the return type, with type variables inferred.

``build`` of a generic function gives its return type solved for the config's values, as a
direct call would; a generic class gives the class with its parameters inferred. ``get`` of
a function is the function itself (generic), of a generic class ``type[C[Any]]``.
"""

from typing import Any, Generic, TypeVar, overload, reveal_type

from typed_registry import Registry, build_from_cfg

T = TypeVar("T")
K = TypeVar("K", int, str)

FUNCS: Registry[Any] = Registry("funcs", scope="fgen")


@FUNCS.register_module()
def make(x: T) -> list[T]:
    return [x]


@FUNCS.register_module()
def pair(first: T, second: T) -> tuple[T, T]:
    return (first, second)


@FUNCS.register_module()
def constrained(key: K) -> K:
    return key


@FUNCS.register_module()
class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item


@overload
def convert(value: int) -> str: ...
@overload
def convert(value: str) -> int: ...
def convert(value: int | str) -> int | str:
    return str(value) if isinstance(value, int) else int(value)


FUNCS.register_module(module=convert)

reveal_type(FUNCS.build(dict(type="make", x=1)))  # N: Revealed type is "list[int]"
reveal_type(FUNCS.build({"type": "make", "x": "s"}))  # N: Revealed type is "list[str]"
reveal_type(FUNCS.build(dict(type="make", x=[1.5])))  # N: Revealed type is "list[list[float]]"
reveal_type(build_from_cfg(dict(type="make", x=1), FUNCS))  # N: Revealed type is "list[int]"
reveal_type(FUNCS.build(dict(type="make"), default_args=dict(x=True)))  # N: Revealed type is "list[bool]"
reveal_type(FUNCS.build(dict(type="pair", first=1, second=2)))  # N: Revealed type is "tuple[int, int]"
reveal_type(FUNCS.build(dict(type="pair", first=1, second="b")))  # N: Revealed type is "tuple[object, object]"
reveal_type(FUNCS.build(dict(type="constrained", key="k")))  # N: Revealed type is "str"
reveal_type(FUNCS.build(dict(type="Box", item=1.5)))  # N: Revealed type is "case_functions_generics.Box[float]"
reveal_type(FUNCS.build(dict(type="convert", value=1)))  # N: Revealed type is "str"
reveal_type(FUNCS.build(dict(type="convert", value="1")))  # N: Revealed type is "int"

reveal_type(FUNCS.get("make"))  # N: Revealed type is "def [T] (x: T) -> list[T]"
reveal_type(FUNCS["pair"])  # N: Revealed type is "def [T] (first: T, second: T) -> tuple[T, T]"
reveal_type(FUNCS.get("Box"))  # N: Revealed type is "type[case_functions_generics.Box[Any]]"
reveal_type(FUNCS.get("convert"))  # N: Revealed type is "Overload(def (value: int) -> str, def (value: str) -> int)"

FUNCS.build(dict(type="make", y=1))  # E: Unexpected keyword argument "y" for "make"  [call-arg]
FUNCS.build(dict(type="constrained", key=1.5))  # E: Value of type variable "K" of "constrained" cannot be "float"  [type-var]
FUNCS.build(dict(type="convert", value=None))  # E: No overload variant of "convert" matches argument type "None"  [call-overload] # N: Possible overload variants: # N:     def convert(*, value: int) -> str # N:     def convert(*, value: str) -> int
