"""The runtime :class:`Registry`: a typed, hierarchical mapping from names to callables."""

# _Tree and _RuntimeView are parts of Registry's implementation and read its private state;
# privacy here is by module (this one is private), so pyright's per-class check is off.
# pyright: reportPrivateUsage=false

from __future__ import annotations

import _thread
from types import GenericAlias, MappingProxyType

from typed_registry import _names, _resolution
from typed_registry._build import build_from_cfg
from typed_registry._build_notes import note_build_failure
from typed_registry._locations import Locations, record_change
from typed_registry._scope import DEFAULT_SCOPE, caller_frame, check_scope, infer_scope
from typed_registry.exceptions import DuplicateNameError, LocationImportError, NotRegisteredError

# Not ``typing.TYPE_CHECKING``: importing typing would triple this package's import time;
# mypy and pyright treat any ``TYPE_CHECKING`` name as true (see docs/design.md).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
    from typing import Any, Generic, overload

    from typing_extensions import TypeVar

    from typed_registry._build_func import BuildFunc
    from typed_registry._typed_config import Config
    from typed_registry._validation import ConfigProblem

    # With a default, an unannotated ``Registry("converters")`` is a ``Registry[Any]``, as
    # it is for MMCV/MMEngine code being ported.
    T_co = TypeVar("T_co", covariant=True, default=Any)
    F = TypeVar("F", bound=Callable[..., Any])
    C = TypeVar("C")

    class _GenericRegistry(Generic[T_co]):
        __slots__ = ()

else:
    T_co = None  # only subscripted below, never used at run time

    class _GenericRegistry:
        """``Generic[T_co]`` at run time: subscriptable, without importing typing."""

        __slots__ = ()
        __class_getitem__ = classmethod(GenericAlias)


class _Tree:
    """State shared by every registry of one tree (the registries under one root)."""

    __slots__ = ("failures", "generation", "lock", "members", "pending", "scopes")

    def __init__(self) -> None:
        # Guards every change to the tree and the caches' invalidation. Never held while a
        # location is imported (see Locations.load); reentrant for undoing a failed one.
        self.lock = _thread.RLock()
        self.scopes: dict[str, Registry[Any]] = {}
        self.members: list[Registry[Any]] = []
        # Bumped on every change; a cache fill computed under an older generation is dropped.
        self.generation = 0
        # Whether some registry of the tree has locations not imported yet.
        self.pending = False
        # The registries whose locations failed in the last load, by id.
        self.failures: dict[int, tuple[Registry[Any], LocationImportError]] = {}

    def changed(self) -> None:
        """Invalidate every resolution cache of the tree (call with ``lock`` held)."""
        self.generation += 1
        for member in self.members:
            member._cache.clear()

    def load(self) -> dict[int, tuple[Registry[Any], LocationImportError]]:
        """Import the pending locations of every registry of the tree, then of new ones.

        Any location can register into any registry of the tree (a root's location into a
        child), so a lookup that imported only the locations of the registries it visits
        could miss on its first call what it finds on its second.

        Returns:
            The registries whose locations failed, with their errors, by id. What a failed
            location registered has been undone, so the rest of the tree is as it would be
            without it; lookups that visit a failed registry raise its error.
        """
        failures: dict[int, tuple[Registry[Any], LocationImportError]] = {}
        tried: set[int] = set()
        while True:
            # Again after each round: a location may create registries with locations.
            todo = [m for m in list(self.members) if m._locations.pending and id(m) not in tried]
            if not todo:
                break
            for member in todo:
                tried.add(id(member))
                try:
                    member._locations.load()
                except LocationImportError as error:
                    failures[id(member)] = (member, error)
                else:
                    if not member._locations.pending:
                        # Imported by a location's lookup: if that location fails, these
                        # registrations are undone, and must be made again next time.
                        record_change(None, self._reopener(member))
        self.failures = failures
        with self.lock:  # a registry with locations may join meanwhile and set it again
            self.pending = any(m._locations.pending for m in self.members)
        return failures

    def _reopener(self, member: Registry[Any]) -> Callable[[], None]:
        def reopen() -> None:
            with self.lock:
                member._locations.reopen()
                self.pending = True

        return reopen

    def failures_for_suggestions(self) -> dict[int, tuple[Registry[Any], LocationImportError]]:
        """The failures of the last load, loading again only if a pending one is untried."""
        failures = self.failures
        untried = [m for m in list(self.members) if m._locations.pending and id(m) not in failures]
        return self.load() if untried else failures


