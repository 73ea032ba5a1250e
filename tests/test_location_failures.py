"""A location that fails leaves the registries as they were before its import began."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import pytest

from typed_registry import DuplicateNameError, LocationImportError, Registry

if TYPE_CHECKING:
    import types

    from conftest import ModuleWriter

# Registers A, then fails while tr_holder.fail is set (a fault that goes away later).
REGISTERS_THEN_FAILS = """
import tr_holder

tr_holder.count += 1


@tr_holder.REG.register_module()
class A:
    pass


if tr_holder.fail:
    raise {error}("failed after registering A")
"""


def test_a_failed_location_fails_every_retry_with_its_original_error(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module("loc_fails_after", REGISTERS_THEN_FAILS.format(error="RuntimeError"))
    holder.fail = 1
    reg = holder.REG = Registry("models", scope="root", locations=["loc_fails_after"])
    for attempt in range(1, 4):
        with pytest.raises(LocationImportError) as info:
            reg.get("A")
        assert type(info.value.__cause__) is RuntimeError
        assert str(info.value.__cause__) == "failed after registering A"
        assert holder.count == attempt


def test_a_failed_location_is_never_reported_as_a_duplicate_name(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module("loc_no_duplicate", REGISTERS_THEN_FAILS.format(error="RuntimeError"))
    holder.fail = 1
    reg = holder.REG = Registry("models", scope="root", locations=["loc_no_duplicate"])
    with pytest.raises(LocationImportError):
        reg.get("A")
    holder.fail = 0
    a = reg.get("A")
    assert a is sys.modules["loc_no_duplicate"].A
    assert list(reg) == ["A"]


def test_a_location_interrupted_by_ctrl_c_is_undone_and_imports_on_the_next_lookup(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module("loc_interrupted", REGISTERS_THEN_FAILS.format(error="KeyboardInterrupt"))
    holder.fail = 1
    reg = holder.REG = Registry("models", scope="root", locations=["loc_interrupted"])
    with pytest.raises(KeyboardInterrupt):
        reg.get("A")  # not wrapped: Ctrl-C stays Ctrl-C
    holder.fail = 0
    assert reg.get("A") is sys.modules["loc_interrupted"].A
    assert holder.count == 2


def test_names_registered_by_modules_that_imported_fine_work_after_a_retry(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    # The package imports .good (which imports fine and registers Good), then .bad (which
    # registers Bad and fails once). Python keeps .good in sys.modules after the failure;
    # its registration is undone, so it must run again on the retry.
    write_module(
        "loc_partial.good",
        "import tr_holder\n\n\n@tr_holder.REG.register_module()\nclass Good:\n    pass\n",
    )
    write_module("loc_partial.bad", REGISTERS_THEN_FAILS.format(error="OSError"))
    write_module("loc_partial.__init__", "from . import good, bad\n")
    holder.fail = 1
    reg = holder.REG = Registry("models", scope="root", locations=["loc_partial"])
    with pytest.raises(LocationImportError, match="OSError: failed after registering A"):
        "Good" in reg  # noqa: B015
    holder.fail = 0
    assert reg.get("Good") is sys.modules["loc_partial.good"].Good
    assert reg.get("A") is sys.modules["loc_partial.bad"].A
    assert list(reg) == ["Good", "A"]


def test_modules_a_failed_location_imported_without_registering_stay_imported(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module("loc_plain_dependency", "import tr_holder\ntr_holder.order.append('ran')\n")
    write_module(
        "loc_uses_dependency",
        "import loc_plain_dependency\n" + REGISTERS_THEN_FAILS.format(error="RuntimeError"),
    )
    holder.order = []
    holder.fail = 1
    reg = holder.REG = Registry("models", scope="root", locations=["loc_uses_dependency"])
    for _ in range(2):
        with pytest.raises(LocationImportError):
            reg.get("A")
    assert holder.order == ["ran"]
    assert "loc_plain_dependency" in sys.modules
    assert "loc_uses_dependency" not in sys.modules


def test_a_forced_replacement_by_a_failed_location_is_undone(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module(
        "loc_forces",
        """
        import tr_holder

        tr_holder.REG.register_module("Net", force=True, module=float)
        raise RuntimeError("after replacing Net")
        """,
    )
    root = Registry("models", scope="root", locations=["loc_forces"])
    child = holder.REG = Registry("models", scope="child", parent=root)
    child.register_module("Net", module=int)
    assert child.get("Net") is int  # the root's location failed; the child's entry stays
    with pytest.raises(LocationImportError, match="after replacing Net"):
        root.get("Net")
    assert child.table().splitlines()[-1].startswith("Net   class  builtins.int")


def test_a_registry_created_by_a_failed_location_is_removed_from_the_tree(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module(
        "loc_creates_then_fails",
        """
        import tr_holder
        from typed_registry import Registry

        MADE = Registry("models", scope="made", parent=tr_holder.REG)
        MADE.register_module("Made", module=int)
        if tr_holder.fail:
            raise RuntimeError("after creating scope made")
        """,
    )
    holder.fail = 1
    reg = holder.REG = Registry("models", scope="root", locations=["loc_creates_then_fails"])
    for _ in range(2):  # the retry meets the same error, not "scope 'made' is already used"
        with pytest.raises(LocationImportError, match="after creating scope made"):
            reg.get("made.Made")
        assert reg.find_scope("made") is None
        assert dict(reg.children) == {}
    holder.fail = 0
    assert reg.get("made.Made") is int


def test_a_duplicate_name_in_a_location_is_still_a_duplicate_name_error(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module(
        "loc_real_duplicate",
        """
        import tr_holder

        tr_holder.REG.register_module("Twice", module=int)
        tr_holder.REG.register_module("Twice", module=float)
        """,
    )
    reg = holder.REG = Registry("models", scope="root", locations=["loc_real_duplicate"])
    for _ in range(2):
        with pytest.raises(LocationImportError) as info:
            reg.get("Twice")
        assert type(info.value.__cause__) is DuplicateNameError


def test_a_registration_from_code_without_a_module_name_is_undone_too(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    # exec'd code has no __name__: its registration is undone all the same.
    write_module(
        "loc_execs",
        """
        import tr_holder

        exec("REG.register_module('Execd', module=int)", {"REG": tr_holder.REG})
        if tr_holder.fail:
            raise RuntimeError("after exec")
        """,
    )
    holder.fail = 1
    reg = holder.REG = Registry("models", scope="root", locations=["loc_execs"])
    with pytest.raises(LocationImportError, match="after exec"):
        reg.get("Execd")
    holder.fail = 0
    assert reg.get("Execd") is int


def test_a_location_imported_inside_a_failed_location_is_undone_with_it(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    # The root's location looks the child up, which imports the child's location (an
    # attempt inside the root's attempt); then the root's location fails.
    write_module(
        "loc_inner",
        "import tr_holder\ntr_holder.count += 1\ntr_holder.REG.register_module('In', module=int)\n",
    )
    write_module(
        "loc_outer",
        """
        import tr_holder

        tr_holder.REG.get("Anything")
        if tr_holder.fail:
            raise RuntimeError("outer fails")
        """,
    )
    holder.fail = 1
    root = Registry("models", scope="root", locations=["loc_outer"])
    child = holder.REG = Registry("models", scope="child", parent=root, locations=["loc_inner"])
    with pytest.raises(LocationImportError, match="outer fails"):
        root.get("Other")
    # The child's location ran again after the undo (its own import never failed).
    assert holder.count == 2
    assert child.get("In") is int
    holder.fail = 0
    assert root.get("child.In") is int
    assert holder.count == 2  # the child's location stayed imported


def test_an_entry_another_thread_replaced_meanwhile_is_kept_when_a_location_fails(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module(
        "loc_raced",
        """
        import threading

        import tr_holder

        tr_holder.REG.register_module("Raced", module=int)
        other = threading.Thread(
            target=tr_holder.REG.register_module, args=("Raced", True, float)
        )
        other.start()
        other.join()
        raise RuntimeError("after the other thread replaced Raced")
        """,
    )
    root = Registry("models", scope="root", locations=["loc_raced"])
    child = holder.REG = Registry("models", scope="child", parent=root)
    assert child.get("Raced") is float  # the other thread's entry, not undone
    with pytest.raises(LocationImportError):
        root.get("Raced")
