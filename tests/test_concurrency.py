from __future__ import annotations

import asyncio
import importlib
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import pytest

from typed_registry import MissingTypeError, Registry, _resolution, default_scope

if TYPE_CHECKING:
    import types
    from collections.abc import Callable

    from conftest import ModuleWriter

THREADS = 8
NAMES_PER_THREAD = 200


class Entry:
    def __init__(self, n: int) -> None:
        self.n = n


def run_in_threads(count: int, target: Callable[[int], Any]) -> list[Any]:
    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(target, range(count)))  # re-raises the first exception


def test_concurrent_registrations_and_builds_lose_nothing() -> None:
    root: Registry[Any] = Registry("models", scope="root")
    children = [Registry("models", scope=f"c{i}", parent=root) for i in range(THREADS // 2)]
    root.register_module("Shared", module=Entry)
    barrier = threading.Barrier(THREADS)

    def work(index: int) -> int:
        # Two threads share each child registry: distinct names, same dicts and caches.
        reg = children[index // 2]
        classes = [type(f"E{index}_{n}", (Entry,), {}) for n in range(NAMES_PER_THREAD)]
        barrier.wait()
        for n, cls in enumerate(classes):
            reg.register_module(module=cls)
            assert type(reg.build({"type": cls.__name__, "n": n})) is cls
            assert type(root.build({"type": f"{reg.scope}.{cls.__name__}", "n": n})) is cls
            assert type(reg.build({"type": "Shared", "n": n})) is Entry
        return index

    assert run_in_threads(THREADS, work) == list(range(THREADS))
    for i, child in enumerate(children):
        assert len(child) == 2 * NAMES_PER_THREAD
        for index in (2 * i, 2 * i + 1):
            for n in range(NAMES_PER_THREAD):
                name = f"E{index}_{n}"
                found = root.get(f"{child.scope}.{name}")
                assert found is not None
                assert found.__name__ == name


def test_concurrent_registrations_into_one_registry_lose_nothing() -> None:
    reg: Registry[Any] = Registry("models", scope="root")
    child: Registry[Any] = Registry("models", scope="child", parent=reg)
    barrier = threading.Barrier(THREADS)

    def work(index: int) -> None:
        barrier.wait()
        for n in range(NAMES_PER_THREAD):
            name = f"t{index}_{n}"
            reg.register_module(name, module=Entry)
            assert child.get(name) is Entry
            assert child.build({"type": name, "n": n}).n == n

    run_in_threads(THREADS, work)
    assert len(reg) == THREADS * NAMES_PER_THREAD
    assert set(reg) == {f"t{i}_{n}" for i in range(THREADS) for n in range(NAMES_PER_THREAD)}


def test_concurrent_forced_replacements_leave_one_of_the_entries() -> None:
    reg: Registry[Any] = Registry("models", scope="root")
    classes = [type(f"V{i}", (Entry,), {}) for i in range(THREADS)]
    barrier = threading.Barrier(THREADS)

    def work(index: int) -> None:
        barrier.wait()
        for n in range(NAMES_PER_THREAD):
            reg.register_module("Net", force=True, module=classes[index])
            assert type(reg.build({"type": "Net", "n": n})) in classes

    run_in_threads(THREADS, work)
    assert len(reg) == 1
    assert reg.get("Net") in classes


LOCATION = """
import tr_holder

tr_holder.count += 1
tr_holder.started.set()
tr_holder.release.wait()


@tr_holder.REG.register_module()
class Located:
    pass
"""


def test_concurrent_first_lookups_import_a_location_exactly_once(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module("loc_concurrent", LOCATION)
    holder.started = threading.Event()
    holder.release = threading.Event()
    holder.release.set()  # the location does not block: all threads just race
    root: Registry[Any] = Registry("models", scope="root")
    reg = holder.REG = Registry("models", scope="loc", parent=root, locations=["loc_concurrent"])
    barrier = threading.Barrier(THREADS)

    def work(index: int) -> object:
        barrier.wait()
        lookup = [reg.get("Located"), root.get("loc.Located"), reg["Located"]]
        assert len(set(map(id, lookup))) == 1
        return lookup[0]

    results = run_in_threads(THREADS, work)
    assert holder.count == 1
    assert results == [sys.modules["loc_concurrent"].Located] * THREADS


def in_import(frame: types.FrameType | None) -> bool:
    """Whether ``frame`` runs inside importlib's import of a module."""
    while frame is not None:
        if frame.f_code.co_name == "_find_and_load":
            return True
        frame = frame.f_back
    return False


def test_a_lookup_waiting_for_another_threads_location_import_sees_its_result(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module("loc_blocking", LOCATION)
    holder.started = threading.Event()
    holder.release = threading.Event()
    reg = holder.REG = Registry("models", scope="root", locations=["loc_blocking"])
    results: dict[str, object] = {}

    def first() -> None:
        results["first"] = reg.get("Located")

    def second() -> None:
        results["second"] = reg.get("Located")

    importer = threading.Thread(target=first)
    importer.start()
    assert holder.started.wait(timeout=30)
    waiter = threading.Thread(target=second)
    waiter.start()
    # Wait until the second thread is blocked on Python's import lock of the module (held
    # by the importing thread), then let the import finish.
    while True:
        frame = sys._current_frames().get(waiter.ident or -1)
        if frame is not None and frame.f_code.co_name == "acquire" and in_import(frame):
            break
        assert waiter.is_alive()
        waiter.join(timeout=0.001)
    holder.release.set()
    importer.join()
    waiter.join()
    located = sys.modules["loc_blocking"].Located
    assert results == {"first": located, "second": located}
    assert holder.count == 1


# -- default_scope never leaks across threads or tasks --------------------------------------------


def scoped_tree() -> Registry[Any]:
    root: Registry[Any] = Registry("models", scope="root")
    root.register_module("Net", module=type("Net_root", (), {}))
    for i in range(THREADS):
        child = Registry("models", scope=f"s{i}", parent=root)
        child.register_module("Net", module=type(f"Net_s{i}", (), {}))
    return root


def test_default_scope_set_in_one_thread_never_leaks_into_another() -> None:
    root = scoped_tree()
    barrier = threading.Barrier(THREADS)

    def work(index: int) -> list[str]:
        seen: list[str] = []
        if index % 2:
            # Odd threads never set a scope, while even threads hold theirs.
            for _ in range(3):
                barrier.wait()
                seen.append(type(root.build({"type": "Net"})).__name__)
            return seen
        with default_scope(f"s{index}"):
            for _ in range(3):
                barrier.wait()
                seen.append(type(root.build({"type": "Net"})).__name__)
        return seen

    results = run_in_threads(THREADS, work)
    for index, seen in enumerate(results):
        expected = "Net_root" if index % 2 else f"Net_s{index}"
        assert seen == [expected] * 3


def test_a_scope_key_in_one_thread_never_leaks_into_another() -> None:
    root = scoped_tree()
    barrier = threading.Barrier(2)
    seen: dict[str, str] = {}

    class Waits:
        def __init__(self) -> None:
            barrier.wait()  # the other thread builds while this build's _scope_ is active
            barrier.wait()
            self.inner = type(root.build({"type": "Net"})).__name__

    root.register_module(module=Waits)

    def scoped() -> None:
        seen["scoped"] = root.build({"type": "Waits", "_scope_": "s1"}).inner

    def plain() -> None:
        barrier.wait()
        seen["plain"] = type(root.build({"type": "Net"})).__name__
        barrier.wait()

    threads = [threading.Thread(target=scoped), threading.Thread(target=plain)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {"scoped": "Net_s1", "plain": "Net_root"}


def test_default_scope_set_in_one_asyncio_task_never_leaks_into_another() -> None:
    root = scoped_tree()

    async def scoped(index: int, event: asyncio.Event) -> list[str]:
        seen = []
        with default_scope(f"s{index}"):
            for _ in range(3):
                await asyncio.sleep(0)
                seen.append(type(root.build({"type": "Net"})).__name__)
            await event.wait()
        return seen

    async def plain(event: asyncio.Event) -> list[str]:
        seen = []
        for _ in range(3):
            await asyncio.sleep(0)
            seen.append(type(root.build({"type": "Net"})).__name__)
        event.set()
        return seen

    async def main() -> list[list[str]]:
        event = asyncio.Event()
        tasks = [asyncio.create_task(scoped(i, event)) for i in range(3)]
        tasks.append(asyncio.create_task(plain(event)))
        results = await asyncio.gather(*tasks)
        results.append([type(root.build({"type": "Net"})).__name__])
        return results

    assert asyncio.run(main()) == [
        ["Net_s0"] * 3,
        ["Net_s1"] * 3,
        ["Net_s2"] * 3,
        ["Net_root"] * 3,
        ["Net_root"],
    ]


def test_a_task_created_inside_default_scope_inherits_it_without_leaking_back() -> None:
    root = scoped_tree()

    async def child_task() -> str:
        with default_scope("s2"):
            await asyncio.sleep(0)
        return type(root.build({"type": "Net"})).__name__

    async def main() -> tuple[str, str]:
        with default_scope("s1"):
            inherited = await asyncio.create_task(child_task())
            after = type(root.build({"type": "Net"})).__name__
        return inherited, after

    assert asyncio.run(main()) == ("Net_s1", "Net_s1")


# Imported directly by one thread while another's first lookup imports it as a location;
# it looks its registry up at import time.
LOOKS_UP_WHILE_IMPORTED = """
import tr_holder

tr_holder.started.set()
assert tr_holder.release.wait(timeout=30)
SEEN = "Base" in tr_holder.REG


@tr_holder.REG.register_module()
class Base:
    pass
"""


def test_a_lazy_location_import_and_a_direct_import_that_looks_up_do_not_deadlock(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module("loc_direct", LOOKS_UP_WHILE_IMPORTED)
    holder.started = threading.Event()
    holder.release = threading.Event()
    reg = holder.REG = Registry("models", scope="root", locations=["loc_direct"])
    results: dict[str, object] = {}

    def import_directly() -> None:
        results["module"] = importlib.import_module("loc_direct")

    def look_up() -> None:
        results["lookup"] = reg.get("Base")

    # Daemons: on a deadlock the test fails on the joins below instead of hanging.
    importer = threading.Thread(target=import_directly, daemon=True)
    importer.start()
    assert holder.started.wait(timeout=30)
    looker = threading.Thread(target=look_up, daemon=True)
    looker.start()
    # The lookup waits for the direct import (Python's lock on the module) before the
    # module looks the registry up.
    while True:
        frame = sys._current_frames().get(looker.ident or -1)
        if frame is not None and frame.f_code.co_name == "acquire" and in_import(frame):
            break
        assert looker.is_alive()
        looker.join(timeout=0.001)
    holder.release.set()
    importer.join(timeout=10)
    looker.join(timeout=10)
    assert not importer.is_alive(), "deadlock: the direct import never finished"
    assert not looker.is_alive(), "deadlock: the lookup never finished"
    module = sys.modules["loc_direct"]
    assert results == {"module": module, "lookup": module.Base}
    assert module.SEEN is False  # what was registered so far


# -- reads and builds while another thread changes things -------------------------------------


@pytest.mark.parametrize("line", range(1, 16))
def test_a_config_changed_during_build_never_gives_a_bare_key_error(line: int) -> None:
    # Another thread removes 'type' from the config at the line-th line that build runs
    # (sys.settrace stands in for the thread, so every point of the race is tried).
    reg: Registry[Any] = Registry("models", scope="race")
    reg.register_module("Net", module=dict)
    cfg: dict[str, Any] = {"type": "Net", "a": 1}
    reg.build(cfg)  # cached: the next build takes the fast path
    seen = 0

    def tracer(frame: types.FrameType, event: str, arg: object) -> Any:
        nonlocal seen
        if event == "line" and frame.f_code is Registry.build.__code__:
            seen += 1
            if seen == line:
                cfg.pop("type", None)
        return tracer

    def start(frame: types.FrameType, event: str, arg: object) -> Any:
        return tracer if frame.f_code is Registry.build.__code__ else None

    previous = sys.gettrace()
    sys.settrace(start)
    try:
        built = reg.build(cfg)
    except MissingTypeError:
        built = None  # the change came before the build read the config
    finally:
        sys.settrace(previous)
    assert built in ({"a": 1}, None)


def test_iterating_module_dict_is_safe_while_a_name_is_registered() -> None:
    reg: Registry[Any] = Registry("models", scope="snapshot")
    reg.register_module("A", module=int)
    reg.register_module("B", module=float)
    items = iter(reg.module_dict.items())
    assert next(items) == ("A", int)
    reg.register_module("C", module=str)
    assert list(items) == [("B", float)]
    assert list(reg.module_dict) == ["A", "B", "C"]


def test_table_and_iteration_are_safe_while_another_thread_registers() -> None:
    reg: Registry[Any] = Registry("models", scope="busy")
    done = threading.Event()
    errors: list[BaseException] = []

    def register() -> None:
        for index in range(3000):
            reg.register_module(f"N{index}", module=int)
        done.set()

    def read() -> None:
        try:
            while not done.is_set():
                reg.table()
                list(reg)
                dict(reg.module_dict)
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    readers = [threading.Thread(target=read) for _ in range(2)]
    for reader in readers:
        reader.start()
    register()
    for reader in readers:
        reader.join(timeout=60)
    assert errors == []
    assert len(reg) == 3000


def test_an_answer_found_while_a_registration_was_made_is_not_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The race the threads above may or may not hit: a lookup resolves, another thread
    # registers before the answer is cached. Made here deterministically.
    reg: Registry[object] = Registry("models")
    reg.register_module(name="A", module=Entry)

    class Other:
        pass

    original = _resolution.resolve

    def resolve_then_register(*args: Any) -> object:
        found = original(*args)
        monkeypatch.setattr(_resolution, "resolve", original)
        reg.register_module(name="A", module=Other, force=True)
        return found

    monkeypatch.setattr(_resolution, "resolve", resolve_then_register)
    assert reg.get("A") is Entry  # what the lookup found, before the registration
    assert reg.get("A") is Other  # not kept: the next lookup sees the registration
