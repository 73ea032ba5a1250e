"""The mypy plugin: hooks that dispatch to the features (see ``_features/``)."""

from __future__ import annotations

import hashlib
import json
import sys
from functools import partial
from typing import TYPE_CHECKING, ClassVar, Final

from mypy.plugin import Plugin
from mypy.util import is_stdlib_file

from typed_registry._version import __version__
from typed_registry.mypy import _fullnames
from typed_registry.mypy._config import load_config
from typed_registry.mypy._features import config_check, registration, registry_def
from typed_registry.mypy._hub import on_gather
from typed_registry.mypy._scan import is_registry_class
from typed_registry.mypy._state import PluginState
from typed_registry.mypy._visibility import location_dependencies

if TYPE_CHECKING:
    from collections.abc import Callable

    from mypy.nodes import MypyFile
    from mypy.options import Options
    from mypy.plugin import FunctionContext, MethodContext, ReportConfigContext
    from mypy.types import Type

#: Part of mypy's cache key: the package's version, so that each release invalidates caches.
PLUGIN_VERSION: Final = __version__
#: mypy.build's priority for dependencies that order modules but are not imports.
_DEPENDENCY_PRIORITY: Final = 10


class RegistryPlugin(Plugin):
    """Checks registry names, config kwargs and registrations (see ``typed_registry.mypy``)."""

    #: Whether this process runs the daemon (dmypy), see :func:`_publish_snapshot`. Set by
    #: the daemon's build, whose options say so; the plugins that ``dmypy run`` constructs
    #: again to detect changes get options that do not.
    _in_daemon: ClassVar[bool] = False

    def __init__(self, options: Options) -> None:
        super().__init__(options)
        self._report: dict[str, object] | None = None
        self._state = PluginState(load_config(options), daemon=options.fine_grained_incremental)
        state = self._state
        if options.fine_grained_incremental:
            RegistryPlugin._in_daemon = True
        if RegistryPlugin._in_daemon:
            _publish_snapshot(self._config_data())
        self._method_hooks: dict[str, Callable[[MethodContext], Type]] = {
            _fullnames.BUILD: partial(config_check.on_build, state=state),
            _fullnames.GET: partial(config_check.on_get, state=state),
            _fullnames.GETITEM: partial(config_check.on_get, state=state),
            _fullnames.REGISTER_MODULE: partial(registration.on_register, state=state),
        }
        self._function_hooks: dict[str, Callable[[FunctionContext], Type]] = {
            _fullnames.BUILD_FROM_CFG: partial(config_check.on_build_from_cfg, state=state),
            _fullnames.REGISTRY: partial(registry_def.on_registry_created, state=state),
            _fullnames.HUB_GATHER: partial(on_gather, state=state),
        }
        self._method_answers: dict[str, Callable[[MethodContext], Type] | None] = {}
        self._function_answers: dict[str, Callable[[FunctionContext], Type] | None] = {}
        # mypy analyses the hub unless told to follow no imports into it (see _hub).
        follow = options.clone_for_module(_fullnames.HUB).follow_imports
        self._via_hub = follow in {"normal", "silent"}

    def get_method_hook(self, fullname: str) -> Callable[[MethodContext], Type] | None:
        """Checks at ``build``/``get``/``[]``/``register_module`` calls."""
        # mypy asks for every method call it checks (tens of thousands in a large project),
        # about a few hundred distinct names: answer each name once.
        if fullname in self._method_answers:
            return self._method_answers[fullname]
        hook = self._method_hooks.get(fullname)
        if hook is None:
            # mypy names a method by the receiver's class: ``mypkg.MyRegistry.build`` for an
            # instance of a subclass of Registry.
            owner, _, method = fullname.rpartition(".")
            runtime_name = f"{_fullnames.REGISTRY}.{method}"
            if runtime_name in self._method_hooks and self._is_registry_subclass(owner):
                hook = self._method_hooks[runtime_name]
        if not self._state.daemon:  # there a class may become a Registry subclass later
            self._method_answers[fullname] = hook
        return hook

    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        """Checks at ``build_from_cfg`` and ``Registry(...)`` calls (subclasses too)."""
        if fullname in self._function_answers:
            return self._function_answers[fullname]
        hook = self._function_hooks.get(fullname)
        if hook is None and self._is_registry_subclass(fullname):
            hook = self._function_hooks[_fullnames.REGISTRY]
        if not self._state.daemon:
            self._function_answers[fullname] = hook
        return hook

    def _is_registry_subclass(self, fullname: str) -> bool:
        if not fullname or fullname.startswith(("builtins.", "typing.")):
            return False  # the bulk of the calls mypy asks about: answered without a lookup
        symbol = self.lookup_fully_qualified(fullname)
        return symbol is not None and is_registry_class(symbol.node)

    def get_additional_deps(self, file: MypyFile) -> list[tuple[int, str, int]]:
        """Modules that read the locations depend on every module under them (via the hub).

        This runs in mypy's coordinating process and, under ``-n``, sees only the module's
        name and imports; the answer depends on nothing else.
        """
        return [
            (_DEPENDENCY_PRIORITY, module, -1)
            for module in location_dependencies(file, self._state.config, via_hub=self._via_hub)
        ]

    def get_additional_indirect_deps(self, file: MypyFile) -> set[str]:
        """The modules whose facts the module's checks read (see ``_visibility``)."""
        return self._state.consulted.pop(file.fullname, set())

    def report_config_data(self, ctx: ReportConfigContext) -> object:
        """The plugin's version and settings, so that changing either invalidates the cache.

        Not for the standard library's stubs, which the plugin never changes (they use no
        registry): otherwise each file added under a location, which changes the settings'
        data, would make the next run analyse all of typeshed again.
        """
        if is_stdlib_file(self.options.abs_custom_typeshed_dir, ctx.path):
            return {"version": PLUGIN_VERSION}
        return self._config_data()

    def _config_data(self) -> dict[str, object]:
        if self._report is None:  # computed once: mypy asks for every module, twice
            self._report = {"version": PLUGIN_VERSION, **self._state.config.report_data()}
        return self._report


def _publish_snapshot(config_data: dict[str, object]) -> None:
    """Make the daemon restart when the settings or the modules under the locations change.

    A batch run sees such a change through ``report_config_data``, which the daemon, reading
    no cache, has no use for. The daemon keeps its plugin (and the settings and modules it
    found at start) for its whole life and re-checks only the targets whose dependencies
    changed; a module added under a location (or removed) changes no dependency of the
    modules that read the locations (no trigger can name a module the plugin never saw), so
    they would keep a stale view. But on each ``dmypy run`` the daemon constructs the
    plugins again and restarts when their snapshot changed; the snapshot is the plugin
    module's source hash and ``__version__``, read just after the plugin is constructed
    (``mypy.build.take_module_snapshot``). ``dmypy check`` and ``recheck`` construct no
    plugin: after such a change, they need ``dmypy restart``.
    """
    digest = hashlib.sha256(json.dumps(config_data, sort_keys=True).encode()).hexdigest()
    entry_module = sys.modules[__name__.rpartition(".")[0]]  # typed_registry.mypy
    vars(entry_module)["__version__"] = f"{PLUGIN_VERSION}+{digest[:16]}"
