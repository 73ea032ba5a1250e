"""The project a command works on: its settings, and the registries they name, imported.

The settings are the ``[tool.typed_registry]`` table of a ``pyproject.toml`` (the one given
with ``--settings``, else the nearest one from the current directory up that has the
table). The folder of that file goes first on ``sys.path``, as a project's own packages are
importable from its root; the registries are then imported by their full names.

A registry of MMEngine (or MMCV 1.x) is read through its mirror (see ``_mmengine``), after
what MMEngine's ``Runner`` imports before it builds: each registry's ``locations`` (and,
without them, ``<scope>.utils.register_all_modules``), through ``import_from_location``.
"""

from __future__ import annotations

import ast
import importlib
import os
import sys
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard, cast

from typed_registry._configs import ConfigSettings, PartRule, SettingsError, read_config_settings
from typed_registry._registry import Registry
from typed_registry._settings_table import misnamed_table, unknown_settings_key
from typed_registry.cli import _mmengine
from typed_registry.cli._errors import UsageError
from typed_registry.exceptions import LocationImportError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable, Mapping

_TABLE = "tool.typed_registry"
_SECTION = "tool.typed_registry.configs"


def add_project_arguments(parser: argparse.ArgumentParser) -> None:
    """``--settings`` and ``--registries``, shared with ``list``."""
    parser.add_argument(
        "--settings",
        type=Path,
        metavar="PYPROJECT",
        help="the pyproject.toml with [tool.typed_registry] (default: the nearest one "
        "from the current folder up)",
    )
    parser.add_argument(
        "--registries",
        metavar="KEY=REGISTRY,...",
        help="which registry builds each part of a config, replacing the settings' "
        "(model=pkg.registry.MODELS,...); a REGISTRY without KEY= is only known to nested "
        "configs",
    )


@dataclass(frozen=True)
class Project:
    """Settings read, registries imported.

    Attributes:
        root: The folder of the settings file (the current directory without one).
        settings: The ``configs`` settings (``--registries`` replaces their rules).
        registries: Each rule's registry, by the rule's registry name.
        known: Every registry the rules name, and those beside them in their modules: the
            registries a nested config without ``ConfigFor`` may belong to.
        locations: ``[tool.typed_registry] locations``: the modules that register entries.
        modules: The modules that :func:`load_registries` imported for the locations.
    """

    root: Path
    settings: ConfigSettings
    registries: dict[str, Registry[Any]]
    known: tuple[Registry[Any], ...]
    locations: tuple[str, ...]
    modules: tuple[str, ...] = ()


def load_project(
    settings_file: Path | None, registries_option: str | None, *, rules_required: bool = True
) -> Project:
    """Read the settings and import the registries they (or ``--registries``) name.

    Args:
        settings_file: ``--settings`` (None: the nearest ``pyproject.toml`` with the table).
        registries_option: ``--registries``.
        rules_required: Whether the command needs registries named by the settings' rules
            or ``--registries`` (``check`` does); without, the settings' ``locations`` are
            enough (see :func:`load_registries`).

    Raises:
        UsageError: No settings were found, they are invalid, or a registry does not exist.
    """
    source = _find_settings() if settings_file is None else settings_file
    table: Mapping[str, object] = {}
    if source is not None:
        table = _read_table(source)
    root = Path.cwd() if source is None else source.resolve().parent
    shown = "--settings" if source is None else str(source)
    problem = unknown_settings_key(table, _TABLE)
    if problem is not None:
        msg = f"{shown}: {problem}"
        raise UsageError(msg)
    try:
        settings = read_config_settings(
            cast("Mapping[str, object]", table.get("configs", {})), shown
        )
    except SettingsError as error:
        raise UsageError(str(error)) from None
    locations = table.get("locations", [])
    if not isinstance(locations, list) or not all(isinstance(item, str) for item in locations):  # pyright: ignore[reportUnknownVariableType]
        msg = f"{shown}: [{_TABLE}] locations: must be a list of strings"
        raise UsageError(msg)
    extra: list[str] = []
    if registries_option is not None:
        rules, extra = _parse_registries_option(registries_option)
        settings = ConfigSettings(settings.paths, tuple(rules) or settings.parts)
    if not settings.parts and not extra and (rules_required or not locations):
        raise UsageError(_nothing_named(source, rules_required=rules_required))
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    names = [rule.registry for rule in settings.parts] + extra
    registries = {name: import_registry(name, shown) for name in dict.fromkeys(names)}
    return Project(
        root, settings, registries, tuple(_known(registries)), tuple(cast("list[str]", locations))
    )


