"""``ConfigMemory``: what a config file is made of, kept between runs, and when it holds.

The runs that use it (a warm run reads no config file that did not change; a base changed
to the same size is read again; a damaged memory is not taken) are in
``test_config_files.py``; here, the corners a run does not reach.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

from typed_registry._index._files import file_stamp
from typed_registry._index._snapshot import snapshot_text
from typed_registry.mypy._features.config_files import ConfigFiles
from typed_registry.mypy._features.config_memory import ConfigMemory, MadeOf, memory_header

if TYPE_CHECKING:
    from pathlib import Path

HEADER = memory_header("1.0", {"config paths": ["configs"]}, ())


def _remembered(tmp_path: Path, memory: ConfigMemory) -> tuple[str, bytes]:
    """Remember that ``configs/a.py`` is made of itself and ``configs/base.py``; save."""
    folder = tmp_path / "configs"
    folder.mkdir(exist_ok=True)
    files: list[tuple[str, tuple[int, int], bytes]] = []
    for name, text in (("a.py", "_base_ = './base.py'\n"), ("base.py", "model = dict()\n")):
        path = folder / name
        path.write_text(text)
        files.append((str(path), file_stamp(path), hashlib.sha256(text.encode()).digest()))
    memory.remember(files[0][0], files, ["pkg.registry"])
    memory.save()
    return files[1][0], files[1][2]


def test_a_config_is_recalled_while_its_files_are_unchanged(tmp_path: Path) -> None:
    saved = tmp_path / "cache" / "configs.json"
    base, digest = _remembered(tmp_path, ConfigMemory(saved, HEADER))
    config = str(tmp_path / "configs" / "a.py")
    recalled = ConfigMemory(saved, HEADER).recall(config)
    assert recalled is not None
    assert recalled.files[1] == (base, digest)
    assert recalled.imports == ("pkg.registry",)
    # Another header (settings, version, search path): another memory.
    other = memory_header("1.0", {"config paths": ["elsewhere"]}, ())
    assert ConfigMemory(saved, other).recall(config) is None


def test_a_config_whose_base_is_gone_or_changed_is_not_recalled(tmp_path: Path) -> None:
    saved = tmp_path / "configs.json"
    base, _ = _remembered(tmp_path, ConfigMemory(saved, HEADER))
    config = str(tmp_path / "configs" / "a.py")
    (tmp_path / "configs" / "base.py").write_text("model = dict(x=1)\n")
    assert ConfigMemory(saved, HEADER).recall(config) is None
    (tmp_path / "configs" / "base.py").unlink()
    assert ConfigMemory(saved, HEADER).recall(base) is None  # never remembered as a config
    assert ConfigMemory(saved, HEADER).recall(config) is None


def test_a_memory_of_another_form_is_not_taken(tmp_path: Path) -> None:
    saved = tmp_path / "configs.json"
    _remembered(tmp_path, ConfigMemory(saved, HEADER))
    data = json.loads(saved.read_text().partition("\n")[2])
    data["paths"] = {"not": "a list"}
    saved.write_text(snapshot_text(json.dumps(data)))
    assert ConfigMemory(saved, HEADER).recall(str(tmp_path / "configs" / "a.py")) is None
    saved.write_text(snapshot_text("[]"))
    assert ConfigMemory(saved, HEADER).recall(str(tmp_path / "configs" / "a.py")) is None


def test_a_memory_that_cannot_be_written_is_not_kept_and_raises_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("")
    memory = ConfigMemory(blocker / "configs.json", HEADER)  # its folder cannot be made
    _remembered(tmp_path, memory)
    assert not (blocker / "configs.json").exists()
    # What this run remembered still answers in it.
    assert isinstance(memory.recall(str(tmp_path / "configs" / "a.py")), MadeOf)


def test_a_file_gone_since_the_loader_read_it_is_recorded_not_raised(tmp_path: Path) -> None:
    # Only the table of records is used: made without a mypy run.
    files = ConfigFiles.__new__(ConfigFiles)
    vars(files)["_digests"] = {}
    stamp, digest = files.file_record(tmp_path / "gone.py")
    assert stamp == (-1, -1)
    (tmp_path / "empty.py").write_text("")
    assert files.file_record(tmp_path / "empty.py")[1] != digest
    assert digest == hashlib.sha256(b"\0unreadable\0").digest()


def test_a_long_lived_memory_asks_each_file_again_once_told_to(tmp_path: Path) -> None:
    # A run takes each file's digest once; the daemon, whose files change between its
    # updates, makes the memory forget them on each.
    memory = ConfigMemory(None, HEADER)
    _remembered(tmp_path, memory)
    config = str(tmp_path / "configs" / "a.py")
    assert memory.recall(config) is not None
    (tmp_path / "configs" / "base.py").write_text("model = dict(changed=True)\n")
    assert memory.recall(config) is not None  # as this run read it
    memory.forget_files()
    assert memory.recall(config) is None
