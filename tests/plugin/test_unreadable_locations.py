"""What a package location's modules register, when two of them clash or one does not parse.

The runtime imports a location's package, whose modules register as they run: the same name
registered by two of them raises ``DuplicateNameError`` at import, and a module with a
syntax error raises ``SyntaxError``. The plugin reads the modules without running them; it
reports the duplicate at the second registration, and the syntax error once (file and line)
instead of reporting the names that module may register as not registered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from tests.plugin.scenarios import Project

if TYPE_CHECKING:
    from pathlib import Path

CONFIG = (
    '[tool.mypy]\nplugins = ["typed_registry.mypy"]\n\n'
    '[tool.typed_registry]\nlocations = ["zoo.models"]\n'
)
REGISTRY = """\
from typed_registry import Registry

MODELS: Registry[object] = Registry("models", scope="zoo", locations=["zoo.models"])
"""
NET = """\
from zoo.registry import MODELS


@MODELS.register_module()
class Net:
    def __init__(self, depth: int) -> None:
        self.depth = depth
"""
APP = """\
from zoo.registry import MODELS

MODELS.build({"type": "Net", "depth": 50})
MODELS.build({"type": "Broken"})
MODELS.build({"type": "Missing"})
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.chdir(tmp_path)
    files = {
        "zoo/__init__.py": "",
        "zoo/registry.py": REGISTRY,
        "zoo/models/__init__.py": "from zoo.models import a, b\n",
        "zoo/models/a.py": NET,
        "zoo/models/b.py": "",
        "app.py": APP,
    }
    return Project.create(tmp_path, files, config=CONFIG)


def test_the_same_name_registered_in_two_modules_of_a_location_is_a_duplicate(project):
    project.write("zoo/models/b.py", NET.replace("depth", "layers"))
    output = project.mypy(sources=["app.py"], cache="dup").output
    assert output.splitlines() == [
        (
            'app.py:4: error: "Broken" is not registered in registry "models" (scope "zoo")  '
            "[registry-name]"
        ),
        (
            'app.py:5: error: "Missing" is not registered in registry "models" (scope "zoo")  '
            "[registry-name]"
        ),
        (
            'zoo/models/b.py:4: error: "Net" is already registered in registry "models" '
            '(scope "zoo") at zoo.models.a:4 ("zoo.models.a.Net"); pass force=True to replace it  '
            "[registry-duplicate]"
        ),
        "Found 3 errors in 2 files (checked 1 source file)",
    ]


def test_a_location_module_with_a_syntax_error_is_reported_once_not_as_missing_names(project):
    # A module the package does not import (mypy then never reads it itself).
    broken = NET.replace("class Net:", "class Broken\n    pass\n\n\nclass Other:")
    project.write("zoo/models/c.py", broken)
    output = project.mypy(sources=["app.py"], cache="syntax").output
    assert output.splitlines() == [
        (
            "app.py:4: error: zoo/models/c.py:5: syntax error (expected ':'): what this module "
            "registers is unknown, so no name is reported as not registered until it parses  "
            "[registry-name]"
        ),
        "Found 1 error in 1 file (checked 1 source file)",
    ]
    project.edit("zoo/models/c.py", broken.replace("class Broken\n", "class Broken:\n"))
    again = project.mypy(sources=["app.py"], cache="syntax").output
    assert again.splitlines() == [
        (
            'app.py:5: error: "Missing" is not registered in registry "models" (scope "zoo")  '
            "[registry-name]"
        ),
        "Found 1 error in 1 file (checked 1 source file)",
    ]
