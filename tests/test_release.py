"""The release bookkeeping: one version, recorded in CHANGELOG.md, and files that agree."""

from __future__ import annotations

import ast
import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import typed_registry
from typed_registry._index._files import READER_VERSION
from typed_registry._index._snapshot import SNAPSHOT_VERSION
from typed_registry.mypy._plugin import PLUGIN_VERSION

ROOT = Path(__file__).parent.parent
CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def facts_version() -> int:
    # Read from the sources rather than imported, so that this test does not pin which of the
    # plugin's modules defines FACTS_VERSION.
    found = [
        int(match[1])
        for path in sorted((ROOT / "src").rglob("*.py"))
        for match in re.finditer(
            r"^FACTS_VERSION(?:: *\w+)? *= *(\d+)\s*$", path.read_text(encoding="utf-8"), re.M
        )
    ]
    assert len(found) == 1, f"expected one FACTS_VERSION = <int> under src/, found {found}"
    return found[0]


def test_the_changelog_has_an_entry_for_the_package_version() -> None:
    heading = re.compile(rf"^## \[{re.escape(typed_registry.__version__)}\]", re.M)
    assert heading.search(CHANGELOG), f"CHANGELOG.md: no '## [{typed_registry.__version__}]'"


def test_the_changelog_records_the_current_facts_version() -> None:
    line = f"Facts version {facts_version()}"
    assert re.search(rf"\b{line}\b", CHANGELOG), f"CHANGELOG.md does not say '{line}'"


def test_the_changelog_records_the_index_cache_versions() -> None:
    assert f"reader version {READER_VERSION}" in CHANGELOG
    assert f"snapshot version {SNAPSHOT_VERSION}" in CHANGELOG


def test_the_installed_distribution_has_the_package_version() -> None:
    # Differs after a bump of _version.py until the package is installed again (make venv).
    assert version("typed-registry") == typed_registry.__version__


def test_the_plugin_version_in_mypys_cache_key_is_the_package_version() -> None:
    assert typed_registry.__version__ == PLUGIN_VERSION


def test_pre_commit_runs_the_ruff_of_the_dev_group() -> None:
    dev_ruff = [r for r in PYPROJECT["dependency-groups"]["dev"] if str(r).startswith("ruff")]
    config = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    hooks_ruff = re.findall(r'additional_dependencies: \["(ruff[^"]*)"\]', config)
    assert len(dev_ruff) == 1
    assert hooks_ruff, "no ruff in .pre-commit-config.yaml"
    assert set(hooks_ruff) == set(dev_ruff)


def test_nox_tests_every_python_version_the_classifiers_name() -> None:
    prefix = "Programming Language :: Python :: "
    classified = {
        classifier.removeprefix(prefix)
        for classifier in PYPROJECT["project"]["classifiers"]
        if re.fullmatch(rf"{prefix}3\.\d+", classifier)
    }
    noxfile = ast.parse((ROOT / "noxfile.py").read_text(encoding="utf-8"))
    pythons = next(
        ast.literal_eval(node.value)
        for node in noxfile.body
        if isinstance(node, ast.Assign)
        and [getattr(target, "id", None) for target in node.targets] == ["PYTHONS"]
    )
    assert set(pythons) == classified
    assert PYPROJECT["project"]["requires-python"] == f">={min(pythons, key=_release)}"


def _release(version_text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version_text.split("."))
