from __future__ import annotations

import copy
import importlib.util
import os
import pickle
import re
import shlex
import subprocess
import sys
from collections import namedtuple
from pathlib import Path
from typing import Annotated, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mypy import api as mypy_api

from typed_registry import (
    Config,
    ConfigFor,
    NotRegisteredError,
    Registry,
    RegistryError,
    build_from_cfg,
    cfg,
    default_scope,
)

MODELS: Registry[Any] = Registry("models", scope="cfg_core")
DET: Registry[Any] = Registry("models", scope="cfg_det", parent=MODELS)
OTHER: Registry[Any] = Registry("utils", scope="cfg_utils")


@MODELS.register_module()
class ResNet:
    def __init__(self, depth: int, frozen: bool = False) -> None:
        self.depth, self.frozen = depth, frozen

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ResNet) and vars(self) == vars(other)

    __hash__ = None  # type: ignore[assignment]


@DET.register_module()
class Detector:
    def __init__(self, backbone: dict[str, Any], heads: list[dict[str, Any]] = ()) -> None:  # type: ignore[assignment]
        self.backbone = MODELS.build(backbone)
        self.heads = [DET.build(head) for head in heads]


@DET.register_module(name=["Head", "HeadAlias"])
class Head:
    def __init__(self, classes: int) -> None:
        self.classes = classes


@MODELS.register_module()
def resnet18(frozen: bool = False) -> ResNet:
    return ResNet(18, frozen)


@OTHER.register_module()
class Assigner:
    def __init__(self, iou: float) -> None:
        self.iou = iou


class Unregistered:
    def __init__(self, size: int) -> None:
        self.size = size


class Recorder:
    """Keeps whatever it is built with."""

    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = kwargs

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and vars(self) == vars(other)

    __hash__ = None  # type: ignore[assignment]


RECORDERS: Registry[Any] = Registry("recorders", scope="cfg_recorders")
RECORDERS.register_module(module=Recorder)


# -- making configs -------------------------------------------------------------------------


def test_cfg_is_the_dict_config_with_the_class_as_type_first() -> None:
    config = cfg(ResNet, depth=50, frozen=True)
    assert isinstance(config, Config)
    assert isinstance(config, dict)
    assert config == {"type": ResNet, "depth": 50, "frozen": True}
    assert list(config) == ["type", "depth", "frozen"]


def test_cfg_of_a_function_holds_the_function() -> None:
    assert cfg(resnet18, frozen=True) == {"type": resnet18, "frozen": True}


def test_a_positional_argument_is_a_type_error_that_says_to_pass_it_by_keyword() -> None:
    with pytest.raises(
        TypeError,
        match=r"^cfg\(ResNet, \.\.\.\) takes ResNet's arguments by keyword only \(a config is a "
        r"mapping from parameter names to values\), got 2 positional: 50, True$",
    ):
        cfg(ResNet, 50, True)  # type: ignore[call-arg]


def test_an_argument_named_type_is_a_type_error() -> None:
    def make(type: str) -> str:
        return type

    with pytest.raises(TypeError, match="cannot pass an argument named 'type'"):
        cfg(make, type="x")


def test_a_target_that_is_not_callable_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"^cfg\(\) needs a class or function to build, not int$"):
        cfg(3)  # type: ignore[arg-type]


def test_repr_reads_as_the_call_that_made_it() -> None:
    assert repr(cfg(ResNet, depth=50)) == "cfg(ResNet, depth=50)"
    assert repr(cfg(ResNet, depth=50, frozen=False)) == "cfg(ResNet, depth=50, frozen=False)"


def test_repr_of_a_changed_config_shows_the_dict() -> None:
    renamed = cfg(ResNet, depth=50)
    renamed["type"] = "ResNet"
    assert repr(renamed) == "Config({'type': 'ResNet', 'depth': 50})"
    odd_key = cfg(ResNet, depth=50)
    odd_key["not a name"] = 1
    assert repr(odd_key).startswith("Config({'type': <class ")
    untyped = cfg(ResNet, depth=50)
    del untyped["type"]
    assert repr(untyped) == "Config({'depth': 50})"


