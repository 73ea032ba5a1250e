"""Python configs: what the static reader computes, what it leaves unknown, and where."""

from __future__ import annotations

import pytest

from typed_registry._configs import (
    UNKNOWN,
    ClassRef,
    ConfigDict,
    Origin,
    Scalar,
    Unknown,
    at_path,
    load_config_file,
    to_plain,
)


@pytest.fixture
def read(write):
    def read_text(text: str, name: str = "cfg.py") -> dict:
        return to_plain(load_config_file(write(name, text)).root)

    return read_text


@pytest.fixture
def root(write):
    def read_root(text: str, name: str = "cfg.py") -> ConfigDict:
        return load_config_file(write(name, text)).root

    return read_root


# -- never runs, never shares ---------------------------------------------------------------


def test_reading_never_runs_the_config(write, tmp_path):
    sentinel = tmp_path / "sentinel"
    path = write(
        "cfg.py",
        f"""
        import os
        os.system("touch {sentinel}")
        open({str(sentinel)!r}, "w").write("ran")
        __import__("pathlib").Path({str(sentinel)!r}).touch()
        model = dict(type="ResNet", hook=exec("open({str(sentinel)!r}, 'w')"))
        """,
    )
    loaded = load_config_file(path)
    assert not sentinel.exists()
    assert to_plain(loaded.root) == {"model": {"type": "ResNet", "hook": UNKNOWN}}


def test_a_base_shared_by_two_imports_is_never_changed_by_one(write):
    write("_base_/model.py", "model = dict(backbone=dict(depth=50), neck=dict(n=1))\n")
    write(
        "a.py",
        """
        with read_base():
            from ._base_.model import *
        model.update(backbone=dict(depth=101))
        model['neck']['n'] = 2
        """,
    )
    write(
        "b.py",
        """
        with read_base():
            from ._base_.model import model as original
        """,
    )
    path = write("cfg.py", "_base_ = ['./a.py', './b.py']\n")
    assert to_plain(load_config_file(path).root) == {
        "model": {"backbone": {"depth": 101}, "neck": {"n": 2}},
        "original": {"backbone": {"depth": 50}, "neck": {"n": 1}},
    }


def test_a_helper_used_twice_keeps_its_value_where_one_use_is_replaced(read):
    text = """
        pipeline = [dict(type='Load')]
        train = dict(pipeline=pipeline)
        val = dict(pipeline=pipeline)
        train['pipeline'] = [dict(type='Other')]
        """
    assert read(text) == {
        "pipeline": [{"type": "Load"}],
        "train": {"pipeline": [{"type": "Other"}]},
        "val": {"pipeline": [{"type": "Load"}]},
    }


def test_a_change_inside_a_shared_dict_shows_through_every_name(read):
    text = """
        backbone = dict(depth=50, norm=dict(type='BN'))
        model = dict(backbone=backbone, neck=dict(norm=backbone['norm']))
        model['backbone']['depth'] = 101
        norms = [backbone['norm'], dict(type='LN')]
        model['backbone']['norm'].update(type='GN')
        other = dict(depth=50)
        """
    assert read(text) == {  # what Python gives
        "backbone": {"depth": 101, "norm": {"type": "GN"}},
        "model": {
            "backbone": {"depth": 101, "norm": {"type": "GN"}},
            "neck": {"norm": {"type": "GN"}},
        },
        "norms": [{"type": "GN"}, {"type": "LN"}],
        "other": {"depth": 50},
    }


def test_a_replaced_value_is_not_changed_where_another_name_holds_it(read):
    text = """
        norm = dict(type='BN')
        model = dict(norm=norm)
        model['norm'] = dict(type='GN')
        """
    assert read(text) == {"norm": {"type": "BN"}, "model": {"norm": {"type": "GN"}}}


# -- what the reader computes ---------------------------------------------------------------


