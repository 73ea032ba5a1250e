"""Sphinx configuration for the typed-registry documentation."""

from importlib.metadata import version as _installed_version

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

myst_enable_extensions = ["colon_fence"]

napoleon_google_docstring = True
napoleon_numpy_docstring = False

autodoc_typehints = "description"
autodoc_member_order = "bysource"

html_theme = "furo"