def test_config_is_subscriptable_at_run_time() -> None:
    assert Config[ResNet].__origin__ is Config  # type: ignore[attr-defined]


def test_a_config_pickles_and_copies_as_a_config() -> None:
    config = cfg(Detector, backbone=cfg(ResNet, depth=50))
    for copied in (pickle.loads(pickle.dumps(config)), copy.deepcopy(config)):
        assert type(copied) is Config
        assert type(copied["backbone"]) is Config
        assert copied == config


def test_making_and_building_configs_imports_neither_typing_nor_collections_abc() -> None:
    code = (
        "import sys; from typed_registry import Registry, cfg; "
        "R = Registry('r', scope='r'); "
        "R.register_module('complex', module=complex); "
        "assert R.build(cfg(complex, real=1)) == 1; "
        "print('typing' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False"]


# -- building -------------------------------------------------------------------------------


def test_a_config_builds_as_its_dict_config_does() -> None:
    assert MODELS.build(cfg(ResNet, depth=50)) == MODELS.build({"type": "ResNet", "depth": 50})
    assert MODELS.build(cfg(resnet18)) == ResNet(18)


def test_nested_configs_are_built_by_their_owner() -> None:
    detector = DET.build(
        cfg(Detector, backbone=cfg(ResNet, depth=50), heads=[cfg(Head, classes=80)])
    )
    assert detector.backbone == ResNet(50)
    assert [head.classes for head in detector.heads] == [80]


def test_default_args_fill_keys_a_config_leaves_out() -> None:
    built = MODELS.build(cfg(ResNet, depth=50), default_args={"frozen": True, "depth": 1})
    assert built == ResNet(50, frozen=True)
    assert build_from_cfg(cfg(ResNet, depth=50), MODELS, {"frozen": True}) == ResNet(50, True)


def test_building_never_mutates_the_config() -> None:
    config = cfg(ResNet, depth=50)
    MODELS.build(config, default_args={"frozen": True})
    assert config == {"type": ResNet, "depth": 50}


def test_an_unregistered_class_is_built_without_a_lookup_as_mmengine_does() -> None:
    built = MODELS.build(cfg(Unregistered, size=3))
    assert isinstance(built, Unregistered)
    assert built.size == 3


def test_a_failing_constructor_gets_the_note_of_a_dict_config() -> None:
    with pytest.raises(TypeError) as raised:
        MODELS.build(cfg(ResNet))  # type: ignore[call-arg]
    assert raised.value.__notes__ == [
        f"while building {ResNet!r} with registry 'models' (scope 'cfg_core')"
    ]


def test_a_custom_build_func_gets_the_config_itself() -> None:
    seen: list[object] = []

    def build(config: object, registry: Registry[Any]) -> str:
        seen.append(config)
        return "built"

    custom: Registry[Any] = Registry("custom", build_func=build, scope="cfg_custom")
    config = cfg(ResNet, depth=50)
    assert custom.build(config) == "built"
    assert seen == [config]
    assert seen[0] is config


# -- validating -----------------------------------------------------------------------------


def test_a_config_validates_like_its_dict() -> None:
    good = cfg(ResNet, depth=50)
    bad = cfg(ResNet, depth="50", frozen=1)  # type: ignore[arg-type]
    typo = cfg(ResNet, dpth=50)  # type: ignore[call-arg]
    assert MODELS.validate(good) == []
    for config in (bad, typo):
        assert MODELS.validate(config) == MODELS.validate(dict(config))
        assert [str(problem) for problem in MODELS.validate(config)] == [
            str(problem) for problem in MODELS.validate({**config, "type": "ResNet"})
        ]
    assert MODELS.validate(bad)


