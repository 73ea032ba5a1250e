"""``check`` reads a builder's contract written once as a module alias (see ``validate``'s)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.cli.conftest import run

if TYPE_CHECKING:
    import pytest
    from tests.cli.conftest import Project


def test_check_reads_the_contract_of_an_alias(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.write(
        "PKG/models.py",
        """
        from typing import Annotated, Any

        from typed_registry import ConfigFor

        from PKG.registry import HOOKS, MODELS

        NormCfg = Annotated[dict[str, Any], ConfigFor(HOOKS, supplies=["size"], consumes=["x"])]


        @HOOKS.register_module()
        class Norm:
            def __init__(self, size: int, eps: float = 1.0) -> None:
                self.size = size


        @MODELS.register_module()
        class Detector:
            def __init__(self, norm: NormCfg) -> None:
                self.norm = norm
        """,
    )
    project.write(
        "configs/norm.py",
        'model = dict(type="Detector", norm=dict(type="Norm", x=1, size=2, eps="1"))\n',
    )
    status, out, _ = run(capsys, "check", "configs/norm.py", "--loader", "builtin")
    assert status == 1
    assert out.splitlines() == [
        (
            'configs/norm.py:1: error: model.norm.size: Unexpected keyword argument "size" for '
            '"Norm"  [call-arg]'
        ),
        (
            'configs/norm.py:1: error: model.norm.eps: Argument "eps" to "Norm" has incompatible '
            'type "str"; expected "float"  [arg-type]'
        ),
        "Found 2 problems in 1 of 1 config",
    ]
