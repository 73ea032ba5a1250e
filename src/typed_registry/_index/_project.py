"""The registry index of a project: every registry and registration, by fully qualified name.

:class:`ProjectIndex` reads modules with :mod:`._reader` (through the content-keyed
:class:`~._files.SourceCache`), resolves the names they use across modules (imports,
re-exports, ``from m import *``, aliases such as ``BACKBONES = MODELS``), and answers, for
one module, which registrations exist when that module runs: the ones its own imports make,
in import order, then the ones the registries' locations make, as a lookup imports them.
Nothing here depends on the order in which a type checker visits modules.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

from typed_registry._index._builders import (
    DEFAULT,
    KNOWN_BUILDERS,
    REGISTRY_CLASSES,
    builder_kind,
)
from typed_registry._index._facts import ModuleFacts, Registration, RegistrySpec
from typed_registry._index._files import (
    DirectoryChanges,
    SourceCache,
    directory_stamp,
    file_stamp,
    find_module,
    installed_roots,
    module_file,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from pathlib import Path

    from typed_registry._index._prefetch import Helper
    from typed_registry._index._reader import ModuleSource

_MAX_DEPTH = 50


class Resolved(NamedTuple):
    """What a name refers to: a module, or a symbol (class, function, variable)."""

    fullname: str
    is_module: bool
    #: Whether the index read the module that defines it (else it lies outside the project).
    known: bool


@dataclass
class ModuleIndex:
    """One module's facts, with names resolved."""

    facts: ModuleFacts
    #: Registry variables (canonical fullnames) that this module registers into in a way
    #: the reader cannot list, with the line.
    dynamic: tuple[tuple[str, int], ...] = ()
    #: Registrations the runtime rejects at import: (line, problem).
    invalid: tuple[tuple[int, str], ...] = ()
    #: Class/function fullname -> parameter -> registry fullname (``ConfigFor``).
    config_params: dict[str, dict[str, str]] = field(default_factory=dict[str, dict[str, str]])
    #: The registration each of the reader's registrations resolved to (None: not into a
    #: registry of the project), in the reader's order, which its events refer to.
    order: tuple[Registration | None, ...] = ()


@dataclass
class Run:
    """What running a module (or importing the locations) runs, in execution order.

    With what its modules declare besides registrations, gathered as they run (see
    :meth:`ran`): the checks read a run whole, never its modules one by one.
    """

    module_list: list[str] = field(default_factory=list[str])
    registrations: list[Registration] = field(default_factory=list[Registration])
    modules: tuple[str, ...] = ()
    #: The registries the modules create, in order.
    specs: list[RegistrySpec] = field(default_factory=list[RegistrySpec])
    #: Registry variables some module registers into in a way the reader cannot list.
    dynamic: set[str] = field(default_factory=set[str])
    #: Class or function fullname -> parameter -> registry variable (``ConfigFor``).
    config_params: dict[str, dict[str, str]] = field(default_factory=dict[str, dict[str, str]])
    #: The names the run met that are no module of the project (``torch``), which a run that
    #: goes on from this one must not look for again.
    missed: list[str] = field(default_factory=list[str])
    #: False for a run read from a snapshot, which keeps no ``missed``.
    complete: bool = True

    def going_on(self) -> tuple[Run, set[str]] | None:
        """A copy of this run to go on from, and the names it saw; None if unknown."""
        if not self.complete:
            return None
        run = Run(
            list(self.module_list),
            list(self.registrations),
            specs=list(self.specs),
            dynamic=set(self.dynamic),
            config_params=dict(self.config_params),
        )
        return run, {*self.module_list, *self.missed}

    def ran(self, indexed: ModuleIndex) -> None:
        """Gather what a module declares, once it ran (its registrations are in by then)."""
        self.specs.extend(indexed.facts.registries)
        self.dynamic.update(registry for registry, _ in indexed.dynamic)
        self.config_params.update(indexed.config_params)

    def frozen(self) -> Run:
        """This run, with ``modules`` filled in (what the callers read)."""
        self.modules = tuple(self.module_list)
        return self


#: The registry of a dynamic registration that may be into any registry: a module whose
#: source does not parse may register anything.
ANY_REGISTRY = "*"

_K = TypeVar("_K")
_V = TypeVar("_V")

#: What converting a saved entry may raise when it is damaged: the entry is derived again.
_DAMAGED = (KeyError, IndexError, TypeError, ValueError, AttributeError)


#: What running a module does (``ProjectIndex._steps``): its facts, then its registrations
#: and the modules its imports run, in execution order.
_Steps = tuple["ModuleIndex", tuple["Registration | str", ...]]


class SavedFacts(NamedTuple):
    """What a snapshot holds of what was resolved, in its saved form (``_snapshot``).

    Each entry is converted when first asked for (a run that checks one module needs a few
    modules and runs, not the project's): ``index_of`` converts one.
    """

    indexed: dict[str, Any]
    #: Each run as saved (a JSON text): its modules, and its registrations as (module, place
    #: in facts).
    runs: dict[str, Any]
    #: Each location run as saved: whole, its registrations not references (the checks of
    #: a warm run read little else, and converting every module of the locations to rebuild
    #: them cost more than the rest of the run).
    location_runs: dict[tuple[str, ...], Any]
    #: :meth:`ProjectIndex.registry_var`'s answers.
    registry_vars: dict[str, str | None]
    index_of: Callable[[Any], ModuleIndex]
    location_run_of: Callable[[Any], Run]


