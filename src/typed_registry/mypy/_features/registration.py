"""``register_module``: check the bound, duplicate names, and what the runtime rejects.

By default mypy cannot tell that ``@MODELS.register_module()`` on a class whose instances
lack a method of the registry's ``T`` (often a Protocol) will fail only when the object is
used, hours into a job. This plugin reports it at the decorator (``registry-bound``), with
the missing or incompatible member, and reports a name registered twice in one registry
without ``force=True`` (``registry-duplicate``) naming the first registration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mypy.erasetype import erase_typevars
from mypy.messages import (
    format_type_bare,
    get_conflict_protocol_types,
    get_missing_protocol_members,
)
from mypy.nodes import CallExpr, MemberExpr, NameExpr, TypeInfo
from mypy.subtypes import is_subtype
from mypy.typeops import erase_to_bound
from mypy.types import (
    AnyType,
    CallableType,
    Instance,
    ProperType,
    TypeOfAny,
    get_proper_type,
)

from typed_registry.mypy import _messages
from typed_registry.mypy._errorcodes import (
    REGISTRY_BOUND,
    REGISTRY_CONFIG,
    REGISTRY_DUPLICATE,
    REGISTRY_NAME,
)
from typed_registry.mypy._signatures import signature_of
from typed_registry.mypy._state import lookup_node
from typed_registry.mypy._syntax import register_call_registry

if TYPE_CHECKING:
    from collections.abc import Callable

    from mypy.nodes import Expression
    from mypy.options import Options
    from mypy.plugin import ClassDefContext, MethodContext
    from mypy.types import Type

    from typed_registry._index import Registration, RegistrySpec
    from typed_registry.mypy._state import PluginState


def on_class(ctx: ClassDefContext, state: PluginState) -> None:
    """A class decorated with ``@REG.register_module`` without parentheses.

    MMCV 1.x took ``register_module(Cls)``, so its bare decorator worked; here the class is
    passed as the name and the import raises TypeError. mypy says only that no overload of
    ``register_module`` matches (no hook sees that call); this says what to write instead.
    """
    for decorator in ctx.cls.decorators:
        if not isinstance(decorator, MemberExpr) or decorator.name != "register_module":
            continue
        shown = _dotted(decorator.expr)
        if shown is None:
            continue
        module = ctx.api.cur_mod_id
        resolved = state.index.resolve(module, shown).fullname
        if state.index.registry_var(resolved) is not None:
            message = _messages.bare_decorator(shown, ctx.cls.name)
            ctx.api.fail(message, decorator, code=REGISTRY_CONFIG)


def _dotted(expr: Expression) -> str | None:
    """``a.b.c`` for a name or an attribute chain, as written, else None."""
    if isinstance(expr, NameExpr):
        return expr.name
    if isinstance(expr, MemberExpr):
        owner = _dotted(expr.expr)
        return None if owner is None else f"{owner}.{expr.name}"
    return None


def on_register(ctx: MethodContext, state: PluginState) -> Type:
    """Hook for ``REG.register_module(...)`` calls (decorator or direct)."""
    call = ctx.context
    var = register_call_registry(call) if isinstance(call, CallExpr) else None
    if var is None:
        return ctx.default_return_type
    site = state.site(ctx.api)
    indexed = state.index.module(site)
    if indexed is None:
        return ctx.default_return_type
    registry_var = state.visibility.canonical(var) or var
    for line, problem in indexed.invalid:
        if line == call.line:
            ctx.api.fail(_messages.invalid_registration(problem), call, code=REGISTRY_CONFIG)
    dynamic = any(
        registry == registry_var and line == call.line for registry, line in indexed.dynamic
    )
    view = state.site_view(ctx.api, var) if dynamic else None
    if view is not None:
        ctx.api.msg.note(_messages.open_registry(view.start.spec), call, code=REGISTRY_NAME)

    def spec() -> RegistrySpec | None:
        # Only messages need the registry's tree (for its name and scope): it is built when
        # one is reported. None: not a registry the plugin knows, so nothing is reported.
        view = state.site_view(ctx.api, var)
        return None if view is None else view.start.spec

    # One call registers several classes in a loop over a literal list.
    for registration in indexed.facts.registrations:
        if registration.line != call.line or registration.registry != registry_var:
            continue
        state.depend_on_names(ctx.api, registration.names or ())
        _check_bound(ctx, registration, spec, ctx.api.options)
        _check_duplicates(ctx, registration, spec, state.visibility.earlier(site, registration))
    return ctx.default_return_type


def _check_bound(
    ctx: MethodContext,
    registration: Registration,
    spec: Callable[[], RegistrySpec | None],
    options: Options,
) -> None:
    receiver = ctx.type
    if not isinstance(receiver, Instance) or not receiver.args or registration.target is None:
        return
    expected = get_proper_type(receiver.args[0])
    # Any bound but Any and object: a Protocol, a class, a union, a Callable, type[...].
    if isinstance(expected, AnyType) or (
        isinstance(expected, Instance) and expected.type.fullname == "builtins.object"
    ):
        return
    node = lookup_node(ctx.api, registration.target)
    if isinstance(node, TypeInfo):
        produced: Type = Instance(
            node, [AnyType(TypeOfAny.special_form)] * len(node.defn.type_vars)
        )
    else:
        signature = signature_of(node, undecorated=registration.undecorated)
        if not isinstance(signature, CallableType):
            return
        produced = erase_typevars(erase_to_bound(signature.ret_type))
    registry = None if is_subtype(produced, expected, options=options) else spec()
    if registry is None:
        return
    reason = _reason(get_proper_type(produced), expected, options)
    subject = (
        "it"
        if isinstance(node, TypeInfo)
        else (f'its return type "{format_type_bare(produced, options)}"')
    )
    ctx.api.fail(
        _messages.bound_violation(
            registration.target.rsplit(".", 1)[-1],
            registry,
            format_type_bare(expected, options),
            reason,
            subject,
        ),
        ctx.context,
        code=REGISTRY_BOUND,
    )


def _reason(produced: ProperType, expected: ProperType, options: Options) -> str:
    if (
        isinstance(produced, Instance)
        and isinstance(expected, Instance)
        and expected.type.is_protocol
    ):
        missing = get_missing_protocol_members(produced, expected, skip=[])
        if missing:
            return f"missing member{'s' if len(missing) > 1 else ''} " + ", ".join(
                f'"{name}"' for name in missing
            )
        conflicts = get_conflict_protocol_types(
            produced, produced, expected, class_obj=False, options=options
        )
        if conflicts:
            name, got, wanted, _ = conflicts[0]
            return (
                f'member "{name}" has type "{format_type_bare(got, options)}", '
                f'expected "{format_type_bare(wanted, options)}"'
            )
    return f'"{format_type_bare(produced, options)}" is not a subtype of it'


def _check_duplicates(
    ctx: MethodContext,
    registration: Registration,
    spec: Callable[[], RegistrySpec | None],
    earlier: list[Registration],
) -> None:
    for name in registration.names or ():
        first = next(
            (
                r
                for r in earlier
                if r.registry == registration.registry
                and r.names
                and name in r.names
                and not registration.excludes(r)
            ),
            None,
        )
        registry = None if first is None else spec()
        if first is not None and registry is not None:
            ctx.api.fail(
                _messages.duplicate(name, registry, first),
                ctx.context,
                code=REGISTRY_DUPLICATE,
            )
