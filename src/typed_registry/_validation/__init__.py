"""Checking configs without building them: ``Registry.validate`` and ``typed-registry check``.

A config is checked as ``build`` would use it, by the rules the mypy plugin applies to config
literals: its ``type`` resolves (with the runtime's 'did you mean'), its keys are parameters
of what it names, its values match their annotations (checked with typeguard), and the
configs nested in it are checked against the registry that builds them. Nothing is built,
and nothing a config names is imported.
"""

from __future__ import annotations

from typed_registry._validation._checker import Checker, validate
from typed_registry._validation._markers import OPAQUE, DataList, NamedClass, PartialDict
from typed_registry._validation._problem import ConfigProblem

__all__ = [
    "OPAQUE",
    "Checker",
    "ConfigProblem",
    "DataList",
    "NamedClass",
    "PartialDict",
    "validate",
]
