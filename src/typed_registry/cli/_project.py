"""The project a command works on: its settings, and the registries they name, imported.

The settings are the ``[tool.typed_registry]`` table of a ``pyproject.toml`` (the one given
with ``--settings``, else the nearest one from the current directory up that has the
table). The folder of that file goes first on ``sys.path``, as a project's own packages are
importable from its root; the registries are then imported by their full names.
"""

from __future__ import annotations

import importlib
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard, cast

from typed_registry._configs import ConfigSettings, PartRule, SettingsError, read_config_settings
from typed_registry._registry import Registry
from typed_registry.cli._errors import UsageError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable, Mapping

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
    """

    root: Path
    settings: ConfigSettings
    registries: dict[str, Registry[Any]]
    known: tuple[Registry[Any], ...]
    locations: tuple[str, ...]


def load_project(settings_file: Path | None, registries_option: str | None) -> Project:
    """Read the settings and import the registries they (or ``--registries``) name.

    Raises:
        UsageError: No settings were found, they are invalid, or a registry does not exist.
    """
    source = _find_settings() if settings_file is None else settings_file
    table: Mapping[str, object] = {}
    if source is not None:
        table = _read_table(source)
    root = Path.cwd() if source is None else source.resolve().parent
    shown = "--settings" if source is None else str(source)
    try:
        settings = read_config_settings(
            cast("Mapping[str, object]", table.get("configs", {})), shown
        )
    except SettingsError as error:
        raise UsageError(str(error)) from None
    extra: list[str] = []
    if registries_option is not None:
        rules, extra = _parse_registries_option(registries_option)
        settings = ConfigSettings(settings.paths, tuple(rules) or settings.parts)
    if not settings.parts and not extra:
        where = (
            "no settings file found" if source is None else f"{source} has no {_SECTION} registries"
        )
        msg = f"{where}: name the registries in [{_SECTION}.registries] or with --registries"
        raise UsageError(msg)
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    names = [rule.registry for rule in settings.parts] + extra
    registries = {name: import_registry(name, shown) for name in dict.fromkeys(names)}
    locations = table.get("locations", [])
    if not isinstance(locations, list) or not all(isinstance(item, str) for item in locations):  # pyright: ignore[reportUnknownVariableType]
        msg = f"{shown}: [tool.typed_registry] locations: must be a list of strings"
        raise UsageError(msg)
    return Project(
        root, settings, registries, tuple(_known(registries)), tuple(cast("list[str]", locations))
    )


def _find_settings() -> Path | None:
    for folder in (Path.cwd(), *Path.cwd().parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "typed_registry" in _read_tool(candidate):
            return candidate
    return None


def _read_table(source: Path) -> Mapping[str, object]:
    tool = _read_tool(source)
    found = tool.get("typed_registry", {})
    if not isinstance(found, dict):
        msg = f"{source}: [tool.typed_registry] must be a table"
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


def import_locations(project: Project) -> None:
    """Import ``[tool.typed_registry] locations``: child registries and entries appear.

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
    if not is_registry(found):
        what = (
            f"module {module_name!r} has no attribute {variable!r}"
            if found is None
            else f"it is of type {type(found).__name__}, not a Registry"
        )
        msg = f"{source}: registry {name!r}: {what}"
        raise UsageError(msg)
    return found


def is_registry(value: object) -> TypeGuard[Registry[Any]]:
    """Whether ``value`` is a :class:`Registry`."""
    return isinstance(value, Registry)


def _known(registries: Mapping[str, Registry[Any]]) -> Iterable[Registry[Any]]:
    found: dict[int, Registry[Any]] = {id(r): r for r in registries.values()}
    for name in registries:
        module = sys.modules[name.rpartition(".")[0]]
        for value in vars(module).values():
            if is_registry(value):
                found.setdefault(id(value), value)
    return found.values()


def variable_names(project: Project) -> dict[int, str]:
    """The full variable name of each registry the project's modules define, by id."""
    names: dict[int, str] = {}
    for name, registry in project.registries.items():
        names.setdefault(id(registry), name)
    for registry in project.known:
        for module_name in {name.rpartition(".")[0] for name in project.registries}:
            for variable, value in vars(sys.modules[module_name]).items():
                if value is registry:
                    names.setdefault(id(registry), f"{module_name}.{variable}")
    return names
