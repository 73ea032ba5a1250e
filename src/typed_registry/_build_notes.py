"""The notes a build error gets: which type, which registry, and where in the config.

A constructor's error gets a note per build level (``while building 'ResNet' at 'backbone'
with registry ...``). The path is learnt as the error leaves each build: the enclosing build
finds the config that failed among its own arguments and prefixes that key to the notes
made so far. The notes stay bounded: at most :data:`MAX_NOTES` levels are noted, and a
config that builds itself (its constructor builds the very config it was given, or a
config that contains itself) becomes one :class:`~typed_registry.exceptions.ConfigError`
instead of hundreds of identical notes on a ``RecursionError``.
"""

from __future__ import annotations

from typed_registry.exceptions import ConfigError

# Not ``typing.TYPE_CHECKING``: importing typing would triple this package's import time;
# mypy and pyright treat any ``TYPE_CHECKING`` name as true (see docs/design.md).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

    from typed_registry._registry import Registry

#: How many build levels an error's notes name at most (the innermost ones).
MAX_NOTES = 8
#: A RecursionError that has left this many builds is the builds' nesting, not a
#: constructor's own recursion: it becomes a ConfigError.
MAX_BUILD_LEVELS = 50
#: How many keys of a config path a message shows at most (the outermost and innermost ones).
_MAX_PATH_KEYS = 8
# The attribute on an error where the notes made so far are kept while it propagates.
_STATE = "_typed_registry_build_notes"


class _Note:
    """One level's note: where it is in ``__notes__``, its two halves, and its path so far."""

    __slots__ = ("head", "index", "path", "tail")

    def __init__(self, index: int, head: str, tail: str) -> None:
        self.index = index
        self.head = head
        self.tail = tail
        self.path: list[str] = []


class _Notes:
    """The notes of one error, and the config the outermost noted build was building."""

    __slots__ = ("cfg", "final", "levels", "notes")

    def __init__(self, cfg: object) -> None:
        self.cfg = cfg
        # No path is learnt any more: a level did not find the failing config among its
        # arguments, or the error is the ConfigError of a config that builds itself.
        self.final = False
        self.levels = 0
        self.notes: list[_Note] = []


def note_build_failure(
    error: Exception,
    obj_type: object,
    registry: Registry[Any],
    cfg: object,
    kwargs: Mapping[str, object],
) -> Exception | None:
    """Note ``error``, raised while building ``cfg``; return an error to raise instead, if any.

    Args:
        error: The constructor's error.
        obj_type: The config's ``type``.
        registry: The registry that built it.
        cfg: The config as it was given to ``build`` (compared by identity).
        kwargs: The arguments the constructor got, where a failing nested config is found.

    Returns:
        None to re-raise ``error`` (now noted), or the ConfigError of a config that builds
        itself, to raise from ``error``.
    """
    try:
        return _note(error, obj_type, registry, cfg, kwargs)
    except RecursionError:
        # Noting at the very bottom of the stack can overflow it again: leave this level
        # without a note rather than replace the error with one from its note.
        return None


def _note(
    error: Exception,
    obj_type: object,
    registry: Registry[Any],
    cfg: object,
    kwargs: Mapping[str, object],
) -> Exception | None:
    where = f"with registry {registry.name!r} (scope {registry.scope!r})"
    state: _Notes | None = getattr(error, _STATE, None)
    if state is None:
        state = _Notes(cfg)
        setattr(error, _STATE, state)
    elif not state.final:
        if state.cfg is cfg and isinstance(error, RecursionError):
            return _replacement(
                f"the config of {obj_type!r} builds itself ({where}): its constructor builds "
                "the config it was given, or the config contains itself, so the build never "
                "ends"
            )
        key = _key_of(kwargs, state.cfg)
        if key is None:
            state.final = True
        else:
            for note in state.notes:
                note.path.insert(0, key)
                _rewrite(error, note)
            state.cfg = cfg
    state.levels += 1
    if isinstance(error, RecursionError) and state.levels >= MAX_BUILD_LEVELS:
        return _replacement(
            f"builds nested {MAX_BUILD_LEVELS} deep ran out of Python's stack (while building "
            f"{obj_type!r} {where}, {_innermost(state)}): a config nested this deeply, or a "
            "constructor that builds a copy of its own config"
        )
    if state.levels <= MAX_NOTES:
        head = f"while building {obj_type!r}"
        error.add_note(f"{head} {where}")
        state.notes.append(_Note(len(error.__notes__) - 1, head, where))
    elif state.levels == MAX_NOTES + 1:
        error.add_note(f"(and builds enclosing these, not noted: at most {MAX_NOTES} are)")
    return None


def _innermost(state: _Notes) -> str:
    if state.notes and state.notes[0].path:
        return f"the innermost at {format_path(state.notes[0].path)!r}"
    return "the innermost at an unknown path"


def _replacement(msg: str) -> ConfigError:
    """The ConfigError that replaces a RecursionError; the enclosing builds leave it as is."""
    replacement = ConfigError(msg)
    state = _Notes(None)
    state.final = True
    state.levels = MAX_NOTES + 1  # the message says it all: the enclosing builds add nothing
    setattr(replacement, _STATE, state)
    return replacement


def _rewrite(error: Exception, note: _Note) -> None:
    error.__notes__[note.index] = f"{note.head} at {format_path(note.path)!r} {note.tail}"


def _key_of(kwargs: Mapping[str, object], inner: object) -> str | None:
    """The key under which ``kwargs`` holds ``inner``: ``backbone``, ``necks[1]``, ``a.b``."""
    for key, value in kwargs.items():
        if value is inner:
            return str(key)
        if isinstance(value, list | tuple):
            for index, item in enumerate(value):  # pyright: ignore[reportUnknownArgumentType, reportUnknownVariableType]
                if item is inner:
                    return f"{key}[{index}]"
        elif isinstance(value, dict):
            for sub, item in value.items():  # pyright: ignore[reportUnknownVariableType]
                if item is inner:
                    return f"{key}.{sub}"
    return None


def format_path(keys: Sequence[str]) -> str:
    """Join keys as a config path (``model.necks[1].conv``), eliding the middle of long ones."""
    if len(keys) > _MAX_PATH_KEYS:
        half = _MAX_PATH_KEYS // 2
        return f"{format_path(keys[:half])}...{format_path(keys[-half:])}"
    return "".join(key if key.startswith("[") else f".{key}" for key in keys).lstrip(".")
