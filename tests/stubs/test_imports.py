"""What a module imports for itself is bound again in its stub, so that it stays importable."""

from __future__ import annotations

import textwrap

from typed_registry._stubs._imports import reexports

SOURCE = textwrap.dedent(
    """
    from __future__ import annotations
    import os.path as osp
    import collections.abc
    from typing import *
    from pkg.registry import MODELS as ENGINE_MODELS, HOOKS
    from . import sibling
    from .sibling import Thing
    from .. import up
    try:
        from fast import speed
    except ImportError:
        speed = None
    if TYPE_CHECKING:
        from pkg.protocols import Module
    def helper(): ...
    """
)


def bound_again(source, module="pkg.sub.mod", *, package=False, stub=""):
    return reexports(source, module, package=package, stub=stub)


def test_each_name_an_import_binds_is_bound_by_an_aliased_import_and_an_assignment():
    assert bound_again(SOURCE) == [
        "import os.path as _tr_r_osp",
        "osp = _tr_r_osp",
        "from pkg.registry import MODELS as _tr_r_ENGINE_MODELS",
        "ENGINE_MODELS = _tr_r_ENGINE_MODELS",
        "from pkg.registry import HOOKS as _tr_r_HOOKS",
        "HOOKS = _tr_r_HOOKS",
        "from pkg.sub import sibling as _tr_r_sibling",
        "sibling = _tr_r_sibling",
        "from pkg.sub.sibling import Thing as _tr_r_Thing",
        "Thing = _tr_r_Thing",
        "from pkg import up as _tr_r_up",
        "up = _tr_r_up",
        "from fast import speed as _tr_r_speed",
        "speed = _tr_r_speed",
        "from pkg.protocols import Module as _tr_r_Module",
        "Module = _tr_r_Module",
    ]


def test_a_package_resolves_relative_imports_from_itself():
    assert bound_again("from .models import Net\n", "pkg.sub", package=True)[0] == (
        "from pkg.sub.models import Net as _tr_r_Net"
    )


def test_names_the_stub_binds_already_are_left_alone():
    stub = textwrap.dedent(
        """
        import os.path as osp
        from pkg.registry import HOOKS as HOOKS
        ENGINE_MODELS: int
        sibling = 1
        def Thing(): ...
        class up: ...
        if sys.version_info >= (3, 12):
            from fast import speed as speed
        Module: type
        """
    )
    assert bound_again(SOURCE, stub=stub) == []
