"""The texts of the plugin's own errors, worded the way mypy words its messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mypy.messages import best_matches, pretty_seq

from typed_registry import _resolution

if TYPE_CHECKING:
    from typed_registry.mypy._facts import Registration, RegistrySpec
    from typed_registry.mypy._static_tree import StaticRegistry, StaticTree


def describe_registry(spec: RegistrySpec) -> str:
    """``registry "models" (scope "zoo")``."""
    return f'registry "{spec.name}" (scope "{spec.scope or "?"}")'


def not_registered(tree: StaticTree, start: StaticRegistry, key: str) -> str:
    """The ``registry-name`` message for ``key`` missing when resolved from ``start``."""
    node, rest = _resolution.split_scopes(tree, start, key)
    if node is None:
        known = [tree.scope(member) for member in tree.members.values()]
        message = (
            f'"{key}" is not registered: scope "{rest}" is not in the tree of '
            f"{describe_registry(start.spec)}; known scopes: {pretty_seq(known, 'and')}"
        )
        suggestions = _resolution.respell_scope(tree, start, key, _three_best)[:3]
    else:
        close = best_matches(key, _resolution.visible_keys(tree, start), n=3)
        suggestions = _resolution.suggestions_for_name(tree, start, rest, close)[:3]
        message = f'"{key}" is not registered in {describe_registry(node.spec)}'
    if suggestions:
        message += f"; did you mean {pretty_seq(suggestions, 'or')}?"
    return message


def _three_best(word: str, options: list[str]) -> list[str]:
    return best_matches(word, options, n=3)


def not_covered_note() -> str:
    """The note after a ``registry-name`` error in a module that does not read locations."""
    return (
        "Registrations are read from this module, the modules it imports and the modules "
        "under the plugin's locations setting; list the registering package there"
    )


def duplicate(name: str, spec: RegistrySpec, first: Registration) -> str:
    """The ``registry-duplicate`` message."""
    what = f' ("{first.target}")' if first.target else ""
    return (
        f'"{name}" is already registered in {describe_registry(spec)} at '
        f"{first.module}:{first.line}{what}; pass force=True to replace it"
    )


def bound_violation(
    target: str, spec: RegistrySpec, expected: str, reason: str, subject: str = "it"
) -> str:
    """The ``registry-bound`` message.

    ``subject`` is what must satisfy the registry's type: ``it`` for a class, ``its return
    type "int"`` for a function.
    """
    return (
        f'"{target}" cannot be registered in {describe_registry(spec)}: {subject} does not '
        f'satisfy "{expected}" ({reason})'
    )


def locations_not_configured(spec: RegistrySpec, missing: list[str], configured: list[str]) -> str:
    """The ``registry-config`` message for locations declared in code only."""
    wanted = ", ".join(f'"{name}"' for name in [*configured, *missing])
    return (
        f"{describe_registry(spec)} declares locations the plugin does not read: "
        f"{pretty_seq(missing, 'and')}; add them to the plugin's settings: "
        f"locations = [{wanted}] under [tool.typed_registry] in pyproject.toml "
        "(or [typed_registry] in mypy.ini)"
    )
