"""``ConfigFor``: marks a parameter as a config that another registry builds.

A class registered in one registry often takes configs that it builds itself with another
registry (a detector's ``anchor_generator`` goes to ``TASK_UTILS``, its ``init_cfg`` to the
weight initialisers). Nothing in a plain ``dict`` annotation says which, so a checker cannot
know what a nested ``type`` must name. ``ConfigFor`` says it in the annotation::

    from typing import Annotated, Any


    def __init__(
        self,
        anchor_generator: Annotated[dict[str, Any], ConfigFor(TASK_UTILS)],
        pipeline: Annotated[list[dict[str, Any]], ConfigFor(TRANSFORMS)],  # each item
    ) -> None: ...

It is plain data in ``typing.Annotated`` metadata: type checkers see the annotated type
only, and at run time it costs one small object per annotation (nothing at all under
``from __future__ import annotations``). The mypy plugin reads it from the source.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: see _registry.py
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

    from typed_registry._registry import Registry


class ConfigFor:
    """Annotation metadata: the parameter takes a config (or a list of them) for ``registry``.

    By default the class passes the config to ``registry.build`` with its keys unchanged,
    perhaps completed by ``default_args``: an unknown key is an error, a missing argument
    is not. A builder that changes the config says how, and its keys are checked exactly:

    Args:
        registry: The registry that builds the config (or each item of a list of configs).
        supplies: The arguments the builder passes itself (``build_norm_layer(cfg, 64)``
            passes ``num_features``): given, a config must not pass them, and any other
            required argument it leaves out is an error. ``None`` (the default): what the
            builder adds is unknown, so a missing argument is no error.
        consumes: The keys the builder takes out before it builds (``requires_grad``, which
            ``build_norm_layer`` pops): never checked against what it builds.

    Example:
        >>> from typing import Annotated, Any
        >>> from typed_registry import ConfigFor, Registry
        >>> TRANSFORMS: Registry[object] = Registry("transforms", scope="configfor")
        >>> class Dataset:
        ...     def __init__(
        ...         self, pipeline: Annotated[list[dict[str, Any]], ConfigFor(TRANSFORMS)]
        ...     ) -> None:
        ...         self.pipeline = [TRANSFORMS.build(step) for step in pipeline]
        >>> ConfigFor(TRANSFORMS)
        ConfigFor(Registry(name='transforms', scope='configfor', parent=None, entries=[]))
        >>> ConfigFor(TRANSFORMS, supplies=["size"], consumes=["requires_grad"])
        ConfigFor(Registry(name='transforms', scope='configfor', parent=None, entries=[]), \
supplies=('size',), consumes=('requires_grad',))
    """

    __slots__ = ("consumes", "registry", "supplies")

    def __init__(
        self,
        registry: Registry[Any],
        *,
        supplies: Iterable[str] | None = None,
        consumes: Iterable[str] = (),
    ) -> None:
        self.registry: Registry[Any] = registry
        self.supplies: tuple[str, ...] | None = None if supplies is None else _names(supplies)
        self.consumes: tuple[str, ...] = _names(consumes)

    def __repr__(self) -> str:
        extra = "" if self.supplies is None else f", supplies={self.supplies!r}"
        if self.consumes:
            extra += f", consumes={self.consumes!r}"
        return f"ConfigFor({self.registry!r}{extra})"


def _names(keys: Iterable[str]) -> tuple[str, ...]:
    """``keys`` as a tuple; a single string is refused (it would read as its letters)."""
    if isinstance(keys, str):
        msg = f"ConfigFor takes a list of keys, not the string {keys!r}"
        raise TypeError(msg)
    return tuple(keys)