def test_literals_names_and_dict_calls(read):
    text = """
        '''A docstring.'''
        depth: int = 50
        hint: int
        a = b = dict(depth=depth, scale=(1333, 800), flags=[True, None], ratio=-0.5, up=+2)
        c = {'x': 1, **a, **dict(y=2)}
        d = dict({'p': 1}, q=2, **{'r': 3})
        pass
        """
    assert read(text) == {
        "depth": 50,
        "a": {"depth": 50, "scale": (1333, 800), "flags": [True, None], "ratio": -0.5, "up": 2},
        "b": {"depth": 50, "scale": (1333, 800), "flags": [True, None], "ratio": -0.5, "up": 2},
        "c": {
            "x": 1,
            "depth": 50,
            "scale": (1333, 800),
            "flags": [True, None],
            "ratio": -0.5,
            "up": 2,
            "y": 2,
        },
        "d": {"p": 1, "q": 2, "r": 3},
    }


def test_operators_on_lists_strings_and_numbers(read):
    text = """
        root = 'data/' + 'coco/'
        steps = [8] + [11]
        steps += [12]
        pair = (1,) + (2,)
        items = [0, *steps, *pair]
        lr = 0.02 / 8 * 2 - 0.001 + 1
        epochs = 7 // 2
        epochs += 1
        """
    assert read(text) == {
        "root": "data/coco/",
        "steps": [8, 11, 12],
        "pair": (1, 2),
        "items": [0, 8, 11, 12, 1, 2],
        "lr": 0.02 / 8 * 2 - 0.001 + 1,
        "epochs": 4,
    }


@pytest.mark.parametrize(
    "expression",
    [
        "1 / 0",
        "2 ** 3",
        "'a' * 2",
        "True + 1",
        "'a' + 1",
        "-'a'",
        "not 1",
        "b'bytes'",
        "...",
        "f'{1}'",
        "[x for x in range(3)]",
        "lambda: 1",
        "[*range(3)]",
        "print('x')",
        "undefined_name",
    ],
)
def test_what_cannot_be_computed_is_unknown(read, expression):
    assert read(f"value = {expression}\n") == {"value": UNKNOWN}


def test_subscripts_and_attributes(read):
    text = """
        model = dict(backbone=dict(depth=50), steps=[1, 2, 3])
        depth = model['backbone']['depth']
        attribute = model.backbone.depth
        last = model['steps'][-1]
        beyond = model['steps'][3]
        by_bool = model['steps'][True]
        missing = model['neck']
        missing_attribute = model.neck
        computed_key = model['back' + 'bone']
        sliced = model['steps'][0:1]
        of_call = dict(a=1).a
        """
    assert read(text) == {
        "model": {"backbone": {"depth": 50}, "steps": [1, 2, 3]},
        "depth": 50,
        "attribute": 50,
        "last": 3,
        "beyond": UNKNOWN,
        "by_bool": UNKNOWN,
        "missing": UNKNOWN,
        "missing_attribute": UNKNOWN,
        "computed_key": {"depth": 50},
        "sliced": UNKNOWN,
        "of_call": 1,
    }


def test_item_assignment_and_update(read):
    text = """
        model = dict(backbone=dict(depth=50, frozen=1), neck=dict(n=1))
        model['backbone']['depth'] = 101
        model.neck.n = 2
        model['head'] = dict(classes=80)
        model.update(backbone=dict(frozen=0), extra=1)
        model.backbone.update({'style': 'caffe'})
        optim = dict(lr=0.1)
        optim['momentum'] = 0.9
        """
    assert read(text) == {
        "model": {
            "backbone": {"depth": 101, "frozen": 0, "style": "caffe"},
            "neck": {"n": 2},
            "head": {"classes": 80},
            "extra": 1,
        },
        "optim": {"lr": 0.1, "momentum": 0.9},
    }


