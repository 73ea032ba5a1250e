"""The ``typed-registry`` command itself: its subcommands, --help and --version."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest

from typed_registry import __version__
from typed_registry.cli import COMMANDS, main, parser


def test_the_console_script_runs_main():
    [script] = entry_points(group="console_scripts", name="typed-registry")
    assert script.load() is main


@pytest.mark.parametrize("command", ["check", "list"])
def test_each_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: typed-registry {command}")
    assert "--settings PYPROJECT" in out


def test_help_lists_the_commands_and_version_is_the_packages(capsys):
    help_text = parser().format_help()
    assert "check" in help_text
    assert "list" in help_text
    assert "schema" in help_text
    assert "stubs" in help_text
    assert len(COMMANDS) == 4
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out == f"typed-registry {__version__}\n"


def test_a_command_is_required(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 2
    assert "required: COMMAND" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("raised", "message"),
    [(RecursionError, "the input nests too deeply"), (MemoryError, "the input is too large")],
)
def test_an_input_past_every_limit_is_still_one_line_and_status_2(
    capsys, monkeypatch, raised, message
):
    from typed_registry.cli import check  # noqa: PLC0415

    def exhausted(args: object) -> int:
        raise raised

    monkeypatch.setattr(check, "run", exhausted)
    assert main(["check"]) == 2
    assert capsys.readouterr().err == f"typed-registry check: error: {message}\n"


def test_a_project_import_that_exits_is_one_line_and_status_2(capsys, monkeypatch):
    from typed_registry.cli import check  # noqa: PLC0415

    def exits(args: object) -> int:
        raise SystemExit(0)

    monkeypatch.setattr(check, "run", exits)
    assert main(["check"]) == 2
    assert capsys.readouterr().err == (
        "typed-registry check: error: an import exited (SystemExit: 0)\n"
    )
