"""``REG.build(cfg)``, ``REG.get(key)``, ``REG[key]`` and ``build_from_cfg(cfg, REG)``.

By default mypy sees ``MODELS.build(dict(type="ResNe", dpth=50))`` as a call taking a
``Mapping[str, Any]`` and returning ``T``: the typo and the wrong keyword surface hours into
a job. This plugin resolves a literal ``type`` with the runtime's rule (``registry-name``
when it does not resolve), checks the other keys against the registered constructor with
mypy's own call checking, checks nested config literals, and refines the result to the
registered class (or the function's return type).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, NamedTuple, TypeGuard

from mypy.maptype import map_instance_to_supertype
from mypy.nodes import (
    ARG_NAMED,
    ARG_POS,
    ARG_STAR,
    ARG_STAR2,
    BytesExpr,
    CallExpr,
    ComplexExpr,
    DictExpr,
    FloatExpr,
    IndexExpr,
    IntExpr,
    ListExpr,
    MemberExpr,
    NameExpr,
    RefExpr,
    StrExpr,
    TupleExpr,
    TypeInfo,
)
from mypy.types import (
    AnyType,
    FunctionLike,
    Instance,
    TypeOfAny,
    UninhabitedType,
    get_proper_type,
)

from typed_registry._index._builders import DEFAULT, BuilderRule, builder_rule
from typed_registry.mypy import _fullnames, _messages
from typed_registry.mypy._config_flow import traced_config, traced_list
from typed_registry.mypy._config_literal import ConfigLiteral, read_config_literal
from typed_registry.mypy._contracts import Contract, declared_contract
from typed_registry.mypy._errorcodes import REGISTRY_CONFIG, REGISTRY_NAME
from typed_registry.mypy._signatures import (
    check_keywords,
    check_typeddict,
    lookup_result_type,
    signature_of,
)
from typed_registry.mypy._state import defining_file, in_function, module_tree
from typed_registry.mypy._syntax import is_none, registry_ref

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from mypy.nodes import Expression
    from mypy.plugin import CheckerPluginInterface, FunctionContext, MethodContext
    from mypy.types import Type

    from typed_registry._index import Registration
    from typed_registry.mypy._state import PluginState
    from typed_registry.mypy._static_tree import StaticRegistry
    from typed_registry.mypy._visibility import SiteView

#: Keys a config uses for itself rather than passing to the constructor.
_RESERVED = ("type", "_scope_")


def on_build(ctx: MethodContext, state: PluginState) -> Type:
    """Hook for ``REG.build(cfg, ...)`` (and a subclass's ``build``, whatever its parameters)."""
    call = ctx.context
    if not isinstance(call, CallExpr) or not isinstance(call.callee, MemberExpr):
        return ctx.default_return_type
    arguments = _BuildArguments.of(ctx, registry_formal=None)
    if arguments is None or arguments.cfg is None:
        return ctx.default_return_type
    built = _built_from_any([arguments.cfg_type], [ctx.type])
    if built is not None:
        return built
    if _config_overload_on_other(ctx):
        return ctx.default_return_type
    if isinstance(arguments.cfg, ListExpr | TupleExpr):
        _check_list(ctx.api, state, call.callee.expr, arguments.cfg)
        return ctx.default_return_type
    refined = _check_site(ctx.api, state, call.callee.expr, arguments)
    return ctx.default_return_type if refined is None else refined


def on_build_from_cfg(ctx: FunctionContext, state: PluginState) -> Type:
    """Hook for ``build_from_cfg(cfg, REG, default_args=...)``."""
    arguments = _BuildArguments.of(ctx, registry_formal="registry")
    if arguments is None or arguments.cfg is None:
        return ctx.default_return_type
    built = _built_from_any([arguments.cfg_type], arguments.registry_types)
    if built is not None:
        return built
    refined = _check_site(ctx.api, state, arguments.registry, arguments, direct=True)
    return ctx.default_return_type if refined is None else refined


class _BuildArguments(NamedTuple):
    """What a build call passes, read from the call's actual arguments by parameter name.

    mypy hands a hook one list of actual arguments per formal parameter of the callee it
    chose: ``build(self, cfg, *args, **kwargs)`` called on a registry, but also
    ``Registry.build(self, cfg, ...)`` called on the class (a formal more) or a subclass's
    own ``build`` with any parameters. So the formals are found by name, never by position.
    """

    #: The config, when given once, positionally or by name (not in ``*``/``**``).
    cfg: Expression | None
    cfg_type: Type
    #: The ``default_args``, when given once in a way that can be read.
    default_args: Expression | None
    #: Whether arguments are passed in a way no check can read (``*a``, ``**kw``): they may
    #: hold ``default_args``, which complete the config.
    defaults_unknown: bool
    #: ``build_from_cfg``'s registry argument, and its type.
    registry: Expression | None = None
    registry_types: list[Type] = []  # noqa: RUF012  # a NamedTuple's default, never mutated

    @staticmethod
    def of(
        ctx: MethodContext | FunctionContext, registry_formal: str | None
    ) -> _BuildArguments | None:
        """Read the call's arguments; None when it has no ``cfg`` parameter."""
        names = ctx.callee_arg_names
        if "cfg" not in names:
            return None
        cfg_index = names.index("cfg")
        cfg = _plain_single(ctx, cfg_index)
        cfg_type = (
            ctx.arg_types[cfg_index][0]
            if len(ctx.arg_types[cfg_index]) == 1
            else AnyType(TypeOfAny.special_form)
        )
        unknown = any(kind in {ARG_STAR, ARG_STAR2} for kinds in ctx.arg_kinds for kind in kinds)
        default_args: Expression | None = None
        if "default_args" in names:
            default_args = _plain_single(ctx, names.index("default_args"))
        elif names[cfg_index + 1 :] == ["args", "kwargs"]:
            # Registry.build's own ``*args, **kwargs``: build_func(cfg, *args, **kwargs).
            positional = ctx.args[cfg_index + 1]
            keywords = dict(zip(ctx.arg_names[cfg_index + 2], ctx.args[cfg_index + 2], strict=True))
            default_args = keywords.get("default_args", positional[0] if positional else None)
        else:
            unknown = True  # a subclass's own parameters: what they do is unknown
        registry = None
        registry_types: list[Type] = []
        if registry_formal is not None and registry_formal in names:
            registry_index = names.index(registry_formal)
            registry = _plain_single(ctx, registry_index)
            registry_types = ctx.arg_types[registry_index]
        return _BuildArguments(cfg, cfg_type, default_args, unknown, registry, registry_types)


def _plain_single(ctx: MethodContext | FunctionContext, formal: int) -> Expression | None:
    """The one actual argument of ``formal``, if passed positionally or by name."""
    actuals = ctx.args[formal]
    if len(actuals) != 1 or ctx.arg_kinds[formal][0] not in {ARG_POS, ARG_NAMED}:
        return None
    return actuals[0]


def on_declared_builder(ctx: FunctionContext, state: PluginState, params: dict[str, str]) -> Type:
    """Hook for a call of a function whose parameters ``ConfigFor`` declares (a wrapper builder).

    ``build_norm_layer(dict(type="BNN"), 64)``: each config argument is checked against the
    registry its parameter names, as the contract says (see ``_contracts``). Like a nested
    config, what the builder adds is unknown unless it declares ``supplies``.
    """
    function = ctx.context.callee if isinstance(ctx.context, CallExpr) else None
    target = function.fullname if isinstance(function, RefExpr) else ""
    node = state.lookup_target(ctx.api, target) if target else None
    path = None if node is None else defining_file(ctx.api, node, target)
    for index, name in enumerate(ctx.callee_arg_names):
        registry = None if name is None else params.get(name)
        value = _plain_single(ctx, index)
        view = None if registry is None else state.site_view(ctx.api, registry)
        if view is None or value is None:
            continue
        contract = declared_contract(node, path, name or "")
        builder = _builder(view, view.start)
        site = _Site(
            ctx.api,
            state,
            view,
            not builder.keywords,
            nested=True,
            line=ctx.context.line,
            builder=builder,
        )
        for cfg in _configs_in([value], site):
            _check_config(site, view.start, cfg, contract)
    return ctx.default_return_type


def on_get(ctx: MethodContext, state: PluginState) -> Type:
    """Hook for ``REG.get(key)`` and ``REG[key]``: refine a hit, report a miss."""
    expr = ctx.context
    if isinstance(expr, CallExpr) and isinstance(expr.callee, MemberExpr):
        receiver = expr.callee.expr
    elif isinstance(expr, IndexExpr):
        receiver = expr.base
    else:
        return ctx.default_return_type
    key = _single(ctx.args[0])
    var = registry_ref(receiver)
    if not isinstance(key, StrExpr) or var is None:
        return ctx.default_return_type
    view = state.site_view(ctx.api, var)
    if view is None:
        return ctx.default_return_type
    registration = view.tree.resolve(view.start, key.value)
    if registration is None:
        _report_miss(ctx.api, state, view, key.value, key)
        return ctx.default_return_type
    if registration.target is None:
        return ctx.default_return_type
    found = lookup_result_type(
        state.lookup_target(ctx.api, registration.target), undecorated=registration.undecorated
    )
    return ctx.default_return_type if found is None else found


def _built_from_any(cfg_types: list[Type], registry_types: list[Type]) -> Type | None:
    """What a config typed ``Any`` builds: the registry's ``T``, not ``Any``.

    ``build`` has two overloads, ``Config[C] -> C`` and ``Mapping -> T``; for an argument
    typed ``Any`` both match, and mypy then types the call as ``Any`` (an attribute of an
    untyped config object is such an argument). Each overload tried returns ``T`` here, so
    the call is a ``T`` as before the overloads existed.
    """
    registry = get_proper_type(registry_types[0]) if len(registry_types) == 1 else None
    if (
        len(cfg_types) != 1
        or not isinstance(get_proper_type(cfg_types[0]), AnyType)
        or not isinstance(registry, Instance)
    ):
        return None
    # The hooks run for Registry and its subclasses only: Registry is in the MRO.
    base = next(info for info in registry.type.mro if info.fullname == _fullnames.REGISTRY)
    return map_instance_to_supertype(registry, base).args[0]


def _config_overload_on_other(ctx: MethodContext | FunctionContext) -> bool:
    """Whether mypy is trying ``build``'s ``Config[C]`` overload on a config that is no Config.

    mypy calls the hook for each overload it tries: that first one then returns ``Never``
    (no ``C`` fits), and the ``Mapping`` overload, tried next, gets the checks.
    """
    return isinstance(get_proper_type(ctx.default_return_type), UninhabitedType)


def _single(args: list[Expression]) -> Expression | None:
    return args[0] if len(args) == 1 else None


def _check_site(
    api: CheckerPluginInterface,
    state: PluginState,
    registry_expr: Expression | None,
    arguments: _BuildArguments,
    *,
    direct: bool = False,
) -> Type | None:
    """Check a build call's config.

    ``direct`` is for ``build_from_cfg``, which never goes through the registry's
    ``build_func``, so a custom one does not stop the keyword checks.
    """
    var = None if registry_expr is None else registry_ref(registry_expr)
    cfg_expr, default_args_expr = arguments.cfg, arguments.default_args
    if var is None or cfg_expr is None:
        return None
    if default_args_expr is not None and is_none(default_args_expr):
        default_args_expr = None  # default_args=None: no defaults, as at run time
    cfg = read_config_literal(cfg_expr)
    if cfg is None and isinstance(cfg_expr, NameExpr):
        cfg = traced_config(module_tree(api), cfg_expr)
    defaults = None if default_args_expr is None else read_config_literal(default_args_expr)
    if cfg is None or (default_args_expr is not None and defaults is None):
        return None
    view = state.site_view(api, var)
    if view is None:
        return None
    # build_from_cfg(cfg, REG) never goes through the registry's build_func.
    builder = _DEFAULT_BUILDER if direct else _builder(view, view.start)
    source = state.index.source(state.site(api))
    line = cfg_expr.line
    scoped = source is not None and any(
        first <= line <= last for first, last in source.scoped_blocks
    )
    site = _Site(
        api,
        state,
        view,
        not builder.keywords,
        top_level_scoped=scoped,
        completed=arguments.defaults_unknown,
        # In a function, the default scope is its callers' (``build_heads()`` called in
        # ``with default_scope("det")``): any scope of the tree may be in force.
        caller_scoped=in_function(api),
        line=line,
        builder=builder,
    )
    merged = cfg.merged_with(defaults)
    if "type" not in merged.items and not merged.partial and not arguments.defaults_unknown:
        api.fail(_messages.invalid_config('it has no "type"'), cfg.expr, code=REGISTRY_CONFIG)
        return None
    return _check_config(site, view.start, merged)


def _check_list(
    api: CheckerPluginInterface,
    state: PluginState,
    registry_expr: Expression,
    configs: ListExpr | TupleExpr,
) -> None:
    """``REG.build([cfg, cfg])``: a list is built by a custom ``build_func`` only.

    MMEngine's ``build_model_from_cfg`` builds each config of a list (into an
    ``nn.Sequential``); ``build_from_cfg`` rejects a list (``TypeError``). With a custom
    ``build_func`` each config's name is checked, as for any config it builds.
    """
    var = registry_ref(registry_expr)
    view = None if var is None else state.site_view(api, var)
    if view is None:
        return
    builder = _builder(view, view.start)
    if not builder.lists:
        problem = "a list of configs is built only by a custom build_func; build each config"
        api.fail(_messages.invalid_config(problem), configs, code=REGISTRY_CONFIG)
        return
    # MMEngine's build_model_from_cfg builds each config of the list as build_from_cfg does.
    site = _Site(
        api, state, view, custom_build=not builder.keywords, line=configs.line, builder=builder
    )
    for item in _configs_in([configs], site):
        _check_config(site, view.start, item)


def check_config_part(  # noqa: PLR0913  # the part, then its config's settings by keyword
    api: CheckerPluginInterface,
    state: PluginState,
    var: str,
    cfg: ConfigLiteral,
    *,
    default_scope: str | None,
    scope_unknown: bool = False,
    nested: bool = False,
    names_only: bool = False,
    misses_left_out: bool = False,
) -> None:
    """Check a part of a config file that registry ``var`` builds (see ``config_files``).

    ``default_scope``: the config's own ``default_scope``, where unscoped names start, as
    MMEngine's runner sets it before building. ``scope_unknown``: the config is a base that
    sets none, and the configs built on it may: a name that resolves from some member of
    the registry's tree is then not an error. ``nested``: a class builds the part, which
    may supply arguments of its own (a missing one is not reported). ``names_only``: its
    builder does more with the keys than pass them: only names are checked.
    ``misses_left_out``: a name registered nowhere is not reported (a base config's).
    """
    view = state.site_view(api, var)
    if view is None:
        return
    start = view.start
    if default_scope is not None:
        start = view.tree.by_scope(start, default_scope) or start
    if "type" not in cfg.items and not cfg.partial:
        api.fail(_messages.invalid_config('it has no "type"'), cfg.expr, code=REGISTRY_CONFIG)
        return
    builder = _builder(view, start)
    site = _Site(
        api,
        state,
        view,
        names_only or not builder.keywords,
        top_level_scoped=scope_unknown,
        nested=nested,
        default_scope=default_scope,
        builder=builder,
        misses_left_out=misses_left_out,
    )
    _check_config(site, start, cfg)


#: What ``build_from_cfg`` does: the config's keys go to the class unchanged.
_DEFAULT_BUILDER = builder_rule(DEFAULT)


def _builder(view: SiteView, registry: StaticRegistry) -> BuilderRule:
    """What the ``build_func`` of ``registry`` (or the ancestor it inherits it from) does."""
    node: StaticRegistry | None = registry
    while node is not None:
        if node.spec.build_func is not None:
            return builder_rule(node.spec.build_func)
        node = view.tree.parent(node)
    return _DEFAULT_BUILDER


class _Site(NamedTuple):
    """A build call being checked: what checking each of its config literals needs."""

    api: CheckerPluginInterface
    state: PluginState
    view: SiteView
    #: Whether the registry's ``build_func`` is a custom one: then only names are checked.
    custom_build: bool
    #: Whether the call is in a ``with default_scope(...):`` block (see
    #: :func:`_under_default_scope`).
    top_level_scoped: bool = False
    #: Whether the config being checked is nested: the class that builds it may do so under
    #: a default scope its caller set.
    nested: bool = False
    #: The default scope every build runs under (a config file's ``default_scope``): each
    #: build starts from the registry of that scope in its tree, as MMEngine's do.
    default_scope: str | None = None
    #: Whether the call passes arguments no check can read (``**kw``), which may hold
    #: ``default_args``: a missing argument is then no error.
    completed: bool = False
    #: Whether the call is in a function: its callers may have set a default scope.
    caller_scoped: bool = False
    #: The line of the build call, where nested configs in variables are followed to (none
    #: in a config file, whose reader resolves its variables itself).
    line: int | None = None
    #: The registry's ``build_func``: the keys it supplies and consumes.
    builder: BuilderRule = _DEFAULT_BUILDER
    #: Whether a name registered nowhere the site sees goes unreported: a base config's
    #: part, whose configs may import what registers it (its config file leaves such
    #: errors out: its message and suggestions are not worked out for nothing).
    misses_left_out: bool = False

    def seen_from(self, view: SiteView) -> _Site:
        """The same call, checking a nested config of another registry."""
        builder = _builder(view, view.start)
        return _Site(
            self.api,
            self.state,
            view,
            not builder.keywords,
            nested=True,
            default_scope=self.default_scope,
            line=self.line,
            builder=builder,
            misses_left_out=self.misses_left_out,
        )

    def nested_here(self) -> _Site:
        """The same call and registry, checking a nested config."""
        return _Site(
            self.api,
            self.state,
            self.view,
            self.custom_build,
            nested=True,
            default_scope=self.default_scope,
            line=self.line,
            builder=self.builder,
            misses_left_out=self.misses_left_out,
        )

    def start_of(self, view: SiteView) -> StaticRegistry:
        """Where a build by ``view``'s registry starts: its default scope's member, if any."""
        return view.start_in(self.default_scope)

    def may_be_scoped(self) -> bool:
        """Whether a default scope may retarget this config's build."""
        return self.top_level_scoped or self.nested


def _check_config(
    site: _Site, start: StaticRegistry, cfg: ConfigLiteral, contract: Contract | None = None
) -> Type | None:
    """Check one config literal; return the type it builds, or None if unknown.

    ``contract``: what the builder of a nested config declares it supplies and consumes.
    """
    api, view = site.api, site.view
    contract = _with_builder(site, contract)
    type_expr = cfg.items.get("type")
    scope_expr = cfg.items.get("_scope_")
    if type_expr is None:
        return None
    if _is_other_literal(type_expr):
        problem = '"type" must be a registered name or a class'
        api.fail(_messages.invalid_config(problem), type_expr, code=REGISTRY_CONFIG)
        return None
    if scope_expr is not None and not is_none(scope_expr):
        if not isinstance(scope_expr, StrExpr):
            if _is_other_literal(scope_expr):
                problem = '"_scope_" must be a scope name (a string) or None'
                api.fail(_messages.invalid_config(problem), scope_expr, code=REGISTRY_CONFIG)
            return None
        scoped = view.tree.by_scope(start, scope_expr.value)
        start = start if scoped is None else scoped
    # ``_scope_`` replaces the default scope for this build (None: no default scope).
    resolved = _signature_of_type(site, start, type_expr, pinned=scope_expr is not None)
    consumes = frozenset[str]() if contract is None else contract.consumes
    if cfg.partial or site.custom_build or resolved is None or consumes is None:
        # What builds the config is unknown: the mistakes inside that can be known are
        # still reported (a typo in an outer type never hides them).
        for key, value in _holding_configs(cfg.items):
            if key not in _RESERVED:
                for nested in _configs_in([value], site):
                    _check_nested(site.nested_here(), nested, None)
        return None
    signature, target = resolved
    kwargs = {
        key: value
        for key, value in cfg.items.items()
        if key not in _RESERVED and key not in consumes
    }
    for key, value in _holding_configs(kwargs):
        annotated = (
            None
            if target is None
            else site.state.visibility.config_registry(site.state.site(api), target, key)
        )
        inner = None if annotated is None or target is None else _contract(site, target, key)
        for nested in _configs_in([value], site):
            _check_nested(site, nested, annotated, inner)
    if isinstance(signature, TypeInfo):
        return check_typeddict(api, signature, kwargs, cfg.expr)
    # A nested config is built by its owner, which may pass arguments of its own
    # (``build_norm_layer(cfg, 64)`` adds ``num_features``): what it leaves out is no error,
    # unless its ``ConfigFor`` declares what the builder supplies.
    supplied = None if contract is None else contract.supplies
    required = (supplied is not None or not site.nested) and not site.completed
    return check_keywords(
        api, signature, kwargs, cfg.expr, required=required, supplied=supplied or frozenset()
    )


def _with_builder(site: _Site, contract: Contract | None) -> Contract | None:
    """``contract`` with what the registry's ``build_func`` supplies and consumes added.

    A nested config's owner may supply more than the builder: unless its ``ConfigFor``
    declares what, a missing argument stays no error there.
    """
    builder = site.builder
    if not builder.supplies and not builder.consumes:
        return contract
    if contract is None:
        return Contract(None if site.nested else builder.supplies, builder.consumes)
    supplies, consumes = contract
    return Contract(
        None if supplies is None else supplies | builder.supplies,
        None if consumes is None else consumes | builder.consumes,
    )


def _contract(site: _Site, target: str, parameter: str) -> Contract | None:
    """The builder contract ``target``'s ``parameter`` declares in its ``ConfigFor``."""
    node = site.state.lookup_target(site.api, target)
    path = None if node is None else defining_file(site.api, node, target)
    return declared_contract(node, path, parameter)


#: The expressions :func:`_configs_in` may find a config literal in.
_MAY_HOLD_CONFIGS: Final = (DictExpr, CallExpr, ListExpr, TupleExpr, NameExpr)


def _holding_configs(items: dict[str, Expression]) -> list[tuple[str, Expression]]:
    """The items whose values may hold configs: not a number, a string (most of them)."""
    return [(key, value) for key, value in items.items() if isinstance(value, _MAY_HOLD_CONFIGS)]


def _configs_in(values: Iterable[Expression], site: _Site) -> Iterator[ConfigLiteral]:
    """The config literals among ``values``, and in the lists and tuples among them.

    A variable among them is read as the literal it holds (see ``_config_flow``), where it
    can be followed to the site's build.
    """
    line = site.line
    tree = None if line is None else module_tree(site.api)
    for value in values:
        if tree is not None and line is not None and isinstance(value, NameExpr):
            value = traced_list(tree, value, line) or value  # noqa: PLW2901
        items = value.items if isinstance(value, ListExpr | TupleExpr) else [value]
        for item in items:
            found = read_config_literal(item)
            if found is None and tree is not None and isinstance(item, NameExpr):
                found = traced_config(tree, item, line)
            if found is not None:
                yield found


def _check_nested(
    site: _Site, cfg: ConfigLiteral, annotated: str | None, contract: Contract | None = None
) -> None:
    """A config inside a config: built by the registry its parameter names, if it names one.

    Without ``ConfigFor``, the parameter says nothing about the registry (``dict``) nor
    about what its builder does with the keys: the config's ``type`` is checked by name in
    the one registry where it resolves; a name that resolves in several is left alone, and
    one that resolves nowhere is reported only when a registered name is close to it (a
    plain dict may have a ``type`` of its own).
    """
    state = site.state
    if id(cfg.expr) in state.config_parts:
        return  # a part of a config file: checked with the registry its rule names
    annotated_view = None if annotated is None else state.site_view(site.api, annotated)
    if annotated_view is not None:
        start = site.start_of(annotated_view)
        _check_config(site.seen_from(annotated_view), start, cfg, contract)
        return
    type_expr = cfg.items.get("type")
    if type_expr is None and not cfg.partial:
        # A plain dict of settings (``train_cfg=dict(assigner=dict(type=...))``): the
        # configs in it are built by whoever reads them, with an unknown registry.
        for inner in _configs_in(cfg.items.values(), site):
            _check_nested(site, inner, None)
        return
    if not isinstance(type_expr, StrExpr):
        # A class as the type: nothing to look up, and its builder may change its keys.
        return
    everywhere = state.visibility.everywhere(state.site(site.api))
    found = everywhere.resolving(type_expr.value, site.default_scope)
    if len(found) == 1:
        # Its builder is not declared: it may add, remove or rename keys before building,
        # so only names are checked (its own and those of the configs inside it).
        view = next(iter(found.values()))
        _check_config(site.seen_from(view)._replace(custom_build=True), site.start_of(view), cfg)
    elif not found:
        _report_nowhere(site, type_expr)


def _report_nowhere(site: _Site, type_expr: StrExpr) -> None:
    """A nested ``type`` found in no registry: reported if a registered name is close."""
    module = site.state.site(site.api)
    site.state.visibility.note_miss(site.state.site_module(site.api))
    if site.misses_left_out:
        return  # a base's: its file leaves it out, and its suggestions cost (see _report_miss)
    everywhere = site.state.visibility.everywhere(module)
    key = type_expr.value
    if "." in key and key.partition(".")[0] not in everywhere.scopes:
        # A scope no registry seen here has (``mmpretrain.ResNet``, its package not read):
        # its builder may import it, or fail to; the name itself is unknown.
        return
    suggestions = everywhere.suggestions(key)
    # A name close to one of an open registry may be a name that registry gets at run time
    # (``AdamW`` next to a statically registered ``Adam``): not reported. Nor a name that is
    # merely like a registered one (albumentations' ``RandomGamma`` in an ``Albu`` transform,
    # beside ``BioMedicalRandomGamma``; FPG's own ``type="conv"`` beside ``deconv``): only a
    # typo's distance says the dict was meant for a registry.
    if (
        suggestions
        and _is_typo_of(key, suggestions[0])
        and not everywhere.open_names.intersection(suggestions)
    ):
        message = _messages.nowhere(type_expr.value, list(suggestions))
        site.api.fail(message, type_expr, code=REGISTRY_NAME)


#: How similar (difflib's ratio) a nested name found nowhere must be to a registered one to
#: be reported as its typo: ``ResNett`` to ``ResNet`` is 0.92, ``FPNN`` to ``FPN`` 0.86;
#: ``conv`` to ``deconv`` 0.8, ``RandomGamma`` to ``BioMedicalRandomGamma`` 0.69.
_TYPO_SIMILARITY = 0.85


def _is_typo_of(key: str, registered: str) -> bool:
    """Whether ``key`` reads as a typo of ``registered``: similar enough, or one edit away.

    One edit (a letter added, dropped, changed, or two swapped: ``BNN`` for ``BN``) counts,
    but not a difference of case alone (FPG's ``type="conv"`` is its own, not ``Conv``).
    """
    import difflib  # noqa: PLC0415  # only error paths come here

    if difflib.SequenceMatcher(None, key, registered).ratio() >= _TYPO_SIMILARITY:
        return True
    return key.lower() != registered.lower() and _one_edit_apart(key, registered)


def _one_edit_apart(first: str, second: str) -> bool:
    shorter, longer = sorted((first, second), key=len)
    if len(longer) - len(shorter) > 1:
        return False
    at = next(
        (i for i, (a, b) in enumerate(zip(shorter, longer, strict=False)) if a != b),
        len(shorter),
    )
    if len(shorter) != len(longer):
        return shorter[at:] == longer[at + 1 :]
    swapped = shorter[at : at + 2] == longer[at : at + 2][::-1]
    return shorter[at + 1 :] == longer[at + 1 :] or (
        swapped and shorter[at + 2 :] == longer[at + 2 :]
    )


def _is_other_literal(expr: Expression) -> bool:
    """A literal that is neither a string nor None (``type=123``): the runtime rejects it."""
    return isinstance(
        expr, IntExpr | FloatExpr | ComplexExpr | BytesExpr | ListExpr | TupleExpr | DictExpr
    )


def _signature_of_type(
    site: _Site, start: StaticRegistry, type_expr: Expression, *, pinned: bool = False
) -> tuple[FunctionLike | TypeInfo, str | None] | None:
    """What the config's ``type`` calls, and its fullname when known.

    The type is a registered name (resolved from ``start``) or a class itself. A TypedDict
    class is returned as its TypeInfo: mypy checks its construction itself. ``pinned``: the
    config's ``_scope_`` decides where the build starts, not a default scope.
    """
    if isinstance(type_expr, RefExpr):
        if _is_typeddict(type_expr.node):
            return type_expr.node, type_expr.fullname or None
        found = get_proper_type(site.api.get_expression_type(type_expr))
        if not isinstance(found, FunctionLike):
            return None
        return found, type_expr.fullname or None
    registration = None
    if isinstance(type_expr, StrExpr):
        registration = site.view.tree.resolve(start, type_expr.value)
        # A scoped name (``"det.RetinaHead"``) resolves from its scope whatever the default.
        if not pinned and "." not in type_expr.value:
            registration = _scoped_registration(site, registration, type_expr.value)
        if registration is None:
            _report_miss(
                site.api,
                site.state,
                site.view,
                type_expr.value,
                type_expr,
                start=start,
                reported=not site.misses_left_out,
            )
    if registration is None or registration.target is None:
        return None
    node = site.state.lookup_target(site.api, registration.target)
    if _is_typeddict(node):
        return node, registration.target
    signature = signature_of(node, undecorated=registration.undecorated)
    return None if signature is None else (signature, registration.target)


def _scoped_registration(
    site: _Site, registration: Registration | None, key: str
) -> Registration | None:
    """What an unscoped ``key`` builds where a default scope may retarget the build.

    In a ``with default_scope(...)`` block and for nested configs (whose builder may run
    under one), a child's own entry that shadows the one found (``Resize`` in both) may be
    the one built: neither signature is certain. In a function, whose callers may set a
    default scope, a name that only another registry of the tree holds is no error; what is
    found from the registry itself is checked, as the build's most likely meaning.
    """
    if registration is None and (site.may_be_scoped() or site.caller_scoped):
        return _under_default_scope(site.view, key)
    if registration is not None and site.may_be_scoped() and site.default_scope is None:
        moved = _under_default_scope(site.view, key)
        if moved is not None and moved.target != registration.target:
            return registration.without_target()
    return registration


def _under_default_scope(view: SiteView, key: str) -> Registration | None:
    """What ``key`` builds when a default scope retargets the build, if that is certain.

    ``build`` starts from the registry of the current default scope when the tree has one
    (``with default_scope("detkit"): TRANSFORMS.build(...)`` reaches detkit's child of
    TRANSFORMS). Inside such a block, and for nested configs (the class that builds them
    may run under a default scope its caller set), a name that misses from the registry but
    resolves from another member of its tree is not an error; it is checked against that
    entry when all the members that resolve it agree on one. Elsewhere the miss is the
    classic "default scope not set" error, reported with the scoped name to write.
    """
    found = {
        registration.target: registration
        for member in view.tree.members.values()
        if (registration := view.tree.resolve(member, key)) is not None
    }
    if not found:
        return None
    if len(found) == 1:
        return next(iter(found.values()))
    return next(iter(found.values())).without_target()


def _is_typeddict(node: object) -> TypeGuard[TypeInfo]:
    return isinstance(node, TypeInfo) and node.typeddict_type is not None


def _report_miss(  # noqa: PLR0913  # the miss, where it is, and what the site sees
    api: CheckerPluginInterface,
    state: PluginState,
    view: SiteView,
    key: str,
    context: Expression,
    *,
    start: StaticRegistry | None = None,
    reported: bool = True,
) -> None:
    state.visibility.note_miss(state.site_module(api))  # as a reported miss: the same digests
    if not reported:
        return
    if not view.misses_are_errors:
        for file, line, problem in view.unreadable:
            # Once per run (mypy's only_once): the cause of every miss it hides.
            api.msg.errors.report(
                context.line,
                context.column,
                _messages.unreadable_location(file, line, problem),
                REGISTRY_NAME,
                only_once=True,
                end_line=context.end_line,
                end_column=context.end_column,
            )
        return
    start = view.start if start is None else start
    # A config built by the wrong registry: say which registry of another tree holds it.
    elsewhere = [
        other.start.spec
        for other in (state.visibility.all_views(state.site(api)) if "." not in key else ())
        if other.tree.root.spec.var != view.tree.root.spec.var and key in other.start.entries
    ]
    # The daemon checks a module with a miss again after every edit: the did-you-mean
    # compares the name with every registered one (about 5 ms at N = 800), once per layers.
    message = state.visibility.remembered(
        state.site(api),
        (view.start.spec.var, start.spec.var, key, *(spec.var for spec in elsewhere)),
        lambda: _messages.not_registered(view.tree, start, key, elsewhere),
    )
    api.fail(message, context, code=REGISTRY_NAME)