def _nothing_named(source: Path | None, *, rules_required: bool) -> str:
    where = "no settings file found" if source is None else f"{source} has no {_SECTION} registries"
    if rules_required:
        return f"{where}: name the registries in [{_SECTION}.registries] or with --registries"
    if source is not None:
        where = f"{source} has no [{_TABLE}] locations and no [{_SECTION}.registries]"
    return (
        f"{where}: give the modules that register in [{_TABLE}] locations, or name the "
        f"registries in [{_SECTION}.registries] or with --registries"
    )


def load_registries(
    settings_file: Path | None, registries_option: str | None, command: str
) -> Project:
    """The project of ``list``, ``schema`` and ``stubs``: every registry its locations make.

    See :func:`with_locations`; a module left out is a warning on stderr, after
    ``typed-registry COMMAND:``.

    Raises:
        UsageError: As :func:`load_project`, or a location fails to import.
    """
    project = load_project(settings_file, registries_option, rules_required=False)
    skipped: list[str] = []
    project = with_locations(project, skipped)
    for problem in skipped:
        print(f"typed-registry {command}: warning: {problem}", file=sys.stderr)
    return project


def import_locations(project: Project) -> None:
    """Import ``[tool.typed_registry] locations`` as the run time imports a location.

    Only the modules named (``check`` imports what a training run's registries would);
    :func:`with_locations` imports every module under them, for the listings. Then, for
    MMEngine's registries, what MMEngine imports at a registry's first lookup (its
    ``locations``, see :func:`_import_from_location`).

    Raises:
        UsageError: A location fails to import (one line, whatever the cause).
    """
    for location in project.locations:
        try:
            importlib.import_module(location)
        except Exception as error:  # the project's import failing, whatever the cause
            why = f"{type(error).__name__}: {error}"
            msg = f"[tool.typed_registry] locations: cannot import {location!r} ({why})"
            raise UsageError(msg) from None
    _import_mmengine_locations(project)


def import_default_scope(project: Project, scope: str | None) -> None:
    """Import ``<scope>.registry`` as MMEngine does for a default scope; read what registered.

    Called before a config is checked; for MMEngine's registries only. The module creates
    the registries of that scope (a child of MMEngine's roots), whose locations are then
    imported as :func:`import_locations` imports them. A module that fails to import is
    passed over, as MMEngine passes over it (with a warning): the scope is then unknown,
    and ``check`` says so. What the config's ``custom_imports`` registered
    (``--import-custom-imports``) is read too.

    Raises:
        UsageError: A location of the registries it created fails to import.
    """
    if not any(_mmengine.original_of(r) is not None for r in tree_members(project.known)):
        return
    if scope is not None:
        _import(f"{scope}.registry")
        _mmengine.sync()
    _import_mmengine_locations(project)


def _import_mmengine_locations(project: Project) -> None:
    """Import what MMEngine imports at the first lookup in each of its registries.

    The checker's lookups in the mirrors import nothing: here, as the Runner would before
    building. Each registry's locations (the one that fails is named), then its
    ``import_from_location()``.

    Raises:
        UsageError: A location, or ``import_from_location()``, fails.
    """
    for registry in tree_members(project.known):
        original = _mmengine.original_of(registry)
        if original is not None:
            for location in _mmengine.locations_of(original):
                failure = _import(location)
                if failure is not None:
                    where = f"registry {registry.name!r} (scope {registry.scope!r}) locations"
                    msg = f"{where}: cannot import {location!r} ({failure})"
                    raise UsageError(msg)
            _import_from_location(registry, original)
    _mmengine.sync()  # what the locations registered into MMEngine's registries


def with_locations(project: Project, skipped: list[str]) -> Project:
    """``project`` with its locations imported, and the registries they hold in ``known``.

    The settings' ``locations`` and the ``locations=`` of every registry of the trees
    found are imported with every module under them (see :func:`_import_under`), until
    no new location appears. Why a module was left out is added to ``skipped``.

    Raises:
        UsageError: A location fails to import.
    """
    known: dict[int, Registry[Any]] = {id(r): r for r in project.known}
    modules = [m for location in project.locations for m in _import_under(location, skipped)]
    done = set(project.locations)
    asked: set[int] = set()  # the MMEngine registries whose import_from_location ran
    while True:
        _mmengine.sync()
        for module in modules:
            for value in vars(sys.modules[module]).values():
                found = as_registry(value)
                if found is not None:
                    known.setdefault(id(found), found)
        members = tree_members(known.values())
        pending = [
            (registry, location)
            for registry in members
            for location in _locations(registry)
            if location not in done
        ]
        originals = [
            (registry, original)
            for registry in members
            if (original := _mmengine.original_of(registry)) is not None
            and id(registry) not in asked
        ]
        if not pending and not originals:
            break
        for registry, location in pending:
            if location not in done:
                done.add(location)
                try:
                    len(registry)  # imports its locations, or says which one fails
                except LocationImportError as error:
                    raise UsageError(str(error).splitlines()[0]) from None
                where = f"registry {registry.name!r} (scope {registry.scope!r}) locations"
                modules.extend(_import_under(location, skipped, where))
        for registry, original in originals:
            asked.add(id(registry))
            _import_from_location(registry, original)
    return replace(project, known=tuple(known.values()), modules=tuple(dict.fromkeys(modules)))


