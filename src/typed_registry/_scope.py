"""Scopes: what a valid scope is, the scope a new registry infers, and the default scope.

The default scope lives in a :class:`contextvars.ContextVar`, so each thread and each
asyncio task sees its own value. MMEngine keeps it in a process-global instead, and two
threads building with different scopes see each other's (mmpose #2044).
"""

from __future__ import annotations

import sys
from contextvars import ContextVar, Token

# Not ``typing.TYPE_CHECKING``: importing typing would triple this package's import time;
# mypy and pyright treat any ``TYPE_CHECKING`` name as true (see docs/design.md).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import FrameType, TracebackType
    from typing import Any

#: The active default scope; None when no ``default_scope`` block is active.
DEFAULT_SCOPE: ContextVar[str | None] = ContextVar("typed_registry.default_scope", default=None)


def check_scope(scope: object, what: str = "scope") -> str:
    """Return ``scope`` if it is a valid scope: a non-empty string without ``.``.

    Raises:
        TypeError: ``scope`` is not a string.
        ValueError: ``scope`` is empty or contains ``.``.
    """
    if not isinstance(scope, str):
        msg = f"{what} must be a string, not {type(scope).__name__}"
        raise TypeError(msg)
    if not scope or "." in scope:
        msg = f"{what} must be a non-empty string without '.', got {scope!r}"
        raise ValueError(msg)
    return scope


def infer_scope(frame: FrameType | None, creating: object) -> str:
    """Return the top-level package of the module whose code is creating a registry.

    ``frame`` is the caller of ``Registry.__init__``; frames of ``__init__`` methods of
    subclasses (their ``self`` is ``creating``) are skipped so that a subclass defined in a
    library still gets the scope of the module that instantiates it.

    Raises:
        ValueError: the creating module cannot be determined (for example code run by
            ``exec`` with globals that have no ``__name__``).
    """
    while frame is not None and frame.f_locals.get("self") is creating:
        frame = frame.f_back
    module: Any = None if frame is None else frame.f_globals.get("__name__")
    if not isinstance(module, str) or not module:
        msg = (
            "cannot infer the scope of this registry: the module creating it has no "
            "__name__; pass scope='...' explicitly"
        )
        raise ValueError(msg)
    return module.split(".", 1)[0]


def caller_frame(depth: int) -> FrameType | None:
    """Return the frame ``depth`` levels above the caller, or None if the stack is shorter."""
    try:
        return sys._getframe(depth + 1)  # pyright: ignore[reportPrivateUsage]
    except ValueError:  # pragma: no cover  # only when the stack is shallower than depth
        return None


class default_scope:  # noqa: N801  # used as a function: ``with default_scope("mmdet"):``
    """Make ``scope`` the default scope for builds inside the ``with`` block.

    While active, ``reg.build(...)`` (and :func:`~typed_registry.build_from_cfg`) resolves
    unscoped names starting from the registry of ``reg``'s tree whose scope is ``scope``, if
    that tree has one, and from ``reg`` itself otherwise. ``None`` switches the default scope
    off inside the block. Lookups with ``get``/``[]``/``in`` are not affected: they depend on
    the key alone. The value is held in a :class:`contextvars.ContextVar`, so it never leaks
    into other threads or asyncio tasks, and blocks nest.

    Args:
        scope: A scope (non-empty, without ``.``), or None.

    Raises:
        TypeError: ``scope`` is neither a string nor None.
        ValueError: ``scope`` is empty or contains ``.``.

    Example:
        >>> from typed_registry import Registry, default_scope
        >>> ROOT: Registry[object] = Registry("models", scope="core")
        >>> CHILD: Registry[object] = Registry("models", scope="det", parent=ROOT)
        >>> @CHILD.register_module()
        ... class Net:
        ...     pass
        >>> with default_scope("det"):
        ...     print(type(ROOT.build({"type": "Net"})).__name__)
        Net
    """

    __slots__ = ("_scope", "_tokens")

    def __init__(self, scope: str | None) -> None:
        self._scope = None if scope is None else check_scope(scope)
        self._tokens: list[Token[str | None]] = []

    def __enter__(self) -> None:
        # A stack, so one instance can be entered again while it is active.
        self._tokens.append(DEFAULT_SCOPE.set(self._scope))

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        DEFAULT_SCOPE.reset(self._tokens.pop())
