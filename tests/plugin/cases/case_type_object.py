"""``type=SomeClass``: a class or function object instead of a registered name.

The config is checked against that callable directly (it need not be registered), and the
result is what it returns. Registry lookups play no part, so there is no ``registry-name``.
"""

from typing import reveal_type

from typed_registry import Registry, build_from_cfg

OBJECTS: Registry[object] = Registry("objects", scope="tobj")


@OBJECTS.register_module()
class Registered:
    def __init__(self, size: int) -> None:
        self.size = size


class NotRegistered:
    def __init__(self, name: str, count: int = 0) -> None:
        self.name = name


def factory(x: int) -> list[int]:
    return [x]


reveal_type(OBJECTS.build(dict(type=Registered, size=1)))  # N: Revealed type is "case_type_object.Registered"
reveal_type(OBJECTS.build({"type": NotRegistered, "name": "n"}))  # N: Revealed type is "case_type_object.NotRegistered"
reveal_type(OBJECTS.build(dict(type=factory, x=1)))  # N: Revealed type is "list[int]"
reveal_type(build_from_cfg(dict(type=NotRegistered, name="n", count=2), OBJECTS))  # N: Revealed type is "case_type_object.NotRegistered"

OBJECTS.build(dict(type=Registered, siz=1))  # E: Unexpected keyword argument "siz" for "Registered"; did you mean "size"?  [call-arg]
OBJECTS.build(dict(type=NotRegistered))  # E: Missing named argument "name" for "NotRegistered"  [call-arg]
OBJECTS.build(
    dict(
        type=factory,
        x="one",  # E: Argument "x" to "factory" has incompatible type "str"; expected "int"  [arg-type]
    )
)
OBJECTS.build(dict(size=1), default_args=dict(type=Registered))
OBJECTS.build(dict(), default_args=dict(type=Registered))  # E: Missing named argument "size" for "Registered"  [call-arg]
