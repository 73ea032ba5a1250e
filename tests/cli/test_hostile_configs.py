"""``typed-registry check`` on hostile configs: nothing runs, nothing hangs, one line each.

Each bad input gets exit status 2 and one line on stderr naming the file and the limit;
a config that would run code if executed runs none; another config's mistake is still
reported.
"""

from __future__ import annotations

import sys
import time

import pytest
from tests.cli.conftest import run

#: Configs that write the file ``marker`` if anything runs them (MMEngine's loader did).
RUNS_CODE = {
    "lambda": "write = lambda: open('marker', 'w')\nwritten = write()\n",
    "walrus": "model = dict(type='ResNet', depth=(f := open('marker', 'w')) and 1)\n",
    "decorator": "@(lambda f: open('marker', 'w'))\ndef hook():\n    pass\n",
    "class-body": "class Settings:\n    handle = open('marker', 'w')\n",
    "eval": "value = eval(\"open('marker', 'w')\")\n",
    "import": "import os\nos.system('touch marker')\n",
}


@pytest.mark.parametrize("text", RUNS_CODE.values(), ids=RUNS_CODE.keys())
def test_check_never_runs_a_config(project, capsys, text):
    project.write("configs/runs.py", f"model = dict(type='ResNet', depth=1)\n{text}")
    status, out, err = run(capsys, "check", "configs/runs.py")
    assert (status, out, err) == (0, "No problems in 1 config\n", "")
    assert not (project.root / "marker").exists()


def test_a_custom_import_that_would_make_a_virtualenv_is_never_imported(project, capsys):
    project.write(
        "configs/venv.py",
        """
        custom_imports = dict(imports=["venv.__main__", "unittest.__main__"])
        model = dict(type="ResNet", depth=1)
        """,
    )
    project.write("configs/mistake.py", 'model = dict(type="ResNet", depth="1")\n')
    before = set(sys.modules)
    status, out, err = run(capsys, "check", "configs")
    assert (status, err) == (1, "")
    assert out.splitlines() == [
        (
            'configs/mistake.py:1: error: model.depth: Argument "depth" to "ResNet" has '
            'incompatible type "str"; expected "int"  [arg-type]'
        ),
        "Found 1 problem in 1 of 4 configs",
    ]
    assert not {"venv.__main__", "unittest.__main__"} & (set(sys.modules) - before)


def test_an_imported_custom_import_that_exits_is_a_problem_of_its_config(project, capsys):
    project.write("PKG/exits.py", "raise SystemExit(3)\n")
    project.write(
        "configs/exits.py",
        """
        custom_imports = dict(imports=["PKG.exits"], allow_failed_imports=True)
        model = dict(type="ResNet", depth=1)
        """,
    )
    project.write("configs/mistake.py", 'model = dict(type="ResNet", depth="1")\n')
    status, out, _ = run(capsys, "check", "configs", "--import-custom-imports")
    assert status == 1
    assert out.splitlines() == [
        (
            f"configs/exits.py:2: error: custom_imports.imports[0]: cannot import "
            f"'{project.package}.exits': importing it exits (SystemExit: 3)  [custom-imports]"
        ),
        (
            'configs/mistake.py:1: error: model.depth: Argument "depth" to "ResNet" has '
            'incompatible type "str"; expected "int"  [arg-type]'
        ),
        "Found 2 problems in 2 of 4 configs",
    ]


def _nested_aliases(levels: int) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


#: Bad inputs: the file, its text, and the end of the one line that reports it.
HOSTILE = {
    "billion-laughs-yaml": (
        "laughs.yaml",
        _nested_aliases(9),
        "laughs.yaml: the number of values exceeds the limit values=200000",
    ),
    "aliased-python-lists": (
        "aliased.py",
        "l0 = [1, 2, 3, 4, 5, 6, 7, 8]\n"
        + "".join(f"l{i} = [{', '.join([f'l{i - 1}'] * 8)}]\n" for i in range(1, 9)),
        "aliased.py:6: the number of values exceeds the limit values=200000",
    ),
    "squared-number": (
        "square.py",
        "a = 3\n" + "a *= a\n" * 22,
        "square.py:15: a computed number exceeds the limit digits=4300",
    ),
    "doubled-string": (
        "double.py",
        "s = 'ab'\n" + "s += s\n" * 40,
        "double.py:20: a computed string exceeds the limit text=1000000",
    ),
    "doubled-list": (
        "lists.py",
        "s = [1]\n" + "s = [*s, *s]\n" * 40,
        "lists.py:19: a computed list exceeds the limit values=200000",
    ),
    "deep-json": (
        "deep.json",
        '{"a": ' + "[" * 10_000 + "]" * 10_000 + "}",
        "deep.json: the nesting of the config exceeds the limit depth=100",
    ),
    "deep-yaml": (
        "deep.yaml",
        "a: " + "[" * 10_000 + "]" * 10_000 + "\n",
        "deep.yaml: the nesting of the config exceeds the limit depth=100",
    ),
    "deep-toml": (
        "deep.toml",
        "a = " + "[" * 10_000 + "]" * 10_000 + "\n",
        "deep.toml: the nesting of the config exceeds the limit depth=100",
    ),
    "deep-python-variables": (
        "deep.py",
        "a0 = []\n" + "".join(f"a{i} = [a{i - 1}]\n" for i in range(1, 10_000)),
        "deep.py:101: the nesting of the config exceeds the limit depth=100",
    ),
    "deep-python-items": (
        "items.py",
        "a = dict()\n" + "a['k'] = dict(x=a)\n" * 10_000,
        "items.py:26: the nesting of the config exceeds the limit depth=100",
    ),
    "long-expression": (
        "long.py",
        "a = " + " + ".join(["[1]"] * 20_000) + "\n",
        "long.py: the nesting of the config exceeds the limit depth=100",
    ),
}


