"""mypy's stubgen on source files: parsed, never analysed or imported.

Parsing alone is fast and gives the same text whatever the project imports. Private names
are kept: the project's own modules may import them, and pyright reads the stub instead of
the source.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence


class StubgenMissingError(Exception):
    """mypy (the ``mypy`` extra) is not installed."""


def stubgen(modules: Sequence[tuple[str, str, list[str] | None]]) -> list[str]:
    """The stubs that stubgen writes for ``modules``: each ``(name, path, __all__ or None)``.

    Raises:
        StubgenMissingError: mypy is not installed.
    """
    try:
        import mypy.stubgen as mypy_stubgen  # noqa: PLC0415  # only this command needs mypy
    except ImportError:
        msg = "stubs need mypy's stubgen: pip install 'typed-registry[mypy]'"
        raise StubgenMissingError(msg) from None
    options = mypy_stubgen.Options(
        pyversion=sys.version_info[:2],
        no_import=True,
        inspect=False,
        doc_dir="",
        search_path=[],
        interpreter=sys.executable,
        parse_only=True,
        ignore_errors=False,
        include_private=True,
        output_dir="",
        modules=[],
        packages=[],
        files=[],
        verbose=False,
        quiet=True,
        export_less=False,
        include_docstrings=False,
    )
    sources = [mypy_stubgen.StubSource(name, path, names) for name, path, names in modules]
    mypy_stubgen.generate_asts_for_modules(
        sources, parse_only=True, mypy_options=mypy_stubgen.mypy_options(options), verbose=False
    )
    outputs: list[str] = []
    for source in sources:
        generator = mypy_stubgen.ASTStubGenerator(
            source.runtime_all, include_private=True, analyzed=False
        )
        assert source.ast is not None  # parsed above
        source.ast.accept(generator)
        outputs.append(generator.output())
    return outputs
