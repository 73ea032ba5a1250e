"""A config's ``custom_imports``: read from their source, or imported when asked to.

MMEngine's runner imports the modules of ``custom_imports=dict(imports=[...])`` before it
builds, so what they register counts. ``check`` reads them with the registry index instead,
as the mypy plugin does: nothing a config names is imported or run. A name that a module
registers (or a module it imports, in the project) then resolves, and its keys are checked
against its parameters read from source (see ``_source_signatures``). A module
outside the project, or compiled, registers what no reading can know: the config's "not
registered" problems are left out then. A module
that exists nowhere is a problem, unless ``allow_failed_imports=True``.

With ``--import-custom-imports`` the modules are imported, as the runner does: a module
that fails to import, or whose import exits (``SystemExit``), is a problem of the config.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import os
import site
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from typed_registry._index import ProjectIndex
from typed_registry._validation import ConfigProblem
from typed_registry._validation._markers import children

if TYPE_CHECKING:
    from collections.abc import Iterable

#: What a registration registers: a fullname, the line of its ``register_module``, and the
#: registry variable it registers into.
Target = tuple[str | None, int, str]
#: The code of a ``custom_imports`` module that fails to import, or does not exist.
CUSTOM_IMPORTS = "custom-imports"


@dataclass
class Registered:
    """What a config's ``custom_imports`` register, as read from their source.

    Attributes:
        problems: The modules that exist nowhere (unless failures are allowed).
        names: The names the modules register, into any registry.
        targets: For each name, what is registered under it: the fullname (None: it has
            none), the line of the ``register_module`` call (a decorator registers the class
            as defined there, whatever the name holds later), and the registry variable.
        unknown: Whether some module registers what cannot be read (a name computed at run
            time, a module outside the project): every name may then be registered.
    """

    problems: list[ConfigProblem] = field(default_factory=list[ConfigProblem])
    names: set[str] = field(default_factory=set[str])
    targets: dict[str, set[Target]] = field(default_factory=dict[str, set[Target]])
    unknown: bool = False

    def may_register(self, key: str) -> bool:
        """Whether ``key`` (``ResNet``, ``mmdet.ResNet``) may be registered by the modules."""
        return self.unknown or key.rpartition(".")[2] in self.names


def project_index(root: Path, locations: Iterable[str]) -> ProjectIndex:
    """The index of the project at ``root``.

    It reads the modules found in ``root``, the current folder, and the folders of
    ``sys.path`` but Python's own and its installed packages' (``PYTHONPATH``, a ``src``
    layout): the modules an import from the project would find there. Then, as the mypy
    plugin does, the installed packages that take part in registries (``mmengine``,
    ``mmcv``, what requires them), from this Python's ``site-packages``.
    """
    packages = {
        Path(folder).resolve()
        for folder in (
            *(sysconfig.get_paths()[key] for key in ("purelib", "platlib")),
            *site.getsitepackages(),
            site.getusersitepackages(),
        )
    }
    own = {Path(sysconfig.get_paths()[key]).resolve() for key in ("stdlib", "platstdlib")}
    roots = [root, Path.cwd()]
    installed: list[Path] = []
    for entry in sys.path:
        folder = Path(entry or ".").resolve()
        if not folder.is_dir():
            continue
        if folder in packages:
            installed.append(folder)
        elif not any(folder.is_relative_to(other) for other in (*packages, *own)):
            roots.append(folder)
    return ProjectIndex(list(dict.fromkeys(roots)), list(locations), list(dict.fromkeys(installed)))


def read_custom_imports(value: dict[str, object], index: ProjectIndex) -> Registered:
    """What the modules of ``value``'s ``custom_imports`` register, read by ``index``."""
    found = Registered()
    entries, allowed = _entries(value)
    for place, name in entries:
        if not all(part.isidentifier() for part in name.split(".")):
            if not allowed:
                message = f"cannot import {name!r}: not a module name"
                found.problems.append(ConfigProblem(place, message, CUSTOM_IMPORTS))
        elif index.is_module(name):
            _read_run(index, name, found)
        elif _unreadable(name, index):
            found.unknown = True
        elif not allowed:
            message = f"cannot import {name!r}: no such module"
            found.problems.append(ConfigProblem(place, message, CUSTOM_IMPORTS))
    return found


def _read_run(index: ProjectIndex, module: str, found: Registered) -> None:
    """Add what running ``module`` registers to ``found``.

    A module this process imported already (a location of the settings) registered into
    the live registries, which the check reads: only the others count.
    """
    run = index.run(module)
    fresh = {name for name in run.modules if name not in sys.modules}
    for registration in run.registrations:
        if registration.module in fresh:
            if registration.names is None:
                found.unknown = True
            else:
                found.names.update(registration.names)
                target = (registration.target, registration.line, registration.registry)
                for name in registration.names:
                    found.targets.setdefault(name, set()).add(target)
    found.unknown = found.unknown or any(
        indexed.dynamic for indexed in index.modules(sorted(fresh))
    )


def import_custom_imports(value: dict[str, object]) -> list[ConfigProblem]:
    """Import the modules of ``value``'s ``custom_imports``, as the runner does."""
    problems: list[ConfigProblem] = []
    entries, allowed = _entries(value)
    for place, name in entries:
        try:
            importlib.import_module(name)
        except SystemExit as error:
            # Whatever the config allows: the runner's process would end here.
            message = f"cannot import {name!r}: importing it exits (SystemExit: {error.code!r})"
            problems.append(ConfigProblem(place, message, CUSTOM_IMPORTS))
        except Exception as error:  # the project's import failing, whatever the cause
            if not allowed:
                message = f"cannot import {name!r} ({type(error).__name__}: {error})"
                problems.append(ConfigProblem(place, message, CUSTOM_IMPORTS))
    return problems


def _entries(value: dict[str, object]) -> tuple[list[tuple[str, str]], bool]:
    """The modules ``custom_imports`` names, with their paths; whether failures are allowed."""
    found: object = value.get("custom_imports")
    if not isinstance(found, dict):
        return [], False
    custom = cast("dict[str, object]", found)
    imports = custom.get("imports", [])
    allowed = bool(custom.get("allow_failed_imports", False))
    if isinstance(imports, str):
        return [("custom_imports.imports", imports)], allowed
    entries = [
        (f"custom_imports.imports[{index}]", name)
        for index, name in enumerate(children(imports))
        if isinstance(name, str)
    ]
    return entries, allowed


def _unreadable(module: str, index: ProjectIndex) -> bool:
    """Whether ``module``, which the index does not find, may exist where it cannot read it.

    A compiled module of the project is a file the index does not read. Outside the project,
    the top-level package is looked up on ``sys.path`` without importing anything (finding
    a submodule would import its package).
    """
    relative = os.path.join(*module.split("."))
    if any(
        os.path.isfile(os.path.join(root, relative) + suffix)
        for root in index.roots
        for suffix in importlib.machinery.EXTENSION_SUFFIXES
    ):
        return True
    top = module.partition(".")[0]
    return not index.is_module(top) and importlib.util.find_spec(top) is not None
