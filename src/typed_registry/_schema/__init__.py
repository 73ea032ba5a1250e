"""A JSON Schema for a project's config files: ``typed-registry schema``.

Editors read it (yaml-language-server's ``# yaml-language-server: $schema=...`` comment, VS
Code's ``json.schemas``) to complete and check YAML and JSON configs: each part that a
registry builds takes a registered name as its ``type``, then that entry's parameters as
keys, with values of the JSON types of their annotations. It follows the checks of
``typed-registry check`` and is never stricter than them but in one documented place
(:mod:`._annotations`): a config that builds is a config the schema accepts.
"""

from __future__ import annotations

from typed_registry._schema._document import DIALECT, config_schema

__all__ = ["DIALECT", "config_schema"]
