"""A registration re-checks only the modules whose checks read its name (issue 19, item 2).

mypy checks a module again when the data the plugin reports for it changes
(``report_config_data``): what the module's checks read from the index. That data holds the
registrations of the names the module builds and the shape of the registries, not every name
of the project: adding a class nobody builds changes no other module's result, so mypy need
not check them again. A module whose checks missed a name (its message lists the names close
to it, which any registration may change) is checked again when a name of the registries it
sees changes, until the name is there; not on every run.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tests.plugin.scenarios import Project, lines_of

from typed_registry._index import ProjectIndex, snapshot
from typed_registry._index._reader import read_module
from typed_registry.mypy._visibility import Visibility

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

REGISTRY = (
    "from typed_registry import Registry\nMODELS: Registry[object] = Registry('m', scope='s')\n"
)
OTHER = "from typed_registry import Registry\nOTHER: Registry[object] = Registry('o', scope='o')\n"


def _model(name: str, registry: str = "MODELS", *, force: bool = False) -> str:
    forced = "force=True" if force else ""
    return (
        f"\n\n@{registry}.register_module({forced})\nclass {name}:\n"
        "    def __init__(self, depth: int) -> None:\n        self.depth = depth\n"
    )


FILES = {
    "reg.py": REGISTRY,
    "other.py": OTHER,
    "models/__init__.py": "from . import a, b\n",
    "models/a.py": "from reg import MODELS\n" + _model("ResNet"),
    "models/b.py": "from reg import MODELS\nfrom other import OTHER\n" + _model("ViT"),
    "app.py": "from reg import MODELS\n\nMODELS.build(dict(type='ResNet', depth=50))\n",
    "typo.py": "from reg import MODELS\n\nMODELS.build(dict(type='Swinn', depth=50))\n",
}
SETTINGS = """\
[tool.mypy]
plugins = ["typed_registry.mypy"]
[tool.typed_registry]
locations = ["models"]
"""
SOURCES = ["app.py", "typo.py"]


def _digests(root: Path) -> dict[str, str]:
    visibility = Visibility(ProjectIndex([root], ["models"]))
    return {module: visibility.digest(module) for module in ("app", "typo")}


def _add(root: Path, module: str, text: str) -> None:
    path = root / module
    path.write_text(path.read_text() + text)


def test_a_name_nobody_builds_registered_anywhere_leaves_the_digest(tmp_path: Path) -> None:
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    before = _digests(tmp_path)
    _add(tmp_path, "models/b.py", _model("Swin2"))
    assert _digests(tmp_path)["app"] == before["app"]


def test_the_digest_follows_every_registration_of_a_name_the_module_builds(
    tmp_path: Path,
) -> None:
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    seen = {_digests(tmp_path)["app"]}
    # In another registry (a message says where a name is registered), forced over the
    # first in another module, and a registry's scope changed: each changes what it reads.
    edits = [
        ("models/b.py", _model("ResNet", "OTHER")),
        ("models/b.py", _model("ResNet", force=True)),
    ]
    for module, text in edits:
        _add(tmp_path, module, text)
        seen.add(_digests(tmp_path)["app"])
    (tmp_path / "other.py").write_text(OTHER.replace("scope='o'", "scope='p'"))
    seen.add(_digests(tmp_path)["app"])
    assert len(seen) == len(edits) + 2


def test_a_scoped_name_reads_the_registrations_of_its_name(tmp_path: Path) -> None:
    files = {**FILES, "app.py": FILES["app.py"].replace("'ResNet'", "'s.ResNet'")}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    before = _digests(tmp_path)["app"]
    _add(tmp_path, "models/b.py", _model("ResNet", force=True))
    assert _digests(tmp_path)["app"] != before


def test_a_module_that_missed_a_name_is_checked_again_when_a_name_it_sees_changes(
    tmp_path: Path,
) -> None:
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    visibility = Visibility(ProjectIndex([tmp_path], ["models"]))
    assert visibility.written_digest("app") == visibility.digest("app")
    visibility.note_miss("typo")
    written = visibility.written_digest("typo")
    assert written != visibility.digest("typo")
    # The next run, told that typo missed a name: the same names, the same digest...
    after = Visibility(ProjectIndex([tmp_path], ["models"]))
    after.missed_before = frozenset({"typo"})
    assert after.cache_digest("typo") == written
    assert after.cache_digest("app") == visibility.digest("app")
    # ... a name nobody builds, registered where typo looks: another.
    _add(tmp_path, "models/b.py", _model("Swin2"))
    later = Visibility(ProjectIndex([tmp_path], ["models"]))
    later.missed_before = frozenset({"typo"})
    assert later.cache_digest("typo") != written
    assert later.cache_digest("app") == visibility.digest("app")


def _stale(stderr: str) -> set[str]:
    """The modules mypy's log says it scheduled to check again (``-v``)."""
    found: set[str] = set()
    for match in re.finditer(
        r"Scheduling SCC (?:singleton|of size \d+) \(([^)]*)\) as (\S+)", stderr
    ):
        if match[2] != "fresh":
            found.update(match[1].split())
    return found


def test_a_new_registration_rechecks_only_the_modules_that_read_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    project = Project.create(tmp_path, FILES, config=SETTINGS)
    first = project.mypy(sources=SOURCES)
    assert lines_of(first.stdout, "typo.py")  # Swinn is not registered: reported
    project.replace("models/b.py", "class ViT:", "class Swin:")
    warm = project.mypy("-v", sources=SOURCES)
    assert warm.output == project.cold(SOURCES).output
    assert any("Swin" in line for line in lines_of(warm.stdout, "typo.py"))  # did you mean
    stale = _stale(warm.stderr)
    assert "typo" in stale
    assert "app" not in stale
    # Nothing changed since: the module that misspelt a name is not checked again, and
    # its message is mypy's cached one.
    again = project.mypy("-v", sources=SOURCES)
    assert again.output == warm.output
    assert _stale(again.stderr) == set()


def test_a_type_set_by_item_assignment_is_a_name_the_module_builds() -> None:
    source = "cfg = dict(depth=50)\ncfg['type'] = 'ResNet'\nMODELS.build(cfg)\n"
    assert "ResNet" in read_module(source, "app", is_package=False).config_names


def test_the_digests_a_warm_run_asks_for_are_kept_with_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every name a module that missed one sees, and what a config site sees: a warm run
    # asks for both, and deriving them loads the facts of every location.
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    visibility = Visibility(ProjectIndex([tmp_path], ["models"]))
    visibility.missed_before = frozenset({"typo"})
    site = visibility.config_site(("reg",))
    asked = (visibility.cache_digest("typo"), visibility.config_digest(site))
    saved = tmp_path / "cache" / "snapshot.json"
    snapshot.save(visibility.index, saved)

    restored = ProjectIndex([tmp_path], ["models"])
    assert snapshot.restore(restored, saved)
    after = Visibility(restored)
    after.missed_before = frozenset({"typo"})

    def no_location_run(*_: object) -> None:
        raise AssertionError("derived again")

    with monkeypatch.context() as patched:
        patched.setattr(ProjectIndex, "location_run", no_location_run)
        assert (after.cache_digest("typo"), after.config_digest(after.config_site(("reg",)))) == (
            asked
        )
    # Dropped with the module's own digest when its facts change.
    restored.drop_derived("typo", None)
    assert not [key for key in restored.digests if key.startswith("typo")]
    assert after.cache_digest("typo") == asked[0]
