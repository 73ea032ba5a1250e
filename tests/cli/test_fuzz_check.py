"""``typed-registry check`` on generated configs: an exit status and its lines, never a traceback.

The configs are JSON trees over the keys a check reads (parts, ``type``, ``_scope_``,
``default_scope``, ``custom_imports``, ``_delete_``) with values of every kind; each is
checked with the example project's registries. Whatever the config holds, the command
returns 0 (a summary line), 1 (problems, each one line, then the summary) or 2 (one line on
stderr), and raises nothing.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.cli.conftest import run

KEYS = st.sampled_from(
    [
        "model",
        "backbone",
        "neck",
        "type",
        "_scope_",
        "depth",
        "out",
        "hooks",
        "logger",
        "interval",
        "optimizer",
        "lr",
        "params",
        "default_scope",
        "custom_imports",
        "imports",
        "allow_failed_imports",
        "_delete_",
        "a.b",
        "x[0]",
        "",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    st.sampled_from(["ResNet", "Detector", "LoggerHook", "SGD", "ResNte", "os", "json.decoder"]),
    st.sampled_from(["PKG.child", "PKG.nowhere", "a..b", "", ".", "PKG", "x.y"]),
    st.text(max_size=8),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=25,
)


#: Configs with the parts the settings name, built of anything.
CONFIGS = st.one_of(
    st.dictionaries(KEYS, VALUES, max_size=6),
    st.fixed_dictionaries(
        {
            "model": st.dictionaries(KEYS, VALUES, max_size=4).map(
                lambda extra: {"type": "Detector", **extra}
            ),
            "hooks": st.dictionaries(KEYS, VALUES, max_size=3),
            "optimizer": st.dictionaries(KEYS, VALUES, max_size=3),
        },
        optional={"custom_imports": VALUES, "default_scope": SCALARS},
    ),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(CONFIGS, st.booleans())
def test_any_config_gets_a_status_and_lines_never_a_traceback(project, capsys, config, imports):
    text = json.dumps(config).replace("PKG", project.package)
    project.write("configs/fuzzed.json", text)
    argv = ["check", "configs/fuzzed.json", *(["--import-custom-imports"] if imports else [])]
    status, out, err = run(capsys, *argv)
    lines = out.splitlines()
    if status == 2:
        assert out == ""
        assert len(err.splitlines()) == 1
        assert err.startswith("typed-registry check: error: configs/fuzzed.json")
    elif status == 1:
        assert err == ""
        problems = f"{len(lines) - 1} problem{'s' * (len(lines) > 2)}"
        assert lines[-1] == f"Found {problems} in 1 of 1 config"
        assert all(line.startswith("configs/fuzzed.json") for line in lines[:-1])
    else:
        assert (status, out, err) == (0, "No problems in 1 config\n", "")