@pytest.mark.parametrize(
    ("statements", "expected"),
    [
        # a key of a missing key: Python fails, the value is unknown
        ("model['neck']['n'] = 1", UNKNOWN),
        ("model['steps']['n'] = 1", UNKNOWN),
        ("model['steps'][0] = 1", UNKNOWN),
        ("model['steps'].append(4)", UNKNOWN),
        ("model.setdefault('x', 1)", UNKNOWN),
        ("model['steps'].update(a=1)", UNKNOWN),
        ("del model['steps']", UNKNOWN),
        ("model['steps'] += [4]", UNKNOWN),
        ("del model", None),
        ("model.update(dict(a=1))", {"steps": [1, 2, 3], "a": 1}),
    ],
)
def test_changes_that_cannot_be_followed_make_the_variable_unknown(read, statements, expected):
    result = read(f"model = dict(steps=[1, 2, 3])\n{statements}\n")
    assert result.get("model") == expected


def test_method_calls_on_a_variable_make_it_unknown(read):
    text = """
        pipeline = [dict(type='Load')]
        pipeline.append(dict(type='Resize'))
        other = [1]
        other.extend([2])
        kept = 1
        """
    assert read(text) == {"pipeline": UNKNOWN, "other": UNKNOWN, "kept": 1}


def test_statements_make_what_they_bind_unknown(read):
    text = """
        from app.models import RetinaNet
        import os
        flag = True
        depth = 50
        scales = [1]
        if flag:
            depth = 101
            RetinaNet.count = 1
        else:
            extra = 1
        for scale in (2, 3):
            scales[0] = scale
        while False:
            loops = 1
        try:
            pass
        except Exception:
            failed = 1
        with open('x') as handle:
            read = handle.read()
        def helper():
            inner = 1
        class Holder:
            pass
        model = dict(type=RetinaNet)
        os.makedirs('x')
        print(depth)
        """
    result = read(text)
    assert result == {
        "flag": True,
        "depth": UNKNOWN,
        "scales": UNKNOWN,
        "extra": UNKNOWN,
        "scale": UNKNOWN,
        "loops": UNKNOWN,
        "failed": UNKNOWN,
        "handle": UNKNOWN,
        "read": UNKNOWN,
        "helper": UNKNOWN,
        "inner": UNKNOWN,
        "Holder": UNKNOWN,
        "model": {"type": "app.models.RetinaNet"},
    }


def test_unknown_changes_through_expressions_without_a_variable(read):
    text = """
        dict(a=1).update(b=2)
        undefined.append(1)
        undefined[0] = 1
        undefined.attr = 1
        value = 1
        value[0].attr = 2
        """
    assert read(text) == {"undefined": UNKNOWN, "value": UNKNOWN}


def test_aug_assign_of_an_unknown_name(read):
    assert read("total += 1\n") == {"total": UNKNOWN}


def test_imported_names_become_class_refs(root):
    config = root(
        """
        import os.path
        import numpy as np
        from app.models import RetinaNet as Net, ResNet
        from .local import Thing
        from mmengine import *
        model = dict(type=Net, backbone=dict(type=ResNet), thing=Thing, join=os.path.join)
        dtype = np.float32
        ResNet = 'rebound'
        name = ResNet
        """
    )
    assert to_plain(config) == {
        "model": {
            "type": "app.models.RetinaNet",
            "backbone": {"type": "app.models.ResNet"},
            "thing": ".local.Thing",
            "join": "os.path.join",
        },
        "dtype": "numpy.float32",
        "ResNet": "rebound",
        "name": "rebound",
    }
    assert config.partial  # `import *` of a module the reader does not read
    net = at_path(config, "model.type")
    assert net == ClassRef("app.models.RetinaNet", Origin(str(config.origin.file), 6, 18))


def test_an_import_replaces_a_variable(read):
    assert read("os = 1\nimport os\nvalue = os\n") == {"value": "os"}


def test_a_shadowed_dict_is_not_a_dict_call(read):
    assert read("dict = 1\nvalue = dict(a=1)\n") == {"dict": 1, "value": UNKNOWN}


