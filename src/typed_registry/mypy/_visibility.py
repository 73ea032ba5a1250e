"""Which modules a check may read, and the registry trees they describe.

The answer must not depend on the order in which mypy happens to process modules, nor on
whether a module comes from the cache, so a check in module ``M`` reads only modules that are
certainly loaded before ``M`` is checked: ``M`` itself, the modules it imports (and their
parent packages), the modules that define the registries of the tree, and, for a module
outside the packages of the configured ``locations``, the merged facts of every module under
those locations, which the locations hub holds (the plugin makes the hub a dependency of
``M``, and every module under the locations a dependency of the hub, see
:func:`location_dependencies` and ``_hub``).

A module's facts come from its syntax tree when mypy analysed it in this run, else from its
cached manifest; both hold the same facts. Every module read besides ``M`` is recorded, and
reported to mypy as an indirect dependency of ``M``: when its facts change, ``M`` is checked
again even if its own imports did not change.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from mypy.nodes import Import, ImportAll, ImportBase, ImportFrom
from mypy.util import correct_relative_import

from typed_registry.mypy._facts import ModuleFacts
from typed_registry.mypy._fullnames import HUB, RUNTIME_PACKAGE
from typed_registry.mypy._manifest import manifest_data
from typed_registry.mypy._scan import scan_module
from typed_registry.mypy._static_tree import StaticRegistry, StaticTree

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from mypy.nodes import MypyFile, Statement

    from typed_registry.mypy._config import PluginConfig
    from typed_registry.mypy._facts import Registration, RegistrySpec


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


def location_dependencies(tree: MypyFile, config: PluginConfig, *, via_hub: bool) -> list[str]:
    """The extra dependencies the plugin gives ``tree`` (for ``get_additional_deps``).

    The hub depends on every module under the locations, and a module that reads them on
    the hub; or, when mypy would not analyse the hub (``via_hub`` false: it follows no
    imports into ``typed_registry``), directly on every module under the locations.
    """
    if tree.fullname == HUB:
        return list(config.location_modules())
    if not uses_locations(tree.fullname, imported_modules(tree), config):
        return []
    return [HUB] if via_hub else list(config.location_modules())


_NO_FACTS = ModuleFacts()


@dataclass
class SiteView:
    """A registry tree as seen from one module, with what seeing it required."""

    tree: StaticTree
    #: Modules read besides the checked one (they become its indirect dependencies).
    consulted: frozenset[str]
    #: Whether a name missing from the tree is an error (see :meth:`Visibility.view`).
    misses_are_errors: bool
    #: Whether the checked module reads every module under the configured locations.
    reads_locations: bool
    #: Whether some registry of the tree is defined in another module than the checked one
    #: (then registrations can be in modules the check does not read).
    defined_elsewhere: bool


@dataclass(frozen=True)
class _Merged:
    """The facts of several modules, merged in a fixed order."""

    specs: dict[str, RegistrySpec]
    #: Registry variable -> name -> the registration that wins (the first, unless forced).
    entries: dict[str, dict[str, Registration]]
    #: Registry variables with a registration whose names are not literal.
    unknown_names: frozenset[str]

    @classmethod
    def of(cls, facts: Iterable[ModuleFacts]) -> _Merged:
        specs: dict[str, RegistrySpec] = {}
        entries: dict[str, dict[str, Registration]] = {}
        unknown: set[str] = set()
        for module_facts in facts:
            for spec in module_facts.registries:
                specs.setdefault(spec.var, spec)
            for registration in module_facts.registrations:
                if registration.names is None:
                    unknown.add(registration.registry)
                    continue
                names = entries.setdefault(registration.registry, {})
                for name in registration.names:
                    names[name] = _winner(names.get(name), registration)
        return cls(specs, entries, frozenset(unknown))


@dataclass
class Visibility:
    """Per-process memory of module facts and trees (mypy runs one plugin per process).

    Caches are keyed by object identity and hold the object they are keyed by, so that an
    id cannot be reused: the daemon re-parses a module into the same MypyFile object with new
    ``defs`` (astmerge), and rewrites a manifest's data on a change.
    """

    config: PluginConfig
    #: Whether this runs in the daemon, where a module's facts change between updates; in a
    #: batch run (each ``-n`` worker too) they never change once a module is loaded.
    daemon: bool = False
    _location_modules: tuple[str, ...] = ()
    _scans: dict[int, tuple[object, ModuleFacts]] = field(
        default_factory=dict[int, tuple[object, ModuleFacts]]
    )
    _locations: tuple[tuple[int, ...], _Merged | None, frozenset[str]] | None = None
    _views: dict[tuple[int, str], tuple[list[Statement], SiteView | None]] = field(
        default_factory=dict[tuple[int, str], tuple[list["Statement"], "SiteView | None"]]
    )

    def facts(self, tree: MypyFile) -> ModuleFacts:
        """The facts of a module: scanned if mypy analysed it in this run, else cached."""
        source: object = tree.defs if tree.defs else manifest_data(tree)
        if source is None:
            return _NO_FACTS  # one object: a fresh one each time would defeat the caches
        cached = self._scans.get(id(source))
        if cached is not None and cached[0] is source:
            return cached[1]
        facts = scan_module(tree) if tree.defs else ModuleFacts.from_json(source)
        self._scans[id(source)] = (source, facts)
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

    def __post_init__(self) -> None:
        self._location_modules = self.config.location_modules()

    def _location_facts(
        self, modules: Mapping[str, MypyFile]
    ) -> tuple[_Merged | None, frozenset[str]]:
        """The merged facts of every module under the locations, and the modules read.

        They come from the hub, when mypy analyses it: its hook stored them there. Else each
        reading module depends on every module under the locations, so all are loaded when
        the first such module is checked. None when the hub holds no facts (mypy did not
        check it): then nothing is known about the locations.

        In a batch run (each ``-n`` worker too) the facts are final once read: merge them
        once. The daemon re-checks after edits, so there the merge is redone whenever some
        module's facts are new objects.
        """
        if self._locations is not None and not self.daemon:
            return self._locations[1], self._locations[2]
        if HUB in modules:
            present = [HUB]
            hub_facts = self._hub_facts(modules[HUB])
            facts = [] if hub_facts is None else [hub_facts]
        else:
            present = [name for name in self._location_modules if name in modules]
            facts = [self.facts(modules[name]) for name in present]
        key = tuple(id(f) for f in facts)
        if self._locations is None or self._locations[0] != key:
            merged = _Merged.of(facts) if facts or HUB not in modules else None
            self._locations = (key, merged, frozenset(present))
        return self._locations[1], self._locations[2]

    def _hub_facts(self, hub: MypyFile) -> ModuleFacts | None:
        """The facts the hub's manifest holds (written by its hook, or read from the cache)."""
        data = manifest_data(hub)
        if data is None:
            return None
        cached = self._scans.get(id(data))
        if cached is not None and cached[0] is data:
            return cached[1]
        facts = ModuleFacts.from_json(data)
        self._scans[id(data)] = (data, facts)
        return facts

    def _build_view(
        self, site: MypyFile, var: str, modules: Mapping[str, MypyFile]
    ) -> SiteView | None:
        imported = imported_modules(site)
        readable = {site.fullname}
        for name in imported:
            parts = name.split(".")
            readable.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
        consulted = {name for name in readable if name in modules} - {site.fullname}
        layers: list[_Merged] = []
        reads_locations = uses_locations(site.fullname, imported, self.config)
        locations_known = True
        if reads_locations:
            merged, present = self._location_facts(modules)
            if merged is None:
                locations_known = False
            else:
                layers.append(merged)
            consulted.update(present)
            readable.difference_update(self._location_modules)
        extra = [self.facts(modules[name]) for name in sorted(readable) if name in modules]
        layers.append(_Merged.of(extra))
        specs = _specs_with_ancestors(var, layers, modules, self, consulted)
        if specs is None:
            return None
        tree = _assemble(var, specs, layers)
        if tree is None:
            return None
        in_location_package = site.fullname.split(".")[0] in self.config.location_packages
        # A registry whose locations (in code) are not in the settings is missing what they
        # register: its tree's misses are not errors (registry-config says what to add).
        covered = all(
            self.config.covers(location)
            for member in tree.members.values()
            for location in member.spec.locations
        )
        return SiteView(
            tree=tree,
            consulted=frozenset(consulted),
            misses_are_errors=(
                tree.complete() and covered and locations_known and not in_location_package
            ),
            reads_locations=reads_locations,
            defined_elsewhere=any(not var.startswith(f"{site.fullname}.") for var in tree.members),
        )


