"""What ``docs/migration.md`` says of the registry beside MMEngine's, run on MMEngine itself.

``mmengine-lite`` is installed for the tests (no torch): each difference the page names is
shown on MMEngine and on typed-registry, word for word where it is a message.
"""

from __future__ import annotations

import sys
import time

import pytest
from mmengine.registry import DefaultScope
from mmengine.registry import Registry as MMEngineRegistry

from typed_registry import DuplicateNameError, Registry, default_scope


class ResNet:
    pass


def test_a_duplicate_name_is_mmengines_key_error_with_other_words():
    theirs = MMEngineRegistry("model", scope="mmdet_dup")
    theirs.register_module(module=ResNet)
    with pytest.raises(KeyError) as mmengine_error:
        theirs.register_module(module=ResNet)
    assert mmengine_error.value.args == (f"ResNet is already registered in model at {__name__}",)

    ours: Registry[object] = Registry("model", scope="mmdet")
    line = sys._getframe().f_lineno + 1  # the registration's line
    ours.register_module(module=ResNet)
    with pytest.raises(DuplicateNameError) as error:
        ours.register_module(module=ResNet)
    site = f"{__name__}:{line}"
    assert str(error.value) == (
        f"'ResNet' is already registered in registry 'model' (scope 'mmdet'): {__name__}.ResNet,"
        f" registered at {site}; pass force=True to replace it"
    )
    assert isinstance(error.value, KeyError)
    assert (error.value.name, error.value.existing) == (
        "ResNet",
        f"{__name__}.ResNet, registered at {site}",
    )


def test_a_list_of_names_is_registered_whole_or_not_at_all_unlike_mmengine():
    theirs = MMEngineRegistry("model", scope="mmdet_list")
    theirs.register_module(module=ResNet)
    with pytest.raises(KeyError):
        theirs.register_module(name=["ResNet50", "ResNet"], module=ResNet)
    assert "ResNet50" in theirs.module_dict  # MMEngine kept the name before the taken one

    ours: Registry[object] = Registry("model", scope="mmdet")
    ours.register_module(module=ResNet)
    with pytest.raises(DuplicateNameError):
        ours.register_module(name=["ResNet50", "ResNet"], module=ResNet)
    assert "ResNet50" not in ours


def test_there_is_no_deprecated_register_module():
    ours: Registry[object] = Registry("model", scope="mmcv1")
    with pytest.raises(AttributeError, match="deprecated_register_module"):
        ours.deprecated_register_module(ResNet)


def test_a_none_scope_keeps_mmengines_default_scope_and_switches_ours_off(monkeypatch):
    # MMEngine's default scope is process-wide: this test's goes with it.
    monkeypatch.setattr(DefaultScope, "_instance_dict", dict(DefaultScope._instance_dict))
    DefaultScope.get_instance(f"beside-{time.time()}", scope_name="det")
    with DefaultScope.overwrite_default_scope(None):
        current = DefaultScope.get_current_instance()
        assert current is not None
        assert current.scope_name == "det"

    root: Registry[object] = Registry("model", scope="root_none")
    det: Registry[object] = Registry("model", scope="det_none", parent=root)
    det.register_module(module=ResNet)
    with default_scope("det_none"):
        assert isinstance(root.build({"type": "ResNet"}), ResNet)
        with default_scope(None), pytest.raises(KeyError):
            root.build({"type": "ResNet"})


def test_a_force_that_is_no_boolean_names_the_type_without_its_repr():
    theirs = MMEngineRegistry("model", scope="mmdet_force")
    with pytest.raises(TypeError) as mmengine_error:
        theirs.register_module("X", force="no", module=ResNet)
    assert str(mmengine_error.value) == "force must be a boolean, but got <class 'str'>"

    ours: Registry[object] = Registry("model", scope="mmdet")
    with pytest.raises(TypeError) as error:
        ours.register_module("X", force="no", module=ResNet)
    assert str(error.value) == "force must be a boolean, but got str"
