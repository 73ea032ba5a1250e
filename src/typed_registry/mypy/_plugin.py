"""The mypy plugin: hooks that dispatch to the features (see ``_features/``)."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Final

from mypy.nodes import Decorator, FuncDef
from mypy.plugin import Plugin
from mypy.util import is_stdlib_file

from typed_registry._index import ProjectIndex, snapshot
from typed_registry._index._builders import REGISTRY_CLASSES
from typed_registry._version import __version__
from typed_registry.mypy import _fullnames
from typed_registry.mypy._config import exit_with_error, load_config
from typed_registry.mypy._dependencies import LoadedByMypy, needed_modules
from typed_registry.mypy._features import config_check, registration
from typed_registry.mypy._missed_sites import MissedSites
from typed_registry.mypy._state import PluginState, analysed_tree
from typed_registry.mypy._syntax import is_registry_class

if TYPE_CHECKING:
    from collections.abc import Callable

    from mypy.nodes import MypyFile
    from mypy.options import Options
    from mypy.plugin import (
        ClassDefContext,
        DynamicClassDefContext,
        FunctionContext,
        MethodContext,
        ReportConfigContext,
    )
    from mypy.types import Type
    from typing_extensions import override

    from typed_registry._index._prefetch import Helper
    from typed_registry.mypy._features.config_files import ConfigFiles
    from typed_registry.mypy._features.config_memory import ConfigMemory
else:

    def override(method: object) -> object:
        """``typing_extensions.override`` for the checkers: importing it costs a warm run 9 ms."""
        return method


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
    #: The daemon's state, in the daemon's process (see ``__init__``).
    _daemon_state: ClassVar[PluginState | None] = None
    #: Whether the daemon restarts when the registrations change (see ``_snapshot_data``).
    _restarts_on_registrations: ClassVar[bool] = False

    def __init__(self, options: Options) -> None:
        super().__init__(options)
        self._report: dict[str, object] | None = None
        config = load_config(options)
        daemon = options.fine_grained_incremental
        cache = _index_cache(options)
        self._index = ProjectIndex(
            [Path(root) for root in config.roots],
            [location.name for location in config.locations],
            [Path(directory) for directory in config.installed],
        )
        # Start from what the last run derived, if it still holds. The daemon constructs the
        # plugin again on each `dmypy run` to see whether it must restart: that too is quick.
        self._snapshot = None if cache is None else cache / "snapshot.json"
        # The sooner the better; the daemon constructs the plugin again on each `dmypy run`,
        # with options that do not say so, only to compare snapshots.
        in_daemon = daemon or RegistryPlugin._in_daemon
        helper = _start_helper(options, self._index, self._snapshot, in_daemon=in_daemon)
        if self._snapshot is not None:
            snapshot.restore(self._index, self._snapshot)
        self._state = PluginState(
            config, self._index, daemon=daemon, loaded_by_mypy=LoadedByMypy(self._index, options)
        )
        state = self._state
        self._missed = MissedSites(None if cache is None else cache / "missed.json")
        state.visibility.missed_before = self._missed.before
        self._config_files: ConfigFiles | None = None
        if config.configs is not None and config.configs.paths:
            # The config files' machinery is imported only for projects that have some. With
            # paths and no rules, the files are still configuration (mypy's errors off).
            from typed_registry.mypy._features import config_files  # noqa: PLC0415

            _check_config_settings(options, state)
            self._config_files = config_files.ConfigFiles(
                state, options, _config_memory(cache, state)
            )
            self._config_files.modules.prepare(
                state.config_files(), options.config_file or "the settings"
            )
        if options.fine_grained_incremental:
            RegistryPlugin._in_daemon = True
            RegistryPlugin._daemon_state = state
            # A daemon that starts from a fine-grained cache loads modules no hook sees:
            # their triggers on registrations are not there (a change restarts it instead).
            RegistryPlugin._restarts_on_registrations = options.use_fine_grained_cache
        elif RegistryPlugin._daemon_state is not None:
            # A `dmypy run`: files may have changed since the last (one may be gone, which
            # no hook of the update would tell); the daemon's index looks at its next hook.
            RegistryPlugin._daemon_state.files_may_have_changed()
        if RegistryPlugin._in_daemon:
            _publish_snapshot(self._snapshot_data())
            if self._snapshot is not None:
                # The daemon's checks may never reach get_additional_indirect_deps: keep
                # what the next `dmypy run` will ask for now.
                snapshot.save_changes(self._index, self._snapshot)
        self._method_hooks: dict[str, Callable[[MethodContext], Type]] = {
            _fullnames.BUILD: partial(config_check.on_build, state=state),
            _fullnames.GET: partial(config_check.on_get, state=state),
            _fullnames.GETITEM: partial(config_check.on_get, state=state),
            _fullnames.REGISTER_MODULE: partial(registration.on_register, state=state),
        }
        self._class_hook = partial(registration.on_class, state=state)
        self._function_hooks: dict[str, Callable[[FunctionContext], Type]] = {
            _fullnames.BUILD_FROM_CFG: partial(config_check.on_build_from_cfg, state=state),
        }
        self._dict_assignment_hook: Callable[[DynamicClassDefContext], None] | None = None
        if self._config_files is not None:
            from typed_registry.mypy._features import config_files  # noqa: PLC0415

            check = partial(config_files.on_copy_call, files=self._config_files)
            self._method_hooks.update(dict.fromkeys(config_files.CHECK_STARTS, check))
            self._dict_assignment_hook = partial(
                config_files.on_dict_assignment, files=self._config_files
            )
        self._method_answers: dict[str, Callable[[MethodContext], Type] | None] = {}
        self._function_answers: dict[str, Callable[[FunctionContext], Type] | None] = {}
        # What the construction read, it read itself; the helper's reading is taken from the
        # index's next read, in mypy's first hook that needs it.
        if helper is not None:
            files = self._config_files
            self._index.take_from(helper, (lambda: False) if files is None else files.load_ahead)

    @override
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

    @override
    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        """Checks at ``build_from_cfg`` calls."""
        if fullname in self._function_answers:
            return self._function_answers[fullname]
        hook = self._function_hooks.get(fullname) or self._declared_builder_hook(fullname)
        if not self._state.daemon:
            self._function_answers[fullname] = hook
        return hook

    def _declared_builder_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        """A hook for a project function whose parameters ``ConfigFor`` declares."""
        module = fullname.rpartition(".")[0]
        if not module or module.startswith(("builtins", "typing", _fullnames.RUNTIME_PACKAGE)):
            return None  # the bulk of the calls mypy asks about: answered without a lookup
        indexed = self._state.index.module(module)
        params = None if indexed is None else indexed.config_params.get(fullname)
        if not params or not isinstance(self._node(fullname), FuncDef | Decorator):
            return None  # a class's are checked where a config of it is built
        return partial(config_check.on_declared_builder, state=self._state, params=params)

    def _node(self, fullname: str) -> object:
        return getattr(self.lookup_fully_qualified(fullname), "node", None)

    @override
    def get_customize_class_mro_hook(
        self, fullname: str
    ) -> Callable[[ClassDefContext], None] | None:
        """Every class definition: a bare ``@REG.register_module`` gets a hint."""
        # The one hook mypy calls for every class (by its own name, not a decorator's): the
        # call a bare decorator makes reaches no plugin hook.
        return self._class_hook

    @override
    def get_dynamic_class_hook(
        self, fullname: str
    ) -> Callable[[DynamicClassDefContext], None] | None:
        """Prepares ``name = dict(...)`` in config files (see ``config_files``).

        In the daemon, ``NAME = Registry(...)`` also holds in the module's tree the
        registrations it sees, for the daemon's triggers (see ``_daemon_triggers``).
        """
        if fullname == _fullnames.DICT:
            return self._dict_assignment_hook
        if self._state.daemon and (
            fullname in REGISTRY_CLASSES or self._is_registry_subclass(fullname)
        ):
            return self._on_registry_created
        return None

    def _on_registry_created(self, ctx: DynamicClassDefContext) -> None:
        self._state.mark_host(analysed_tree(ctx.api))

    def _is_registry_subclass(self, fullname: str) -> bool:
        if not fullname or fullname.startswith(("builtins.", "typing.")):
            return False  # the bulk of the calls mypy asks about: answered without a lookup
        symbol = self.lookup_fully_qualified(fullname)
        return symbol is not None and is_registry_class(symbol.node)

    @override
    def get_additional_deps(self, file: MypyFile) -> list[tuple[int, str, int]]:
        """The modules that define what the module's configs build.

        Read from the module's source by the index (under ``-n`` this runs in mypy's
        coordinating process, which hands over a tree of imports only), so that mypy loads
        and analyses those modules first and the checks find their signatures.
        """
        self._state.refresh_index()  # the daemon parses a module again when it changed
        state = self._state
        if state.daemon:
            state.mark_module(file)
        files = self._config_files
        if files is not None and file.path and files.config_path(file.path) is not None:
            from typed_registry.mypy._features import config_files  # noqa: PLC0415

            modules = config_files.on_dependencies(file, files)
            return [(_DEPENDENCY_PRIORITY, module, -1) for module in modules]
        return [
            (_DEPENDENCY_PRIORITY, module, -1)
            for module in needed_modules(state.visibility, file.fullname, state.loaded_by_mypy)
        ]

    @override
    def set_modules(self, modules: dict[str, MypyFile]) -> None:
        """Called by mypy at the end of each load of modules (the daemon: each update).

        Every module's cache entry is validated by then (which asked the index about each,
        and for every config file's digest): the first moment to save what was derived. A
        warm run that checks no module calls no other hook after it, and saved nothing: a
        memory of config files taken for another search path was then never written again,
        and every such run read all config files (0.5 s on a published project).
        """
        super().set_modules(modules)
        self._state.modules_loaded()
        self._save_derived()
        if self._config_files is not None and self._state.daemon:
            # Only the daemon loads again, after files changed; a run keeps what it read
            # while it loaded the modules (each config file with its bases) for their checks.
            self._config_files.forget()

    @override
    def get_additional_indirect_deps(self, file: MypyFile) -> set[str]:
        """The modules whose definitions the module's checks read.

        mypy calls this once a module is checked, after it validated every module's cache
        entry (which asked the index about every module): what the index derived is saved
        here if :meth:`set_modules` did not (see ``typed_registry._index._snapshot``).
        """
        self._save_derived()
        return self._state.consulted.pop(file.fullname, set())

    def _save_derived(self) -> None:
        """Save what the index derived and the config files' memory, once per process."""
        if self._snapshot is not None:
            # Every module of the build is loaded by now: derive what the next run's cache
            # validation will ask about each, so that the snapshot answers all of it (for a
            # config file, its own digest, whose site's digest the snapshot keeps).
            files = self._config_files
            for module, tree in list((self._modules or {}).items()):
                path = None if files is None else files.config_path(tree.path)
                if files is not None and path is not None:  # its site's digest, kept too
                    from typed_registry.mypy._features import config_files  # noqa: PLC0415

                    config_files.config_digest(files, path)
                else:
                    self._state.visibility.digest(module)
            snapshot.save_changes(self._index, self._snapshot)
            self._snapshot = None
            if self._config_files is not None:
                # Every config file of the build is loaded by now, or recalled.
                self._config_files.memory.save()

    @override
    def report_config_data(self, ctx: ReportConfigContext) -> object:
        """The plugin's version, its settings, and what the module's checks read from the index.

        The index digest changes when a registration the module sees changes anywhere in
        the project, which mypy's own dependencies would not notice: the module is then
        checked again. Not for the standard library's stubs, which use no registry, nor for
        typed_registry's own modules, which build from no project's registry: where it is
        installed in development mode they are in the index, and a digest of theirs that
        changed with a registration made mypy check every module that imports them again.
        """
        if is_stdlib_file(self.options.abs_custom_typeshed_dir, ctx.path):
            return {"version": PLUGIN_VERSION}
        data = self._config_data()
        if ctx.id.partition(".")[0] == "typed_registry":
            return data
        if self._config_files is not None and ctx.path:
            path = self._config_files.config_path(ctx.path)
            if path is not None:
                from typed_registry.mypy._features import config_files  # noqa: PLC0415

                return {**data, "config": config_files.config_digest(self._config_files, path)}
        visibility = self._state.visibility
        if ctx.is_check:
            digest = visibility.cache_digest(ctx.id)
        else:  # after a check (mypy writes its cache): what that check met decides
            digest = visibility.written_digest(ctx.id)
            self._missed.checked(ctx.id, missed=ctx.id in visibility.missed)
        return {**data, "index": digest} if digest else data

    def _config_data(self) -> dict[str, object]:
        if self._report is None:  # computed once: mypy asks for every module, twice
            self._report = {"version": PLUGIN_VERSION, **self._state.config.report_data()}
        return self._report

    def _snapshot_data(self) -> dict[str, object]:
        data = dict(self._config_data())  # a copy: that dict is each module's cache key
        if RegistryPlugin._restarts_on_registrations:
            # Restored with the snapshot while the directories are unchanged: no walk.
            data["listing"] = self._index.location_modules()
            data["facts"] = self._state.visibility.location_digest()
        if self._config_files is not None:
            from typed_registry.mypy._features import config_files  # noqa: PLC0415

            data["config bases"] = config_files.bases_digest(self._config_files)
        return data