def test_a_nested_config_validates_like_its_dict() -> None:
    # A dict inside a Config; its parameter is plain: checked by name (its builder may
    # change its keys).
    nested = cfg(Detector, backbone={"type": "ResNett", "depth": "x"})
    problems = DET.validate(nested)
    assert [problem.path for problem in problems] == ["backbone.type"]
    assert problems == DET.validate(dict(nested))


# -- serializing ----------------------------------------------------------------------------


def test_to_plain_names_the_class_as_its_registry_builds_it() -> None:
    assert MODELS.to_plain(cfg(ResNet, depth=50)) == {"type": "ResNet", "depth": 50}
    assert MODELS.to_plain(cfg(resnet18)) == {"type": "resnet18"}


def test_to_plain_uses_a_scoped_name_for_a_class_elsewhere_in_the_tree() -> None:
    assert MODELS.to_plain(cfg(Head, classes=1)) == {"type": "cfg_det.Head", "classes": 1}
    # A parent's entry is reached from its child by its name alone.
    assert DET.to_plain(cfg(ResNet, depth=1)) == {"type": "ResNet", "depth": 1}


def test_to_plain_uses_the_first_registered_name_of_aliases() -> None:
    assert DET.to_plain(cfg(Head, classes=1))["type"] == "Head"


def test_to_plain_uses_a_scoped_name_when_the_name_is_shadowed() -> None:
    root: Registry[Any] = Registry("models", scope="cfg_shadow_root")
    child: Registry[Any] = Registry("models", scope="cfg_shadow_child", parent=root)

    @root.register_module(name="Net")
    class RootNet:
        pass

    @child.register_module(name="Net")
    class ChildNet:
        pass

    assert child.to_plain(cfg(ChildNet)) == {"type": "Net"}
    assert child.to_plain(cfg(RootNet)) == {"type": "cfg_shadow_root.Net"}
    assert child.build(child.to_plain(cfg(RootNet))).__class__ is RootNet


def test_to_plain_resolves_names_as_build_does_under_the_default_scope() -> None:
    assert MODELS.to_plain(cfg(Head, classes=1))["type"] == "cfg_det.Head"
    with default_scope("cfg_det"):
        plain = MODELS.to_plain(cfg(Head, classes=1))
        assert plain["type"] == "Head"
        assert isinstance(MODELS.build(plain), Head)


def test_to_plain_serializes_nested_configs_in_dicts_lists_and_tuples() -> None:
    config = cfg(
        Detector,
        backbone=cfg(ResNet, depth=50),
        heads=[cfg(Head, classes=80), {"type": "Head", "classes": 3}],
        options={"pair": (cfg(ResNet, depth=1), 2)},  # type: ignore[call-arg]
    )
    assert DET.to_plain(config) == {
        "type": "Detector",
        "backbone": {"type": "ResNet", "depth": 50},
        "heads": [{"type": "Head", "classes": 80}, {"type": "Head", "classes": 3}],
        "options": {"pair": ({"type": "ResNet", "depth": 1}, 2)},
    }


def test_to_plain_of_a_plain_dict_serializes_the_configs_in_it() -> None:
    plain = {"type": "Detector", "backbone": cfg(ResNet, depth=50)}
    assert DET.to_plain(plain) == {"type": "Detector", "backbone": {"type": "ResNet", "depth": 50}}


def test_to_plain_leaves_dicts_that_are_not_configs_as_they_are() -> None:
    # A class in a dict's own "type" stays: only a Config says its type is the registry's.
    assert MODELS.to_plain({"type": ResNet, "depth": 1}) == {"type": ResNet, "depth": 1}
    renamed = cfg(ResNet, depth=1)
    renamed["type"] = "cfg_core.ResNet"
    assert MODELS.to_plain(renamed) == {"type": "cfg_core.ResNet", "depth": 1}


def test_to_plain_keeps_other_containers_as_they_are() -> None:
    pair = namedtuple("pair", "a b")(cfg(ResNet, depth=1), 2)  # noqa: PYI024
    assert MODELS.to_plain({"value": pair})["value"] is pair


