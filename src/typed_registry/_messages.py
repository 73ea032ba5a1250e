"""The 'not registered' message: what was looked up where, and what was probably meant."""

from __future__ import annotations

from typed_registry import _resolution
from typed_registry.exceptions import LocationImportError, NotRegisteredError

# Not ``typing.TYPE_CHECKING``: importing typing would triple this package's import time;
# mypy and pyright treat any ``TYPE_CHECKING`` name as true (see docs/design.md).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any, TypeVar

    N = TypeVar("N")


#: The most characters of a config, key or value an error message shows.
MAX_SHOWN = 200


def shown(value: object) -> str:
    """Return ``repr(value)`` cut to :data:`MAX_SHOWN` characters, for any value.

    A config in a message may be huge, nested thousands deep or contain itself; reprlib
    stops at a few levels and items (and shows an item whose repr fails by its class).
    """
    import reprlib  # noqa: PLC0415  # error paths only

    short = reprlib.Repr()
    short.maxlevel, short.maxdict, short.maxlist, short.maxtuple = 3, 8, 8, 8
    short.maxstring, short.maxother, short.maxlong = 60, 60, 40
    text = short.repr(value)
    return text if len(text) <= MAX_SHOWN else f"{text[: MAX_SHOWN - 3]}..."


def quoted(words: Sequence[str]) -> str:
    """Join words as ``'a', 'b' or 'c'``."""
    shown = [repr(word) for word in words]
    if len(shown) <= 1:
        return "".join(shown)
    return f"{', '.join(shown[:-1])} or {shown[-1]}"


def not_registered_error(
    view: _resolution.TreeView[N, Any],
    start: N,
    key: str,
    *,
    registry_name: str,
    locations: Sequence[str],
) -> NotRegisteredError:
    """Return the error for ``key`` missing when resolved from ``start``.

    ``start`` is the registry the lookup began from; ``locations`` are its locations, which
    the message lists since a missing import is the most common cause.
    """
    scope = view.scope(start)
    where = f"registry {registry_name!r} (scope {scope!r})"
    node, rest = _resolution.split_scopes(view, start, key)
    if node is None:
        known = [view.scope(member) for member in view.tree(start)]
        suggestions = tuple(_resolution.respell_scope(view, start, key, _resolution.close_matches))[
            : _resolution.MAX_SUGGESTIONS
        ]
        message = (
            f"{key!r} is not registered: its scope {rest!r} is not in the tree of {where}; "
            f"known scopes: {', '.join(map(repr, known))}"
        )
    else:
        close = _resolution.close_matches(key, _resolution.visible_keys(view, start))
        suggestions = tuple(_resolution.suggestions_for_name(view, start, rest, close))[
            : _resolution.MAX_SUGGESTIONS
        ]
        searched = "" if node is start else f" (searched from scope {view.scope(node)!r})"
        message = f"{key!r} is not registered in {where} or its parents{searched}"
    if suggestions:
        message += f"; did you mean {quoted(suggestions)}?"
    if locations:
        message += f" (imported locations: {', '.join(locations)})"
    else:
        message += (
            " (if it is registered in a module that was never imported, "
            "list that module in the registry's locations=)"
        )
    return NotRegisteredError(
        message, key=key, registry_name=registry_name, scope=scope, suggestions=suggestions
    )


def skipped_suggestions_note(scope: str, failure: LocationImportError) -> str:
    """Return the note saying that a registry's suggestions were left out, and why.

    ``failure`` is the error raised importing the locations of the registry of ``scope``.
    """
    cause = failure.__cause__
    return (
        f"suggestions from registry {failure.registry_name!r} (scope {scope!r}) were skipped: "
        f"its location {failure.location!r} failed to import ({type(cause).__name__}: {cause})"
    )
