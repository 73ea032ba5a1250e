"""Pin the types of ``cfg()`` and ``Config`` (checked by mypy and pyright, never run).

No plugin and no stubs: what every checker gets from the signatures alone.
"""

from __future__ import annotations

from typing import Any, Protocol, assert_type

from typed_registry import Config, Registry, build_from_cfg, cfg


class Model(Protocol):
    def forward(self, x: int) -> int: ...


MODELS: Registry[Model] = Registry("models", scope="typing_cfg")


@MODELS.register_module()
class ResNet:
    def __init__(self, depth: int, *, frozen: bool = False) -> None:
        self.depth = depth

    def forward(self, x: int) -> int:
        return x + self.depth


@MODELS.register_module()
class Detector:
    def __init__(self, backbone: dict[str, Any], neck: dict[str, Any] | None = None) -> None:
        self.backbone = MODELS.build(backbone)

    def forward(self, x: int) -> int:
        return x


@MODELS.register_module()
def resnet18(*, frozen: bool = False) -> ResNet:
    return ResNet(18, frozen=frozen)


# cfg(C, ...) is a Config[C]; of a function, a Config of its return type.
assert_type(cfg(ResNet, depth=50), Config[ResNet])
assert_type(cfg(resnet18, frozen=True), Config[ResNet])
assert_type(cfg(Detector, backbone=cfg(ResNet, depth=50)), Config[Detector])

# build and build_from_cfg of a Config are its class; of any other mapping, the registry's T.
assert_type(MODELS.build(cfg(ResNet, depth=50)), ResNet)
assert_type(MODELS.build(cfg(Detector, backbone=cfg(ResNet, depth=50))), Detector)
assert_type(MODELS.build(cfg(ResNet, depth=50), default_args={"frozen": True}), ResNet)
assert_type(MODELS.build(cfg=cfg(ResNet, depth=50)), ResNet)
assert_type(build_from_cfg(cfg(ResNet, depth=50), MODELS), ResNet)
assert_type(MODELS.build({"type": "ResNet", "depth": 50}), Model)
assert_type(build_from_cfg({"type": "ResNet", "depth": 50}, MODELS), Model)


def from_variables(
    config: Config[ResNet],
    plain: dict[str, Any],
    unknown: Any,  # noqa: ANN401  # an untyped config (MMEngine's Config attributes)
) -> None:
    assert_type(MODELS.build(config), ResNet)
    assert_type(MODELS.build(plain), Model)
    # An Any config matches both overloads, whose results differ: both checkers give Any.
    assert_type(MODELS.build(unknown), Any)


# A Config is a dict: it goes where dict configs go, nested ones included.
as_dict: dict[str, Any] = cfg(ResNet, depth=50)
MODELS.build({"type": "Detector", "backbone": cfg(ResNet, depth=50)})
# Config is covariant: a Config[ResNet] is a Config[Model].
as_model: Config[Model] = cfg(ResNet, depth=50)
assert_type(MODELS.to_plain(cfg(ResNet, depth=50)), dict[str, Any])
assert_type(MODELS.to_plain({"type": "ResNet"}, registries=[MODELS]), dict[str, Any])

# Expected errors: a wrong keyword, a wrong value, a wrong nested value, a Config of another
# class. Each ignore must be needed (warn_unused_ignores, reportUnnecessaryTypeIgnoreComment).
cfg(ResNet, dpth=50)  # type: ignore[call-arg]
cfg(ResNet, depth="50")  # type: ignore[arg-type]
cfg(Detector, backbone=cfg(ResNet, depth=50.0))  # type: ignore[arg-type]
cfg(Detector, backbone=1)  # type: ignore[arg-type]
built = cfg(ResNet, depth=50)
wrong: Config[Detector] = built  # type: ignore[assignment]
cfg(3)  # type: ignore[arg-type]
