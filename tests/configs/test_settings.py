"""[tool.typed_registry.configs]: which files are configs, and the parts each registry builds."""

from __future__ import annotations

from typed_registry._configs import (
    ConfigSettings,
    Part,
    PartRule,
    config_files,
    load_config_file,
    parts_of,
    read_config_settings,
    to_plain,
)


def test_settings_read_rules_in_order():
    table = {
        "paths": ["configs", "extra.py"],
        "registries": {
            "model": "app.MODELS",
            "optim_wrapper": {"registry": "app.OPTIM_WRAPPERS", "default_args": ["params"]},
            "default_hooks.*": {"registry": "app.HOOKS"},
        },
    }
    assert read_config_settings(table, "pyproject.toml") == ConfigSettings(
        ("configs", "extra.py"),
        (
            PartRule("model", "app.MODELS"),
            PartRule("optim_wrapper", "app.OPTIM_WRAPPERS", ("params",)),
            PartRule("default_hooks.*", "app.HOOKS"),
        ),
    )


def test_empty_settings():
    assert read_config_settings({}, "setup.cfg") == ConfigSettings()


def test_config_files_are_found_under_folders_and_named_files(write, tmp_path):
    a = write("configs/a.py", "")
    b = write("configs/_base_/b.yaml", "")
    c = write("configs/deep/c.json", "{}")
    d = write("configs/deep/d.toml", "")
    write("configs/notes.txt", "")
    (tmp_path / "configs" / "folder.py").mkdir()
    extra = write("extra.py", "")
    settings = ConfigSettings(paths=("configs", "extra.py", "configs/a.py"))
    assert config_files(settings, tmp_path) == sorted([a, b, c, d, extra])


def test_parts_follow_paths_stars_and_lists(write):
    path = write(
        "cfg.py",
        """
        model = dict(type='RetinaNet')
        default_hooks = dict(timer=dict(type='Timer'), logger=dict(type='Logger'), off=None)
        custom_hooks = [dict(type='A'), dict(type='B')]
        train_dataloader = dict(dataset=dict(type='Coco', pipeline=[dict(type='Load')]))
        scalar = 1
        """,
    )
    loaded = load_config_file(path)
    rules = (
        PartRule("model", "app.MODELS"),
        PartRule("default_hooks.*", "app.HOOKS"),
        PartRule("custom_hooks", "app.HOOKS"),
        PartRule("train_dataloader.dataset.pipeline", "app.TRANSFORMS"),
        PartRule("missing.key", "app.X"),
        PartRule("scalar.key", "app.X"),
        PartRule("*.type", "app.X"),
    )
    parts = list(parts_of(loaded, ConfigSettings(parts=rules)))
    assert [(part.path, part.rule.registry, to_plain(part.node)) for part in parts] == [
        ("model", "app.MODELS", {"type": "RetinaNet"}),
        ("default_hooks.timer", "app.HOOKS", {"type": "Timer"}),
        ("default_hooks.logger", "app.HOOKS", {"type": "Logger"}),
        ("default_hooks.off", "app.HOOKS", None),
        ("custom_hooks[0]", "app.HOOKS", {"type": "A"}),
        ("custom_hooks[1]", "app.HOOKS", {"type": "B"}),
        ("train_dataloader.dataset.pipeline[0]", "app.TRANSFORMS", {"type": "Load"}),
        ("model.type", "app.X", "RetinaNet"),
    ]
    assert isinstance(parts[0], Part)
    assert parts[0].node is loaded.root.items["model"]
