"""``typed-registry list``: the registries of the settings, their entries and hierarchy."""

from __future__ import annotations

import json
import linecache

from tests.cli.conftest import run


def test_the_table_lists_each_registry_with_scope_parent_and_where_entries_are(project, capsys):
    status, out, err = run(capsys, "list", "MODELS")
    package = project.package
    assert (status, err) == (0, "")
    # The columns are as wide as their longest cell, which holds the package's name (whose
    # number depends on the tests run before in this process).
    wide, where = len(f"{package}.models.Detector"), len(f"{package}/models.py:13")
    child_wide, child_where = len(f"{package}.child.ChildNet"), len(f"{package}/child.py:9")
    assert out.splitlines() == [
        f"{package}.registry.MODELS: registry 'model' (scope '{package}', parent none)",
        f"name      kind   {'object':{wide}}  defined at",
        f"--------  -----  {'-' * wide}  {'-' * where}",
        f"ResNet    class  {f'{package}.models.ResNet':{wide}}  {package}/models.py:7",
        f"Detector  class  {package}.models.Detector  {package}/models.py:13",
        "",
        f"{package}.child.CHILD: registry 'model' (scope '{package}_child', parent '{package}')",
        f"name      kind   {'object':{child_wide}}  defined at",
        f"--------  -----  {'-' * child_wide}  {'-' * child_where}",
        f"ChildNet  class  {package}.child.ChildNet  {package}/child.py:9",
    ]


def test_the_tree_shows_the_hierarchy(project, capsys):
    package = project.package
    status, out, _ = run(capsys, "list", "--tree")
    assert status == 0
    assert out.splitlines() == [
        f"{package}.registry.MODELS: registry 'model' (scope '{package}', parent none): 2 entries",
        (
            f"└── {package}.child.CHILD: registry 'model' (scope '{package}_child', "
            f"parent '{package}'): 1 entry"
        ),
        (
            f"{package}.registry.HOOKS: registry 'hook' (scope '{package}_hooks', parent none): "
            "1 entry"
        ),
        (
            f"{package}.registry.OPTIMIZERS: registry 'optimizer' (scope '{package}_optim', "
            "parent none): 1 entry"
        ),
    ]


def test_json_lists_entries_with_files_and_lines(project, capsys):
    package = project.package
    status, out, _ = run(capsys, "list", f"{package}_child::model", "--format", "json")
    assert status == 0
    assert json.loads(out) == [
        {
            "variable": f"{package}.child.CHILD",
            "name": "model",
            "scope": f"{package}_child",
            "parent": package,
            "children": [],
            "entries": [
                {
                    "name": "ChildNet",
                    "kind": "class",
                    "object": f"{package}.child.ChildNet",
                    "file": f"{package}/child.py",
                    "line": 9,
                }
            ],
        }
    ]


def test_entries_without_source_have_no_place(project, capsys):
    project.write(
        "PKG/child.py",
        """
        import functools

        from typed_registry import Registry

        from PKG.registry import MODELS

        CHILD = Registry("model", scope="PKG_child", parent=MODELS)
        CHILD.register_module("Partial", module=functools.partial(complex, 1))
        CHILD.register_module("builtin", module=complex)
        CHILD.register_module("made", module=eval("lambda: None"))
        """,
    )
    status, out, _ = run(capsys, "list", "model", "--format", "json")
    assert status == 0
    entries = json.loads(out)[1]["entries"]
    assert [(e["name"], e["file"], e["line"]) for e in entries] == [
        ("Partial", None, None),
        ("builtin", None, None),
        ("made", None, None),
    ]
    status, out, _ = run(capsys, "list", f"{project.package}_child::model")
    assert out.splitlines()[-1].endswith("  ?")


def test_an_unknown_registry_or_a_location_that_fails_is_one_line_and_status_2(project, capsys):
    package = project.package
    status, out, err = run(capsys, "list", "NOPE")
    assert (status, out) == (2, "")
    assert err == (
        f"typed-registry list: error: no registry 'NOPE' (registries: {package}.child.CHILD, "
        f"{package}.registry.HOOKS, {package}.registry.MODELS, {package}.registry.OPTIMIZERS)\n"
    )
    project.write(
        "pyproject.toml",
        """
        [tool.typed_registry]
        locations = ["PKG.missing"]
        [tool.typed_registry.configs.registries]
        model = "PKG.registry.MODELS"
        """,
    )
    status, _, err = run(capsys, "list")
    assert err == (
        f"typed-registry list: error: [tool.typed_registry] locations: cannot import "
        f"'{package}.missing' (ModuleNotFoundError: No module named '{package}.missing')\n"
    )
    project.write(
        "pyproject.toml",
        """
        [tool.typed_registry]
        locations = "PKG.child"
        [tool.typed_registry.configs.registries]
        model = "PKG.registry.MODELS"
        """,
    )
    status, _, err = run(capsys, "list")
    assert status == 2
    assert err.endswith("[tool.typed_registry] locations: must be a list of strings\n")


def test_a_registry_that_no_module_holds_is_shown_without_a_variable(project, capsys):
    project.write(
        "PKG/child.py",
        """
        from typed_registry import Registry

        from PKG.registry import MODELS

        CHILDREN = [Registry("model", scope="PKG_child", parent=MODELS)]
        """,
    )
    package = project.package
    status, out, _ = run(capsys, "list", "--tree", "MODELS")
    assert status == 0
    assert out.splitlines()[1] == (
        f"└── registry 'model' (scope '{package}_child', parent '{package}'): 0 entries"
    )


def test_code_compiled_from_a_string_has_no_place_even_with_text_in_linecache(project, capsys):
    project.write(
        "PKG/child.py",
        """
        from typed_registry import Registry

        from PKG.registry import MODELS

        CHILD = Registry("model", scope="PKG_child", parent=MODELS)
        CHILD.register_module("made", module=eval("lambda: None"))
        """,
    )
    # As another test (or a tool) may leave it: text cached for the pseudo-file <string>.
    linecache.cache["<string>"] = (12, None, ["lambda: None\n"], "<string>")
    try:
        status, out, _ = run(capsys, "list", "model", "--format", "json")
    finally:
        del linecache.cache["<string>"]
    assert status == 0
    entries = json.loads(out)[1]["entries"]
    assert [(e["name"], e["file"], e["line"]) for e in entries] == [("made", None, None)]
