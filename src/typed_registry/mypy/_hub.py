"""The locations hub: one module that stands for every module under the locations.

A module that reads the locations (see :func:`._visibility.uses_locations`) must be checked
after every module under them, and checked again when any of their facts change. Making it
depend on each of them did both, but cost mypy hundreds of edges per module, which slowed
cold runs and even warm runs that re-check nothing.

So the plugin routes those edges through one module, ``typed_registry._locations_hub``: the
hub depends on every module under the locations, and each reading module depends on the
hub. While mypy checks the hub (after all the locations), the hook for the hub's one call
merges their facts and stores them in the hub's manifest. The stored facts leave out line
numbers, which no reading module's output depends on: an edit that only moves code in a
location module then changes nothing in the hub's interface, and its readers stay fresh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from typed_registry.mypy._facts import ModuleFacts, Registration, RegistrySpec
from typed_registry.mypy._fullnames import HUB
from typed_registry.mypy._manifest import write_manifest
from typed_registry.mypy._state import checker_module, current_target, daemon_triggers

if TYPE_CHECKING:
    from collections.abc import Iterable

    from mypy.plugin import FunctionContext
    from mypy.types import Type

    from typed_registry.mypy._state import PluginState


def on_gather(ctx: FunctionContext, state: PluginState) -> Type:
    """Hook for the hub's ``gather()``: store the merged facts of the locations in it."""
    tree, modules = checker_module(ctx.api)
    if tree.fullname != HUB:  # a call from anywhere else means nothing
        return ctx.default_return_type
    present = [name for name in state.config.location_modules() if name in modules]
    facts = merged_facts(state.visibility.facts(modules[name]) for name in present)
    write_manifest(tree, facts, ctx.api.named_generic_type("builtins.object", []))
    if state.daemon:
        # The daemon re-checks the hub (and then its readers) when a location's facts change.
        target = current_target(ctx.api)
        for trigger in daemon_triggers(frozenset(present)):
            tree.plugin_deps.setdefault(trigger, set()).add(target)
    return ctx.default_return_type


def merged_facts(facts: Iterable[ModuleFacts]) -> ModuleFacts:
    """Several modules' facts as one, in order, without line numbers.

    Lines only tell apart the ``if``/``try`` statements of one module in branch markers
    (see ``Registration.branch``), which compare registrations of the same module only: the
    statements are numbered in their order in the module instead.
    """
    registries: list[RegistrySpec] = []
    registrations: list[Registration] = []
    for module_facts in facts:
        registries.extend(spec.without_line() for spec in module_facts.registries)
        statements = sorted(
            {
                int(marker.split(":")[0])
                for registration in module_facts.registrations
                for marker in registration.branch
            }
        )
        number = {line: index for index, line in enumerate(statements)}
        registrations.extend(
            registration.without_line(number) for registration in module_facts.registrations
        )
    return ModuleFacts(tuple(registries), tuple(registrations))
