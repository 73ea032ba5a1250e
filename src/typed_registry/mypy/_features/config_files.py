"""Config files: MMEngine-style configs checked on their merged value.

With ``[tool.typed_registry.configs]`` set and the config folder in mypy's ``files``, mypy
checks each config file as a module. The plugin reads the file with its bases (see
:mod:`typed_registry._configs`, never running them), and checks every part the settings
map to a registry, with the rules and messages of build sites: ``type`` resolves (from the
config's ``default_scope``), keys and values fit the registered signature, nested configs
by their ``ConfigFor`` annotation or by the one registry their name resolves in.

The merged value mixes values of several files, so the check runs on a synthesised config
literal whose nodes carry made-up line numbers (:mod:`.config_synthesis`); mypy's errors
about them are caught and reported again where each value was written: at its line in the
file being checked, or, for a value that comes from a base, at the line of the checked file
that merged into it (with a note naming the base's line). An error that the base reports
itself (a base under the settings' ``paths``, which mypy checks as a config file too) is not
reported again in each file built on it.

mypy's own errors in a config file are off (see ``config_modules``): only these findings
are reported there. A file is read with its bases once per process, and what checking a
base finds is kept (:class:`ConfigFiles`), so that a chain of bases costs in proportion
to its length, not its square.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Final, NamedTuple, TypeAlias, cast

from mypy.messages import pretty_seq
from mypy.nodes import (
    CallExpr,
    Context,
    DictExpr,
    ExpressionStmt,
    MemberExpr,
    StrExpr,
    TempNode,
)
from mypy.types import AnyType, TypeOfAny

from typed_registry._configs import (
    ConfigDict,
    ConfigFileError,
    ConfigList,
    LoadedConfig,
    Node,
    Origin,
    Part,
    PartBuild,
    PartRule,
    ReadMemory,
    Scalar,
    default_search_path,
    how_built,
    load_config_file,
    rule_applies,
    rule_parts,
)
from typed_registry._index._files import file_stamp, module_file
from typed_registry.mypy import _messages
from typed_registry.mypy._config_literal import ConfigLiteral, read_config_literal
from typed_registry.mypy._dependencies import defining_modules
from typed_registry.mypy._errorcodes import REGISTRY_CONFIG, REGISTRY_NAME
from typed_registry.mypy._features.config_check import check_config_part
from typed_registry.mypy._features.config_memory import MadeOf
from typed_registry.mypy._features.config_modules import (
    SETTING,
    ConfigModules,
    keep_interface,
    reporting,
)
from typed_registry.mypy._features.config_shapes import Shapes
from typed_registry.mypy._features.config_synthesis import Placed, Synthesiser
from typed_registry.mypy._state import (
    capture_errors,
    current_tree_key,
    module_path,
    report_again,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from mypy.errors import ErrorInfo
    from mypy.nodes import Expression, MypyFile
    from mypy.options import Options
    from mypy.plugin import CheckerPluginInterface, DynamicClassDefContext, MethodContext
    from mypy.types import Type

    from typed_registry._configs import ConfigSettings
    from typed_registry.mypy._features.config_memory import ConfigMemory
    from typed_registry.mypy._state import PluginState

#: What a file that cannot be read is hashed as (no file's content begins with a null byte
#: and parses).
_UNREADABLE: Final = b"\0unreadable\0"
#: Messages about keys a config leaves out, which a base file may leave to its children.
_LEFT_OUT: Final = ("Missing named argument", "Missing positional argument", "Missing key")
#: The start of the error for a ``default_scope`` that no registry has.
_NO_SCOPE: Final = "No registry has the default scope"


class ConfigFiles:
    """The config files' checks in one mypy process, and what they keep between files.

    A config file is read with its bases once per process (the configs of a chain share
    them), and what checking a base finds is kept: the files built on it ask for it, and
    without it a chain of bases was read and checked again for every file of the chain.
    The daemon forgets it all on each update (:meth:`forget`), when files may have changed.
    """

    def __init__(self, state: PluginState, options: Options, memory: ConfigMemory) -> None:
        self.state = state
        #: What each config file was made of in the last run (see ``config_memory``).
        self.memory = memory
        self.modules = ConfigModules(options)
        #: The files read, by their absolute path (the loader's), and as they were asked
        #: for: the settings' and mypy's paths, which resolving again cost every file.
        self._loaded = ReadMemory()
        self._asked: dict[Path, LoadedConfig] = {}
        self._base_findings: dict[Path, frozenset[tuple[str, Origin]]] = {}
        self._findings: dict[Path, list[tuple[ErrorInfo, Placed]]] = {}
        #: Each file's stamp, taken before it was read, and the digest of its content.
        self._digests: dict[Path, tuple[tuple[int, int], bytes]] = {}
        #: Each config file's cache digest (see :func:`config_digest`), by its path.
        self.config_digests: dict[str, str] = {}
        #: Module -> the path of its file when mypy names that file otherwise (or None):
        #: asked for every module every config file builds from.
        self.misnamed: dict[str, str | None] = {}
        #: What checking a part found (see :meth:`part_errors`): its errors, with their
        #: lines' places in the part.
        self._part_errors: dict[tuple[object, ...], list[tuple[ErrorInfo, int]]] = {}
        #: The parts' shapes: the parts equal to one checked before take its errors.
        self._shapes = Shapes()
        #: Each dict or list by id -> (it, the ``type`` strings in it): bases share nodes.
        self.type_names: dict[int, tuple[Node, frozenset[str]]] = {}
        #: The scopes of the registries of the settings, seen from each config site.
        self.known_scopes: dict[str, frozenset[str] | None] = {}
        #: Whether what checks find is kept. Not in the daemon: an update checks a config
        #: file again in several passes, some before the signatures it reads are analysed
        #: again, and a check records its triggers as it asks.
        self.keeps_parts = not options.fine_grained_incremental
        #: What :meth:`config_path` found, by the path mypy gives.
        self._config_paths: dict[str, str | None] = {}
        #: The file names of the config files (see ``config_path``).
        self._names: frozenset[str] | None = None
        #: The config files :meth:`load_ahead` has yet to load.
        self._ahead: Iterator[str] | None = None
        #: What :meth:`part_groups` found: (run of rules, the node their parts lie under, how
        #: they are checked) -> (that node, its parts, whether they were checked without an
        #: error).
        self._groups: dict[tuple[object, ...], tuple[Node, list[_Built], bool]] = {}
        #: The rules of the settings (kept: their tuple's id is their own) in runs (see
        #: :meth:`_rule_runs`).
        self._runs: tuple[object, tuple[tuple[str, tuple[PartRule, ...]], ...]] | None = None

    def part_errors(
        self,
        api: CheckerPluginInterface,
        how: _HowChecked,
        synthesiser: Synthesiser,
    ) -> list[tuple[ErrorInfo, int]]:
        """The errors of checking one part, with their made-up lines in ``synthesiser``.

        Checked once per process for its node's shape (``config_shapes``: its content) and
        what else it depends on (:class:`_HowChecked`): the errors are kept with their
        lines' places in the part, which nodes of one shape have in every file's synthesis,
        and each file places them in its own (a value's anchor in the file being checked
        differs between files). A part found kept without errors is not synthesised at all.
        """
        # The daemon keeps nothing (see keeps_parts): no shape to number, nothing to look up.
        key = (self._shapes.number(how.part.node), *how.key()) if self.keeps_parts else None
        kept = None if key is None else self._part_errors.get(key)
        if kept is None:
            lines = synthesiser.lines(how.part.path)
            with capture_errors(api) as watcher:
                how.check(api, self.state, synthesiser.expression(how.part.path))
            kept = [(info, info.line - lines.start) for info in watcher.filtered_errors()]
            if key is not None and all(0 <= offset < len(lines) for _, offset in kept):
                self._part_errors[key] = kept
        if not kept:
            return []
        start = synthesiser.lines(how.part.path).start
        return [(info, start + offset) for info, offset in kept]

    def part_groups(
        self, root: ConfigDict, settings: ConfigSettings, context: _Context
    ) -> list[_PartGroup]:
        """The parts the rules name in the config ``root``, in the rules' order.

        A rule's parts lie under the key its path starts with and depend on that value only:
        config files built on a common base hold the same node there (a dataloader, the
        hooks), whose parts are found once per process; and when they were checked the same
        way (``context``) without an error, not again (on mmseg, 22,810 of 26,750 parts).
        Consecutive rules that start with the same key (``train_dataloader``, its dataset,
        its pipeline) make one group. Not in the daemon, which keeps nothing (see
        ``keeps_parts``).
        """
        groups: list[_PartGroup] = []
        for first, rules in self._rule_runs(settings):
            under = None if first == "*" else root.items.get(first)
            if under is None and first != "*":
                continue  # the key the rules start with is not in the config: no part
            key = None if under is None or not self.keeps_parts else (id(rules), id(under), context)
            kept = None if key is None else self._groups.get(key)
            if kept is not None and kept[0] is under:
                groups.append(_PartGroup(kept[1], key, clean=kept[2]))
                continue
            parts = [
                (part, build)
                for rule in rules
                if rule_applies(rule, root)
                for part in rule_parts(root, rule)
                # Not a dict: not a config, or not known; no build: its builder picks its type.
                if isinstance(part.node, ConfigDict)
                and (build := how_built(rule, part.node)) is not None
            ]
            if key is not None and under is not None:
                self._groups[key] = (under, parts, False)  # the node kept: its id its own
            groups.append(_PartGroup(parts, key, clean=False))
        return groups

    def _rule_runs(self, settings: ConfigSettings) -> tuple[tuple[str, tuple[PartRule, ...]], ...]:
        """The settings' rules in runs of consecutive rules that start with the same key."""
        if self._runs is None or self._runs[0] is not settings.parts:
            runs: list[tuple[str, list[PartRule]]] = []
            for rule in settings.parts:
                if runs and runs[-1][0] == rule.first_key:
                    runs[-1][1].append(rule)
                else:
                    runs.append((rule.first_key, [rule]))
            self._runs = (settings.parts, tuple((first, tuple(rules)) for first, rules in runs))
        return self._runs[1]

    def group_errors(
        self,
        api: CheckerPluginInterface,
        group: _PartGroup,
        context: _Context,
        synthesiser: Synthesiser,
    ) -> list[tuple[ErrorInfo, int]]:
        """The errors of checking a group's parts (see :meth:`part_errors`); none if clean."""
        if group.clean:
            return []
        found: list[tuple[ErrorInfo, int]] = []
        for part, build in group.parts:
            found.extend(self.part_errors(api, _HowChecked(part, build, *context), synthesiser))
        if group.key is not None and not found:
            under, parts, _ = self._groups[group.key]
            self._groups[group.key] = (under, parts, True)
        return found

    def forget(self) -> None:
        """Drop what was read: the daemon loaded modules again, files may have changed."""
        self._loaded.clear()
        self.memory.forget_files()
        for kept in (
            self._asked,
            self._base_findings,
            self._findings,
            self._digests,
            self.config_digests,
            self.misnamed,
            self._part_errors,
            self._groups,
            self.type_names,
            self.known_scopes,
        ):
            kept.clear()
        self._shapes.clear()

    def config_path(self, path: str) -> str | None:
        """The absolute path of the file mypy names ``path``, if it is a config file.

        Asked for every module (its cache digest, its dependencies) and at each ``.copy()``
        of a dict mypy checks (see :func:`on_copy_call`): kept, by the path mypy gives.
        """
        if path not in self._config_paths:
            if self._names is None:
                self._names = frozenset(map(os.path.basename, self.state.config_files()))
            found = None
            if os.path.basename(path) in self._names:  # else no config file: no abspath
                absolute = os.path.abspath(path)
                found = absolute if absolute in self.state.config_files() else None
            self._config_paths[path] = found
        return self._config_paths[path]

    def load(self, path: Path) -> LoadedConfig:
        """The config file at ``path`` with its bases (read once per process).

        Raises:
            ConfigFileError: The file or a base cannot be read.
        """
        # mypy names a file by the path it was given (relative), the checks by its absolute
        # path: one key for both.
        key = Path(os.path.abspath(path))
        found = self._asked.get(key)
        if found is None:
            # ``pkg::path`` bases: from the package ``import`` finds, the project's first.
            search = (*self.state.index.roots, *default_search_path())
            found = self._asked[key] = load_config_file(
                path, memory=self._loaded, search_path=search
            )
            self.memory.remember(
                str(key),
                ((str(file), *self.file_record(file)) for file in found.files),
                config_imports(self.state, found),
            )
        return found

    def load_ahead(self) -> bool:
        """Load the next Python config file of the settings; False: none left.

        The work a cold run does while a helper reads the index (``_prefetch``): the config
        files do not need the index to load, and mypy asks for each one's dependencies
        after. A file that cannot be read is left for its own turn, which reports it.
        """
        if self._ahead is None:
            # Python files only: a YAML, JSON or TOML config is no module mypy checks (on
            # mmseg, the 52 ``metafile.yaml`` of its model folders under ``configs``).
            python = (path for path in self.state.config_files() if path.endswith(".py"))
            self._ahead = iter(sorted(python))
        path = next(self._ahead, None)
        if path is None:
            return False
        with contextlib.suppress(ConfigFileError):
            self.load(Path(path))
        return True

    def file_digest(self, path: Path) -> bytes:
        """A digest of one file's contents."""
        return self.file_record(path)[1]

    def file_record(self, path: Path) -> tuple[tuple[int, int], bytes]:
        """A file's stamp (size and modification time), taken before it was read, and digest.

        A file gone since the loader read it (deleted between two steps of a run) gets the
        digest of no content, which changes when it is back: never an error of the run.
        """
        found = self._digests.get(path)
        if found is None:
            stamp = file_stamp(path)
            try:
                content = path.read_bytes()
            except OSError:
                content = _UNREADABLE
            found = self._digests[path] = (stamp, hashlib.sha256(content).digest())
        return found

    def base_findings(
        self, api: CheckerPluginInterface, base: Path
    ) -> frozenset[tuple[str, Origin]]:
        """What checking the base at ``base`` finds (it reports them itself)."""
        found = self._base_findings.get(base)
        if found is None:
            self.findings(api, base, self.load(base))
            found = self._base_findings[base]
        return found

    def findings(
        self, api: CheckerPluginInterface, path: Path, loaded: LoadedConfig
    ) -> list[tuple[ErrorInfo, Placed]]:
        """What checking config file ``path`` (``loaded``) finds, kept for its bases' users.

        A base is checked when the first config built on it is (to leave out what it
        reports itself), often before its own turn, which takes what that check found. Not
        in the daemon, whose updates check a file in several passes (see ``keeps_parts``).
        """
        found = self._findings.get(path)
        if found is None:
            found = _findings(api, self, loaded)
            if self.keeps_parts:
                self._findings[path] = found
            kept = frozenset((info.message, placed.origin) for info, placed in found)
            self._base_findings.setdefault(path, kept)
        return found


