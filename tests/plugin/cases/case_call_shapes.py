"""Build calls of every shape: the hooks read arguments by parameter name, never crash.

A subclass's ``build`` that calls ``Registry.build(self, cfg, *args, **kwargs)`` on the class
passes ``self`` as a formal of its own; a config passed as ``**{"cfg": ...}`` and
arguments in ``*args``/``**kwargs`` cannot be read: a ``**kw`` may hold ``default_args``
that complete the config, so a missing argument is then no error (an unexpected one still
is). A list of configs is built only by a custom ``build_func`` (MMEngine's builds each
config of a list); the default one rejects it at run time.
"""

from typing import Annotated, Any, TypeVar, reveal_type

from typed_registry import Config, ConfigFor, Registry, build_from_cfg, cfg

T = TypeVar("T")


class LoggingRegistry(Registry[T]):
    """A subclass whose build calls the runtime's on the class."""

    def build(self, cfg: Any, *args: Any, **kwargs: Any) -> Any:
        return Registry.build(self, cfg, *args, **kwargs)


class AnyRegistry(Registry[Any]):
    """The same, not generic: mypy gives the hook the unbound call's four formals."""

    def build(self, cfg: Any, *args: Any, **kwargs: Any) -> Any:
        return Registry.build(self, cfg, *args, **kwargs)


class DefaultsRegistry(Registry[T]):
    """A subclass whose build takes its own parameters."""

    def build(self, cfg: Any, default_args: Any = None, *, strict: bool = False) -> Any:
        return super().build(cfg, default_args=default_args)


class RenamedRegistry(Registry[T]):
    """A subclass whose build names its config otherwise: not read."""

    def build(self, config: Any) -> Any:
        return super().build(config)


class ScaledRegistry(Registry[T]):
    """A subclass whose build takes parameters of its own: they may complete the config."""

    def build(self, cfg: Any, scale: int = 1) -> Any:
        return super().build(cfg)


def build_layers(cfg: Any, *args: Any, registry: Any = None, **kwargs: Any) -> Any:
    raise NotImplementedError


SHAPES: Registry[object] = Registry("shapes", scope="shapes")
LOGGED: LoggingRegistry[object] = LoggingRegistry("logged", scope="logged")
OWN: DefaultsRegistry[object] = DefaultsRegistry("own", scope="own")
RENAMED: RenamedRegistry[object] = RenamedRegistry("renamed", scope="renamed")
SCALED: ScaledRegistry[object] = ScaledRegistry("scaled", scope="scaled")
LAYERS: Registry[object] = Registry("layers", build_func=build_layers, scope="shapes_layers")
STEPS: Registry[object] = Registry("steps", scope="shapes_steps")


@SHAPES.register_module()
@RENAMED.register_module()
@SCALED.register_module()
@LOGGED.register_module()
@OWN.register_module()
@LAYERS.register_module()
class Conv:
    def __init__(self, channels: int) -> None:
        self.channels = channels


@STEPS.register_module()
class Load:
    pass


@STEPS.register_module()
class Resize:
    def __init__(self, size: int) -> None:
        self.size = size


@SHAPES.register_module()
class Pipeline:
    def __init__(self, steps: Annotated[list[dict[str, Any]], ConfigFor(STEPS)]) -> None:
        self.steps = [STEPS.build(step) for step in steps]


# A subclass's build on the class, and its own parameters: still checked by name.
LOGGED.build(dict(type="Conv", channels=1))
LOGGED.build(dict(type="Convv", channels=1))  # E: "Convv" is not registered in registry "logged" (scope "logged"); did you mean "Conv"?  [registry-name]
OWN.build(dict(type="Conv"), dict(channels=3))
RENAMED.build(dict(type="Anything"))
SCALED.build(dict(type="Conv"), 2)
SCALED.build(dict(type="Con"), 2)  # E: "Con" is not registered in registry "scaled" (scope "scaled"); did you mean "Conv"?  [registry-name]
OWN.build(dict(type="Conv", channel=3))  # E: Unexpected keyword argument "channel" for "Conv"; did you mean "channels"?  [call-arg]

# A config in **{...}: not read. Arguments in **kw may be default_args.
SHAPES.build(**{"cfg": {"type": "Conv", "channels": 1}})
build_args: dict[str, Any] = {"cfg": {"type": "Conv"}, "registry": SHAPES}
build_from_cfg(**build_args)
extra: dict[str, Any] = {"default_args": {"channels": 3}}
reveal_type(SHAPES.build(dict(type="Conv"), **extra))  # N: Revealed type is "case_call_shapes.Conv"
positional: list[Any] = [{"channels": 3}]
SHAPES.build(dict(type="Conv"), *positional)
SHAPES.build(dict(type="Conv", channel=3), **extra)  # E: Unexpected keyword argument "channel" for "Conv"; did you mean "channels"?  [call-arg]

# A list of configs: a custom build_func's business, names checked; else a run-time error.
LAYERS.build([dict(type="Conv", channels=1), dict(type="Conv", anything=2)])
LAYERS.build([dict(type="Conv", channels=1), dict(type="Con")])  # E: "Con" is not registered in registry "layers" (scope "shapes_layers"); did you mean "Conv"?  [registry-name]
SHAPES.build([dict(type="Conv", channels=1)])  # E: Invalid config: a list of configs is built only by a custom build_func; build each config  [registry-config]



def local_registry() -> None:
    local: Registry[object] = Registry("local", scope="shapes_local")
    local.build([dict(type="Anything")])  # not a module-level registry: unknown to the plugin


# A list of cfg(...) in a variable, for a parameter taking a list of dicts.
steps = [cfg(Load), cfg(Resize, size=1)]
SHAPES.build(dict(type="Pipeline", steps=steps))
nested_steps: list[list[Config[Resize]]] = [[cfg(Resize, size=1)]]
SHAPES.build(dict(type="Pipeline", steps=nested_steps))  # E: Argument "steps" to "Pipeline" has incompatible type "list[list[dict[str, Any]]]"; expected "list[dict[str, Any]]"  [arg-type]
