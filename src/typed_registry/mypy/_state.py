"""What the plugin remembers within one mypy process, and the checker internals it uses.

mypy runs one plugin instance per process (``-n`` workers each have their own), so nothing
here is shared between processes: each builds its own registry index (from the index's
cache on disk) and remembers what makes it faster, and what a module's checking must hand
to later hooks of the same module (the modules it consulted, reported as indirect
dependencies once the module is checked).

The few internals of mypy's TypeChecker the plugin needs (its current module, the loaded
modules, the daemon's current target) are reached through the functions of this module
only, so a change in mypy is mended in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mypy.lookup import lookup_fully_qualified
from mypy.nodes import Decorator, FakeInfo, FuncBase, TypeInfo
from mypy.server.trigger import make_trigger, make_wildcard_trigger

from typed_registry.mypy._daemon_triggers import (
    mark_host,
    mark_module,
    module_trigger,
    name_trigger,
)
from typed_registry.mypy._visibility import SiteView, Visibility

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from mypy.checker import TypeChecker
    from mypy.errors import ErrorInfo, ErrorWatcher
    from mypy.nodes import Context, MypyFile, SymbolNode
    from mypy.plugin import CheckerPluginInterface, SemanticAnalyzerPluginInterface
    from mypy.semanal import SemanticAnalyzer

    from typed_registry._index import ProjectIndex
    from typed_registry.mypy._config import PluginConfig


def _checker(api: CheckerPluginInterface) -> TypeChecker:
    return api  # type: ignore[return-value]  # TypeChecker is the only implementation


def lookup_node(api: CheckerPluginInterface, fullname: str) -> SymbolNode | None:
    """The definition a fullname refers to, if its module is loaded."""
    # checker.modules itself: a copy of its ~1,000 entries per call showed in profiles.
    symbol = lookup_fully_qualified(fullname, _checker(api).modules, raise_on_missing=False)
    return None if symbol is None else symbol.node


def _defining_module(node: SymbolNode, fullname: str) -> str:
    """The module that defines a registered class or function (or a method of a class).

    Registered objects are module-level, or members of a module-level class
    (``module=Cls.method``): the module is then the class's.
    """
    if isinstance(node, TypeInfo):
        return node.module_name
    if isinstance(node, Decorator | FuncBase) and not isinstance(node.info, FakeInfo):
        return node.info.module_name
    return fullname.rpartition(".")[0]


def defining_file(api: CheckerPluginInterface, node: SymbolNode, fullname: str) -> str | None:
    """The path of the module that defines a registered class or function, if loaded."""
    tree = _checker(api).modules.get(_defining_module(node, fullname))
    return None if tree is None else tree.path


def in_function(api: CheckerPluginInterface) -> bool:
    """Whether the code being checked is in a function (or a lambda)."""
    return _checker(api).scope.current_function() is not None


def module_tree(api: CheckerPluginInterface) -> MypyFile:
    """The tree of the module being checked."""
    return _checker(api).tree


def current_tree_key(api: CheckerPluginInterface) -> tuple[str, int]:
    """The file being checked, and which parse of it (the daemon parses a changed file again)."""
    tree = _checker(api).tree
    return tree.path, id(tree.defs)


def module_path(api: SemanticAnalyzerPluginInterface) -> str:
    """The path of the module being analysed."""
    return analysed_tree(api).path


def analysed_tree(api: SemanticAnalyzerPluginInterface) -> MypyFile:
    """The tree of the module being analysed."""
    analyzer: SemanticAnalyzer = api  # type: ignore[assignment]  # the only implementation
    return analyzer.cur_mod_node


def capture_errors(api: CheckerPluginInterface) -> ErrorWatcher:
    """A context in which mypy's errors are kept aside (``filtered_errors()``), not reported."""
    return _checker(api).msg.filter_errors(save_filtered_errors=True)


def report_again(
    api: CheckerPluginInterface,
    info: ErrorInfo,
    message: str,
    context: Context,
    *,
    note: bool = False,
) -> None:
    """Report a kept-aside error (see :func:`capture_errors`) with a new text and place."""
    builder = _checker(api).msg
    if note or info.severity == "note":
        builder.note(message, context, code=info.code)
    else:
        builder.fail(message, context, code=info.code)


def current_target(api: CheckerPluginInterface) -> str:
    """The daemon's name for what is being checked (a module or a function)."""
    return _checker(api).tscope.current_target()


