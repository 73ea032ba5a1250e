"""A project's literal build sites, wrapped in ``reveal_type`` so that checkers say their types.

A literal build site is ``REG.build({...})`` or ``REG.build(dict(...))``: a config written
at the call. Files named ``mistakes_*`` are left out. pyright matches only ``{...}``
displays against the stubs' TypedDicts, so the sites' ``dict(...)`` calls can be written
as displays first (``displays=True``): the same configs, which the plugin types alike.
"""

from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

MYPY_REVEAL = re.compile(r'^(?P<file>[^:]+):(?P<line>\d+): note: Revealed type is "(?P<type>.*)"$')


def _literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Dict) or _dict_call(node)


def _dict_call(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "dict"
        and not node.args
        and all(keyword.arg is not None for keyword in node.keywords)
    )


class _Displays(ast.NodeTransformer):
    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if not _dict_call(node):
            return node
        keys: list[ast.expr | None] = [ast.Constant(k.arg) for k in node.keywords]
        return ast.Dict(keys=keys, values=[k.value for k in node.keywords])


def wrap_build_sites(root: Path, folders: tuple[str, ...], *, displays: bool) -> list[str]:
    """Wrap each literal build site under ``folders`` in ``reveal_type``.

    Returns:
        The sites, as ``file:line`` (the file relative to ``root``) after the rewrite.
    """
    sites: list[str] = []
    for folder in folders:
        for path in sorted((root / folder).rglob("*.py")):
            if path.name.startswith("mistakes_"):
                continue
            lines = path.read_text(encoding="utf-8").split("\n")
            calls = [
                node
                for node in ast.walk(ast.parse("\n".join(lines)))
                if isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "build"
                and node.args
                and _literal(node.args[0])
            ]
            # From the last to the first, so that the earlier positions stay right.
            for call in sorted(calls, key=lambda c: (c.lineno, c.col_offset), reverse=True):
                config = call.args[0]
                text = ast.unparse(_Displays().visit(config)) if displays else None
                end = (call.end_lineno, call.end_col_offset)
                _replace(lines, (call.end_lineno or 0, call.end_col_offset or 0), end, ")")
                if text is not None:
                    _replace(
                        lines,
                        (config.lineno, config.col_offset),
                        (config.end_lineno, config.end_col_offset),
                        text,
                    )
                _replace(
                    lines,
                    (call.lineno, call.col_offset),
                    (call.lineno, call.col_offset),
                    "reveal_type(",
                )
            text = "\n".join(lines)
            path.write_text(text, encoding="utf-8")
            relative = path.relative_to(root)
            sites += [
                f"{relative}:{node.lineno}"
                for node in ast.walk(ast.parse(text))
                if isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "reveal_type"
            ]
    return sorted(sites)


def _replace(
    lines: list[str], start: tuple[int, int], end: tuple[int | None, int | None], text: str
) -> None:
    """Replace the text from ``start`` to ``end`` (1-based lines, 0-based columns)."""
    end_line, end_column = end
    assert end_line is not None
    assert end_column is not None
    before = lines[start[0] - 1][: start[1]]
    after = lines[end_line - 1][end_column:]
    lines[start[0] - 1 : end_line] = [before + text + after]


def short(type_text: str) -> str:
    """A type without module paths: ``detkit.models.resnet.ResNet`` is ``ResNet``."""
    return re.sub(r"\b(?:\w+\.)+(\w+)", r"\1", type_text)
