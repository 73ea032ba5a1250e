"""The plugin's settings: ``[tool.typed_registry]`` in pyproject.toml, or ``[typed_registry]``.

Settings are read from the file mypy itself was configured from (``options.config_file``),
as django-stubs and pydantic do. A bad setting ends the run with a message naming the file,
the section and the key, never a traceback.
"""

from __future__ import annotations

import configparser
import os
import sys
import tomllib
from typing import TYPE_CHECKING, NamedTuple, NoReturn, cast

from typed_registry._settings_table import misnamed_table, unknown_settings_key

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from mypy.options import Options

    from typed_registry._configs import ConfigSettings, PartRule

TOML_SECTION = "tool.typed_registry"
INI_SECTION = "typed_registry"

USAGE = """\
typed_registry.mypy settings (all optional):

  # pyproject.toml                        # mypy.ini / setup.cfg
  [tool.typed_registry]                   [typed_registry]
  locations = ["mypkg.models"]            locations = mypkg.models, mypkg.datasets

locations: modules or packages whose modules register into registries.
configs:   (pyproject.toml only) the config files to check, and which registry builds
           each part of them: see the "Checking configs" page of the documentation."""


class ConfigError(Exception):
    """A setting is invalid; the message says which and why."""


class Location(NamedTuple):
    """A configured location, found on disk.

    What is under it is the index's to list (``ProjectIndex.location_modules``): its
    snapshot keeps the listing while the directories are unchanged, where walking the
    package again cost every run milliseconds.
    """

    name: str


class PluginConfig(NamedTuple):
    """The validated settings."""

    locations: tuple[Location, ...] = ()
    source: str | None = None
    #: The directories the project's modules are found in (see ``project_roots``).
    roots: tuple[str, ...] = ()
    #: The environment's ``site-packages``, searched after ``roots`` for the packages that
    #: take part in registries (see ``installed_roots``).
    installed: tuple[str, ...] = ()
    #: Top-level packages of the locations: modules inside them never get location deps.
    location_packages: frozenset[str] = frozenset()
    #: ``[tool.typed_registry.configs]``: the config files mypy checks, and their registries.
    #: None when the settings have no such table: the config files' machinery is then never
    #: imported (a warm run of a project without config files pays nothing for it).
    configs: ConfigSettings | None = None

    @property
    def config_parts(self) -> tuple[PartRule, ...]:
        """The rules for the parts of config files (none: mypy checks no config file)."""
        return () if self.configs is None else self.configs.parts

    def report_data(self) -> dict[str, object]:
        """The settings as mypy stores them in each module's cache metadata.

        Only the names: what the modules under the locations register reaches the cache
        through each module's index digest (see ``Visibility.digest``), so a file added
        under a location re-checks the modules that build from it, not every module.
        """
        data: dict[str, object] = {"locations": [loc.name for loc in self.locations]}
        if self.configs is not None:
            data["configs"] = [[p.path, p.registry, *p.default_args] for p in self.config_parts]
            data["config paths"] = list(self.configs.paths)
        return data

    def config_root(self) -> str:
        """The directory the settings' config paths are relative to."""
        return os.path.dirname(os.path.abspath(self.source)) if self.source else os.getcwd()


def load_config(options: Options) -> PluginConfig:
    """Read and validate the settings, or end the run with a clear message."""
    path = options.config_file
    roots = tuple(project_roots(options))
    installed = tuple(installed_roots(options))
    if path is None:
        return PluginConfig(roots=roots, installed=installed)
    try:
        raw = _read_section(path)
        if raw is None:
            return PluginConfig(roots=roots, installed=installed)
        config = _validate(raw, path, _search_roots(options, path))
        return config._replace(roots=roots, installed=installed)
    except ConfigError as error:
        exit_with_error(path, str(error))


def _read_section(path: str) -> Mapping[str, object] | None:
    if _is_toml(path):
        try:
            with open(path, "rb") as file:
                data = tomllib.load(file)
        except (OSError, tomllib.TOMLDecodeError) as error:
            msg = f"cannot read the file: {error}"
            raise ConfigError(msg) from None
        tool: object = data.get("tool")
        if isinstance(tool, dict):
            _refuse_misnamed([f"tool.{k}" for k in cast("dict[str, object]", tool)], TOML_SECTION)
        section = (
            cast("dict[str, object]", tool).get("typed_registry")
            if isinstance(tool, dict)
            else None
        )
        if section is None:
            return None
        if not isinstance(section, dict):
            msg = f"[{TOML_SECTION}] must be a table"
            raise ConfigError(msg)
        return cast("dict[str, object]", section)
    # No interpolation, as mypy reads its INI files: a '%' in a value is just a '%'.
    parser = configparser.RawConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except configparser.Error as error:
        msg = f"cannot read the file: {error}"
        raise ConfigError(msg) from None
    _refuse_misnamed(parser.sections(), INI_SECTION)
    if not parser.has_section(INI_SECTION):
        return None
    values: dict[str, object] = {}
    for key, value in parser.items(INI_SECTION):
        # INI has no lists: locations are separated by commas and/or newlines.
        values[key] = [
            item.strip() for item in value.replace(",", "\n").split("\n") if item.strip()
        ]
    return values


def _refuse_misnamed(tables: Iterable[str], section: str) -> None:
    # A hyphen for the underscore would leave the settings unread without a word.
    problem = misnamed_table(tables, section)
    if problem is not None:
        raise ConfigError(problem)


