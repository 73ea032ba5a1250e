"""Typed configs in code: ``cfg(ResNet, depth=50)``, a :class:`Config` that checkers understand.

A dict config names its class by a string that only the mypy plugin can follow. ``cfg`` takes
the class itself and its keyword arguments, typed by a ``ParamSpec``: every checker (mypy,
pyright, Pylance) completes and checks the keywords as it does for a call, with no plugin
and no stubs, and ``Registry.build`` of the result is typed as the class it builds.
"""

from __future__ import annotations

# Not ``typing.TYPE_CHECKING``: importing typing would triple this package's import time;
# mypy and pyright treat any ``TYPE_CHECKING`` name as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, Generic, ParamSpec

    from typing_extensions import TypeVar

    P = ParamSpec("P")
    R = TypeVar("R")
    C_co = TypeVar("C_co", covariant=True)

    class _DictConfig(dict[str, Any], Generic[C_co]):
        __slots__ = ()

else:
    C_co = None  # only subscripted below, never used at run time

    class _DictConfig(dict):
        """``dict[str, Any]`` and ``Generic[C_co]`` at run time, without importing typing.

        A dict subclass is subscriptable already (``dict.__class_getitem__``).
        """

        __slots__ = ()


class Config(_DictConfig[C_co]):
    """A config that builds a ``C``: the dict ``{"type": C, **kwargs}``, made by :func:`cfg`.

    It is a ``dict[str, Any]`` (a subclass), so it goes wherever a dict config goes:
    ``Registry.build``, ``build_from_cfg``, ``Registry.validate``, and a parameter typed
    ``dict`` or MMEngine's ``ConfigType`` when it is nested in another config. It is mutable
    like any dict config, because OpenMMLab classes change the configs they are given
    (``bbox_head.update(train_cfg=train_cfg)``); a change to its ``"type"`` voids what its
    static type says. :meth:`Registry.to_plain <typed_registry.Registry.to_plain>` turns it
    into the plain dict with the registered name.

    Example:
        >>> from typed_registry import Config, Registry, cfg
        >>> NETS: Registry[object] = Registry("nets", scope="config_doc")
        >>> @NETS.register_module()
        ... class Net:
        ...     def __init__(self, depth: int) -> None:
        ...         self.depth = depth
        >>> config = cfg(Net, depth=50)  # a Config[Net] to type checkers
        >>> config
        cfg(Net, depth=50)
        >>> isinstance(config, Config), isinstance(config, dict), config["depth"]
        (True, True, 50)
        >>> NETS.build(config).depth
        50
    """

    __slots__ = ()

    def __repr__(self) -> str:
        target = self.get("type")
        name = getattr(target, "__qualname__", None)
        keys: list[object] = [key for key in self if key != "type"]
        if "type" not in self or not isinstance(name, str) or not _all_identifiers(keys):
            return f"Config({dict(self)!r})"  # changed since cfg() made it
        arguments = [name, *(f"{key}={self[key]!r}" for key in keys)]  # type: ignore[index]
        return f"cfg({', '.join(arguments)})"


def _all_identifiers(keys: list[object]) -> bool:
    # Keys are strings to type checkers; a dict changed at run time may hold others.
    return all(isinstance(key, str) and key.isidentifier() for key in keys)


def cfg(target: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> Config[R]:
    """Return the config that builds ``target(**kwargs)``: ``{"type": target, **kwargs}``.

    ``target`` is a class or function, usually one registered in a registry; ``build`` then
    calls it with ``kwargs`` (a class is used directly, as MMEngine does for a class in
    ``type``). Type checkers check the keywords against ``target``'s parameters as for a
    call, and the result is a ``Config[R]``, ``R`` the class (or the function's return type).

    Args:
        target: The class or function the config builds.
        *args: Not allowed: a config passes its arguments by name. They are in the
            signature only because a ``ParamSpec`` takes them together with ``**kwargs``.
        **kwargs: The arguments, by name; nested configs (``backbone=cfg(...)``) too.

    Raises:
        TypeError: ``args`` is not empty, ``kwargs`` has a ``type`` key (the key that
            names what a config builds), or ``target`` is not callable.

    Example:
        >>> from typed_registry import Registry, cfg
        >>> MODELS: Registry[object] = Registry("models", scope="cfg_doc")
        >>> @MODELS.register_module()
        ... class ResNet:
        ...     def __init__(self, depth: int) -> None:
        ...         self.depth = depth
        >>> @MODELS.register_module()
        ... class Detector:
        ...     def __init__(self, backbone: dict[str, object]) -> None:
        ...         self.backbone = MODELS.build(backbone)
        >>> config = cfg(Detector, backbone=cfg(ResNet, depth=50))
        >>> MODELS.build(config).backbone.depth
        50
        >>> MODELS.to_plain(config)
        {'type': 'Detector', 'backbone': {'type': 'ResNet', 'depth': 50}}
    """
    if not callable(target):
        msg = f"cfg() needs a class or function to build, not {type(target).__name__}"
        raise TypeError(msg)
    name = getattr(target, "__qualname__", repr(target))
    if args:
        shown = ", ".join(repr(arg) for arg in args)
        msg = (
            f"cfg({name}, ...) takes {name}'s arguments by keyword only (a config is a "
            f"mapping from parameter names to values), got {len(args)} positional: {shown}"
        )
        raise TypeError(msg)
    if "type" in kwargs:
        msg = (
            f"cfg({name}, ...) cannot pass an argument named 'type': in a config, 'type' "
            "names what it builds"
        )
        raise TypeError(msg)
    config: Config[R] = Config(kwargs)
    config["type"] = target
    # "type" first, as configs are written: {"type": ..., "depth": 50}.
    for key in kwargs:
        config[key] = config.pop(key)
    return config
