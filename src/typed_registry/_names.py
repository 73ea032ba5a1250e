"""Registered names: which are valid, the name an object registers under, how to show it."""

from __future__ import annotations

from types import BuiltinFunctionType, FunctionType, MethodType

# Not ``typing.TYPE_CHECKING``: importing typing would triple this package's import time;
# mypy and pyright treat any ``TYPE_CHECKING`` name as true (see docs/design.md).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import FrameType

# What counts as a function; ``inspect.isroutine`` would do, but importing inspect costs
# several milliseconds of this package's import time.
_FUNCTION_TYPES = (FunctionType, BuiltinFunctionType, MethodType)


def check_name(name: object) -> str:
    """Return ``name`` if it can be registered: a non-empty string without ``.``.

    Raises:
        TypeError: ``name`` is not a string.
        ValueError: ``name`` is empty or contains ``.`` (a dotted name could never be looked
            up: the part before the dot is read as a scope).
    """
    if not isinstance(name, str):
        msg = f"a registered name must be a string, not {type(name).__name__}"
        raise TypeError(msg)
    if not name or "." in name:
        msg = (
            f"a registered name must be a non-empty string without '.', got {name!r} "
            "(a dot separates a scope from a name in keys)"
        )
        raise ValueError(msg)
    return name


def check_names(name: object) -> tuple[str, ...] | None:
    """Validate the ``name`` argument of ``register_module``: None, a name, or aliases.

    Raises:
        TypeError: a name is not a string; a class or function given as the name gets a
            message that shows how to register it.
        ValueError: a name is invalid, the sequence is empty, or a name repeats.
    """
    if name is None:
        return None
    if isinstance(name, str):
        return (check_name(name),)
    if callable(name):
        raise TypeError(_object_as_name_message(name))
    # Imported here: registration is not a hot path, and import time is a target.
    from collections.abc import Sequence  # noqa: PLC0415

    if not isinstance(name, Sequence):
        msg = f"name must be None, a string or a sequence of strings, not {type(name).__name__}"
        raise TypeError(msg)
    items: Sequence[object] = name  # pyright: ignore[reportUnknownVariableType]
    names = tuple(check_name(n) for n in items)
    if not names:
        msg = "name is an empty sequence: give at least one name"
        raise ValueError(msg)
    for index, n in enumerate(names):
        if n in names[:index]:
            msg = f"name {n!r} is given twice"
            raise ValueError(msg)
    return names


def _object_as_name_message(obj: object) -> str:
    # MMCV 1.x registered ``REG.register_module(Cls)`` (with a deprecation warning), and a
    # bare ``@REG.register_module`` decorator makes the same call: both pass the object as
    # ``name``, and neither can be told from the other here, so the message shows both fixes.
    kind = kind_of(obj)
    shown = describe(obj) if kind == "callable" else f"the {kind} {describe(obj)}"
    own_name = getattr(obj, "__name__", None)
    argument = own_name if isinstance(own_name, str) and own_name.isidentifier() else "obj"
    return (
        f"register_module() takes names, not {shown}: write @REG.register_module() with "
        f"parentheses, or REG.register_module(module={argument}) (MMCV 1.x's "
        f"register_module({argument}) is not supported)"
    )


def name_of(obj: object) -> str:
    """Return the name a class or function registers under when no name is given.

    Raises:
        TypeError: ``obj`` is neither a class nor a function (it has no reliable name).
        ValueError: ``obj`` is a lambda, whose ``__name__`` is ``'<lambda>'``.
    """
    if not isinstance(obj, (type, *_FUNCTION_TYPES)):
        msg = (
            f"{describe(obj)} is not a class or function, so it has no name to register "
            "under; pass name='...'"
        )
        raise TypeError(msg)
    name: str = obj.__name__
    if name == "<lambda>":
        msg = "a lambda has no name to register under; pass name='...'"
        raise ValueError(msg)
    return check_name(name)


def describe(obj: object) -> str:
    """Show an object as ``module.QualName`` when it has those, else by its repr."""
    module = getattr(obj, "__module__", None)
    qualname = getattr(obj, "__qualname__", None)
    if isinstance(module, str) and isinstance(qualname, str):
        return f"{module}.{qualname}"
    return f"{type(obj).__name__} object {obj!r}"


def kind_of(obj: object) -> str:
    """Return ``'class'``, ``'function'`` or ``'callable'``."""
    if isinstance(obj, type):
        return "class"
    if isinstance(obj, _FUNCTION_TYPES):
        return "function"
    return "callable"


def module_of(frame: FrameType | None) -> str | None:
    """Return the ``__name__`` of the module whose code ``frame`` runs, if it has one."""
    module = None if frame is None else frame.f_globals.get("__name__")
    return module if isinstance(module, str) else None


def describe_site(frame: FrameType | None) -> str:
    """Return ``module:line`` of ``frame``: where a registration was made.

    The module name rather than the file path keeps tables and messages the same on every
    machine; it falls back to the file name for code without a ``__name__``.
    """
    if frame is None:  # pragma: no cover  # only without a Python caller (C embedding)
        return "<unknown>"
    module = frame.f_globals.get("__name__")
    where = module if isinstance(module, str) else frame.f_code.co_filename
    return f"{where}:{frame.f_lineno}"
