"""What the plugin remembers within one mypy process, and the checker internals it uses.

mypy runs one plugin instance per process (``-n`` workers each have their own), so nothing
here is shared between processes: each remembers only what makes it faster (scans, trees)
and what a module's checking must hand to later hooks of the same module (the modules it
consulted, reported as indirect dependencies once the module is checked).

The few internals of mypy's TypeChecker the plugin needs (its current module, the loaded
modules, the daemon's current target) are reached through the functions of this module
only, so a change in mypy is mended in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mypy.lookup import lookup_fully_qualified
from mypy.nodes import Decorator, FakeInfo, FuncBase, TypeInfo
from mypy.server.trigger import make_trigger, make_wildcard_trigger

from typed_registry.mypy._fullnames import MANIFEST_NAME
from typed_registry.mypy._manifest import write_manifest
from typed_registry.mypy._visibility import SiteView, Visibility, imported_modules

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mypy.checker import TypeChecker
    from mypy.nodes import MypyFile, Statement, SymbolNode
    from mypy.plugin import CheckerPluginInterface

    from typed_registry.mypy._config import PluginConfig
    from typed_registry.mypy._facts import Registration


def _checker(api: CheckerPluginInterface) -> TypeChecker:
    return api  # type: ignore[return-value]  # TypeChecker is the only implementation


def checker_module(api: CheckerPluginInterface) -> tuple[MypyFile, Mapping[str, MypyFile]]:
    """The module being checked and every loaded module (TypeChecker internals)."""
    checker = _checker(api)
    return checker.tree, checker.modules


def lookup_node(api: CheckerPluginInterface, fullname: str) -> SymbolNode | None:
    """The definition a fullname refers to, if its module is loaded."""
    # checker.modules itself: a copy of its ~1,000 entries per call showed in profiles.
    symbol = lookup_fully_qualified(fullname, _checker(api).modules, raise_on_missing=False)
    return None if symbol is None else symbol.node


def _defining_module(node: SymbolNode, fullname: str) -> str:
    """The module that defines a registered class or function (or a method of a class).

    Registered objects are module-level (see _scan), or members of a module-level class
    (``module=Cls.method``): the module is then the class's.
    """
    if isinstance(node, TypeInfo):
        return node.module_name
    if isinstance(node, Decorator | FuncBase) and not isinstance(node.info, FakeInfo):
        return node.info.module_name
    return fullname.rpartition(".")[0]


def current_target(api: CheckerPluginInterface) -> str:
    """The daemon's name for what is being checked (a module or a function)."""
    return _checker(api).tscope.current_target()


def daemon_triggers(modules: frozenset[str]) -> list[str]:
    """The dmypy triggers that fire when these modules' facts change."""
    return [
        trigger
        for module in sorted(modules)
        for trigger in (
            make_trigger(f"{module}.{MANIFEST_NAME}"),
            make_wildcard_trigger(f"{module}.{MANIFEST_NAME}"),
            make_wildcard_trigger(module),
        )
    ]


@dataclass
class PluginState:
    """The plugin's per-process state."""

    config: PluginConfig
    #: Whether mypy runs as the daemon (dmypy), the only mode that reads daemon triggers.
    daemon: bool = False
    visibility: Visibility = field(init=False)
    #: Module -> modules its checks consulted (its indirect dependencies).
    consulted: dict[str, set[str]] = field(default_factory=dict[str, set[str]])
    _written: dict[int, list[Statement]] = field(default_factory=dict[int, list["Statement"]])
    _recorded: dict[tuple[int, str, int], SiteView] = field(
        default_factory=dict[tuple[int, str, int], SiteView]
    )
    _read_targets: set[tuple[int, str, str]] = field(default_factory=set[tuple[int, str, str]])
    _imported: dict[int, tuple[list[Statement], list[Registration]]] = field(
        default_factory=dict[int, tuple[list["Statement"], list["Registration"]]]
    )

    def __post_init__(self) -> None:
        self.visibility = Visibility(self.config, daemon=self.daemon)

    def site_view(self, api: CheckerPluginInterface, var: str) -> SiteView | None:
        """The tree of registry ``var`` seen from the module being checked.

        Also records what the view read: as indirect dependencies of the module, and as
        daemon triggers of the current target (once per target and view: a module with many
        build calls must not pay for it on every call).
        """
        tree, modules = checker_module(api)
        view = self.visibility.view(tree, var, modules)
        if view is None or not view.consulted:
            return view
        target = current_target(api)
        key = (id(tree.plugin_deps), target, id(view))
        if self._recorded.get(key) is not view:
            self._recorded[key] = view
            self.consulted.setdefault(tree.fullname, set()).update(view.consulted)
            if self.daemon:
                for trigger in daemon_triggers(view.consulted):
                    tree.plugin_deps.setdefault(trigger, set()).add(target)
        return view

    def lookup_target(self, api: CheckerPluginInterface, fullname: str) -> SymbolNode | None:
        """The registered class or function ``fullname``, which the current check reads.

        Its module becomes an indirect dependency of the checked module, and its definition
        a daemon trigger of the current target: a module reads the locations through the hub
        only, so without them a changed constructor would not re-check the configs built
        with it.
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
        if key not in self._read_targets:
            self._read_targets.add(key)
            self.consulted.setdefault(tree.fullname, set()).add(module)
            if self.daemon:
                for trigger in (make_trigger(fullname), make_wildcard_trigger(fullname)):
                    tree.plugin_deps.setdefault(trigger, set()).add(target)
        return node

    def imported_registrations(self, api: CheckerPluginInterface) -> list[Registration]:
        """The registrations of the modules the current module imports (once per analysis)."""
        tree, modules = checker_module(api)
        cached = self._imported.get(id(tree))
        if cached is not None and cached[0] is tree.defs:
            return cached[1]
        found = [
            registration
            for module in imported_modules(tree)
            if module in modules and module != tree.fullname
            for registration in self.visibility.facts(modules[module]).registrations
        ]
        self._imported[id(tree)] = (tree.defs, found)
        return found

    def record_facts(self, api: CheckerPluginInterface) -> None:
        """Store the current module's facts in its manifest (once per analysis of it).

        Called from every hook: the first one fires while mypy checks the module's top
        level, whose results are what mypy caches.
        """
        tree, _ = checker_module(api)
        if self._written.get(id(tree)) is tree.defs:
            return
        self._written[id(tree)] = tree.defs
        facts = self.visibility.facts(tree)
        if facts:
            write_manifest(tree, facts, api.named_generic_type("builtins.object", []))