def _check_config_settings(options: Options, state: PluginState) -> None:
    """End the run with one line when ``configs`` names what does not exist."""
    from typed_registry._configs import SettingsError  # noqa: PLC0415  # see the caller
    from typed_registry._configs._runner_preset import RUNNER_PRESETS  # noqa: PLC0415

    source = options.config_file or "the settings"
    try:
        state.config_files()
    except SettingsError as error:
        exit_with_error(source, str(error))
    settings = state.config.configs
    runner = None if settings is None else settings.runner
    for rule in state.config.config_parts:
        if state.index.registry_var(rule.registry) is None:
            # A rule of the runner preset is no entry the user wrote: name the preset.
            preset = runner is not None and rule in RUNNER_PRESETS[runner]
            where = f'] runner = "{runner}": {rule.path}' if preset else f".registries] {rule.path}"
            exit_with_error(
                source,
                f"[tool.typed_registry.configs{where}: {rule.registry!r} is "
                "not a registry variable of the project",
            )


def _start_helper(
    options: Options, index: ProjectIndex, snapshot_file: Path | None, *, in_daemon: bool
) -> Helper | None:
    """A process reading modules for the index while mypy parses (``_prefetch``), or None.

    Only for a run that starts with nothing saved and has much to read, in mypy's own
    process: not in the daemon (``in_daemon``: it reads once, then follows edits) nor under
    ``-n`` (whose workers take the coordinator's index).
    """
    if in_daemon or options.num_workers:
        return None
    if snapshot_file is not None and snapshot_file.exists():
        return None
    from typed_registry._index import _prefetch  # noqa: PLC0415  # cold runs only

    reading = _prefetch.reading_for(index.roots, index.locations, index.installed)
    if not _prefetch.worth_a_helper(reading):
        return None
    return _prefetch.start(reading)


