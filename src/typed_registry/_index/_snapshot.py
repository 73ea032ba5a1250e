"""What a :class:`~._project.ProjectIndex` derived, kept between runs while it stays true.

A warm mypy run asks the index about every module again. Reading every file and resolving
every name again costs a few hundred milliseconds on a project of 800 modules, as much as
mypy's own warm run. So the index saves what it derived (where each module was found, what
the reader found in it, the resolved facts, the runs) and the next run restores it after
checking that it still holds: every module is found where it was (or still not found), the
packages of the locations list the same modules, and every file either has the same size
and modification time or reads to exactly the same facts (an edit inside a function body
does not change them). While every directory whose entries decided those lookups has the
modification time it had before it was read, the lookups are not made again (only those
made in a directory that changed are): a check of a warm run then costs one ``stat`` per
file. Anything else: the snapshot is dropped and everything is derived again, except what
each unchanged file reads to, which the dropped snapshot still gives (by content digest).
A damaged or foreign snapshot reads as none.

The snapshot is three files: a small one (the lookups, every file's stamp, a digest of what
each file reads to and of its content, the plugin's digests), the facts (what was resolved:
each module's registrations and registries, the runs), which most of a warm run never needs
(mypy asks the plugin for every module's digest, but checks only the modules that changed),
and the sources (what the reader found), which only resolving names again needs. Each is
loaded when the index first needs it, and each entry is converted when first asked for.

Each file's first line checks the rest: the small one's is a CRC-32 of its body, each side
file's is its name in the small file, a digest of its body (which tells another run's file
from this one's) ending in a CRC-32 of it. A load computes only the CRC-32 of the bytes it
read (0.2 ms for the 0.9 MB of facts of an 800-module project, where a SHA-256 costs 0.5 ms):
a file damaged anywhere, even by a few bytes that leave it of the right form, is not taken.
Only regular files are read: the plugin writes nothing else, and a link to ``/dev/zero`` or
a named pipe would never end.

The plugin's digests (what each module's checks read from the index) are derived from those
facts alone, so they hold with them: after an edit inside a function body, a run restores
every digest and derives nothing, and then writes only the snapshot's small file, with the
edited file's new stamp (see :func:`save_changes`).
"""

from __future__ import annotations

import hashlib
import json
import operator
import os
import re
import stat
import zlib
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from typed_registry._index._facts import (
    FACTS_VERSION,
    ModuleFacts,
    registration_from_row,
    registration_row,
    spec_from_row,
    spec_row,
)
from typed_registry._index._files import (
    READER_VERSION,
    DirectoryChanges,
    file_stamp,
    module_file,
)
from typed_registry._index._installed import known as participating_packages
from typed_registry._index._installed import seed as seed_participating
from typed_registry._index._reader import ModuleSource

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from typed_registry._index._project import (
        ModuleIndex,
        ProjectIndex,
        Run,
        SavedFacts,
        SavedSources,
    )

#: What reading a snapshot that is missing, damaged or of another form raises (AttributeError:
#: a value of another type where the snapshot holds a dict).
_UNREADABLE = (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError)

#: Part of the snapshot's name: bump it when the form below changes.
SNAPSHOT_VERSION = f"8.{READER_VERSION}"

#: How a snapshot file is opened: never through a link, never waiting on a pipe's writer.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def save_changes(index: ProjectIndex, path: Path) -> None:
    """Save ``index`` to ``path`` if it derived something since its restore or last save.

    If it derived nothing but its restore read files again that had changed and still read
    to the same facts, only the snapshot's small file is written, with those files' new
    stamps: else every later run would read them again, more of them after each edit.
    """
    if index.dirty:
        save(index, path)
    elif index.lookups_to_save is not None:
        try:
            write_atomically(path, snapshot_text(json.dumps(index.lookups_to_save)))
        except OSError:
            return
        index.lookups_to_save = None


