"""The :class:`BuildFunc` protocol: what a registry's ``build_func`` must be.

Its own module because a Protocol needs ``typing`` at run time: ``typed_registry`` loads it
on first access to ``typed_registry.BuildFunc`` (see ``__getattr__`` there).
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

T_co = TypeVar("T_co", covariant=True)


class BuildFunc(Protocol[T_co]):
    """A function that builds an object from a config, given as a registry's ``build_func``.

    ``Registry.build(cfg, *args, **kwargs)`` calls ``build_func(cfg, *args, registry=reg,
    **kwargs)``. MMCV's custom build functions, written ``def build(cfg, registry, *args,
    **kwargs)``, match this protocol unchanged, as does :func:`build_from_cfg`.
    """

    def __call__(self, cfg: Any, /, *args: Any, **kwargs: Any) -> T_co:  # noqa: ANN401  # any config type
        """Build an object from ``cfg``; ``registry`` is passed by keyword."""
        ...
