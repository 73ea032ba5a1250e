"""``[tool.typed_registry.configs]``: which files are configs, and which registry builds what.

Example settings::

    [tool.typed_registry.configs]
    paths = ["configs"]
    [tool.typed_registry.configs.registries]
    model = "minengine.registry.MODELS"
    "train_dataloader.dataset.pipeline" = "minengine.registry.TRANSFORMS"  # each item
    "default_hooks.*" = "minengine.registry.HOOKS"                         # each value
    optim_wrapper = { registry = "minengine.registry.OPTIM_WRAPPERS", default_args = ["params"] }

A key is a dotted path into the config; ``*`` stands for every key of a dict. The value is
the registry (a module-level variable, by its full name), or a table that also names the
keys the builder passes itself (its ``default_args``), which a config may then leave out.

``runner = "mmengine"`` stands for the rules of MMEngine's ``Runner`` (see
:mod:`._runner_preset`); an entry of ``registries`` replaces the preset's rules for its path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NoReturn, TypeGuard, cast

from typed_registry._configs._loading import CONFIG_SUFFIXES
from typed_registry._configs._nodes import ConfigDict, ConfigList, Node, at_path
from typed_registry._configs._part_rule import PartRule
from typed_registry._configs._runner_preset import RUNNER_PRESETS
from typed_registry._configs.errors import SettingsError

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from pathlib import Path

    from typed_registry._configs._loading import LoadedConfig

SECTION = "tool.typed_registry.configs"


@dataclass(frozen=True)
class ConfigSettings:
    """The validated ``[tool.typed_registry.configs]`` section.

    Attributes:
        paths: Files or folders of config files, relative to the settings file.
        parts: The rules: the preset's (less those ``registries`` replaces), then those of
            ``registries``, in the order written.
        runner: The preset named by ``runner`` (``"mmengine"``), if any.
    """

    paths: tuple[str, ...] = ()
    parts: tuple[PartRule, ...] = ()
    runner: str | None = None


@dataclass(frozen=True)
class Part:
    """A part of one config that a registry builds.

    Attributes:
        path: Where it is in the config (``train_dataloader.dataset.pipeline[2]``).
        rule: The rule that names its registry.
        node: Its value (a dict for a well-formed config).
    """

    path: str
    rule: PartRule
    node: Node


def read_config_settings(table: Mapping[str, object], source: str) -> ConfigSettings:
    """Validate the ``configs`` table read from ``source`` (a file name, for messages).

    Raises:
        SettingsError: A key or a value is invalid (one line naming ``source`` and the key).

    Example:
        >>> table = {"paths": ["configs"], "registries": {"model": "a.MODELS"}}
        >>> [(rule.path, rule.registry) for rule in read_config_settings(table, "x").parts]
        [('model', 'a.MODELS')]
    """
    unknown = sorted(set(table) - {"paths", "registries", "runner"})
    if unknown:
        _fail(source, unknown[0], "unknown key (expected paths, registries, runner)")
    paths = table.get("paths", [])
    if not _strings(paths):
        _fail(source, "paths", "must be a list of strings")
    registries = table.get("registries", {})
    if not isinstance(registries, dict):
        _fail(source, "registries", "must be a table")
    runner = table.get("runner")
    if runner is not None and (not isinstance(runner, str) or runner not in RUNNER_PRESETS):
        known = ", ".join(repr(name) for name in RUNNER_PRESETS)
        _fail(source, "runner", f"unknown runner {runner!r} (known: {known})")
    table_items = cast("dict[str, object]", registries).items()
    parts = [_rule(source, key, value) for key, value in table_items]
    written = {rule.path for rule in parts}
    preset = () if runner is None else RUNNER_PRESETS[runner]
    kept = [rule for rule in preset if rule.path not in written]
    return ConfigSettings(tuple(paths), (*kept, *parts), runner)


def _rule(source: str, path: str, value: object) -> PartRule:
    key = f"registries.{path!r}" if "." in path else f"registries.{path}"
    if not path or any(not part for part in path.split(".")):
        _fail(source, key, "must be a dotted path of config keys")
    default_args: object = []
    if isinstance(value, dict):
        entry = cast("dict[str, object]", value)
        extra = sorted(set(entry) - {"registry", "default_args"})
        if extra:
            _fail(source, key, f"unknown key {extra[0]!r} (expected registry, default_args)")
        default_args = entry.get("default_args", [])
        value = entry.get("registry")
    if not isinstance(value, str) or "." not in value:
        _fail(source, key, "must name a registry variable (module.VARIABLE)")
    if not _strings(default_args):
        _fail(source, key, "default_args must be a list of strings")
    return PartRule(path, value, tuple(default_args))


def _strings(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)  # pyright: ignore[reportUnknownVariableType]


def _fail(source: str, key: str, problem: str) -> NoReturn:
    msg = f"{source}: [{SECTION}] {key}: {problem}"
    raise SettingsError(msg)


def config_files(settings: ConfigSettings, root: Path) -> list[Path]:
    """The config files under ``settings.paths`` (relative to ``root``), sorted.

    Raises:
        SettingsError: A path does not exist.
    """
    found: set[Path] = set()
    for entry in settings.paths:
        path = (root / entry).resolve()
        if path.is_file():
            found.add(path)
        elif path.is_dir():
            found.update(
                file
                for file in path.rglob("*")
                if file.suffix in CONFIG_SUFFIXES and file.is_file()
            )
        else:
            msg = f"[{SECTION}] paths: {entry!r} does not exist ({path})"
            raise SettingsError(msg)
    return sorted(found)


def parts_of(loaded: LoadedConfig, settings: ConfigSettings) -> Iterator[Part]:
    """The parts of a config that the rules name, in rule order; a list part item by item.

    Example:
        >>> from typed_registry._configs import ConfigDict, ConfigList, Origin, Scalar
        >>> o = Origin("cfg.py", 1)
        >>> hook = ConfigDict({"type": Scalar("LoggerHook", o)}, o)
        >>> root = ConfigDict({"custom_hooks": ConfigList((hook,), o)}, o)
        >>> rule = PartRule("custom_hooks", "app.HOOKS")
        >>> [part.path for part in rule_parts(root, rule)]
        ['custom_hooks[0]']
    """
    root = loaded.root
    for rule in settings.parts:
        if rule_applies(rule, root):
            yield from rule_parts(root, rule)


def rule_applies(rule: PartRule, root: ConfigDict) -> bool:
    """Whether ``rule`` names parts of the config ``root`` (its ``unless``/``only_with``)."""
    if not (rule.unless or rule.only_with):  # most rules: asked for each rule of each config
        return True
    if any(at_path(root, path) is not None for path in rule.unless):
        return False
    return all(at_path(root, path) is not None for path in rule.only_with)


def rule_parts(root: ConfigDict, rule: PartRule) -> Iterator[Part]:
    """The parts ``rule`` names in the config ``root`` (whether it applies aside).

    They lie under the key its path starts with, and depend on that value only (but for a
    path that starts with ``*``).
    """
    nodes: list[tuple[str, Node]] = [("", root)]
    for key in rule.path.split("."):
        step: list[tuple[str, Node]] = []
        for where, node in nodes:
            if not isinstance(node, ConfigDict):
                continue
            keys = list(node.items) if key == "*" else [key] if key in node.items else []
            step.extend((f"{where}.{k}" if where else k, node.items[k]) for k in keys)
        nodes = step
    for where, node in nodes:
        if isinstance(node, ConfigList):
            for number, item in enumerate(node.items):
                yield Part(f"{where}[{number}]", rule, item)
        else:
            yield Part(where, rule, node)
