"""What one module says about registries: the registries it creates and its registrations.

The index (:mod:`._project`) resolves what the reader found in a module's source into facts
with fully qualified names. They are plain data with a JSON form.

Registries, registrations and a module's facts are named tuples, not dataclasses: a warm
run that checks one module converts thousands of them from the snapshot, and creating the
classes is part of every run's start (a frozen dataclass costs about 1 ms to create, a
named tuple a tenth). The plugin's other immutable records are named tuples for the same
reason.
"""

from __future__ import annotations

from typing import Any, NamedTuple, cast

#: Bumped whenever the JSON form changes, so stale caches are not misread.
FACTS_VERSION = 3


class RegistrySpec(NamedTuple):
    """A ``NAME = Registry(...)`` at module level.

    Attributes:
        var: Fullname of the variable holding the registry (``pkg.registry.MODELS``).
        name: The registry's ``name`` argument, or ``"?"`` if not a literal.
        scope: The scope (given or inferred from the module), or None if not a literal.
        parent: Fullname of the parent registry's variable, or None for a root; ``"?"`` if
            the parent is not a plain reference to a module-level registry.
        locations: The ``locations`` argument, when it is a literal list of strings.
        build_func: ``None`` when no ``build_func`` is given (the parent's is inherited),
            ``"default"`` for a builder that passes the config through (``build_from_cfg``),
            the fullname of another builder ``_builders`` knows, ``"custom"`` for anything
            else (then only names are checked, not kwargs).
        line: The line of the assignment.
    """

    var: str
    name: str
    scope: str | None
    parent: str | None
    locations: tuple[str, ...]
    build_func: str | None
    line: int


class Registration(NamedTuple):
    """A ``register_module`` call at module level (as a decorator or with ``module=``).

    Attributes:
        registry: Fullname of the registry's variable.
        names: The names registered, or None when they are not literal strings.
        force: Whether ``force=True`` was given (a non-literal ``force`` counts as True).
        target: Fullname of the class or function registered, or None if it has no
            fullname (a lambda, an expression).
        module: The module that registers.
        line: The line of the ``register_module`` call.
        branch: Where the registration sits in ``if``/``try`` statements: one
            ``"line:branch"`` marker per enclosing statement, outermost first. Two
            registrations whose markers differ for the same statement never both run.
        undecorated: Whether ``target`` is registered as defined, before the decorators
            above ``register_module`` (a decorator registration), rather than as the name
            ``target`` finally holds (``module=target``).
    """

    registry: str
    names: tuple[str, ...] | None
    force: bool
    target: str | None
    module: str
    line: int
    branch: tuple[str, ...] = ()
    undecorated: bool = False

    def excludes(self, other: Registration) -> bool:
        """Whether this registration and ``other`` are in branches that never both run.

        Only registrations of one module can exclude each other: the markers of two modules
        name different statements even when their lines are equal.
        """
        if self.module != other.module:
            return False
        for mine, theirs in zip(self.branch, other.branch, strict=False):
            if mine != theirs:
                return mine.split(":")[0] == theirs.split(":")[0]
        return False

    def without_target(self) -> Registration:
        """This registration with no known target: its name is checked, nothing else."""
        return self._replace(target=None)


class ModuleFacts(NamedTuple):
    """Everything a module contributes."""

    registries: tuple[RegistrySpec, ...] = ()
    registrations: tuple[Registration, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.registries or self.registrations)

    def to_json(self) -> dict[str, Any]:
        """The JSON form stored in the cache."""
        return {
            "version": FACTS_VERSION,
            "registries": [spec_row(spec) for spec in self.registries],
            "registrations": [registration_row(r) for r in self.registrations],
        }

    @classmethod
    def from_json(cls, raw: object) -> ModuleFacts:
        """Read the JSON form; anything unexpected (another version) reads as no facts."""
        if not isinstance(raw, dict):
            return cls()
        data = cast("dict[str, Any]", raw)
        if data.get("version") != FACTS_VERSION:
            return cls()
        try:
            registries = tuple(map(spec_from_row, data["registries"]))
            registrations = tuple(map(registration_from_row, data["registrations"]))
        except (KeyError, TypeError, ValueError):
            return cls()
        return cls(registries, registrations)


def spec_row(spec: RegistrySpec) -> list[Any]:
    """A registry's JSON form: a list of its fields."""
    return [*spec[:4], list(spec.locations), spec.build_func, spec.line]


def spec_from_row(row: list[Any]) -> RegistrySpec:
    """Read :func:`spec_row`'s form (a row of another length raises ValueError)."""
    var, name, scope, parent, locations, build_func, line = row
    return RegistrySpec(var, name, scope, parent, tuple(locations), build_func, line)


def registration_row(registration: Registration) -> list[Any]:
    """A registration's JSON form: a list of its fields."""
    r = registration
    names = None if r.names is None else list(r.names)
    return [r.registry, names, r.force, r.target, r.module, r.line, list(r.branch), r.undecorated]


def registration_from_row(row: list[Any]) -> Registration:
    """Read :func:`registration_row`'s form (a row of another length raises ValueError)."""
    registry, names, force, target, module, line, branch, undecorated = row
    names = None if names is None else tuple(names)
    # tuple.__new__ directly: a warm check converts thousands (the named tuple's __new__ is
    # a Python function that only forwards to it).
    return tuple.__new__(  # pyright: ignore[reportUnknownMemberType]  # tuple's own signature
        Registration,
        (
            registry,
            names,
            force,
            target,
            module,
            line,
            tuple(branch) if branch else (),
            undecorated,
        ),
    )
