"""Runtime benchmark: typed-registry against direct calls (and MMEngine, when installed).

Run with ``make bench``. Everything is measured in this one process (import time in fresh
subprocesses), as medians over repeats, and printed as a Markdown table with the machine.
Targets (from the runtime core issue):

- ``REG.build(dict(type='A', a=1))`` at most 2.5x ``A(a=1)``;
- an unscoped ``get`` hit within 2x of a plain dict lookup made through a method;
- a scoped ``get`` in a 3-level tree at most 3x an unscoped one;
- ``import typed_registry`` under 15 ms.

It also times the resolution of an 800 KB scoped key (``'loop.loop. ... .Missing'``, a miss,
so never cached): linear in the key's length (it was quadratic: 2.1 s).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import statistics
import subprocess
import sys
import timeit
from typing import Any

from typed_registry import Registry


class A:
    def __init__(self, a: int) -> None:
        self.a = a


class DictHolder:
    """The baseline for ``get``: a dict lookup made through a method, as a registry does."""

    def __init__(self, entries: dict[str, Any]) -> None:
        self._entries = entries

    def get(self, key: str) -> object:
        return self._entries.get(key)


def per_call_us(stmt: str, namespace: dict[str, Any], repeats: int, number: int) -> float:
    """Median over ``repeats`` of the time of one execution of ``stmt``, in microseconds."""
    timer = timeit.Timer(stmt, globals=namespace)
    return statistics.median(t / number * 1e6 for t in timer.repeat(repeats, number))


def paired_ratio(
    stmt: str, base: str, namespace: dict[str, Any], repeats: int, number: int
) -> float:
    """Median over ``repeats`` of time(stmt) / time(base), the two timed back to back.

    Timing each pair together cancels most of the drift of a shared, busy machine, which a
    ratio of two separately taken medians would not.
    """
    timed, baseline = timeit.Timer(stmt, globals=namespace), timeit.Timer(base, globals=namespace)
    return statistics.median(timed.timeit(number) / baseline.timeit(number) for _ in range(repeats))


def import_ms(module: str, repeats: int) -> float:
    """Median wall time of ``import module`` in a fresh interpreter, in milliseconds."""
    code = (
        f"import time; t = time.perf_counter(); import {module}; "
        "print((time.perf_counter() - t) * 1e3)"
    )
    # An installed package has bytecode caches (pip compiles them); this workplace sets
    # PYTHONDONTWRITEBYTECODE, which would make every run compile the sources instead.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def once() -> float:
        run = subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env
        )
        return float(run.stdout)

    once()  # writes the bytecode caches, so the runs measured below only read them
    runs = [once() for _ in range(repeats)]
    return statistics.median(runs)


def typed_registry_namespace() -> dict[str, Any]:
    root: Registry[Any] = Registry("models", scope="root")
    mid: Registry[Any] = Registry("models", scope="mid", parent=root)
    leaf: Registry[Any] = Registry("models", scope="leaf", parent=mid)
    leaf.register_module(module=A)
    root.register_module("InRoot", module=A)
    return {"A": A, "REG": leaf, "ROOT": root, "LEAF": leaf, "HOLDER": DictHolder({"A": A})}


def mmengine_namespace() -> dict[str, Any] | None:
    if importlib.util.find_spec("mmengine") is None:
        return None
    from mmengine.registry import Registry as MMRegistry  # noqa: PLC0415

    root = MMRegistry("models", scope="root")
    mid = MMRegistry("models", scope="mid", parent=root)
    leaf = MMRegistry("models", scope="leaf", parent=mid)
    leaf.register_module(module=A)
    root.register_module(name="InRoot", module=A)
    return {"A": A, "REG": leaf, "ROOT": root, "LEAF": leaf}


CASES = [
    ("direct `A(a=1)`", "A(a=1)"),
    ("`REG.build(dict(type='A', a=1))`", "REG.build(dict(type='A', a=1))"),
    ("`REG.build({'type': 'A', 'a': 1})`", "REG.build({'type': 'A', 'a': 1})"),
    ("plain dict lookup through a method", "HOLDER.get('A')"),
    ("`get` unscoped hit (own entry)", "LEAF.get('A')"),
    ("`get` parent hit (entry 2 levels up)", "LEAF.get('InRoot')"),
    ("`get` scoped hit from the root (`'leaf.A'`)", "ROOT.get('leaf.A')"),
]


def long_key_ms(repeats: int) -> float:
    """Median ms to resolve an 800 KB key of 160,000 scopes that all resolve, then miss."""
    reg: Registry[Any] = Registry("models", scope="loop")
    key = "loop." * 160_000 + "Missing"
    runs = timeit.repeat(lambda: reg.get(key), number=1, repeat=min(repeats, 5))
    return statistics.median(runs) * 1000


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if "model name" in line)
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()} ({sys.platform})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--number", type=int, default=50_000)
    args = parser.parse_args()

    ours = typed_registry_namespace()
    theirs = mmengine_namespace()
    times: dict[str, float] = {}
    mm_times: dict[str, float] = {}
    print(f"machine: {machine()}")
    print(f"medians of {args.repeats} repeats x {args.number} calls\n")
    print("| operation | typed-registry (us) | ratio | MMEngine (us) | MMEngine ratio |")
    print("|---|---|---|---|---|")
    for label, stmt in CASES:
        times[stmt] = per_call_us(stmt, ours, args.repeats, args.number)
        mm = "n/a"
        if theirs is not None and "HOLDER" not in stmt:
            mm_times[stmt] = per_call_us(stmt, theirs, args.repeats, max(args.number // 20, 1))
            mm = f"{mm_times[stmt]:.3f}"
        print(
            f"| {label} | {times[stmt]:.3f} | {_ratio(stmt, times)} | {mm} | "
            f"{_ratio(stmt, mm_times) if stmt in mm_times else 'n/a'} |"
        )

    build = paired_ratio(
        "REG.build(dict(type='A', a=1))", "A(a=1)", ours, args.repeats, args.number
    )
    # What any registry pays at least: making the config dict and calling with ** from it.
    floor = paired_ratio("A(**dict(a=1))", "A(a=1)", ours, args.repeats, args.number)
    get = paired_ratio("LEAF.get('A')", "HOLDER.get('A')", ours, args.repeats, args.number)
    scoped = paired_ratio("ROOT.get('leaf.A')", "LEAF.get('A')", ours, args.repeats, args.number)
    imported = import_ms("typed_registry", args.repeats)
    print(f"\n`import typed_registry` in a fresh interpreter: {imported:.1f} ms (median)")
    long_key = long_key_ms(args.repeats)
    print(f"`get` of an 800 KB scoped key (160,000 scopes, a miss): {long_key:.1f} ms")
    if theirs is not None:
        print(f"`import mmengine.registry`: {import_ms('mmengine.registry', 5):.1f} ms (median)")
    print(
        f"\nFloor for any registry (make the dict, call with ** from it): `A(**dict(a=1))` is "
        f"{floor:.2f}x `A(a=1)`; typed-registry's build adds {build - floor:.2f}x on top."
    )
    print("\nTargets: paired ratios (each pair timed back to back), medians over the repeats.")
    print("\n| target | measured | met |")
    print("|---|---|---|")
    for target, value, limit, unit in [
        ("build / direct call <= 2.5x", build, 2.5, "x"),
        ("unscoped get / dict lookup via a method <= 2x", get, 2.0, "x"),
        ("scoped get / unscoped get <= 3x", scoped, 3.0, "x"),
        ("import typed_registry < 15 ms", imported, 15.0, " ms"),
    ]:
        print(f"| {target} | {value:.2f}{unit} | {'yes' if value <= limit else 'NO'} |")


def _ratio(stmt: str, times: dict[str, float]) -> str:
    # Builds are compared with the direct call, lookups with the plain dict lookup.
    base = "A(a=1)" if "build" in stmt or stmt == "A(a=1)" else "HOLDER.get('A')"
    if base not in times:
        base = "LEAF.get('A')"
    return f"{times[stmt] / times[base]:.2f}x"


if __name__ == "__main__":
    main()
