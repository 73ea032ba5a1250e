"""Which registrations a module sees, as registry trees: the index's answer, assembled.

A check in module ``M`` sees what runs when ``M`` runs (see
:class:`~typed_registry._index.ProjectIndex`): the registrations of the modules ``M``
imports, in import order, then those of the locations, which a lookup imports. Both come
from the project's source, read outside mypy, so the answer is the same whatever order mypy
checks modules in and whether they come from its cache.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from typed_registry._index import ANY_REGISTRY
from typed_registry.mypy._everywhere import Everywhere
from typed_registry.mypy._static_tree import StaticRegistry, StaticTree

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from typed_registry._index import ProjectIndex, Registration, RegistrySpec, Run


@dataclass
class SiteView:
    """A registry tree as seen from one module."""

    tree: StaticTree
    #: The registry the view was asked for.
    start: StaticRegistry
    #: Whether a name missing from the tree is an error: every registration of the tree can
    #: be listed (no dynamic registration, all scopes and parents known).
    misses_are_errors: bool
    #: The modules it reads whose source does not parse, as (file, line, message): any
    #: registry may have names there, so misses are not errors; the syntax error is.
    unreadable: tuple[tuple[str, int, str], ...] = ()

    def start_in(self, default_scope: str | None) -> StaticRegistry:
        """Where a build by this registry starts: ``default_scope``'s member, if any."""
        if default_scope is None:
            return self.start
        return self.tree.by_scope(self.start, default_scope) or self.start


class Layer(NamedTuple):
    """The facts of several modules, merged in their execution order."""

    specs: dict[str, RegistrySpec]
    #: Registry variable -> name -> the registration that holds it (the first, unless forced).
    entries: dict[str, dict[str, Registration]]
    #: Registry variables some registration adds names to that cannot be listed.
    open: frozenset[str]
    #: Registry variable -> (class or function fullname -> parameter -> registry variable).
    config_params: dict[str, dict[str, str]]
    #: The modules whose facts these are.
    modules: tuple[str, ...] = ()
    #: The registrations merged into ``entries``, in execution order.
    registrations: Sequence[Registration] = ()

    @classmethod
    def of(cls, run: Run) -> Layer:
        """The facts of what ``run`` runs, registrations merged in their execution order."""
        specs: dict[str, RegistrySpec] = {}
        entries: dict[str, dict[str, Registration]] = {}
        open_registries = set(run.dynamic)
        for spec in run.specs:
            specs.setdefault(spec.var, spec)
        for registration in run.registrations:
            if registration.names is None:
                open_registries.add(registration.registry)
                continue
            names = entries.setdefault(registration.registry, {})
            for name in registration.names:
                first = names.get(name)
                # Most names are registered once: no merge to make (thousands per check).
                names[name] = registration if first is None else winner(first, registration)
        return cls(
            specs,
            entries,
            frozenset(open_registries),
            run.config_params,
            run.modules,
            run.registrations,
        )


_NOTHING = Layer({}, {}, frozenset(), {})
#: The key of :meth:`Visibility.location_digest` among the index's digests.
_LOCATIONS_DIGEST = "<locations>"
#: After a module's name, the key of the digest of every name it sees among the index's
#: digests (a space: see ``ProjectIndex.digests``).
EVERY_NAME = " every name"


