"""``@REG.register_module`` without parentheses: a hint to add them.

MMCV 1.x accepted ``register_module(Cls)``, so its bare decorator registered the class. The
runtime refuses it (TypeError at import: the class is passed as the name). mypy's own
error is ``No overload variant``; the plugin adds what to write instead, at the decorator.
A ``register_module`` attribute of something that is not a registry gets no hint.
"""

from typing import Any

from typed_registry import Registry

MODELS: Registry[Any] = Registry("models", scope="case_bare")


@MODELS.register_module  # E: "@MODELS.register_module" needs parentheses: write "@MODELS.register_module()" (without them, "ResNet" is passed as the name and the import raises TypeError; MMCV 1.x's bare form is not supported)  [registry-config]
class ResNet:  # E: No overload variant of "register_module" of "Registry" matches argument type "type[ResNet]"  [call-overload] # N: Possible overload variants: # N:     def register_module(self, name: str | Sequence[str] | None = ..., force: bool = ..., module: None = ...) -> Callable[[F], F] # N:     def [F: Callable[..., Any]] register_module(self, name: str | Sequence[str] | None, force: bool, module: F) -> F # N:     def [F: Callable[..., Any]] register_module(self, name: str | Sequence[str] | None = ..., force: bool = ..., *, module: F) -> F
    pass


class Hooks:
    @staticmethod
    def register_module(cls: type[Any]) -> type[Any]:
        return cls


HOOKS = Hooks()


@HOOKS.register_module
class Fine:
    pass


class Holder:
    models = MODELS


# Reached through something the plugin does not follow: mypy's error only, no hint.
@Holder.models.register_module
class Held:  # E: No overload variant of "register_module" of "Registry" matches argument type "type[Held]"  [call-overload] # N: Possible overload variants: # N:     def register_module(self, name: str | Sequence[str] | None = ..., force: bool = ..., module: None = ...) -> Callable[[F], F] # N:     def [F: Callable[..., Any]] register_module(self, name: str | Sequence[str] | None, force: bool, module: F) -> F # N:     def [F: Callable[..., Any]] register_module(self, name: str | Sequence[str] | None = ..., force: bool = ..., *, module: F) -> F
    pass


@[MODELS][0].register_module
class Listed:  # E: No overload variant of "register_module" of "Registry" matches argument type "type[Listed]"  [call-overload] # N: Possible overload variants: # N:     def register_module(self, name: str | Sequence[str] | None = ..., force: bool = ..., module: None = ...) -> Callable[[F], F] # N:     def [F: Callable[..., Any]] register_module(self, name: str | Sequence[str] | None, force: bool, module: F) -> F # N:     def [F: Callable[..., Any]] register_module(self, name: str | Sequence[str] | None = ..., force: bool = ..., *, module: F) -> F
    pass