@pytest.mark.parametrize(
    "expression",
    [
        "{**unknown, 'a': 1}",
        "{1: 'x', 'a': 1}",
        "dict(*pairs, a=1)",
        "dict([('b', 2)], a=1)",
        "dict(a=1, **unknown)",
        "dict({**unknown}, a=1)",
        "dict(a=1, **{**unknown})",
        "{**{**unknown}, 'a': 1}",
    ],
)
def test_spreading_what_is_unknown_makes_the_dict_partial(root, expression):
    config = root(f"value = {expression}\n")
    value = config.items["value"]
    assert isinstance(value, ConfigDict)
    assert value.partial
    assert to_plain(value) == {"a": 1}


def test_update_with_unknown_arguments_is_partial(root):
    config = root("model = dict(a=1)\nmodel.update(unknown)\n")
    model = config.items["model"]
    assert isinstance(model, ConfigDict)
    assert model.partial
    assert to_plain(model) == {"a": 1}


# -- old style: _base_ and {{_base_.key}} ---------------------------------------------------


def test_base_references_are_replaced_by_the_base_values(write, read):
    write("base.py", "model = dict(backbone=dict(depth=50))\nsteps = [8, 11]\n")
    text = """
        _base_ = 'base.py'
        _base_ = ('./base.py',)
        backbone = {{_base_.model.backbone}}
        steps = {{ _base_.steps }} + [12]
        """
    assert read(text) == {
        "model": {"backbone": {"depth": 50}},
        "steps": [8, 11, 12],
        "backbone": {"depth": 50},
    }


def test_a_list_of_bases_is_merged_in_order(write, read):
    write("a.yaml", "model:\n  type: A\n  depth: 50\n")
    write("b.json", '{"optim": {"lr": 0.1}}')
    write("c.toml", "[runtime]\nseed = 1\n")
    text = """
        _base_ = ['./a.yaml', './b.json', './c.toml']
        model = dict(depth=101)
        optim = dict(_delete_=True, lr=0.2)
        """
    assert read(text) == {
        "model": {"type": "A", "depth": 101},
        "optim": {"lr": 0.2},
        "runtime": {"seed": 1},
    }


def test_a_dict_over_an_unknown_of_the_base_is_partial(write, root):
    write("base.py", "model = build()\n")
    config = root("_base_ = './base.py'\nmodel = dict(depth=101)\n")
    model = config.items["model"]
    assert isinstance(model, ConfigDict)
    assert model.partial
    assert to_plain(model) == {"depth": 101}


def test_loaded_config_records_files_and_bases(write, tmp_path):
    write("configs/_base_/common.py", "a = 1\n")
    write("configs/_base_/model.py", "_base_ = './common.py'\nb = 2\n")
    path = write("configs/cfg.py", "_base_ = './_base_/model.py'\n")
    loaded = load_config_file(path)
    base = tmp_path / "configs" / "_base_"
    assert loaded.files == (path, base / "model.py", base / "common.py")
    assert not loaded.is_base
    assert load_config_file(base / "model.py").is_base
    assert loaded.path == path


# -- new style: read_base -------------------------------------------------------------------


def test_read_base_imports_the_base_variables(write, tmp_path):
    write(
        "configs/_base_/models/retina.py",
        "model = dict(type='RetinaNet', depth=50)\n_hidden = 1\nlr = 0.1\n",
    )
    write("configs/_base_/runtime.py", "scope = 'det'\n")
    path = write(
        "configs/retina/cfg.py",
        """
        from mmengine.config import read_base

        with read_base():
            from .._base_.models.retina import *
            from .._base_.runtime import scope as default_scope
            import math

        model.update(depth=101)
        """,
    )
    loaded = load_config_file(path)
    assert to_plain(loaded.root) == {
        "model": {"type": "RetinaNet", "depth": 101},
        "lr": 0.1,
        "default_scope": "det",
    }
    base = tmp_path / "configs" / "_base_"
    assert loaded.files == (path, base / "models" / "retina.py", base / "runtime.py")


def test_read_base_through_mmengine_attribute(write):
    write("base.py", "a = 1\n")
    path = write(
        "cfg.py", "import mmengine\nwith mmengine.config.read_base():\n    from .base import a\n"
    )
    assert to_plain(load_config_file(path).root) == {"a": 1}


