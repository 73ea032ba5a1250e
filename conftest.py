"""Run the documentation as tests (Sybil).

Collected here, besides the pytest tests under tests/:

- every ```python block of ``README.md`` and ``docs/*.md``, run in order with one namespace
  per document (a block that starts with ``>>>`` is a doctest: its output is checked);
- every doctest example in the docstrings under ``src/``.

The packages under ``docs/examples/`` are imported by the pages (they are on ``sys.path``
while a page runs) and type-checked by ``mypy --strict``; they are not collected themselves.
"""

from __future__ import annotations

import sys
from doctest import ELLIPSIS
from pathlib import Path
from typing import Any

from sybil import Sybil
from sybil.parsers.myst import DocTestDirectiveParser, PythonCodeBlockParser, SkipParser
from sybil.parsers.rest import DocTestParser

_EXAMPLES = Path(__file__).parent / "docs" / "examples"


def _start_page(namespace: dict[str, Any]) -> None:
    # A page runs like a script: classes it defines belong to "__main__", and a Registry
    # created without a scope infers "__main__" (Sybil's namespace has no __name__).
    namespace["__name__"] = "__main__"
    sys.path.insert(0, str(_EXAMPLES))


def _end_page(namespace: dict[str, Any]) -> None:
    del namespace
    sys.path.remove(str(_EXAMPLES))
    # Forget the example packages, so that the next page imports them afresh: every page
    # gets registries of its own, and a page that shows a lazy import of a location sees it
    # happen whatever ran before.
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if file is not None and Path(file).is_relative_to(_EXAMPLES):
            del sys.modules[name]


_pages = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=ELLIPSIS),
        DocTestDirectiveParser(optionflags=ELLIPSIS),
        SkipParser(),
    ],
    # Path.match anchors these at the right end of the path, relative to this directory:
    # "README.md" alone would also take stubs/README.md, which the exclude drops.
    patterns=["README.md", "docs/*.md"],
    excludes=["*/README.md"],
    setup=_start_page,
    teardown=_end_page,
    name="docs",
)

# Relative to src/, so that neither tests/ nor docs/examples/ is collected a second time.
_docstrings = Sybil(
    parsers=[DocTestParser(optionflags=ELLIPSIS)],
    path="src",
    patterns=["*.py"],
    name="docstrings",
)

pytest_collect_file = (_pages + _docstrings).pytest()