class _RuntimeView:
    """The :class:`~typed_registry._resolution.TreeView` of live registries.

    The tree's locations are imported before a lookup starts (see ``_Tree.load``); a
    registry whose locations failed then fails every lookup that visits it.
    """

    __slots__ = ("failures",)

    def __init__(self, failures: dict[int, tuple[Registry[Any], LocationImportError]]) -> None:
        self.failures = failures

    def parent(self, node: Registry[Any], /) -> Registry[Any] | None:
        return node._parent

    def own(self, node: Registry[Any], name: str, /) -> Callable[..., Any] | None:
        self._check(node)
        return node._entries.get(name)

    def by_scope(self, node: Registry[Any], scope: str, /) -> Registry[Any] | None:
        found = node._tree.scopes.get(scope)
        if found is None:
            # A failed location might have created the registry of that scope.
            self._check(node)
        return found

    def scope(self, node: Registry[Any], /) -> str:
        return node._scope

    def names(self, node: Registry[Any], /) -> Iterable[str]:
        with node._tree.lock:
            return list(node._entries)

    def tree(self, node: Registry[Any], /) -> Iterable[Registry[Any]]:
        return list(node._tree.members)

    def _check(self, node: Registry[Any]) -> None:
        failed = self.failures.get(id(node)) if self.failures else None
        if failed is not None:
            raise failed[1]


_VIEW = _RuntimeView({})


class _SuggestionView(_RuntimeView):
    """The view 'did you mean' reads: a registry whose locations fail to import is empty.

    Suggestions read every registry of the tree, including ones the lookup never reached, and
    a broken location there must not turn a miss into a LocationImportError, which
    ``except KeyError`` handlers would not catch. The failures are kept for the error's notes;
    the failed locations stay pending, so the next lookup imports them again.
    """

    __slots__ = ()

    def own(self, node: Registry[Any], name: str, /) -> Callable[..., Any] | None:
        return None if id(node) in self.failures else node._entries.get(name)

    def by_scope(self, node: Registry[Any], scope: str, /) -> Registry[Any] | None:
        return node._tree.scopes.get(scope)

    def names(self, node: Registry[Any], /) -> Iterable[str]:
        return [] if id(node) in self.failures else super().names(node)


# dict.copy, typed for the fast path of Registry.build, which calls it on a Mapping only after
# checking that its class is exactly dict (a narrowing neither checker can express).
_copy_dict: Callable[[Mapping[str, Any]], dict[str, Any]] = dict.copy  # type: ignore[assignment]


def _check_constructor_args(name: object, parent: object, build_func: object) -> None:
    # Checked at run time too: registries are often created from untyped code.
    if not isinstance(name, str):
        msg = f"a registry's name must be a string, not {type(name).__name__}"
        raise TypeError(msg)
    if not name:
        msg = "a registry's name must be a non-empty string"
        raise ValueError(msg)
    if parent is not None and not isinstance(parent, Registry):
        msg = f"parent must be a Registry or None, not {type(parent).__name__}"
        raise TypeError(msg)
    if build_func is not None and not callable(build_func):
        msg = f"build_func must be callable or None, not {type(build_func).__name__}"
        raise TypeError(msg)


def _check_force(force: object) -> None:
    # Not truthiness: force="no" would replace entries. MMCV and MMEngine raise this too.
    if not isinstance(force, bool):
        msg = f"force must be a boolean, but got {type(force).__name__}"
        raise TypeError(msg)


