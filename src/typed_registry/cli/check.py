"""``typed-registry check CONFIG...``: check config files without building anything.

Each config is read with its bases, its ``custom_imports`` are imported (as the runner
does), and each part that the settings say a registry builds is checked as
:meth:`Registry.validate` checks a config, under the config's ``default_scope``. Every
problem is reported at once, with its config path and the file and line that wrote it.
Nothing a config's ``type`` names is imported.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from typed_registry._configs import CONFIG_SUFFIXES, config_files, parts_of
from typed_registry._messages import quoted
from typed_registry._resolution import close_matches
from typed_registry._validation import OPAQUE, Checker, ConfigProblem
from typed_registry._validation._markers import children
from typed_registry._validation._problem import REGISTRY_NAME
from typed_registry.cli._errors import UsageError
from typed_registry.cli._project import (
    add_project_arguments,
    load_project,
    tree_members,
    with_locations,
)
from typed_registry.cli._reading import LOADERS, read_config, value_at

if TYPE_CHECKING:
    import argparse

    from typed_registry._configs import Origin, Part
    from typed_registry.cli._project import Project

NAME = "check"
HELP = "check config files against the registries that build them"
DESCRIPTION = (
    "Check config files (.py, .json, .yaml, .toml, with their _base_ files) without building "
    "anything: each type is registered, each key is a parameter, each value matches its "
    "annotation, nested configs included. Exit status: 0 clean, 1 problems, 2 bad usage or "
    "input."
)
#: The code of a ``custom_imports`` module that fails to import.
CUSTOM_IMPORTS = "custom-imports"


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
        default="auto",
        help="whose values to check: MMEngine's Config.fromfile or typed_registry's own "
        "reader (auto: the reader, and MMEngine's, when installed, for a config the reader "
        "cannot compute in full); lines always come from the reader (default: auto)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")


@dataclass(frozen=True)
class Finding:
    """A problem of one config file, with where it was written."""

    config: Path
    problem: ConfigProblem
    origin: Origin


def run(args: argparse.Namespace) -> int:
    """Check the configs; print the problems; return the exit status."""
    project = load_project(args.settings, args.registries)
    files = _files(args.configs, project)
    findings: list[Finding] = []
    errors: list[str] = []
    for file in files:
        try:
            findings.extend(check_file(file, project, args.loader))
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


def check_file(file: Path, project: Project, loader: str) -> list[Finding]:
    """The problems of one config file.

    Raises:
        UsageError: The file cannot be read.
    """
    read = read_config(file, loader)
    scope = read.value.get("default_scope")
    scope = scope if isinstance(scope, str) else None
    causes = _import_custom(read.value)
    unknown = None if scope is None else _unknown_scope(scope, project)
    if unknown is not None:
        causes.append(unknown)
        scope = None  # as the run time: a scope no tree has moves no build
    checker = Checker(project.known)
    parts = list(parts_of(read.loaded, project.settings))
    for part in parts:
        checker.check_part(
            value_at(read.value, part.path),
            project.registries[part.rule.registry],
            part.path,
            default_args=dict.fromkeys(part.rule.default_args, OPAQUE),
            scope=scope,
            nested=_inside_another(part, parts),
        )
    problems = checker.problems
    if causes:
        # A module that did not import, or a scope that does not exist, hides registered
        # names: each miss would blame a name (often in a base) for the one cause.
        problems = [problem for problem in problems if problem.code != REGISTRY_NAME]

    def found(problems: list[ConfigProblem]) -> list[Finding]:
        findings = [Finding(file, p, read.origin(p.path)) for p in dict.fromkeys(problems)]
        # In the order of the files and lines that wrote them, as a compiler reports.
        return sorted(findings, key=lambda found: (found.origin.file, found.origin.line or 0))

    return found(causes) + found(problems)


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


def _inside_another(part: Part, parts: list[Part]) -> bool:
    """Whether a part lies in another part.

    The class built from the outer part builds it, and may add default arguments of its own.
    """
    return any(
        part.path.startswith((f"{other.path}.", f"{other.path}["))
        for other in parts
        if other is not part
    )


def _import_custom(value: dict[str, Any]) -> list[ConfigProblem]:
    """Import the modules of ``custom_imports=dict(imports=[...])``, as the runner does."""
    found: object = value.get("custom_imports")
    if not isinstance(found, dict):
        return []
    custom = cast("dict[str, object]", found)
    imports = custom.get("imports", [])
    names = [imports] if isinstance(imports, str) else children(imports)
    problems: list[ConfigProblem] = []
    for index, name in enumerate(names):
        if not isinstance(name, str):
            continue
        try:
            importlib.import_module(name)
        except Exception as error:  # the project's import failing, whatever the cause
            if not custom.get("allow_failed_imports", False):
                message = f"cannot import {name!r} ({type(error).__name__}: {error})"
                problems.append(
                    ConfigProblem(f"custom_imports.imports[{index}]", message, CUSTOM_IMPORTS)
                )
    return problems


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
