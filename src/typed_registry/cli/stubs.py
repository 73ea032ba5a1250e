"""``typed-registry stubs``: ``.pyi`` stubs of the modules that define registries, for pyright.

The settings' registries are imported (as ``check`` and ``schema`` do), then the modules of
``[tool.typed_registry] locations``; every module under the project's root that defines a
registry of their trees gets a stub in ``typings/`` (pyright's default ``stubPath``), or
``--out``. ``--check`` writes nothing and exits with 1 when a stub on disk differs from what
would be written: for CI and pre-commit.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from typed_registry._stubs import StubgenMissingError, generate_stubs
from typed_registry.cli import _mmengine
from typed_registry.cli._errors import UsageError
from typed_registry.cli._project import (
    add_project_arguments,
    as_registry,
    load_registries,
)

if TYPE_CHECKING:
    import argparse

    from typed_registry._registry import Registry

NAME = "stubs"
HELP = "write .pyi stubs of the registries' modules, for pyright and Pylance"
DESCRIPTION = (
    "Write a .pyi stub of each module that defines a registry: the module's API (by mypy's "
    "stubgen), with each registry's build typed by its entries, so that pyright and Pylance "
    "complete a config's type and keys. Needs mypy (pip install 'typed-registry[mypy]')."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``stubs``' arguments to ``parser``."""
    parser.add_argument(
        "--out",
        metavar="DIR",
        type=Path,
        help="the stub folder, relative to the project's root (default: typings, pyright's "
        "default stubPath)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit with 1 when a stub on disk is missing or differs",
    )
    add_project_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Write or check the stubs; return the exit status."""
    project = load_registries(args.settings, args.registries, NAME)
    out: Path = project.root / (args.out or Path("typings"))
    try:
        stubs = generate_stubs(
            project.known, project.root, read=as_registry, base_of=_mmengine_class
        )
    except StubgenMissingError as error:
        raise UsageError(str(error).splitlines()[0]) from None
    if args.check:
        stale = [path for path, text in stubs.items() if _read(out / path) != text]
        for path in stale:
            print(f"{_shown(out / path)}: stale; run typed-registry stubs", file=sys.stderr)
        return 1 if stale else 0
    for path, text in stubs.items():
        target = out / path
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        except OSError as error:
            msg = f"{target}: cannot write the stub ({error.strerror})"
            raise UsageError(msg) from None
    print(f"wrote {len(stubs)} stub{'' if len(stubs) == 1 else 's'} under {_shown(out)}")
    return 0


def _mmengine_class(registry: Registry[Any]) -> type | None:
    """The class of the MMEngine registry that ``registry`` mirrors (None: no mirror)."""
    original = _mmengine.original_of(registry)
    return None if original is None else type(original)


def _shown(path: Path) -> str:
    """``path`` relative to the current folder, as the user typed it."""
    return os.path.relpath(path)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None
