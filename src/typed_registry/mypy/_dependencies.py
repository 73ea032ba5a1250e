"""Which modules a module's checks need mypy to have analysed first.

A check looks the registered class or function up in mypy's tables, so the module that
defines it must be analysed before the module with the config. The index tells which:
every string the module uses as a config ``type`` or a ``get``/``[]`` key, looked up in
the registries the module sees. Only those modules become dependencies (not every module
under the locations), so an edit re-checks little and mypy's import cycles stay small; and
only those mypy analyses at all (:class:`LoadedByMypy`).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from mypy.options import Options

    from typed_registry._index import ProjectIndex
    from typed_registry.mypy._visibility import Visibility


class LoadedByMypy:
    """Whether mypy analyses a module the index read: else a dependency on it is no use.

    The modules of the project's roots; of an installed package, those PEP 561 lets mypy
    read (a ``py.typed`` marker in a package on the module's path, or a ``<name>-stubs``
    package beside it) or that its settings make it follow untyped
    (``follow_untyped_imports``). MMEngine and MMCV ship no types: mypy only notes them
    missing, and a dependency of each config file on each of their modules its configs
    build from made it look each up again for each config (on mmseg, 21 modules for 688
    config files: 0.2 s of a cold run of 3.3 s).

    Example:
        >>> from pathlib import Path
        >>> from mypy.options import Options
        >>> from typed_registry._index import ProjectIndex
        >>> loaded = LoadedByMypy(ProjectIndex([Path(".")], [], [Path("site")]), Options())
        >>> loaded("nowhere_at_all")  # not the index's to say
        True
    """

    def __init__(self, index: ProjectIndex, options: Options) -> None:
        self._index = index
        self._options = options
        self._generation = index.generation
        self._known: dict[str, bool] = {}

    def __call__(self, module: str) -> bool:
        """Whether mypy analyses ``module`` (True where the index cannot tell)."""
        if self._generation != self._index.generation:  # the daemon: files changed since
            self._generation = self._index.generation
            self._known.clear()
        found = self._known.get(module)
        if found is None:
            found = self._known[module] = self._loaded(module)
        return found

    def _loaded(self, module: str) -> bool:
        from typed_registry._index._files import module_file  # noqa: PLC0415

        index = self._index
        if module_file(index.roots, module) is not None or not index.installed:
            return True  # the project's, or found where mypy looks as it does
        installed = module_file((), module, index.installed)
        if installed is None:
            return True  # not the index's to say
        if self._options.clone_for_module(module).follow_untyped_imports:
            return True
        parts = module.split(".")
        for directory in index.installed:
            if os.path.isdir(os.path.join(directory, f"{parts[0]}-stubs")):
                return True
            path = str(directory)
            for part in parts:
                path = os.path.join(path, part)
                if os.path.isfile(os.path.join(path, "py.typed")):
                    return True
        return False


def needed_modules(visibility: Visibility, module: str, loaded: Callable[[str], bool]) -> list[str]:
    """The modules mypy analyses that define what ``module``'s configs may build, sorted."""
    source = visibility.index.source(module)
    if source is None or not source.config_names:
        return []
    return defining_modules(visibility, module, source.config_names, module, loaded)


def defining_modules(
    visibility: Visibility,
    site: str,
    names: Iterable[str],
    module: str,
    loaded: Callable[[str], bool],
) -> list[str]:
    """The modules (but ``module``) that define what ``names`` build when seen from ``site``.

    Only those mypy analyses (``loaded``, see :class:`LoadedByMypy`).
    """
    # "scope.Name" is looked up by its last part: an over-approximation that costs at most
    # a dependency on a module that registers the same name in another scope.
    wanted = {name.rpartition(".")[2] for name in names}
    found: set[str] = set()
    for layer in visibility.layers(site):
        for entries in layer.entries.values():
            for name in wanted & entries.keys():
                target = entries[name].target
                owner = visibility.owning_module(target) if target else None
                if owner is not None and owner != module:
                    found.add(owner)
    return sorted(owner for owner in found if loaded(owner))