def _specs_with_ancestors(
    var: str,
    layers: list[_Merged],
    modules: Mapping[str, MypyFile],
    visibility: Visibility,
    consulted: set[str],
) -> dict[str, RegistrySpec] | None:
    """The registry specs the read modules define, their ancestors, and what they register into.

    A location module may register into a child registry defined in a module the checked one
    never imports (``mypkg.det.registry.DET``, which makes ``"det.X"`` resolve from the root):
    that module defines a registry of the tree, and it is certainly loaded, because the
    registering module imports it (its fullname was resolved by semantic analysis). So is an
    ancestor's module: the registry's module imports it. None when ``var`` is not a known
    registry.
    """
    specs: dict[str, RegistrySpec] = {}
    registered_into: set[str] = set()
    for layer in layers:
        for name, spec in layer.specs.items():
            specs.setdefault(name, spec)
        registered_into.update(layer.entries, layer.unknown_names)
    pending = [
        var,
        *(spec.parent for spec in list(specs.values()) if spec.parent),
        *sorted(registered_into),
    ]
    while pending:
        current = pending.pop()
        module = current.rsplit(".", 1)[0]
        if current in specs or current == "?" or module not in modules:
            continue
        consulted.add(module)
        found = next(
            (s for s in visibility.facts(modules[module]).registries if s.var == current), None
        )
        if found is not None:
            specs[current] = found
            if found.parent is not None:
                pending.append(found.parent)
    return specs if var in specs else None


