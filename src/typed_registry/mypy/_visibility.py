"""Which modules a check may read, and the registry trees they describe.

The answer must not depend on the order in which mypy happens to process modules, nor on
whether a module comes from the cache, so a check in module ``M`` reads only modules that are
certainly loaded before ``M`` is checked: ``M`` itself, the modules it imports (and their
parent packages), the modules that define the registries of the tree, and, for a module
outside the packages of the configured ``locations``, every module under those locations
(the plugin makes them dependencies of ``M``, see :func:`location_dependencies`).

A module's facts come from its syntax tree when mypy analysed it in this run, else from its
cached manifest; both hold the same facts. Every module read besides ``M`` is recorded, and
reported to mypy as an indirect dependency of ``M``: when its facts change, ``M`` is checked
again even if its own imports did not change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mypy.nodes import Import, ImportAll, ImportBase, ImportFrom
from mypy.util import correct_relative_import

from typed_registry.mypy._facts import ModuleFacts
from typed_registry.mypy._fullnames import RUNTIME_PACKAGE
from typed_registry.mypy._manifest import read_manifest
from typed_registry.mypy._scan import scan_module
from typed_registry.mypy._static_tree import StaticRegistry, StaticTree

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from mypy.nodes import MypyFile, Statement

    from typed_registry.mypy._config import PluginConfig
    from typed_registry.mypy._facts import RegistrySpec


def imported_modules(tree: MypyFile) -> list[str]:
    """The modules ``tree`` imports (anywhere in it), relative imports made absolute."""
    imports: Iterable[ImportBase] = tree.imports or [
        stmt for stmt in tree.defs if isinstance(stmt, ImportBase)
    ]
    found: list[str] = []
    for node in imports:
        if isinstance(node, Import):
            found.extend(module for module, _ in node.ids)
            continue
        assert isinstance(node, ImportFrom | ImportAll)  # the only other ImportBase kinds
        base, _ = correct_relative_import(
            tree.fullname, node.relative, node.id, tree.is_package_init_file()
        )
        found.append(base)
        if isinstance(node, ImportFrom):
            found.extend(f"{base}.{name}" for name, _ in node.names)
    return found


def uses_locations(module: str, imported: Iterable[str], config: PluginConfig) -> bool:
    """Whether ``module`` reads every module under the locations (and depends on them).

    Modules inside the locations' own packages do not: depending on the locations would put
    them in one import cycle with the locations, and make every edit re-check the package;
    nor does typed_registry itself, which every location imports. Of the others, those that
    import the runtime or a location's package do.
    """
    package = module.split(".", maxsplit=1)[0]
    if not config.locations or package in config.location_packages or package == RUNTIME_PACKAGE:
        return False
    wanted = config.location_packages | {RUNTIME_PACKAGE}
    return any(name.split(".")[0] in wanted for name in imported)


def location_dependencies(tree: MypyFile, config: PluginConfig) -> list[str]:
    """The extra dependencies the plugin gives ``tree`` (for ``get_additional_deps``)."""
    if not uses_locations(tree.fullname, imported_modules(tree), config):
        return []
    return list(config.location_modules())


@dataclass
class SiteView:
    """A registry tree as seen from one module, with what seeing it required."""

    tree: StaticTree
    #: Modules read besides the checked one (they become its indirect dependencies).
    consulted: frozenset[str]
    #: Whether a name missing from the tree is an error (see :meth:`Visibility.view`).
    misses_are_errors: bool


@dataclass
class Visibility:
    """Per-process memory of module facts and trees (mypy runs one plugin per process)."""

    config: PluginConfig
    # Keyed by id(tree.defs), holding the list so that the id cannot be reused; the daemon
    # re-parses a module into the same MypyFile object with new defs (astmerge).
    _scans: dict[int, tuple[list[Statement], ModuleFacts]] = field(
        default_factory=dict[int, tuple[list["Statement"], ModuleFacts]]
    )
    _views: dict[tuple[int, str], tuple[list[Statement], SiteView | None]] = field(
        default_factory=dict[tuple[int, str], tuple[list["Statement"], "SiteView | None"]]
    )

    def facts(self, tree: MypyFile) -> ModuleFacts:
        """The facts of a module: scanned if mypy analysed it in this run, else cached."""
        if not tree.defs:
            return read_manifest(tree) or ModuleFacts()
        cached = self._scans.get(id(tree.defs))
        if cached is not None and cached[0] is tree.defs:
            return cached[1]
        facts = scan_module(tree)
        self._scans[id(tree.defs)] = (tree.defs, facts)
        return facts

    def view(self, site: MypyFile, var: str, modules: Mapping[str, MypyFile]) -> SiteView | None:
        """The tree of the registry held by ``var``, as seen from module ``site``.

        Returns None when ``var`` is not a module-level registry the plugin knows.
        """
        key = (id(site.defs), var)
        cached = self._views.get(key)
        if cached is not None and cached[0] is site.defs:
            return cached[1]
        view = self._build_view(site, var, modules)
        self._views[key] = (site.defs, view)
        return view

    def _build_view(
        self, site: MypyFile, var: str, modules: Mapping[str, MypyFile]
    ) -> SiteView | None:
        imported = imported_modules(site)
        readable = {site.fullname}
        for name in imported:
            parts = name.split(".")
            readable.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
        reads_locations = uses_locations(site.fullname, imported, self.config)
        if reads_locations:
            readable.update(self.config.location_modules())
        consulted: set[str] = set()
        facts: dict[str, ModuleFacts] = {}

        def read(module: str) -> ModuleFacts:
            if module not in facts:
                tree = modules.get(module)
                facts[module] = ModuleFacts() if tree is None else self.facts(tree)
                if tree is not None and module != site.fullname:
                    consulted.add(module)
            return facts[module]

        for module in sorted(readable):
            if module in modules:
                read(module)
        specs = _specs_with_ancestors(var, facts, read)
        if specs is None:
            return None
        tree = _assemble(var, specs, [facts[m] for m in sorted(facts)])
        if tree is None:
            return None
        in_location_package = site.fullname.split(".")[0] in self.config.location_packages
        return SiteView(
            tree=tree,
            consulted=frozenset(consulted),
            misses_are_errors=tree.complete() and not in_location_package,
        )


def _module_of(var: str) -> str:
    return var.rsplit(".", 1)[0]


def _specs_with_ancestors(
    var: str, facts: dict[str, ModuleFacts], read: _Reader
) -> dict[str, RegistrySpec] | None:
    """The registry specs the read modules define, their ancestors, and what they register into.

    A location module may register into a child registry defined in a module the checked one
    never imports (``mypkg.det.registry.DET``, which makes ``"det.X"`` resolve from the root):
    that module defines a registry of the tree, and it is certainly loaded, because the
    registering module imports it (its fullname was resolved by semantic analysis).

    None when ``var`` is not a known registry or an ancestor is not a plain reference.
    """
    specs: dict[str, RegistrySpec] = {}
    registered_into: list[str] = []
    for module_facts in list(facts.values()):
        for spec in module_facts.registries:
            specs.setdefault(spec.var, spec)
        registered_into.extend(r.registry for r in module_facts.registrations)
    pending = [
        var,
        *(spec.parent for spec in list(specs.values()) if spec.parent),
        *sorted(set(registered_into)),
    ]
    while pending:
        current = pending.pop()
        if current in specs or current == "?":
            continue
        found = next((s for s in read(_module_of(current)).registries if s.var == current), None)
        if found is None:
            if current == var:
                return None
            continue
        specs[current] = found
        if found.parent is not None:
            pending.append(found.parent)
    return specs


def _assemble(
    var: str, specs: dict[str, RegistrySpec], all_facts: list[ModuleFacts]
) -> StaticTree | None:
    def root_of(current: str) -> str | None:
        seen: set[str] = set()
        while current not in seen:
            seen.add(current)
            spec = specs.get(current)
            if spec is None:
                return None
            if spec.parent is None:
                return current
            current = spec.parent
        return None  # a cycle cannot happen at run time; do not loop on bad code

    root = root_of(var)
    if root is None:
        return None
    members = {v: StaticRegistry(spec) for v, spec in sorted(specs.items()) if root_of(v) == root}
    for module_facts in all_facts:
        for registration in module_facts.registrations:
            member = members.get(registration.registry)
            if member is None:
                continue
            if registration.names is None:
                member.has_unknown_names = True
                continue
            for name in registration.names:
                if name not in member.entries or registration.force:
                    member.entries[name] = registration
    scopes_known = all(m.spec.scope is not None for m in members.values())
    return StaticTree(root=members[root], members=members, scopes_known=scopes_known)


if TYPE_CHECKING:
    from collections.abc import Callable

    _Reader = Callable[[str], ModuleFacts]
