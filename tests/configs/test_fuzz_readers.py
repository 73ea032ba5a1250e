"""The config readers on hostile input: only their documented errors, in bounded time.

Generated configs share values (YAML aliases and merge keys, Python variables used several
times, changed in place and through other variables), nest deeply, compute strings and
numbers that double, or are arbitrary text. Reading each one either gives a config within
the limits, or raises :class:`ConfigFileError` (:class:`ConfigLimitError` for a limit),
and takes a bounded time and memory. Where PyYAML reads the same YAML, the values agree.
"""

from __future__ import annotations

import math
import tempfile
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from typed_registry._configs import (
    ConfigFileError,
    ConfigLimitError,
    ConfigLimits,
    load_config_file,
    to_plain,
)

#: Small limits: the expanded value of a config read is then cheap to walk here.
LIMITS = ConfigLimits(file_bytes=200_000, depth=30, values=3000, text=5000, digits=50, bases=5)
#: Far above what reading any generated file takes (a few milliseconds, loaded machine).
SECONDS = 10.0
#: Far above what reading any generated file allocates.
PEAK_BYTES = 64 * 1024 * 1024
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def size_and_depth(value: object) -> tuple[int, int]:
    """The values ``value`` holds when expanded (itself included), and its nesting."""
    if isinstance(value, dict):
        found = [size_and_depth(item) for item in value.values()]
    elif isinstance(value, list | tuple):
        found = [size_and_depth(item) for item in value]
    else:
        return 1, 0
    return 1 + sum(size for size, _ in found), 1 + max((depth for _, depth in found), default=0)


