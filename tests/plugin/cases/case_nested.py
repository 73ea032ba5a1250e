"""Nested configs: a dict literal with a literal ``type`` inside a config is checked too.

A parameter annotated ``Annotated[..., ConfigFor(REG)]`` takes configs of ``REG``: the
nested ``type`` is resolved there, its keywords are checked against its own constructor,
recursively, and each error points at the nested config's own lines. Without the
annotation, a nested config is checked against the one registry its ``type`` resolves in
(see ``case_nested_unannotated``). A nested dict without ``type`` is just a value.
"""

from typing import Annotated, Any

from typed_registry import ConfigFor, Registry

NESTED: Registry[Any] = Registry("nested", scope="nest")


@NESTED.register_module()
class Backbone:
    def __init__(self, depth: int) -> None:
        self.depth = depth


@NESTED.register_module()
class Neck:
    def __init__(
        self, backbone: Annotated[dict[str, Any], ConfigFor(NESTED)], channels: int = 64
    ) -> None:
        self.backbone = backbone


@NESTED.register_module()
class Detector:
    def __init__(
        self,
        neck: Annotated[dict[str, Any], ConfigFor(NESTED)],
        options: dict[str, Any] | None = None,
    ) -> None:
        self.neck = neck


# Correct at every level.
NESTED.build(dict(type="Neck", backbone=dict(type="Backbone", depth=50)))
NESTED.build(
    {
        "type": "Detector",
        "neck": {"type": "Neck", "backbone": {"type": "Backbone", "depth": 18}},
        "options": {"lr": "any value", "depth": "not checked: no type"},
    }
)

# One level down: name, unexpected keyword, wrong value.
NESTED.build(dict(type="Neck", backbone=dict(type="Backbon", depth=50)))  # E: "Backbon" is not registered in registry "nested" (scope "nest"); did you mean "Backbone"?  [registry-name]
NESTED.build(dict(type="Neck", backbone=dict(type="Backbone", dept=50)))  # E: Unexpected keyword argument "dept" for "Backbone"; did you mean "depth"?  [call-arg]
# A nested config may leave out what the class that builds it passes itself (a norm layer's
# num_features): a missing argument one level down is not reported.
NESTED.build(dict(type="Neck", backbone={"type": "Backbone"}))
NESTED.build(
    dict(
        type="Neck",
        channels=32,
        backbone=dict(
            type="Backbone",
            depth="deep",  # E: Argument "depth" to "Backbone" has incompatible type "str"; expected "int"  [arg-type]
        ),
    )
)

# Two levels down, with errors at both nested levels and at the top.
NESTED.build(
    {
        "type": "Detector",
        "neck": {
            "type": "Neck",
            "channels": "many",  # E: Argument "channels" to "Neck" has incompatible type "str"; expected "int"  [arg-type]
            "backbone": {
                "type": "Backbone",
                "depth": None,  # E: Argument "depth" to "Backbone" has incompatible type "None"; expected "int"  [arg-type]
            },
        },
        "options": 3,  # E: Argument "options" to "Detector" has incompatible type "int"; expected "dict[str, Any] | None"  [arg-type]
    }
)
NESTED.build(
    dict(
        type="Detector",
        neck=dict(
            type="Neck",
            backbone=dict(
                type="ResNet",  # E: "ResNet" is not registered in registry "nested" (scope "nest")  [registry-name]
            ),
        ),
    )
)

# A scoped name inside a nested config.
NESTED.build(dict(type="Neck", backbone=dict(type="nest.Backbone", depth=1)))
NESTED.build(dict(type="Neck", backbone=dict(type="nst.Backbone", depth=1)))  # E: "nst.Backbone" is not registered: scope "nst" is not in the tree of registry "nested" (scope "nest"); known scopes: "nest"; did you mean "nest.Backbone"?  [registry-name]
