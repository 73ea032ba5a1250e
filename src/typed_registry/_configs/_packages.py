"""The config files of installed packages, found as MMEngine finds them, without importing.

A base ``mmdet::faster_rcnn/faster-rcnn_r50_fpn_1x_coco.py`` is MMEngine's: it reads
``<the installed mmdet>/.mim/configs/faster_rcnn/faster-rcnn_r50_fpn_1x_coco.py``, where the
installed package is the one ``import mmdet`` finds. Here that package is looked for on a
search path (the project's roots, then the environment's ``sys.path``): a directory
``mmdet`` with an ``__init__.py`` in the first entry that has one; else where this
process's finders would find it (an editable install's finder). Nothing is imported.

Every way MMEngine fails to find such a base is known without running it, and is a
:class:`~typed_registry._configs.errors.ConfigFileError` whose message quotes MMEngine's:

- the base is not written ``package::folder/file``;
- MMEngine reads no configs from that package (its ``MODULE2PACKAGE`` table, read from the
  installed MMEngine's source; without MMEngine installed, any package is allowed);
- the package is not installed;
- the package has no ``.mim/model-index.yml`` (MMEngine opens it first);
- the file is not under the package's ``.mim/configs``.

A pure-Python config's ``with read_base(): from mmdet.configs.x import *`` names a module
of the installed package: MMEngine reads ``<the installed mmdet>/configs/x.py``
(:meth:`PackageFinder.module_file`).
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import cast

from typed_registry._configs._nodes import ConfigDict, ConfigList, Node, Origin, Scalar
from typed_registry._configs.errors import ConfigFileError

#: The separator of a package base (``mmdet::path``).
SEPARATOR = "::"
#: What MMEngine accepts as a package base (it matches this at the start of the text).
_PACKAGE_BASE = re.compile(r"\w*::\w*/\w*")
#: Where MMEngine's table of packages is defined, in the installed MMEngine.
_TABLE_FILE = ("mmengine", "config", "utils.py")
_TABLE_NAME = "MODULE2PACKAGE"


def default_search_path() -> tuple[Path, ...]:
    """Where ``import`` finds packages in this process (``sys.path``; ``""`` is the cwd)."""
    return tuple(Path(entry or os.getcwd()) for entry in sys.path)


@dataclass(frozen=True)
class PackageBase:
    """A base read from an installed package.

    Attributes:
        file: The base's file (absolute).
        scope: The package's name before ``::`` (MMEngine builds the base's parts in it).
    """

    file: Path
    scope: str


@dataclass(frozen=True)
class PackageFinder:
    """Finds installed packages on a search path, as ``import`` would, without importing.

    Attributes:
        search_path: The directories searched, in order.
    """

    search_path: tuple[Path, ...]

    def package_dir(self, name: str) -> Path | None:
        """The directory of the regular package ``name`` found first (None: not installed).

        The search path first; then the finders of this process, as MMEngine's own fallback
        (``importlib.util.find_spec``): an editable install (``pip install -e``, the way
        OpenMMLab's projects are developed) is found by a finder of its own, not on a
        directory of ``sys.path``. Finding a top-level package's spec runs no code of it.
        """
        for entry in self.search_path:
            folder = entry / name
            if (folder / "__init__.py").is_file():
                return folder.resolve()
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):  # a finder's own failure: not found
            return None
        origin = None if spec is None else spec.origin
        if origin is None or Path(origin).name != "__init__.py":
            return None  # not installed, a namespace package, or a module
        return Path(origin).parent.resolve()

    def base(self, entry: str, origin: Origin) -> PackageBase:
        """The file of the package base ``entry`` (``mmdet::folder/file.py``) at ``origin``.

        Raises:
            ConfigFileError: MMEngine cannot read it either (the message says why).
        """
        if _PACKAGE_BASE.match(entry) is None or entry.count(SEPARATOR) > 1:
            msg = (
                f"{origin}: the base {entry!r} is not a package base MMEngine reads: write"
                " package::folder/file, like 'mmdet::faster_rcnn/faster-rcnn_r50_fpn_1x_coco.py'"
            )
            raise ConfigFileError(msg)
        scope, _, relative = entry.partition(SEPARATOR)
        table = self._module_to_package()
        if table is not None and scope not in table:
            msg = (
                f"{origin}: the base {entry!r}: MMEngine reads the configs of none but its known"
                f" packages ({', '.join(sorted(table))}): 'mmengine does not support to load"
                f" {scope} config.'"
            )
            raise ConfigFileError(msg)
        package = scope if table is None else table[scope]
        folder = self.package_dir(scope)
        if folder is None:
            msg = (
                f"{origin}: the base {entry!r}: {scope} is not installed (MMEngine: '{package}"
                f" is not installed, please install {package} manually')"
            )
            raise ConfigFileError(msg)
        index = folder / ".mim" / "model-index.yml"
        if not index.is_file():
            msg = (
                f"{origin}: the base {entry!r}: MMEngine reads {index} first, which is missing"
                " (the package was not installed with its configs)"
            )
            raise ConfigFileError(msg)
        file = (folder / ".mim" / "configs" / relative).resolve()
        if not file.is_file():
            msg = f"{origin}: the base {entry!r} does not exist ({file})"
            raise ConfigFileError(msg)
        return PackageBase(file, scope)

    def module_file(self, module: str, origin: Origin) -> Path:
        """The file of ``with read_base(): from mmdet.configs.x import *`` (``mmdet.configs.x``).

        MMEngine finds the installed package of the first name, and the file of the rest
        in it (``<mmdet>/configs/x.py``), whichever configs folder it names.

        Raises:
            ConfigFileError: MMEngine cannot read it either (the message says why).
        """
        package, _, rest = module.partition(".")
        if not rest:
            msg = (
                f"{origin}: the base {module!r} is a package, not a config: MMEngine reads a"
                f" config module of it ('with read_base(): from {module}.configs.x import *')"
            )
            raise ConfigFileError(msg)
        folder = self.package_dir(package)
        if folder is None:
            msg = f"{origin}: the base {module!r}: {package} is not installed"
            raise ConfigFileError(msg)
        file = folder.joinpath(*rest.split(".")).with_suffix(".py")
        if not file.is_file():
            msg = f"{origin}: the base {module!r} does not exist ({file})"
            raise ConfigFileError(msg)
        return file

    def _module_to_package(self) -> dict[str, str] | None:
        """MMEngine's table of the packages whose configs it reads (None: not found)."""
        folder = self.package_dir(_TABLE_FILE[0])
        if folder is None:
            return None
        return _read_table(folder.joinpath(*_TABLE_FILE[1:]))


@cache
def _read_table(path: Path) -> dict[str, str] | None:
    """The literal ``MODULE2PACKAGE = {...}`` of MMEngine's ``config/utils.py`` (None: none)."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        return None
    for statement in tree.body:
        if (
            isinstance(statement, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == _TABLE_NAME for t in statement.targets)
            and isinstance(statement.value, ast.Dict)
        ):
            try:
                # A dict display that is a literal evaluates to a dict.
                table = cast("dict[object, object]", ast.literal_eval(statement.value))
            except ValueError:
                return None
            return {str(key): str(value) for key, value in table.items()}
    return None


def with_scope(root: ConfigDict, scope: str) -> ConfigDict:
    """``root`` with ``_scope_`` set in each outermost dict that has a ``type``, as MMEngine does.

    MMEngine builds the parts of a package's base in the package's scope: it gives them a
    ``_scope_`` unless they set one (other than None), so that they merge into the configs
    built on them with it.
    """
    if "type" not in root.items:
        items = {key: _scoped(value, scope) for key, value in root.items.items()}
        return ConfigDict(items, root.origin, root.partial)
    own = root.items.get("_scope_")
    if own is not None and not (isinstance(own, Scalar) and own.value is None):
        return root
    return ConfigDict(
        {**root.items, "_scope_": Scalar(scope, root.origin)}, root.origin, root.partial
    )


def _scoped(node: Node, scope: str) -> Node:
    if isinstance(node, ConfigDict):
        return with_scope(node, scope)
    if isinstance(node, ConfigList):
        items = tuple(_scoped(item, scope) for item in node.items)
        return ConfigList(items, node.origin, node.is_tuple)
    return node