class Visibility:
    """Trees of registries as seen from modules, built from the index (one per process)."""

    def __init__(self, index: ProjectIndex) -> None:
        self.index = index
        self._generation = index.generation
        #: The locations' layer, by the extra locations a module's registries declare.
        self._locations: dict[tuple[str, ...], Layer] = {}
        self._layers: dict[str, tuple[Layer, Layer]] = {}
        self._views: dict[tuple[str, str], SiteView | None] = {}
        self._all_views: dict[str, list[SiteView]] = {}
        self._everywhere: dict[str, Everywhere] = {}
        self._orders: dict[tuple[str, ...], _Order] = {}
        self._digests: dict[int, tuple[Layer, str]] = {}
        self._names: dict[int, tuple[Layer, str, dict[str, list[list[object]]]]] = {}
        #: What :meth:`remembered` keeps, with the layers it was derived from.
        self._remembered: dict[tuple[object, ...], tuple[tuple[Layer, Layer], str]] = {}
        self._old_remembered: dict[tuple[object, ...], tuple[tuple[Layer, Layer], str]] = {}
        #: What :meth:`_layer_of` keeps, by the run's id, in this generation and the last.
        self._run_layers: dict[int, tuple[Run, Layer]] = {}
        self._old_run_layers: dict[int, tuple[Run, Layer]] = {}
        #: Modules whose checks in this process met a name registered nowhere they looked.
        self.missed: set[str] = set()
        #: Those whose checks did when they were last checked, in an earlier run (see
        #: ``_missed_sites``).
        self.missed_before: frozenset[str] = frozenset()
        #: Config-file sites (see :meth:`config_site`) -> the modules they import.
        self._config_sites: dict[str, tuple[str, ...]] = {}
        #: What :meth:`owning_module` found, by fullname.
        self._owners: dict[str, str | None] = {}

    def _fresh(self) -> None:
        """Drop what was derived from files that have changed since (the daemon)."""
        if self._generation != self.index.generation:
            self._generation = self.index.generation
            self._locations.clear()
            self._orders.clear()
            self._layers.clear()
            self._views.clear()
            self._all_views.clear()
            self._everywhere.clear()
            self._digests.clear()
            self._names.clear()
            self._old_run_layers, self._run_layers = self._run_layers, {}
            self._old_remembered, self._remembered = self._remembered, {}
            self._owners.clear()

    def owning_module(self, fullname: str) -> str | None:
        """The longest prefix of ``fullname`` that is a module of the project.

        Asked for each name a config builds, in each config file: kept, as the rest.
        """
        self._fresh()
        if fullname in self._owners:
            return self._owners[fullname]
        found = None
        parts = fullname.split(".")
        for end in range(len(parts) - 1, 0, -1):
            candidate = ".".join(parts[:end])
            if self.index.is_module(candidate):
                found = candidate
                break
        self._owners[fullname] = found
        return found

    def layers(self, module: str) -> tuple[Layer, Layer]:
        """What ``module`` runs itself, and what the locations add."""
        self._fresh()
        found = self._layers.get(module)
        if found is None:
            imports = self._config_sites.get(module)
            if imports is not None:
                found = (_NOTHING, self._located(imports))
            else:
                own = self._layer_of(self.index.run(module))
                found = (own, self._located(self._extra(own)))
            self._layers[module] = found
        return found

    def config_site(self, imports: tuple[str, ...]) -> str:
        """A site for checking config files that see what ``imports`` register.

        A config file is no module: what it can build is what the program that reads it
        imports before building (the registries' modules, a config's ``custom_imports``),
        with the locations. Its site is a name no module has, for :meth:`view` and the rest.
        """
        imports = tuple(sorted(set(imports)))
        site = f"<config files importing {','.join(imports)}>"
        self._config_sites[site] = imports
        return site

    def config_digest(self, site: str) -> str:
        """A digest of what the checks of a config site read from the index.

        Kept with the modules' digests (the site's name is no module's): what it imports
        are locations of the index, whose facts changing drops every digest, and mypy asks
        for it in every run, which otherwise loads the facts of every location.
        """
        return self._stored(site, lambda: self._layer_digest(self.layers(site)[1]))

    def _stored(self, key: str, derive: Callable[[], str]) -> str:
        """The digest kept with the index under ``key``, derived (and kept) if it has none."""
        stored = self.index.digests.get(key)
        if stored is None:
            stored = self.index.digests[key] = derive()
            self.index.dirty = True
        return stored

    @staticmethod
    def _extra(own: Layer) -> tuple[str, ...]:
        """The ``locations=`` of the registries a module's own imports create, in order."""
        return tuple(dict.fromkeys(loc for spec in own.specs.values() for loc in spec.locations))

    def _located(self, extra: tuple[str, ...]) -> Layer:
        found = self._locations.get(extra)
        if found is None:
            found = self._locations[extra] = self._layer_of(self.index.location_run(extra))
        return found

    def _layer_of(self, run: Run) -> Layer:
        """``Layer.of(run)``, kept while the index keeps the run (the daemon: across edits).

        An edit drops the runs it may change, and every view; a run it kept (what the
        locations run, after a user module is edited) keeps its layer, and what is
        remembered of it (see :meth:`remembered`). Layers unused for a generation go.
        """
        for kept in (self._run_layers, self._old_run_layers):
            found = kept.get(id(run))
            if found is not None and found[0] is run:
                self._run_layers[id(run)] = found
                return found[1]
        layer = Layer.of(run)
        self._run_layers[id(run)] = (run, layer)
        return layer

    def canonical(self, var: str) -> str | None:
        """The registry a variable holds (``BACKBONES = MODELS`` holds MODELS)."""
        return self.index.registry_var(var)

    def view(self, site: str, var: str) -> SiteView | None:
        """The tree of the registry held by ``var``, as seen from module ``site``.

        None when ``var`` is not a registry the index knows.
        """
        self.layers(site)  # also drops stale views
        key = (site, var)
        if key not in self._views:
            self._views[key] = self._build_view(site, var)
        return self._views[key]

    def _build_view(self, site: str, var: str) -> SiteView | None:
        layers = self.layers(site)
        specs: dict[str, RegistrySpec] = {}
        for layer in layers:
            for name, spec in layer.specs.items():
                specs.setdefault(name, spec)
        canonical = self.canonical(var) or var
        if canonical not in specs:
            return None  # not a registry that runs when the module runs
        tree, parents_known = _assemble(canonical, specs, layers)
        if tree is None:
            return None
        for member in tree.members.values():
            # A location outside the project (installed, or misspelt) may register anything.
            if not all(self.index.is_module(location) for location in member.spec.locations):
                member.has_unknown_names = True
        unreadable: tuple[tuple[str, int, str], ...] = ()
        if any(ANY_REGISTRY in layer.open for layer in layers):
            modules = dict.fromkeys(m for layer in layers for m in layer.modules)
            unreadable = tuple(self.index.unreadable(modules))
        return SiteView(
            tree=tree,
            start=tree.members[canonical],
            misses_are_errors=tree.complete() and parents_known,
            unreadable=unreadable,
        )

    def all_views(self, site: str) -> list[SiteView]:
        """A view of every registry ``site`` can see (for nested configs without annotation)."""
        layers = self.layers(site)  # also drops stale views
        found = self._all_views.get(site)
        if found is None:
            specs: set[str] = set()
            for layer in layers:
                specs.update(layer.specs)
            views = [self.view(site, var) for var in sorted(specs)]
            found = self._all_views[site] = [view for view in views if view is not None]
        return found

    def everywhere(self, site: str) -> Everywhere:
        """What the registries ``site`` can see register (for a name found in none)."""
        views = self.all_views(site)
        found = self._everywhere.get(site)
        if found is None:
            found = self._everywhere[site] = Everywhere(views)
        return found

    def remembered(self, site: str, key: tuple[object, ...], derive: Callable[[], str]) -> str:
        """What ``derive`` gives from ``site``'s layers, kept under ``key`` while they are.

        For what is derived from a site's views, such as a message (the daemon checks a
        module with a mistake again after every edit). Kept for this generation of the
        index and the next (the layers of a run the index kept are the same objects).
        """
        layers = self.layers(site)
        full_key = (id(layers[0]), id(layers[1]), *key)
        found = self._remembered.get(full_key) or self._old_remembered.get(full_key)
        if found is None or found[0] is not layers:
            found = (layers, derive())
        self._remembered[full_key] = found
        return found[1]

    def config_registry(self, site: str, target: str, parameter: str) -> str | None:
        """The registry ``ConfigFor`` names for ``target``'s ``parameter``, if any."""
        for layer in self.layers(site):
            if target in layer.config_params:
                return layer.config_params[target].get(parameter)
        return None

    def digest(self, site: str) -> str:
        """A digest of everything ``site``'s checks read from the index.

        It goes into ``site``'s cache metadata (``report_config_data``), so a change in what
        the module's checks read (a name it builds registered, moved or removed anywhere; a
        registry added or its parent, scope or builder changed) makes mypy check it again,
        even though none of its imports changed; a name it never builds, registered
        anywhere, does not (see :meth:`written_digest` for a module that misses one). Lines
        are left out, except those of a duplicate's first registration, which a message
        names.
        """
        return self._stored(site, lambda: self._digest(site))

    def _digest(self, site: str) -> str:
        source = self.index.source(site)
        indexed = self.index.module(site)
        if source is None or indexed is None or not (source.config_names or source.registrations):
            return ""
        parts: list[object] = []
        if source.config_names:
            parts.extend(self._names_read(source.config_names, self.layers(site)))
        duplicates = [
            [r.names, r.registry, first.module, first.line, first.target]
            for r in indexed.facts.registrations
            for first in self.earlier(site, r)
        ]
        if not duplicates:
            self.index.first_registrations.add(site)
        parts.extend(duplicates)
        parts.append(list(indexed.dynamic))
        return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]

    def note_miss(self, site: str) -> None:
        """Note that a check in module ``site`` met a name registered nowhere it looked.

        Its message (a "did you mean", which registries hold the name) reads every name of
        the registries, which :meth:`digest` leaves out: see :meth:`written_digest`.
        """
        self.missed.add(site)

    def written_digest(self, site: str) -> str:
        """The digest to write into the cache of ``site``, which this process just checked.

        A module whose checks met a missing name gets one that also holds every name of
        the registries it sees (its message may change with any of them): see
        :meth:`cache_digest`, which the next run compares it with. Every other module keeps
        its digest.
        """
        digest = self.digest(site)
        return self._with_every_name(site, digest) if site in self.missed else digest

    def cache_digest(self, site: str) -> str:
        """The digest that ``site``'s cache entry must hold for its results to hold.

        :meth:`digest`, and for a module that missed a name when it was last checked
        (:attr:`missed_before`), every name of the registries it sees: it is checked again
        when one of them changes (a registration added, renamed or removed anywhere it
        sees), not on every run.
        """
        digest = self.digest(site)
        return self._with_every_name(site, digest) if site in self.missed_before else digest

    def _with_every_name(self, site: str, digest: str) -> str:
        return f"{digest} (a name missed; every name {self._every_name(site)})"

    def _every_name(self, site: str) -> str:
        """A digest of every registration and registry ``site`` sees."""

        def every_name() -> str:
            own, located = self.layers(site)
            layers = f"{self._layer_digest(own)}\0{self._layer_digest(located)}"
            return hashlib.sha256(layers.encode()).hexdigest()[:16]

        # Kept as the module's own digest is (ProjectIndex.drop_derived drops both).
        return self._stored(f"{site}{EVERY_NAME}", every_name)

    def by_name(self, site: str) -> dict[str, str]:
        """Each name registered where ``site`` sees -> a digest of its registrations.

        What :meth:`digest` reads of a name, for the daemon's triggers (see
        ``_daemon_triggers``); the key ``""`` holds the registries' shapes. The digests are
        Python's hashes, compared within the daemon's process only (thousands of names:
        a JSON text and a SHA-1 of each cost 15 ms at N = 800). Asked once per analysis of a
        host (``PluginState.mark_host``).
        """
        shapes: list[str] = []
        rows: dict[str, list[object]] = {}
        for layer in self.layers(site):
            shape, by_name = self._layer_names(layer)
            shapes.append(shape)
            for name, registrations in by_name.items():
                rows.setdefault(name, []).append(registrations)
        found = {"": "\0".join(shapes)}
        for name, read in rows.items():
            found[name] = f"{hash(repr(read)):x}"
        return found

    @staticmethod
    def names_read(names: Iterable[str]) -> set[str]:
        """The names a check of ``names`` reads: a scoped ``"det.ResNet"`` reads ``ResNet``."""
        wanted: set[str] = set()
        for name in names:
            parts = name.split(".")
            wanted.update(".".join(parts[start:]) for start in range(len(parts)))
        return wanted

    def _names_read(self, names: Iterable[str], layers: tuple[Layer, Layer]) -> list[object]:
        """What checks of the config names ``names`` read from ``layers``.

        The registries' shapes (scopes, parents, builders, ``ConfigFor`` parameters, which
        are open) and every registration of each name, in every registry (a check resolves
        it from a tree, from a default scope's member, or says where it is registered
        instead): a name registered anywhere else changes none of them. A scoped name
        (``"det.ResNet"``) reads ``ResNet`` too.
        """
        wanted = self.names_read(names)
        read: list[object] = []
        for layer in layers:
            shape, by_name = self._layer_names(layer)
            read.append(shape)
            read.append([[name, by_name[name]] for name in sorted(wanted) if name in by_name])
        return read

    def _layer_names(self, layer: Layer) -> tuple[str, dict[str, list[list[object]]]]:
        """A digest of ``layer``'s registries' shapes, and its registrations by name."""
        found = self._names.get(id(layer))
        if found is None or found[0] is not layer:
            shape = [
                sorted(
                    [spec.var, spec.name, spec.scope, spec.parent, spec.build_func]
                    for spec in layer.specs.values()
                ),
                sorted(layer.open),
                sorted((k, sorted(v.items())) for k, v in layer.config_params.items()),
            ]
            by_name: dict[str, list[list[object]]] = {}
            for r in layer.registrations:
                row: list[object] = [r.registry, r.target, r.force, r.module, r.branch]
                row.append(r.undecorated)
                for name in r.names or ():
                    by_name.setdefault(name, []).append(row)
            digest = hashlib.sha256(json.dumps(shape).encode()).hexdigest()
            found = self._names[id(layer)] = (layer, digest, by_name)
        return found[1], found[2]

    def _layer_digest(self, layer: Layer) -> str:
        found = self._digests.get(id(layer))
        if found is None or found[0] is not layer:
            data = json.dumps(_layer_data(layer), sort_keys=True)
            found = self._digests[id(layer)] = (layer, hashlib.sha256(data.encode()).hexdigest())
        return found[1]

    def location_digest(self) -> str:
        """A digest of what the locations register (for the daemon's snapshot).

        Kept with the modules' digests (under a name no module has): the daemon asks for it
        each ``dmypy run``, and from the index's snapshot it costs no facts to load.
        """
        self._fresh()
        return self._stored(_LOCATIONS_DIGEST, lambda: self._layer_digest(self._located(())))

    def earlier(self, site: str, registration: Registration) -> list[Registration]:
        """Registrations of the same names into the same registry that run before this one.

        The order is the locations' import order when the module is under a location (a
        duplicate in a sibling module is then found wherever it is checked from), else the
        module's own imports' order, then the locations'.
        """
        if registration.names is None or registration.force:
            return []
        if site in self.index.first_registrations:
            # Known with the digest: checking the module again after an edit inside a
            # function body then converts none of the locations' registrations.
            return []
        # Most registrations are in the modules the settings' locations import: then their
        # order is known without reading what the module itself imports.
        located = self._located_order(())
        if registration not in located.position:
            located = self._located_order(self._extra(self.layers(site)[0]))
        if registration in located.position:
            order: Iterable[Registration] = located.before(registration)
        else:
            own = self.index.run(site)
            seen = set(own.modules)
            order = [
                *own.registrations,
                *(r for r in located.registrations if r.module not in seen),
            ]
        names = set(registration.names)
        return [
            other
            for other in itertools.takewhile(lambda other: other != registration, order)
            if other.registry == registration.registry
            and other.names
            and not names.isdisjoint(other.names)
            and not registration.excludes(other)
        ]

    def _located_order(self, extra: tuple[str, ...]) -> _Order:
        found = self._orders.get(extra)
        if found is None:
            found = self._orders[extra] = _Order(self.index.location_run(extra).registrations)
        return found


