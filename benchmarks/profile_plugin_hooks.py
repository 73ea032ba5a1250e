"""Where a mypy run spends its time in the plugin, on the benchmark's project.

Run with ``.venv/bin/python benchmarks/profile_plugin_hooks.py --size 800``. It writes the
synthetic project of ``bench_plugin.py`` (same generator), runs mypy in this process with the
plugin on an empty cache, then again on the same cache (warm), and prints for each run the
total time and the time spent inside each of the plugin's hooks and build-level calls (wall
time around each call, mypy's own work inside a hook included: the subtype checks of
``registry-bound``, the call checking of each config; the registry index's reading and
resolving inside the build-level calls). The hooks are wrapped where the plugin looks them
up, so the figures include nothing else.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from bench_plugin import write_config, write_project
from mypy import api

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
METHODS = ["get_additional_deps", "report_config_data", "get_additional_indirect_deps"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=800)
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
        for label in ("cold", "warm"):
            spent.clear()
            calls.clear()
            start = time.perf_counter()
            stdout, stderr, status = api.run(
                ["--config-file", str(config), "--cache-dir", str(root / ".cache"), "proj", "users"]
            )
            total = time.perf_counter() - start
            if status != 0:
                raise SystemExit(f"mypy failed on the synthetic project:\n{stdout}{stderr}")
            print(f"N = {args.size}, {label}, with the plugin: {total:.2f} s in all")
            for name in sorted(spent, key=spent.__getitem__, reverse=True):
                print(f"  {name}: {spent[name]:.3f} s in {calls[name]} calls")


if __name__ == "__main__":
    main()