def save(index: ProjectIndex, path: Path) -> None:
    """Write what ``index`` derived to ``path`` and the files it names (atomically).

    The facts (what was resolved) and the sources (what was read, most of the size) go to
    files of their own, which a restore loads only when something needs them; ``path`` names
    each by a digest of its content, which the file's first line repeats, so a file that
    another run wrote since is never taken for this one's; the name ends in the CRC-32 that
    a load checks the rest against (see the module's docstring). A file that cannot be
    written leaves the snapshot as it was.
    """
    # The entries a restore left as saved are written back as they are: converting all of
    # them to write them again cost a run after a function added to a user module 0.1 s at
    # N = 800, as much as the rest of its plugin's work. They still hold (a restore drops
    # what changed, and a run saved after its package's is checked against it on load).
    saved = index.unconverted()
    places = _registration_places(index)
    source_texts = {module: source_text(source) for module, source in index.sources.items()}
    for module, text in saved.sources.items():
        source_texts.setdefault(module, text)  # else read again since: the newer
    facts = facts_text(
        {
            "indexed": {
                **saved.indexed,
                **{
                    module: json.dumps(_index_json(indexed))
                    for module, indexed in index.indexed.items()
                },
            },
            "runs": {
                **saved.runs,
                **{
                    module: json.dumps(_run_json(places, run, _base_run(index, module, run)))
                    for module, run in index.runs.items()
                },
            },
            "location_runs": [
                [list(key), text]
                for key, text in {
                    **saved.location_runs,
                    **{
                        key: json.dumps(_location_run_json(run))
                        for key, run in index.location_runs.items()
                    },
                }.items()
            ],
            "registry_vars": index.registry_vars,
        }
    )
    sources = sources_text(source_texts)
    data = {
        "version": SNAPSHOT_VERSION,
        "roots": [str(root) for root in index.roots],
        "installed": [str(root) for root in index.installed],
        "locations": list(index.locations),
        "found": {
            module: None if found is None else [found[0], found[1], *_saved_stamp(index, module)]
            for module, found in index.found.items()
        },
        "packages": index.packages,
        "directories": index.directories,
        "read": {module: _digest(text) for module, text in source_texts.items() if text != "null"},
        "digests": index.digests,
        "first_registrations": sorted(index.first_registrations),
        "contents": {
            module: index.contents[module] for module in source_texts if module in index.contents
        },
        "facts": side_file_name(facts),
        "sources": side_file_name(sources),
        "participating": participating_packages(),
    }
    try:
        # First: a snapshot never names files not yet written.
        write_atomically(facts_path(path), f"{data['facts']}\n{facts}")
        write_atomically(sources_path(path), f"{data['sources']}\n{sources}")
        write_atomically(path, snapshot_text(json.dumps(data)))
    except OSError:
        return
    index.dirty = False  # as ProjectIndex.dirty says: derived since the last save
    index.lookups_to_save = None  # written with everything else


def facts_text(data: dict[str, Any]) -> str:
    """The facts file's form of ``data`` (each entry of its tables a JSON text already).

    A JSON line of what is small (the registry variables), then one line per entry,
    ``table<TAB>key<TAB>JSON``: a load splits the lines without parsing them, and each entry
    is parsed when first asked for (a warm run asks for a few; parsing the whole file as
    JSON cost it several milliseconds).
    """
    lines = [json.dumps({"registry_vars": data["registry_vars"]})]
    for table in ("indexed", "runs"):
        lines.extend(f"{table}\t{key}\t{text}" for key, text in data[table].items())
    lines.extend(f"location_runs\t{','.join(key)}\t{text}" for key, text in data["location_runs"])
    return "\n".join(lines)


def facts_data(text: str) -> dict[str, Any]:
    """Read :func:`facts_text`'s form (the entries left as JSON texts).

    Raises:
        ValueError: A line is not of that form (KeyError: of a table it does not have).
    """
    head, *entries = text.split("\n")
    data: dict[str, Any] = {
        "registry_vars": json.loads(head)["registry_vars"],
        "indexed": {},
        "runs": {},
        "location_runs": [],
    }
    for line in entries:
        table, key, entry = line.split("\t", 2)
        if table == "location_runs":
            data[table].append([key.split(",") if key else [], entry])
        else:
            data[table][key] = entry
    return data