def test_to_plain_never_mutates_and_shares_no_container() -> None:
    inner = cfg(ResNet, depth=50)
    heads = [cfg(Head, classes=80)]
    config = cfg(Detector, backbone=inner, heads=heads)
    before = copy.deepcopy(config)
    plain = DET.to_plain(config)
    assert config == before
    assert type(config["backbone"]) is Config
    assert plain["backbone"] is not inner
    assert plain["heads"] is not heads
    assert type(plain) is dict
    assert type(plain["backbone"]) is dict


def test_to_plain_of_an_unregistered_class_says_so() -> None:
    with pytest.raises(NotRegisteredError) as raised:
        MODELS.to_plain(cfg(Unregistered, size=1))
    assert str(raised.value) == (
        f"cannot serialize the config: {__name__}.Unregistered is in no registry of the tree "
        "of registry 'models' (scope 'cfg_core'), so no name builds it; register it, or write "
        "a string config there"
    )
    assert isinstance(raised.value, RegistryError)
    assert raised.value.key == f"{__name__}.Unregistered"
    assert (raised.value.registry_name, raised.value.scope) == ("models", "cfg_core")


def test_to_plain_of_an_unregistered_nested_class_says_where_it_is() -> None:
    config = cfg(Detector, backbone=cfg(ResNet, depth=1), heads=[cfg(Unregistered, size=1)])  # type: ignore[list-item]
    with pytest.raises(NotRegisteredError, match=r"^cannot serialize the config at 'heads\[0\]': "):
        DET.to_plain(config)


def test_to_plain_looks_in_the_trees_of_other_registries_in_order() -> None:
    config = {"type": "Detector", "assigner": cfg(Assigner, iou=0.5)}
    with pytest.raises(
        NotRegisteredError,
        match=r"is in no registry of the tree of registry 'models' \(scope 'cfg_det'\), so",
    ):
        DET.to_plain(config)
    assert DET.to_plain(config, registries=[OTHER]) == {
        "type": "Detector",
        "assigner": {"type": "Assigner", "iou": 0.5},
    }
    with pytest.raises(
        NotRegisteredError,
        match=r"is in no registry of the trees of registry 'models' \(scope 'cfg_det'\) and "
        r"registry 'recorders' \(scope 'cfg_recorders'\), so",
    ):
        DET.to_plain(config, registries=[RECORDERS])


def test_to_plain_of_a_non_mapping_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"^cfg must be a mapping such as a dict, not list$"):
        MODELS.to_plain([cfg(ResNet, depth=1)])  # type: ignore[arg-type]


# -- properties -----------------------------------------------------------------------------

KEYS = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True).filter(lambda key: key != "type")
LEAVES = st.none() | st.booleans() | st.integers() | st.text(max_size=5)
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=6,
)
KWARGS = st.dictionaries(KEYS, VALUES, max_size=5)
PROPERTY_SETTINGS = settings(max_examples=100, deadline=None)


@st.composite
def configs(draw: st.DrawFn, depth: int = 2) -> tuple[Config[Recorder], dict[str, Any]]:
    """A Config of Recorder (nested ones in some values) and the string config it is."""
    kwargs = draw(KWARGS)
    plain: dict[str, Any] = {"type": "Recorder", **kwargs}
    if depth and draw(st.booleans()):
        key = draw(KEYS)
        nested, nested_plain = draw(configs(depth - 1))
        kwargs[key], plain[key] = nested, nested_plain
    return cfg(Recorder, **kwargs), plain


@PROPERTY_SETTINGS
@given(KWARGS)
def test_a_config_builds_what_its_string_config_builds(kwargs: dict[str, Any]) -> None:
    expected = RECORDERS.build({"type": "Recorder", **copy.deepcopy(kwargs)})
    assert RECORDERS.build(cfg(Recorder, **kwargs)) == expected
    assert build_from_cfg(cfg(Recorder, **kwargs), RECORDERS) == expected


