"""A converter function (the seed's ``converters/converter2.py``)."""

from converters.builder import CONVERTERS
from converters.converter1 import Converter1


# use the registry to manage the module
@CONVERTERS.register_module()
def converter2(a: int, b: int) -> Converter1:
    """A registered function: ``build`` calls it and returns its result."""
    return Converter1(a, b)
