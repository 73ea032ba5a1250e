"""The daemon's index after edits (``ProjectIndex.refresh``): it answers as a fresh index does.

The daemon keeps one index for its whole life and asks it to look for edits before each
check. What it keeps of what it derived depends on the edit (a module's own facts, the
facts of the modules that refer to it, every run), so the rule is tested on sequences of
the edits a user makes, each followed by every question a check asks.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from hypothesis import given, settings
from hypothesis import strategies as st

from typed_registry._index import ProjectIndex

from .conftest import write_tree
from .test_snapshot import LOCATIONS, PROJECT, answers

if TYPE_CHECKING:
    from collections.abc import Callable

#: Modules the edits add, asked about too.
ADDED = ("pkg.models.vgg", "pkg.models.vgg2")

REGISTERED = "\n\n@MODELS.register_module()\nclass Added{n}:\n    pass\n"


def _replace(old: str, new: str) -> Callable[[str], str | None]:
    return lambda text: text.replace(old, new)


def _append(added: str) -> Callable[[str], str | None]:
    return lambda text: text + added


#: Edits by file: each maps the file's text to its new text (None: the file is deleted).
EDITS: list[tuple[str, Callable[[str], str | None]]] = [
    ("pkg/models/resnet.py", _replace("register_module()", 'register_module(name="R2")')),
    ("pkg/models/resnet.py", _replace('register_module(name="R2")', "register_module()")),
    ("pkg/models/resnet.py", _append(REGISTERED.format(n=1))),
    ("pkg/models/resnet.py", _append("\n\ndef helper() -> int:\n    return 1\n")),
    ("pkg/models/heads.py", _replace('name="RetinaHead"', 'name="RetinaHead2"')),
    ("pkg/models/__init__.py", _append("from .vgg import *\n")),
    ("pkg/util.py", _append("\n\ndef added() -> int:\n    return 1\n")),
    ("pkg/registry.py", _replace('scope="det"', 'scope="detection"')),
    ("app.py", _append("import pkg.models.vgg\n")),
    ("app.py", _append("\nfrom pkg.util import helper as other\n")),
    ("ns/plugins/extra.py", _replace('name="Extra"', 'name="Extra2"')),
    ("pkg/models/vgg.py", lambda _: "from pkg.registry import MODELS\n" + REGISTERED.format(n=2)),
    ("pkg/models/vgg.py", lambda _: None),
    ("pkg/models/vgg2.py", lambda _: "from pkg.models.vgg import *\n"),
    ("pkg/models/vgg2.py", lambda _: None),
]


def _apply(root: Path, edit: tuple[str, Callable[[str], str | None]], step: int) -> None:
    path = root / edit[0]
    text = edit[1](path.read_text("utf-8") if path.exists() else "")
    if text is None:
        path.unlink(missing_ok=True)
    else:
        path.write_text(text, "utf-8")
        # A time no earlier edit gave the file (the index compares size and time).
        stamp = 10**9 + step
        os.utime(path, (stamp, stamp))
    # The directory's time moves too, as a file added or removed moves it.
    os.utime(path.parent, (10**9 + step, 10**9 + step))


def _everything(project: ProjectIndex) -> object:
    every = answers(project)
    assert isinstance(every, dict)
    return {**every, "added": {module: project.module(module) for module in ADDED}}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(range(len(EDITS))), min_size=1, max_size=6))
def test_a_watching_index_answers_after_any_edits_as_a_fresh_one(edits: list[int]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = write_tree(Path(directory), PROJECT)
        watching = ProjectIndex([root], LOCATIONS)
        _everything(watching)
        for step, chosen in enumerate(edits, start=1):
            _apply(root, EDITS[chosen], step)
            watching.refresh()
            assert _everything(watching) == _everything(ProjectIndex([root], LOCATIONS)), [
                EDITS[i][0] for i in edits[:step]
            ]