#: Calls that start the check of the config file they are in (see :func:`on_copy_call`):
#: ``dict.copy`` (which :func:`on_dependencies` and :func:`on_dict_assignment` write), and
#: the mutations a ``read_base()`` config makes of its bases' values.
CHECK_STARTS: Final = ("builtins.dict.copy", "builtins.dict.update", "builtins.dict.__setitem__")


def on_dependencies(file: MypyFile, files: ConfigFiles) -> list[str]:
    """Prepare config file ``file`` for its check; the modules its configs build from.

    mypy asks for the dependencies of a module it parsed, before analysing it: the plugin
    appends a call to the module that its check hook answers (:func:`on_copy_call`), so
    that every config file is checked, whatever it holds. Under ``-n`` the workers read
    the parse the coordinator hands them, without asking: the call is appended to that
    parse too (see ``config_modules``).
    """
    defs = file.defs
    # Under -n the coordinator holds the imports only, and only here; the daemon asks again
    # for a tree it parsed before.
    if defs and not _is_check_start(defs[-1]):
        last = defs[-1]
        keep_interface(file)
        file.defs.append(ExpressionStmt(_copy_call(DictExpr([]), last)))
    files.modules.append_for_workers(file, "{}.copy()")  # the same call, for the workers
    return config_dependencies(files, file.path, file.fullname)


