"""Keep a module's facts in mypy's cache, and let the daemon see when they change.

mypy caches a module's symbol table, and a ``TypeInfo``'s ``metadata`` travels with it. The
plugin adds a hidden class ``__typed_registry__`` to each module that has facts and stores
the facts in its metadata: a module loaded from the cache then still tells what it
registered. The class is written while mypy checks the module's top level, the pass whose
results are cached (see the plugin notes: function bodies are checked after the cache is
written).

The daemon (dmypy) compares symbol tables but not metadata, so each registration is also
mirrored as a variable ``registry:name`` in the class's namespace: renaming a registration
changes the namespace, which the daemon notices.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mypy.nodes import GDEF, MDEF, Block, ClassDef, SymbolTable, SymbolTableNode, TypeInfo, Var

from typed_registry.mypy._fullnames import MANIFEST_NAME, METADATA_KEY

if TYPE_CHECKING:
    from mypy.nodes import MypyFile
    from mypy.types import Instance

    from typed_registry.mypy._facts import ModuleFacts


def manifest_data(tree: MypyFile) -> object | None:
    """The JSON form of the facts in ``tree``'s manifest, or None if it has none."""
    symbol = tree.names.get(MANIFEST_NAME)
    if symbol is None or not isinstance(symbol.node, TypeInfo):
        return None
    return symbol.node.metadata.get(METADATA_KEY)


def write_manifest(tree: MypyFile, facts: ModuleFacts, object_type: Instance) -> None:
    """Store ``facts`` in a new manifest of ``tree``.

    Written once per analysis of a module, and each analysis starts from a symbol table
    without one: a fresh parse, or, in the daemon, top-level names stripped for re-checking.
    """
    defn = ClassDef(MANIFEST_NAME, Block([]))
    defn.fullname = f"{tree.fullname}.{MANIFEST_NAME}"
    info = TypeInfo(SymbolTable(), defn, tree.fullname)
    defn.info = info
    info.bases = [object_type]
    info.mro = [info, object_type.type]
    info.metadata[METADATA_KEY] = facts.to_json()
    _mirror(info, facts, object_type)
    tree.names[MANIFEST_NAME] = SymbolTableNode(
        GDEF, info, module_public=False, plugin_generated=True
    )


def _mirror(info: TypeInfo, facts: ModuleFacts, object_type: Instance) -> None:
    keys = [
        f"{registration.registry}:{name}:{registration.target}"
        for registration in facts.registrations
        for name in registration.names or ("?",)
    ]
    keys += [f"{spec.var}={spec.scope}<{spec.parent}" for spec in facts.registries]
    names = SymbolTable()
    # No dots in a key: the daemon fires the class's catch-all trigger (which the readers of
    # the facts wait for) for a changed member found by cutting the member's name at its
    # last dot.
    for key in (key.replace(".", "/") for key in keys):
        var = Var(key, object_type)
        var.info = info
        # Var has no fullname setter; the daemon needs one to name the symbol.
        var._fullname = f"{info.fullname}.{key}"  # pyright: ignore[reportPrivateUsage]
        names[key] = SymbolTableNode(MDEF, var, plugin_generated=True)
    info.names = names
