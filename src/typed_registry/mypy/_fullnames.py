"""Fullnames of the runtime API that the plugin hooks into."""

from __future__ import annotations

from typing import Final

REGISTRY: Final = "typed_registry._registry.Registry"
BUILD: Final = f"{REGISTRY}.build"
GET: Final = f"{REGISTRY}.get"
GETITEM: Final = f"{REGISTRY}.__getitem__"
REGISTER_MODULE: Final = f"{REGISTRY}.register_module"
BUILD_FROM_CFG: Final = "typed_registry._build.build_from_cfg"
RUNTIME_PACKAGE: Final = "typed_registry"
#: What ``cfg(...)`` makes: a ``dict[str, Any]`` subclass.
CONFIG: Final = "typed_registry._typed_config.Config"
#: ``name = dict(...)`` in a config file is checked as ``{...}.copy()``, whose hook checks
#: the file (see ``_features/config_files.py``).
DICT: Final = "builtins.dict"
DICT_COPY: Final = "builtins.dict.copy"

#: The positional order of ``Registry(...)`` and ``register_module(...)`` arguments.
REGISTRY_PARAMS: Final = ("name", "build_func", "parent", "scope", "locations")
REGISTER_PARAMS: Final = ("name", "force", "module")
BUILD_FROM_CFG_PARAMS: Final = ("cfg", "registry", "default_args")