def _copy_call(display: DictExpr, context: Context) -> CallExpr:
    copy = CallExpr(MemberExpr(display, "copy"), [], [], [])
    for node in (display, copy.callee, copy):
        node.set_line(context)
    return copy


def _is_check_start(statement: object) -> bool:
    """Whether ``statement`` is the call :func:`on_dependencies` appends."""
    if not isinstance(statement, ExpressionStmt) or not isinstance(statement.expr, CallExpr):
        return False
    callee = statement.expr.callee
    return isinstance(callee, MemberExpr) and isinstance(callee.expr, DictExpr)


def on_dict_assignment(ctx: DynamicClassDefContext, files: ConfigFiles) -> None:
    """Semantic-analysis hook for ``name = dict(...)``: make mypy ask for a check hook.

    mypy has no hook that runs once per module while it is checked, and it checks
    ``dict(key=value)`` as the display ``{"key": value}``, asking no plugin. In a config file
    the value is read as ``{"key": value}.copy()``: the same type, and a call mypy checks
    for real (not among the overloads of ``dict``, where errors are thrown away), asking
    for :func:`on_copy_call`. With the call :func:`on_dependencies` appends, the first of
    them that mypy checks checks the file.
    """
    call = ctx.call
    translated = call.analyzed
    if not isinstance(translated, DictExpr):
        return
    if files.config_path(module_path(ctx.api)) is None:
        return
    call.analyzed = _copy_call(translated, call)