def sources_text(texts: dict[str, str]) -> str:
    """The sources file's form of ``texts`` (module -> the JSON text of its saved source).

    One line per module, ``module<TAB>JSON`` (``null``: no source), as the facts file: a
    load splits the lines, and each source is parsed when first asked for, while
    :func:`only_their_own` searches the texts without parsing most of them.
    """
    return "\n".join(f"{module}\t{text}" for module, text in texts.items())


def sources_data(text: str) -> dict[str, str]:
    """Read :func:`sources_text`'s form (each source left as its JSON text).

    Raises:
        ValueError: A line is not of that form.
    """
    entries: dict[str, str] = {}
    for line in text.split("\n") if text else ():
        module, tab, entry = line.partition("\t")
        if not tab:
            raise ValueError(line)
        entries[module] = entry
    return entries


def facts_path(path: Path) -> Path:
    """Where the snapshot at ``path`` keeps its facts."""
    return path.with_name(f"{path.stem}-facts.json")


def sources_path(path: Path) -> Path:
    """Where the snapshot at ``path`` keeps its sources."""
    return path.with_name(f"{path.stem}-sources.json")


def side_file_name(text: str) -> str:
    """The name of a side file of content ``text``: a digest of it, then its CRC-32."""
    return f"{_digest(text)}{_crc(text.encode())}"


def snapshot_text(text: str) -> str:
    """The small file's form of ``text`` (its JSON): a line of the CRC-32 of ``text``, then it."""
    return f"{_crc(text.encode())}\n{text}"