@dataclass
class PluginState:
    """The plugin's per-process state."""

    config: PluginConfig
    index: ProjectIndex
    #: Whether mypy runs as the daemon (dmypy), the only mode that reads daemon triggers.
    daemon: bool = False
    #: Whether mypy analyses a module (see ``_dependencies.LoadedByMypy``): only those are
    #: a module's dependencies.
    loaded_by_mypy: Callable[[str], bool] = field(kw_only=True)
    visibility: Visibility = field(init=False)
    #: Module -> modules its checks consulted (its indirect dependencies).
    consulted: dict[str, set[str]] = field(default_factory=dict[str, set[str]])
    _recorded: set[tuple[int, str, str]] = field(default_factory=set[tuple[int, str, str]])
    #: Whether the index may have missed edits: set when mypy (the daemon) loads modules.
    _stale: bool = True
    #: Whether the index looked for edits since mypy last finished loading modules.
    _refreshed_in_load: bool = False
    #: Module -> the site its checks see, for config files (see ``Visibility.config_site``).
    config_sites: dict[str, str] = field(default_factory=dict[str, str])
    #: The module of each rule's registry, in the rules' order (see ``registry_modules``).
    _registry_modules: tuple[str, ...] | None = None
    #: The hosts of the daemon's triggers, with the index's generation (see ``hosts``).
    _hosts: tuple[int, tuple[str, ...]] | None = None
    _location_modules: tuple[int, frozenset[str]] | None = None
    _hosts_marked: dict[str, tuple[int, int]] = field(default_factory=dict[str, tuple[int, int]])
    #: Config files checked, by path and parse (see ``current_tree_key``).
    checked_configs: set[tuple[str, int]] = field(default_factory=set[tuple[str, int]])
    _config_files: frozenset[str] | None = None
    #: The expressions of the config file's parts being checked: each is checked by its
    #: own rule's registry, never again as a nested config of another part.
    config_parts: set[int] = field(default_factory=set[int])

    def registry_modules(self) -> tuple[str, ...]:
        """The module of the registry of each rule for config files' parts, in order.

        Asked for every config file, three times (on mmseg: 2,307 times, 45 rules each).
        """
        if self._registry_modules is None:
            rules = self.config.config_parts
            self._registry_modules = tuple(rule.registry.rpartition(".")[0] for rule in rules)
        return self._registry_modules

    def config_files(self) -> frozenset[str]:
        """The absolute paths of the config files the settings name.

        Asked only when the settings have ``[tool.typed_registry.configs] paths``.
        """
        if self._config_files is None:
            # Here only: a project without config files never imports their machinery.
            from typed_registry._configs import config_files  # noqa: PLC0415

            settings = self.config.configs
            assert settings is not None  # the settings have paths, so the table
            found = config_files(settings, Path(self.config.config_root()))
            self._config_files = frozenset(str(path) for path in found)
        return self._config_files

    def site_module(self, api: CheckerPluginInterface) -> str:
        """The module being checked (for a config file too)."""
        return _checker(api).tree.fullname

    def __post_init__(self) -> None:
        self.visibility = Visibility(self.index)

    def site(self, api: CheckerPluginInterface) -> str:
        """The module being checked; in the daemon, files read earlier are checked first."""
        self.refresh_index()
        tree = _checker(api).tree
        return self.config_sites.get(tree.fullname, tree.fullname)

    def refresh_index(self) -> None:
        """In the daemon, have the index look for edits once after each load of modules.

        Once per load, not per module: looking for edits stats every file the index read,
        and the daemon's first build checks every module of the project.
        """
        if self.daemon and self._stale:
            self._stale = False
            self._refreshed_in_load = True
            self.index.refresh()

    def files_may_have_changed(self) -> None:
        """Have the index look for edits at the next hook (a `dmypy run` begins)."""
        self._stale = True

    def modules_loaded(self) -> None:
        """Note that mypy loaded (the daemon: parsed again) modules: files may have changed.

        Unless the index looked for edits while mypy loaded them (a `dmypy run` has it look
        at the first module mypy parses again): looking again costs a stat of every file.
        """
        if not self._refreshed_in_load:
            self._stale = True
        self._refreshed_in_load = False

    def site_view(self, api: CheckerPluginInterface, var: str) -> SiteView | None:
        """The tree of registry ``var`` seen from the module being checked.

        In the daemon, the current target also gets triggers (see ``_daemon_triggers``):
        on every module the view read from the module's own imports, and on the
        registrations of each name the module builds (a config file's, and a registration's:
        see :meth:`depend_on_names`), so that a registration added, renamed or removed anywhere
        checks again the targets that read it.
        """
        site = self.site(api)
        view = self.visibility.view(site, var)
        if view is None or not self.daemon:
            return view
        tree = _checker(api).tree
        target = current_target(api)
        key = (id(tree.plugin_deps), target, site)
        if key not in self._recorded:
            self._recorded.add(key)
            for trigger in self._site_triggers(site):
                tree.plugin_deps.setdefault(trigger, set()).add(target)
        return view

    def _site_triggers(self, site: str) -> list[str]:
        if site in self.config_sites.values():
            return []  # a config file's names are its own (see ``depend_on_names``)
        triggers: list[str] = []
        for module in self.index.closure(site):
            if module != site:
                triggers += (make_wildcard_trigger(module), module_trigger(module))
        source = self.index.source(site)
        return triggers + self._name_triggers(() if source is None else source.config_names)

    def _name_triggers(self, names: Iterable[str]) -> list[str]:
        # The key "" holds the registries' shapes (see Visibility.by_name).
        read = ["", *sorted(self.visibility.names_read(names))]
        return [name_trigger(host, name) for host in self.hosts() for name in read]

    def depend_on_names(self, api: CheckerPluginInterface, names: Iterable[str]) -> None:
        """In the daemon, check the current target again when a name of ``names`` changes.

        For a config file, whose names the index does not read: those its check resolves;
        for a registration, the names it registers (an earlier one registered elsewhere
        makes it a duplicate).
        """
        if not self.daemon:
            return
        tree = _checker(api).tree
        target = current_target(api)
        for trigger in self._name_triggers(names):
            tree.plugin_deps.setdefault(trigger, set()).add(target)

    def hosts(self) -> tuple[str, ...]:
        """The modules mypy analyses that create the registries the locations register into.

        In the daemon each holds the entries of the names registered where it sees (see
        ``_daemon_triggers``).
        """
        generation = self.index.generation
        if self._hosts is None or self._hosts[0] != generation:
            run = self.index.location_run()
            modules = dict.fromkeys(spec.var.rpartition(".")[0] for spec in run.specs)
            modules.update(dict.fromkeys(self.registry_modules()))
            hosts = tuple(m for m in modules if self.index.is_module(m) and self.loaded_by_mypy(m))
            self._hosts = (generation, hosts)
        return self._hosts[1]

    def mark_module(self, tree: MypyFile) -> None:
        """In the daemon, hold in a module's tree what its file says, for the hosts.

        Read from the file mypy just parsed (the reader's cache answers a file it knows by
        its content), not from the index, which may not have looked for edits yet (``dmypy
        check`` constructs no plugin, whose construction has it look at the next hook).
        """
        module = tree.fullname
        if not tree.path or module in self.hosts() or not self.index.is_module(module):
            return
        source = self.index.read_file(
            Path(tree.path), module, is_package=tree.is_package_init_file()
        )
        if source.registrations or module in self._located():
            mark_module(tree, self.index.facts_digest(source), self.hosts())

    def _located(self) -> frozenset[str]:
        generation = self.index.generation
        if self._location_modules is None or self._location_modules[0] != generation:
            self._location_modules = (generation, frozenset(self.index.location_modules()))
        return self._location_modules[1]

    def mark_host(self, tree: MypyFile) -> None:
        """In the daemon, hold in a host's tree the registrations it sees, by name.

        Once per analysis of the tree and generation of the index: each registry the
        module creates asks.
        """
        self.refresh_index()
        module = tree.fullname
        key = (id(tree), self.index.generation)
        if module in self.hosts() and self._hosts_marked.get(module) != key:
            self._hosts_marked[module] = key
            mark_host(tree, self.visibility.by_name(module))

    def lookup_target(self, api: CheckerPluginInterface, fullname: str) -> SymbolNode | None:
        """The registered class or function ``fullname``, which the current check reads.

        Its module becomes an indirect dependency of the checked module, and its definition
        a daemon trigger of the current target, so that a changed constructor checks the
        configs built with it again.
        """
        node = lookup_node(api, fullname)
        tree = _checker(api).tree
        if node is None:
            return None
        module = _defining_module(node, fullname)
        if module == tree.fullname:
            return node
        target = current_target(api)
        key = (id(tree.plugin_deps), target, fullname)
        if key not in self._recorded:
            self._recorded.add(key)
            self.consulted.setdefault(tree.fullname, set()).add(module)
            if self.daemon:
                for trigger in (make_trigger(fullname), make_wildcard_trigger(fullname)):
                    tree.plugin_deps.setdefault(trigger, set()).add(target)
        return node