def on_copy_call(ctx: MethodContext, files: ConfigFiles) -> Type:
    """Hook for :data:`CHECK_STARTS`: the first one mypy checks in a config file checks it."""
    api = ctx.api
    state = files.state
    key = current_tree_key(api)
    # Also under a watcher that drops errors (an overload's candidate: ``dict.update`` has
    # overloads): the check keeps its own errors aside and reports them past every watcher.
    if key in state.checked_configs:
        return ctx.default_return_type
    path = files.config_path(key[0])
    if path is not None:
        state.checked_configs.add(key)
        check_config_file(api, files, path)
    return ctx.default_return_type


def check_config_file(api: CheckerPluginInterface, files: ConfigFiles, path: str) -> None:
    """Check config file ``path`` (the module being checked) and report what is wrong."""
    state = files.state
    try:
        loaded = files.load(Path(path))
    except ConfigFileError as error:
        problem = f"cannot read the config: {error}"
        with reporting(api, files.modules):
            api.fail(_messages.invalid_config(problem), Context(1, 0), code=REGISTRY_CONFIG)
        return
    if not files.keeps_parts:  # the daemon: see PluginState.depend_on_names
        state.depend_on_names(api, _names_held(loaded.root, state.config.config_parts))
    reported_by_bases: set[tuple[str, Origin]] = set()
    for base in loaded.files[1:]:
        # A base under the settings' paths is a config file mypy checks, which reports its
        # own mistakes: decided from the settings alone, the same in every process (under
        # -n a worker has loaded only the modules it checks) and from a cache.
        if str(base) in state.config_files():
            reported_by_bases |= files.base_findings(api, base)
    skipped = False
    findings = files.findings(api, Path(path), loaded)
    for info, placed in findings:
        if info.severity != "note":  # a note goes with the error before it
            origin = placed.origin
            skipped = origin.file != path and (info.message, origin) in reported_by_bases
        if not skipped:
            with reporting(api, files.modules):
                _report(api, info, placed, path)
    with reporting(api, files.modules):
        _report_unchecked_imports(api, files, loaded)


