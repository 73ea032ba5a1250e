"""``MissedSites``: which modules missed a name when last checked, kept between runs.

How a run uses it is in ``test_site_digests.py``; here, the file itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from typed_registry._index._snapshot import snapshot_text
from typed_registry.mypy._missed_sites import MissedSites

if TYPE_CHECKING:
    from pathlib import Path


def test_the_modules_that_missed_are_known_to_the_next_run(tmp_path: Path) -> None:
    path = tmp_path / "missed.json"
    first = MissedSites(path)
    assert first.before == frozenset()
    first.checked("typo", missed=True)
    first.checked("app", missed=False)
    assert MissedSites(path).before == {"typo"}
    second = MissedSites(path)
    second.checked("typo", missed=False)  # the name is registered now
    assert MissedSites(path).before == frozenset()


def test_a_damaged_file_or_one_of_another_form_names_no_module(tmp_path: Path) -> None:
    path = tmp_path / "missed.json"
    path.write_text('0\n["typo"]')  # its check is wrong
    assert MissedSites(path).before == frozenset()
    path.write_text(snapshot_text('{"typo": 1}'))
    assert MissedSites(path).before == frozenset()
    path.write_text(snapshot_text('["typo", 3]'))
    assert MissedSites(path).before == {"typo"}


def test_without_a_cache_or_a_writable_one_nothing_is_kept(tmp_path: Path) -> None:
    nowhere = MissedSites(None)
    nowhere.checked("typo", missed=True)
    assert nowhere.before == frozenset()
    blocker = tmp_path / "a file"
    blocker.write_text("")
    unwritable = MissedSites(blocker / "missed.json")  # its folder cannot be made
    unwritable.checked("typo", missed=True)
    assert not (blocker / "missed.json").exists()
