"""Subclasses of Registry that keep its constructor are registries like any other.

Their registries are read, their ``build``/``get``/``[]``/``register_module`` calls checked,
and ``build_from_cfg`` accepts them.
"""

from typing import Any, Protocol, TypeVar, reveal_type

from typed_registry import Registry, build_from_cfg

T = TypeVar("T")


class Model(Protocol):
    def forward(self) -> int: ...


class ModelRegistry(Registry[T]):
    """A subclass adding nothing but a name."""


SUBCLASSED: ModelRegistry[Model] = ModelRegistry("subclassed", scope="subcls")
SUB_CHILD: ModelRegistry[Model] = ModelRegistry("sub_child", parent=SUBCLASSED, scope="subcls_kid")


@SUBCLASSED.register_module()
class Impl:
    def __init__(self, size: int) -> None:
        self.size = size

    def forward(self) -> int:
        return self.size


@SUB_CHILD.register_module()  # E: "Broken" cannot be registered in registry "sub_child" (scope "subcls_kid"): it does not satisfy "Model" (missing member "forward")  [registry-bound]
class Broken:
    pass


reveal_type(SUBCLASSED.build(dict(type="Impl", size=1)))  # N: Revealed type is "case_registry_subclass.Impl"
reveal_type(SUB_CHILD.get("Impl"))  # N: Revealed type is "type[case_registry_subclass.Impl]"
reveal_type(SUBCLASSED["subcls_kid.Broken"])  # N: Revealed type is "type[case_registry_subclass.Broken]"
reveal_type(build_from_cfg(dict(type="Impl", size=2), SUB_CHILD))  # N: Revealed type is "case_registry_subclass.Impl"
SUBCLASSED.build(dict(type="Impl", size="s"))  # E: Argument "size" to "Impl" has incompatible type "str"; expected "int"  [arg-type]
SUB_CHILD.build(dict(type="Impll", size=1))  # E: "Impll" is not registered in registry "sub_child" (scope "subcls_kid"); did you mean "Impl"?  [registry-name]


class LoggingRegistry(Registry[T]):
    """A subclass that wraps register_module: its own call is on ``super()``, no registry."""

    def register_module(self, *args: Any, **kwargs: Any) -> Any:
        return super().register_module(*args, **kwargs)
