"""The registry index: what a project registers, read from its source without importing it.

Shared by the mypy plugin (and meant for the stub generator and the ``check`` command): it
reads modules with Python's ``ast``, caches what it read by file content, and resolves names
across modules, so that its answers depend only on the files, never on the order in which a
type checker visits them.
"""

from typed_registry._index import _snapshot as snapshot
from typed_registry._index._facts import ModuleFacts, Registration, RegistrySpec
from typed_registry._index._project import ANY_REGISTRY, ModuleIndex, ProjectIndex, Resolved, Run

__all__ = [
    "ANY_REGISTRY",
    "ModuleFacts",
    "ModuleIndex",
    "ProjectIndex",
    "Registration",
    "RegistrySpec",
    "Resolved",
    "Run",
    "snapshot",
]
