"""The ``typed-registry`` command: one subcommand per module of this package.

Each command module defines ``NAME``, ``HELP`` and ``add_arguments(parser)`` and ``run(args)``
(which returns the exit status); adding a command is adding its module to :data:`COMMANDS`.
Exit statuses: 0 when all is well, 1 when a check finds problems, 2 on bad usage or bad
input (a config that does not parse or exceeds a limit, a missing registry), always as one
line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import TYPE_CHECKING

from typed_registry._version import __version__
from typed_registry.cli._errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Sequence

#: The modules of the subcommands, in the order ``--help`` lists them.
COMMANDS = (
    "typed_registry.cli.check",
    "typed_registry.cli.listing",
    "typed_registry.cli.schema",
    "typed_registry.cli.stubs",
)


def parser() -> argparse.ArgumentParser:
    """The argument parser of ``typed-registry`` and its subcommands."""
    main_parser = argparse.ArgumentParser(
        prog="typed-registry",
        description="Check config files against the registries that build them, and list "
        "the registries.",
    )
    main_parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(name)
        command = commands.add_parser(module.NAME, help=module.HELP, description=module.DESCRIPTION)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return main_parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``typed-registry`` with ``argv`` (default: the process's arguments).

    Returns:
        The exit status.
    """
    args = parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except UsageError as error:
        print(f"typed-registry {args.command}: error: {error}", file=sys.stderr)
        return 2
    except SystemExit as error:
        # The project's code, imported to read its registries, ended the process: a silent
        # exit (status 0 for ``sys.exit()``) would pass a check that never ran.
        print(
            f"typed-registry {args.command}: error: an import exited (SystemExit: {error.code!r})",
            file=sys.stderr,
        )
        return 2
    except (RecursionError, MemoryError) as error:
        # The readers' limits are meant to stop any input first; should an input get past
        # them (or the project's code recurse without end), still one line.
        why = "nests too deeply" if isinstance(error, RecursionError) else "is too large"
        print(f"typed-registry {args.command}: error: the input {why}", file=sys.stderr)
        return 2
    return status