def _crc(body: bytes) -> str:
    return f"{zlib.crc32(body):08x}"


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` at once (a parallel run never reads half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    # A file of that name is what a crashed run of this process id left, or not the plugin's
    # (a link): replaced, never written through.
    temporary.unlink(missing_ok=True)
    with temporary.open("xb") as file:  # bytes: exactly what the CRC-32 was taken of
        file.write(text.encode())
    temporary.replace(path)  # atomic: a parallel run never reads half a file


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def source_text(source: ModuleSource | None) -> str:
    """A source's saved form, a JSON text (``null``: no source).

    What the sources file holds, and what the snapshot's digest of what a file read to is
    taken of: one form for both, or a file read again would never match its digest.
    """
    return "null" if source is None else json.dumps(source.to_json())


def _source_digest(source: ModuleSource) -> str:
    return _digest(source_text(source))


def _read_regular(path: Path) -> bytes:
    """The bytes of ``path``; OSError unless it is a regular file (not a link to one either)."""
    descriptor = os.open(path, _OPEN_FLAGS)
    with open(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(f"{path}: not a regular file")
        return file.read()


def read_checked(path: Path) -> Any:  # noqa: ANN401  # saved JSON
    """The small file's JSON; ValueError unless its first line is the CRC-32 of the rest."""
    check, _, body = _read_regular(path).partition(b"\n")
    if check != _crc(body).encode():
        raise ValueError(path)  # damaged
    return json.loads(body)


def restore(index: ProjectIndex, path: Path) -> bool:
    """Load a snapshot into ``index`` if it still holds; return whether it did.

    The facts are left for the index to load when it first needs them (see
    :meth:`ProjectIndex.restore`); if they turn out damaged or replaced, the index derives
    them again from the files, which the snapshot just showed unchanged in what they say.

    A snapshot whose lookups all hold, but where a module other modules read now reads to
    other facts (a registration added under a location), gives the index what was looked
    up and read (every module where it was, what each unchanged file says) and only its
    facts are derived again: this returns False, as for a snapshot that does not hold.
    Where only registrations changed (no name bound, import, registry or parameter), the
    facts of the other modules are kept too, and the digests of the modules whose source
    spells none of the names they register (see ``ProjectIndex.drop_for_names``): a name
    renamed under a location no longer derives every module's digest again.
    """
    try:
        data = read_checked(path)
        # Which installed packages are read, decided in an earlier run: it holds while each
        # directory's stamp does, whether the rest holds or not.
        seed_participating(data.get("participating"))
        reread: dict[str, ModuleSource] = {}
        changed: dict[str, tuple[ModuleSource, list[int]]] = {}
        # Loaded once at most, by whichever needs it first (a 1 MB parse at N = 800).
        sources_file = cache(partial(_load_sources, sources_path(path), data.get("sources")))
        read_holds = _still_true(index, data, reread, changed)
        if read_holds and _only_their_own(index, data, changed, sources_file):
            _restore(index, data, path, sources_file, reread=reread, changed=changed, derived=True)
        elif read_holds and (names := _registered_only(changed, sources_file)) is not None:
            _restore(index, data, path, sources_file, reread=reread, changed=changed, derived=True)
            saved = sources_file()
            assert saved is not None  # names were found in it
            index.drop_for_names(names, _spelling(saved.entries, names))
            return False  # not all of it holds
        elif read_holds and sources_file() is not None:
            _restore(index, data, path, sources_file, reread=reread, changed=changed, derived=False)
            return False
        else:
            _seed(index, data, sources_file)
            return False
    except _UNREADABLE:
        return False
    if reread:
        index.lookups_to_save = data
    return True


def _restore(  # noqa: PLR0913  # what restore found, part by part
    index: ProjectIndex,
    data: dict[str, Any],
    path: Path,
    sources_file: Callable[[], SavedSources | None],
    *,
    reread: dict[str, ModuleSource],
    changed: dict[str, tuple[ModuleSource, list[int]]],
    derived: bool,
) -> None:
    """Give ``index`` what ``data`` holds of what was looked up and read.

    And if ``derived``, what was derived from it (else it is derived again); the modules
    in ``changed`` now read to other facts than saved, and are derived from their new
    sources.
    """
    keys = ("digests", "directories", "read", "contents")
    if not all(isinstance(data[key], dict) for key in keys):
        raise TypeError(keys)
    facts, sources = data["facts"], data["sources"]
    if not isinstance(facts, str) or not isinstance(sources, str):
        raise TypeError("facts")
    found: dict[str, tuple[str | None, bool] | None] = {}
    stamps: dict[str, tuple[int, int] | None] = {}
    for module, entry in data["found"].items():
        found[module] = None if entry is None else (entry[0], bool(entry[1]))
        stamp = None if entry is None or entry[0] is None else (int(entry[2]), int(entry[3]))
        stamps[module] = None if stamp == (-1, -1) else stamp
    index.restore(
        found=found,
        stamps=stamps,
        packages=_packages_from(data["packages"]),
        directories=data["directories"],
        digests=data["digests"] if derived else {},
        first_registrations=set(_module_names(data["first_registrations"])) if derived else set(),
        contents=data["contents"],
        facts=partial(_load_facts, facts_path(path), facts) if derived else _no_facts,
        sources=sources_file,
        reread={**reread, **{module: source for module, (source, _) in changed.items()}},
    )
    for module, (_, read_at) in changed.items():
        if derived:
            index.drop_derived(module, (read_at[0], read_at[1]))  # as saved: (-1, -1) for none
        else:
            index.stamps[module] = (read_at[0], read_at[1])
    if not derived:
        index.dirty = True  # everything derived again is saved


def _no_facts() -> SavedFacts | None:
    return None


def _load_facts(path: Path, digest: str) -> SavedFacts | None:
    """The facts file's content, if it is the one the snapshot names and reads whole."""
    from typed_registry._index._project import SavedFacts  # noqa: PLC0415  # a cycle

    try:
        data = facts_data(_load_checked(path, digest))
        registry_vars: dict[str, object] = dict(data["registry_vars"])
        if not all(isinstance(var, str | None) for var in registry_vars.values()):
            raise TypeError("registry_vars")
        return SavedFacts(
            indexed=dict(data["indexed"]),
            runs=dict(data["runs"]),
            location_runs={tuple(key): raw for key, raw in data["location_runs"]},
            registry_vars=cast("dict[str, str | None]", registry_vars),
            index_of=_index_from,
            location_run_of=_location_run_from,
        )
    except _UNREADABLE:
        return None


def _load_sources(path: Path, digest: str) -> SavedSources | None:
    """The sources file's content, if it is the one the snapshot names and reads whole."""
    from typed_registry._index._project import SavedSources  # noqa: PLC0415  # a cycle

    try:
        return SavedSources(sources_data(_load_checked(path, digest)), _source_from)
    except _UNREADABLE:
        return None


def _load_checked(path: Path, name: str) -> str:
    """The text of ``path``; ValueError unless it is the one named ``name``, undamaged.

    Its first line must be ``name`` (else another run wrote it since), and the rest must have
    the CRC-32 that ``name`` ends in (else it was damaged; UnicodeDecodeError: no UTF-8).
    """
    head, _, body = _read_regular(path).partition(b"\n")
    if head != name.encode() or _crc(body) != name[-8:]:
        raise ValueError(path)
    return body.decode("utf-8")


def _seed(
    index: ProjectIndex, data: dict[str, Any], sources_file: Callable[[], SavedSources | None]
) -> None:
    """Hand what each file read to in a snapshot that no longer holds to ``index``.

    Only the files whose content changed are then parsed again (a registration added to
    one module drops the snapshot, not what the other 800 files say).
    """
    if data.get("version") != SNAPSHOT_VERSION:
        return  # another reader's sources
    saved = sources_file()
    if saved is None:
        return
    for module, digest in data["contents"].items():  # modules read: each has a source
        index.seed(module, str(digest), ModuleSource.from_json(json.loads(saved.entries[module])))


def _source_from(text: str) -> ModuleSource | None:
    raw = json.loads(text)
    return None if raw is None else ModuleSource.from_json(raw)


def _still_true(
    index: ProjectIndex,
    data: dict[str, Any],
    reread: dict[str, ModuleSource],
    refacted: dict[str, tuple[ModuleSource, list[int]]],
) -> bool:
    """Whether the snapshot holds, but for the files in ``refacted``.

    Every file must be found where it was. The stamp of a file that changed and still reads
    to the same facts is updated in ``data`` (taken before the file is read again), and what
    it read to goes into ``reread``; a file that reads to other facts goes into ``refacted``,
    with the stamp taken before the read (``data`` keeps the old one: if what is derived
    again is never saved, the next run reads the file again), for
    :func:`_only_their_own` to decide.
    """
    if (
        data.get("version") != SNAPSHOT_VERSION
        or data["roots"] != [str(root) for root in index.roots]
        or data["installed"] != [str(root) for root in index.installed]
        or data["locations"] != list(index.locations)
    ):
        return False
    # A directory whose entries are unchanged answers every lookup in it as it did: only
    # the modules and packages looked up in a changed one (a file added beside them, say)
    # are looked up again.
    changed = DirectoryChanges(data["directories"], (*index.roots, *index.installed))
    for module, entry in data["found"].items():
        if changed.touch(module, listed=False):
            found = module_file(index.roots, module, index.installed)
            if (found is None) != (entry is None):
                return False
            if found is not None and [_path(found[0]), found[1]] != entry[:2]:
                return False
        if entry is None or entry[0] is None:
            continue
        if not isinstance(entry[0], str):
            return False
        stamp = list(file_stamp(entry[0]))
        if stamp != entry[2:]:
            source = index.read_file(Path(entry[0]), module, is_package=bool(entry[1]))
            if _source_digest(source) != data["read"].get(module):
                refacted[module] = (source, stamp)
                continue
            entry[2:] = stamp
            reread[module] = source
    return all(
        index.list_package(location) == listed
        for location, listed in data["packages"].items()
        if changed.touch(location, listed=True)
    )


def _only_their_own(
    index: ProjectIndex,
    data: dict[str, Any],
    changed: dict[str, tuple[ModuleSource, list[int]]],
    sources_file: Callable[[], SavedSources | None],
) -> bool:
    """:func:`only_their_own` for a snapshot: which modules read which, from its sources.

    The saved sources are loaded only when a file reads to other facts.
    """
    if not changed:
        return True
    saved = sources_file()
    if saved is None:
        return False
    sources: dict[str, str] = {
        **saved.entries,
        **{module: source_text(source) for module, (source, _) in changed.items()},
    }
    packages = {location: _module_names(listed) for location, listed in data["packages"].items()}
    return only_their_own(index.locations, packages, sources, changed)


def _registered_only(
    changed: dict[str, tuple[ModuleSource, list[int]]],
    sources_file: Callable[[], SavedSources | None],
) -> set[str] | None:
    """The names whose registrations in the ``changed`` modules changed, if nothing else did.

    None when anything else that other modules' facts or the registries' shapes read
    changed too (an import, a registry, a registration that cannot be listed, a
    ``ConfigFor`` parameter, a name bound in a module others refer to), or when a name
    holds a dot or a quote (see :func:`_spelling`): then every fact is derived again.
    """
    saved = sources_file()
    if saved is None:
        return None
    names: set[str] = set()
    for module, (new, _) in changed.items():
        text = saved.entries.get(module)
        old = None if text is None else saved.source_of(text)
        if old is None or _shape_of(old) != _shape_of(new):
            return None
        # A name bound (a class added beside a registration) changes only what resolves
        # through the module: nothing, when no other module refers to it.
        if _bound(old) != _bound(new) and referrers(saved.entries, [module], first=True):
            return None
        before, after = _by_name(old), _by_name(new)
        if before is None or after is None:
            return None
        names.update(name for name in {*before, *after} if before.get(name) != after.get(name))
    if any(char in name for name in names for char in '."\\'):
        return None
    return names


def _by_name(source: ModuleSource) -> dict[str, list[dict[str, Any]]] | None:
    """A source's registrations by the names they register (None: some cannot be listed).

    Lines included: a duplicate's message names the line of the first registration.
    """
    found: dict[str, list[dict[str, Any]]] = {}
    for registration in source.to_json()["registrations"]:
        if registration["names"] is None:
            return None
        for name in registration["names"]:
            found.setdefault(name, []).append(registration)
    return found


def _shape_of(source: ModuleSource) -> list[Any]:
    """What of a source is neither its registrations nor its names (see :func:`_bound`)."""
    data = source.to_json()
    imports = [event for event in data["events"] if event[0] != "register"]
    kept = ("is_package", "star_imports", "registries")
    return [imports, data["dynamic"], data["config_params"], *(data[key] for key in kept)]


def _bound(source: ModuleSource) -> list[Any]:
    """The names a source binds, as other modules' facts read them."""
    return [source.bindings, source.bases, source.constructors]


def _spelling(texts: dict[str, str], names: set[str]) -> set[str]:
    """The modules whose saved text spells one of ``names`` whole, between quotes or dots.

    Every name a module builds (``"det.ResNet"`` spells ``ResNet``) or registers is in its
    text, so the others read none of ``names``.
    """
    if not names:
        return set()
    spelt = _spelt_pattern(json.dumps(name)[1:-1] for name in names)
    return {module for module, text in texts.items() if spelt.search(text)}


def only_their_own(
    locations: Iterable[str],
    packages: dict[str, list[str]],
    sources: dict[str, str],
    changed: Iterable[str],
) -> bool:
    """Whether each module in ``changed`` is one whose source no other module's facts read.

    A module no other module refers to (by ``sources``, the JSON texts of their saved
    form) and that is no location nor under one (nor listed in a location package's
    ``packages``), as user code that builds from the registries is: a function, a class or
    an import added to it changes its own facts only, and only they need deriving again
    (:meth:`ProjectIndex.drop_derived`); before, everything was, which cost a warm run after
    such an edit about as much again as mypy's own. See :func:`referrers` (walking every
    source's JSON instead cost 60 ms at N = 800).
    """
    changed = list(changed)
    for module in changed:
        if any(module == loc or module.startswith(f"{loc}.") for loc in locations):
            return False
        if any(module in listed for listed in packages.values()):
            return False
    return not referrers(sources, changed, first=True)


def referrers(sources: dict[str, str], changed: Iterable[str], *, first: bool = False) -> set[str]:
    """The modules whose source refers to one of ``changed`` (other than itself).

    ``sources`` holds the JSON texts of their saved form; ``first`` stops at the first
    found. Every reference is made of the strings of its source joined at dots (see
    :func:`_references`), so one to a changed module spells the module's last part whole
    between a quote or a dot and a quote or a dot: only the sources whose text does are
    parsed to find their references.
    """
    changed = list(changed)
    spelt = _spelt_pattern(map(spelling, changed))
    found: set[str] = set()
    for other, text in sources.items():
        if not spelt.search(text):
            continue  # (a module with no source, ``null``, spells no name)
        for reference in _references(json.loads(text)):
            if any(
                other != m and (reference == m or reference.startswith(f"{m}.")) for m in changed
            ):
                found.add(other)
                if first:
                    return found
                break
    return found


def _spelt_pattern(parts: Iterable[str]) -> re.Pattern[str]:
    """What finds a text that spells one of ``parts`` (as JSON writes them) whole."""
    return re.compile('[".](?:' + "|".join(map(re.escape, parts)) + ')[".]')


def spelling(module: str) -> str:
    """How a reference to ``module`` spells its last part in a saved source's JSON text."""
    return json.dumps(module.rpartition(".")[2])[1:-1]


def spelt_names(text: str) -> frozenset[str]:
    """Every part a saved source's JSON text spells between quotes or dots.

    A source refers to a module only if this holds the module's :func:`spelling` (see
    :func:`referrers`): kept with the text, it answers without a search of the text.

    Example:
        >>> sorted(spelt_names('["a.b", "c"]'))
        [', ', 'a', 'b', 'c']
    """
    return frozenset(_SPELT.findall(text))


#: A run of characters between quotes or dots (see :func:`spelt_names`).
_SPELT = re.compile(r'(?<=[".])[^".]+(?=[".])')


def _references(raw: dict[str, Any]) -> list[str]:
    """The dotted names a saved source refers to, any of which may be (or be in) a module.

    Every string of it but its own name and its config names: imports, bindings (``from
    a.b import c`` as ``a.b.c``, ``c`` may be a submodule), references of registries,
    registrations, bases and parameters, each with a first part that the module binds to
    a module replaced by that module (``import a.b as m``, then ``m.c``: ``a.b.c``).
    """
    bindings = cast("dict[str, list[str]]", raw["bindings"])
    imported = {
        name: binding[1] if binding[0] == "module" else ".".join(binding[1:])
        for name, binding in bindings.items()
        if binding[0] in {"module", "from"}
    }
    found = list(imported.values())
    strings: list[str] = []
    _strings([raw[key] for key in raw if key not in _NOT_REFERENCES], strings)
    for text in strings:
        head, dot, rest = text.partition(".")
        found.append(f"{imported[head]}{dot}{rest}" if head in imported else text)
    return found


#: What a saved source holds that names no other module.
_NOT_REFERENCES = frozenset({"module", "is_package", "config_names", "scoped_blocks"})


def _strings(value: object, into: list[str]) -> None:
    """Collect every string in a saved JSON value."""
    if isinstance(value, str):
        into.append(value)
    elif isinstance(value, dict):
        _strings(list(cast("dict[str, object]", value).values()), into)
    elif isinstance(value, list):
        for item in cast("list[object]", value):
            _strings(item, into)


def _module_names(raw: Any) -> list[str]:  # noqa: ANN401  # saved JSON
    """A saved list of module names, checked (TypeError: anything else)."""
    modules = cast("list[object]", raw)
    if not isinstance(raw, list) or not all(isinstance(module, str) for module in modules):
        raise TypeError("a list of module names")
    return cast("list[str]", modules)


def _packages_from(raw: dict[str, Any]) -> dict[str, list[str]]:
    """The packages' listings, checked: a warm run takes them without listing again."""
    return {location: _module_names(listed) for location, listed in raw.items()}


def _path(path: Path | None) -> str | None:
    return None if path is None else str(path)


def _saved_stamp(index: ProjectIndex, module: str) -> tuple[int, int]:
    """The stamp taken before the file was read (``(-1, -1)``: it could not be read)."""
    return index.stamps.get(module) or (-1, -1)


def _index_json(indexed: ModuleIndex) -> dict[str, Any]:
    registrations = indexed.facts.registrations
    position = {id(r): i for i, r in enumerate(registrations)}
    return {
        "facts": indexed.facts.to_json(),
        "dynamic": [list(item) for item in indexed.dynamic],
        "invalid": [list(item) for item in indexed.invalid],
        "config_params": indexed.config_params,
        "order": [None if r is None else position[id(r)] for r in indexed.order],
    }


def _index_from(text: str) -> ModuleIndex:
    from typed_registry._index._project import ModuleIndex  # noqa: PLC0415  # a cycle

    raw = json.loads(text)
    if raw["facts"]["version"] != FACTS_VERSION:
        # from_json would read them as no facts at all.
        raise ValueError("facts of another form")
    facts = ModuleFacts.from_json(raw["facts"])
    registrations = facts.registrations
    dynamic: list[list[Any]] = raw["dynamic"]
    invalid: list[list[Any]] = raw["invalid"]
    order: list[int | None] = raw["order"]
    return ModuleIndex(
        facts,
        tuple((str(item[0]), int(item[1])) for item in dynamic),
        tuple((int(item[0]), str(item[1])) for item in invalid),
        cast("dict[str, dict[str, str]]", raw["config_params"]),
        tuple(None if i is None else registrations[i] for i in order),
    )


def _registration_places(index: ProjectIndex) -> dict[int, int]:
    """Each registration of ``index``'s module facts (by id) -> its place in its module's."""
    return {
        id(registration): place
        for indexed in index.indexed.values()
        for place, registration in enumerate(indexed.facts.registrations)
    }


def _base_run(index: ProjectIndex, module: str, run: Run) -> tuple[str, Run] | None:
    """The run of ``module``'s package, if ``run`` goes on from it (its name and it).

    Running ``a.b.c`` runs ``a.b`` first: a module's run begins with its package's.
    """
    package = module.rpartition(".")[0]
    base = index.runs.get(package) if package else None
    if base is None:
        return None
    size, count = len(base.modules), len(base.registrations)
    if run.modules[:size] != base.modules or not all(
        map(operator.is_, run.registrations[:count], base.registrations)
    ):
        return None
    return package, base


def _run_json(
    places: dict[int, int], run: Run, base: tuple[str, Run] | None = None
) -> dict[str, Any]:
    """A run, each registration as its module and its place (``places``) in that module's.

    A run that goes on from its package's (``base``) is saved as what it adds, after the
    size of that run and a CRC-32 of its modules, which a load compares with the package's
    run as it then is. A project's runs saved whole repeated their packages' runs: 22 MB of
    the 23 MB of facts of a published detection project (1,600 modules).
    """
    if base is None:
        return {
            "modules": list(run.modules),
            "registrations": [[r.module, places[id(r)]] for r in run.registrations],
        }
    package, before = base
    size, count = len(before.modules), len(before.registrations)
    return {
        "after": [package, size, count, run_modules_check(before.modules)],
        "modules": list(run.modules[size:]),
        "registrations": [[r.module, places[id(r)]] for r in run.registrations[count:]],
    }


def run_modules_check(modules: Iterable[str]) -> str:
    """A CRC-32 of a run's modules, in order (see :func:`_run_json`)."""
    return f"{zlib.crc32(chr(0).join(modules).encode()):08x}"


def _location_run_json(run: Run) -> dict[str, Any]:
    return {
        "modules": list(run.modules),
        "registrations": [registration_row(r) for r in run.registrations],
        "specs": [spec_row(spec) for spec in run.specs],
        "dynamic": sorted(run.dynamic),
        "config_params": run.config_params,
    }


def _location_run_from(text: str) -> Run:
    from typed_registry._index._project import Run  # noqa: PLC0415  # a cycle

    raw = json.loads(text)
    modules: list[str] = [str(module) for module in raw["modules"]]
    dynamic: list[str] = [str(registry) for registry in raw["dynamic"]]
    return Run(
        modules,
        list(map(registration_from_row, raw["registrations"])),
        specs=list(map(spec_from_row, raw["specs"])),
        dynamic=set(dynamic),
        config_params=cast("dict[str, dict[str, str]]", raw["config_params"]),
    ).frozen()
