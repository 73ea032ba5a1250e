"""typed-registry: OpenMMLab-style registries that type checkers understand.

A :class:`Registry` maps names to classes and functions and builds objects from configs
such as ``{"type": "ResNet", "depth": 50}``; registries form parent/child trees with scoped
names such as ``"mmdet.ResNet"``.

Example:
    >>> from typed_registry import Registry
    >>> CONVERTERS: Registry[object] = Registry("converters", scope="conv")
    >>> @CONVERTERS.register_module()
    ... class Converter1:
    ...     def __init__(self, a: int, b: int) -> None:
    ...         self.a, self.b = a, b
    >>> CONVERTERS.build({"type": "Converter1", "a": 1, "b": 2}).b
    2
"""

from typed_registry._build import build_from_cfg
from typed_registry._config_for import ConfigFor
from typed_registry._registry import Registry
from typed_registry._scope import default_scope
from typed_registry._typed_config import Config, cfg
from typed_registry._version import __version__ as __version__
from typed_registry.exceptions import (
    ConfigError,
    DuplicateNameError,
    LocationImportError,
    MissingTypeError,
    NotRegisteredError,
    RegistryError,
)

TYPE_CHECKING = False  # not typing's: see _registry.py
if TYPE_CHECKING:
    from typed_registry._build_func import BuildFunc

__all__ = [
    "BuildFunc",
    "Config",
    "ConfigError",
    "ConfigFor",
    "DuplicateNameError",
    "LocationImportError",
    "MissingTypeError",
    "NotRegisteredError",
    "Registry",
    "RegistryError",
    "build_from_cfg",
    "cfg",
    "default_scope",
]


def __getattr__(name: str) -> object:
    # BuildFunc is a Protocol, and a Protocol needs typing at run time: load it on first use
    # rather than make every ``import typed_registry`` import typing.
    if name == "BuildFunc":
        from typed_registry._build_func import BuildFunc  # noqa: PLC0415

        return BuildFunc
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
