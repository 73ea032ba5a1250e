"""A nested config in a variable: the plugin never reports a key of a build that runs.

Random programs hold a nested config in a variable (``child=inner``), change it between
its literal and the statement that reads it, and between that statement and the build
(``inner.pop("sise")``, a call, an alias, a branch, a new literal), with a misspelt key or
not. Each runs for real: the plugin's ``Unexpected keyword argument`` error appears only
when the build fails, and always when the program changes the variable only in ways the
plugin follows (the rules of ``_config_flow``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.plugin.test_fuzz import workspace

if TYPE_CHECKING:
    from tests.plugin.test_fuzz import Workspace

__all__ = ["workspace"]  # the fuzz tests' seeded cache, for this module's programs

_MODULE = "fz_nested"
PROGRAM = """\
import sys
from typing import Annotated, Any

from typed_registry import ConfigFor, Registry

PROP: Registry[Any] = Registry("prop", scope="prop")
FLAG = len(sys.argv) > 99


@PROP.register_module()
class Leaf:
    def __init__(self, size: int = 1) -> None:
        self.size = size


@PROP.register_module()
class Holder:
    def __init__(self, child: Annotated[dict[str, Any], ConfigFor(PROP)]) -> None:
        self.child = PROP.build(child)


def change(cfg: dict[str, Any]) -> None:
    cfg.pop("sise", None)


def run() -> None:
    inner: dict[str, Any] = dict(type="Leaf", {key}=1)
{before}
{read}
{after}
{build}
"""

#: Changes the plugin follows: the config stays the literal, changed as written.
FOLLOWED = ('inner["size"] = 2', "inner.update(size=3)", 'inner = dict(type="Leaf", size=4)')
#: Changes it cannot follow (each may remove the misspelt key at run time).
UNFOLLOWED = (
    'inner.pop("sise", None)',
    "change(inner)",
    'alias = inner\n    alias.pop("sise", None)',
    'if not FLAG:\n        inner.pop("sise", None)',
    'inner = dict(type="Leaf", size=4)',  # after the read: the holder keeps the old object
)


@st.composite
def programs(draw: st.DrawFn) -> tuple[str, bool]:
    """A program, and whether it changes ``inner`` only in ways the plugin follows."""
    key = draw(st.sampled_from(["size", "sise"]))
    before = draw(st.lists(st.sampled_from(FOLLOWED + UNFOLLOWED[:4]), max_size=2))
    outer_variable = draw(st.booleans())
    after = draw(st.lists(st.sampled_from(FOLLOWED + UNFOLLOWED), max_size=2))
    if not outer_variable:
        after = []
    read = 'outer = dict(type="Holder", child=inner)' if outer_variable else ""
    build = (
        "PROP.build(outer)" if outer_variable else 'PROP.build(dict(type="Holder", child=inner))'
    )
    source = PROGRAM.format(
        key=key,
        before="\n".join(f"    {line}" for line in before),
        read=f"    {read}" if read else "",
        after="\n".join(f"    {line}" for line in after),
        build=f"    {build}",
    )
    followed = all(line in FOLLOWED for line in before) and not after
    return source, followed


def _fails_at_runtime(source: str) -> bool:
    namespace: dict[str, Any] = {"__name__": _MODULE}
    exec(compile(source, f"{_MODULE}.py", "exec"), namespace)
    try:
        namespace["run"]()
    except TypeError:
        return True
    return False


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(program=programs())
def test_a_key_is_reported_only_when_the_build_fails(
    workspace: Workspace, program: tuple[str, bool]
) -> None:
    source, followed = program
    fails = _fails_at_runtime(source)
    cold, _ = workspace.check({_MODULE: source}, warm=False)
    reported = [d for d in cold.diagnostics if "Unexpected keyword argument" in d.message]
    shown = f"{source}\n--- mypy\n{cold.stdout}"
    assert cold.status in {0, 1}, shown
    if reported:
        assert fails, shown  # no false error
    if followed:
        assert bool(reported) == fails, shown  # what is followed is checked
