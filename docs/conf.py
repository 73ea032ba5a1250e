"""Sphinx configuration for the typed-registry documentation."""

from __future__ import annotations

from importlib.metadata import version as _installed_version

TYPE_CHECKING = False
if TYPE_CHECKING:
    from sphinx.application import Sphinx

project = "typed-registry"
author = "the typed-registry authors"
copyright = "2026, the typed-registry authors"
release = _installed_version("typed-registry")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]
# No sphinx.ext.intersphinx: its inventories are downloaded, and the build has no internet.

root_doc = "index"
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
nitpicky = False

myst_enable_extensions = ["attrs_block", "colon_fence"]

napoleon_google_docstring = True
napoleon_numpy_docstring = False

autodoc_typehints = "description"
autodoc_member_order = "bysource"

html_theme = "furo"
html_static_path = ["_static"]
html_css_files = ["tables.css"]

# Generic classes in the API reference show their type parameter, so that the ``T_co`` in
# ``build_func: BuildFunc[T_co]`` or ``Callable[..., T_co]`` is declared where the class is.
# autodoc cannot find it (``Registry`` is generic only to type checkers), and it would show
# ``BuildFunc`` with the ``(*args, **kwargs)`` that typing gives every Protocol's ``__init__``.
_CLASS_SIGNATURES = {
    "typed_registry.Registry": "[T_co]{}",
    "typed_registry.BuildFunc": "[T_co]",
}


def _class_signature(  # noqa: PLR0913, PLR0917  # the arguments of Sphinx's event
    app: object,
    what: str,
    name: str,
    obj: object,
    options: object,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str | None, str | None] | None:
    template = _CLASS_SIGNATURES.get(name) if what == "class" else None
    if template is None:
        return None
    return template.format(signature or ""), return_annotation


def setup(app: Sphinx) -> None:
    app.connect("autodoc-process-signature", _class_signature)
