"""Cross-module visibility: which registrations a build call sees, whatever the order.

The project is :data:`scenarios.FILES`: ``mypkg.models`` (an empty package) registers the
models, and ``app.py``/``app2.py`` import only the registry. With ``mypkg.models`` in the
settings, the plugin makes every module that uses registries depend on every module under
the locations (through the locations hub, see ``test_hub``), so the names resolve in
``app.py``; without it, a module sees only what it
imports, so that no answer depends on the order in which mypy processes the files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from tests.plugin.scenarios import FILES, SOURCES, Project, lines_of

if TYPE_CHECKING:
    from pathlib import Path

APP_LINES = [
    (
        '5: error: "ResNe" is not registered in registry "models" (scope "mypkg"); '
        'did you mean "ResNet"?  [registry-name]'
    ),
    '6: error: Unexpected keyword argument "dept" for "ResNet"; did you mean "depth"?  [call-arg]',
    '6: note: "ResNet" defined in "mypkg.models.resnet"',
    '8: note: Revealed type is "mypkg.models.resnet.ResNet"',
    '9: note: Revealed type is "mypkg.models.mlp.MLP"',
    '10: note: Revealed type is "mypkg.models.yolo.YOLO"',
]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.chdir(tmp_path)
    return Project.create(tmp_path)


def test_names_registered_under_a_location_resolve_where_nothing_imports_them(
    project: Project,
) -> None:
    output = project.cold().output
    # ResNet and make_mlp come from modules that app.py does not import and that the empty
    # mypkg/models/__init__.py does not import either; "det.YOLO" is registered (by a
    # location module) in a child registry defined in a module app.py does not import.
    assert lines_of(output, "app.py") == APP_LINES
    assert lines_of(output, "app2.py") == [
        (
            '5: error: Argument "depth" to "ResNet" has incompatible type "str"; expected "int"  '
            "[arg-type]"
        ),
        '6: note: Revealed type is "mypkg.models.resnet.ResNet"',
        '7: error: "ViT" is not registered in registry "models" (scope "mypkg")  [registry-name]',
        '8: note: Revealed type is "mypkg.registry.Model"',
        (
            '9: error: "ResNet50" is not registered in registry "models" (scope "mypkg"); '
            'did you mean "ResNet"?  [registry-name]'
        ),
        '10: note: Revealed type is "mypkg.registry.Model"',
        '11: note: Revealed type is "(def (*Any, **Any) -> mypkg.registry.Model) | None"',
        '11: error: "VGG" is not registered in registry "models" (scope "mypkg")  [registry-name]',
    ]


def test_checking_one_program_alone_follows_the_locations(project: Project) -> None:
    alone = project.cold(sources=["app.py"]).output
    assert lines_of(alone, "app.py") == APP_LINES
    assert lines_of(alone, "app2.py") == []


def test_a_child_registry_defined_elsewhere_belongs_to_the_tree(project: Project) -> None:
    project.write(
        "app3.py",
        """\
        from mypkg.registry import MODELS

        MODELS.build(dict(type="det.YOLO", size="3"))
        MODELS.build(dict(type="det.Nope"))
        MODELS.build(dict(type="nope.YOLO"))
        """,
    )
    output = project.cold(sources=["app3.py"]).output
    assert lines_of(output, "app3.py") == [
        (
            '3: error: Argument "size" to "YOLO" has incompatible type "str"; expected "int"  '
            "[arg-type]"
        ),
        (
            '4: error: "det.Nope" is not registered in registry "det_models" (scope "det")  '
            "[registry-name]"
        ),
        (
            '5: error: "nope.YOLO" is not registered: scope "nope" is not in the tree of registry '
            '"models" (scope "mypkg"); known scopes: "det" and "mypkg"  [registry-name]'
        ),
    ]


def test_modules_inside_the_locations_package_are_checked_like_any_other(
    project: Project,
) -> None:
    # mypkg.inner lives in the locations' own package: it sees what it imports and what the
    # locations register (a lookup imports them), so its misses are errors too.
    assert lines_of(project.cold().output, "mypkg/inner.py") == [
        (
            '4: error: Argument "layers" to "make_mlp" has incompatible type "str"; expected "int"'
            "  [arg-type]"
        ),
        '5: note: Revealed type is "mypkg.models.mlp.MLP"',
        '7: note: Revealed type is "mypkg.models.resnet.ResNet"',
        '8: error: "Nope" is not registered in registry "models" (scope "mypkg")  [registry-name]',
    ]


@pytest.mark.parametrize(
    "sources",
    [
        pytest.param(tuple(reversed(SOURCES)), id="reversed"),
        # Every file named, the registering modules first (mypy orders modules that do not
        # depend on each other by their place on the command line).
        pytest.param(
            (*sorted(name for name in FILES if name.startswith("mypkg/")), "app2.py", "app.py"),
            id="files",
        ),
    ],
)
def test_the_order_of_sources_does_not_change_the_output(
    project: Project, sources: tuple[str, ...]
) -> None:
    expected = project.cold().output
    assert project.cold(sources=sources).output == expected
    assert project.mypy(sources=sources).output == expected  # and from its own warm cache
    assert project.mypy(sources=sources).output == expected


WITHOUT_LOCATIONS = {
    **FILES,
    # No locations in code either: only the settings would be reported (registry-config).
    "mypkg/registry.py": FILES["mypkg/registry.py"].replace(', locations=["mypkg.models"]', ""),
    # A program that imports both the models and app: a plugin that looked at whatever
    # modules happen to be loaded would see ResNet in app.py in some orders only.
    "main.py": """\
        import mypkg.models.mlp
        import mypkg.models.resnet
        import mypkg.models.yolo

        import app
        """,
}


def test_without_locations_a_module_sees_its_imports_in_any_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    config = '[tool.mypy]\nplugins = ["typed_registry.mypy"]\n'
    project = Project.create(tmp_path, WITHOUT_LOCATIONS, config=config)
    orders = [
        ("app.py", "app2.py", "main.py", "mypkg"),
        ("mypkg", "main.py", "app2.py", "app.py"),
        (
            *sorted(name for name in WITHOUT_LOCATIONS if name.startswith("mypkg/")),
            "main.py",
            "app.py",
            "app2.py",
        ),
    ]
    expected = project.cold(sources=orders[0]).output
    for sources in orders:
        assert project.cold(sources=sources).output == expected, sources
        assert project.mypy(sources=sources).output == expected, sources
    # app.py imports none of the modules that register: it sees none of their names, in
    # every order, cold or warm. Names do resolve in modules that import them (mypkg.inner
    # imports mlp), and scoped names of the child registry resolve where its module is seen.
    misses = [
        f'error: "{name}" is not registered in registry "models" (scope "mypkg")  [registry-name]'
        for name in ["ResNet", "make_mlp", "ResNe", "ResNet"]
    ]
    misses.append(
        'error: "det.YOLO" is not registered: scope "det" is not in the tree of registry '
        '"models" (scope "mypkg"); known scopes: "mypkg"  [registry-name]'
    )
    assert lines_of(expected, "app.py") == [
        f"{line}: {miss}" for line, miss in enumerate(misses, start=3)
    ] + [
        '8: note: Revealed type is "mypkg.registry.Model"',
        '9: note: Revealed type is "mypkg.registry.Model"',
        '10: note: Revealed type is "mypkg.registry.Model"',
    ]
    assert lines_of(expected, "mypkg/inner.py")[:2] == [
        (
            '4: error: Argument "layers" to "make_mlp" has incompatible type "str"; expected "int"'
            "  [arg-type]"
        ),
        '5: note: Revealed type is "mypkg.models.mlp.MLP"',
    ]
    assert lines_of(expected, "main.py") == []
