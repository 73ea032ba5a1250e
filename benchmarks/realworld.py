"""Published OpenMMLab projects under mypy with the plugin: errors on configs that run, and cost.

Run with ``make realworld`` (or ``python benchmarks/realworld.py``). Nothing of these projects
is kept in the repository: the script downloads their wheels from PyPI (``pip download
--no-deps``), which ship their configs under ``<package>/.mim/configs``, and lays each out as
its repository is (the package beside ``configs/``) under ``.realworld/`` (ignored by git).
A venv of its own, ``.realworld/venv``, holds this project with its ``mypy`` extra, and
MMEngine and mmcv-lite installed without their dependencies (no torch: nothing here may need
to import these projects).

For each project it runs mypy over the shipped configs twice, cold, one run after the other:
without the plugin and with it, with the same mypy settings. It prints and writes to
``.realworld/results.json``:

- the exit status of each run (2 means mypy stopped: a crash or a setting it refused);
- the errors of each run, counted by error code, and the first lines of those the plugin adds
  (every config shipped in these wheels runs, so each added error is a false one unless
  ``docs/performance.md`` lists the config with the proof that it fails to build);
- the seconds of each run and their ratio.

Before it times anything it proves that the plugin checks the configs at all: a config built
on a shipped one (``_base_``) with a misspelt ``default_scope`` must be reported; without that
the figures would time a plugin that checks nothing, and the script says so.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / ".realworld"
VENV = WORK / "venv"
WHEELS = WORK / "wheels"

#: The published releases measured (issue 20 names them); dependencies installed into the venv
#: without theirs.
PROJECTS = {"mmdet": "mmdet==3.3.0", "mmseg": "mmsegmentation==1.2.2"}
DEPENDENCIES = ["mmengine==0.10.7", "mmcv-lite==2.2.0"]

#: mypy's settings for a folder of configs: configs are not a package, so two ``_base_``
#: files of one name are two modules only with their folders as namespace packages.
MYPY_SETTINGS = """\
[tool.mypy]
python_version = "3.11"
files = ["configs"]
namespace_packages = true
explicit_package_bases = true
ignore_missing_imports = true
follow_imports = "silent"
"""

#: What the plugin adds: the line under ``[tool.mypy]`` and the plugin's own table.
PLUGIN_LINE = 'plugins = ["typed_registry.mypy"]\n'
PLUGIN_TABLE = """
[tool.typed_registry.configs]
paths = ["configs"]
"""

#: A config built on a shipped one with a mistake the plugin must report.
SEEDED = "_base_ = {base!r}\ndefault_scope = 'mmdett'\n"

ERROR = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+): error: (?P<text>.*?)(?:  \[(?P<code>[\w-]+)\])?$"
)


def venv_python() -> Path:
    return VENV / "bin" / "python"


def ensure_venv() -> None:
    """Create ``.realworld/venv`` with this project (editable), mypy and the two dependencies."""
    stamp = VENV / ".installed"
    if stamp.exists() and stamp.stat().st_mtime >= (ROOT / "pyproject.toml").stat().st_mtime:
        return
    if not venv_python().exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip = [str(venv_python()), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "-e", f"{ROOT}[mypy]"], check=True)
    subprocess.run([*pip, "--no-deps", *DEPENDENCIES], check=True)
    stamp.touch()


def layout(project: str) -> Path:
    """Download ``project``'s wheel once and lay it out as its repository is."""
    tree = WORK / project
    if (tree / "configs").is_dir():
        return tree
    WHEELS.mkdir(parents=True, exist_ok=True)
    requirement = PROJECTS[project]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "-d",
            str(WHEELS),
            requirement,
        ],
        check=True,
    )
    name, version = requirement.split("==")
    wheel = next(WHEELS.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
    shutil.rmtree(tree, ignore_errors=True)
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tree)
    (tree / project / ".mim" / "configs").rename(tree / "configs")
    return tree


def write_settings(tree: Path, *, plugin: bool) -> Path:
    """The same mypy settings for both runs; the plugin's run adds the plugin and its table."""
    settings = tree / ("with-plugin.toml" if plugin else "without-plugin.toml")
    settings.write_text(
        MYPY_SETTINGS + PLUGIN_LINE + PLUGIN_TABLE if plugin else MYPY_SETTINGS, encoding="utf-8"
    )
    return settings


def run_mypy(tree: Path, settings: Path, cache: Path) -> tuple[int, float, list[str]]:
    shutil.rmtree(cache, ignore_errors=True)
    command = [
        str(venv_python()),
        "-m",
        "mypy",
        "--config-file",
        str(settings),
        "--cache-dir",
        str(cache),
        "--no-pretty",
        "--show-error-codes",
        "--no-error-summary",
    ]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    done = subprocess.run(command, cwd=tree, capture_output=True, text=True, check=False, env=env)
    elapsed = time.perf_counter() - start
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    return done.returncode, elapsed, lines


def errors(lines: list[str]) -> list[tuple[str, str]]:
    found = []
    for line in lines:
        match = ERROR.match(line)
        if match:
            found.append((match["code"] or "-", line))
    return found


def prove_checked(tree: Path, settings: Path) -> bool:
    """Whether the plugin reports a seeded mistake in a config built on a shipped one."""
    base = next(p for p in sorted((tree / "configs").rglob("*.py")) if "_base_" not in p.parts)
    seeded = tree / "configs" / "zz_seeded_mistake.py"
    seeded.write_text(SEEDED.format(base=os.path.relpath(base, seeded.parent)), encoding="utf-8")
    try:
        _, _, lines = run_mypy(tree, settings, tree / ".cache-proof")
    finally:
        seeded.unlink()
    return any("zz_seeded_mistake.py" in line and "mmdett" in line for line in lines)


def measure(project: str) -> dict[str, object]:
    tree = layout(project)
    without, with_plugin = write_settings(tree, plugin=False), write_settings(tree, plugin=True)
    checks = prove_checked(tree, with_plugin)
    plain = run_mypy(tree, without, tree / ".cache-plain")
    plugged = run_mypy(tree, with_plugin, tree / ".cache-plugin")
    plain_errors, plugin_errors = errors(plain[2]), errors(plugged[2])
    plain_lines = {line for _, line in plain_errors}
    added = [line for _, line in plugin_errors if line not in plain_lines]
    result: dict[str, object] = {
        "project": PROJECTS[project],
        "configs": sum(1 for _ in (tree / "configs").rglob("*.py")),
        "seeded_mistake_reported": checks,
        "without_plugin": {
            "status": plain[0],
            "seconds": round(plain[1], 2),
            "errors": dict(collections.Counter(c for c, _ in plain_errors)),
        },
        "with_plugin": {
            "status": plugged[0],
            "seconds": round(plugged[1], 2),
            "errors": dict(collections.Counter(c for c, _ in plugin_errors)),
        },
        "ratio": round(plugged[1] / plain[1], 2) if plain[1] else None,
        "errors_added_by_plugin": len(added),
        "first_added": added[:20],
        "first_lines_with_plugin": plugged[2][:5] if plugged[0] == 2 else [],
    }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "projects",
        nargs="*",
        choices=[[], *PROJECTS],
        metavar="PROJECT",
        help="mmdet, mmseg (default: both)",
    )
    args = parser.parse_args()
    ensure_venv()
    results = [measure(project) for project in args.projects or PROJECTS]
    summary = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "load": Path("/proc/loadavg").read_text().split()[:3]
        if Path("/proc/loadavg").exists()
        else None,
        "results": results,
    }
    (WORK / "results.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
