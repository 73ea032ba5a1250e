"""Plain-text tables for ``Registry.table()`` and the demo."""

from __future__ import annotations

# Not ``typing.TYPE_CHECKING``: importing typing would triple this package's import time;
# mypy and pyright treat any ``TYPE_CHECKING`` name as true (see docs/design.md).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence


def render(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Render ``rows`` under ``header`` with left-aligned columns and a dashed rule.

    Example:
        >>> print(render("Pets", ("name", "legs"), [("cat", "4"), ("bird", "2")]))
        Pets
        name  legs
        ----  ----
        cat   4
        bird  2
    """
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    lines = [title, *(_line(row, widths) for row in (header, ["-" * w for w in widths], *rows))]
    if not rows:
        lines.append("(no entries)")
    return "\n".join(lines)


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()
