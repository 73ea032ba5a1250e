"""Config files as mypy modules: their names, mypy's own errors in them, the setting they need.

mypy checks a config file listed in its ``files`` as a module, with the rules of typed code:
``val_cfg = dict()`` needs an annotation, ``{{_base_.model}}`` is an attribute of a list,
``model["backbone"].update(...)`` a method of ``object``. A config file is configuration,
whose meaning is its merged value: the plugin checks that (see ``config_files``), and
mypy's own errors there are turned off, in every process mypy starts and in its cache
key, by per-module settings the plugin adds when it starts: every error code but the
plugin's is disabled for the config files' modules. The plugin's reports of what its
checks found (which carry mypy's codes, ``arg-type``, ``call-arg``) lift that for the
moment of the report, so that they pass mypy's usual ``# type: ignore`` handling.

The module names are mypy's own (its ``find_sources``): a config folder has no
``__init__.py``, so without ``explicit_package_bases`` mypy names each config file by its
file name alone, and two ``base_224.py`` in ``_base_/models/*/`` stop it (``Duplicate
module named``). The plugin cannot rename them; it names the setting in one line.

Under ``-n``, mypy's workers analyse and check each module from the parse the coordinating
process made, and never ask the plugin about it: a statement the plugin appends to the tree
it is asked about never reaches them. The parse they read is the serialised one of mypy's
native parser, which the plugin makes again from the file with the statement appended
(:meth:`ConfigModules.append_for_workers`).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Final, cast

from mypy.errorcodes import error_codes
from mypy.find_sources import InvalidSourceList, SourceFinder
from mypy.fscache import FileSystemCache
from mypy.nativeparse import parse_to_binary_ast
from mypy.nodes import (
    AssignmentStmt,
    ClassDef,
    Decorator,
    FuncBase,
    ImportBase,
    TempNode,
    WithStmt,
)
from mypy.types import AnyType, TypeOfAny
from mypy.util import decode_python_encoding

from typed_registry.mypy._errorcodes import REGISTRY_NAME

if TYPE_CHECKING:
    from collections.abc import Generator, Iterable, Iterator

    from mypy.checker import TypeChecker
    from mypy.errorcodes import ErrorCode
    from mypy.nodes import MypyFile, Statement
    from mypy.options import Options
    from mypy.plugin import CheckerPluginInterface

#: The setting that gives config files distinct module names.
SETTING: Final = "explicit_package_bases = true"


class ConfigModules:
    """How mypy names the config files, and the settings that silence its own errors there."""

    def __init__(self, options: Options) -> None:
        self._options = options
        self._finder = SourceFinder(FileSystemCache(), options)
        #: The codes turned off in config files: every code but the plugin's.
        self.disabled: frozenset[ErrorCode] = frozenset(
            code for code in error_codes.values() if code.category != REGISTRY_NAME.category
        )

    def module_name(self, path: str) -> str | None:
        """The module name mypy gives file ``path`` when it is given as a source."""
        try:
            return self._finder.crawl_up(path)[0]
        except InvalidSourceList:  # a folder name mypy refuses: it says so itself
            return None

    def named_alike(self, path: str, module: str) -> bool:
        """Whether mypy names file ``path`` ``module`` when the file is one of its sources.

        When it does not (a ``projects/X/`` folder without ``__init__.py``), a dependency on
        ``module`` makes mypy find the file twice, under two names, and stop.
        """
        return self.module_name(path) == module

    def append_for_workers(self, file: MypyFile, statement: str) -> None:
        """Make the parse that mypy's workers read of ``file`` end with ``statement``.

        Only a tree that mypy hands the workers has serialised statements (``raw_data``); in
        one process the tree the plugin is asked about is the one mypy checks. The file is
        parsed again with ``statement`` on a line of its own after its last (mypy parsed it
        before: it has no syntax error); a file that cannot be read again is left as it is.
        """
        raw = file.raw_data
        if raw is None:
            return
        try:
            source = decode_python_encoding(Path(file.path).read_bytes())
        except (OSError, UnicodeDecodeError):  # gone, or changed since mypy read it
            return
        raw.defs = parse_to_binary_ast(file.path, self._options, f"{source}\n{statement}\n")[0]

    def prepare(self, paths: Iterable[str], source: str) -> None:
        """Silence mypy's errors in the config files' modules; name the setting they lack."""
        by_name: dict[str, list[str]] = {}
        for path in paths:
            if path.endswith(".py"):
                name = self.module_name(path)
                if name is not None:
                    by_name.setdefault(name, []).append(path)
        clash = next((name for name, files in by_name.items() if len(files) > 1), None)
        if clash is not None and not self._options.explicit_package_bases:
            first, second = sorted(os.path.relpath(path) for path in by_name[clash])[:2]
            print(
                f"{source}: typed_registry.mypy: note: mypy names config files {first} and "
                f"{second} both {clash!r}; set {SETTING} in [tool.mypy]",
                file=sys.stderr,
            )
        options = self._options
        codes = sorted(code.code for code in self.disabled)
        # New dicts, never the user's changed in place: the daemon keeps a shallow snapshot
        # of the options it started with, and restarts when a run's options differ from it.
        per_module = dict(options.per_module_options)
        for name in by_name:
            settings = dict(per_module.get(name, {}))
            own = settings.get("disable_error_code", [])
            chosen = cast("list[object]", own) if isinstance(own, list) else []
            settings["disable_error_code"] = sorted({*map(str, chosen), *codes})
            per_module[name] = settings
        options.per_module_options = per_module
        options.build_per_module_cache()
        # Settings the plugin added are no user's section that could go unused.
        unused: set[str] = options._unused_configs  # pyright: ignore[reportPrivateUsage]
        unused.difference_update(by_name)


def keep_interface(file: MypyFile) -> None:
    """Reduce config file ``file``'s tree to what mypy needs of it: the names it binds.

    mypy's own errors are off in a config file, and the plugin checks the file's value
    itself (read from the file and its bases): analysing and checking its statements cost
    mypy a third of its time on a published project (mmdet), for nothing shown. What other
    modules may use of it stays: its imports (which load the classes a config names as
    ``type=RetinaNet``), the names its assignments bind, typed ``Any``, and its functions
    and classes. The rest (calls, loops, ``if``, ``del``) computes the value the plugin
    reads itself.
    """
    kept: list[Statement] = []
    for statement in file.defs:
        kept.extend(_interface(statement))
    file.defs = kept


def _interface(statement: Statement) -> Iterator[Statement]:
    if isinstance(statement, ImportBase | FuncBase | Decorator | ClassDef):
        yield statement
    elif isinstance(statement, WithStmt):  # ``with read_base():``: imports of other configs
        for inner in statement.body.body:
            yield from _interface(inner)
    elif isinstance(statement, AssignmentStmt):
        if not isinstance(statement.rvalue, TempNode):  # ``x: int`` declares: as it is
            statement.rvalue = TempNode(AnyType(TypeOfAny.special_form), context=statement)
        yield statement


@contextlib.contextmanager
def reporting(api: CheckerPluginInterface, modules: ConfigModules) -> Generator[None]:
    """While the plugin reports a finding of its checks in a config file, codes are on.

    The report goes straight to the file's errors, past mypy's error watchers: mypy may be
    checking the call that started the check under a watcher that keeps errors aside and
    adds them later (when the codes are off again), or drops them (an overload's
    candidate). The file is checked once, so that its findings are reported once.
    """
    checker: TypeChecker = api  # type: ignore[assignment]  # the only implementation
    errors = checker.msg.errors
    disabled = errors.options.disabled_error_codes
    lifted = disabled & modules.disabled
    disabled.difference_update(lifted)
    watchers = errors._watchers  # pyright: ignore[reportPrivateUsage]
    errors._watchers = []  # pyright: ignore[reportPrivateUsage]
    try:
        yield
    finally:
        errors._watchers = watchers  # pyright: ignore[reportPrivateUsage]
        disabled.update(lifted)