def _names_held(root: ConfigDict, rules: Iterable[PartRule]) -> list[str]:
    """Every string a config holds, and the types its rules build when it gives none.

    The names its check may resolve: what a registration changed must check it again.
    """
    names: list[str] = []
    pending: list[Node] = [root]
    while pending:
        node = pending.pop()
        if isinstance(node, ConfigDict):
            pending.extend(node.items.values())
        elif isinstance(node, ConfigList):
            pending.extend(node.items)
        elif isinstance(node, Scalar) and isinstance(node.value, str):
            names.append(node.value)
    for rule in rules:
        names += (*(rule.type_by or ())[1:], *filter(None, [rule.default_type]))
    return names


def _report_unchecked_imports(
    api: CheckerPluginInterface, files: ConfigFiles, loaded: LoadedConfig
) -> None:
    """A note at each ``custom_imports`` module mypy names otherwise (see ``config_modules``)."""
    for module, origin in _custom_imports(loaded):
        if origin.file == str(loaded.path) and _misnamed(files, module) is not None:
            api.msg.note(
                f'custom_imports: the classes of "{module}" are not checked: mypy names its '
                f"files by another module name; set {SETTING} in [tool.mypy]",
                Context(origin.line or 1, origin.column or 0),
                code=REGISTRY_CONFIG,
            )


def _misnamed(files: ConfigFiles, module: str) -> str | None:
    """The path of ``module``'s file when mypy names that file otherwise as a source."""
    if module in files.misnamed:
        return files.misnamed[module]
    found = module_file(files.state.index.roots, module)
    path = None if found is None or found[0] is None else str(found[0])
    misnamed = None if path is None or files.modules.named_alike(path, module) else path
    files.misnamed[module] = misnamed
    return misnamed


