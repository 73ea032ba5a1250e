"""``_base_ = "pkg::folder/file.py"``: a base read from an installed package, as MMEngine does.

The installed package is a fake one in a temporary ``site`` directory: ``mmdet/__init__.py``,
``mmdet/.mim/model-index.yml`` and ``mmdet/.mim/configs/...``, which is what an OpenMMLab
wheel installs. Nothing is imported to find it.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import tempfile
import textwrap
import types
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from typed_registry._configs import ConfigFileError, load_config_file, to_plain

MODEL = "model = dict(type='FasterRCNN', backbone=dict(type='ResNet', depth=50))\n"


def put(root: Path, name: str, text: str = "") -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def install(site: Path, package: str, configs: dict[str, str], *, index: bool = True) -> None:
    """Lay out ``package`` in ``site`` as a wheel with its configs installs it."""
    put(site, f"{package}/__init__.py")
    if index:
        put(site, f"{package}/.mim/model-index.yml", "Import: []\n")
    for name, text in configs.items():
        put(site, f"{package}/.mim/configs/{name}", text)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    install(site, "mmdet", {"_base_/models/faster.py": MODEL})
    return site


def load(path: Path, *search: Path) -> dict[str, object]:
    return to_plain(load_config_file(path, search_path=search).root)


def error_of(path: Path, *search: Path) -> str:
    with pytest.raises(ConfigFileError) as caught:
        load_config_file(path, search_path=search)
    return str(caught.value)


def test_a_package_base_is_read_from_the_packages_mim_configs(tmp_path, site):
    config = put(
        tmp_path,
        "configs/cfg.py",
        "_base_ = 'mmdet::_base_/models/faster.py'\nmodel = dict(backbone=dict(depth=101))\n",
    )
    assert load(config, site) == {
        "model": {
            "type": "FasterRCNN",
            "backbone": {"type": "ResNet", "depth": 101},
            "_scope_": "mmdet",
        }
    }
    assert load_config_file(config, search_path=[site]).files[1] == (
        site / "mmdet/.mim/configs/_base_/models/faster.py"
    )


def test_the_package_found_first_on_the_search_path_is_read(tmp_path, site):
    project = tmp_path / "project"
    install(project, "mmdet", {"_base_/models/faster.py": "model = dict(type='Mine')\n"})
    config = put(tmp_path, "cfg.py", "_base_ = 'mmdet::_base_/models/faster.py'\n")
    assert load(config, project, site) == {"model": {"type": "Mine", "_scope_": "mmdet"}}
    assert load(config, site, project)["model"] == load(config, site)["model"]


def test_without_a_search_path_the_package_is_found_where_import_finds_it(
    tmp_path, site, monkeypatch
):
    monkeypatch.syspath_prepend(str(site))
    config = put(tmp_path, "cfg.py", "_base_ = 'mmdet::_base_/models/faster.py'\n")
    assert to_plain(load_config_file(config).root)["model"] == load(config, site)["model"]


def test_only_the_outermost_typed_dicts_get_the_packages_scope(tmp_path):
    site = tmp_path / "site"
    base = """\
        model = dict(type='A', backbone=dict(type='B'))
        pipeline = [dict(type='Load'), dict(type='Resize', _scope_='mmcv')]
        optim = dict(optimizer=dict(type='SGD', _scope_=None), clip=None)
        plain = dict(lr=0.1)
        """
    install(site, "mmdet", {"_base_/b.py": base})
    config = put(tmp_path, "cfg.py", "_base_ = 'mmdet::_base_/b.py'\n")
    assert load(config, site) == {
        "model": {"type": "A", "backbone": {"type": "B"}, "_scope_": "mmdet"},
        "pipeline": [
            {"type": "Load", "_scope_": "mmdet"},
            {"type": "Resize", "_scope_": "mmcv"},
        ],
        "optim": {"optimizer": {"type": "SGD", "_scope_": "mmdet"}, "clip": None},
        "plain": {"lr": 0.1},
    }


def test_a_package_base_of_a_package_base_is_read_in_each_ones_scope(tmp_path, site):
    install(site, "mmseg", {"_base_/seg.py": "_base_ = 'mmdet::_base_/models/faster.py'\n"})
    config = put(tmp_path, "cfg.py", "_base_ = ['mmseg::_base_/seg.py']\n")
    # The inner base scoped its model mmdet first: MMEngine keeps a scope already set.
    assert (
        load(config, site)["model"]
        == load(put(tmp_path, "direct.py", "_base_ = 'mmdet::_base_/models/faster.py'\n"), site)[
            "model"
        ]
    )


def test_a_package_base_reads_its_own_relative_bases(tmp_path, site):
    install(
        site,
        "mmdet",
        {
            "faster_rcnn/faster.py": "_base_ = '../_base_/models/faster.py'\nepochs = 12\n",
        },
    )
    config = put(tmp_path, "cfg.py", "_base_ = 'mmdet::faster_rcnn/faster.py'\n")
    assert load(config, site) == {
        "model": {
            "type": "FasterRCNN",
            "backbone": {"type": "ResNet", "depth": 50},
            "_scope_": "mmdet",
        },
        "epochs": 12,
    }


def test_a_base_variable_holds_the_scope_only_where_the_base_set_it(tmp_path, site):
    config = put(
        tmp_path,
        "cfg.py",
        "_base_ = 'mmdet::_base_/models/faster.py'\n"
        "detector = {{_base_.model}}\nbackbone = {{_base_.model.backbone}}\n",
    )
    loaded = load(config, site)
    assert loaded["detector"] == loaded["model"]
    assert loaded["backbone"] == {"type": "ResNet", "depth": 50}  # MMEngine's too


# -- what MMEngine cannot read either: one error of the config, naming the base ------------


def test_a_package_that_is_not_installed_is_an_error(tmp_path, site):
    config = put(tmp_path, "cfg.py", "model = dict()\n_base_ = 'mmseg::_base_/x.py'\n")
    assert error_of(config, site) == (
        f"{config}:2: the base 'mmseg::_base_/x.py': mmseg is not installed"
        " (MMEngine: 'mmsegmentation is not installed, please install mmsegmentation manually')"
    )


def test_a_file_missing_from_the_packages_configs_is_an_error(tmp_path, site):
    config = put(tmp_path, "cfg.py", "_base_ = ['mmdet::_base_/models/fast.py']\n")
    missing = site / "mmdet/.mim/configs/_base_/models/fast.py"
    assert error_of(config, site) == (
        f"{config}:1: the base 'mmdet::_base_/models/fast.py' does not exist ({missing})"
    )


def test_a_package_without_its_model_index_is_an_error(tmp_path):
    site = tmp_path / "site"
    install(site, "mmdet", {"_base_/models/faster.py": MODEL}, index=False)
    config = put(tmp_path, "cfg.py", "_base_ = 'mmdet::_base_/models/faster.py'\n")
    index = site / "mmdet/.mim/model-index.yml"
    assert error_of(config, site) == (
        f"{config}:1: the base 'mmdet::_base_/models/faster.py': MMEngine reads {index}"
        " first, which is missing (the package was not installed with its configs)"
    )


@pytest.mark.parametrize("entry", ["mmdet::faster.py", "mmdet::a::b/c.py", "mmdet/x::y/z.py"])
def test_a_package_base_not_written_package_folder_file_is_an_error(tmp_path, site, entry):
    config = put(tmp_path, "cfg.py", f"_base_ = {entry!r}\n")
    assert error_of(config, site) == (
        f"{config}:1: the base {entry!r} is not a package base MMEngine reads: write"
        " package::folder/file, like 'mmdet::faster_rcnn/faster-rcnn_r50_fpn_1x_coco.py'"
    )


def test_a_package_absent_from_mmengines_table_is_an_error(tmp_path, site):
    put(site, "mmengine/__init__.py")
    put(
        site,
        "mmengine/config/utils.py",
        "import re\nMODULE2PACKAGE = {'mmdet': 'mmdet', 'mmseg': 'mmsegmentation'}\n",
    )
    install(site, "detkit", {"_base_/x.py": MODEL})
    config = put(tmp_path, "cfg.py", "_base_ = 'detkit::_base_/x.py'\n")
    assert error_of(config, site) == (
        f"{config}:1: the base 'detkit::_base_/x.py': MMEngine reads the configs of none but"
        " its known packages (mmdet, mmseg): 'mmengine does not support to load detkit config.'"
    )
    # Its table names the package to install (what pip installs): mmseg is mmsegmentation.
    other = put(tmp_path, "other.py", "_base_ = 'mmseg::_base_/x.py'\n")
    assert error_of(other, site).endswith(
        "mmseg is not installed (MMEngine: 'mmsegmentation is not installed, please install"
        " mmsegmentation manually')"
    )


def test_the_installed_mmengines_own_table_is_read(tmp_path, site):
    install(site, "detkit", {"_base_/x.py": MODEL})
    config = put(tmp_path, "cfg.py", "_base_ = 'detkit::_base_/x.py'\n")
    spec = importlib.util.find_spec("mmengine")
    assert spec is not None
    assert spec.origin is not None
    installed = Path(spec.origin).parents[1]  # the environment's site-packages
    message = error_of(config, site, installed)
    assert "mmdet, mmdet3d, mmedit" in message
    assert message.endswith("'mmengine does not support to load detkit config.'")


@pytest.mark.parametrize(
    "utils",
    [
        "MODULE2PACKAGE = dict(mmdet='mmdet')\n",  # not a literal display
        "MODULE2PACKAGE = {'mmdet': NAME}\n",  # not a literal
        "def broken(:\n",  # not Python
        "import re\n",  # no table
    ],
)
def test_without_a_readable_table_every_installed_package_is_read(tmp_path, site, utils):
    put(site, "mmengine/__init__.py")
    put(site, "mmengine/config/utils.py", utils)
    install(site, "detkit", {"_base_/x.py": "lr = 0.1\n"})
    config = put(tmp_path, "cfg.py", "_base_ = 'detkit::_base_/x.py'\n")
    assert load(config, site) == {"lr": 0.1}
    # Without the table, the package to install is not known: the one named is.
    missing = put(tmp_path, "missing.py", "_base_ = 'segkit::_base_/x.py'\n")
    assert error_of(missing, site) == (
        f"{missing}:1: the base 'segkit::_base_/x.py': segkit is not installed"
        " (MMEngine: 'segkit is not installed, please install segkit manually')"
    )


def test_an_error_inside_a_package_base_names_the_packages_file(tmp_path, site):
    install(site, "mmdet", {"_base_/bad.py": "model = dict(\n"})
    config = put(tmp_path, "cfg.py", "_base_ = 'mmdet::_base_/bad.py'\n")
    bad = site / "mmdet/.mim/configs/_base_/bad.py"
    assert error_of(config, site) == f"{bad}:1: cannot parse the config: '(' was never closed"


# -- MMEngine itself, on the same files -------------------------------------------------------


def test_mmengine_reads_a_package_base_to_the_same_value(tmp_path, site, monkeypatch):
    install(
        site,
        "mmdet",
        {
            "_base_/b.py": """\
                model = dict(type='A', backbone=dict(type='B'), neck=[dict(type='N')])
                pipeline = [dict(type='Load'), dict(type='Resize', _scope_='mmcv')]
                optim = dict(optimizer=dict(type='SGD', _scope_=None), clip=None)
                """,
        },
    )
    config = put(
        tmp_path,
        "cfg.py",
        "_base_ = ['mmdet::_base_/b.py']\nmodel = dict(backbone=dict(depth=1))\n"
        "detector = {{_base_.model}}\nbackbone = {{_base_.model.backbone}}\n",
    )
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    monkeypatch.delitem(sys.modules, "mmdet", raising=False)
    config_module = importlib.import_module("mmengine.config")
    expected = config_module.Config.fromfile(str(config)).to_dict()
    assert load(config, site) == expected


# -- with read_base(): from mmdet.configs.x import * -----------------------------------------


def test_read_base_of_an_installed_packages_config_module_reads_its_file(tmp_path, site):
    put(site, "mmdet/configs/_base_/models/retina.py", "model = dict(type='RetinaNet')\n")
    config = put(
        tmp_path,
        "cfg.py",
        "from mmengine.config import read_base\n\nwith read_base():\n"
        "    from mmdet.configs._base_.models.retina import *\n\nlr = 0.1\n",
    )
    loaded = load_config_file(config, search_path=[site])
    # No _scope_: MMEngine gives none to what read_base imports.
    assert to_plain(loaded.root) == {"model": {"type": "RetinaNet"}, "lr": 0.1}
    assert loaded.files[1] == site / "mmdet/configs/_base_/models/retina.py"


@pytest.mark.parametrize(
    ("statement", "reason"),
    [
        (
            "from mmdet import model",
            (
                "the base 'mmdet' is a package, not a config: MMEngine reads a config module of it"
                " ('with read_base(): from mmdet.configs.x import *')"
            ),
        ),
        ("from mmseg.configs.fcn import *", "the base 'mmseg.configs.fcn': mmseg is not installed"),
    ],
)
def test_read_base_of_what_mmengine_cannot_find_is_an_error(tmp_path, site, statement, reason):
    config = put(tmp_path, "cfg.py", f"with read_base():\n    {statement}\n")
    assert error_of(config, site) == f"{config}:2: {reason}"


def test_read_base_of_a_config_module_missing_from_the_package_is_an_error(tmp_path, site):
    config = put(tmp_path, "cfg.py", "with read_base():\n    from mmdet.configs.retina import *\n")
    missing = site / "mmdet/configs/retina.py"
    assert error_of(config, site) == (
        f"{config}:2: the base 'mmdet.configs.retina' does not exist ({missing})"
    )


# -- the rule, on generated bases: the reader's value is MMEngine's -------------------------

_KEYS = st.sampled_from(["type", "_scope_", "backbone", "depth", "heads"])


def _values() -> st.SearchStrategy[object]:
    scalars = st.one_of(st.integers(0, 9), st.sampled_from(["R", "mmcv"]), st.none())
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.dictionaries(_KEYS, inner, max_size=4),
        ),
        max_leaves=12,
    )


@settings(max_examples=50, deadline=None)
@given(
    base=st.dictionaries(st.sampled_from(["model", "pipeline", "optim"]), _values(), max_size=3),
    child=st.dictionaries(st.sampled_from(["model", "lr"]), st.integers(0, 9), max_size=2),
)
def test_a_package_bases_scope_is_given_where_mmengine_gives_it(base, child):
    config_module = importlib.import_module("mmengine.config")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        site = root / "site"
        text = "".join(f"{key} = {value!r}\n" for key, value in base.items())
        install(site, "mmdet", {"_base_/b.py": text})
        own = {key: value for key, value in child.items() if key not in base}
        config = put(
            root,
            "cfg.py",
            "_base_ = 'mmdet::_base_/b.py'\n"
            + "".join(f"{key} = {value!r}\n" for key, value in own.items()),
        )
        sys.path.insert(0, str(site))
        sys.modules.pop("mmdet", None)
        importlib.invalidate_caches()
        try:
            expected = config_module.Config.fromfile(str(config)).to_dict()
        finally:
            sys.path.remove(str(site))
            sys.modules.pop("mmdet", None)
        assert load(config, site) == expected


def test_a_package_that_only_a_finder_of_the_process_finds_is_read(tmp_path, monkeypatch):
    # ``pip install -e`` of an OpenMMLab project: a finder maps the package to its checkout,
    # which no directory of the search path holds.
    checkout = tmp_path / "checkout"
    install(checkout, "mmdet", {"_base_/models/faster.py": MODEL})

    class EditableFinder(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name != "mmdet":
                return None
            init = checkout / "mmdet" / "__init__.py"
            return importlib.util.spec_from_file_location(name, init)

    monkeypatch.setattr(sys, "meta_path", [EditableFinder(), *sys.meta_path])
    monkeypatch.delitem(sys.modules, "mmdet", raising=False)
    config = put(tmp_path, "cfg.py", "_base_ = 'mmdet::_base_/models/faster.py'\n")
    loaded = load_config_file(config, search_path=[tmp_path / "nothing"])
    assert loaded.files[1] == checkout / "mmdet/.mim/configs/_base_/models/faster.py"
    assert "mmdet" not in sys.modules  # found, not imported


def test_a_package_whose_finder_fails_is_not_installed(tmp_path, site, monkeypatch):
    # A module object without a spec (put there by hand): find_spec raises ValueError.
    monkeypatch.setitem(sys.modules, "mmflow", types.ModuleType("mmflow"))
    sys.modules["mmflow"].__spec__ = None
    config = put(tmp_path, "cfg.py", "_base_ = 'mmflow::_base_/x.py'\n")
    assert error_of(config, site).endswith(
        "mmflow is not installed (MMEngine: 'mmflow is not installed, please install mmflow"
        " manually')"
    )


def test_without_mmengine_installed_every_installed_package_is_read(tmp_path, site, monkeypatch):
    # Nothing on the search path, and no finder of the process, finds mmengine.
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    install(site, "detkit", {"_base_/x.py": "lr = 0.1\n"})
    config = put(tmp_path, "cfg.py", "_base_ = 'detkit::_base_/x.py'\n")
    assert load(config, site) == {"lr": 0.1}
