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

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mypy.plugin import Plugin

__all__ = ["plugin"]


def plugin(version: str) -> type[Plugin]:
    """The entry point mypy calls with its version; returns the plugin class."""
    del version  # the supported range is pinned by the ``mypy`` extra
    from typed_registry.mypy._plugin import RegistryPlugin  # noqa: PLC0415

    return RegistryPlugin
