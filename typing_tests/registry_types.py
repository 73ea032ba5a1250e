"""Pin the public types of typed_registry (checked by mypy --strict and pyright, never run)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol, assert_type

from typed_registry import BuildFunc, Registry, build_from_cfg, default_scope


class Model(Protocol):
    def forward(self, x: int) -> int: ...


MODELS: Registry[Model] = Registry("models", scope="typing")
CHILD = Registry[Model]("models", scope="typing_child", parent=MODELS)
UNTYPED = Registry("untyped", scope="typing_untyped")
assert_type(UNTYPED, Registry[Any])


@MODELS.register_module()
class ResNet:
    def __init__(self, depth: int) -> None:
        self.depth = depth

    def forward(self, x: int) -> int:
        return x + self.depth


# The decorator returns the class itself: no widening to type[Model] or Callable.
assert_type(ResNet, type[ResNet])
assert_type(ResNet(depth=50).depth, int)


@MODELS.register_module(name=["mlp", "MLP"], force=True)
def make_mlp(width: int) -> ResNet:
    return ResNet(width)


assert_type(make_mlp(width=1), ResNet)  # keeps its parameters' names and types
assert_type(MODELS.register_module(module=ResNet, force=True), type[ResNet])
assert_type(MODELS.register_module("r2", False, ResNet), type[ResNet])

# build returns T; get returns Callable[..., T] | None; [] drops the None.
assert_type(MODELS.build({"type": "ResNet", "depth": 50}), Model)
assert_type(MODELS.build(cfg={"type": "ResNet"}, default_args={"depth": 1}), Model)
assert_type(MODELS.get("ResNet"), Callable[..., Model] | None)
assert_type(MODELS["ResNet"], Callable[..., Model])
assert_type(build_from_cfg({"type": "ResNet", "depth": 1}, MODELS), Model)
assert_type("ResNet" in MODELS, bool)
assert_type(len(MODELS), int)
assert_type(list(MODELS), list[str])
assert_type(MODELS.module_dict, Mapping[str, Callable[..., Model]])
assert_type(MODELS.children, Mapping[str, Registry[Any]])
assert_type(MODELS.parent, Registry[Any] | None)
assert_type(MODELS.root, Registry[Any])
assert_type(MODELS.scope, str)
assert_type(MODELS.locations, tuple[str, ...])
assert_type(MODELS.build_func, BuildFunc[Model])
assert_type(MODELS.table(), str)

# A Registry of a subtype is a Registry of the supertype (T is covariant).
SUBTYPED: Registry[ResNet] = Registry("resnets", scope="typing_resnets")
WIDENED: Registry[Model] = SUBTYPED


def seed_build_converter(
    cfg: Mapping[str, Any], registry: Registry[Any], *args: Any, **kwargs: Any
) -> Model:
    """The seed document's custom build function, annotated."""
    cfg_ = dict(cfg)
    converter_cls = registry.get(cfg_.pop("type"))
    assert converter_cls is not None
    converter: Model = converter_cls(*args, **kwargs, **cfg_)
    return converter


CUSTOM: Registry[Model] = Registry("custom", build_func=seed_build_converter, scope="typing_custom")
assert_type(CUSTOM.build({"type": "x"}), Model)
# A list of configs, for a build_func that builds lists (MMEngine's builds one nn.Sequential,
# a model); the default build_func rejects it at run time.
assert_type(CUSTOM.build([{"type": "x"}, {"type": "y"}]), Model)
DEFAULT_FUNC: BuildFunc[object] = build_from_cfg

with default_scope("typing"):
    pass
with default_scope(None):
    pass

# Expected errors: each ignore must be needed (warn_unused_ignores,
# reportUnnecessaryTypeIgnoreComment).
MODELS.get(1)  # type: ignore[arg-type]
MODELS.register_module(name=1)  # type: ignore[call-overload]
MODELS.register_module(module=3)  # type: ignore[call-overload]
default_scope(3)  # type: ignore[arg-type]
bad: Registry[int] = MODELS  # type: ignore[assignment]
Registry("x", build_func=3)  # type: ignore[arg-type]
