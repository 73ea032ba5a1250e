"""The mypy plugin of typed-registry.

Enable it in ``pyproject.toml`` (``pip install 'typed-registry[mypy]'`` first)::

    [tool.mypy]
    plugins = ["typed_registry.mypy"]

    [tool.typed_registry]
    locations = ["mypkg.models"]

It reports unknown config ``type`` names (``registry-name``), checks config keyword
arguments with mypy's own messages, refines ``build``/``get`` to the registered class,
checks registrations against the registry's type (``registry-bound``) and duplicate names
(``registry-duplicate``), and locations missing from the settings (``registry-config``).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mypy.plugin import Plugin

__all__ = ["SUPPORTED", "plugin", "supports"]


#: The mypy releases the plugin supports: ``>=`` the first, ``<`` the second (as the
#: ``mypy`` extra pins them). Its hooks and the internals it reads change between releases.
SUPPORTED: tuple[tuple[int, int], tuple[int, int]] = ((2, 4), (2, 5))


def plugin(version: str) -> type[Plugin]:
    """The entry point mypy calls with its version; returns the plugin class.

    Outside the supported range it stops the run with one line saying so, before importing
    anything that may not exist in that mypy (a traceback would be all the user saw).
    """
    if not supports(version):
        (low_major, low_minor), (high_major, high_minor) = SUPPORTED
        sys.stderr.write(
            f"typed_registry.mypy: error: mypy {version} is not supported; this plugin needs "
            f"mypy >={low_major}.{low_minor},<{high_major}.{high_minor} "
            "(pip install 'typed-registry[mypy]')\n"
        )
        sys.exit(2)
    from typed_registry.mypy._plugin import RegistryPlugin  # noqa: PLC0415

    return RegistryPlugin


def supports(version: str) -> bool:
    """Whether mypy ``version`` (``"2.4.1"``, ``"2.5.0+dev.abc"``) is in :data:`SUPPORTED`."""
    parts = version.split("+", maxsplit=1)[0].split(".")
    try:
        release = (int(parts[0]), int(parts[1]))
    except (IndexError, ValueError):
        return False
    low, high = SUPPORTED
    return low <= release < high
