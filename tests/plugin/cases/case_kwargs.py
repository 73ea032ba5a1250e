"""Config keyword arguments are checked against the registered constructor by mypy itself.

A config is applied as ``constructor(**kwargs)``: an unknown key is ``call-arg`` (with mypy's
'did you mean'), a missing required argument is ``call-arg``, a value of the wrong type is
``arg-type`` at the value's own line. ``type`` and ``_scope_`` are not arguments. Both config
forms behave alike.
"""

from dataclasses import dataclass
from typing import Any, overload

from typed_registry import Registry

NETS: Registry[Any] = Registry("nets", scope="kw")


@NETS.register_module()
class ResNet:
    def __init__(self, depth: int, width: float = 1.0, *, norm: str = "bn") -> None:
        self.depth = depth


@NETS.register_module()
class NoInit:
    pass


@NETS.register_module()
class Anything:
    def __init__(self, **options: int) -> None:
        self.options = options


@NETS.register_module()
class StarArgs:
    def __init__(self, *layers: int, name: str) -> None:
        self.layers = layers


@NETS.register_module()
class PositionalOnly:
    def __init__(self, size: int, /, scale: int = 1) -> None:
        self.size = size


@NETS.register_module()
@dataclass
class Point:
    x: int
    y: int = 0


@NETS.register_module()
class Overloaded:
    @overload
    def __init__(self, *, size: int) -> None: ...
    @overload
    def __init__(self, *, name: str) -> None: ...
    def __init__(self, *, size: int = 0, name: str = "") -> None:
        self.size = size


@NETS.register_module()
def make_head(channels: int, bias: bool = True) -> str:
    return f"{channels}{bias}"


# Correct configs: no error.
NETS.build(dict(type="ResNet", depth=50))
NETS.build({"type": "ResNet", "depth": 50, "width": 0.5, "norm": "gn"})
NETS.build(dict(type="ResNet", depth=50, _scope_="kw"))
NETS.build(dict(type="NoInit"))
NETS.build(dict(type="Anything", a=1, b=2))
NETS.build(dict(type="StarArgs", name="s"))
NETS.build(dict(type="Point", x=1))
NETS.build(dict(type="Overloaded", size=1))
NETS.build(dict(type="make_head", channels=3, bias=False))

# Unexpected keyword, with and without mypy's suggestion.
NETS.build(dict(type="ResNet", dept=50))  # E: Unexpected keyword argument "dept" for "ResNet"; did you mean "depth"?  [call-arg]
NETS.build({"type": "ResNet", "depth": 50, "colour": "red"})  # E: Unexpected keyword argument "colour" for "ResNet"  [call-arg]
NETS.build(dict(type="NoInit", size=1))  # E: Unexpected keyword argument "size" for "NoInit"  [call-arg]
NETS.build(dict(type="make_head", channel=3))  # E: Unexpected keyword argument "channel" for "make_head"; did you mean "channels"?  [call-arg]

# A config passes nothing positionally: *args cannot be filled, positional-only is unexpected.
NETS.build(dict(type="StarArgs", layers=1, name="s"))  # E: Unexpected keyword argument "layers" for "StarArgs"  [call-arg]
NETS.build(dict(type="PositionalOnly", size=1))  # E: Unexpected keyword argument "size" for "PositionalOnly"  [call-arg]
NETS.build(dict(type="PositionalOnly", scale=2))  # E: Too few arguments for "PositionalOnly"  [call-arg]

# Missing required argument (named: a config passes everything by keyword).
NETS.build(dict(type="ResNet"))  # E: Missing named argument "depth" for "ResNet"  [call-arg]
NETS.build({"type": "Point", "y": 2})  # E: Missing named argument "x" for "Point"  [call-arg]
NETS.build(dict(type="make_head", bias=True))  # E: Missing named argument "channels" for "make_head"  [call-arg]

# Wrong value type: at the value's line.
NETS.build(dict(type="ResNet", depth="50"))  # E: Argument "depth" to "ResNet" has incompatible type "str"; expected "int"  [arg-type]
NETS.build(
    {
        "type": "ResNet",
        "depth": 50,
        "width": "wide",  # E: Argument "width" to "ResNet" has incompatible type "str"; expected "float"  [arg-type]
        "norm": 3,  # E: Argument "norm" to "ResNet" has incompatible type "int"; expected "str"  [arg-type]
    }
)
NETS.build(
    dict(
        type="Anything",
        a=1,
        b="two",  # E: Argument "b" to "Anything" has incompatible type "str"; expected "int"  [arg-type]
    )
)

# Several problems in one config: what mypy says of ``Point(z=1, y="s")``.
NETS.build(dict(type="Point", z=1, y="s"))  # E: Unexpected keyword argument "z" for "Point"  [call-arg] # E: Argument "y" to "Point" has incompatible type "str"; expected "int"  [arg-type]

# Overloads: mypy's own message, with the constructor seen as keyword-only.
NETS.build(dict(type="Overloaded", size="big"))  # E: No overload variant of "Overloaded" matches argument type "str"  [call-overload] # N: Possible overload variants: # N:     def Overloaded(*, size: int) -> Overloaded # N:     def Overloaded(*, name: str) -> Overloaded

# A type error inside a value is reported once, by mypy.
NETS.build(dict(type="ResNet", depth=1 + "a"))  # E: Unsupported operand types for + ("int" and "str")  [operator]

# A list of configs in a variable: mypy infers list[object] for dicts of different shapes,
# which the build call accepts; the config's check reads its items as Any (plain mypy does).
class Pipeline:
    def __init__(self, steps: list[dict[str, Any]]) -> None:
        self.steps = steps


NETS.register_module(module=Pipeline)
train_steps = [dict(type="Load"), dict(type="Flip", size=(1, 2))]
NETS.build(dict(type="Pipeline", steps=train_steps))
NETS.build(dict(type="Pipeline", steps=3))  # E: Argument "steps" to "Pipeline" has incompatible type "int"; expected "list[dict[str, Any]]"  [arg-type]
loose_steps: list[dict[Any, object]] = []
NETS.build(dict(type="Pipeline", steps=loose_steps))
