"""Configs the plugin cannot read fully: only what is certain is reported.

A config in a variable, a ``**spread``, a computed key, a positional ``dict(...)`` argument, a
non-literal ``type`` or key: any key might be present at run time, so no keyword is checked
and the call keeps its declared type (T). A ``type`` written as a literal next to a spread is
still checked: the spread cannot change it. A tree that the plugin cannot know completely (a
non-literal scope, a registration with non-literal names) makes misses unknowable too:
nothing is reported, while hits are still refined. An alias of a registry (``ALIAS = LOOSE``)
is the registry.
"""

from typing import Any, Protocol, reveal_type

from typed_registry import Registry, build_from_cfg


class Model(Protocol):
    def run(self) -> int: ...


LOOSE: Registry[Model] = Registry("loose", scope="nonlit")


@LOOSE.register_module()
class Impl:
    def __init__(self, n: int) -> None:
        self.n = n

    def run(self) -> int:
        return self.n


cfg = dict(type="Nope", n="x")
extra: dict[str, Any] = {}
key = "type"
name = "Nope"

reveal_type(LOOSE.build(cfg))  # N: Revealed type is "case_non_literal.Model"
reveal_type(LOOSE.build(dict(type="Nope", **extra)))  # N: Revealed type is "case_non_literal.Model" # E: "Nope" is not registered in registry "loose" (scope "nonlit")  [registry-name]
reveal_type(LOOSE.build({"type": "Nope", **extra}))  # N: Revealed type is "case_non_literal.Model" # E: "Nope" is not registered in registry "loose" (scope "nonlit")  [registry-name]
reveal_type(LOOSE.build({key: "Nope"}))  # N: Revealed type is "case_non_literal.Model"
reveal_type(LOOSE.build(dict(extra, type="Nope")))  # N: Revealed type is "case_non_literal.Model" # E: "Nope" is not registered in registry "loose" (scope "nonlit")  [registry-name]
reveal_type(LOOSE.build(dict(type=name)))  # N: Revealed type is "case_non_literal.Model"
reveal_type(LOOSE.build(dict(type=name.upper(), n="x")))  # N: Revealed type is "case_non_literal.Model"
reveal_type(LOOSE.build(dict(n=1)))  # N: Revealed type is "case_non_literal.Model" # E: Invalid config: it has no "type"  [registry-config]
reveal_type(build_from_cfg(cfg, LOOSE))  # N: Revealed type is "case_non_literal.Model"
reveal_type(LOOSE.get(name))  # N: Revealed type is "(def (*Any, **Any) -> case_non_literal.Model) | None"
reveal_type(LOOSE[name])  # N: Revealed type is "def (*Any, **Any) -> case_non_literal.Model"

# A non-literal _scope_: the start of the lookup is unknown.
reveal_type(LOOSE.build(dict(type="Nope", _scope_=name)))  # N: Revealed type is "case_non_literal.Model"

# Calls whose config cannot be mapped: a bound method called through a name, star args.
build = LOOSE.build
lookup = LOOSE.get
reveal_type(build(dict(type="Nope")))  # N: Revealed type is "case_non_literal.Model"
reveal_type(lookup("Nope"))  # N: Revealed type is "(def (*Any, **Any) -> case_non_literal.Model) | None"
reveal_type(LOOSE.build(*[dict(type="Nope")]))  # N: Revealed type is "case_non_literal.Model"
# Arguments in a star may be default_args: they never change the config's own type.
reveal_type(build_from_cfg(dict(type="Nope"), LOOSE, *[None]))  # N: Revealed type is "case_non_literal.Model" # E: "Nope" is not registered in registry "loose" (scope "nonlit")  [registry-name]
build_from_cfg(dict(type="Nope"))  # E: No overload variant of "build_from_cfg" matches argument type "dict[str, str]"  [call-overload] # N: Possible overload variants: # N: def [C] build_from_cfg(cfg: Config[C], registry: Registry[Any], default_args: Mapping[str, Any] | None = ...) -> C # N: def [T] build_from_cfg(cfg: Mapping[str, Any], registry: Registry[T], default_args: Mapping[str, Any] | None = ...) -> T

# A registry that is not a plain module-level variable: unknown to the plugin.
FIRST = SECOND = Registry[Any]("chained", scope="nonlit_chain")
reveal_type(FIRST.build(dict(type="Nope")))  # N: Revealed type is "Any"
ALIAS = LOOSE
reveal_type(ALIAS.build(dict(type="Nope")))  # N: Revealed type is "case_non_literal.Model" # E: "Nope" is not registered in registry "loose" (scope "nonlit")  [registry-name]
reveal_type(ALIAS.get("Nope"))  # N: Revealed type is "(def (*Any, **Any) -> case_non_literal.Model) | None" # E: "Nope" is not registered in registry "loose" (scope "nonlit")  [registry-name]


def local_registry() -> None:
    local: Registry[Model] = Registry("local", scope="nonlit_local")
    reveal_type(local.build(dict(type="Nope")))  # N: Revealed type is "case_non_literal.Model"


# A member of the tree has a non-literal scope: scoped keys cannot be resolved, misses are not
# reported, hits are still refined.
SCOPE = "dyn" + "amic"
DYN_ROOT: Registry[Any] = Registry("dyn", scope="nonlit_dyn")
DYN_CHILD: Registry[Any] = Registry("dyn", scope=SCOPE, parent=DYN_ROOT)


@DYN_ROOT.register_module()
class Known:
    pass


reveal_type(DYN_ROOT.build(dict(type="Known")))  # N: Revealed type is "case_non_literal.Known"
reveal_type(DYN_ROOT.build(dict(type="dynamic.Thing")))  # N: Revealed type is "Any"
reveal_type(DYN_CHILD.build(dict(type="Unknown")))  # N: Revealed type is "Any"

# A registration whose names are not literal: any name might be registered.
NAMES = ["a", "b"]
OPEN: Registry[Any] = Registry("open", scope="nonlit_open")


@OPEN.register_module(name=NAMES)
class Named:
    pass


@OPEN.register_module()
class Plain:
    pass


reveal_type(OPEN.build(dict(type="Plain")))  # N: Revealed type is "case_non_literal.Plain"
reveal_type(OPEN.build(dict(type="a")))  # N: Revealed type is "Any"
reveal_type(FIRST.get("Nope"))  # N: Revealed type is "(def (*Any, **Any) -> Any) | None"
# Other classes' get: not a registry's.
reveal_type(extra.get("type"))  # N: Revealed type is "Any | None"
