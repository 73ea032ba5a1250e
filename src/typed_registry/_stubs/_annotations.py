"""A parameter's evaluated annotation written back as stub text, with the imports it needs.

A stub names a class through an alias of its module (``_tr_m0.ResNet``), so that no
generated name can clash with a name of the module the stub replaces. What a stub cannot
name is written ``Any``, which accepts every value: a class defined inside a function, a
``TypeVar``, a ``ForwardRef``, an annotation that could not be evaluated, a ``Literal`` of
an enum member. ``Annotated[X, ...]`` is written ``X``: the metadata means nothing to a
checker reading the stub.
"""

from __future__ import annotations

import collections.abc
import types
import typing
from typing import Final

from typed_registry._config_for import ConfigFor

#: Written as themselves: builtins every stub sees.
_BUILTINS: Final = frozenset(
    {bool, bytes, bytearray, complex, dict, float, frozenset, int, list, object, set, str, tuple}
)
_LITERALS: Final = (str, int, bool, bytes, type(None))
#: Generic aliases of ``typing`` whose origin is a builtin or an ABC: written as that origin.
_ORIGIN_MODULES: Final = frozenset({"builtins", "collections.abc"})
ANY: Final = "_Any"
_CALLABLE: Final[object] = collections.abc.Callable
#: What a config of a registry is, where ``ConfigFor`` marks one.
_MAPPINGS: Final[frozenset[object]] = frozenset(
    {dict, collections.abc.Mapping, collections.abc.MutableMapping}
)


class Imports:
    """The modules a stub imports to name classes, each under an alias of its own.

    Attributes:
        configs: The TypedDicts of the registries the stub types, by ``id`` of the registry
            (``_TASK_UTILS_Config | _TASK_UTILS_ScopedConfig``): what a dict marked
            ``ConfigFor`` that registry takes.
    """

    def __init__(self) -> None:
        self._aliases: dict[str, str] = {}
        self.configs: dict[int, str] = {}

    def name(self, module: str, qualname: str) -> str:
        """``qualname`` of ``module`` as the stub writes it."""
        if module == "builtins":
            return qualname
        alias = self._aliases.get(module)
        if alias is None:
            alias = self._aliases[module] = f"_tr_m{len(self._aliases)}"
        return f"{alias}.{qualname}"

    def lines(self) -> list[str]:
        """The import lines, in the order the aliases were made."""
        return [f"import {module} as {alias}" for module, alias in self._aliases.items()]


def class_name(klass: type, imports: Imports) -> str | None:
    """How a stub names ``klass`` (with ``Any`` type arguments if generic), or None."""
    module = getattr(klass, "__module__", None)
    qualname = getattr(klass, "__qualname__", "")
    if not isinstance(module, str) or "<" in qualname or module == "__main__":
        return None
    named = imports.name(module, qualname)
    parameters: tuple[object, ...] = getattr(klass, "__parameters__", ())
    if parameters:
        named += "[" + ", ".join(ANY for _ in parameters) + "]"
    return named


def render(annotation: object, imports: Imports, config: str | None = None) -> str:  # noqa: PLR0911  # a return per kind
    """The stub text of ``annotation``: ``_Any`` for whatever a stub cannot write.

    Example:
        >>> from collections.abc import Sequence
        >>> from typing import Literal
        >>> imports = Imports()
        >>> render(dict[str, int | None], imports), render(Sequence[int], imports)
        ('dict[str, int | None]', '_tr_m0.Sequence[int]')
        >>> render(Literal["sum", "mean"], imports), render(tuple[()], imports)
        ("_Literal['sum', 'mean']", 'tuple[()]')
        >>> imports.lines()
        ['import collections.abc as _tr_m0']
    """
    if annotation is None or annotation is type(None):
        return "None"
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is typing.Annotated:
        marked = next((m for m in annotation.__metadata__ if isinstance(m, ConfigFor)), None)  # type: ignore[attr-defined]
        if marked is not None:
            config = imports.configs.get(id(marked.registry), config)
        return render(arguments[0], imports, config)
    if origin is typing.Union or isinstance(annotation, types.UnionType):
        return union([render(argument, imports, config) for argument in arguments])
    if origin is typing.Literal:
        if all(isinstance(a, _LITERALS) for a in arguments):
            return f"_Literal[{', '.join(map(repr, arguments))}]"
        return ANY
    if annotation is typing.Any:
        return ANY
    if origin is _CALLABLE:
        return ANY  # its parameters nest in a list: not worth writing for a config value
    if isinstance(origin, type):
        rendered = _generic(origin, arguments, imports, config)
    elif isinstance(annotation, type):
        named = annotation.__name__ if annotation in _BUILTINS else class_name(annotation, imports)
        rendered = named or ANY
    else:
        return ANY
    mapping = origin if isinstance(origin, type) else annotation
    if config is not None and mapping in _MAPPINGS:
        return f"{config} | {rendered}"  # a config of that registry, or any dict
    return rendered


def _generic(
    origin: type, arguments: tuple[object, ...], imports: Imports, config: str | None
) -> str:
    if origin.__module__ not in _ORIGIN_MODULES:
        return class_name(origin, imports) or ANY  # a generic class: its arguments are Any
    named = (
        origin.__name__
        if origin.__module__ == "builtins"
        else imports.name(origin.__module__, origin.__qualname__)
    )
    if origin is tuple and not arguments:
        return "tuple[()]"
    # A list of configs holds configs; a dict's own keys and values are not configs.
    inner = None if origin in _MAPPINGS else config
    rendered = [
        "..." if argument is Ellipsis else render(argument, imports, inner)
        for argument in arguments
    ]
    return f"{named}[{', '.join(rendered)}]" if rendered else named


def union(members: list[str]) -> str:
    """The union of stub texts: ``_Any`` when one of them is."""
    if ANY in members:
        return ANY
    return " | ".join(dict.fromkeys(members))
