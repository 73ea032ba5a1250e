"""Nested configs: the registry that builds them, as the mypy plugin decides it."""

from typing import Annotated, Any

from typed_registry import ConfigFor, Registry
from typed_registry._validation import Checker, NamedClass, PartialDict
from typed_registry._validation._problem import ConfigProblem


def _tree(prefix: str) -> tuple[Registry[Any], Registry[Any], Registry[Any]]:
    runners: Registry[Any] = Registry("runners", scope=f"{prefix}_runners")
    models: Registry[Any] = Registry("models", scope=f"{prefix}_models")
    optimizers: Registry[Any] = Registry("optimizers", scope=f"{prefix}_optimizers")

    @models.register_module()
    class ResNet:
        def __init__(self, depth: int) -> None:
            pass

    @optimizers.register_module()
    class SGD:
        def __init__(self, params: list[int], lr: float) -> None:
            pass

    @runners.register_module()
    class Runner:
        def __init__(
            self,
            model: dict[str, Any],
            optimizers: Annotated[list[dict[str, Any]], ConfigFor(optimizers)] = (),  # type: ignore[assignment]
            nms: Any = None,
            settings: dict[str, Any] | None = None,
        ) -> None:
            pass

    return runners, models, optimizers


def test_configfor_names_the_registry_and_missing_keys_are_the_builders():
    runners, models, _ = _tree("n_for")
    cfg = {
        "type": "Runner",
        "model": {"type": "ResNet", "depth": 50},
        "optimizers": [{"type": "SGD", "lr": 0.1}, {"type": "Adam"}],
    }
    problems = runners.validate(cfg, registries=[models])
    assert [(p.path, p.code) for p in problems] == [("optimizers[1].type", "registry-name")]


def test_without_configfor_a_nested_config_is_checked_by_name_only():
    # Its builder may pop, add or rename keys before building: nothing says it does not.
    runners, models, _ = _tree("n_plain")
    cfg = {"type": "Runner", "model": {"type": "ResNet", "requires_grad": True}}
    assert runners.validate(cfg, registries=[models]) == []
    cfg = {"type": "Runner", "model": {"type": "ResNte", "depth": "50"}}
    assert [(p.path, p.code) for p in runners.validate(cfg, registries=[models])] == [
        ("model.type", "registry-name")
    ]


def test_a_name_found_nowhere_is_reported_only_when_a_registered_name_is_close():
    runners, models, _ = _tree("n_nowhere")
    cfg = {"type": "Runner", "model": {"type": "ResNte"}, "nms": {"type": "nms"}}
    assert runners.validate(cfg, registries=[models]) == [
        ConfigProblem(
            "model.type",
            "'ResNte' is not registered in any registry; did you mean 'ResNet'?",
            "registry-name",
        )
    ]


def test_a_name_found_in_several_registries_is_left_alone():
    runners, models, _ = _tree("n_several")
    others: Registry[Any] = Registry("others", scope="n_several_others")

    @others.register_module()
    class ResNet:
        pass

    cfg = {"type": "Runner", "model": {"type": "ResNet", "whatever": 1}}
    assert runners.validate(cfg, registries=[models, others]) == []


def test_a_dict_without_type_is_searched_for_configs():
    runners, models, _ = _tree("n_settings")
    cfg = {
        "type": "Runner",
        "model": {"type": "ResNet", "depth": 1},
        "settings": {"inner": {"type": "ResNet", "depth": "1"}, "list": [{"type": "ResNte"}, 3]},
    }
    problems = runners.validate(cfg, registries=[models])
    assert [p.path for p in problems] == ["settings.list[0].type"]
    partial = PartialDict({"inner": {"type": "ResNet", "depth": "1"}})
    assert runners.validate({**cfg, "settings": partial}, registries=[models]) == []


def test_a_nested_name_may_resolve_from_another_registry_of_its_tree():
    root: Registry[Any] = Registry("models", scope="n_move_root")
    left: Registry[Any] = Registry("models", scope="n_move_left", parent=root)
    right: Registry[Any] = Registry("models", scope="n_move_right", parent=root)
    holders: Registry[Any] = Registry("holders", scope="n_move_holders")

    @left.register_module()
    class OnlyLeft:
        def __init__(self, size: int) -> None:
            pass

    @left.register_module("Both")
    class BothLeft:
        pass

    @right.register_module("Both")
    class BothRight:
        pass

    @holders.register_module()
    class Holder:
        def __init__(self, model: Annotated[dict[str, Any], ConfigFor(root)]) -> None:
            pass

    def check(model: dict[str, Any]) -> list[str]:
        return [p.path for p in holders.validate({"type": "Holder", "model": model})]

    assert check({"type": "OnlyLeft", "size": "1"}) == ["model.size"]
    assert check({"type": "Both", "any": 1}) == []
    assert check({"type": "Nowhere"}) == ["model.type"]
    assert check({"type": "OnlyLeft", "_scope_": "n_move_root"}) == ["model.type"]
    # Unannotated, under a default scope: the scope's registry of each tree.
    checker = Checker([root])
    checker.check_config(
        {"type": "Holder", "model": {"type": "OnlyLeft", "size": 1}, "x": {"type": "OnlyLft"}},
        holders,
        "",
        scope="n_move_left",
    )
    assert [p.path for p in checker.problems] == ["x", "x.type"]
    # A nested config without "type": its builder may supply one.
    assert check({"size": 1}) == []


def test_a_class_named_by_the_config_is_found_among_entries_or_imported_modules():
    runners, models, _ = _tree("n_named")
    resnet = models.get("ResNet")
    assert resnet is not None
    fullname = f"{resnet.__module__}.{resnet.__qualname__}"
    # Found, and its builder not declared: nothing more to check.
    cfg = {"type": "Runner", "model": {"type": NamedClass(fullname), "depth": "1"}}
    assert [p.path for p in runners.validate(cfg, registries=[models])] == []
    checker = Checker([runners, models])
    checker.check_config({"type": NamedClass(fullname), "depth": "1"}, models, "", scope=None)
    assert [p.path for p in checker.problems] == ["depth"]
    checker = Checker([runners])
    checker.check_config({"type": NamedClass("json.dumps"), "obj": 1}, runners, "", scope=None)
    checker.check_config({"type": NamedClass("json.nothing_here")}, runners, "", scope=None)
    checker.check_config(
        {"type": "Runner", "model": {"type": NamedClass("json.dumps")}}, runners, "", scope=None
    )
    assert checker.problems == []


def test_a_nested_type_that_is_no_name_is_a_plain_dicts_own():
    runners, models, _ = _tree("n_own_type")
    cfg = {"type": "Runner", "model": {"type": 1}}
    assert runners.validate(cfg, registries=[models]) == []


def test_a_part_is_a_config_or_a_list_of_them():
    runners, models, _ = _tree("n_parts")
    checker = Checker([models])
    checker.check_part(None, models, "model", default_args={}, scope=None)
    checker.check_part(3, models, "model", default_args={}, scope=None)
    checker.check_part(
        [{"type": "ResNet", "depth": 1}, {"type": "ResNet"}],
        models,
        "m",
        default_args={},
        scope=None,
    )
    checker.check_part([{"type": "ResNet"}], models, "n", default_args={}, scope=None, nested=True)
    assert checker.problems == [
        ConfigProblem(
            "model", "Invalid config: expected a config (a dict), not int", "registry-config"
        ),
        ConfigProblem("m[1]", 'Missing named argument "depth" for "ResNet"', "call-arg"),
    ]
    del runners