class SavedSources(NamedTuple):
    """What a snapshot holds of what the reader found, in its saved form (``_snapshot``).

    Apart from the facts: the checks of a warm run ask the resolved facts, while the sources
    are read only to resolve names again (and they are most of the snapshot's size).
    """

    #: Module -> the JSON text of its source (``null``: none), parsed when first asked for.
    entries: dict[str, str]
    source_of: Callable[[str], ModuleSource | None]


class Unconverted(NamedTuple):
    """The saved entries of a restored snapshot that nothing asked for yet (their texts)."""

    indexed: dict[str, Any]
    runs: dict[str, Any]
    location_runs: dict[tuple[str, ...], Any]
    sources: dict[str, str]


class ProjectIndex:
    """Registries and registrations of the modules found under ``roots``.

    Args:
        roots: Directories searched for modules, in order (as ``sys.path`` is).
        locations: Modules or packages that register (the settings' ``locations``): a
            lookup imports them, so their registrations count for every module.
        installed: The environment's ``site-packages`` directories, searched after
            ``roots`` for the packages whose distribution takes part in registries only
            (``mmengine``, ``mmcv``, what requires them: see ``_installed``).
    """

    def __init__(
        self,
        roots: Sequence[Path],
        locations: Sequence[str],
        installed: Sequence[Path] = (),
    ) -> None:
        self.roots: tuple[Path, ...] = tuple(roots)
        self.installed: tuple[Path, ...] = tuple(installed)
        self.locations: tuple[str, ...] = tuple(locations)
        self._files = SourceCache()
        #: Module -> its file's size and modification time, taken before it was read (None:
        #: no file). The snapshot keeps them; the daemon compares them (``refresh``).
        self.stamps: dict[str, tuple[int, int] | None] = {}
        #: Bumped whenever what was read is dropped: views derived from it are stale then.
        self.generation: int = 0
        # What was derived (see _snapshot, which saves and restores it between runs).
        #: Module -> (its file, whether it is a package), None when no root has it.
        self.found: dict[str, tuple[str | None, bool] | None] = {}
        self.packages: dict[str, list[str]] = {}
        #: Every directory whose entries decided where a module is or what a package holds,
        #: with its modification time taken before it was read (None: it did not exist).
        self.directories: dict[str, int | None] = {}
        self.sources: dict[str, ModuleSource | None] = {}
        self.indexed: dict[str, ModuleIndex] = {}
        self.runs: dict[str, Run] = {}
        #: What running each module does, as ``_visit`` follows it (see :meth:`_steps`); of
        #: the generation in ``_steps_generation``.
        self._module_steps: dict[str, _Steps | None] = {}
        #: Each source's saved form and the names it spells (see ``_texts_spelling``), with
        #: the source it is of.
        self._texts: dict[str, tuple[ModuleSource | None, str, frozenset[str]]] = {}
        self._steps_generation = -1
        self.location_runs: dict[tuple[str, ...], Run] = {}
        #: Fullname -> the canonical registry variable it holds (see :meth:`registry_var`).
        self.registry_vars: dict[str, str | None] = {}
        #: What the plugin derived from the index for each module (its cache digest), kept
        #: with the snapshot while no file changes. Keyed by the module's name, or by it, a
        #: space and what else was derived for it (dropped with it: :meth:`drop_derived`),
        #: or by a name in angle brackets, of what only the locations decide.
        self.digests: dict[str, str] = {}
        #: Modules none of whose registrations repeats a name registered before it (the
        #: plugin's duplicate check, derived with the digests and kept with them).
        self.first_registrations: set[str] = set()
        #: Whether something was derived since the last save or restore.
        self.dirty: bool = False
        #: A restored snapshot's small file with fresher stamps, to write when nothing was
        #: derived (``_snapshot.save_changes``); None: nothing to write.
        self.lookups_to_save: dict[str, Any] | None = None
        #: What a restored snapshot holds and :meth:`loaded` loads on first need.
        self._pending: Callable[[], SavedFacts | None] | None = None
        self._saved: SavedFacts | None = None
        self._pending_sources: Callable[[], SavedSources | None] | None = None
        self._saved_sources: SavedSources | None = None

    # -- reading -----------------------------------------------------------------------------

    def source(self, module: str) -> ModuleSource | None:
        """The reader's view of ``module``, or None when it is not in the project."""
        if module in self.sources or self._take_source(module):
            # A long-lived index learns of edits through refresh (once per check), not here:
            # a lookup runs for every name resolved.
            return self.sources[module]
        found, directories = find_module(self.roots, module, self.installed)
        self._note_directories(directories)
        self.found[module] = None if found is None else (_text(found[0]), found[1])
        self.dirty = True
        # Before the read: a file edited meanwhile then differs from its stamp next time.
        self.stamps[module] = None if found is None or found[0] is None else _stamp_of(found[0])
        result: ModuleSource | None
        if found is None:
            result = None
        else:
            path, is_package = found
            if path is None:
                from typed_registry._index._reader import ModuleSource  # noqa: PLC0415

                result = ModuleSource(module, is_package=True)  # a namespace package
            else:
                result = self.read_file(path, module, is_package=is_package)
        self.sources[module] = result
        return result

    def _take_source(self, module: str) -> bool:
        """Convert ``module``'s saved source, loading the snapshot's sources on first need."""
        saved = self._loaded_sources()
        return saved is not None and _take(saved.entries, module, saved.source_of, self.sources)

    def _loaded_sources(self) -> SavedSources | None:
        """The sources a restored snapshot holds, read on the first call (None: none left)."""
        if self._pending_sources is not None:
            pending, self._pending_sources = self._pending_sources, None
            self._saved_sources = pending()  # None: damaged, or written since by another run
        return self._saved_sources

    def is_module(self, module: str) -> bool:
        """Whether ``module`` is in the project (whether ``source(module)`` is not None).

        Answered from where it was found when it was looked up, without loading its source.
        """
        if module in self.found:
            return self.found[module] is not None
        return self.source(module) is not None

    def _note_directories(self, stamps: dict[str, int | None]) -> None:
        for path, stamp in stamps.items():
            self.directories.setdefault(path, stamp)  # the first stamp: taken before any read

    def read_file(self, path: Path, module: str, *, is_package: bool) -> ModuleSource:
        """What the reader finds in ``path`` as ``module`` (cached by content)."""
        text = str(path)
        installed = any(text.startswith(f"{directory}{os.sep}") for directory in self.installed)
        return self._files.read(path, module, is_package=is_package, installed=installed)

    @property
    def contents(self) -> dict[str, str]:
        """Module -> the digest of the content its source was read from."""
        return self._files.contents

    def seed(self, module: str, digest: str, source: ModuleSource) -> None:
        """Know, before reading it, that content ``digest`` reads to ``source`` as ``module``."""
        self._files.seed(module, digest, source)

    def take_from(self, helper: Helper, idle: Callable[[], bool]) -> None:
        """Take the modules ``helper`` reads (``_prefetch``) instead of reading them.

        While one the index needs has not come, ``idle`` is called (it does other work, and
        says whether there is more) before it is read here. Each module is taken for the
        content the helper read: a file changed since is read here.
        """
        self._files.helper = (helper, idle)

    def restore(  # noqa: PLR0913  # what _snapshot saved, part by part
        self,
        *,
        found: dict[str, tuple[str | None, bool] | None],
        stamps: dict[str, tuple[int, int] | None],
        packages: dict[str, list[str]],
        directories: dict[str, int | None],
        digests: dict[str, str],
        first_registrations: set[str],
        contents: dict[str, str],
        facts: Callable[[], SavedFacts | None],
        sources: Callable[[], SavedSources | None],
        reread: dict[str, ModuleSource],
    ) -> None:
        """Take what a snapshot holds as derived (``_snapshot.restore`` checked it holds).

        Where modules are, the packages' listings and the digests are taken now; what was
        read and resolved (``facts``, ``sources``) is loaded when something first needs it: a
        warm run that checks no module needs none of it. ``reread``: the sources of files
        read again because they changed, which still read to the same facts.
        """
        self.found, self.packages, self.directories = found, packages, directories
        self.digests = digests
        self.first_registrations = first_registrations
        for module, digest in contents.items():  # a file read again since is newer
            self._files.contents.setdefault(module, digest)
        self.sources, self.indexed, self.runs, self.location_runs = dict(reread), {}, {}, {}
        self._module_steps.clear()
        self.registry_vars = {}
        self._pending, self._saved = facts, None
        self._pending_sources, self._saved_sources = sources, None
        self.dirty = False
        self.lookups_to_save = None
        self.stamps = dict(stamps)

    def loaded(self) -> ProjectIndex:
        """This index, with the facts file a restored snapshot names read (not converted)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            self._saved = pending()  # None: damaged, or written since by another run
            if self._saved is not None:
                for fullname, var in self._saved.registry_vars.items():
                    self.registry_vars.setdefault(fullname, var)
        return self

    def drop_derived(self, module: str, stamp: tuple[int, int] | None) -> None:
        """Forget what was derived from ``module``'s source, which changed (read at ``stamp``).

        Only for a module whose source no other module's facts depend on (no other module
        imports it, no location holds or names it: ``_snapshot`` checked it): its own facts,
        run, digest and answers are derived again, everything else still holds.
        """
        self.loaded()
        saved = self._saved
        tables: list[dict[str, Any]] = [self.indexed, self.runs]
        if saved is not None:
            tables += [saved.indexed, saved.runs]
        for table in tables:
            table.pop(module, None)
        derived_for = f"{module} "  # what else was derived for it (see ``digests``)
        for key in [key for key in self.digests if key == module or key.startswith(derived_for)]:
            del self.digests[key]
        self.first_registrations.discard(module)
        prefix = f"{module}."
        for name in [name for name in self.registry_vars if name.startswith(prefix)]:
            del self.registry_vars[name]
        self.stamps[module] = stamp
        self.dirty = True

    def drop_for_names(self, names: set[str], readers: set[str]) -> None:
        """Forget what was derived from the registrations of ``names``, which changed.

        For a warm run after registrations changed and nothing else did (``_snapshot``):
        the facts of the other modules still hold. Every run and location run may hold a
        changed registration, as may the digests of the ``readers`` (the modules whose
        source spells a name of ``names``), of the locations, and what else was derived
        for a module (a digest of every name it sees); the others' digests still hold.
        """
        saved = self.loaded()._saved
        kept = () if saved is None else (saved.runs, saved.location_runs)
        for table in (self.runs, self.location_runs, *kept):
            table.clear()
        for key in list(self.digests):
            if key.startswith("<") or " " in key or key in readers:
                del self.digests[key]
        self.first_registrations.difference_update(readers)
        self.dirty = True

    def everything(self) -> ProjectIndex:
        """This index, with every saved entry converted (to save or to compare them all)."""
        self.loaded()
        sources = self._loaded_sources()
        if sources is not None:
            for module in list(sources.entries):
                if module not in self.sources:  # else read again since: the newer
                    _take(sources.entries, module, sources.source_of, self.sources)
            self._saved_sources = None
        saved = self._saved
        if saved is not None:
            for module in list(saved.indexed):
                _take(saved.indexed, module, saved.index_of, self.indexed)
            for module in list(saved.runs):
                _take(saved.runs, module, self._run_of, self.runs)
            for key in list(saved.location_runs):
                _take(saved.location_runs, key, saved.location_run_of, self.location_runs)
            self._saved = None
        return self

    def unconverted(self) -> Unconverted:
        """The saved entries never converted (to save them again as they are).

        Loads the files a restored snapshot names if nothing did yet.
        """
        self.loaded()
        facts, sources = self._saved, self._loaded_sources()
        return Unconverted(
            indexed={} if facts is None else facts.indexed,
            runs={} if facts is None else facts.runs,
            location_runs={} if facts is None else facts.location_runs,
            sources={} if sources is None else sources.entries,
        )

    def _run_of(self, text: str) -> Run:
        """A saved run, its registrations the very objects of their modules' facts.

        A run saved as what it adds to its package's run (``"after"``) goes on from that
        run as it now is, if it is still the one it went on from (else: derived again).
        """
        from typed_registry._index._snapshot import run_modules_check  # noqa: PLC0415  # a cycle

        raw = json.loads(text)
        modules: list[str] = []
        registrations: list[Registration] = []
        if "after" in raw:
            package, size, count, check = raw["after"]
            before = self.run(str(package))
            if (len(before.modules), len(before.registrations)) != (size, count) or (
                run_modules_check(before.modules) != check
            ):
                raise ValueError(package)  # the package's run changed: derived again
            modules.extend(before.modules)
            registrations.extend(before.registrations)
        for module, place in raw["registrations"]:
            indexed = self.module(module)
            if indexed is None:
                raise KeyError(module)  # no longer in the project: derived again
            registrations.append(indexed.facts.registrations[int(place)])
        modules.extend(str(module) for module in raw["modules"])
        run = Run(modules, registrations, complete=False)
        for indexed in self.modules(modules):
            run.ran(indexed)
        return run.frozen()

    def _stamp(self, module: str) -> tuple[int, int] | None:
        found = module_file(self.roots, module, self.installed)
        return None if found is None or found[0] is None else _stamp_of(found[0])

    def _current_stamp(self, module: str, changes: DirectoryChanges) -> tuple[int, int] | None:
        """``_stamp``, without the lookup while no directory it was found through changed."""
        if module not in self.found or changes.touch(module, listed=False):
            return self._stamp(module)
        found = self.found[module]
        return None if found is None or found[0] is None else _stamp_of(found[0])

    def refresh(self) -> None:
        """Forget what was derived from files that changed since they were read (the daemon).

        A file whose size or time changed is read again; when it reads to the same facts
        (an edit inside a function body), everything derived still holds; when it reads to
        other facts that no other module reads (see ``_snapshot.only_their_own``), only what
        was derived from it is dropped; else see :meth:`_drop_changed`.
        """
        self.everything()
        changes = DirectoryChanges(self.directories, (*self.roots, *self.installed))
        moved: set[str] = set()
        for package, listed in list(self.packages.items()):
            # A module added or removed under a location: what the locations run changes.
            if changes.touch(package, listed=True):
                now = self.list_package(package)
                moved.update(set(now).symmetric_difference(listed))
                self.packages[package] = now
        for module in moved:
            for table in (self.found, self.sources, self.stamps, self.indexed):
                table.pop(module, None)
        changed = [
            module
            for module, stamp in self.stamps.items()
            if self._current_stamp(module, changes) != stamp
        ]
        refacted: dict[str, tuple[int, int] | None] = {}
        reshaped: list[str] = []
        for module in changed:
            old = self.sources.get(module)
            found = module_file(self.roots, module, self.installed)
            new = None
            stamp = self._stamp(module)  # before the read, as in source()
            if found is not None and found[0] is not None:
                new = self.read_file(found[0], module, is_package=found[1])
            if old is None or new is None:
                self.forget()
                return
            if _facts_of(new) != _facts_of(old):
                refacted[module] = stamp
                if _interface_of(new) != _interface_of(old):
                    reshaped.append(module)
            self.sources[module] = new
            self.stamps[module] = stamp
        if refacted or moved:
            self._drop_changed(refacted, reshaped, moved)
        # Everything under them was looked up again: the next refresh compares with now (a
        # root's time moves with every entry added there, a cache or an editor's file).
        self.directories.update(changes.current)

    def _drop_changed(
        self,
        refacted: dict[str, tuple[int, int] | None],
        reshaped: list[str],
        moved: set[str],
    ) -> None:
        """Drop what was derived from modules whose facts changed (read at their stamps).

        A module no other module reads (user code that builds) is derived again alone, as a
        restored snapshot does it. Else every run is derived again (from the facts of the
        modules, which are kept), and the facts of the changed modules; where a name a
        module binds changed (``reshaped``), or a module came or went (``moved``), so are
        the facts of every module that refers to it, and to those, since their names
        resolve through it. A registration added or renamed under a location so costs the
        runs, not every file read again (which took the daemon about 0.1 s at N = 800).
        """
        from typed_registry._index._snapshot import (  # noqa: PLC0415  # the daemon's only
            only_their_own,
            referrers,
        )

        if not moved and only_their_own(
            self.locations, self.packages, self._texts_spelling(refacted), refacted
        ):
            for module, stamp in refacted.items():
                self.drop_derived(module, stamp)
            self.generation += 1
            return
        stale = set(refacted)
        names_moved = bool(reshaped or moved)
        pending = [*reshaped, *moved]
        while pending:
            found = referrers(self._texts_spelling(pending), pending) - stale - set(pending)
            stale.update(pending)
            pending = list(found)
        for module in stale:
            self.indexed.pop(module, None)
        # What the stale modules' names hold; every name's, when names moved.
        prefixes = ("",) if names_moved else tuple(f"{module}." for module in stale)
        self.registry_vars = {
            name: var for name, var in self.registry_vars.items() if not name.startswith(prefixes)
        }
        self.runs.clear()
        self.location_runs.clear()
        self.digests.clear()
        self.first_registrations.clear()
        # The other modules' steps still hold, when their names resolve as before and the
        # steps are of the generation that ends here.
        steps_hold = not names_moved and self._steps_generation == self.generation
        self.generation += 1
        for module in stale if steps_hold else list(self._module_steps):
            self._module_steps.pop(module, None)
        self._steps_generation = self.generation
        self.dirty = True

    def _texts_spelling(self, modules: Iterable[str]) -> dict[str, str]:
        """The saved texts of the sources that spell a name of ``modules`` (see ``referrers``).

        Each text is kept with the names it spells while its source is the one read: the
        daemon asks after every edit, and a search of every text cost 3 ms at N = 800.
        """
        from typed_registry._index._snapshot import (  # noqa: PLC0415  # the daemon's only
            source_text,
            spelling,
            spelt_names,
        )

        wanted = {spelling(module) for module in modules}
        texts: dict[str, str] = {}
        for module, source in self.sources.items():
            kept = self._texts.get(module)
            if kept is None or kept[0] is not source:
                text = source_text(source)
                kept = self._texts[module] = (source, text, spelt_names(text))
            if not wanted.isdisjoint(kept[2]):
                texts[module] = kept[1]
        return texts

    def forget(self) -> None:
        """Drop what was read (the daemon calls this when files may have changed)."""
        self.generation += 1
        self._texts.clear()
        self._pending = self._saved = self.lookups_to_save = None
        self._pending_sources = self._saved_sources = None
        self.registry_vars.clear()
        self.digests.clear()
        self.first_registrations.clear()
        self.found.clear()
        self.packages.clear()
        self.directories.clear()
        self.sources.clear()
        self.stamps.clear()
        self.indexed.clear()
        self.runs.clear()
        self.location_runs.clear()

    # -- names ---------------------------------------------------------------------------------

    def resolve(self, module: str, reference: str, depth: int = 0) -> Resolved:
        """What ``reference`` (``a`` or ``a.b.c``) means in ``module``."""
        head, *rest = reference.split(".")
        current = self._resolve_name(module, head, depth)
        for part in rest:
            current = self._member(current, part, depth)
        return current

    def _resolve_name(self, module: str, name: str, depth: int) -> Resolved:  # noqa: PLR0911  # one return per kind of binding
        source = self.source(module)
        if source is None or depth > _MAX_DEPTH:
            return Resolved(f"{module}.{name}", is_module=False, known=False)
        binding = source.bindings.get(name)
        if binding is None:
            for star in source.star_imports:
                star_source = self.source(star)
                if star_source is not None and (
                    name in star_source.bindings or star_source.star_imports
                ):
                    found = self._resolve_name(star, name, depth + 1)
                    if found.known or name in star_source.bindings:
                        return found
            return Resolved(f"{module}.{name}", is_module=False, known=False)
        kind = binding[0]
        if kind == "module":
            return Resolved(binding[1], is_module=True, known=self.source(binding[1]) is not None)
        if kind == "from":
            base = Resolved(binding[1], is_module=True, known=self.source(binding[1]) is not None)
            return self._member(base, binding[2], depth + 1)
        if kind == "alias":
            return self.resolve(module, binding[1], depth + 1)
        return Resolved(f"{module}.{name}", is_module=False, known=True)

    def _member(self, base: Resolved, name: str, depth: int) -> Resolved:
        if not base.is_module:
            return Resolved(f"{base.fullname}.{name}", is_module=False, known=base.known)
        source = self.source(base.fullname)
        if source is not None and (name in source.bindings or source.star_imports):
            found = self._resolve_name(base.fullname, name, depth + 1)
            if found.known or name in source.bindings:
                return found
        submodule = f"{base.fullname}.{name}"
        if self.source(submodule) is not None:
            return Resolved(submodule, is_module=True, known=True)
        return Resolved(submodule, is_module=False, known=False)

    def is_registry_class(self, resolved: Resolved, depth: int = 0) -> bool:
        """Whether a resolved name is Registry or a subclass of it defined in the project."""
        if resolved.fullname in REGISTRY_CLASSES:
            return True
        if not resolved.known or resolved.is_module or depth > _MAX_DEPTH:
            return False
        module, _, name = resolved.fullname.rpartition(".")
        source = self.source(module)
        if source is None or name not in source.bases:
            return False
        return any(
            self.is_registry_class(self.resolve(module, base), depth + 1)
            for base in source.bases[name]
        )

    def _has_constructor(self, resolved: Resolved, depth: int = 0) -> bool:
        """Whether a Registry subclass of the project (or a base of it) defines __init__."""
        if resolved.fullname in REGISTRY_CLASSES or not resolved.known or depth > _MAX_DEPTH:
            return False
        module, _, name = resolved.fullname.rpartition(".")
        source = self.source(module)
        if source is None:
            return False
        if name in source.constructors:
            return True
        return any(
            self._has_constructor(self.resolve(module, base), depth + 1)
            for base in source.bases.get(name, [])
        )

    def registry_var(self, fullname: str) -> str | None:
        """The canonical registry variable that ``fullname`` holds (through aliases).

        Remembered (and saved with the facts): the checks ask it of every registry they
        meet, and answering it reads sources, which a warm run otherwise never loads.
        """
        if self._pending is not None:
            self.loaded()
        if fullname not in self.registry_vars:
            self.registry_vars[fullname] = self._registry_var(fullname, 0)
            self.dirty = True
        return self.registry_vars[fullname]

    def _registry_var(self, fullname: str, depth: int) -> str | None:
        module, _, name = fullname.rpartition(".")
        if not module or self.source(module) is None:
            return None
        resolved = self.resolve(module, name)
        owner, _, var = resolved.fullname.rpartition(".")
        # From the owner's source, not its index: indexing a module resolves its
        # registrations' registries, and two modules that register into each other's
        # registries would otherwise each see the other half-indexed (with no registries),
        # depending on which is indexed first.
        owner_source = self.source(owner) if owner else None
        if owner_source is None:
            return None
        if any(
            raw.var == var and self.is_registry_class(self.resolve(owner, raw.callee))
            for raw in owner_source.registries
        ):
            return resolved.fullname
        binding = owner_source.bindings.get(var)
        if binding is not None and binding[0] == "annotated" and depth < _MAX_DEPTH:
            target = self.resolve(owner, binding[1])
            return self._registry_var(target.fullname, depth + 1) if target.known else None
        return None

    # -- one module ----------------------------------------------------------------------------

    def module(self, module: str) -> ModuleIndex | None:
        """``module``'s facts with names resolved, or None when it is not in the project."""
        if self._pending is not None:
            self.loaded()
        saved = self._saved
        if module in self.indexed or (
            saved is not None and _take(saved.indexed, module, saved.index_of, self.indexed)
        ):
            return self.indexed[module]
        # A module looked up and not found: no source to load for that.
        source = self.source(module) if self.is_module(module) else None
        if source is None:
            return None
        self.dirty = True
        self.indexed[module] = ModuleIndex(ModuleFacts())  # a cycle reads it as empty
        self.indexed[module] = indexed = self._index_module(source)
        return indexed

    def _index_module(self, source: ModuleSource) -> ModuleIndex:
        module = source.module
        specs: list[RegistrySpec] = []
        created = [
            raw
            for raw in source.registries
            if self.is_registry_class(self.resolve(module, raw.callee))
        ]
        own = {f"{module}.{raw.var}" for raw in created}
        for raw in created:
            if self._has_constructor(self.resolve(module, raw.callee)):
                # A subclass with its own __init__ takes other arguments: nothing is known
                # of its name, scope or parent, so nothing is concluded from it.
                specs.append(
                    RegistrySpec(f"{module}.{raw.var}", "?", None, "?", (), "custom", raw.line)
                )
                continue
            parent = None
            if raw.parent is not None:
                parent = self._registry_of(module, raw.parent, own) or "?"
            specs.append(
                RegistrySpec(
                    var=f"{module}.{raw.var}",
                    name=raw.name,
                    scope=raw.scope,
                    parent=parent,
                    locations=raw.locations,
                    build_func=self._build_func(module, raw.build_func),
                    line=raw.line,
                )
            )
        registrations: list[Registration] = []
        order: list[Registration | None] = []
        invalid: list[tuple[int, str]] = []
        for item in source.registrations:
            registry = self._registry_of(module, item.registry, own)
            if registry is None:
                order.append(None)
                continue
            target = None
            names = item.names
            if item.target is not None:
                resolved = self.resolve(module, item.target)
                target = resolved.fullname if not resolved.is_module else None
                if item.named_after_target:
                    # ``module=S`` after ``import Shared as S`` registers "Shared".
                    names = (resolved.fullname.rpartition(".")[2],)
            registrations.append(
                Registration(
                    registry,
                    names,
                    item.force,
                    target,
                    module,
                    item.line,
                    item.branch,
                    item.undecorated,
                )
            )
            order.append(registrations[-1])
            if item.invalid is not None:
                invalid.append((item.line, item.invalid))
        dynamic: list[tuple[str, int]] = []
        if source.syntax_error:
            dynamic.append((ANY_REGISTRY, source.syntax_error[0]))
        for ref, line in source.dynamic:
            registry = self._registry_of(module, ref, own)
            if registry is not None:
                dynamic.append((registry, line))
        config_params = {
            f"{module}.{owner}": {
                param: registry
                for param, ref in params.items()
                if (registry := self._registry_of(module, ref, own)) is not None
            }
            for owner, params in source.config_params.items()
        }
        return ModuleIndex(
            ModuleFacts(tuple(specs), tuple(registrations)),
            tuple(dynamic),
            tuple(invalid),
            {owner: params for owner, params in config_params.items() if params},
            tuple(order),
        )

    def _build_func(self, module: str, written: str | None) -> str | None:
        """A registry's ``build_func`` as stored (see ``_builders``), from the reader's form.

        The reader writes ``"default"`` for a name ``build_from_cfg`` and
        ``"custom:<reference>"`` for anything else; the reference is resolved here, so a
        known builder (MMEngine's ``build_model_from_cfg``) is recognised by what it is.
        """
        if written is None:
            return None
        reference = "build_from_cfg" if written == DEFAULT else written.partition(":")[2]
        if reference == "?":  # not a name (a lambda, a call)
            return builder_kind(None)
        resolved = self.resolve(module, reference)
        if written == DEFAULT and not resolved.known and resolved.fullname not in KNOWN_BUILDERS:
            # A build_from_cfg whose source is not read: the default, as its name says.
            return DEFAULT
        return builder_kind(resolved.fullname)

    def _registry_of(self, module: str, reference: str, own: Iterable[str] = ()) -> str | None:
        resolved = self.resolve(module, reference)
        if resolved.fullname in own:
            return resolved.fullname
        return self.registry_var(resolved.fullname) if resolved.known else None

    # -- what runs ---------------------------------------------------------------------------

    def closure(self, module: str) -> tuple[str, ...]:
        """The project modules that running ``module`` imports, in execution order.

        Importing ``a.b.c`` runs ``a``, then ``a.b``, then ``a.b.c``; a module's imports run
        where they are written; a module already imported is not run again.
        """
        return self.run(module).modules

    def run(self, module: str) -> Run:
        """What running ``module`` runs: modules, and registrations in execution order."""
        if self._pending is not None:
            self.loaded()
        saved = self._saved
        if saved is not None and module not in self.runs:
            _take(saved.runs, module, self._run_of, self.runs)
        cached = self.runs.get(module)
        if cached is None:
            cached = self.runs[module] = self._new_run(module)
            self.dirty = True
        return cached

    def _new_run(self, module: str) -> Run:
        # Running ``a.b.c`` runs ``a.b`` first, exactly as running ``a.b`` does: go on from
        # that run (a package's modules share it; visiting it again for each of them cost
        # thousands of visits per module in a published project).
        package = module.rpartition(".")[0]
        before = self.run(package).going_on() if package else None
        if before is None:
            run = Run()
            self._visit(module, set(), run)
            return run.frozen()
        run, seen = before
        if package in seen and package not in run.module_list:
            return run.frozen()  # the package is not in the project: neither is the module
        self._visit(module, seen, run)
        return run.frozen()

    def _visit(self, module: str, seen: set[str], run: Run) -> None:
        parts = module.split(".")
        for index in range(1, len(parts) + 1):
            name = ".".join(parts[:index])
            if name in seen:
                continue
            seen.add(name)
            steps = self._steps(name)
            if steps is None:
                run.missed.append(name)
                return
            indexed, events = steps
            for event in events:
                if isinstance(event, str):
                    self._visit(event, seen, run)
                else:
                    run.registrations.append(event)
            run.module_list.append(name)
            run.ran(indexed)

    def _steps(self, module: str) -> _Steps | None:
        """What running ``module`` does: its registrations and the imports it runs, in order.

        None when it is not in the project. A project's runs visit each module once per
        module they are asked for (thousands of times in a published package), so each
        module's events are resolved once per generation of the index, not on every visit.
        """
        if self._steps_generation != self.generation:
            self._steps_generation = self.generation
            self._module_steps.clear()
        if module in self._module_steps:
            return self._module_steps[module]
        source = self.source(module)
        indexed = self.module(module)
        found: _Steps | None = None
        if source is not None and indexed is not None:
            events: list[Registration | str] = []
            for event in source.events:
                kind = event[0]
                if kind == "register":
                    registration: Registration | None = indexed.order[int(event[1])]
                    if registration is not None:
                        events.append(registration)
                elif kind == "import" or (kind == "import?" and self.source(event[1]) is not None):
                    events.append(event[1])
            found = (indexed, tuple(events))
        self._module_steps[module] = found
        return found

    def location_closure(self, extra: Iterable[str] = ()) -> tuple[str, ...]:
        """The modules that importing every location (settings and ``locations=``) runs."""
        return self.location_run(extra).modules

    def location_run(self, extra: Iterable[str] = ()) -> Run:
        """What importing every location runs, in order (as lookups import them).

        The settings' locations come first, then ``extra`` (the ``locations=`` of the
        registries a module sees), then those of the registries these modules create.
        """
        if self._pending is not None:
            self.loaded()
        # In the order given, as a registry imports its locations (sorting them would let a
        # forced registration in the first lose to one in the second).
        key = tuple(dict.fromkeys((*self.locations, *extra)))
        saved = self._saved
        if saved is not None and key not in self.location_runs:
            _take(saved.location_runs, key, saved.location_run_of, self.location_runs)
        found = self.location_runs.get(key)
        if found is None:
            seen: set[str] = set()
            run = Run()
            pending = list(key)
            done: set[str] = set()
            while pending:
                location = pending.pop(0)
                if location in done:
                    continue
                done.add(location)
                start = len(run.module_list)
                for module in self._package_modules(location):
                    self._visit(module, seen, run)
                for indexed in self.modules(run.module_list[start:]):
                    for spec in indexed.facts.registries:
                        pending.extend(spec.locations)
            found = self.location_runs[key] = run.frozen()
            self.dirty = True
        return found

    def _package_modules(self, location: str) -> list[str]:
        """A location and, for a package, every module under it on disk (remembered)."""
        found = self.packages.get(location)
        if found is None:
            found = self.packages[location] = self.list_package(location)
            self.dirty = True
        return found

    def list_package(self, location: str) -> list[str]:
        """A location and, for a package, every module under it on disk (sorted).

        Every directory it reads is noted in :attr:`directories`.
        """
        found, directories = find_module(self.roots, location, self.installed)
        self._note_directories(directories)
        if found is None:
            return []
        if not found[1]:
            return [location]
        directory = None
        for root in [*self.roots, *installed_roots(self.installed, location)]:
            candidate = os.path.join(root, *location.split("."))
            if os.path.isdir(candidate):
                directory = candidate
                break
        if directory is None:  # pragma: no cover - a package is a directory
            return [location]
        files: list[tuple[str, ...]] = []
        self._walk(directory, (), files)
        modules = [location]
        for parts in sorted(files):  # the order of their paths' parts, file names with ".py"
            name = parts[-1][:-3]
            module_parts = parts[:-1] if name == "__init__" else (*parts[:-1], name)
            if module_parts and all(part.isidentifier() for part in module_parts):
                modules.append(".".join([location, *module_parts]))
        return modules

    def _walk(self, directory: str, prefix: tuple[str, ...], files: list[tuple[str, ...]]) -> None:
        """Collect the ``.py`` files under ``directory`` as name parts, noting each directory."""
        self.directories.setdefault(directory, directory_stamp(directory))  # before reading it
        try:
            entries = list(os.scandir(directory))
        except OSError:  # pragma: no cover - removed or unreadable while being listed
            return
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):  # as rglob: no link to a directory
                self._walk(entry.path, (*prefix, entry.name), files)
            elif entry.name.endswith(".py") and entry.is_file():
                files.append((*prefix, entry.name))

    def unreadable(self, modules: Iterable[str]) -> list[tuple[str, int, str]]:
        """The modules among ``modules`` whose source does not parse: (file, line, message)."""
        found: list[tuple[str, int, str]] = []
        for module in modules:
            source = self.source(module)
            if source is not None and source.syntax_error:
                line, message = source.syntax_error
                # A module that was read has a file (a namespace package reads as no error).
                path = cast("tuple[Path, bool]", module_file(self.roots, module, self.installed))[0]
                found.append((str(path), line, message))
        return found

    def location_modules(self) -> tuple[str, ...]:
        """Every module under the settings' locations on disk."""
        return tuple(
            dict.fromkeys(m for location in self.locations for m in self._package_modules(location))
        )

    @staticmethod
    def facts_digest(source: ModuleSource) -> str:
        """A short digest of what the index read of a module (the daemon compares it)."""
        facts = _facts_of(source).encode()
        return hashlib.sha1(facts, usedforsecurity=False).hexdigest()[:16]

    def modules(self, names: Iterable[str]) -> list[ModuleIndex]:
        """The indexed modules among ``names``, in order (those outside the project left out)."""
        return [indexed for name in names if (indexed := self.module(name)) is not None]


def _take(table: dict[_K, Any], key: _K, convert: Callable[[Any], _V], into: dict[_K, _V]) -> bool:
    """Move the saved entry ``key`` of ``table``, converted, into ``into``; whether it did.

    A damaged entry is dropped: whoever asked for it derives it again.
    """
    if key not in table:
        return False
    try:
        into[key] = convert(table.pop(key))
    except _DAMAGED:
        return False
    return True


def _stamp_of(path: Path | str) -> tuple[int, int] | None:
    """A file's size and modification time, None when it cannot be read."""
    stamp = file_stamp(path)
    return None if stamp == (-1, -1) else stamp


def _text(path: Path | None) -> str | None:
    return None if path is None else str(path)


def _facts_of(source: ModuleSource) -> str:
    """A source's facts in one comparable form (its JSON, as a snapshot stores it)."""
    return json.dumps(source.to_json(), sort_keys=True)


def _interface_of(source: ModuleSource) -> str:
    """What other modules' facts read of a source: the names it binds, its registries."""
    data = source.to_json()
    return json.dumps([data[key] for key in _INTERFACE], sort_keys=True)


#: The parts of a source that resolving another module's names reads.
_INTERFACE = ("is_package", "bindings", "star_imports", "registries", "bases", "constructors")
