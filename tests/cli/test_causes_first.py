"""``check`` reports the cause of misses, not the names it hides.

A ``custom_imports`` module that does not import, or a ``default_scope`` that no registry
has, makes names miss that the config spells right (often in a base file): the cause is
reported first, with what was probably meant, and the misses it explains are not.
"""

from __future__ import annotations

from tests.cli.conftest import run


def test_an_unknown_default_scope_is_named_instead_of_the_names_it_hides(project, capsys):
    package = project.package
    project.write(
        "configs/scoped.py",
        """
        default_scope = "PKG_chld"
        model = dict(type="Detector", backbone=dict(type="ChildNet", size=1))
        """,
    )
    status, out, _ = run(capsys, "check", "configs/scoped.py")
    assert (status, out.splitlines()) == (
        1,
        [
            (
                f"configs/scoped.py:2: error: default_scope: scope '{package}_chld' is not the "
                f"scope of any registry (scopes: '{package}', '{package}_child', "
                f"'{package}_hooks', '{package}_optim'); did you mean '{package}_child', "
                f"'{package}' or '{package}_hooks'?  [registry-name]"
            ),
            "Found 1 problem in 1 of 1 config",
        ],
    )


def test_a_default_scope_created_by_a_location_is_known(project, capsys):
    project.write(
        "configs/scoped.py",
        """
        default_scope = "PKG_child"
        model = dict(type="Detector", backbone=dict(type="ChildNet", size=1))
        """,
    )
    assert run(capsys, "check", "configs/scoped.py")[:2] == (0, "No problems in 1 config\n")


def test_a_custom_import_that_fails_comes_first_and_hides_the_names_it_registers(project, capsys):
    package = project.package
    project.write(
        "PKG/extras.py",
        """
        from PKG.registry import MODELS


        @MODELS.register_module()
        class ExtraNet:
            def __init__(self, width: int) -> None:
                self.width = width
        """,
    )
    project.write(
        "configs/extra.py",
        """
        model = dict(type="Detector", backbone=dict(type="ExtraNet", width=2))
        hooks = dict(logger=dict(type="LoggerHook", intervl=5))
        custom_imports = dict(imports=["PKG.extra"])
        """,
    )
    status, out, _ = run(capsys, "check", "configs/extra.py")
    assert (status, out.splitlines()) == (
        1,
        [
            (
                f"configs/extra.py:4: error: custom_imports.imports[0]: cannot import "
                f"'{package}.extra': no such module  [custom-imports]"
            ),
            (
                "configs/extra.py:3: error: hooks.logger.intervl: Unexpected keyword argument "
                '"intervl" for "LoggerHook"; did you mean "interval"?  [call-arg]'
            ),
            "Found 2 problems in 1 of 1 config",
        ],
    )


def test_a_default_scope_far_from_every_scope_is_named_without_suggestions(project, capsys):
    package = project.package
    project.write("configs/scoped.py", 'default_scope = "elsewhere"\n')
    status, out, _ = run(capsys, "check", "configs/scoped.py")
    assert (status, out.splitlines()[0]) == (
        1,
        (
            "configs/scoped.py:1: error: default_scope: scope 'elsewhere' is not the scope of any "
            f"registry (scopes: '{package}', '{package}_child', '{package}_hooks', "
            f"'{package}_optim')  [registry-name]"
        ),
    )


def test_a_location_that_fails_stops_check_before_a_scope_is_judged(project, capsys):
    project.write(
        "pyproject.toml",
        """
        [tool.typed_registry]
        locations = ["PKG.missing"]
        [tool.typed_registry.configs.registries]
        model = "PKG.registry.MODELS"
        """,
    )
    project.write("configs/scoped.py", 'default_scope = "elsewhere"\n')
    # The location may create the scope's registry: nothing is said of the scope, and the
    # settings' mistake is the one line (status 2: bad input, not a config's mistake).
    status, out, err = run(capsys, "check", "configs/scoped.py")
    assert (status, out) == (2, "")
    assert err.startswith(
        "typed-registry check: error: [tool.typed_registry] locations: cannot import "
        f"'{project.package}.missing' (ModuleNotFoundError"
    ), err
    assert "scope" not in err


def _plugins_package(project, extra: str) -> None:
    """Settings whose location is a package that does not import its module ``extra``."""
    project.write(
        "pyproject.toml",
        """
        [tool.typed_registry]
        locations = ["PKG.plugins"]
        [tool.typed_registry.configs.registries]
        model = "PKG.registry.MODELS"
        """,
    )
    project.write("PKG/plugins/__init__.py", "")
    project.write("PKG/plugins/extra.py", extra)


def test_a_default_scope_created_under_a_package_location_is_known(project, capsys):
    _plugins_package(
        project,
        """
        from typed_registry import Registry

        from PKG.registry import MODELS

        EXTRA = Registry("model", parent=MODELS, scope="PKG_extra")
        """,
    )
    project.write("configs/scoped.py", 'default_scope = "PKG_extra"\n')
    assert run(capsys, "check", "configs/scoped.py")[:2] == (0, "No problems in 1 config\n")


def test_a_default_scope_is_not_called_unknown_while_a_registrys_location_fails(project, capsys):
    _plugins_package(
        project,
        """
        from typed_registry import Registry

        OTHER = Registry("model", scope="PKG_other", locations=["PKG.nowhere"])
        """,
    )
    project.write("configs/scoped.py", 'default_scope = "elsewhere"\n')
    # A location of a registry under the package fails: the scope may be created there.
    assert run(capsys, "check", "configs/scoped.py")[:2] == (0, "No problems in 1 config\n")
