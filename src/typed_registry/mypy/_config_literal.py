"""Config literals: ``dict(type="ResNet", depth=50)`` and ``{"type": "ResNet", "depth": 50}``.

Only configs written out in full are read. A ``**spread``, a computed key or a positional
``dict(...)`` argument makes the config *partial*: the plugin then checks nothing about it,
because any key might be present at run time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from mypy.nodes import ARG_NAMED, CallExpr, DictExpr, RefExpr, StrExpr

if TYPE_CHECKING:
    from mypy.nodes import Expression

DICT: str = "builtins.dict"


class ConfigLiteral(NamedTuple):
    """The items of a config literal, in source order.

    Attributes:
        expr: The whole literal.
        items: Key to value expression; later duplicates win, as in a dict display.
        partial: Whether some keys are unknown (``**spread``, computed keys).
    """

    expr: Expression
    items: dict[str, Expression]
    partial: bool

    def merged_with(self, defaults: ConfigLiteral | None) -> ConfigLiteral:
        """The config with ``defaults`` filling missing keys, as ``default_args`` do."""
        if defaults is None:
            return self
        items = {**defaults.items, **self.items}
        return ConfigLiteral(self.expr, items, self.partial or defaults.partial)


def read_config_literal(expr: Expression) -> ConfigLiteral | None:
    """Read ``expr`` as a config literal, or return None if it is not a dict literal."""
    if isinstance(expr, DictExpr):
        items: dict[str, Expression] = {}
        partial = False
        for key, value in expr.items:
            if isinstance(key, StrExpr):
                items[key.value] = value
            else:  # **spread (key None) or a computed key
                partial = True
        return ConfigLiteral(expr, items, partial)
    if (
        isinstance(expr, CallExpr)
        and isinstance(expr.callee, RefExpr)
        and expr.callee.fullname == DICT
    ):
        items = {}
        partial = False
        for value, kind, name in zip(expr.args, expr.arg_kinds, expr.arg_names, strict=True):
            if kind == ARG_NAMED and name is not None:
                items[name] = value
            else:  # dict(mapping), dict(**spread)
                partial = True
        return ConfigLiteral(expr, items, partial)
    return None
