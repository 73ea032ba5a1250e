"""The texts of the plugin's own errors, worded the way mypy words its messages."""

from __future__ import annotations

import os
from collections import Counter
from typing import TYPE_CHECKING

from mypy.messages import best_matches, pretty_seq

from typed_registry import _resolution

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from typed_registry._index import Registration, RegistrySpec
    from typed_registry.mypy._static_tree import StaticRegistry, StaticTree


def describe_registry(spec: RegistrySpec) -> str:
    """``registry "models" (scope "zoo")``."""
    return f'registry "{spec.name}" (scope "{spec.scope or "?"}")'


def not_registered(
    tree: StaticTree, start: StaticRegistry, key: str, elsewhere: Sequence[RegistrySpec] = ()
) -> str:
    """The ``registry-name`` message for ``key`` missing when resolved from ``start``.

    ``elsewhere``: the registries of other trees that hold ``key`` (a config built by the
    wrong registry), named at the end.
    """
    node, rest = _resolution.split_scopes(tree, start, key)
    if node is None:
        known = [tree.scope(member) for member in tree.members.values()]
        message = (
            f'"{key}" is not registered: scope "{rest}" is not in the tree of '
            f"{describe_registry(start.spec)}; known scopes: {pretty_seq(known, 'and')}"
        )
        suggestions = _resolution.respell_scope(tree, start, key, _three_best)[:3]
    else:
        close = closest_names(key, _resolution.visible_keys(tree, start))
        suggestions = _resolution.suggestions_for_name(tree, start, rest, close)[:3]
        message = f'"{key}" is not registered in {describe_registry(node.spec)}'
    if suggestions:
        message += f"; did you mean {pretty_seq(suggestions, 'or')}?"
    if elsewhere:
        message += f"; it is registered in {' and '.join(map(describe_registry, elsewhere))}"
    return message


def _three_best(word: str, options: list[str]) -> list[str]:
    return closest_names(word, options)


def closest_names(word: str, names: Iterable[str]) -> list[str]:
    """The three names closest to ``word``: mypy's ``best_matches``, at a fraction of its cost.

    mypy compares ``word`` with every name left by its cheap filter (lengths alike) with
    ``difflib``'s ``ratio``, which costs tens of milliseconds over a registry of a thousand
    similar names (``M12C3``): a mistake is reported again on every run, so every run paid
    it. The names whose letters alone cannot reach mypy's threshold (``quick_ratio``, an upper
    bound of ``ratio``) are left out first, after mypy's own filters, so that mypy's function
    sees the same candidates that can pass and answers the same.

    Example:
        >>> closest_names("ResNt", ["ResNet", "ResNeXt", "VGG"])
        ['ResNet', 'ResNeXt']
    """
    if not word:
        return []
    size = len(word)
    # mypy's filters, as it applies them: what is left decides whether lengths must be alike.
    options = [name for name in names if 2.0 * min(size, len(name)) / (size + len(name)) > _CLOSE]
    if len(options) >= _FEW_ENOUGH:
        options = [name for name in options if abs(len(name) - size) <= 1]
    letters = Counter(word).items()
    options = [
        name
        for name in options
        if 2.0
        * sum(min(name.count(letter), count) for letter, count in letters)
        / (size + len(name))
        > _CLOSE
    ]
    return best_matches(word, options, n=3)


#: mypy's threshold of similarity, and the number of candidates from which it keeps only
#: those of a length alike (``mypy.messages.best_matches``).
_CLOSE = 0.75
_FEW_ENOUGH = 50


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


def invalid_registration(problem: str) -> str:
    """The ``registry-config`` message for a registration the runtime rejects at import."""
    return f"Invalid registration: {problem} (the import raises ValueError or TypeError)"


def bare_decorator(registry: str, target: str) -> str:
    """The ``registry-config`` message for ``@REG.register_module`` without parentheses."""
    return (
        f'"@{registry}.register_module" needs parentheses: write '
        f'"@{registry}.register_module()" (without them, "{target}" is passed as the name and '
        "the import raises TypeError; MMCV 1.x's bare form is not supported)"
    )


def open_registry(spec: RegistrySpec) -> str:
    """The note at a registration whose names cannot be read from the source."""
    return (
        f"{describe_registry(spec)} is open: names registered here are unknown to the "
        "plugin, so misses are not reported"
    )


def invalid_config(problem: str) -> str:
    """The ``registry-config`` message for a config the runtime cannot build."""
    return f"Invalid config: {problem}"


def unreadable_location(file: str, line: int, problem: str) -> str:
    """The ``registry-name`` error for a module that registers but does not parse."""
    shown = os.path.relpath(file) if file.startswith(os.getcwd() + os.sep) else file
    return (
        f"{shown}:{line}: syntax error ({problem}): what this module registers is unknown, "
        "so no name is reported as not registered until it parses"
    )


def nowhere(key: str, suggestions: list[str]) -> str:
    """The ``registry-name`` message for a nested config's name found in no registry."""
    return (
        f'"{key}" is not registered in any registry; did you mean {pretty_seq(suggestions, "or")}?'
    )
