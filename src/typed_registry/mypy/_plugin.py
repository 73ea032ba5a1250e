"""The mypy plugin: hooks that dispatch to the features (see ``_features/``)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Final

from mypy.plugin import Plugin

from typed_registry.mypy import _fullnames
from typed_registry.mypy._config import load_config
from typed_registry.mypy._features import config_check, registration, registry_def
from typed_registry.mypy._state import PluginState
from typed_registry.mypy._visibility import location_dependencies

if TYPE_CHECKING:
    from collections.abc import Callable

    from mypy.nodes import MypyFile
    from mypy.options import Options
    from mypy.plugin import FunctionContext, MethodContext, ReportConfigContext
    from mypy.types import Type

#: Part of mypy's cache key: bump it when the plugin's output for the same code changes.
PLUGIN_VERSION: Final = "0.1.0"
#: mypy.build's priority for dependencies that order modules but are not imports.
_DEPENDENCY_PRIORITY: Final = 10


class RegistryPlugin(Plugin):
    """Checks registry names, config kwargs and registrations (see ``typed_registry.mypy``)."""

    def __init__(self, options: Options) -> None:
        super().__init__(options)
        self._state = PluginState(load_config(options))
        state = self._state
        self._method_hooks: dict[str, Callable[[MethodContext], Type]] = {
            _fullnames.BUILD: partial(config_check.on_build, state=state),
            _fullnames.GET: partial(config_check.on_get, state=state),
            _fullnames.GETITEM: partial(config_check.on_get, state=state),
            _fullnames.REGISTER_MODULE: partial(registration.on_register, state=state),
        }
        self._function_hooks: dict[str, Callable[[FunctionContext], Type]] = {
            _fullnames.BUILD_FROM_CFG: partial(config_check.on_build_from_cfg, state=state),
            _fullnames.REGISTRY: partial(registry_def.on_registry_created, state=state),
        }

    def get_method_hook(self, fullname: str) -> Callable[[MethodContext], Type] | None:
        """Checks at ``build``/``get``/``[]``/``register_module`` calls."""
        return self._method_hooks.get(fullname)

    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        """Checks at ``build_from_cfg`` and ``Registry(...)`` calls."""
        return self._function_hooks.get(fullname)

    def get_additional_deps(self, file: MypyFile) -> list[tuple[int, str, int]]:
        """Modules that read the locations depend on every module under them.

        This runs in mypy's coordinating process and, under ``-n``, sees only the module's
        name and imports; the answer depends on nothing else.
        """
        return [
            (_DEPENDENCY_PRIORITY, module, -1)
            for module in location_dependencies(file, self._state.config)
        ]

    def get_additional_indirect_deps(self, file: MypyFile) -> set[str]:
        """The modules whose facts the module's checks read (see ``_visibility``)."""
        return self._state.consulted.pop(file.fullname, set())

    def report_config_data(self, ctx: ReportConfigContext) -> object:
        """The plugin's version and settings, so that changing either invalidates the cache."""
        del ctx
        return {"version": PLUGIN_VERSION, **self._state.config.report_data()}
