"""Check a config's keyword arguments with mypy's own call checking.

A config is applied as ``constructor(**kwargs)``, so the registered class's constructor (or
the registered function) is rewritten to take its parameters by keyword only; mypy's
checker then runs on a synthesised call, and users read mypy's usual messages and codes
(``call-arg``, ``arg-type``), pointing at the values in the config.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mypy.maptype import map_instance_to_supertype
from mypy.nodes import (
    ARG_NAMED,
    ARG_NAMED_OPT,
    ARG_OPT,
    ARG_POS,
    ARG_STAR,
    GDEF,
    CallExpr,
    Decorator,
    FuncDef,
    NameExpr,
    OverloadedFuncDef,
    RefExpr,
    TempNode,
    TypeInfo,
    Var,
)
from mypy.typeops import bind_self, type_object_type
from mypy.types import (
    AnyType,
    CallableType,
    FunctionLike,
    Instance,
    Overloaded,
    ProperType,
    TypeOfAny,
    TypeType,
    get_proper_type,
)

from typed_registry.mypy._config_values import checked_as
from typed_registry.mypy._fullnames import CONFIG

if TYPE_CHECKING:
    from mypy.nodes import ArgKind, Expression, SymbolNode
    from mypy.plugin import CheckerPluginInterface
    from mypy.types import Type


# How a parameter that a config passes by name is taken: by keyword only.
_KEYWORD_KINDS = {ARG_POS: ARG_NAMED, ARG_OPT: ARG_NAMED_OPT}


def signature_of(node: SymbolNode | None, *, undecorated: bool = False) -> FunctionLike | None:
    """How calling a registered object looks to mypy; None when it cannot tell.

    ``undecorated``: the function is registered by a decorator, so what is registered is
    the function as defined, not what the decorators above ``register_module`` make of it.
    """
    if isinstance(node, TypeInfo):
        # (A TypedDict never comes here: its construction is checked by check_typeddict.)
        if _constructor_unknown(node):
            return None
        found: Type | None = type_object_type(node)
    elif isinstance(node, FuncDef | OverloadedFuncDef):
        found = node.type
    elif isinstance(node, Decorator):
        found = node.func.type if undecorated else node.var.type
    elif isinstance(node, Var):
        found = node.type
    else:
        return None
    proper = get_proper_type(found)
    if not isinstance(proper, FunctionLike):
        return None
    owner = _classmethod_owner(node)
    if owner is None:
        return proper
    # ``module=Cls.make`` registers the class method bound to its class: ``cls`` is given.
    instance = Instance(owner, [AnyType(TypeOfAny.special_form)] * len(owner.defn.type_vars))
    return bind_self(proper, TypeType.make_normalized(instance), is_classmethod=True)


def _constructor_unknown(info: TypeInfo) -> bool:
    """Whether a base mypy does not know may define the constructor ``info`` is called with.

    mypy leaves such a base (``Any``: a class of a package it does not analyse) out of the
    MRO and takes the constructor from the next known class; at run time the unknown one may
    come first (``class QuadraticWarmupLR(LRSchedulerMixin, ...)``, the mixin from MMEngine
    giving ``param_name`` itself).
    """
    for klass in info.mro:
        if "__init__" in klass.names or "__new__" in klass.names:
            return False
        if klass.fallback_to_any:
            return True
    return False  # pragma: no cover - object defines both


def _classmethod_owner(node: SymbolNode) -> TypeInfo | None:
    """The class of a class method, else None."""
    if isinstance(node, Decorator):
        return node.info if node.var.is_classmethod else None
    if isinstance(node, FuncDef | OverloadedFuncDef) and node.is_class:
        return node.info
    return None


def lookup_result_type(node: SymbolNode | None, *, undecorated: bool = False) -> ProperType | None:
    """The type of ``REG.get(key)`` for a hit: ``type[C]`` for a class, else the callable."""
    if isinstance(node, TypeInfo):
        args = [AnyType(TypeOfAny.special_form)] * len(node.defn.type_vars)
        return TypeType.make_normalized(Instance(node, args))
    return signature_of(node, undecorated=undecorated)


def keyword_only(
    signature: FunctionLike, *, required: bool = True, supplied: frozenset[str] = frozenset()
) -> FunctionLike:
    """``signature`` with its named parameters made keyword-only and ``*args`` dropped.

    ``required=False`` makes every named parameter optional as well: for a config the
    builder may complete with its own ``default_args``. ``supplied``: parameters the
    builder passes itself, dropped (a config that passes one again is wrong).
    """
    if isinstance(signature, Overloaded):
        return Overloaded([_keyword_only(item, required, supplied) for item in signature.items])
    assert isinstance(signature, CallableType)  # FunctionLike's only other kind
    return _keyword_only(signature, required, supplied)


def _keyword_only(
    signature: CallableType,
    required: bool,  # noqa: FBT001
    supplied: frozenset[str],
) -> CallableType:
    kinds: list[ArgKind] = []
    names: list[str | None] = []
    types: list[Type] = []
    for kind, name, typ in zip(
        signature.arg_kinds, signature.arg_names, signature.arg_types, strict=True
    ):
        if kind == ARG_STAR or name in supplied:
            continue  # a config passes nothing positionally, nor what the builder passes
        by_name = name is not None and not _positional_only(name)
        taken = _KEYWORD_KINDS.get(kind, kind) if by_name else kind
        kinds.append(ARG_NAMED_OPT if taken == ARG_NAMED and not required else taken)
        names.append(name)
        types.append(typ)
    # copy_modified's parameters are typed with a private sentinel pyright cannot see.
    return signature.copy_modified(  # pyright: ignore[reportUnknownMemberType]
        arg_kinds=kinds, arg_names=names, arg_types=types
    )


def _positional_only(name: str) -> bool:
    # mypy's spelling of positional-only parameters of old-style stubs: ``__x``.
    return name.startswith("__") and not name.endswith("__")


def check_typeddict(
    api: CheckerPluginInterface, info: TypeInfo, kwargs: dict[str, Expression], context: Expression
) -> Type:
    """Check ``Options(**kwargs)`` for a TypedDict ``Options``, as mypy checks that call.

    mypy type-checks a TypedDict's construction from the class itself (item types, required
    keys), not through a signature, so the call is synthesised on a reference to the class.
    """
    callee = NameExpr(info.name)
    callee.node = info
    callee.fullname = info.fullname
    callee.kind = GDEF
    call = CallExpr(callee, list(kwargs.values()), [ARG_NAMED] * len(kwargs), list(kwargs))
    call.set_line(context)
    return api.get_expression_type(call)


def check_keywords(  # noqa: PLR0913  # the call, then how its builder treats it by keyword
    api: CheckerPluginInterface,
    signature: FunctionLike,
    kwargs: dict[str, Expression],
    context: Expression,
    *,
    required: bool = True,
    supplied: frozenset[str] = frozenset(),
) -> Type:
    """Check ``signature(**kwargs)`` as mypy checks a call, and return the call's type.

    Errors are reported by mypy itself; the call is placed at ``context`` (the config), and
    argument-type errors at each value. ``required=False``: a missing argument is not an
    error (a nested config, which the class that builds it may complete). ``supplied``:
    the parameters its builder passes itself.
    """
    only = keyword_only(signature, required=required, supplied=supplied)
    callee = TempNode(only, context=context)
    values = [
        checked_as(api, _widened(api, value), key, signature) for key, value in kwargs.items()
    ]
    call = CallExpr(callee, values, [ARG_NAMED] * len(kwargs), list(kwargs))
    call.set_line(context)
    return api.get_expression_type(call)


def _widened(api: CheckerPluginInterface, value: Expression) -> Expression:
    """A variable's value with ``object`` items read as ``Any``, and ``Config`` items as dicts.

    mypy infers ``[dict(type="A"), dict(type="B", size=(1, 2))]`` as ``list[object]``: the
    join of two dict types; ``[cfg(A), cfg(B)]`` as a list of ``Config``. Passed in a config
    (``pipeline=train_pipeline``) either would fail a ``list[dict[str, Any]]`` parameter
    although the program runs (a ``Config`` is a dict, but ``list`` is invariant), and
    although mypy accepts the build call itself (it takes any mapping). Only names are
    widened: a literal written in the config is checked as it is.
    """
    if not isinstance(value, RefExpr):
        return value
    found = get_proper_type(api.get_expression_type(value))
    if not isinstance(found, Instance) or not _has_loose_argument(found):
        return value
    widened = _loosened(found)
    return TempNode(widened, context=value)


def _is_object(found: Instance) -> bool:
    return found.type.fullname == "builtins.object"


def _as_config_dict(found: Instance) -> Instance | None:
    """A ``Config[C]`` as the ``dict[str, Any]`` it is; None for any other type."""
    if found.type.fullname != CONFIG:
        return None
    base = next(info for info in found.type.mro if info.fullname == "builtins.dict")
    return map_instance_to_supertype(found, base)


def _has_loose_argument(found: Instance) -> bool:
    for argument in map(get_proper_type, found.args):
        if isinstance(argument, Instance) and (
            _is_object(argument)
            or _as_config_dict(argument) is not None
            or _has_loose_argument(argument)
        ):
            return True
    return False


def _loosened(found: Instance) -> Instance:
    """``found`` with ``object`` arguments read as ``Any``, ``Config`` ones as dicts.

    At any depth: ``list[list[Config[A]]]`` is ``list[list[dict[str, Any]]]``.
    """
    args: list[Type] = []
    for argument in map(get_proper_type, found.args):
        if not isinstance(argument, Instance):
            args.append(argument)
        elif _is_object(argument):
            args.append(AnyType(TypeOfAny.special_form))
        else:
            args.append(_loosened(_as_config_dict(argument) or argument))
    # mypy types the parameter with its own ``Bogus[...]`` marker, which pyright cannot see.
    return found.copy_modified(args=args)  # pyright: ignore[reportUnknownMemberType]
