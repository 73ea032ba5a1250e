"""Decorators applied after ``register_module``: the registered object is checked.

In ``@outer`` / ``@REG.register_module()`` / ``def f``, the registry holds ``f`` itself:
``outer`` runs afterwards and only rebinds the module's name. The plugin checks and refines
with ``f``'s own signature, not with the finally decorated name's type.
"""

from collections.abc import Callable
from typing import Protocol, reveal_type

from typed_registry import Registry


class Model(Protocol):
    def forward(self, x: int) -> int: ...


class Good:
    def forward(self, x: int) -> int:
        return x


def describe(function: Callable[..., object]) -> Callable[..., str]:
    return lambda *args, **kwargs: str(function(*args, **kwargs))


STACKED: Registry[Model] = Registry("stacked", scope="stk")


@describe
@STACKED.register_module()
def make_good(size: int) -> Good:
    return Good()


# What STACKED holds is the undecorated make_good.
reveal_type(STACKED.build(dict(type="make_good", size=1)))  # N: Revealed type is "case_stacked_decorators.Good"
STACKED.build(dict(type="make_good", size="one"))  # E: Argument "size" to "make_good" has incompatible type "str"; expected "int"  [arg-type]