def _findings(
    api: CheckerPluginInterface, files: ConfigFiles, loaded: LoadedConfig
) -> list[tuple[ErrorInfo, Placed]]:
    """What checking ``loaded``'s parts reports, each error with where its value came from."""
    state = files.state
    settings = state.config.configs
    assert settings is not None  # this hook is installed only for config files
    root = loaded.root
    site = state.visibility.config_site(config_imports(state, loaded))
    scope = root.items.get("default_scope")
    default_scope = (
        scope.value if isinstance(scope, Scalar) and isinstance(scope.value, str) else None
    )
    checker_module = state.site_module(api)
    state.config_sites[checker_module] = site
    # mypy's errors, each with the made-up line of the node it is about.
    errors: list[tuple[ErrorInfo, int]] = []
    try:
        with capture_errors(api) as watcher:
            missing = default_scope is not None and not _scope_exists(
                api, files, site, default_scope
            )
        errors.extend((info, info.line) for info in watcher.filtered_errors())
        # Which parts lie inside a part depends on the rules that apply to the file.
        switched = tuple(
            (rule.first_key, rule_applies(rule, root))
            for rule in settings.parts
            if rule.unless or rule.only_with
        )
        # A missing default scope: its names would all miss, and a name of any scope is
        # not reported again.
        context: _Context = (
            None if missing else default_scope,
            missing or (loaded.is_base and default_scope is None),
            site,
            loaded.is_base,
            switched,
        )
        groups = files.part_groups(root, settings, context)
        # A part inside another part (the pipeline inside the dataset) is the same
        # expression in both, checked once, by its own rule: the synthesiser notes each
        # part's expression.
        synthesiser = Synthesiser(
            api,
            str(loaded.path),
            root,
            {part.path: part.node for group in groups for part, _ in group.parts},
            state.config_parts,
        )
        if missing:
            with capture_errors(api) as watcher:
                scope_expr = synthesiser.expression("default_scope")
                _report_scope(api, state, cast("str", default_scope), scope_expr)
            errors.extend((info, info.line) for info in watcher.filtered_errors())
        for group in groups:
            errors.extend(files.group_errors(api, group, context, synthesiser))
    finally:
        del state.config_sites[checker_module]
        state.config_parts.clear()
    found: list[tuple[ErrorInfo, Placed]] = []
    dropped = False
    for info, line in errors:
        if info.severity == "note":
            if not dropped:  # a note goes with the error before it
                found.append((info, found[-1][1] if found else synthesiser.placed(line)))
            continue
        # A base may leave keys, and its "type", to the configs built on it, and the
        # imports its names need (their custom_imports): those build on it report them.
        dropped = loaded.is_base and (
            info.message.startswith(_LEFT_OUT)
            or info.message == _messages.invalid_config('it has no "type"')
            or (info.code == REGISTRY_NAME and not info.message.startswith(_NO_SCOPE))
        )
        if not dropped:
            found.append((info, synthesiser.placed_error(info, line)))
    return found


#: A part with how its builder builds it.
_Built: TypeAlias = tuple[Part, PartBuild]
#: How a config file's parts are checked: its default scope (None when it has none, or
#: none that exists), whether the scope is unknown (a base's), its site, whether it is a
#: base, and which rules with an ``unless`` or ``only_with`` apply to it.
_Context: TypeAlias = tuple[str | None, bool, str, bool, tuple[tuple[str, bool], ...]]


class _PartGroup(NamedTuple):
    """The parts a run of rules names in one config file (see :meth:`ConfigFiles.part_groups`)."""

    parts: list[_Built]
    #: Where :meth:`ConfigFiles.part_groups` keeps them (None: not kept).
    key: tuple[object, ...] | None
    #: Whether they were checked the same way without an error before: not checked again.
    clean: bool


class _HowChecked(NamedTuple):
    """One part of one config file, and all else its check depends on.

    A part that several config files share unchanged (a dataloader, the hooks of their
    common base: the same node, merged into each) is checked the same way in each when all
    of this is the same: its errors are kept by :meth:`ConfigFiles.part_errors` once. A
    named tuple: one is made for each part checked in each file (3,940 on mmseg).
    """

    part: Part
    build: PartBuild
    default_scope: str | None
    scope_unknown: bool
    site: str
    is_base: bool
    #: Whether each rule with an ``unless`` or ``only_with`` applies to the file, with the
    #: key its path starts with: which values inside the part are parts of their own
    #: (checked apart) depends on those that start with the part's key (or any key).
    switched: tuple[tuple[str, bool], ...]

    def key(self) -> tuple[object, ...]:
        """What the check depends on besides the node's shape (the rule: the same object)."""
        return (
            id(self.part.rule),
            self.part.path,
            self.build,
            self.default_scope,
            self.scope_unknown,
            self.site,
            self.is_base,
            self._switched_inside(),
        )

    def _switched_inside(self) -> tuple[bool, ...]:
        """Of :attr:`switched`, the rules whose parts may lie inside this part.

        Those of another key lie in another value: a ``model`` checked where an evaluator's
        rule applies is checked as one where it does not (on mmseg, 62 checks fewer).
        """
        first = self.part.rule.first_key
        return tuple(
            applies for key, applies in self.switched if first == "*" or key in (first, "*")
        )

    def check(self, api: CheckerPluginInterface, state: PluginState, expr: Expression) -> None:
        """Check the part, its synthesised expression ``expr`` (mypy's errors report it)."""
        rule, build = self.part.rule, self.build
        if build.refused is not None:
            api.fail(_messages.invalid_config(build.refused), expr, code=REGISTRY_CONFIG)
            return
        check_config_part(
            api,
            state,
            rule.registry,
            _as_built(rule, build, expr),
            default_scope=self.default_scope,
            scope_unknown=self.scope_unknown,
            nested=rule.nested,
            names_only=rule.names_only,
            # What a base leaves out (see _findings): not worked out at all.
            misses_left_out=self.is_base,
        )


