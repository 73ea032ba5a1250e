"""``REG.build(cfg)``, ``REG.get(key)``, ``REG[key]`` and ``build_from_cfg(cfg, REG)``.

By default mypy sees ``MODELS.build(dict(type="ResNe", dpth=50))`` as a call taking a
``Mapping[str, Any]`` and returning ``T``: the typo and the wrong keyword surface hours into
a job. This plugin resolves a literal ``type`` with the runtime's rule (``registry-name``
when it does not resolve), checks the other keys against the registered constructor with
mypy's own call checking, checks nested config literals, and refines the result to the
registered class (or the function's return type).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeGuard

from mypy.nodes import (
    CallExpr,
    IndexExpr,
    ListExpr,
    MemberExpr,
    RefExpr,
    StrExpr,
    TupleExpr,
    TypeInfo,
)
from mypy.types import FunctionLike, get_proper_type

from typed_registry.mypy import _messages
from typed_registry.mypy._config_literal import ConfigLiteral, read_config_literal
from typed_registry.mypy._errorcodes import REGISTRY_NAME
from typed_registry.mypy._scan import is_none, registry_ref
from typed_registry.mypy._signatures import (
    check_keywords,
    check_typeddict,
    lookup_result_type,
    signature_of,
)

if TYPE_CHECKING:
    from mypy.nodes import Expression
    from mypy.plugin import CheckerPluginInterface, FunctionContext, MethodContext
    from mypy.types import Type

    from typed_registry.mypy._state import PluginState
    from typed_registry.mypy._static_tree import StaticRegistry
    from typed_registry.mypy._visibility import SiteView

#: Keys a config uses for itself rather than passing to the constructor.
_RESERVED = ("type", "_scope_")


def on_build(ctx: MethodContext, state: PluginState) -> Type:
    """Hook for ``REG.build(cfg, ...)``."""
    state.record_facts(ctx.api)
    call = ctx.context
    if not isinstance(call, CallExpr) or not isinstance(call.callee, MemberExpr):
        return ctx.default_return_type
    # build(self, cfg, *args, **kwargs): one list of arguments per formal parameter.
    cfg_args, positional, keyword_args = ctx.args
    keywords = dict(zip(ctx.arg_names[2], keyword_args, strict=True))
    cfg = _single(cfg_args)
    default_args = keywords.get("default_args", positional[0] if positional else None)
    refined = _check_site(ctx.api, state, call.callee.expr, cfg, default_args)
    return ctx.default_return_type if refined is None else refined


def on_build_from_cfg(ctx: FunctionContext, state: PluginState) -> Type:
    """Hook for ``build_from_cfg(cfg, REG, default_args=...)``."""
    state.record_facts(ctx.api)
    # build_from_cfg(cfg, registry, default_args=None)
    cfg_args, registry_args, default_args = ctx.args
    registry = _single(registry_args)
    if registry is None:
        return ctx.default_return_type
    refined = _check_site(
        ctx.api, state, registry, _single(cfg_args), _single(default_args), direct=True
    )
    return ctx.default_return_type if refined is None else refined


def on_get(ctx: MethodContext, state: PluginState) -> Type:
    """Hook for ``REG.get(key)`` and ``REG[key]``: refine a hit, report a miss."""
    state.record_facts(ctx.api)
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
    start = None if view is None else view.tree.by_var(var)
    if view is None or start is None:
        return ctx.default_return_type
    registration = view.tree.resolve(start, key.value)
    if registration is None:
        _report_miss(ctx.api, view, start, key.value, key)
        return ctx.default_return_type
    if registration.target is None:
        return ctx.default_return_type
    found = lookup_result_type(
        state.lookup_target(ctx.api, registration.target), undecorated=registration.undecorated
    )
    return ctx.default_return_type if found is None else found


def _single(args: list[Expression]) -> Expression | None:
    return args[0] if len(args) == 1 else None


def _check_site(  # noqa: PLR0913  # the parts of a build call, the flag by keyword
    api: CheckerPluginInterface,
    state: PluginState,
    registry_expr: Expression,
    cfg_expr: Expression | None,
    default_args_expr: Expression | None,
    *,
    direct: bool = False,
) -> Type | None:
    """Check a build call's config.

    ``direct`` is for ``build_from_cfg``, which never goes through the registry's
    ``build_func``, so a custom one does not stop the keyword checks.
    """
    var = registry_ref(registry_expr)
    if var is None or cfg_expr is None:
        return None
    if default_args_expr is not None and is_none(default_args_expr):
        default_args_expr = None  # default_args=None: no defaults, as at run time
    cfg = read_config_literal(cfg_expr)
    defaults = None if default_args_expr is None else read_config_literal(default_args_expr)
    if cfg is None or (default_args_expr is not None and defaults is None):
        return None
    view = state.site_view(api, var)
    start = None if view is None else view.tree.by_var(var)
    if view is None or start is None:
        return None
    custom = not direct and _custom_build(view, start)
    return _check_config(_Site(api, state, view, custom), start, cfg.merged_with(defaults))


def _custom_build(view: SiteView, registry: StaticRegistry) -> bool:
    node: StaticRegistry | None = registry
    while node is not None:
        if node.spec.build_func is not None:
            return node.spec.build_func == "custom"
        node = view.tree.parent(node)
    return False


@dataclass(frozen=True)
class _Site:
    """A build call being checked: what checking each of its config literals needs."""

    api: CheckerPluginInterface
    state: PluginState
    view: SiteView
    #: Whether the registry's ``build_func`` is a custom one: then only names are checked.
    custom_build: bool


def _check_config(site: _Site, start: StaticRegistry, cfg: ConfigLiteral) -> Type | None:
    """Check one config literal; return the type it builds, or None if unknown."""
    api, view = site.api, site.view
    type_expr = cfg.items.get("type")
    scope_expr = cfg.items.get("_scope_")
    if cfg.partial or type_expr is None:
        return None
    if scope_expr is not None and not is_none(scope_expr):
        if not isinstance(scope_expr, StrExpr):
            return None
        scoped = view.tree.by_scope(start, scope_expr.value)
        start = start if scoped is None else scoped
    signature = _signature_of_type(site, start, type_expr)
    if site.custom_build or signature is None:
        return None
    kwargs = {key: value for key, value in cfg.items.items() if key not in _RESERVED}
    for value in kwargs.values():
        # A nested config, or a list or tuple of them (``layers=[dict(type=...), ...]``).
        items = value.items if isinstance(value, ListExpr | TupleExpr) else [value]
        for item in items:
            nested = read_config_literal(item)
            if nested is not None:
                _check_config(site, start, nested)
    if isinstance(signature, TypeInfo):
        return check_typeddict(api, signature, kwargs, cfg.expr)
    return check_keywords(api, signature, kwargs, cfg.expr)


def _signature_of_type(
    site: _Site, start: StaticRegistry, type_expr: Expression
) -> FunctionLike | TypeInfo | None:
    """What the config's ``type`` calls: a registered name (resolved) or a class itself.

    A TypedDict class is returned as its TypeInfo: mypy checks its construction itself.
    """
    if isinstance(type_expr, RefExpr):
        if _is_typeddict(type_expr.node):
            return type_expr.node
        found = get_proper_type(site.api.get_expression_type(type_expr))
        return found if isinstance(found, FunctionLike) else None
    registration = None
    if isinstance(type_expr, StrExpr):
        registration = site.view.tree.resolve(start, type_expr.value)
        if registration is None:
            _report_miss(site.api, site.view, start, type_expr.value, type_expr)
    if registration is None or registration.target is None:
        return None
    node = site.state.lookup_target(site.api, registration.target)
    if _is_typeddict(node):
        return node
    return signature_of(node, undecorated=registration.undecorated)


def _is_typeddict(node: object) -> TypeGuard[TypeInfo]:
    return isinstance(node, TypeInfo) and node.typeddict_type is not None


def _report_miss(
    api: CheckerPluginInterface,
    view: SiteView,
    start: StaticRegistry,
    key: str,
    context: Expression,
) -> None:
    if not view.misses_are_errors:
        return
    api.fail(_messages.not_registered(view.tree, start, key), context, code=REGISTRY_NAME)
    if view.defined_elsewhere and not view.reads_locations:
        # The classic cause: the registering module is never imported (mmdetection #5974).
        api.msg.note(_messages.not_covered_note(), context, code=REGISTRY_NAME)
