"""A constructor's error names the config path of the build that failed."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from typed_registry import ConfigError, Registry, build_from_cfg


class BoomError(Exception):
    pass


@pytest.fixture
def reg() -> Registry[Any]:
    reg: Registry[Any] = Registry("models", scope="paths")

    @reg.register_module()
    class Detector:
        def __init__(self, backbone: dict[str, Any], necks: list[dict[str, Any]] = []) -> None:  # noqa: B006
            self.backbone = reg.build(backbone)
            self.necks = [reg.build(neck) for neck in necks]

    @reg.register_module()
    class Backbone:
        def __init__(
            self, stem: dict[str, Any] | None = None, settings: Any = None, **extra: Any
        ) -> None:
            if stem is not None:
                reg.build(stem)
            if settings is not None:
                reg.build(settings["block"])

    @reg.register_module()
    class Fails:
        def __init__(self, **kwargs: Any) -> None:
            raise BoomError

    @reg.register_module()
    class Chain:
        def __init__(self, next: dict[str, Any]) -> None:
            reg.build(next)

    @reg.register_module()
    class Fresh:
        def __init__(self) -> None:
            reg.build({"type": "Fails"})

    return reg


WHERE = "with registry 'models' (scope 'paths')"


def test_each_note_names_the_config_path_of_its_build(reg: Registry[Any]) -> None:
    cfg = {"type": "Detector", "backbone": {"type": "Backbone", "stem": {"type": "Fails"}}}
    with pytest.raises(BoomError) as info:
        reg.build(cfg)
    assert info.value.__notes__ == [
        f"while building 'Fails' at 'backbone.stem' {WHERE}",
        f"while building 'Backbone' at 'backbone' {WHERE}",
        f"while building 'Detector' {WHERE}",
    ]


def test_a_config_in_a_list_is_named_by_its_index(reg: Registry[Any]) -> None:
    cfg = {
        "type": "Detector",
        "backbone": {"type": "Backbone"},
        "necks": [{"type": "Backbone"}, {"type": "Fails"}],
    }
    with pytest.raises(BoomError) as info:
        reg.build(cfg)
    assert info.value.__notes__[0] == f"while building 'Fails' at 'necks[1]' {WHERE}"


def test_a_config_in_a_dict_of_settings_is_named_by_both_keys(reg: Registry[Any]) -> None:
    cfg = {"type": "Backbone", "settings": {"block": {"type": "Fails"}}}
    with pytest.raises(BoomError) as info:
        reg.build(cfg)
    assert info.value.__notes__[0] == f"while building 'Fails' at 'settings.block' {WHERE}"


def test_a_config_the_constructor_made_itself_has_no_path(reg: Registry[Any]) -> None:
    with pytest.raises(BoomError) as info:
        reg.build({"type": "Fresh"})
    assert info.value.__notes__ == [
        f"while building 'Fails' {WHERE}",
        f"while building 'Fresh' {WHERE}",
    ]


def test_a_deep_chain_notes_its_innermost_builds_only(reg: Registry[Any]) -> None:
    cfg: dict[str, Any] = {"type": "Fails"}
    for _ in range(20):
        cfg = {"type": "Chain", "next": cfg}
    with pytest.raises(BoomError) as info:
        reg.build(cfg)
    notes = info.value.__notes__
    assert len(notes) == 9
    # The paths are 20 to 13 keys long: the middle of each is left out.
    elided = "'next.next.next.next...next.next.next.next'"
    assert notes[0] == f"while building 'Fails' at {elided} {WHERE}"
    assert notes[1:8] == [f"while building 'Chain' at {elided} {WHERE}"] * 7
    assert notes[8] == "(and builds enclosing these, not noted: at most 8 are)"


def test_build_from_cfg_notes_the_path_too(reg: Registry[Any]) -> None:

    cfg = {"type": "Backbone", "stem": {"type": "Fails"}}
    with pytest.raises(BoomError) as info:
        build_from_cfg(cfg, reg, default_args={"settings": None})
    assert info.value.__notes__ == [
        f"while building 'Fails' at 'stem' {WHERE}",
        f"while building 'Backbone' {WHERE}",
    ]


def test_keys_that_do_not_hold_the_failing_config_are_skipped(reg: Registry[Any]) -> None:
    cfg = {
        "type": "Backbone",
        "depth": 3,
        "sizes": [1, 2],
        "names": {"a": "b"},
        "stem": {"type": "Fails"},
    }
    with pytest.raises(BoomError) as info:
        reg.build(cfg)
    assert info.value.__notes__[0] == f"while building 'Fails' at 'stem' {WHERE}"


def test_a_config_nested_a_thousand_builds_deep_is_one_config_error(reg: Registry[Any]) -> None:
    cfg: dict[str, Any] = {"type": "Fails"}
    for _ in range(1000):
        cfg = {"type": "Chain", "next": cfg}
    # Python's default limit: mypy, run in this process by other tests, raises it for good.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)
    try:
        with pytest.raises(ConfigError) as info:
            reg.build(cfg)
    finally:
        sys.setrecursionlimit(limit)
    assert str(info.value) == (
        f"builds nested 50 deep ran out of Python's stack (while building 'Chain' {WHERE}, "
        "the innermost at 'next.next.next.next...next.next.next.next'): a config nested "
        "this deeply, or a constructor that builds a copy of its own config"
    )