def _as_built(rule: PartRule, build: PartBuild, expr: Expression) -> ConfigLiteral:
    """The config of a part as its builder builds it.

    What the builder removes is removed, and what it supplies (its ``default_args``, a
    default ``type``) is given, typed ``Any`` (the type a string).
    """
    cfg = read_config_literal(expr)
    assert cfg is not None  # a synthesised dict display
    items = {key: value for key, value in cfg.items.items() if key not in build.consumes}
    supplied = {key: _any(expr) for key in rule.default_args}
    if build.default_type is not None:
        default_type = supplied["type"] = StrExpr(build.default_type)
        default_type.set_line(expr)  # an error about it is the part's
    built = ConfigLiteral(expr, items, cfg.partial)
    return built.merged_with(ConfigLiteral(expr, supplied, partial=False))


def _known_scopes(api: CheckerPluginInterface, state: PluginState) -> list[str] | None:
    """The scopes of the registries the settings name (None: some scope cannot be known).

    Settings that name no registry (``paths`` alone) know no scope: any may exist.
    """
    if not state.config.config_parts:
        return None
    scopes: list[str] = []
    for rule in state.config.config_parts:
        view = state.site_view(api, rule.registry)
        if view is None or not view.tree.scopes_known:
            return None
        scopes.extend(view.tree.scope(member) for member in view.tree.members.values())
    return list(dict.fromkeys(scopes))


def _scope_exists(api: CheckerPluginInterface, files: ConfigFiles, site: str, scope: str) -> bool:
    """Whether a registry the settings name, seen from ``site``, has ``scope`` (or may)."""
    if site not in files.known_scopes:
        known = _known_scopes(api, files.state)
        if not files.keeps_parts:  # the daemon: each site's views are asked (its triggers)
            return known is None or scope in known
        files.known_scopes[site] = None if known is None else frozenset(known)
    known_here = files.known_scopes[site]
    return known_here is None or scope in known_here


def _report_scope(
    api: CheckerPluginInterface, state: PluginState, scope: str, context: Context
) -> None:
    """The error for a ``default_scope`` that no registry of the settings has."""
    known = _known_scopes(api, state) or []
    message = f'{_NO_SCOPE} "{scope}"; known scopes: {pretty_seq(known, "and")}'
    close = difflib.get_close_matches(scope, known, n=3, cutoff=0.6)  # "pgk" for "pkg"
    if close:
        message += f"; did you mean {pretty_seq(close, 'or')}?"
    api.fail(message, context, code=REGISTRY_NAME)


#: The packages whose registries import ``<scope>.registry`` for a default scope.
_IMPORTING_SCOPES = ("mmengine.", "mmcv.")


def config_imports(state: PluginState, loaded: LoadedConfig) -> tuple[str, ...]:
    """What runs before a config is built: its registries' modules and ``custom_imports``.

    Under MMEngine's registries, also the default scope's ``<scope>.registry``: a build
    under a default scope imports it (``Registry.switch_scope_and_registry``), and with it
    the child registries of that scope, whose ``locations`` register the codebase's names.
    """
    rules = state.config.config_parts
    modules = list(state.registry_modules())
    modules.extend(module for module, _ in _custom_imports(loaded))
    scope = loaded.root.items.get("default_scope")
    if (
        isinstance(scope, Scalar)
        and isinstance(scope.value, str)
        and scope.value.isidentifier()
        and any(rule.registry.startswith(_IMPORTING_SCOPES) for rule in rules)
        and state.index.is_module(f"{scope.value}.registry")
    ):
        modules.append(f"{scope.value}.registry")
    return tuple(modules)


