"""A converter class (the seed's ``converters/converter1.py``)."""

from converters.builder import CONVERTERS


# use the registry to manage the module
@CONVERTERS.register_module()
class Converter1:
    """Maps each item ``x`` to ``a * x + b``."""

    def __init__(self, a: int, b: int) -> None:
        self.a = a
        self.b = b

    def convert(self, data: list[int]) -> list[int]:
        """Return ``[a * x + b for x in data]``."""
        return [self.a * x + self.b for x in data]
