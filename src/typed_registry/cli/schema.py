"""``typed-registry schema``: a JSON Schema of the project's config files, for editors.

The settings' registries are imported (as ``check`` does), then the modules of
``[tool.typed_registry] locations``, so that every registry of their trees and every entry
is known; nothing a config names is imported. The schema is printed as JSON with sorted
keys, the same for the same registries, or written to ``--out``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from typed_registry._schema import config_schema
from typed_registry.cli._errors import UsageError
from typed_registry.cli._project import (
    add_project_arguments,
    load_registries,
    variable_names,
)

if TYPE_CHECKING:
    import argparse

    from typed_registry._registry import Registry

NAME = "schema"
HELP = "print a JSON Schema of the config files, for editors (YAML and JSON)"
DESCRIPTION = (
    "Print a JSON Schema (draft 2020-12) of the config files that the settings describe: "
    "each part a registry builds takes a registered type, then that entry's parameters. "
    "Editors use it to complete and check YAML and JSON configs."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``schema``'s arguments to ``parser``."""
    parser.add_argument(
        "--out", metavar="FILE", help="write the schema to FILE instead of printing it"
    )
    add_project_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Print or write the schema; return the exit status."""
    project = load_registries(args.settings, args.registries, NAME)
    names = variable_names(project)

    def label(registry: Registry[Any]) -> str:
        return names.get(id(registry), f"{registry.scope}::{registry.name}")

    # load_registries imported every location: the schema reads no failing import.
    schema = config_schema(project.settings.parts, project.registries, label, project.known)
    text = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    if args.out is None:
        print(text, end="")
        return 0
    try:
        with open(args.out, "w", encoding="utf-8") as file:
            file.write(text)
    except OSError as error:
        msg = f"{args.out}: cannot write the schema ({error.strerror})"
        raise UsageError(msg) from None
    return 0
