"""``typed-registry check CONFIG...``: check config files without building anything.

Each config is read with its bases (never run), its ``custom_imports`` are read from their
source (see :mod:`._custom_imports`), and each part that the settings say a registry builds
is checked as :meth:`Registry.validate` checks a config, under the config's
``default_scope``. Every problem is reported at once, with its config path and the file and
line that wrote it. The project's registries and ``[tool.typed_registry] locations`` are
imported (the modules the settings name); nothing a config names is imported or run, unless
a flag says so: ``--import-custom-imports`` imports its ``custom_imports``, ``--loader
mmengine`` runs it.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

from typed_registry._configs import (
    CONFIG_SUFFIXES,
    DEFAULT_LIMITS,
    ConfigDict,
    ConfigLimits,
    config_files,
    how_built,
    parts_of,
)
from typed_registry._configs._runner_preset import RUNNER_PRESETS
from typed_registry._messages import quoted
from typed_registry._resolution import close_matches
from typed_registry._validation import OPAQUE, Checker, ConfigProblem
from typed_registry._validation._problem import REGISTRY_CONFIG, REGISTRY_NAME
from typed_registry.cli._custom_imports import (
    import_custom_imports,
    project_index,
    read_custom_imports,
)
from typed_registry.cli._errors import UsageError
from typed_registry.cli._project import (
    add_project_arguments,
    import_default_scope,
    import_locations,
    load_project,
    tree_members,
    with_locations,
)
from typed_registry.cli._reading import LOADERS, ReadConfig, read_config
from typed_registry.cli._source_signatures import unimported_key_problems

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from typed_registry._configs import Origin, Part
    from typed_registry._index import ProjectIndex
    from typed_registry.cli._project import Project

NAME = "check"
HELP = "check config files against the registries that build them"
DESCRIPTION = (
    "Check config files (.py, .json, .yaml, .toml, with their _base_ files) without building "
    "anything: each type is registered, each key is a parameter, each value matches its "
    "annotation, nested configs included. Exit status: 0 clean, 1 problems, 2 bad usage or "
    "input."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``check``'s arguments to ``parser``."""
    parser.add_argument(
        "configs",
        nargs="*",
        metavar="CONFIG",
        help="config files or folders (default: the settings' paths); files in _base_ "
        "folders are checked through the configs built on them",
    )
    add_project_arguments(parser)
    parser.add_argument(
        "--loader",
        choices=LOADERS,
        default="builtin",
        help="whose values to check: typed_registry's own reader, which never runs a config, "
        "or MMEngine's Config.fromfile, which RUNS each config and its bases; lines always "
        "come from the reader (default: builtin)",
    )
    parser.add_argument(
        "--import-custom-imports",
        action="store_true",
        help="import the modules a config's custom_imports names (running them), as the "
        "runner does, instead of reading their registrations from source",
    )
    parser.add_argument(
        "--limit",
        action="append",
        default=[],
        metavar="NAME=N",
        help="raise or lower a limit of reading a config (repeatable), one of: "
        f"{', '.join(ConfigLimits.names())}; see the docs' Security and limits",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def _limits(given: list[str]) -> ConfigLimits:
    """``--limit depth=200``: the default limits, with those given replaced."""
    names = ConfigLimits.names()
    changed: dict[str, int] = {}
    for item in given:
        name, _, number = item.partition("=")
        if name not in names or not number.isdigit() or int(number) < 1:
            msg = f"--limit: {item!r} is not NAME=N with N >= 1 and NAME one of {', '.join(names)}"
            raise UsageError(msg)
        changed[name.replace("-", "_")] = int(number)
    return replace(DEFAULT_LIMITS, **changed)


@dataclass
class CheckOptions:
    """How each config is checked (from the command line), and the index made on first need.

    Attributes:
        project: The settings and the registries.
        loader: One of :data:`~._reading.LOADERS`.
        import_custom: Whether ``custom_imports`` are imported (else read).
        limits: The limits of reading each config.
        index: The project's registry index, made when a config first needs it.
    """

    project: Project
    loader: str = "builtin"
    import_custom: bool = False
    limits: ConfigLimits = DEFAULT_LIMITS
    index: ProjectIndex | None = field(default=None)

    def project_index(self) -> ProjectIndex:
        """The project's registry index (made on the first call)."""
        if self.index is None:
            self.index = project_index(self.project.root, self.project.locations)
        return self.index


@dataclass(frozen=True)
class Finding:
    """A problem of one config file, with where it was written."""

    config: Path
    problem: ConfigProblem
    origin: Origin


def run(args: argparse.Namespace) -> int:
    """Check the configs; print the problems; return the exit status."""
    limits = _limits(args.limit)
    project = load_project(args.settings, args.registries)
    # The project's own modules that register, as the settings name them (a lookup would
    # import a registry's locations anyway): never a module a config names.
    import_locations(project)
    files = _files(args.configs, project)
    options = CheckOptions(project, args.loader, args.import_custom_imports, limits)
    findings: list[Finding] = []
    errors: list[str] = []
    for file in files:
        try:
            findings.extend(check_file(file, options))
        except UsageError as error:
            # Files under the current folder are shown relative to it, as findings are.
            errors.append(str(error).replace(f"{Path.cwd()}{os.sep}", ""))
    if args.format == "json":
        print(json.dumps(_json(findings, errors, len(files)), indent=2))
    else:
        _print_text(findings, errors, len(files))
    if errors:
        return 2
    return 1 if findings else 0


def _files(given: list[str], project: Project) -> list[Path]:
    if not given:
        return [
            path
            for path in config_files(project.settings, project.root)
            if "_base_" not in path.parts
        ]
    files: list[Path] = []
    for entry in map(Path, given):
        if entry.is_dir():
            files.extend(
                sorted(
                    path.resolve()
                    for path in entry.rglob("*")
                    if path.suffix in CONFIG_SUFFIXES
                    and path.is_file()
                    and "_base_" not in path.parts
                )
            )
        elif entry.is_file():
            files.append(entry.resolve())
        else:
            msg = f"{entry}: no such file or folder"
            raise UsageError(msg)
    return files


def check_file(file: Path, options: CheckOptions) -> list[Finding]:
    """The problems of one config file.

    Raises:
        UsageError: The file cannot be read.
    """
    read = read_config(file, options.loader, options.limits)
    # Imported (when asked to) before the check, as the runner imports them before it builds.
    imported = import_custom_imports(read.value) if options.import_custom else []
    project = options.project
    scope = read.value.get("default_scope")
    scope = scope if isinstance(scope, str) else None
    causes = list(imported)
    # A module of custom_imports that is read, not imported, may create the scope's registry:
    # the scope is then not known to be missing.
    unread = "custom_imports" in read.value and not options.import_custom
    import_default_scope(project, scope)  # an MMEngine project's, as its Runner does
    unknown = None if scope is None or unread else _unknown_scope(scope, project)
    if unknown is not None:
        causes.append(unknown)
        scope = None  # as the run time: a scope no tree has moves no build
    checker = Checker(project.known)
    parts = list(parts_of(read.loaded, project.settings))
    checked = [part for part in parts if _is_checked(part)]
    runner = project.settings.runner
    preset = () if runner is None else RUNNER_PRESETS[runner]
    for part in parts:
        first = len(checker.problems)
        # A part inside another is built by the outer part's class, unless the preset says
        # who builds it (the Runner's DefaultOptimWrapperConstructor builds the optimizer).
        nested = part.rule.nested if part.rule in preset else _inside_another(part, parts)
        _check_part(checker, part, read, project, scope, nested=nested)
        # What a part inside this one holds is reported by that part's own check.
        inner = [other.path for other in checked if _inside(other.path, part.path)]
        checker.problems[first:] = [
            problem
            for problem in checker.problems[first:]
            if not any(_inside(problem.path, path) or problem.path == path for path in inner)
        ]
    problems = checker.problems
    if not options.import_custom:
        custom, problems = _read_custom(read, problems, options, parts)
        causes += custom
    if causes:
        # A module that did not import, or a scope that does not exist, hides registered
        # names: each miss would blame a name (often in a base) for the one cause.
        problems = [problem for problem in problems if problem.code != REGISTRY_NAME]

    def found(problems: list[ConfigProblem]) -> list[Finding]:
        findings = [Finding(file, p, read.origin(p.path)) for p in dict.fromkeys(problems)]
        # In the order of the files and lines that wrote them, as a compiler reports.
        return sorted(findings, key=lambda found: (found.origin.file, found.origin.line or 0))

    return found(causes) + found(problems)


def _check_part(  # noqa: PLR0913  # the part, and what checking it needs
    checker: Checker,
    part: Part,
    read: ReadConfig,
    project: Project,
    scope: str | None,
    *,
    nested: bool,
) -> None:
    """Check one part as its rule's builder builds it (see :func:`how_built`)."""
    rule = part.rule
    registry = project.registries[rule.registry]
    value = read.values.get(part.path)
    default_args: dict[str, object] = dict.fromkeys(rule.default_args, OPAQUE)
    nested = nested or rule.nested
    if not isinstance(part.node, ConfigDict) or not isinstance(value, dict):
        # Not a config: reported as such (None: nothing is built).
        checker.check_part(value, registry, part.path, default_args=default_args, scope=scope)
        return
    build = how_built(rule, part.node)
    if build is None:
        return  # its builder picks its type: what it builds is unknown
    if build.refused is not None:
        checker.problems.append(
            ConfigProblem(part.path, f"Invalid config: {build.refused}", REGISTRY_CONFIG)
        )
        return
    if build.default_type is not None:
        default_args["type"] = build.default_type
    # A copy of the same kind (a PartialDict stays partial): the config is never changed.
    config = cast("dict[str, object]", value)
    kept = type(config)((k, v) for k, v in config.items() if k not in build.consumes)
    checker.check_config(
        kept,
        registry,
        part.path,
        default_args=default_args,
        scope=scope,
        nested=nested,
        names_only=rule.names_only,
    )


def _unknown_scope(scope: str, project: Project) -> ConfigProblem | None:
    """The problem of a ``default_scope`` that no registry tree has, with the scopes close.

    Before it is called unknown, the locations are imported (the settings' and the
    registries', as ``list`` imports them): one of them may create the registry of that
    scope, as a lookup at run time would import it.
    """
    scopes = dict.fromkeys(member.scope for member in tree_members(project.known))
    if scope in scopes:
        return None
    try:
        loaded = with_locations(project, [])
    except UsageError:
        return None  # a location that fails: the scope may be there; nothing is known
    scopes = dict.fromkeys(member.scope for member in tree_members(loaded.known))
    if scope in scopes:
        return None
    message = (
        f"scope {scope!r} is not the scope of any registry (scopes: {', '.join(map(repr, scopes))})"
    )
    close = close_matches(scope, scopes)
    if close:
        message += f"; did you mean {quoted(close)}?"
    return ConfigProblem("default_scope", message, REGISTRY_NAME)


def _is_checked(part: Part) -> bool:
    """Whether a part is checked by its own rule (else only inside the part that holds it)."""
    return not isinstance(part.node, ConfigDict) or how_built(part.rule, part.node) is not None


def _inside(path: str, outer: str) -> bool:
    return path.startswith((f"{outer}.", f"{outer}["))


def _inside_another(part: Part, parts: list[Part]) -> bool:
    """Whether a part lies in another part.

    The class built from the outer part builds it, and may add default arguments of its own.
    """
    return any(_inside(part.path, other.path) for other in parts if other is not part)


def _read_custom(
    read: ReadConfig, problems: list[ConfigProblem], options: CheckOptions, parts: list[Part]
) -> tuple[list[ConfigProblem], list[ConfigProblem]]:
    """The problems of ``custom_imports`` read from source, and ``problems``.

    Less the names the modules may register: the check did not find them, as it imported
    nothing. The keys of those configs are checked against the source instead.
    """
    if "custom_imports" not in read.value:
        return [], problems
    index = options.project_index()
    registered = read_custom_imports(read.value, index)
    kept: list[ConfigProblem] = []
    missed: list[ConfigProblem] = []
    for problem in problems:
        may = problem.code == REGISTRY_NAME and _names(read, problem, registered.may_register)
        (missed if may else kept).append(problem)
    registries = options.project.registries
    built = {
        part.path: registries[part.rule.registry]
        for part in parts
        if not _inside_another(part, parts)
    }
    kept += unimported_key_problems(read.values, missed, registered, built, index)
    return registered.problems, kept


def _names(read: ReadConfig, problem: ConfigProblem, registered: Callable[[str], bool]) -> bool:
    """Whether the ``type`` that ``problem`` is about is a name that may be ``registered``."""
    key = read.values.get(problem.path)
    return isinstance(key, str) and registered(key)


def _shown(path: str | Path) -> str:
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def _where(origin: Origin) -> str:
    return _shown(origin.file) if origin.line is None else f"{_shown(origin.file)}:{origin.line}"


def _print_text(findings: list[Finding], errors: list[str], checked: int) -> None:
    for finding in findings:
        problem = finding.problem
        line = f"{_where(finding.origin)}: error: {problem}"
        if Path(finding.origin.file) != finding.config:
            line += f" (in {_shown(finding.config)})"
        print(line)
    for error in errors:
        print(f"typed-registry check: error: {error}", file=sys.stderr)
    configs = len({finding.config for finding in findings})
    if findings:
        print(
            f"Found {_count(len(findings), 'problem')} in {configs} of {_count(checked, 'config')}"
        )
    elif not errors:
        print(f"No problems in {_count(checked, 'config')}")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _json(findings: list[Finding], errors: list[str], checked: int) -> dict[str, object]:
    return {
        "checked": checked,
        "problems": [
            {
                "config": _shown(finding.config),
                "path": finding.problem.path,
                "message": finding.problem.message,
                "code": finding.problem.code,
                "file": _shown(finding.origin.file),
                "line": finding.origin.line,
                "column": finding.origin.column,
            }
            for finding in findings
        ],
        "errors": errors,
    }
