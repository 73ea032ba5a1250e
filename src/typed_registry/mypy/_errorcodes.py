"""The plugin's error codes (fixed: users write them in ``# type: ignore[...]``)."""

from __future__ import annotations

from typing import Final

from mypy.errorcodes import ErrorCode

_CATEGORY: Final = "typed-registry"

REGISTRY_NAME: Final = ErrorCode(
    "registry-name", "A config's type or a key does not resolve in the registry", _CATEGORY
)
REGISTRY_BOUND: Final = ErrorCode(
    "registry-bound", "A registered object does not satisfy the registry's type", _CATEGORY
)
REGISTRY_DUPLICATE: Final = ErrorCode(
    "registry-duplicate", "A name is registered twice in the same registry", _CATEGORY
)
REGISTRY_CONFIG: Final = ErrorCode(
    "registry-config", "A config or a registration that the runtime rejects", _CATEGORY
)