class _Order:
    """The registrations of the locations in import order, indexed for ``earlier``.

    By value, not identity: a saved location run holds copies of its modules' registrations.
    Two registrations alike in every field are one statement (one module, one line).
    """

    def __init__(self, registrations: list[Registration]) -> None:
        self.registrations = registrations
        self.position = {r: index for index, r in enumerate(registrations)}
        self._by_key: dict[tuple[str, str], list[Registration]] = {}
        for registration in registrations:
            for name in registration.names or ():
                self._by_key.setdefault((registration.registry, name), []).append(registration)

    def before(self, registration: Registration) -> list[Registration]:
        """The registrations of its names into its registry, up to and including it."""
        found = {
            r
            for name in registration.names or ()
            for r in self._by_key.get((registration.registry, name), [])
        }
        return sorted(found, key=self.position.__getitem__)


def _layer_data(layer: Layer) -> list[object]:
    return [
        sorted(
            [spec.var, spec.name, spec.scope, spec.parent, spec.build_func]
            for spec in layer.specs.values()
        ),
        sorted(
            [registry, name, r.target, r.undecorated, r.module]
            for registry, names in layer.entries.items()
            for name, r in names.items()
        ),
        sorted(layer.open),
        sorted((k, sorted(v.items())) for k, v in layer.config_params.items()),
    ]