def read(name: str, text: str | bytes) -> dict[str, object] | ConfigFileError:
    """Read ``text`` as config file ``name``: the value, or the documented error it raised.

    Asserts the bounds: time, memory, and a value within the limits.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        tracemalloc.start()
        started = time.perf_counter()
        error: ConfigFileError | None = None
        try:
            root = load_config_file(path, LIMITS).root
        except ConfigFileError as raised:
            error = raised
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert elapsed < SECONDS
    assert peak < PEAK_BYTES
    if error is not None:
        assert "\n" not in str(error)
        assert str(error).startswith(str(path))
        return error
    value = to_plain(root)
    assert isinstance(value, dict)
    size, depth = size_and_depth(value)
    assert size <= LIMITS.values
    assert depth <= LIMITS.depth
    return value


# -- YAML: anchors, aliases, merge keys -----------------------------------------------------


@st.composite
def aliased_yaml(draw: st.DrawFn) -> tuple[str, bool]:
    """A YAML mapping of nodes ``n0..nK``, each anchored and built of aliases to earlier ones.

    Returns the text and whether a node refers to itself (PyYAML then builds a cycle).
    """
    count = draw(st.integers(1, 14))
    lines: list[str] = []
    maps: list[int] = []
    cyclic = False
    for number in range(count):
        refs = draw(st.lists(st.integers(0, max(number - 1, 0)), max_size=8))
        items = [f"*n{ref}" for ref in refs if ref < number]
        if draw(st.booleans()) and number > 0 and draw(st.integers(0, 9)) == 0:
            items.append(f"*n{number}")  # an anchor used inside itself
            cyclic = True
        items.extend(draw(st.lists(st.sampled_from(["1", "x", "2.5", "null", "true"]))))
        if draw(st.booleans()):
            # Keys of this node only: two merged mappings never give one key two values
            # (PyYAML's versions disagree on which wins; the YAML spec says the first).
            pairs = [f"k{number}_{index}: {item}" for index, item in enumerate(items)]
            merged = draw(st.lists(st.sampled_from(maps), max_size=3)) if maps else []
            if merged:
                pairs.insert(0, f"<<: [{', '.join(f'*n{ref}' for ref in merged)}]")
            lines.append(f"n{number}: &n{number} {{{', '.join(pairs)}}}")
            maps.append(number)
        else:
            lines.append(f"n{number}: &n{number} [{', '.join(items)}]")
    return "\n".join(lines) + "\n", cyclic


@FUZZ
@given(aliased_yaml())
def test_aliased_yaml_is_read_within_bounds_and_as_pyyaml_reads_it(generated):
    text, cyclic = generated
    found = read("cfg.yaml", text)
    if isinstance(found, ConfigFileError):
        assert isinstance(found, ConfigLimitError)
        assert found.limit in {"values", "depth"}
        return
    if not cyclic:
        assert found == yaml.safe_load(text)


def test_an_anchor_used_inside_itself_is_unknown_where_it_repeats():
    found = read("cfg.yaml", "a: &a [1, *a]\n")
    assert isinstance(found, dict)
    assert repr(found["a"]) == "[1, UNKNOWN]"


# -- Python: variables shared, changed in place, computed ---------------------------------

_STATEMENTS = [
    "v{a} = [v{b}, v{c}, v{b}]",
    "v{a} = dict(x=v{b}, y=v{c})",
    "v{a} = v{b} + v{c}",
    "v{a} += v{b}",
    "v{a} *= v{b}",
    "v{a} += v{a}",  # doubles a string, a list or a number
    "v{a} *= v{a}",  # squares a number
    "v{a} = v{a} + v{a}",
    "v{a} = [*v{b}, *v{c}]",
    "v{a} = {{**v{b}, 'z': v{c}}}",
    "v{a}['x'] = v{b}",
    "v{a}.update(x=v{b}, y=v{c})",
    "v{a} = v{b}['x']",
    "v{a} = v{b}[0]",
    "v{a} = 'ab'",
    "v{a} = 12345",
    "v{a} = -v{b}",
    "v{a} = v{b} // v{c}",
    "del v{a}",
    "v{a} = make(v{b})",
    "v{a} = lambda: open('marker', 'w')",
]


@st.composite
def shared_python(draw: st.DrawFn) -> str:
    """A program over variables ``v0..v4`` that shares, changes and computes values."""
    lines = ["v0 = [1, 2]", "v1 = dict(x=1)", "v2 = 'ab'", "v3 = 3", "v4 = [v0, v1]"]
    for _ in range(draw(st.integers(0, 80))):
        pattern = draw(st.sampled_from(_STATEMENTS))
        a, b, c = (draw(st.integers(0, 4)) for _ in range(3))
        lines.append(pattern.format(a=a, b=b, c=c))
    return "\n".join(lines) + "\n"


@FUZZ
@given(shared_python())
def test_python_that_shares_and_computes_values_is_read_within_bounds(text):
    found = read("cfg.py", text)
    if isinstance(found, ConfigLimitError):
        assert found.limit in {"values", "depth", "text", "digits"}
    else:
        assert not isinstance(found, ConfigFileError)  # every generated program parses


@FUZZ
@given(
    st.sampled_from([("'ab'", "+="), ("3", "+="), ("3", "*="), ("[1]", "+=")]),
    st.integers(0, 30),
)
def test_a_value_that_doubles_is_computed_until_it_exceeds_its_limit(start, times):
    initial, op = start
    found = read("cfg.py", f"v = {initial}\n" + f"v {op} v\n" * times)
    if initial == "'ab'":
        exceeds, limit, expected = 2 * 2**times > LIMITS.text, "text", lambda: "ab" * 2**times
    elif initial == "[1]":
        # The config, the list and its items.
        exceeds, limit, expected = 2 + 2**times > LIMITS.values, "values", lambda: [1] * 2**times
    elif op == "+=":
        exceeds, limit, expected = False, "", lambda: 3 * 2**times
    else:
        # The digits limit is checked on the bits an integer of that many digits may have.
        bits = math.floor(2**times * math.log2(3)) + 1
        exceeds, limit, expected = bits > 3.33 * LIMITS.digits, "digits", lambda: 3 ** (2**times)
    if exceeds:
        assert isinstance(found, ConfigLimitError)
        assert found.limit == limit
    else:
        assert found == {"v": expected()}


def test_a_computed_number_within_the_limit_is_its_value():
    found = read("cfg.py", "n = 10\nn *= n\nn *= n\n")
    assert found == {"n": 10_000}


# -- nesting, in every format ---------------------------------------------------------------


def _nested(suffix: str, kinds: list[bool]) -> str:
    """A config whose key ``a`` nests a dict (True) or a list (False) per entry of ``kinds``."""
    inner = "1"
    for is_dict in reversed(kinds):
        if suffix == ".json":
            inner = f'{{"k": {inner}}}' if is_dict else f"[{inner}]"
        elif suffix == ".toml":
            inner = f"{{k = {inner}}}" if is_dict else f"[{inner}]"
        elif suffix == ".py":
            inner = f"dict(k={inner})" if is_dict else f"[{inner}]"
        else:
            inner = f"{{k: {inner}}}" if is_dict else f"[{inner}]"
    if suffix == ".json":
        return f'{{"a": {inner}}}'
    if suffix == ".py":
        return f"a = {inner}\n"
    return f"a = {inner}\n" if suffix == ".toml" else f"a: {inner}\n"


@FUZZ
@given(
    st.sampled_from([".json", ".toml", ".yaml", ".py"]),
    st.lists(st.booleans(), max_size=400),
)
def test_nesting_is_read_up_to_the_limit_and_refused_beyond(suffix, kinds):
    found = read(f"cfg{suffix}", _nested(suffix, kinds))
    # The top-level mapping is a level too.
    if len(kinds) + 1 <= LIMITS.depth:
        assert not isinstance(found, ConfigFileError)
    elif suffix == ".py" and len(kinds) >= 190:
        # Python's own parser refuses such nesting first ("too many nested parentheses").
        assert isinstance(found, ConfigFileError)
    else:
        assert isinstance(found, ConfigLimitError)
        assert found.limit == "depth"


# -- anything at all ------------------------------------------------------------------------


@FUZZ
@given(st.sampled_from([".json", ".toml", ".yaml", ".py"]), st.text(max_size=300))
def test_arbitrary_text_gives_a_config_or_a_one_line_error(suffix, text):
    read(f"cfg{suffix}", text)


@FUZZ
@given(st.sampled_from([".json", ".toml", ".yaml", ".py"]), st.binary(max_size=200))
def test_arbitrary_bytes_give_a_config_or_a_one_line_error(suffix, data):
    read(f"cfg{suffix}", data)


@pytest.mark.parametrize("suffix", [".json", ".toml", ".yaml", ".py"])
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(suffix):
    found = read(f"cfg{suffix}", " " * (LIMITS.file_bytes + 1))
    assert isinstance(found, ConfigLimitError)
    assert found.limit == "file-bytes"
