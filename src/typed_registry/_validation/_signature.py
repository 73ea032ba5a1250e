"""What a registered class or function takes: parameters, annotations, ``ConfigFor``.

Read with :mod:`inspect` from the live object, once per object. Annotations written as
strings (``from __future__ import annotations``) are evaluated one by one in the defining
module; one that cannot be evaluated (a name imported only under ``TYPE_CHECKING``) leaves
that parameter's values unchecked instead of failing the whole signature.
"""

from __future__ import annotations

import functools
import inspect
import sys
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, cast

from typed_registry._config_for import ConfigFor

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from typed_registry._registry import Registry


class _NoAnnotation:
    def __repr__(self) -> str:
        return "NO_ANNOTATION"


#: The annotation of a parameter that has none, or one that cannot be evaluated.
NO_ANNOTATION: Final = _NoAnnotation()

_BY_KEYWORD = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)


@dataclass(frozen=True)
class Parameter:
    """One parameter that a config can pass by keyword.

    Attributes:
        name: The keyword.
        required: Whether it has no default.
        annotation: The evaluated annotation, or :data:`NO_ANNOTATION`.
        config_for: The registry its ``ConfigFor`` names, if any.
        contract: That ``ConfigFor`` itself: what its builder supplies and consumes.
    """

    name: str
    required: bool
    annotation: object
    config_for: Registry[Any] | None
    contract: ConfigFor | None = None


@dataclass(frozen=True)
class Signature:
    """What a config may pass to a registered object.

    Attributes:
        name: The object's name, as messages show it (``ResNet``).
        parameters: The parameters that take keywords, in order.
        positional_only: Required parameters no keyword can fill: the build always fails.
        var_keyword: Whether it takes ``**kwargs`` (then any key is accepted).
    """

    name: str
    parameters: dict[str, Parameter]
    positional_only: tuple[str, ...]
    var_keyword: bool


def signature_of(obj: Callable[..., object]) -> Signature | None:
    """The :class:`Signature` of ``obj``, or None when :mod:`inspect` cannot tell."""
    try:
        return _cached_signature(obj)
    except TypeError:  # unhashable: not cached
        return _read_signature(obj)


@functools.lru_cache(maxsize=4096)
def _cached_signature(obj: Callable[..., object]) -> Signature | None:
    return _read_signature(obj)


def _read_signature(obj: Callable[..., object]) -> Signature | None:
    try:
        found = inspect.signature(obj)
    except (TypeError, ValueError):  # builtins without a text signature
        return None
    namespaces = list(_namespaces(obj))
    parameters: dict[str, Parameter] = {}
    positional_only: list[str] = []
    var_keyword = False
    for parameter in found.parameters.values():
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            var_keyword = True
        elif parameter.kind in _BY_KEYWORD:
            annotation = _evaluate(parameter.annotation, namespaces)
            parameters[parameter.name] = Parameter(
                parameter.name,
                required=parameter.default is inspect.Parameter.empty,
                annotation=annotation,
                config_for=_config_for(annotation),
                contract=_contract(annotation),
            )
        elif (
            parameter.kind is inspect.Parameter.POSITIONAL_ONLY
            and parameter.default is inspect.Parameter.empty
        ):
            positional_only.append(parameter.name)
    name = getattr(obj, "__name__", None)
    return Signature(
        name if isinstance(name, str) else repr(obj),
        parameters,
        tuple(positional_only),
        var_keyword,
    )


def _namespaces(obj: object) -> Iterator[dict[str, Any]]:
    """The globals that ``obj``'s string annotations may name: its functions' modules."""
    functions: list[object] = [obj]
    if isinstance(obj, type):
        functions = [
            vars(klass)[name]
            for klass in obj.__mro__
            for name in ("__init__", "__new__")
            if name in vars(klass)
        ]
    for function in functions:
        unwrapped = function
        while hasattr(unwrapped, "__wrapped__"):  # inspect.unwrap, for any object
            unwrapped = getattr(unwrapped, "__wrapped__")  # noqa: B009  # typed as object
        found = getattr(unwrapped, "__globals__", None)
        if isinstance(found, dict):
            yield cast("dict[str, Any]", found)
    module = sys.modules.get(getattr(obj, "__module__", "") or "")
    if module is not None:
        yield vars(module)


def _evaluate(annotation: object, namespaces: list[dict[str, Any]]) -> object:
    if annotation is inspect.Parameter.empty:
        return NO_ANNOTATION
    if not isinstance(annotation, str):
        return annotation
    for namespace in namespaces:
        try:
            return eval(annotation, namespace)  # as typing.get_type_hints does
        except Exception:  # any failure: try the next module, else unchecked
            continue
    return NO_ANNOTATION


def _config_for(annotation: object) -> Registry[Any] | None:
    """The registry of the first ``ConfigFor`` in ``annotation`` (in unions too)."""
    contract = _contract(annotation)
    return None if contract is None else contract.registry


def _contract(annotation: object) -> ConfigFor | None:
    """The first ``ConfigFor`` in ``annotation`` (in unions too)."""
    return next((m for m in _metadata(annotation) if isinstance(m, ConfigFor)), None)


def _metadata(annotation: object) -> Iterator[object]:
    metadata = getattr(annotation, "__metadata__", None)
    if isinstance(metadata, tuple):
        yield from cast("tuple[object, ...]", metadata)
    for argument in typing.get_args(annotation):
        yield from _metadata(argument)