@pytest.mark.parametrize(("name", "text", "message"), HOSTILE.values(), ids=HOSTILE.keys())
def test_each_bad_input_is_one_line_naming_the_file_and_the_limit(
    project, capsys, name, text, message
):
    project.write(f"configs/{name}", text)
    project.write("configs/mistake.py", 'model = dict(type="ResNet", depth="1")\n')
    started = time.perf_counter()
    status, out, err = run(capsys, "check", "configs")
    assert time.perf_counter() - started < 60  # bounded: never the minutes it took
    assert status == 2
    assert err == f"typed-registry check: error: configs/{message}\n"
    assert "model.depth" in out  # the other config is still checked


def test_a_chain_of_a_thousand_bases_is_one_line(project, capsys):
    for number in range(1000):
        base = f"_base_ = './c{number + 1}.py'\n" if number < 999 else ""
        project.write(f"configs/_base_/chain/c{number}.py", f"{base}v{number} = {number}\n")
    project.write("configs/chained.py", "_base_ = './_base_/chain/c0.py'\n")
    status, _, err = run(capsys, "check", "configs/chained.py")
    assert status == 2
    assert err == (
        "typed-registry check: error: configs/chained.py: the chain of _base_ files exceeds "
        "the limit bases=500\n"
    )


def test_a_chain_of_three_hundred_bases_is_checked(project, capsys):
    for number in range(300):
        base = f"_base_ = './c{number + 1}.py'\n" if number < 299 else ""
        project.write(f"configs/_base_/chain/c{number}.py", f"{base}v{number} = {number}\n")
    project.write(
        "configs/chained.py",
        "_base_ = './_base_/chain/c0.py'\nmodel = dict(type='ResNet', dpth=1)\n",
    )
    status, out, err = run(capsys, "check", "configs/chained.py")
    assert (status, err) == (1, "")
    assert "model.dpth" in out


def test_a_file_over_the_size_limit_is_one_line_and_the_limit_can_be_raised(project, capsys):
    project.write("configs/big.py", "model = dict(type='ResNet', depth=1)\n" + "#" * 2000 + "\n")
    status, _, err = run(capsys, "check", "configs/big.py", "--limit", "file-bytes=1000")
    assert status == 2
    assert err == (
        "typed-registry check: error: configs/big.py: the file's size (2038 bytes) exceeds the "
        "limit file-bytes=1000\n"
    )
    assert run(capsys, "check", "configs/big.py", "--limit", "file-bytes=3000")[0] == 0


def test_every_limit_can_be_set_on_the_command_line(project, capsys):
    project.write("configs/two.py", "a = dict(b=dict(c=1))\nmodel = dict(type='ResNet', depth=1)\n")
    status, _, err = run(capsys, "check", "configs/two.py", "--limit", "depth=2")
    assert status == 2
    assert err.endswith("exceeds the limit depth=2\n")
    argv = ["--limit", "depth=3", "--limit", "values=20", "--limit", "bases=1"]
    assert run(capsys, "check", "configs/two.py", *argv)[0] == 0
    argv = ["--limit", "text=1", "--limit", "digits=1"]
    assert run(capsys, "check", "configs/two.py", *argv)[0] == 0


@pytest.mark.parametrize("given", ["depth", "depth=x", "depth=0", "size=3", "file_bytes=3"])
def test_a_bad_limit_is_bad_usage(project, capsys, given):
    status, out, err = run(capsys, "check", "configs/good.py", "--limit", given)
    assert (status, out) == (2, "")
    assert err == (
        f"typed-registry check: error: --limit: {given!r} is not NAME=N with N >= 1 and NAME "
        "one of file-bytes, depth, values, text, digits, bases\n"
    )
