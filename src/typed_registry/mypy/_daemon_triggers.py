"""The daemon's triggers for registrations: a change re-checks the sites that read it.

The daemon (dmypy) re-checks a target (a module's top level, a function) when one of its
triggers fires, and a trigger fires when a name in the symbol table of a module it has
just processed changed (``mypy.server.astdiff``). Registrations are no such name: renaming
``@MODELS.register_module(name=...)`` changes nothing mypy compares, and a site that builds
the name does not import the module that registers it (a location is imported lazily).
So the plugin writes what its checks read into symbol tables, as entries no code can
name (their keys hold ``@``; they are never written to mypy's cache), in two hops:

1. Each module that registers, or that lies under a location, holds one entry whose value
   follows what the index read of it (:data:`MODULE_KEY`). A registration added, renamed
   or removed there, or the module added or removed, fires its trigger, on which each
   *host* depends: a module of the project that creates registries.
2. The host's top level is then analysed again, and its entries are made again from the
   index: one per registered name (:data:`NAMES`, the registrations of the name in every
   registry the host's registries see, and under ``""`` the registries' shapes). Only
   those that changed fire: a site depends on the entries of the names its source builds
   or registers, a config file on those of the strings it holds.

A name nobody builds, registered anywhere, so re-checks no site; one whose registrations
changed re-checks the sites that build it. A site that missed a name has an error, and
the daemon re-checks every target with errors after each change anyway. The keys hold
``.`` after the first part, so that a change fires no ``<host[wildcard]>`` trigger (which
``from host import *`` and every site's view depend on), only ``<host.typed_registry@...>``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from mypy.nodes import GDEF, SymbolTableNode, Var
from mypy.server.trigger import make_trigger

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from mypy.nodes import MypyFile, SymbolTable

#: What every entry's key starts with; mypy's daemon keeps such entries when it analyses a
#: module's top level again (``aststrip``), so an entry changes only when its value does.
PREFIX: Final = "typed_registry@"
#: A module's entry for what the index read of it.
MODULE_KEY: Final = f"{PREFIX}registrations.module"
#: A host's entries by registered name: ``typed_registry@names.<name>``.
NAMES: Final = f"{PREFIX}names."


def module_trigger(module: str) -> str:
    """The trigger that fires when what the index read of ``module`` changes."""
    return make_trigger(f"{module}.{MODULE_KEY}")


def name_trigger(host: str, name: str) -> str:
    """The trigger that fires when the registrations of ``name`` seen by ``host`` change."""
    return make_trigger(f"{host}.{NAMES}{name}")


def mark_module(tree: MypyFile, digest: str, hosts: Iterable[str]) -> None:
    """Hold ``digest`` (what the index read of the module) in ``tree``; hosts depend on it."""
    _hold(tree.names, tree.fullname, MODULE_KEY, digest)
    tree.plugin_deps.setdefault(module_trigger(tree.fullname), set()).update(hosts)


def mark_host(tree: MypyFile, by_name: Mapping[str, str]) -> None:
    """Make ``tree``'s entries those of ``by_name`` (name -> digest).

    Entries of names no longer registered are removed (their triggers fire); unchanged
    ones are left as they are.
    """
    names = tree.names
    wanted = {f"{NAMES}{name}": digest for name, digest in by_name.items()}
    for key in [key for key in names if key.startswith(NAMES) and key not in wanted]:
        del names[key]
    for key, digest in wanted.items():
        _hold(names, tree.fullname, key, digest)


def _hold(names: SymbolTable, module: str, key: str, digest: str) -> None:
    # The daemon compares a variable by its fullname (and type): the digest goes there.
    fullname = f"{module}.{PREFIX}{digest}"
    found = names.get(key)
    if found is not None and found.node is not None and found.node.fullname == fullname:
        return
    var = Var(key)
    # A Var takes its fullname from semantic analysis only; mypy's own plugins set it so.
    var._fullname = fullname  # pyright: ignore[reportPrivateUsage]
    names[key] = SymbolTableNode(
        GDEF, var, module_public=False, plugin_generated=True, no_serialize=True
    )
