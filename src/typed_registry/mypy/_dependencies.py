"""Which modules a module's checks need mypy to have analysed first.

A check looks the registered class or function up in mypy's tables, so the module that
defines it must be analysed before the module with the config. The index tells which:
every string the module uses as a config ``type`` or a ``get``/``[]`` key, looked up in
the registries the module sees. Only those modules become dependencies (not every module
under the locations), so an edit re-checks little and mypy's import cycles stay small.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from typed_registry.mypy._visibility import Visibility


def needed_modules(visibility: Visibility, module: str) -> list[str]:
    """The modules that define what ``module``'s configs may build, sorted."""
    source = visibility.index.source(module)
    if source is None or not source.config_names:
        return []
    return defining_modules(visibility, module, source.config_names, module)


def defining_modules(
    visibility: Visibility, site: str, names: Iterable[str], module: str
) -> list[str]:
    """The modules (but ``module``) that define what ``names`` build when seen from ``site``."""
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
    return sorted(found)
