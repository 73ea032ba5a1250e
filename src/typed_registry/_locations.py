"""A registry's ``locations``: modules imported once, lazily, before its first lookup.

This answers the classic "X is not in the registry" (mmdetection #5974): the module that
registers X was never imported. Only these modules, declared in code, are ever imported;
nothing is imported from a config string (MMEngine imports any prefix of a missing key).

An import that fails is undone: what it registered (and the registries it created) is
removed again, and the modules that registered are dropped from ``sys.modules`` so that the
next attempt runs them again. A retry therefore meets the original error again, never a
duplicate name left behind by the failed attempt, and a registry is never half-filled.
"""

from __future__ import annotations

import _thread
import sys

from typed_registry.exceptions import LocationImportError

# Not ``typing.TYPE_CHECKING``: importing typing would triple this package's import time;
# mypy and pyright treat any ``TYPE_CHECKING`` name as true (see docs/design.md).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence


class _Attempt:
    """What one location import changed so far, to undo it if the import fails."""

    __slots__ = ("before", "changed_by", "undo")

    def __init__(self) -> None:
        # The modules imported before the attempt: only modules first run by the attempt
        # are dropped from sys.modules when it fails (a module that registers from a
        # function it was asked to run, or a C extension, must stay).
        self.before = frozenset(sys.modules)
        self.undo: list[Callable[[], None]] = []
        # The modules that registered, by name: the module object each name had then.
        self.changed_by: dict[str, object] = {}

    def roll_back(self) -> None:
        for undo in reversed(self.undo):
            undo()
        for name, module in self.changed_by.items():
            # Only the module this attempt ran: another thread may be importing it anew.
            if name not in self.before and sys.modules.get(name) is module:
                del sys.modules[name]
                # And its name in its package, which the import bound: else the next
                # attempt's ``from pkg import m`` takes that module without running it again,
                # and what it registered (just undone) is missing without an error.
                package, _, attribute = name.rpartition(".")
                parent = sys.modules.get(package) if package else None
                if parent is not None and getattr(parent, attribute, None) is module:
                    delattr(parent, attribute)


# The attempts in progress, per thread, innermost last: a location may import another
# registry's location, whose changes belong to both attempts.
_attempts: dict[int, list[_Attempt]] = {}


def record_change(module: object, undo: Callable[[], None]) -> None:
    """Note a change made to a registry tree, undone if the location import under way fails.

    Args:
        module: The ``__name__`` of the module that made the change (from its frame).
        undo: Restores what the change replaced.
    """
    stack = _attempts.get(_thread.get_ident())
    if stack:
        attempt = stack[-1]
        attempt.undo.append(undo)
        if isinstance(module, str):
            attempt.changed_by.setdefault(module, sys.modules.get(module))


class Locations:
    """The locations of one registry and whether they have been imported."""

    __slots__ = ("_loading", "_pending", "_registry_name", "_scope", "modules")

    def __init__(self, registry_name: str, scope: str, modules: Sequence[str]) -> None:
        if isinstance(modules, str):  # a str is a Sequence[str], and a classic mistake
            msg = f"locations must be a sequence of module names, not the string {modules!r}"
            raise TypeError(msg)
        for module in modules:
            _check_module_name(module)
        self.modules: tuple[str, ...] = tuple(modules)
        self._registry_name = registry_name
        self._scope = scope
        # True until every location imported without error; a failure leaves it True so
        # that the next lookup tries again.
        self._pending = bool(self.modules)
        # The threads importing these locations now: a location that looks itself up
        # while it is imported sees what is registered so far instead of starting over.
        self._loading: set[int] = set()

    @property
    def pending(self) -> bool:
        """Whether some location has not imported yet (none given, or all done: False)."""
        return self._pending

    def reopen(self) -> None:
        """Mark the locations as not imported: what their import registered was undone."""
        self._pending = bool(self.modules)

    def load(self) -> None:
        """Import every location unless that already succeeded.

        No lock of ours is held while importing: Python's own per-module import locks make
        a second thread wait for the import, and a thread that is importing a location
        itself (directly or through a lookup) gets the partly run module at once. Holding a
        lock here too would deadlock with a thread that imports the module directly and
        looks the registry up while doing so (the two locks taken in opposite orders).

        Raises:
            LocationImportError: a location failed to import (the original error is the
                ``__cause__``); what the failed import registered has been undone.
        """
        thread = _thread.get_ident()
        if not self._pending or thread in self._loading:
            return
        self._loading.add(thread)
        try:
            done = True
            for module in self.modules:
                done = _import(module, self._registry_name, self._scope) and done
            # A lookup made by a module while this thread runs it gets that module half
            # run: the locations are done only when every one has finished.
            if done:
                self._pending = False
        finally:
            self._loading.discard(thread)


def _import(module: str, registry_name: str, scope: str) -> bool:
    """Import ``module`` as one attempt; return whether it has finished running."""
    import importlib  # noqa: PLC0415  # only registries with locations need it

    thread = _thread.get_ident()
    stack = _attempts.setdefault(thread, [])
    attempt = _Attempt()
    stack.append(attempt)
    try:
        imported = importlib.import_module(module)
    except BaseException as error:  # KeyboardInterrupt too: undone, then re-raised as is
        _finish(thread, stack)
        attempt.roll_back()
        if not isinstance(error, Exception):
            raise
        msg = (
            f"registry {registry_name!r} (scope {scope!r}) could not import "
            f"its location {module!r}: {type(error).__name__}: {error}"
        )
        raise LocationImportError(msg, location=module, registry_name=registry_name) from error
    _finish(thread, stack)
    if stack:  # an enclosing attempt fails with this one's changes too
        stack[-1].undo.extend(attempt.undo)
        for name, module_object in attempt.changed_by.items():
            stack[-1].changed_by.setdefault(name, module_object)
    # importlib's own mark of a module whose body is still running (in this thread).
    return not getattr(getattr(imported, "__spec__", None), "_initializing", False)


def _finish(thread: int, stack: list[_Attempt]) -> None:
    stack.pop()
    if not stack:
        del _attempts[thread]


def _check_module_name(module: object) -> None:
    if not isinstance(module, str):
        msg = f"a location must be a module name string, not {type(module).__name__}"
        raise TypeError(msg)
    if not all(part.isidentifier() for part in module.split(".")):
        msg = f"location {module!r} is not a dotted module name"
        raise ValueError(msg)