class Registry(_GenericRegistry[T_co]):
    """A registry of classes and functions that build objects of type ``T_co``.

    Names map to callables; :meth:`build` turns a config such as
    ``{"type": "ResNet", "depth": 50}`` into an object. Registries form trees: a child
    resolves unscoped names in itself, then its ancestors, and ``"scope.Name"`` reaches the
    registry with that scope anywhere in the same tree (see :doc:`/resolution`).

    Args:
        name: A label used in messages and tables (registries are found by scope, not name).
        build_func: How :meth:`build` turns a config into an object; by default the
            parent's, else :func:`~typed_registry.build_from_cfg`.
        parent: The parent registry; the new registry joins the parent's tree.
        scope: A non-empty string without ``.``, unique in the tree. None infers the
            top-level package of the module creating the registry (``"__main__"`` in a
            script).
        locations: Modules to import, once and lazily, before the first lookup that reads
            this registry: the modules whose import registers its entries.

    Raises:
        ValueError: the scope is invalid, clashes with another in the tree, or cannot be
            inferred.

    Example:
        >>> from typing import Protocol
        >>> from typed_registry import Registry
        >>> class Model(Protocol):
        ...     def forward(self, x: int) -> int: ...
        >>> MODELS: Registry[Model] = Registry("models", scope="zoo")
        >>> @MODELS.register_module()
        ... class Double:
        ...     def __init__(self, factor: int = 2) -> None:
        ...         self.factor = factor
        ...
        ...     def forward(self, x: int) -> int:
        ...         return x * self.factor
        >>> MODELS.build({"type": "Double", "factor": 3}).forward(2)
        6
        >>> "Double" in MODELS, "zoo.Double" in MODELS, "Triple" in MODELS
        (True, True, False)
    """

    __slots__ = (
        "__weakref__",
        "_build_func",
        "_cache",
        "_children",
        "_entries",
        "_locations",
        "_name",
        "_parent",
        "_scope",
        "_sites",
        "_tree",
    )

    _build_func: BuildFunc[T_co]
    _cache: dict[str, Callable[..., T_co]]
    _children: dict[str, Registry[Any]]
    _entries: dict[str, Callable[..., T_co]]
    _locations: Locations
    _name: str
    _parent: Registry[Any] | None
    _scope: str
    _sites: dict[str, str]
    _tree: _Tree

    def __init__(
        self,
        name: str,
        build_func: BuildFunc[T_co] | None = None,
        parent: Registry[Any] | None = None,
        scope: str | None = None,
        locations: Sequence[str] = (),
    ) -> None:
        _check_constructor_args(name, parent, build_func)
        frame = caller_frame(1)
        if scope is None:
            scope = infer_scope(frame, self)
        self._name = name
        self._scope = check_scope(scope)
        self._parent = parent
        self._entries = {}
        self._sites = {}
        self._children = {}
        # Resolved keys (scoped or not) to entries; filled by lookups, emptied on any change
        # to the tree. It is what makes a hit cost one dict lookup.
        self._cache = {}
        self._locations = Locations(self._name, self._scope, locations)
        if build_func is None:
            build_func = build_from_cfg if parent is None else parent._build_func
        self._build_func = build_func
        tree = _Tree() if parent is None else parent._tree
        with tree.lock:
            clash = tree.scopes.get(self._scope)
            if clash is not None:
                msg = (
                    f"scope {self._scope!r} is already used by registry {clash._name!r} in "
                    f"this tree (root {clash.root._name!r}, scope {clash.root._scope!r}); "
                    "scopes must be unique within a tree"
                )
                raise ValueError(msg)
            self._tree = tree
            tree.scopes[self._scope] = self
            tree.members.append(self)
            if parent is not None:
                parent._children[self._scope] = self
            if self._locations.pending:
                tree.pending = True
            tree.changed()
        if parent is not None:  # a new root's tree is its own: nothing else to undo
            record_change(_names.module_of(frame), lambda: self._leave_tree(parent))

    def _leave_tree(self, parent: Registry[Any]) -> None:
        """Undo joining the tree: the location that created this registry failed."""
        tree = self._tree
        with tree.lock:
            del tree.scopes[self._scope], parent._children[self._scope]
            tree.members[:] = [m for m in tree.members if m is not self]
            tree.changed()

    # -- identity and hierarchy -------------------------------------------------------

    @property
    def name(self) -> str:
        """The label given at construction."""
        return self._name

    @property
    def scope(self) -> str:
        """The prefix naming this registry in keys such as ``"zoo.A"``; unique in its tree."""
        return self._scope

    @property
    def parent(self) -> Registry[Any] | None:
        """The parent registry, or None for a root."""
        return self._parent

    @property
    def root(self) -> Registry[Any]:
        """The root of this registry's tree (the registry itself for a root)."""
        node: Registry[Any] = self
        while node._parent is not None:
            node = node._parent
        return node

    @property
    def children(self) -> Mapping[str, Registry[Any]]:
        """A read-only view of the direct children, by scope."""
        return MappingProxyType(self._children)

    def find_scope(self, scope: str) -> Registry[Any] | None:
        """Return the registry of this tree whose scope is ``scope``, or None.

        Example:
            >>> from typed_registry import Registry
            >>> ROOT: Registry[object] = Registry("models", scope="core")
            >>> DET: Registry[object] = Registry("models", scope="det", parent=ROOT)
            >>> DET.find_scope("core") is ROOT, ROOT.find_scope("det") is DET
            (True, True)
            >>> print(ROOT.find_scope("seg"))
            None
        """
        return self._tree.scopes.get(scope)

    @property
    def build_func(self) -> BuildFunc[T_co]:
        """The function :meth:`build` delegates to."""
        return self._build_func

    @property
    def locations(self) -> tuple[str, ...]:
        """The modules imported before the first lookup that reads this registry."""
        return self._locations.modules

    @property
    def module_dict(self) -> Mapping[str, Callable[..., T_co]]:
        """A read-only copy of this registry's own entries (after importing its locations).

        A copy, taken under the tree's lock, so that iterating it is safe while another
        thread registers (MMEngine returns its live dict).
        """
        self._load()
        with self._tree.lock:
            return MappingProxyType(dict(self._entries))

    # -- registration ---------------------------------------------------------------

    if TYPE_CHECKING:
        # ``force`` is positional because MMCV and MMEngine take it so (FBT001/FBT002).
        @overload
        def register_module(
            self,
            name: str | Sequence[str] | None = None,
            force: bool = False,  # noqa: FBT001, FBT002
            module: None = None,
        ) -> Callable[[F], F]: ...
        @overload
        def register_module(
            self,
            name: str | Sequence[str] | None,
            force: bool,  # noqa: FBT001
            module: F,
        ) -> F: ...
        @overload
        def register_module(
            self,
            name: str | Sequence[str] | None = None,
            force: bool = False,  # noqa: FBT001, FBT002
            *,
            module: F,
        ) -> F: ...

    def register_module(
        self,
        name: str | Sequence[str] | None = None,
        force: bool = False,  # noqa: FBT001, FBT002
        module: Callable[..., Any] | None = None,
    ) -> Callable[..., Any]:
        """Register a class or function, as a decorator or directly with ``module=``.

        Args:
            name: None to use the object's ``__name__``, a name, or a sequence of names
                (aliases). A name is a non-empty string without ``.``.
            force: Replace entries that already hold these names instead of raising.
            module: The object to register now; omit it to get a decorator.

        Returns:
            The decorator, or ``module`` itself; the object is never wrapped or changed.

        Raises:
            DuplicateNameError: a name is taken and ``force`` is false (nothing is
                registered then, not even the other aliases).
            TypeError: the object is not a class or function (any callable is accepted
                when ``name`` is given), a name is not a string, or ``force`` is not a
                bool. A class or function given as ``name`` (MMCV 1.x's deprecated
                ``register_module(Cls)``, or ``@register_module`` without parentheses) is a
                TypeError whose message shows the two forms to use instead.
            ValueError: a name is empty, contains ``.``, or is given twice.

        Example:
            >>> from typed_registry import Registry
            >>> OPS: Registry[int] = Registry("ops", scope="math")
            >>> @OPS.register_module(name=["add", "plus"])
            ... def add(a: int, b: int) -> int:
            ...     return a + b
            >>> OPS.build({"type": "plus", "a": 1, "b": 2})
            3
            >>> _ = OPS.register_module("neg", module=lambda a: -a)
            >>> OPS.build({"type": "neg", "a": 5})
            -5
        """
        # The registration site is the line that calls register_module (the decorator line).
        frame = caller_frame(1)
        site = _names.describe_site(frame)
        registrant = _names.module_of(frame)
        _check_force(force)
        names = _names.check_names(name)
        if module is not None:
            self._register(module, names, force=force, site=site, registrant=registrant)
            return module

        def register(obj: F) -> F:
            self._register(obj, names, force=force, site=site, registrant=registrant)
            return obj

        return register

    def _register(
        self,
        obj: object,
        names: tuple[str, ...] | None,
        *,
        force: bool,
        site: str,
        registrant: str | None,
    ) -> None:
        if not callable(obj):
            msg = f"only classes and functions can be registered, not {_names.describe(obj)}"
            raise TypeError(msg)
        if names is None:
            names = (_names.name_of(obj),)
        with self._tree.lock:
            if not force:
                for taken in (n for n in names if n in self._entries):
                    existing = self._describe_entry(taken)
                    msg = (
                        f"{taken!r} is already registered in registry {self._name!r} "
                        f"(scope {self._scope!r}): {existing}; pass force=True to replace it"
                    )
                    raise DuplicateNameError(msg, name=taken, existing=existing)
            replaced = [(n, self._entries.get(n), self._sites.get(n)) for n in names]
            for n in names:
                # T_co is a static promise (checked by the plugin's registry-bound).
                self._entries[n] = obj  # pyright: ignore[reportArgumentType]
                self._sites[n] = site
            self._tree.changed()
        record_change(registrant, lambda: self._unregister(obj, replaced))

    def _unregister(
        self, obj: object, replaced: list[tuple[str, Callable[..., T_co] | None, str | None]]
    ) -> None:
        """Undo a registration made by a location that failed: restore what it replaced."""
        with self._tree.lock:
            for n, previous, site in replaced:
                if self._entries.get(n) is not obj:  # replaced again since: keep that
                    continue
                if previous is None or site is None:
                    del self._entries[n], self._sites[n]
                else:
                    self._entries[n], self._sites[n] = previous, site
            self._tree.changed()

    def _describe_entry(self, name: str) -> str:
        return f"{_names.describe(self._entries[name])}, registered at {self._sites[name]}"

    # -- lookup -------------------------------------------------------------------------

    def get(self, key: str) -> Callable[..., T_co] | None:
        """Return the entry ``key`` resolves to from this registry, or None.

        ``key`` is ``"Name"`` (this registry, then its ancestors) or ``"scope.Name"`` (the
        registry with that scope anywhere in the tree). Nothing is ever imported from the key.

        Raises:
            TypeError: ``key`` is not a string.
            LocationImportError: a location of a registry on the lookup path failed to import.
        """
        try:
            found = self._cache.get(key)
        except TypeError:  # unhashable, so certainly not a string
            found = None
        if found is None:
            return self._resolve(key)
        return found

    def _resolve(self, key: object) -> Callable[..., T_co] | None:
        if not isinstance(key, str):
            msg = f"registry keys are strings, not {type(key).__name__}"
            raise TypeError(msg)
        tree = self._tree
        failures = tree.load() if tree.pending else None
        generation = tree.generation
        found = _resolution.resolve(_RuntimeView(failures) if failures else _VIEW, self, key)
        if found is not None:
            with tree.lock:
                # A registration made while we resolved may have changed the answer.
                if tree.generation == generation:
                    self._cache[key] = found
        return found

    def _load(self) -> None:
        """Import the tree's locations, as a lookup does; raise if this registry's failed."""
        if self._tree.pending:
            failed = self._tree.load().get(id(self))
            if failed is not None:
                raise failed[1]

    def __getitem__(self, key: str) -> Callable[..., T_co]:
        """Return the entry ``key`` resolves to.

        Raises:
            NotRegisteredError: ``key`` does not resolve; the message suggests close keys.
            TypeError: ``key`` is not a string.
        """
        found = self.get(key)
        if found is None:
            raise self.not_registered(key)
        return found

    def __contains__(self, key: object) -> bool:
        """Whether ``key`` resolves from this registry (a non-string key is a TypeError)."""
        return self.get(key) is not None  # type: ignore[arg-type]  # checked by get

    def __len__(self) -> int:
        """The number of this registry's own names (aliases count once each)."""
        self._load()
        return len(self._entries)

    def __iter__(self) -> Iterator[str]:
        """Iterate over this registry's own names, in registration order (a snapshot)."""
        self._load()
        with self._tree.lock:
            return iter(list(self._entries))

    def not_registered(self, key: str) -> NotRegisteredError:
        """Return the error for ``key`` missing from this registry, with suggestions.

        Suggestions come from every registry of the tree, whose locations this imports. A
        registry whose locations fail to import offers none, and a note on the error says
        which location failed and why: the error is a NotRegisteredError all the same.
        """
        # Imported here: only error paths need it, and import time is a target.
        from typed_registry import _messages  # noqa: PLC0415

        view = _SuggestionView(self._tree.failures_for_suggestions())
        error = _messages.not_registered_error(
            view, self, key, registry_name=self._name, locations=self._locations.modules
        )
        for node, failure in view.failures.values():
            error.add_note(_messages.skipped_suggestions_note(node._scope, failure))
        return error

    # -- building -----------------------------------------------------------------------

    if TYPE_CHECKING:
        # A Config[C] (from cfg()) builds a C; any other mapping a T_co. A Config is a
        # Mapping, so its overload comes first.
        @overload
        def build(self, cfg: Config[C], *args: Any, **kwargs: Any) -> C: ...
        # A list of configs: only a custom build_func builds one (MMEngine's builds an
        # ``nn.Sequential``, a model, from a list for its MODELS).
        @overload
        def build(
            self, cfg: Mapping[str, Any] | Sequence[Mapping[str, Any]], *args: Any, **kwargs: Any
        ) -> T_co: ...

    def build(self, cfg: Any, *args: Any, **kwargs: Any) -> Any:  # the overloads' union
        """Build an object from ``cfg`` with this registry's ``build_func``.

        Calls ``build_func(cfg, *args, registry=self, **kwargs)``. With the default
        :func:`~typed_registry.build_from_cfg`, ``default_args`` may also be passed
        positionally (``REG.build(cfg, {"depth": 50})``), which MMEngine rejects with
        "multiple values for argument 'registry'".

        A :class:`~typed_registry.Config` made by :func:`~typed_registry.cfg` is built like
        the dict it is, and type checkers type the result as its class (``build(cfg(ResNet,
        depth=50))`` is a ``ResNet``); its class is called directly, without a lookup, as
        for any config whose ``type`` is a class.

        Example:
            >>> from typed_registry import Registry
            >>> NUMBERS: Registry[complex] = Registry("numbers", scope="num")
            >>> _ = NUMBERS.register_module("complex", module=complex)
            >>> NUMBERS.build(cfg={"type": "complex", "real": 1}, default_args={"imag": 2})
            (1+2j)

        A list of configs goes to a custom ``build_func`` as it is (MMEngine's builds each
        of its configs); the default one rejects it.
        """
        build_func = self._build_func
        if build_func is not build_from_cfg:
            return build_func(cfg, *args, registry=self, **kwargs)
        if not args and not kwargs and cfg.__class__ is dict:
            # The common case, inlined: a plain dict whose type is a cached key, no scope.
            # It behaves exactly as build_from_cfg does (the tests check both paths against
            # one model) at about half the cost; anything unusual takes the general path.
            # Copied before it is read: another thread may change cfg meanwhile, and what is
            # built must be one version of it.
            given = _copy_dict(cfg)
            obj_type = given.pop("type", None)
            constructor = self._cache.get(obj_type) if type(obj_type) is str else None
            if constructor is not None and "_scope_" not in given and DEFAULT_SCOPE.get() is None:
                try:
                    return constructor(**given)
                except Exception as error:
                    replacement = note_build_failure(error, obj_type, self, cfg, given)
                    if replacement is not None:
                        raise replacement from None
                    raise
        # Positional: this maps a positional default_args onto its parameter instead of
        # colliding with ``registry`` (MMEngine's "multiple values for argument").
        return build_from_cfg(cfg, self, *args, **kwargs)

    # -- checking -----------------------------------------------------------------------

    def validate(
        self,
        cfg: Mapping[str, Any],
        default_args: Mapping[str, Any] | None = None,
        *,
        registries: Iterable[Registry[Any]] = (),
    ) -> list[ConfigProblem]:
        """Return what :meth:`build` would find wrong with ``cfg``, without building it.

        The checks of ``typed-registry check`` (see :doc:`/checking-configs`): the ``type``
        resolves from this registry (under the default scope, as ``build`` resolves it), the
        keys are parameters of what it names and no required one is missing (keys of
        ``default_args`` count as given), the values match the parameters' annotations, and
        nested configs are checked against the registry that builds them: the one their
        parameter's :class:`~typed_registry.ConfigFor` names, else the one registry of this
        tree or of ``registries`` where their ``type`` resolves. Nothing is built or
        imported, and ``cfg`` is not modified.

        Raises:
            TypeError: ``cfg`` is not a mapping.

        Example:
            >>> from typed_registry import Registry
            >>> NETS: Registry[object] = Registry("nets", scope="validate_demo")
            >>> @NETS.register_module()
            ... class Net:
            ...     def __init__(self, depth: int, bias: bool = False) -> None:
            ...         self.depth = depth
            >>> for problem in NETS.validate({"type": "Net", "dpth": 50, "bias": "no"}):
            ...     print(problem)
            dpth: Unexpected keyword argument "dpth" for "Net"; did you mean "depth"?  [call-arg]
            Missing named argument "depth" for "Net"  [call-arg]
            bias: Argument "bias" to "Net" has incompatible type "str"; expected "bool"  [arg-type]
            >>> NETS.validate({"type": "Net", "depth": 50})
            []
        """
        from typed_registry import _validation  # noqa: PLC0415  # typeguard: only checks need it

        return _validation.validate(self, cfg, default_args, registries)

    def to_plain(
        self, cfg: Mapping[str, Any], *, registries: Iterable[Registry[Any]] = ()
    ) -> dict[str, Any]:
        """Return ``cfg`` as the plain config a string config would be.

        Every :class:`~typed_registry.Config` in ``cfg`` (``cfg`` itself, or nested in its
        dicts, lists and tuples) becomes a dict whose ``type`` is the key that builds its
        class from this registry: its name (the first one it was registered under) where
        that resolves to it, else ``"scope.Name"`` for a class registered elsewhere in the
        tree. Keys are resolved as :meth:`build` resolves them now, from the registry of
        the default scope if one is set. A class in none of this tree's registries is
        looked for in the trees of ``registries``, in order (a nested config that another
        registry builds). The result shares no dict, list or tuple with ``cfg``, which is
        never modified; dicts that are not Configs, and their ``type``, are copied as they
        are.

        Raises:
            NotRegisteredError: a Config's class is registered in none of these trees (the
                message says where it is in ``cfg``).
            TypeError: ``cfg`` is not a mapping.

        Example:
            >>> from typed_registry import Registry, cfg
            >>> ROOT: Registry[object] = Registry("models", scope="plain_root")
            >>> DET: Registry[object] = Registry("models", scope="plain_det", parent=ROOT)
            >>> @DET.register_module()
            ... class Head:
            ...     def __init__(self, classes: int) -> None:
            ...         self.classes = classes
            >>> DET.to_plain(cfg(Head, classes=80))
            {'type': 'Head', 'classes': 80}
            >>> ROOT.to_plain(cfg(Head, classes=80))
            {'type': 'plain_det.Head', 'classes': 80}
            >>> ROOT.build(ROOT.to_plain(cfg(Head, classes=80))).classes
            80
        """
        from typed_registry import _plain  # noqa: PLC0415  # only serialization needs it

        return _plain.to_plain(self, cfg, registries)

    # -- rendering ----------------------------------------------------------------------

    def table(self) -> str:
        """Render this registry's own entries as a text table.

        Example:
            >>> from typed_registry import Registry
            >>> UNITS: Registry[float] = Registry("units", scope="units")
            >>> _ = UNITS.register_module("float", module=float)
            >>> print(UNITS.table())  # doctest: +ELLIPSIS
            Registry 'units' (scope 'units')
            name   kind   object          registered at
            -----  -----  --------------  ---...
            float  class  builtins.float  ...:1
        """
        from typed_registry import _table  # noqa: PLC0415  # only tables need it

        self._load()
        with self._tree.lock:
            entries = list(self._entries.items())
            sites = dict(self._sites)
        rows = [(n, _names.kind_of(obj), _names.describe(obj), sites[n]) for n, obj in entries]
        title = f"Registry {self._name!r} (scope {self._scope!r})"
        return _table.render(title, ("name", "kind", "object", "registered at"), rows)

    def __repr__(self) -> str:
        parent = "None" if self._parent is None else repr(self._parent._scope)
        return (
            f"Registry(name={self._name!r}, scope={self._scope!r}, parent={parent}, "
            f"entries={list(self._entries)!r})"
        )
