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
    from typing import Any

    from typed_registry._registry import Registry


class ConfigFor:
    """Annotation metadata: the parameter takes a config (or a list of them) for ``registry``.

    Args:
        registry: The registry that builds the config (or each item of a list of configs).

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
    """

    __slots__ = ("registry",)

    def __init__(self, registry: Registry[Any]) -> None:
        self.registry: Registry[Any] = registry

    def __repr__(self) -> str:
        return f"ConfigFor({self.registry!r})"
