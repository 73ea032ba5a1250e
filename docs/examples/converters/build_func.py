"""The seed's custom build function, annotated.

The body is the seed's except for ``registry[...]`` in place of ``registry.get(...)``: mypy
cannot tell that the ``in`` test makes ``get`` return non-None. The ``noqa`` comments keep
the seed's shape, which ruff would simplify.
"""

from typing import Any

from converters.builder import Converter
from typed_registry import Registry


# create a build function
def build_converter(
    cfg: dict[str, Any], registry: Registry[Converter], *args: Any, **kwargs: Any
) -> Converter:
    """Build a converter from ``cfg``; ``Registry.build`` passes ``registry`` by keyword."""
    cfg_ = cfg.copy()
    converter_type = cfg_.pop("type")
    if converter_type not in registry:
        raise KeyError(f"Unrecognized converter type {converter_type}")
    else:  # noqa: RET506
        converter_cls = registry[converter_type]

    converter = converter_cls(*args, **kwargs, **cfg_)
    return converter  # noqa: RET504