def _locations(registry: Registry[Any]) -> tuple[str, ...]:
    """The locations of ``registry``, or of the MMEngine registry it mirrors."""
    original = _mmengine.original_of(registry)
    return registry.locations if original is None else _mmengine.locations_of(original)


def _import_from_location(registry: Registry[Any], original: object) -> None:
    """Run MMEngine's ``import_from_location()`` of ``original`` (its locations are imported).

    Raises:
        UsageError: It fails (one line, whatever the cause).
    """
    method = getattr(original, "import_from_location", None)
    if method is None:
        return  # MMCV 1.x's registry: no locations to import
    try:
        method()
    except Exception as error:  # the project's import failing, whatever the cause
        why = f"{type(error).__name__}: {error}"
        msg = (
            f"registry {registry.name!r} (scope {registry.scope!r}): MMEngine's"
            f" import_from_location() fails ({why})"
        )
        raise UsageError(msg) from None


def tree_members(registries: Iterable[Registry[Any]]) -> list[Registry[Any]]:
    """Every registry of the trees of ``registries``, each once, each root before its children."""
    found: dict[int, Registry[Any]] = {}
    for registry in registries:
        stack = [registry.root]
        while stack:
            node = stack.pop(0)
            found.setdefault(id(node), node)
            stack.extend(node.children.values())
    return list(found.values())