def test_read_base_of_a_partial_base_is_partial(write):
    write("base.py", "from somewhere import *\na = 1\n")
    path = write("cfg.py", "with read_base():\n    from .base import *\n")
    root = load_config_file(path).root
    assert root.partial
    assert to_plain(root) == {"a": 1}


@pytest.mark.parametrize("names", ["model", "*"])
def test_read_base_of_a_package_itself_is_partial(root, names):
    # (``from mmdet.configs.x import *`` is read from the installed package:
    # tests/configs/test_package_bases.py.)
    config = root(f"with read_base():\n    from . import {names}\n")
    assert config.partial
    if names != "*":
        assert isinstance(config.items["model"], Unknown)


def test_other_with_blocks_are_not_read_base(read):
    text = """
        with read_base(), other():
            from .x import *
        with lock:
            a = 1
        with factory()():
            b = 1
        """
    assert read(text) == {"a": UNKNOWN, "b": UNKNOWN}


# -- origins --------------------------------------------------------------------------------


def test_python_values_carry_line_and_column(root):
    config = root("model = dict(\n    type='ResNet',\n    depth=50,\n)\n")
    file = config.origin.file
    assert config.origin == Origin(file, 1, 0)
    assert at_path(config, "model") == ConfigDict(
        {"type": Scalar("ResNet", Origin(file, 2, 9)), "depth": Scalar(50, Origin(file, 3, 10))},
        Origin(file, 1, 8),
    )


def test_a_value_from_a_base_keeps_the_base_line(write):
    base = write("_base_/model.py", "model = dict(\n    type='ResNet',\n    depth='fifty',\n)\n")
    path = write("cfg.py", "_base_ = './_base_/model.py'\nmodel = dict(type='ResNeXt')\n")
    root = load_config_file(path).root
    assert at_path(root, "model.depth") == Scalar("fifty", Origin(str(base), 3, 10))
    assert at_path(root, "model.type") == Scalar("ResNeXt", Origin(str(path), 2, 18))
    assert at_path(root, "model").origin == Origin(str(path), 2, 8)  # the dict merged last


def test_unknown_values_say_where_they_were_made(root):
    config = root("a = 1\nif a:\n    b = 2\nc = len([])\n")
    file = config.origin.file
    assert config.items["b"] == Unknown(Origin(file, 2))
    assert config.items["c"] == Unknown(Origin(file, 4, 4))


# -- _base_ in the file's own code ----------------------------------------------------------


def test_del_base_key_replaces_the_bases_value_as_mmengine_does(write, tmp_path) -> None:
    """``detector = _base_.model`` reads the base; ``del _base_.model`` drops its key."""
    write(
        "base.py",
        "model = dict(type='YOLOX', backbone=dict(type='CSP'), neck=dict(type='PAFPN'))\n"
        "other = dict(a=1)\n",
    )
    config = write(
        "track.py",
        "_base_ = ['./base.py']\n"
        "detector = _base_.model\n"
        "detector_type = _base_.model.type\n"
        "del _base_.model\n"
        "del _base_['other']\n"
        "model = dict(type='ByteTrack', detector=detector)\n",
    )
    read = to_plain(load_config_file(config).root)
    assert read["model"] == {
        "type": "ByteTrack",
        "detector": {"type": "YOLOX", "backbone": {"type": "CSP"}, "neck": {"type": "PAFPN"}},
    }
    assert "other" not in read
    assert read["detector_type"] == "YOLOX"
    from mmengine.config import Config  # noqa: PLC0415  # mmengine-lite, a test dependency

    expected = Config.fromfile(str(config)).to_dict()
    assert read == expected


def test_a_base_rebound_by_the_file_is_not_the_bases(read) -> None:
    text = "_base_ = []\n_base_ += ['x']\ndel _base_.model\nmodel = dict(type='A')\n"
    assert read(text) == {"model": {"type": "A"}}
