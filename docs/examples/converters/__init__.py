"""The seed document's ``converters`` package, annotated.

Importing the package imports only the registry: the modules that register converters are
the registry's ``locations``, imported on its first lookup.
"""

from converters.builder import CONVERTERS, Converter

__all__ = ["CONVERTERS", "Converter"]
