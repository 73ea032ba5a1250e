"""Which installed packages the index reads: those whose distribution takes part in registries.

A downstream project's registries are filled by the packages it builds on (``mmengine``,
``mmcv``, ``mmdet``), from their own source in ``site-packages``. Reading every installed
package instead would follow imports into ``numpy`` or ``torch``, at a cost and for nothing:
only a distribution that provides a registry class (MMEngine, MMCV) or declares a requirement
on one (in any extra: ``mmdet`` lists ``mmengine`` under its extra ``mim``) is read.

Decided once per directory and per version of its entries (installing or removing a package
changes the directory's modification time), from the distributions' metadata, without
importing anything; the index's snapshot keeps what was decided (:func:`known`,
:func:`seed`), so that a warm run reads no metadata (10 ms over a venv of 80 distributions,
and importing ``importlib.metadata``, 9 ms more).
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    import importlib.metadata
    from collections.abc import Iterator

#: Distributions that provide a registry class (typed-registry's own package registers
#: nothing, so it is not read; those that require it are).
PROVIDERS = frozenset({"mmengine", "mmengine-lite", "mmcv", "mmcv-lite", "mmcv-full"})
#: A distribution that requires one of these takes part in registries.
REQUIREMENTS = PROVIDERS | {"typed-registry"}

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")

#: Directory -> (its stamp when read, the top-level packages read in it).
_READ: dict[str, tuple[int | None, frozenset[str]]] = {}


def canonical(name: str) -> str:
    """A distribution name in its canonical form (PEP 503): ``MMCV_Lite`` -> ``mmcv-lite``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def participating(directory: str) -> frozenset[str]:
    """The top-level packages in ``directory`` whose distribution takes part in registries."""
    try:
        stamp: int | None = os.stat(directory).st_mtime_ns
    except OSError:
        stamp = None
    found = _READ.get(directory)
    if found is None or found[0] != stamp:
        found = _READ[directory] = (stamp, frozenset(_participating(directory)))
    return found[1]


def known() -> dict[str, list[object]]:
    """What was decided for each directory, with the directory's stamp (for a snapshot)."""
    return {directory: [stamp, sorted(found)] for directory, (stamp, found) in _READ.items()}


def seed(saved: object) -> None:
    """Take what :func:`known` gave in another run: each holds while its directory's stamp does.

    What is not of that form is left out (the packages are decided again).
    """
    if not isinstance(saved, dict):
        return
    for directory, entry in cast("dict[object, object]", saved).items():
        if not isinstance(directory, str) or not isinstance(entry, list):
            continue
        stamp, found = [*cast("list[object]", entry), None, None][:2]
        if (stamp is None or type(stamp) is int) and isinstance(found, list):
            names = cast("list[object]", found)
            if all(isinstance(name, str) for name in names):
                _READ.setdefault(directory, (stamp, frozenset(cast("list[str]", names))))


def _participating(directory: str) -> Iterator[str]:
    import importlib.metadata  # noqa: PLC0415  # only when a directory's entries changed

    for distribution in importlib.metadata.distributions(path=[directory]):
        headers = _headers(distribution)
        name = canonical(next(iter(headers.get("name", [])), ""))
        required = (
            canonical(match.group())
            for requirement in headers.get("requires-dist", [])
            if (match := _NAME.match(requirement))
        )
        if name in PROVIDERS or any(req in REQUIREMENTS for req in required):
            yield from _top_level(distribution)


def _headers(distribution: importlib.metadata.Distribution) -> dict[str, list[str]]:
    """The header fields of a distribution's metadata, by lower-case name.

    Read from the text, up to the first blank line (the description follows): every run of
    the plugin asks about every installed distribution, and ``Distribution.metadata`` parses
    the whole file as an e-mail message, several times slower.
    """
    text = distribution.read_text("METADATA") or distribution.read_text("PKG-INFO") or ""
    headers: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line:  # a line of spaces continues a folded field (yapf's License)
            break
        field, colon, value = line.partition(":")
        if colon and not line[0].isspace():  # not a folded line's continuation
            headers.setdefault(field.strip().lower(), []).append(value.strip())
    return headers


def _top_level(distribution: importlib.metadata.Distribution) -> Iterator[str]:
    """The importable top-level names a distribution installs."""
    listed = distribution.read_text("top_level.txt")
    if listed is not None:
        yield from (line.strip() for line in listed.splitlines() if line.strip())
        return
    for file in distribution.files or ():
        top = file.parts[0]
        if len(file.parts) > 1 and top.isidentifier():
            yield top  # a package directory (a .dist-info directory is no identifier)
        elif file.suffix == ".py" and len(file.parts) == 1:
            yield file.stem
