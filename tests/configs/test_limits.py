"""The readers' limits, and the shared nodes that keep their work linear, by example."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml

from typed_registry._configs import (
    DEFAULT_LIMITS,
    ConfigFileError,
    ConfigLimitError,
    ConfigLimits,
    ConfigList,
    load_config_file,
    to_plain,
)


def write_yaml(text: str) -> Path:
    folder = Path(tempfile.mkdtemp())
    path = folder / "cfg.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def limit_error(path: Path, limits: ConfigLimits = DEFAULT_LIMITS) -> ConfigLimitError:
    with pytest.raises(ConfigLimitError) as caught:
        load_config_file(path, limits)
    assert "\n" not in str(caught.value)
    return caught.value


def test_the_limits_names_and_defaults():
    assert ConfigLimits.names() == ("file-bytes", "depth", "values", "text", "digits", "bases")
    assert (
        ConfigLimits(
            file_bytes=1024 * 1024,
            depth=100,
            values=200_000,
            text=1_000_000,
            digits=4300,
            bases=500,
        )
        == DEFAULT_LIMITS
    )


# -- nesting --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("cfg.json", '{"a": ' + "[" * 150 + "]" * 150 + "}"),
        ("cfg.toml", "a = " + "[" * 150 + "]" * 150 + "\n"),
        ("cfg.yaml", "a: " + "[" * 150 + "]" * 150 + "\n"),
        ("cfg.py", "a = " + "dict(x=" * 150 + "1" + ")" * 150 + "\n"),
    ],
    ids=["json", "toml", "yaml", "python-literal"],
)
def test_nesting_deeper_than_the_limit_that_parses_is_an_error(write, name, text):
    path = write(name, text)
    error = limit_error(path)
    assert error.limit == "depth"
    line = ":1" if name.endswith(".py") else ""
    assert str(error) == f"{path}{line}: the nesting of the config exceeds the limit depth=100"


def test_nesting_built_from_variables_is_an_error_at_the_line_that_exceeds_it(write):
    path = write("cfg.py", "a0 = []\n" + "".join(f"a{i} = [a{i - 1}]\n" for i in range(1, 150)))
    assert str(limit_error(path)) == (
        f"{path}:101: the nesting of the config exceeds the limit depth=100"
    )


def test_an_expression_too_long_for_the_parsers_recursion_is_over_the_depth_limit(write):
    path = write("cfg.py", "a = " + " + ".join(["[1]"] * 20_000) + "\n")
    assert str(limit_error(path)) == (
        f"{path}: the nesting of the config exceeds the limit depth=100"
    )


def test_nesting_at_the_limit_is_read(write):
    # The top-level mapping is one level: 99 lists inside it make 100.
    path = write("cfg.json", '{"a": ' + "[" * 99 + "]" * 99 + "}")
    assert load_config_file(path).root.items["a"]
    assert limit_error(path, ConfigLimits(depth=99)).limit == "depth"


def test_empty_yaml_lists_at_the_limit_are_read_and_one_deeper_are_not(write):
    at_limit = write("at.yaml", "a: " + "[" * 99 + "]" * 99 + "\n")
    assert load_config_file(at_limit).root.items["a"]
    assert limit_error(write("over.yaml", "a: " + "[" * 100 + "]" * 100 + "\n")).limit == "depth"


def test_a_yaml_alias_used_deeper_than_its_anchor_counts_where_it_is_used(write):
    deep = "[" * 60 + "]" * 60
    path = write("cfg.yaml", f"a: &deep {deep}\nb: [[[[[[[[[[*deep]]]]]]]]]]\n")
    assert load_config_file(path).root.items["a"]
    assert limit_error(path, ConfigLimits(depth=65)).limit == "depth"


# -- shared nodes ---------------------------------------------------------------------------


def test_yaml_aliases_are_shared_nodes_not_copies(write):
    path = write("cfg.yaml", "a: &a [1, 2]\nb: [*a, *a]\n")
    root = load_config_file(path).root
    b = root.items["b"]
    assert isinstance(b, ConfigList)
    assert b.items[0] is b.items[1] is root.items["a"]


def test_python_names_used_twice_are_shared_nodes(write):
    path = write("cfg.py", "a = [1, 2]\nb = [a, a]\n")
    root = load_config_file(path).root
    b = root.items["b"]
    assert isinstance(b, ConfigList)
    assert b.items[0] is b.items[1] is root.items["a"]


def test_a_dict_shared_in_a_base_and_a_child_merges_as_copies_would(write):
    write("base.py", "m = dict(a=1, b=2)\nx = dict(p=m, q=m)\n")
    path = write("cfg.py", "_base_ = './base.py'\ns = dict(a=3)\nx = dict(p=s, q=s)\n")
    merged = {"a": 3, "b": 2}
    assert to_plain(load_config_file(path).root)["x"] == {"p": merged, "q": merged}


def test_an_update_of_a_shared_dict_with_a_shared_dict_updates_each_place(write):
    path = write(
        "cfg.py", "m = dict(a=1, b=2)\nx = dict(p=m, q=m)\ns = dict(a=3)\nx.update(p=s, q=s)\n"
    )
    updated = {"a": 3, "b": 2}
    assert to_plain(load_config_file(path).root)["x"] == {"p": updated, "q": updated}


def test_nested_aliases_are_read_in_linear_time_and_counted_as_expanded(write):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 30)]
    path = write("cfg.yaml", "\n".join(lines))
    error = limit_error(path)
    assert str(error) == f"{path}: the number of values exceeds the limit values=200000"


def test_values_at_the_limit_are_read(write):
    # The top-level dict, a and its 4 items, b and its 8 items: 15 values.
    path = write("cfg.py", "a = [1, 2, 3, 4]\nb = a + a\n")
    assert load_config_file(path, ConfigLimits(values=15)).root
    assert limit_error(path, ConfigLimits(values=14)).limit == "values"


# -- computed values ------------------------------------------------------------------------


def test_computed_strings_and_numbers_within_the_limits_are_computed(write):
    path = write("cfg.py", "s = 'ab'\ns += s\nn = 10\nn *= n\n")
    assert to_plain(load_config_file(path, ConfigLimits(text=4, digits=3)).root) == {
        "s": "abab",
        "n": 100,
    }
    assert str(limit_error(path, ConfigLimits(text=3))) == (
        f"{path}:2: a computed string exceeds the limit text=3"
    )


def test_a_computed_number_over_the_limit_is_an_error(write):
    path = write("cfg.py", "n = 10 ** 0\nn = 123456789 * 123456789\n")
    assert str(limit_error(path, ConfigLimits(digits=5))) == (
        f"{path}:2: a computed number exceeds the limit digits=5"
    )


# -- files ----------------------------------------------------------------------------------


def test_a_base_over_the_size_limit_is_named(write):
    base = write("base.yaml", "a: 1\n" * 100)
    path = write("cfg.py", "_base_ = './base.yaml'\n")
    assert str(limit_error(path, ConfigLimits(file_bytes=100))) == (
        f"{base}: the file's size (500 bytes) exceeds the limit file-bytes=100"
    )


def test_a_chain_of_bases_at_the_limit_is_read(write):
    for number in range(3):
        write(f"c{number}.py", f"_base_ = './c{number + 1}.py'\nv{number} = {number}\n")
    write("c3.py", "v3 = 3\n")
    path = write("cfg.py", "_base_ = './c0.py'\n")
    assert len(load_config_file(path, ConfigLimits(bases=4)).files) == 5
    assert str(limit_error(path, ConfigLimits(bases=3))) == (
        f"{path}: the chain of _base_ files exceeds the limit bases=3"
    )


# -- YAML merge keys ------------------------------------------------------------------------


MERGES = {
    "own-keys-win": "a: &a {x: 1, y: 1}\nb: {x: 2, <<: *a}\n",
    "nested-merges": "a: &a {x: 1}\nc: &c {<<: *a, y: 2}\nb: {<<: *c, z: 3}\n",
    "shared-merge": "a: &a {x: 1}\nb: {<<: [*a, *a]}\nc: {<<: *a}\n",
}


@pytest.mark.parametrize("text", MERGES.values(), ids=MERGES.keys())
def test_yaml_merge_keys_merge_as_pyyaml_merges(write, text):
    path = write("cfg.yaml", text)
    assert to_plain(load_config_file(path).root) == yaml.safe_load(text)


def test_of_merged_mappings_the_first_that_has_a_key_wins():
    # As the YAML spec says, and PyYAML before 6.0.2; PyYAML 6.0.4 lets the last win for
    # most keys (and the first for a key that Python interns, such as "x").
    text = "a: &a {key: 1}\nc: &c {key: 3, other: 3}\nb: {<<: [*a, *c], own: 0}\n"
    root = to_plain(load_config_file(write_yaml(text)).root)
    assert root["b"] == {"key": 1, "other": 3, "own": 0}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &a {<<: *a}\n", "1: cannot read the config: a mapping merges itself"),
        ("a: {<<: 3}\n", "1: cannot read the config: a merge key (<<) takes a mapping or a list"),
        ("a: {<<: [3]}\n", "1: cannot read the config: a merge key (<<) takes a mapping or a list"),
        ("? [1, 2]\n: 3\n", "1: cannot read the config: a key must be a scalar"),
    ],
    ids=["self-merge", "merge-of-a-scalar", "merge-of-a-list-of-scalars", "list-key"],
)
def test_a_yaml_mapping_that_cannot_merge_or_be_keyed_is_an_error(write, text, message):
    path = write("cfg.yaml", text)
    with pytest.raises(ConfigFileError) as caught:
        load_config_file(path)
    assert str(caught.value).startswith(f"{path}:{message}")


# -- files read again -----------------------------------------------------------------------


def _chain(write, length: int) -> list[Path]:
    files = [
        write(f"c{number}.py", f"_base_ = './c{number + 1}.py'\nv{number} = {number}\n")
        for number in range(length - 1)
    ]
    return [*files, write(f"c{length - 1}.py", f"v{length - 1} = 0\n")]


def test_a_base_read_for_one_config_is_not_parsed_again_for_the_next(write, monkeypatch):
    from typed_registry._configs import _loading  # noqa: PLC0415

    parsed: list[Path] = []
    real = _loading.parse_python

    def counting(path: Path, text: str):
        parsed.append(path)
        return real(path, text)

    monkeypatch.setattr(_loading, "parse_python", counting)
    files = _chain(write, 20)
    for file in reversed(files):  # as a checker that checks every file of the chain
        load_config_file(file)
    for file in files:
        load_config_file(file)
    assert sorted(parsed) == sorted(files)


def test_a_base_changed_since_it_was_read_is_read_again(write):
    files = _chain(write, 3)
    assert to_plain(load_config_file(files[0]).root)["v2"] == 0
    files[2].write_text("v2 = 7\n", encoding="utf-8")  # the same size, another value
    assert to_plain(load_config_file(files[0]).root)["v2"] == 7
    files[2].unlink()
    with pytest.raises(ConfigFileError, match="does not exist"):
        load_config_file(files[1])


def test_a_chain_read_before_counts_in_a_longer_chain(write):
    files = _chain(write, 4)
    limits = ConfigLimits(bases=3)
    assert load_config_file(files[0], limits).files == tuple(files)
    path = write("cfg.py", "_base_ = './c0.py'\n")
    assert str(limit_error(path, limits)) == (
        f"{path}: the chain of _base_ files exceeds the limit bases=3"
    )


def test_the_files_kept_are_bounded(write, monkeypatch):
    from typed_registry._configs import _loading  # noqa: PLC0415

    monkeypatch.setattr(_loading, "_MOST_READ", 2)
    monkeypatch.setattr(_loading, "_READ", {})
    for file in _chain(write, 5):
        load_config_file(file)
    assert len(_loading._READ) <= 2