def _assemble(
    var: str, specs: dict[str, RegistrySpec], layers: tuple[Layer, Layer]
) -> tuple[StaticTree | None, bool]:
    """The tree of ``var``, and whether all its parents are known."""

    def root_of(current: str) -> str | None:
        seen: set[str] = set()
        while current not in seen:
            seen.add(current)
            parent = specs[current].parent
            if parent is None or parent not in specs:
                return current  # a parent outside the project: its entries are unknown
            current = parent
        return None  # a cycle cannot happen at run time; do not loop on bad code

    root = root_of(var)
    if root is None:
        return None, False
    members: dict[str, StaticRegistry] = {}
    for name, spec in sorted(specs.items()):
        if root_of(name) != root:
            continue
        found = [layer.entries[name] for layer in layers if name in layer.entries]
        entries: dict[str, Registration] = {}
        if len(found) == len(layers):
            # Registered into by the module's own imports and by the locations.
            entries = _overlay(name, layers)
        elif found:
            entries = found[0]
        unknown = any(name in layer.open or ANY_REGISTRY in layer.open for layer in layers)
        if spec.parent is not None and spec.parent not in specs:
            unknown = True
        members[name] = StaticRegistry(spec, entries, has_unknown_names=unknown)
    scopes_known = all(m.spec.scope is not None for m in members.values())
    tree = StaticTree(root=members[root], members=members, scopes_known=scopes_known)
    # Only this tree's parents matter: another tree's unknown parent says nothing of it.
    parents_known = all(m.spec.parent is None or m.spec.parent in specs for m in members.values())
    return tree, parents_known


def _overlay(registry: str, layers: tuple[Layer, Layer]) -> dict[str, Registration]:
    """``registry``'s entries after what the module runs, then what the locations run.

    A module the checked one imports ran once, in its place: the locations' registrations
    are replayed in their order without its own. (Not their merged entries: a name the
    locations register in a module that ran before, forced, would hide a forced one of
    another location that runs later.)
    """
    own, located = layers
    entries = dict(own.entries[registry])
    ran = frozenset(own.modules)
    for registration in located.registrations:
        if registration.registry != registry or registration.module in ran:
            continue
        for name in registration.names or ():
            entries[name] = winner(entries.get(name), registration)
    return entries


def winner(first: Registration | None, then: Registration) -> Registration:
    """The registration a name holds after ``first`` (if any), then ``then``.

    The first stays unless the second forces; but when the two sit in branches that never
    both run, either may be the one at run time: the name is then registered, with no
    known target (so builds of it are checked for the name only).
    """
    if first is None or then.force:
        return then
    if then.excludes(first) and then.target != first.target:
        return first.without_target()
    return first
