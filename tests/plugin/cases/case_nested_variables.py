"""A nested config held in a variable is checked as the literal assigned to it.

``backbone=backbone_cfg``, ``pipeline=train_pipeline`` (a list of configs, or of variables
that hold them), and a variable passed to a declared wrapper builder: each is read with the
rules of a config in a variable at a build (the last literal assigned in the same block,
through ``update``, ``cfg[k] = v``, ``dict(cfg, ...)`` and ``{**cfg}``). The config that holds
it is built later than the statement that reads it: nothing between the two may mention
the variable (it is the same object). Anything the plugin cannot follow is unchecked.
"""

from typing import Annotated, Any

from typed_registry import ConfigFor, Registry

NESTED: Registry[object] = Registry("nested", scope="nested")


@NESTED.register_module()
class ResNet:
    def __init__(self, depth: int, frozen: bool = False) -> None:
        self.depth = depth


@NESTED.register_module()
class Resize:
    def __init__(self, scale: int) -> None:
        self.scale = scale


@NESTED.register_module()
class Detector:
    def __init__(
        self,
        backbone: Annotated[dict[str, Any], ConfigFor(NESTED)],
        pipeline: Annotated[list[dict[str, Any]], ConfigFor(NESTED)] | None = None,
    ) -> None:
        self.backbone = NESTED.build(backbone)


def build_backbone(cfg: Annotated[dict[str, Any], ConfigFor(NESTED)], depth: int) -> object:
    return NESTED.build(cfg, default_args={"depth": depth})


def change(cfg: object) -> dict[str, Any]:
    return {}


def read_at_the_build() -> None:
    backbone_cfg = dict(type="ResNet", depth="50")  # E: Argument "depth" to "ResNet" has incompatible type "str"; expected "int"  [arg-type]
    NESTED.build(dict(type="Detector", backbone=backbone_cfg))

    updated: dict[str, Any] = dict(type="ResNet")  # E: Unexpected keyword argument "dpeth" for "ResNet"; did you mean "depth"?  [call-arg]
    updated.update(dpeth=50)
    NESTED.build(dict(type="Detector", backbone=updated))

    resize = dict(type="Resize", scale="1")  # E: Argument "scale" to "Resize" has incompatible type "str"; expected "int"  [arg-type]
    pipeline = [dict(type="Resise", scale=1), resize]  # E: "Resise" is not registered in registry "nested" (scope "nested"); did you mean "Resize"?  [registry-name]
    NESTED.build(dict(type="Detector", backbone=dict(type="ResNet", depth=1), pipeline=pipeline))

    # Read twice by the statement, both times as a value: still followed.
    frozen = dict(type="ResNet", depth=1, frozen="no")  # E: Argument "frozen" to "ResNet" has incompatible type "str"; expected "bool"  [arg-type]
    NESTED.build(dict(type="Detector", backbone=frozen, pipeline=[frozen]))


def read_earlier() -> None:
    backbone = dict(type="ResNett", depth=50)  # E: "ResNett" is not registered in registry "nested" (scope "nested"); did you mean "ResNet"?  [registry-name]
    model = dict(type="Detector", backbone=backbone)
    NESTED.build(model)


def through_a_wrapper_builder() -> None:
    cfg = dict(type="ResNet", frozen="no")  # E: Argument "frozen" to "ResNet" has incompatible type "str"; expected "bool"  [arg-type]
    build_backbone(cfg, 50)


def not_followed(flag: bool) -> None:
    # Changed between the statement that reads it and the build: the same object.
    between: dict[str, Any] = dict(type="ResNet", depth="1")
    model = dict(type="Detector", backbone=between)
    between["depth"] = 1
    NESTED.build(model)
    # Read by the statement in a way that may change it.
    passed = dict(type="ResNet", depth="1")
    NESTED.build(dict(type="Detector", backbone=passed, pipeline=[change(passed)]))
    # A branch, a list changed after its literal, a call that may change it.
    branched: dict[str, Any] = dict(type="ResNet", depth="1")
    if flag:
        branched["depth"] = 1
    NESTED.build(dict(type="Detector", backbone=branched))
    listed: list[dict[str, Any]] = [dict(type="Resize", scale="1")]
    listed.append(dict(type="Resize", scale=1))
    NESTED.build(dict(type="Detector", backbone=dict(type="ResNet", depth=1), pipeline=listed))
    called = dict(type="ResNet", depth="1")
    change(called)
    NESTED.build(dict(type="Detector", backbone=called))


MODULE_NORM = dict(type="ResNet", depth="1")  # E: Argument "depth" to "ResNet" has incompatible type "str"; expected "int"  [arg-type]
NESTED.build(dict(type="Detector", backbone=MODULE_NORM))

# A module variable a function refers to: that function may change it before any build.
MODULE_BACKBONE = dict(type="ResNet", depth="1")
NESTED.build(dict(type="Detector", backbone=MODULE_BACKBONE, pipeline=[]))


def reads_a_module_variable() -> None:
    NESTED.build(dict(type="Detector", backbone=MODULE_BACKBONE))
