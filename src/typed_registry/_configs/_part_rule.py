"""A rule of which registry builds a part of a config, and how its builder reads the part.

A rule of the ``registries`` settings says only which registry builds a part, and what its
builder supplies (``default_args``). MMEngine's ``Runner`` does more before it builds (see
:mod:`._runner_preset`): it picks a default ``type``, removes keys of its own, or builds a
part one way or another depending on the config. :func:`how_built` reads a part the way its
builder does, so that the mypy plugin and ``typed-registry check`` check the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from typed_registry._configs._nodes import ConfigDict, Scalar


@dataclass(frozen=True)
class PartRule:
    """One entry of ``registries``: the part at ``path`` is built by ``registry``.

    The attributes after ``default_args`` are for builders that do more than
    ``registry.build(cfg, default_args=...)``, as MMEngine's ``Runner`` does (see
    :mod:`._runner_preset`); the ``registries`` settings leave them at their defaults.

    Attributes:
        path: Dotted keys; ``*`` matches every key of a dict.
        registry: The registry variable's full name (``minengine.registry.MODELS``).
        default_args: Keys the builder supplies itself (never reported missing).
        default_type: The ``type`` built when the config has none.
        type_by: ``(key, if true, if false)``: a config without ``type`` has ``key``, whose
            truth picks the type (the builder removes ``key``); both at once is refused.
        consumes: Keys the builder removes before building (not the class's arguments).
        unless: Config paths: when the config has one, the builder does not build the
            part this way (the rule is not applied).
        only_with: Config paths the config must all have for the rule to apply.
        names_only: The builder does more with the keys than pass them (a function of
            ``partial``): only its ``type`` is checked, and the names nested in it.
        nested: A class builds it, which may supply arguments of its own: a missing
            argument is not reported.
        type_required: Whether a config without ``type`` (nor ``default_type``) is an
            error; else its builder picks the type, and the part is not checked.
    """

    path: str
    registry: str
    default_args: tuple[str, ...] = ()
    default_type: str | None = None
    type_by: tuple[str, str, str] | None = None
    consumes: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    only_with: tuple[str, ...] = ()
    names_only: bool = False
    nested: bool = False
    type_required: bool = True

    @property
    def first_key(self) -> str:
        """The key the path starts with: the rule's parts lie under that value (``*``: any).

        Example:
            >>> PartRule("train_dataloader.dataset", "a.DATASETS").first_key
            'train_dataloader'
        """
        return self.path.partition(".")[0]


@dataclass(frozen=True)
class PartBuild:
    """How the builder of one part builds it: what a check of the part checks.

    Attributes:
        default_type: The ``type`` to check when the config has none.
        consumes: The config's keys the builder removes (not passed to the class).
        refused: Why the builder refuses the config (a message), if it does.
    """

    default_type: str | None = None
    consumes: frozenset[str] = frozenset()
    refused: str | None = None


def how_built(rule: PartRule, node: ConfigDict) -> PartBuild | None:
    """How ``rule``'s builder builds the config ``node``; None: what it builds is unknown.

    Example:
        >>> from typed_registry._configs import Origin
        >>> o = Origin("cfg.py", 1)
        >>> rule = PartRule("train_cfg", "a.LOOPS", type_by=("by_epoch", "Epochs", "Iters"))
        >>> how_built(rule, ConfigDict({"by_epoch": Scalar(False, o)}, o))
        PartBuild(default_type='Iters', consumes=frozenset({'by_epoch'}), refused=None)
    """
    consumes = frozenset(rule.consumes)
    if rule.type_by is not None and rule.type_by[0] in node.items:
        key, if_true, if_false = rule.type_by
        if "type" in node.items:
            refused = f'"type" and "{key}" cannot both be given: "{key}" picks the type'
            return PartBuild(refused=refused)
        flag = node.items[key]
        if not isinstance(flag, Scalar):
            return None  # computed where the reader cannot: which type is unknown
        return PartBuild(if_true if flag.value else if_false, consumes | {key})
    if "type" not in node.items and rule.default_type is None and not rule.type_required:
        return None  # the builder (a class, or the runner) picks the type
    return PartBuild(rule.default_type, consumes)