def _find_settings() -> Path | None:
    for folder in (Path.cwd(), *Path.cwd().parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and any(
            f"tool.{key}" == _TABLE or misnamed_table([f"tool.{key}"], _TABLE)
            for key in _read_tool(candidate)
        ):
            return candidate
    return None


def _read_table(source: Path) -> Mapping[str, object]:
    tool = _read_tool(source)
    problem = misnamed_table([f"tool.{key}" for key in tool], _TABLE)
    if problem is not None:
        msg = f"{source}: {problem}"
        raise UsageError(msg)
    found = tool.get("typed_registry", {})
    if not isinstance(found, dict):
        msg = f"{source}: [{_TABLE}] must be a table"
        raise UsageError(msg)
    return cast("dict[str, object]", found)


def _read_tool(source: Path) -> dict[str, object]:
    try:
        with source.open("rb") as file:
            data = tomllib.load(file)
    except OSError as error:
        msg = f"{source}: cannot read the settings ({error.strerror})"
        raise UsageError(msg) from None
    except tomllib.TOMLDecodeError as error:
        msg = f"{source}: invalid TOML ({error})"
        raise UsageError(msg) from None
    tool = data.get("tool", {})
    return cast("dict[str, object]", tool) if isinstance(tool, dict) else {}


def _parse_registries_option(option: str) -> tuple[list[PartRule], list[str]]:
    """``model=pkg.MODELS,pkg.TASK_UTILS``: rules, and registries known for nested configs."""
    rules: list[PartRule] = []
    extra: list[str] = []
    for item in filter(None, (entry.strip() for entry in option.split(","))):
        path, _, registry = item.rpartition("=")
        if "." not in registry or (path and not all(path.split("."))):
            msg = f"--registries: {item!r} is not KEY=module.VARIABLE or module.VARIABLE"
            raise UsageError(msg)
        if path:
            rules.append(PartRule(path, registry))
        else:
            extra.append(registry)
    return rules, extra


def _import_under(
    location: str, skipped: list[str], where: str = f"[{_TABLE}] locations"
) -> list[str]:
    """Import ``location`` and, for a package, every module under it on disk (sorted).

    The commands then see the registrations that mypy sees, also those of a module that
    the package's ``__init__`` does not import (which a lookup at run time misses).
    ``__main__`` modules are left out: they are scripts, which no import runs. A module
    under the package that fails to import is one the package does not import (else the
    package would have failed): it is left out, and why is added to ``skipped``.

    Raises:
        UsageError: ``location`` itself fails to import (``where`` says whose it is).
    """
    failure = _import(location)
    if failure is not None:
        msg = f"{where}: cannot import {location!r} ({failure})"
        raise UsageError(msg)
    modules = [location]
    directories: Iterable[str] = getattr(sys.modules[location], "__path__", None) or []
    files: list[tuple[str, ...]] = []
    for directory in directories:
        for folder, _, names in os.walk(directory):
            inside = Path(folder).relative_to(directory).parts
            files.extend((*inside, name) for name in names if name.endswith(".py"))
    for parts in sorted(files):
        stem = parts[-1][:-3]
        module_parts = parts[:-1] if stem == "__init__" else (*parts[:-1], stem)
        if module_parts and stem != "__main__" and all(p.isidentifier() for p in module_parts):
            module = ".".join((location, *module_parts))
            failure = _import(module)
            if failure is None:
                modules.append(module)
            else:
                skipped.append(
                    f"{where}: left out {module!r}, which {location!r} does not import ({failure})"
                )
    return list(dict.fromkeys(modules))


def _import(module: str) -> str | None:
    """Import ``module``; None, or why it failed (one line, whatever the cause)."""
    try:
        importlib.import_module(module)
    except Exception as error:  # the project's import failing, whatever the cause
        return f"{type(error).__name__}: {error}"
    return None


def import_registry(name: str, source: str) -> Registry[Any]:
    """Import the registry variable ``name`` (``pkg.registry.MODELS``).

    Raises:
        UsageError: The module cannot be imported, or has no such registry.
    """
    module_name, _, variable = name.rpartition(".")
    try:
        module = importlib.import_module(module_name)
    except Exception as error:  # any failure of the project's import: one line, not a traceback
        why = f"{type(error).__name__}: {error}"
        msg = f"{source}: registry {name!r}: cannot import {module_name!r} ({why})"
        raise UsageError(msg) from None
    found: object = getattr(module, variable, None)
    registry = as_registry(found)
    if registry is None:
        what = (
            f"module {module_name!r} has no attribute {variable!r}"
            if found is None
            else f"it is of type {type(found).__name__}, not a Registry"
        )
        msg = f"{source}: registry {name!r}: {what}"
        raise UsageError(msg)
    return registry


def is_registry(value: object) -> TypeGuard[Registry[Any]]:
    """Whether ``value`` is a :class:`Registry`."""
    return isinstance(value, Registry)


def as_registry(value: object) -> Registry[Any] | None:
    """``value`` as the commands read it: a Registry, an MMEngine registry's mirror, or None."""
    if is_registry(value):
        return value
    if _mmengine.is_mmengine_registry(value):
        return _mmengine.mirror_of(value)
    return None


def _known(registries: Mapping[str, Registry[Any]]) -> Iterable[Registry[Any]]:
    found: dict[int, Registry[Any]] = {id(r): r for r in registries.values()}
    for name in registries:
        module = sys.modules[name.rpartition(".")[0]]
        for value in vars(module).values():
            registry = as_registry(value)
            if registry is not None:
                found.setdefault(id(registry), registry)
    return found.values()


def variable_names(project: Project) -> dict[int, str]:
    """The full variable name of each registry the project's modules hold, by id.

    A registry named by a rule keeps that name; another takes the module of a rule's
    registry that holds it, else the module that defines it (assigns the variable from a
    call, in its source), else the first module that holds it, among the imported modules
    of the rules' and the locations' top-level packages, fewest dots first.
    """
    names: dict[int, str] = {}
    for name, registry in project.registries.items():
        names.setdefault(id(registry), name)
    wanted = {id(registry) for registry in tree_members(project.known)}
    # Beside a rule's registry, in the module the rules import from (a registry package).
    for module_name in sorted({name.rpartition(".")[0] for name in project.registries}):
        for variable, value in vars(sys.modules[module_name]).items():
            held_registry = as_registry(value)
            if held_registry is not None and id(held_registry) in wanted:
                names.setdefault(id(held_registry), f"{module_name}.{variable}")
    packages = {name.partition(".")[0] for name in (*project.registries, *project.modules)}
    modules = sorted(
        (name for name in list(sys.modules) if name.partition(".")[0] in packages),
        key=lambda name: (name.count("."), name),
    )
    held: dict[int, list[tuple[str, str]]] = {}
    for module_name in modules:
        for variable, value in vars(sys.modules[module_name]).items():
            held_registry = as_registry(value)
            if held_registry is not None and id(held_registry) in wanted:
                held.setdefault(id(held_registry), []).append((module_name, variable))
    for key, places in held.items():
        if key in names:
            continue  # named already: no source to parse
        defining = [(m, v) for m, v in places if v in _assigned_from_calls(m)]
        module_name, variable = (defining or places)[0]
        names[key] = f"{module_name}.{variable}"
    return names


def _assigned_from_calls(module_name: str) -> set[str]:
    """The top-level names that ``module_name``'s source assigns from a call (``X = R(...)``)."""
    file = getattr(sys.modules[module_name], "__file__", None)
    # Just imported from it: a source file reads and parses (an extension module has none).
    tree = ast.parse(Path(file).read_bytes()) if file and file.endswith(".py") else None
    found: set[str] = set()
    for statement in [] if tree is None else tree.body:
        if isinstance(statement, ast.Assign | ast.AnnAssign) and isinstance(
            statement.value, ast.Call
        ):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            found.update(t.id for t in targets if isinstance(t, ast.Name))
    return found
