"""``Registry(...)``: record the module's facts, and check that its locations are configured.

By default mypy cannot know that ``Registry(..., locations=["mypkg.models"])`` means "the
names come from modules under mypkg.models". The plugin can, but only for locations in its
settings: mypy decides which modules to load before any code is analysed, from the imports
and from the settings. A location written only in code is reported (``registry-config``)
with the exact setting to add.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mypy.nodes import CallExpr

from typed_registry.mypy import _messages
from typed_registry.mypy._errorcodes import REGISTRY_CONFIG
from typed_registry.mypy._scan import registry_spec
from typed_registry.mypy._state import checker_module

if TYPE_CHECKING:
    from mypy.plugin import FunctionContext
    from mypy.types import Type

    from typed_registry.mypy._state import PluginState


def on_registry_created(ctx: FunctionContext, state: PluginState) -> Type:
    """Hook for ``Registry(...)`` calls, wherever they are (module level or not)."""
    state.record_facts(ctx.api)
    if not isinstance(ctx.context, CallExpr):
        return ctx.default_return_type
    tree, _ = checker_module(ctx.api)
    spec = registry_spec(ctx.context, tree.fullname, var="", line=ctx.context.line)
    if spec is None or not spec.locations:
        return ctx.default_return_type
    config = state.config
    missing = [name for name in spec.locations if not config.covers(name)]
    if missing:
        configured = [location.name for location in config.locations]
        ctx.api.fail(
            _messages.locations_not_configured(spec, missing, configured),
            ctx.context,
            code=REGISTRY_CONFIG,
        )
    return ctx.default_return_type
