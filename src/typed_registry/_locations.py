"""A registry's ``locations``: modules imported once, lazily, before its first lookup.

This answers the classic "X is not in the registry" (mmdetection #5974): the module that
registers X was never imported. Only these modules, declared in code, are ever imported;
nothing is imported from a config string (MMEngine imports any prefix of a missing key).
"""

from __future__ import annotations

import _thread

from typed_registry.exceptions import LocationImportError

# Not ``typing.TYPE_CHECKING``: importing typing would triple this package's import time;
# mypy and pyright treat any ``TYPE_CHECKING`` name as true (see docs/design.md).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence


class Locations:
    """The locations of one registry and whether they have been imported."""

    __slots__ = ("_loading", "_lock", "_pending", "_registry_name", "_scope", "modules")

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
        # that the next lookup tries again instead of trusting a half-imported package.
        self._pending = bool(self.modules)
        self._lock = _thread.RLock()
        # The thread currently importing: a location that looks itself up while it is being
        # imported must see what is registered so far, not recurse into the import.
        self._loading: int | None = None

    @property
    def pending(self) -> bool:
        """Whether some location has not imported yet (none given, or all done: False)."""
        return self._pending

    def load(self) -> None:
        """Import every location unless that already succeeded.

        Raises:
            LocationImportError: a location failed to import (the original error is the
                ``__cause__``).
        """
        if self._pending:
            self._load_locked()

    def _load_locked(self) -> None:
        with self._lock:
            # Checked again under the lock: another thread may have finished meanwhile.
            if not self._pending or self._loading == _thread.get_ident():
                return
            self._loading = _thread.get_ident()
            try:
                for module in self.modules:
                    self._import(module)
                self._pending = False
            finally:
                self._loading = None

    def _import(self, module: str) -> None:
        import importlib  # noqa: PLC0415  # only registries with locations need it

        try:
            importlib.import_module(module)
        except Exception as error:
            msg = (
                f"registry {self._registry_name!r} (scope {self._scope!r}) could not import "
                f"its location {module!r}: {type(error).__name__}: {error}"
            )
            raise LocationImportError(
                msg, location=module, registry_name=self._registry_name
            ) from error


def _check_module_name(module: object) -> None:
    if not isinstance(module, str):
        msg = f"a location must be a module name string, not {type(module).__name__}"
        raise TypeError(msg)
    if not all(part.isidentifier() for part in module.split(".")):
        msg = f"location {module!r} is not a dotted module name"
        raise ValueError(msg)
