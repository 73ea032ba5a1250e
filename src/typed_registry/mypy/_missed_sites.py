"""The modules whose checks missed a name, kept between runs.

A module whose checks met a name registered nowhere it looked reports a message that reads
every name of the registries it sees (a "did you mean", where else the name is registered),
which its digest (``Visibility.digest``) leaves out: any registration may change that
message. Its cache entry gets a digest that holds those names too
(``Visibility.cache_digest``), and mypy checks it again when one of them changes, not on
every run. The next run must know, before anything is checked, which modules those are:
this file says it, written when a module starts or stops missing a name (a correct project
has none, so it is rarely written at all).

A run that finds the file damaged, or that another process rewrote meanwhile (``-n``
workers), checks such a module again: the digests differ, never the answers.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, cast

from typed_registry._index._snapshot import read_checked, snapshot_text, write_atomically

if TYPE_CHECKING:
    from pathlib import Path


class MissedSites:
    """The modules that missed a name when last checked, in the file at ``path``.

    Args:
        path: The file (None: nothing is kept between runs, as without mypy's cache).
    """

    def __init__(self, path: Path | None) -> None:
        self._path = path
        self.before: frozenset[str] = self._read()
        self._now = set(self.before)

    def checked(self, module: str, *, missed: bool) -> None:
        """Note that ``module`` was just checked, and whether it missed a name; keep it."""
        if (module in self._now) == missed:
            return
        if missed:
            self._now.add(module)
        else:
            self._now.discard(module)
        if self._path is not None:
            try:
                write_atomically(self._path, snapshot_text(json.dumps(sorted(self._now))))
            except OSError:
                return  # the next run checks such a module again

    def _read(self) -> frozenset[str]:
        if self._path is None:
            return frozenset()
        try:
            data = read_checked(self._path)
        except (OSError, ValueError):  # none yet, or damaged
            return frozenset()
        items = cast("list[object]", data) if isinstance(data, list) else []
        return frozenset(item for item in items if isinstance(item, str))
