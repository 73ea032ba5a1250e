"""Where a mypy run spends its time in the plugin, on the benchmark's project.

Run with ``.venv/bin/python benchmarks/profile_plugin_hooks.py --size 800``. It writes the
synthetic project of ``bench_plugin.py`` (same generator), runs mypy in this process with the
plugin on an empty cache, then again on the same cache (warm), and prints for each run the
total time and the time spent inside each of the plugin's hooks and build-level calls (wall
time around each call, mypy's own work inside a hook included: the subtype checks of
``registry-bound``, the call checking of each config; the registry index's reading and
resolving inside the build-level calls). The hooks are wrapped where the plugin looks them
up, so the figures include nothing else. ``--edits`` adds a run after each edit named (a
top-level function added to a user module, a registered class to a model module), on the
same cache; each run also prints its CPU time, steadier than the wall time on a busy
machine. Last, it times loading each file of the index's
snapshot as a run does (read, check, decode) and what that check costs: the CRC-32 of the
file's body, against a SHA-256 of it (fastest of --load-repeats loads each).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import tempfile
import time
import zlib
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from bench_plugin import write_config, write_project
from mypy import api

from typed_registry._index import snapshot
from typed_registry.mypy import _plugin
from typed_registry.mypy._features import config_check, registration

if TYPE_CHECKING:
    from collections.abc import Callable

#: The hooks, by the module the plugin reads them from when it is constructed.
HOOKS = [
    (config_check, "on_build"),
    (config_check, "on_get"),
    (config_check, "on_build_from_cfg"),
    (registration, "on_register"),
]
#: Build-level calls of the plugin class (dependencies, cache data, the index snapshot).
METHODS = [
    "__init__",
    "get_additional_deps",
    "report_config_data",
    "get_additional_indirect_deps",
]
#: What ``--edits`` may make between runs: the file, and the text appended to it.
EDITS = {
    "function": ("users/u0.py", "\n\ndef added() -> int:\n    return 1\n"),
    "registered": (
        "proj/models/m0.py",
        (
            "\n\n@MODELS.register_module()\nclass Added:\n"
            "    def forward(self, x: int) -> int:\n        return x\n"
        ),
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=800)
    parser.add_argument("--load-repeats", type=int, default=200)
    parser.add_argument("--edits", nargs="*", choices=sorted(EDITS), default=[])
    args = parser.parse_args()
    spent: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)

    def timed(name: str, hook: Callable[..., object]) -> Callable[..., object]:
        def wrapper(*hook_args: object, **hook_kwargs: object) -> object:
            start = time.perf_counter()
            try:
                return hook(*hook_args, **hook_kwargs)
            finally:
                spent[name] += time.perf_counter() - start
                calls[name] += 1

        return wrapper

    # Before the plugin is constructed, which binds the hooks by name.
    for module, name in HOOKS:
        setattr(module, name, timed(name, getattr(module, name)))
    plugin_class = _plugin.RegistryPlugin
    for name in METHODS:
        setattr(plugin_class, name, timed(name, getattr(plugin_class, name)))
    with tempfile.TemporaryDirectory(prefix=f"hooks{args.size}-") as tmp:
        root = Path(tmp)
        write_project(root, args.size, "outside")
        config = write_config(root, plugin=True)
        os.chdir(root)
        for label in ("cold", "warm", *args.edits):
            if label in EDITS:
                name, added = EDITS[label]
                path = root / name
                path.write_text(path.read_text() + added)
                stamp = time.time() + 10
                os.utime(path, (stamp, stamp))
                label = f"after an edit ({label})"  # noqa: PLW2901
            spent.clear()
            calls.clear()
            start, cpu = time.perf_counter(), time.process_time()
            stdout, stderr, status = api.run(
                ["--config-file", str(config), "--cache-dir", str(root / ".cache"), "proj", "users"]
            )
            total, cpu = time.perf_counter() - start, time.process_time() - cpu
            if status != 0:
                raise SystemExit(f"mypy failed on the synthetic project:\n{stdout}{stderr}")
            print(
                f"N = {args.size}, {label}, with the plugin: {total:.2f} s in all "
                f"({cpu:.2f} s of CPU)"
            )
            for name in sorted(spent, key=spent.__getitem__, reverse=True):
                print(f"  {name}: {spent[name]:.3f} s in {calls[name]} calls")
        time_snapshot_loads(root / ".cache" / "typed_registry-index", args.load_repeats)


def time_snapshot_loads(cache: Path, repeats: int) -> None:
    """Print the fastest load of each snapshot file, and of its check alone."""

    def fastest(call: Callable[[], object]) -> float:
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            call()
            times.append(time.perf_counter() - start)
        return min(times) * 1e3

    path = cache / "snapshot.json"
    names = snapshot.read_checked(path)  # what a run calls
    loads: dict[str, tuple[Path, Callable[[], object]]] = {
        "snapshot.json": (path, lambda: snapshot.read_checked(path)),
    }
    for key, where in (("facts", snapshot.facts_path), ("sources", snapshot.sources_path)):
        side = where(path)
        loads[side.name] = (
            side,
            lambda side=side, key=key: snapshot._load_checked(side, names[key]),
        )
    print("the snapshot's files, fastest load (read, check, decode), and the check's share:")
    for label, (file, load) in loads.items():
        body = file.read_bytes().partition(b"\n")[2]
        print(
            f"  {label} ({len(body) / 1e6:.2f} MB): load {fastest(load):.2f} ms, of which "
            f"CRC-32 {fastest(lambda body=body: zlib.crc32(body)):.2f} ms "
            f"(a SHA-256 would take {fastest(lambda body=body: hashlib.sha256(body)):.2f} ms)"
        )


if __name__ == "__main__":
    main()
