"""The module through which the mypy plugin's view of the configured locations passes.

Never imported at run time: it exists for mypy only (see ``typed_registry.mypy._hub``).
The plugin makes every module under the configured locations a dependency of this one, and
this one a dependency of each module that reads the locations. The call below fires the
plugin's hook while mypy checks this module, after all the locations, and the hook stores
their merged facts here. A reading module then depends on one module, not on hundreds.
"""


def gather() -> None:
    """Do nothing: the plugin's hook for the call below does the work."""


gather()
