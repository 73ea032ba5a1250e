"""The registry classes and ``build_func`` builders the index knows by name.

A registry is recognised by the class that creates it: typed-registry's own ``Registry``,
MMEngine's and MMCV 1.x's (whose source may be installed or not: they are known by their
fully qualified names), or a subclass of one of them. Their ``build_func`` is recognised the
same way: the builders below pass a config through to the registered class, as
``build_from_cfg`` does, so the config's keys are checked against its signature; a builder
not listed here may do anything with them, so only names are checked.
"""

from __future__ import annotations

from typing import NamedTuple

#: Fullnames under which a Registry class is reached (the one defining module, and the
#: packages that re-export it, for when the source cannot be read).
REGISTRY_CLASSES = frozenset(
    {
        "typed_registry.Registry",
        "typed_registry._registry.Registry",
        "mmengine.Registry",
        "mmengine.registry.Registry",
        "mmengine.registry.registry.Registry",
        "mmcv.Registry",
        "mmcv.utils.Registry",
        "mmcv.utils.registry.Registry",
    }
)

#: A registry's ``build_func`` as the index stores it: the default ``build_from_cfg`` ...
DEFAULT = "default"
#: ... or a builder the index does not know (only names are checked then).
CUSTOM = "custom"


class BuilderRule(NamedTuple):
    """What a ``build_func`` does with the config it builds.

    Attributes:
        keywords: Whether the config's keys go to the registered class as keyword arguments
            (checked against its signature); False: only its ``type`` is checked.
        lists: Whether a list of configs is built (each config of it, as by ``build``).
        supplies: Arguments the builder passes itself (never reported missing).
        consumes: Keys the builder takes out of the config (never reported unexpected).
    """

    keywords: bool
    lists: bool = False
    supplies: frozenset[str] = frozenset()
    consumes: frozenset[str] = frozenset()


_PASS_THROUGH = BuilderRule(keywords=True)
_MODEL = BuilderRule(keywords=True, lists=True)
#: MMEngine's ``build_scheduler_from_cfg``: the runner gives the optimizer (and the epoch
#: length), and ``convert_to_iter_based`` picks ``build_iter_from_epoch``, which takes
#: ``epoch_length`` (else it is popped).
_SCHEDULER = BuilderRule(
    keywords=True,
    supplies=frozenset({"optimizer"}),
    consumes=frozenset({"convert_to_iter_based", "epoch_length"}),
)
#: A builder that may change the keys (``build_runner_from_cfg`` calls ``from_cfg(cfg)``).
NAMES_ONLY = BuilderRule(keywords=False, lists=True)

#: Every known builder, by the fullnames it is reached under.
KNOWN_BUILDERS: dict[str, BuilderRule] = {
    DEFAULT: _PASS_THROUGH,
    "typed_registry.build_from_cfg": _PASS_THROUGH,
    "typed_registry._build.build_from_cfg": _PASS_THROUGH,
    "mmengine.build_from_cfg": _PASS_THROUGH,
    "mmengine.registry.build_from_cfg": _PASS_THROUGH,
    "mmengine.registry.build_functions.build_from_cfg": _PASS_THROUGH,
    "mmengine.registry.build_functions.build_optimizer_from_cfg": _PASS_THROUGH,
    "mmengine.registry.build_model_from_cfg": _MODEL,
    "mmengine.registry.build_functions.build_model_from_cfg": _MODEL,
    "mmengine.registry.build_scheduler_from_cfg": _SCHEDULER,
    "mmengine.registry.build_functions.build_scheduler_from_cfg": _SCHEDULER,
    "mmengine.registry.build_runner_from_cfg": NAMES_ONLY,
    "mmengine.registry.build_functions.build_runner_from_cfg": NAMES_ONLY,
    "mmcv.build_from_cfg": _PASS_THROUGH,
    "mmcv.utils.build_from_cfg": _PASS_THROUGH,
    "mmcv.utils.registry.build_from_cfg": _PASS_THROUGH,
    "mmcv.cnn.build_model_from_cfg": _MODEL,
    "mmcv.cnn.builder.build_model_from_cfg": _MODEL,
}


def builder_kind(fullname: str | None) -> str:
    """How the index stores a ``build_func`` that resolves to ``fullname`` (None: unknown).

    One that passes the config through as ``build_from_cfg`` does is stored as
    :data:`DEFAULT`, another known builder by its fullname, anything else as :data:`CUSTOM`.
    """
    if fullname is None or fullname not in KNOWN_BUILDERS:
        return CUSTOM
    return DEFAULT if KNOWN_BUILDERS[fullname] is _PASS_THROUGH else fullname


def builder_rule(kind: str) -> BuilderRule:
    """What the stored ``build_func`` ``kind`` does with a config (unknown: names only)."""
    return KNOWN_BUILDERS.get(kind, NAMES_ONLY)
