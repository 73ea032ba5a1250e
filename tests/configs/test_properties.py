"""The static reader agrees with running the config files and merging them as MMEngine does.

The reference below executes each Python file (JSON, YAML and TOML files are parsed), then
merges a file into its bases with the rules of MMEngine's ``Config._merge_a_into_b``: a dict
whose key the base has too is merged (or replaces, with ``_delete_`` true), popping its
``_delete_``; anything else replaces as written. MMEngine copies every value before merging,
so merging never reaches through a shared object; the reference does the same.
"""

from __future__ import annotations

import json
import keyword
import tempfile
import types
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from typed_registry._configs import ConfigFileError, load_config_file, to_plain

if TYPE_CHECKING:
    import random

# -- the reference: run the files, merge as MMEngine does -----------------------------------


def fresh(value: object) -> object:
    if isinstance(value, dict):
        return {key: fresh(item) for key, item in value.items()}
    if isinstance(value, list):
        return [fresh(item) for item in value]
    if isinstance(value, tuple):
        return tuple(fresh(item) for item in value)
    return value


def merge_a_into_b(a: dict, b: dict) -> dict:
    """MMEngine 0.10's ``Config._merge_a_into_b`` (without list keys)."""
    b = b.copy()
    for key, value in a.items():
        if isinstance(value, dict):
            if key in b and not value.pop("_delete_", False):
                if not isinstance(b[key], dict):
                    msg = f"{key} is a dict in the child but not in the base"
                    raise TypeError(msg)
                b[key] = merge_a_into_b(value, b[key])
            else:
                b[key] = value
        else:
            b[key] = value
    return b


def reference(path: Path) -> dict:
    path = path.resolve()
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        namespace: dict[str, object] = {}
        exec(compile(text, str(path), "exec"), namespace)  # the reference runs it
        own = {
            key: value
            for key, value in namespace.items()
            if not key.startswith("__")
            and not isinstance(value, types.ModuleType | types.FunctionType)
        }
    elif path.suffix == ".json":
        own = json.loads(text)
    elif path.suffix == ".toml":
        import tomllib  # noqa: PLC0415

        own = tomllib.loads(text)
    else:
        own = yaml.safe_load(text)
    own = {key: fresh(value) for key, value in own.items()}
    bases = own.pop("_base_", [])
    merged: dict = {}
    for base in [bases] if isinstance(bases, str) else bases:
        loaded = reference(path.parent / base)
        if merged.keys() & loaded.keys():
            msg = "Duplicate key is not allowed among bases"
            raise KeyError(msg)
        merged.update(loaded)
    return merge_a_into_b(own, merged)


def strict(value: object) -> object:
    """``value`` with every type spelled out: True is not 1, 1 is not 1.0, order counts."""
    if isinstance(value, dict):
        return ("dict", [(key, strict(item)) for key, item in value.items()])
    if isinstance(value, list | tuple):
        return (type(value).__name__, [strict(item) for item in value])
    return (type(value).__name__, value)


# -- generated config trees -----------------------------------------------------------------

TOP_KEYS = ["model", "data", "lr", "steps", "hooks"]
KEYS = ["a", "b", "type", "depth"]
scalars = (
    st.text(alphabet="abcxyz _-./:#é", max_size=6)
    | st.integers(min_value=-(2**31), max_value=2**31)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans()
    | st.none()
)


def dicts(children: st.SearchStrategy[object]) -> st.SearchStrategy[dict[str, object]]:
    """Dicts of a few keys, sometimes with a ``_delete_`` flag (first, as configs put it)."""
    flag = st.one_of(st.just({}), st.builds(lambda b: {"_delete_": b}, st.booleans()))
    return st.builds(
        lambda f, d: {**f, **d}, flag, st.dictionaries(st.sampled_from(KEYS), children, max_size=3)
    )


values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.lists(children, max_size=3).map(tuple) | dicts(children)
    ),
    max_leaves=8,
)
files = st.lists(
    st.dictionaries(st.sampled_from(TOP_KEYS), values, min_size=1, max_size=4),
    min_size=1,
    max_size=4,
)
FORMATS = [".py", ".py", ".py", ".json", ".yaml", ".toml"]


