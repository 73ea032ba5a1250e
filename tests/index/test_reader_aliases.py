"""``ConfigFor`` through a module's aliases: ``norm_cfg: NormCfg`` names the alias's registry."""

from __future__ import annotations

import pytest
from tests.index.test_reader import read


@pytest.mark.parametrize(
    "alias",
    [
        pytest.param("NormCfg = Annotated[dict, ConfigFor(NORMS)]", id="assignment"),
        pytest.param("NormCfg: TypeAlias = Annotated[dict, ConfigFor(NORMS)]", id="type-alias"),
        pytest.param("NormCfg = 'Annotated[dict, ConfigFor(NORMS)]'", id="string"),
        pytest.param(
            "Plain = Annotated[dict, ConfigFor(NORMS)]\nNormCfg = Plain | None", id="alias-of-alias"
        ),
    ],
)
def test_a_parameter_annotated_with_an_alias_names_its_registry(alias: str) -> None:
    source = read(
        f"""
{alias}


class ResNet:
    def __init__(self, norm_cfg: NormCfg, stem: "NormCfg | None" = None) -> None: ...


def build_norm_layer(cfg: list[NormCfg], num_features: int) -> None: ...
"""
    )
    assert source.config_params == {
        "ResNet": {"norm_cfg": "NORMS", "stem": "NORMS"},
        "build_norm_layer": {"cfg": "NORMS"},
    }


@pytest.mark.parametrize(
    "alias",
    [
        pytest.param("NormCfg = NormCfg", id="names-itself"),
        pytest.param("NormCfg = dict[str, Any]", id="no-config-for"),
        pytest.param("NormCfg, Other = Annotated[dict, ConfigFor(NORMS)], 1", id="two-targets"),
        pytest.param("NormCfg: TypeAlias", id="no-value"),
        pytest.param("if X:\n    NormCfg = Annotated[dict, ConfigFor(NORMS)]", id="not-top-level"),
    ],
)
def test_other_names_are_no_config_for_alias(alias: str) -> None:
    source = read(f"{alias}\n\n\ndef build(cfg: NormCfg) -> None: ...\n")
    assert source.config_params == {}
