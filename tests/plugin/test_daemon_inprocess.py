"""The daemon (dmypy) in this process, so that coverage measures its paths of the plugin.

``test_incremental`` drives the real ``dmypy`` command, whose server runs in a process of
its own. Here the same server (:class:`mypy.dmypy_server.Server`) is driven directly: it is
constructed with the options ``dmypy start`` would give it, and each ``dmypy run`` is a call
of its ``cmd_run``, which returns what the client would print. Nothing is started: no
process, no socket, no status file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import mypy.version
import pytest
from mypy.dmypy_server import Server, process_start_options
from tests.plugin.scenarios import (
    FILES,
    FLAGS,
    SOURCES,
    Project,
    forget_the_daemon,
    lines_of,
    normalize,
    rename_resnet,
)

from typed_registry.mypy._state import PluginState, module_tree

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from pathlib import Path

    from mypy.plugin import CheckerPluginInterface

RESNET_FOUND = '8: note: Revealed type is "mypkg.models.resnet.ResNet"'
RESNET_UNKNOWN = (
    '3: error: "ResNet" is not registered in registry "models" (scope "mypkg"); '
    'did you mean "ResNet50"?  [registry-name]'
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.chdir(tmp_path)
    # The location package documents itself, as most packages do.
    return Project.create(tmp_path, {**FILES, "mypkg/models/__init__.py": '"""The models."""\n'})


@pytest.fixture
def server(project: Project, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """A daemon's server for the project, as ``dmypy start`` would construct it."""
    # What the daemon changes in the process, restored afterwards: the plugin's class-level
    # flags and the snapshot it publishes (see _plugin._publish_snapshot), and the variable
    # mypy sets while it reads a settings file.
    forget_the_daemon(monkeypatch)
    monkeypatch.setenv("MYPY_CONFIG_FILE_DIR", str(project.root))
    options = process_start_options(["--config-file", project.config_name, *FLAGS], False)
    status_file = project.root / "dmypy.json"
    server = Server(options, str(status_file))
    yield server
    server.flush_caches()
    server.fine_grained_manager = None
    assert not status_file.exists()  # never served: nothing to stop


def dmypy_run(server: Server, project: Project, sources: Sequence[str] = SOURCES) -> str:
    """``dmypy run`` on ``sources``: what the client prints (normalized)."""
    args = ["--config-file", project.config_name, *FLAGS, *sources]
    result = server.cmd_run(
        version=mypy.version.__version__,
        args=args,
        export_types=False,
        is_tty=False,
        terminal_width=80,
    )
    assert "restart" not in result, result  # the same daemon checks again
    assert result["err"] == "", result["err"]
    assert result["status"] in {0, 1}, result
    out = result["out"]
    assert isinstance(out, str)
    assert "Traceback" not in out
    return normalize(out)


def restarted(server: Server, project: Project, sources: Sequence[str] = SOURCES) -> Server:
    """``dmypy run`` after a config file's base changed: the daemon asks to restart, as it must.

    A base is no module whose change the daemon's dependencies see (see
    ``_plugin._publish_snapshot``): the plugin's snapshot changes, so ``dmypy run``
    restarts the daemon. Returns the new daemon's server.
    """
    args = ["--config-file", project.config_name, *FLAGS, *sources]
    result = server.cmd_run(
        version=mypy.version.__version__,
        args=args,
        export_types=False,
        is_tty=False,
        terminal_width=80,
    )
    assert result == {"restart": "plugins changed"}, result
    server.flush_caches()
    server.fine_grained_manager = None
    options = process_start_options(["--config-file", project.config_name, *FLAGS], False)
    return Server(options, server.status_file)


def test_the_daemon_sees_a_registration_renamed_in_another_module(
    project: Project, server: Server
) -> None:
    first = dmypy_run(server, project)
    assert RESNET_FOUND in lines_of(first, "app.py")
    assert first == project.cold().output

    # A change that leaves every registration as it was: the daemon re-checks the module,
    # and what the other modules see stays the same.
    project.replace("mypkg/models/resnet.py", "return x * self.depth", "return self.depth * x")
    assert dmypy_run(server, project) == first

    rename_resnet(project)
    renamed = dmypy_run(server, project)
    assert RESNET_UNKNOWN in lines_of(renamed, "app.py")
    assert RESNET_FOUND not in lines_of(renamed, "app.py")
    assert '10: note: Revealed type is "mypkg.models.resnet.ResNet"' in lines_of(renamed, "app2.py")
    assert renamed == project.cold().output


#: A module without errors: the daemon re-checks it only when one of its triggers fires.
CLEAN = """\
    from mypkg.registry import MODELS

    depth: int = MODELS.build(dict(type="ResNet", depth=50)).depth
    """