def _index_cache(options: Options) -> Path | None:
    """The index's cache, beside mypy's (none when mypy writes no cache)."""
    if not options.incremental or options.cache_dir == os.devnull:
        return None
    return Path(options.cache_dir) / "typed_registry-index"


def _config_memory(cache: Path | None, state: PluginState) -> ConfigMemory:
    """What the last run read of each config file (see ``config_memory``), beside the index."""
    from typed_registry._configs import default_search_path  # noqa: PLC0415  # see the caller
    from typed_registry.mypy._features.config_memory import (  # noqa: PLC0415
        ConfigMemory,
        memory_header,
    )

    search_path = (*state.index.roots, *default_search_path())
    header = memory_header(PLUGIN_VERSION, state.config.report_data(), search_path)
    return ConfigMemory(None if cache is None else cache / "configs.json", header)


def _publish_snapshot(snapshot: dict[str, object]) -> None:
    """Make the daemon restart when the settings or the config files' bases change.

    The daemon keeps its plugin (and the index it built) for its whole life and re-checks
    only the targets whose dependencies changed. Registrations are followed by the
    daemon's triggers (``_daemon_triggers``); the settings and the bases of config files
    (which are no modules) are not: on each ``dmypy run`` the daemon constructs the plugins
    again and restarts when their snapshot changed; the snapshot is the plugin module's
    source hash and ``__version__``, read just after the plugin is constructed
    (``mypy.build.take_module_snapshot``). ``dmypy check`` and ``recheck`` construct no
    plugin: after such a change, they need ``dmypy restart``.
    """
    digest = hashlib.sha256(json.dumps(snapshot, sort_keys=True).encode()).hexdigest()
    entry_module = sys.modules[__name__.rpartition(".")[0]]  # typed_registry.mypy
    vars(entry_module)["__version__"] = f"{PLUGIN_VERSION}+{digest[:16]}"