def _validate(raw: Mapping[str, object], path: str, roots: Sequence[str]) -> PluginConfig:
    section = TOML_SECTION if _is_toml(path) else INI_SECTION
    problem = unknown_settings_key(raw, section)
    if problem is not None:
        raise ConfigError(problem)
    value = raw.get("locations", [])
    items = cast("list[object]", value) if isinstance(value, list) else None
    names = [item for item in items or [] if isinstance(item, str)]
    if items is None or len(names) != len(items):
        msg = f"[{section}]: 'locations' must be a list of module names, not {value!r}"
        raise ConfigError(msg)
    configs: ConfigSettings | None = None
    if "configs" in raw:
        table = raw["configs"]
        if not isinstance(table, dict):
            msg = f"[{section}]: 'configs' must be a table ([{TOML_SECTION}.configs])"
            raise ConfigError(msg)
        # Here only: most projects have no config files to check.
        from typed_registry._configs import SettingsError, read_config_settings  # noqa: PLC0415

        try:
            configs = read_config_settings(cast("dict[str, object]", table), path)
        except SettingsError as error:
            raise ConfigError(str(error).removeprefix(f"{path}: ")) from None
    locations: list[Location] = []
    for name in names:
        if not all(part.isidentifier() for part in name.split(".")):
            # Each message names the key, so that the user finds the line to change.
            msg = f"[{section}]: 'locations': {name!r} is not a dotted module name"
            raise ConfigError(msg)
        location = find_location(name, roots)
        if location is None:
            msg = (
                f"[{section}]: 'locations': {name!r} was not found (looked in: "
                f"{', '.join(roots)}); add its directory to mypy_path"
            )
            raise ConfigError(msg)
        locations.append(location)
    return PluginConfig(
        locations=tuple(locations),
        source=path,
        location_packages=frozenset(loc.name.split(".")[0] for loc in locations),
        configs=configs,
    )


def _is_toml(path: str) -> bool:
    # mypy decides the same way (case-insensitively), so both read the file as one format.
    return path.lower().endswith(".toml")


def project_roots(options: Options) -> list[str]:
    """Where the registry index looks for the project's modules, in order.

    The settings file's directory, ``mypy_path`` (relative to it), the working directory,
    and the directory each entry of ``files`` is found from (the first directory above it
    without ``__init__.py``). Installed packages are not the project: not searched.
    """
    base = os.path.dirname(os.path.abspath(options.config_file)) if options.config_file else "."
    roots = [base, *(os.path.join(base, entry) for entry in options.mypy_path), os.getcwd()]
    for entry in options.files or ():
        directory = os.path.abspath(entry if os.path.isdir(entry) else os.path.dirname(entry))
        while os.path.isfile(os.path.join(directory, "__init__.py")):
            directory = os.path.dirname(directory)
        roots.append(directory)
    roots.extend(_editable_roots())
    return list(dict.fromkeys(os.path.normpath(os.path.abspath(root)) for root in roots))


def installed_roots(options: Options) -> list[str]:
    """The ``site-packages`` of the Python mypy checks for (``python_executable``).

    The index reads there only the packages whose distribution takes part in registries
    (``mmengine``, ``mmcv``, ``mmdet``...), never ``numpy`` or ``torch``. None with
    ``--no-site-packages``, as for mypy itself. mypy asks the same Python (and remembers the
    answer): for another interpreter than mypy's own, one subprocess per run.
    """
    from mypy.modulefinder import get_search_dirs  # noqa: PLC0415  # mypy's own answer

    try:
        _, site_packages = get_search_dirs(options.python_executable)
    except Exception:  # mypy reports a broken interpreter itself
        return []
    return [os.path.normpath(directory) for directory in site_packages]


def _editable_roots() -> list[str]:
    """Source directories on ``sys.path`` that are not the environment's own.

    A project installed in editable mode (``pip install -e .`` of a ``src/`` layout) puts
    its source directory on ``sys.path`` (a ``.pth`` file); the standard library and the
    environment's ``site-packages`` are not the project.
    """
    prefixes = {os.path.abspath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
    found: list[str] = []
    for entry in sys.path:
        path = os.path.abspath(entry) if entry else ""
        if (
            not path
            or not os.path.isdir(path)
            or "site-packages" in path
            or "dist-packages" in path
            or any(path == p or path.startswith(p + os.sep) for p in prefixes)
        ):
            continue
        found.append(path)
    return found


def _search_roots(options: Options, config_path: str) -> list[str]:
    base = os.path.dirname(os.path.abspath(config_path))
    roots = [base, *(os.path.join(base, entry) for entry in options.mypy_path), os.getcwd()]
    roots += [entry for entry in sys.path if entry and os.path.isdir(entry)]
    return list(dict.fromkeys(os.path.normpath(root) for root in roots))


def find_location(name: str, roots: Sequence[str]) -> Location | None:
    """Find module or package ``name`` on disk, in the first root that has it (None: none)."""
    relative = os.path.join(*name.split("."))
    for root in roots:
        package = os.path.join(root, relative)
        if os.path.isfile(os.path.join(package, "__init__.py")) or os.path.isfile(
            os.path.join(package, "__init__.pyi")
        ):
            return Location(name)
        if os.path.isfile(f"{package}.py") or os.path.isfile(f"{package}.pyi"):
            return Location(name)
        if os.path.isdir(package):  # a namespace package (PEP 420): imports fine at run time
            return Location(name)
    return None


def exit_with_error(path: str, message: str) -> NoReturn:
    """Print a settings problem and mypy's usage of the plugin, and stop (status 2)."""
    # mypy has no channel for plugin configuration errors; like django-stubs, print the
    # problem and the usage, and stop with mypy's exit status for bad invocations.
    print(f"{path}: typed_registry.mypy: error: {message}\n\n{USAGE}", file=sys.stderr)
    sys.exit(2)