def _custom_imports(loaded: LoadedConfig) -> Iterator[tuple[str, Origin]]:
    """The modules of ``custom_imports=dict(imports=[...])``, with where each was written."""
    custom = loaded.root.items.get("custom_imports")
    imports = custom.items.get("imports") if isinstance(custom, ConfigDict) else None
    names = imports.items if isinstance(imports, ConfigList) else (imports,)
    for item in names:
        if isinstance(item, Scalar) and isinstance(item.value, str):
            yield item.value, item.origin


def config_dependencies(files: ConfigFiles, path: str, module: str) -> list[str]:
    """The modules that define what config file ``path`` (module ``module``) builds.

    Not a module that mypy names otherwise as a source (see ``config_modules``): mypy would
    find its file twice, under two names, and stop.
    """
    state = files.state
    try:
        loaded = files.load(Path(path))
    except ConfigFileError:
        return []  # reported when the file is checked
    site = state.visibility.config_site(config_imports(state, loaded))
    names = _type_names(files, loaded.root)
    found = defining_modules(state.visibility, site, names, module, state.loaded_by_mypy)
    return [name for name in found if _misnamed(files, name) is None]


def _type_names(files: ConfigFiles, node: ConfigDict | ConfigList) -> frozenset[str]:
    """Every string a config holds under a ``type`` key (kept by node: bases share them)."""
    kept = files.type_names.get(id(node))
    if kept is not None and kept[0] is node:
        return kept[1]
    names: set[str] = set()
    if isinstance(node, ConfigDict):
        found = node.items.get("type")
        if isinstance(found, Scalar) and isinstance(found.value, str):
            names.add(found.value)
    for value in node.items.values() if isinstance(node, ConfigDict) else node.items:
        if isinstance(value, ConfigDict | ConfigList):  # a leaf holds no ``type`` key
            names |= _type_names(files, value)
    result = frozenset(names)
    files.type_names[id(node)] = (node, result)  # the node kept: its id stays its own
    return result


def config_digest(files: ConfigFiles, path: str) -> str:
    """A digest of what checking config file ``path`` reads: its files and the index.

    What the file is made of comes from the last run's memory while its files are unchanged
    (mypy asks for every config file's digest on every run), else from reading it. Once per
    process (the daemon: per update), as the files it reads are.
    """
    found = files.config_digests.get(path)
    if found is None:
        found = files.config_digests[path] = _config_digest(files, path)
    return found


def _config_digest(files: ConfigFiles, path: str) -> str:
    state = files.state
    digest = hashlib.sha256()
    made_of = files.memory.recall(path)
    if made_of is None:
        try:
            loaded = files.load(Path(path))
        except ConfigFileError as error:
            digest.update(str(error).encode())
            return digest.hexdigest()[:16]
        made_of = MadeOf(
            tuple((str(file), files.file_digest(file)) for file in loaded.files),
            config_imports(state, loaded),
        )
    for file, content in made_of.files:
        digest.update(file.encode() + b"\0" + content)
    site = state.visibility.config_site(made_of.imports)
    digest.update(state.visibility.config_digest(site).encode())
    return digest.hexdigest()[:16]


def bases_digest(files: ConfigFiles) -> str:
    """A digest of the config files in ``_base_`` folders (for the daemon's snapshot).

    The daemon checks again a file that changed, but not the configs built on it: its
    module's types (``dict[str, object]``) do not change with its values. A changed base
    restarts the daemon instead (see ``_plugin._publish_snapshot``).
    """
    digest = hashlib.sha256()
    for path in sorted(files.state.config_files()):
        if "_base_" in Path(path).parts:
            digest.update(path.encode() + b"\0" + files.file_digest(Path(path)))
    return digest.hexdigest()[:16]


def _any(context: Expression) -> Expression:
    return TempNode(AnyType(TypeOfAny.special_form), context=context)


def _report(api: CheckerPluginInterface, info: ErrorInfo, placed: Placed, file: str) -> None:
    origin = placed.origin
    here = origin.file == file and origin.line is not None
    where = origin if here else placed.anchor or Origin(file, 1, 0)
    context = Context(where.line or 1, where.column or 0)
    message = info.message
    if info.severity != "note" and placed.path:
        message = f"{placed.path}: {message}"
    report_again(api, info, message, context)
    if not here and info.severity != "note":
        base = os.path.relpath(origin.file, os.path.dirname(file))
        line = f":{origin.line}" if origin.line is not None else ""
        report_again(api, info, f"the value comes from {base}{line}", context, note=True)