def _assemble(var: str, specs: dict[str, RegistrySpec], layers: list[_Merged]) -> StaticTree | None:
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
    members: dict[str, StaticRegistry] = {}
    for name, spec in sorted(specs.items()):
        if root_of(name) != root:
            continue
        # Shared, never mutated: most sites see one layer, so no copy is needed.
        found = [layer.entries[name] for layer in layers if name in layer.entries]
        entries = found[0] if len(found) == 1 else _overlay(found)
        unknown = any(name in layer.unknown_names for layer in layers)
        members[name] = StaticRegistry(spec, entries, has_unknown_names=unknown)
    scopes_known = all(m.spec.scope is not None for m in members.values())
    return StaticTree(root=members[root], members=members, scopes_known=scopes_known)


def _overlay(found: list[dict[str, Registration]]) -> dict[str, Registration]:
    entries: dict[str, Registration] = {}
    for layer in found:
        for name, registration in layer.items():
            entries[name] = _winner(entries.get(name), registration)
    return entries


def _winner(first: Registration | None, then: Registration) -> Registration:
    """The registration a name holds after ``first`` (if any), then ``then``.

    The first stays unless the second forces; but when the two sit in branches that never
    both run, either may be the one at run time: the name is then registered, with no
    known target (so builds of it are checked for the name only).
    """
    if first is None or then.force:
        return then
    if then.excludes(first) and then.target != first.target:
        return replace(first, target=None)
    return first