@PROPERTY_SETTINGS
@given(configs())
def test_to_plain_gives_the_string_config_and_round_trips(
    generated: tuple[Config[Recorder], dict[str, Any]],
) -> None:
    config, plain = generated
    before = copy.deepcopy(config)
    assert RECORDERS.to_plain(config) == plain
    assert config == before
    # Built from its plain form, a config gives what it gives itself (nested Configs are
    # values to Recorder, so compare their plain forms).
    assert RECORDERS.to_plain(RECORDERS.build(RECORDERS.to_plain(config)).kwargs) == (
        RECORDERS.to_plain(RECORDERS.build(config).kwargs)
    )


# -- the checkers' outputs shown in docs/typed-configs.md -----------------------------------

PAGE = Path(__file__).parents[1] / "docs" / "typed-configs.md"
_BLOCK = re.compile(
    r"^% cfg-(?P<marker>module|run) (?P<arg>\S+)\n```(?P<lang>\w+)\n(?P<body>.*?)^```$",
    re.MULTILINE | re.DOTALL,
)


def _page_blocks() -> tuple[dict[str, str], dict[str, str]]:
    modules: dict[str, str] = {}
    runs: dict[str, str] = {}
    for block in _BLOCK.finditer(PAGE.read_text(encoding="utf-8")):
        if block["marker"] == "module":
            modules[block["arg"]] = block["body"]
        else:
            assert block["lang"] == "console"
            runs[block["arg"]] = block["body"]
    return modules, runs


MODULES, RUNS = _page_blocks()


def test_the_page_shows_a_mypy_run_and_a_pyright_run() -> None:
    assert list(RUNS) == ["mypy", "pyright"]
    assert list(MODULES) == ["mistakes.py"]


def _write_modules(directory: Path) -> None:
    for name, text in MODULES.items():
        (directory / name).write_text(text, encoding="utf-8")


def test_the_mypy_run_shown_is_real(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    command, expected = RUNS["mypy"].split("\n", 1)
    prompt, mypy, *args = shlex.split(command)
    assert (prompt, mypy) == ("$", "mypy")
    _write_modules(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.mypy]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MYPY_FORCE_TERMINAL_WIDTH", "80")
    stdout, stderr, _ = mypy_api.run(args)
    assert stdout + stderr == expected


@pytest.mark.skipif(importlib.util.find_spec("pyright") is None, reason="pyright not installed")
def test_the_pyright_run_shown_is_real(tmp_path: Path) -> None:
    command, expected = RUNS["pyright"].split("\n", 1)
    prompt, pyright, *args = shlex.split(command)
    assert (prompt, pyright) == ("$", "pyright")
    _write_modules(tmp_path)
    # Pyright reads the first pyrightconfig.json of the parent directories: pin the defaults.
    (tmp_path / "pyrightconfig.json").write_text("{}\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pyright", "--pythonpath", sys.executable, *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    # Pyright indents a message's continuation lines with no-break spaces.
    shown = done.stdout.replace(f"{tmp_path}{os.sep}", "").replace("\N{NO-BREAK SPACE}", " ")
    assert shown == expected


PLAIN_LOSSES: Registry[object] = Registry("losses", scope="cfg_plain_losses")
PLAIN_MODELS: Registry[object] = Registry("models", scope="cfg_plain_models")


@PLAIN_LOSSES.register_module()
class PlainL1Loss:
    def __init__(self, weight: float = 1.0) -> None:
        self.weight = weight


@PLAIN_MODELS.register_module()
class PlainHead:
    def __init__(self, loss: Annotated[dict[str, Any], ConfigFor(PLAIN_LOSSES)]) -> None:
        self.loss = PLAIN_LOSSES.build(loss)


def test_to_plain_names_a_nested_class_by_the_registry_its_parameter_says() -> None:
    assert PLAIN_MODELS.to_plain(cfg(PlainHead, loss=cfg(PlainL1Loss, weight=2.0))) == {
        "type": "PlainHead",
        "loss": {"type": "PlainL1Loss", "weight": 2.0},
    }