def test_the_daemon_rechecks_a_module_without_errors_when_a_name_it_builds_is_renamed(
    project: Project, server: Server
) -> None:
    project.write("clean.py", CLEAN)
    sources = (*SOURCES, "clean.py")
    assert lines_of(dmypy_run(server, project, sources), "clean.py") == []

    rename_resnet(project)
    renamed = dmypy_run(server, project, sources)
    assert lines_of(renamed, "clean.py") == [
        '3: error: "Model" has no attribute "depth"  [attr-defined]',
        (
            '3: error: "ResNet" is not registered in registry "models" (scope "mypkg"); '
            'did you mean "ResNet50"?  [registry-name]'
        ),
    ]
    assert renamed == project.cold(sources).output


def test_dmypy_check_sees_a_registration_renamed_without_a_new_plugin(
    project: Project, server: Server
) -> None:
    # `dmypy check` constructs no plugin (`dmypy run` does, which has the daemon's index
    # look for edits): the module holds what its file says, read when mypy parses it.
    project.write("clean.py", CLEAN)
    sources = (*SOURCES, "clean.py")
    assert lines_of(dmypy_run(server, project, sources), "clean.py") == []
    rename_resnet(project)
    result = server.cmd_check(sources, export_types=False, is_tty=False, terminal_width=80)
    out = result["out"]
    assert isinstance(out, str)
    assert normalize(out) == project.cold(sources).output
    assert RESNET_UNKNOWN in lines_of(normalize(out), "clean.py")


#: A module without errors that builds another name than ``CLEAN``.
OTHER_NAME = """\
    from mypkg.registry import MODELS

    layers = MODELS.build(dict(type="make_mlp", layers=2))
    """


def test_a_renamed_registration_re_checks_only_the_sites_that_build_the_name(
    project: Project, server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.write("clean.py", CLEAN)
    project.write("other.py", OTHER_NAME)
    sources = (*SOURCES, "clean.py", "other.py")
    dmypy_run(server, project, sources)
    checked: list[str] = []
    view = PluginState.site_view

    def site_view(state: PluginState, api: CheckerPluginInterface, var: str) -> object:
        checked.append(module_tree(api).fullname)
        return view(state, api, var)

    monkeypatch.setattr(PluginState, "site_view", site_view)
    rename_resnet(project)
    renamed = dmypy_run(server, project, sources)
    monkeypatch.setattr(PluginState, "site_view", view)  # the cold run is no daemon
    assert renamed == project.cold(sources).output
    # The site that builds the name is checked again; not the one that builds another name
    # (it has no error, which the daemon would check again anyway).
    assert "clean" in checked
    assert "other" not in checked
    assert lines_of(renamed, "other.py") == []


#: A module under the location that runs before ``resnet`` and registers its name.
EARLIER_RESNET = """\
    from mypkg.registry import MODELS


    @MODELS.register_module(name="ResNet")
    class Other:
        def __init__(self, depth: int) -> None:
            self.depth = depth
    """


def test_a_module_whose_registration_another_makes_a_duplicate_is_checked_again(
    project: Project, server: Server
) -> None:
    # mypkg.models.aaa runs first: resnet's registration, in a file no edit touched, is
    # now the duplicate, as a cold run says.
    first = dmypy_run(server, project)
    assert "registry-duplicate" not in first
    project.write("mypkg/models/aaa.py", EARLIER_RESNET)
    added = dmypy_run(server, project)
    assert added == project.cold().output
    assert any("registry-duplicate" in line for line in lines_of(added, "mypkg/models/resnet.py"))


#: A module outside the locations that registers a name, and one that imports it.
HELPERS = """\
    from mypkg.registry import MODELS


    @MODELS.register_module()
    class Helper:
        def __init__(self, size: int) -> None:
            self.size = size
    """
USES = """\
    import helpers
    from mypkg.registry import MODELS

    size: int = MODELS.build(dict(type="Helper", size=1)).size
    """


def test_a_registration_renamed_in_an_imported_module_re_checks_the_module_that_builds_it(
    project: Project, server: Server
) -> None:
    # No registry module sees helpers (it lies under no location): the module that imports
    # it depends on what it registers.
    project.write("helpers.py", HELPERS)
    project.write("uses.py", USES)
    sources = (*SOURCES, "helpers.py", "uses.py")
    assert lines_of(dmypy_run(server, project, sources), "uses.py") == []
    project.replace("helpers.py", "register_module()", 'register_module(name="Helper2")')
    renamed = dmypy_run(server, project, sources)
    assert renamed == project.cold(sources).output
    assert any("registry-name" in line for line in lines_of(renamed, "uses.py"))
