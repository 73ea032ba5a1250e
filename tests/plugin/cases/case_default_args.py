"""``default_args`` given at the call fill the keys missing from the config.

They are merged before checking, as at run time: a default can supply the ``type`` or a
required argument, the config's own keys win, and a default's wrong value is reported at the
default. ``build`` takes them by keyword or positionally, ``build_from_cfg`` both ways too.
``default_args=None`` (the parameter's default) means no defaults. Non-literal defaults make
the config unknown: no check, the declared type.
"""

from typing import Any, reveal_type

from typed_registry import Registry, build_from_cfg

DEFAULTS: Registry[object] = Registry("defaults", scope="dflt")


@DEFAULTS.register_module()
class Head:
    def __init__(self, classes: int, loss: str = "ce") -> None:
        self.classes = classes


@DEFAULTS.register_module()
class Tail:
    def __init__(self, length: float) -> None:
        self.length = length


# A default supplies a required argument, the type, or both.
reveal_type(DEFAULTS.build(dict(type="Head"), default_args=dict(classes=10)))  # N: Revealed type is "case_default_args.Head"
reveal_type(DEFAULTS.build(dict(classes=10), default_args=dict(type="Head")))  # N: Revealed type is "case_default_args.Head"
reveal_type(DEFAULTS.build({}, default_args={"type": "Tail", "length": 1.5}))  # N: Revealed type is "case_default_args.Tail"
reveal_type(DEFAULTS.build(dict(type="Head"), {"classes": 3}))  # N: Revealed type is "case_default_args.Head"
reveal_type(build_from_cfg(dict(type="Head"), DEFAULTS, dict(classes=1)))  # N: Revealed type is "case_default_args.Head"
reveal_type(build_from_cfg(dict(type="Head"), DEFAULTS, default_args={"classes": 1}))  # N: Revealed type is "case_default_args.Head"

# The config's keys win over the defaults.
reveal_type(DEFAULTS.build(dict(type="Tail", length=2.0), default_args=dict(type="Head")))  # N: Revealed type is "case_default_args.Tail"
DEFAULTS.build(dict(type="Head", classes=2), default_args=dict(classes="ten"))

# Errors in the merged config.
DEFAULTS.build(dict(type="Head"), default_args=dict(loss="l1"))  # E: Missing named argument "classes" for "Head"  [call-arg]
DEFAULTS.build(dict(type="Head", classes=1), default_args=dict(los="l1"))  # E: Unexpected keyword argument "los" for "Head"; did you mean "loss"?  [call-arg]
DEFAULTS.build(dict(classes=1), default_args=dict(type="Heads"))  # E: "Heads" is not registered in registry "defaults" (scope "dflt"); did you mean "Head"?  [registry-name]
build_from_cfg(dict(type="Tail"), DEFAULTS, default_args=dict(lenght=1.0))  # E: Unexpected keyword argument "lenght" for "Tail"; did you mean "length"?  [call-arg]
DEFAULTS.build(
    dict(type="Head"),
    default_args=dict(
        classes="ten",  # E: Argument "classes" to "Head" has incompatible type "str"; expected "int"  [arg-type]
    ),
)

# None: no defaults, the config alone is checked.
reveal_type(DEFAULTS.build(dict(type="Head", classes=1), default_args=None))  # N: Revealed type is "case_default_args.Head"
reveal_type(build_from_cfg(dict(type="Head", classes=1), DEFAULTS, None))  # N: Revealed type is "case_default_args.Head"
DEFAULTS.build(dict(type="Heads", classes=1), default_args=None)  # E: "Heads" is not registered in registry "defaults" (scope "dflt"); did you mean "Head"?  [registry-name]
DEFAULTS.build(dict(type="Head", classes="1"), None)  # E: Argument "classes" to "Head" has incompatible type "str"; expected "int"  [arg-type]
build_from_cfg(dict(type="Head"), DEFAULTS, default_args=None)  # E: Missing named argument "classes" for "Head"  [call-arg]

# Non-literal defaults: nothing is known about the config.
defaults: dict[str, Any] = {"classes": 1}
reveal_type(DEFAULTS.build(dict(type="Heads"), default_args=defaults))  # N: Revealed type is "object"
reveal_type(build_from_cfg(dict(type="Heads"), DEFAULTS, defaults))  # N: Revealed type is "object"
reveal_type(DEFAULTS.build(dict(type="Head"), default_args=dict(**defaults)))  # N: Revealed type is "object"