class PythonWriter:
    """Python source for values, with helper variables (each used wherever its value recurs)
    and lists sometimes written as a concatenation."""

    def __init__(self, rng: random.Random, prefix: str) -> None:
        self.rng = rng
        self.prefix = prefix
        self.lines: list[str] = []
        self.helpers: dict[str, str] = {}

    def source(self, value: object) -> str:
        code = self.code(value)
        if isinstance(value, dict | list | tuple) and value and self.rng.random() < 0.4:
            fingerprint = repr(strict(value))
            if fingerprint not in self.helpers:
                name = f"{self.prefix}{len(self.helpers)}"
                self.helpers[fingerprint] = name
                self.lines.append(f"{name} = {code}")
            return self.helpers[fingerprint]
        return code

    def code(self, value: object) -> str:
        if isinstance(value, dict):
            if all(key.isidentifier() and not keyword.iskeyword(key) for key in value) and (
                self.rng.random() < 0.7
            ):
                return "dict(" + ", ".join(f"{k}={self.source(v)}" for k, v in value.items()) + ")"
            return "{" + ", ".join(f"{k!r}: {self.source(v)}" for k, v in value.items()) + "}"
        if isinstance(value, tuple):
            inner = ", ".join(self.source(item) for item in value)
            return f"({inner},)" if len(value) == 1 else f"({inner})"
        if isinstance(value, list):
            if len(value) >= 2 and self.rng.random() < 0.5:
                cut = self.rng.randrange(1, len(value))
                return f"{self.source(value[:cut])} + {self.source(value[cut:])}"
            return "[" + ", ".join(self.source(item) for item in value) + "]"
        return repr(value)


def toml_value(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value)
    return repr(value)


def has_none(value: object) -> bool:
    if isinstance(value, dict):
        return any(has_none(item) for item in value.values())
    if isinstance(value, list | tuple):
        return any(has_none(item) for item in value)
    return value is None


def as_lists(value: object) -> object:
    if isinstance(value, dict):
        return {key: as_lists(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [as_lists(item) for item in value]
    return value


def write_file(
    folder: Path, index: int, tree: dict[str, object], base: str | None, rng: random.Random
) -> Path:
    suffix = rng.choice(FORMATS)
    if suffix == ".toml" and has_none(tree):
        suffix = ".json"
    path = folder / f"cfg{index}{suffix}"
    if suffix == ".py":
        writer = PythonWriter(rng, f"helper{index}_")
        body = [f"{key} = {writer.source(value)}" for key, value in tree.items()]
        head = (
            []
            if base is None
            else [f"_base_ = {base!r}" if rng.random() < 0.5 else f"_base_ = [{base!r}]"]
        )
        path.write_text("\n".join([*head, *writer.lines, *body]) + "\n", encoding="utf-8")
        return path
    data = tree if base is None else {"_base_": base, **tree}
    if suffix == ".json":
        text = json.dumps(data, indent=1)
    elif suffix == ".yaml":
        text = yaml.safe_dump(as_lists(data), sort_keys=False, allow_unicode=True)
    else:
        text = "".join(f"{json.dumps(k)} = {toml_value(v)}\n" for k, v in data.items())
    path.write_text(text, encoding="utf-8")
    return path


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees=files, rng=st.randoms(use_true_random=False))
def test_static_reading_agrees_with_running_and_merging(trees, rng):
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        path = None
        # The last tree is the deepest base; each file names the one written before it.
        for index in reversed(range(len(trees))):
            base = None if path is None else f"./{path.name}"
            path = write_file(folder, index, trees[index], base, rng)
        assert path is not None
        try:
            expected = reference(path)
        except (TypeError, KeyError):
            # MMEngine refuses a dict over a non-dict of the base: so does the reader.
            try:
                load_config_file(path)
            except ConfigFileError:
                return
            raise
        assert strict(to_plain(load_config_file(path).root)) == strict(expected)
