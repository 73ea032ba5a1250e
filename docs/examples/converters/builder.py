"""The registry of converters (the seed's ``converters/builder.py``)."""

from typing import Protocol

from typed_registry import Registry


class Converter(Protocol):
    """What every registered converter builds: the registry's ``T``."""

    def convert(self, data: list[int]) -> list[int]:
        """Return ``data`` in the expected format."""
        ...


# The scope is inferred from the package creating the registry: "converters".
CONVERTERS: Registry[Converter] = Registry(
    "converters", locations=["converters.converter1", "converters.converter2"]
)
