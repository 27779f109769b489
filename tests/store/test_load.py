"""The store under load, on SQLite and PostgreSQL: nothing freezes, nothing is lost.

Twenty threads of one process (the tabs of one app server, sharing its connection
pool) save the same model for 20 s; then 24 processes (24 app servers) do the same
for 10 s. Every attempt must end as a revision or a conflict, within a generous
bound (a writer still running long after its time is a hang, and fails the test),
never as an error; afterwards the history holds exactly the revisions the writers
were told they made, numbered without a gap, each made on the one before.
"""

from __future__ import annotations

import ast
import itertools
import json
import multiprocessing
import queue
import threading
from pathlib import Path
from typing import Any

import pytest

from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.store import Store
from bm3c.store.database import (
    LOCK_WAIT_SECONDS,
    POOL_WAIT_SECONDS,
    NestedConnectionError,
    reading,
    writing,
)
from tests.store.load_writer import MODEL, Outcome, write_for, write_in_process

ROOT = Path(__file__).resolve().parents[2]
HALLE = ROOT / "examples" / "halle-des-transitions.yaml"
THREADS, THREAD_SECONDS = 20, 20.0
PROCESSES, PROCESS_SECONDS = 24, 10.0
#: beyond its time, how long a writer may take to finish: its last save waiting as long
#: as the store lets it (a connection, then the lock) fits, a save waiting for ever not
GRACE = POOL_WAIT_SECONDS + LOCK_WAIT_SECONDS + 20


@pytest.fixture
def halle() -> Cooperation:
    return load_cooperation(HALLE)


def _threads(url: str, coop: Cooperation) -> list[Outcome]:
    go = threading.Event()
    outcomes: list[Outcome] = []

    def run(writer: int) -> None:
        outcomes.append(write_for(url, writer, coop, THREAD_SECONDS, go))

    workers = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(THREADS)]
    for worker in workers:
        worker.start()
    go.set()
    for worker in workers:
        worker.join(timeout=THREAD_SECONDS + GRACE)
    hung = [i for i, worker in enumerate(workers) if worker.is_alive()]
    assert not hung, f"writers {hung} still saving {GRACE} s after their time: the store froze"
    return outcomes


def _processes(url: str, coop: Cooperation) -> list[Outcome]:
    # forkserver: each writer starts as a fresh process (no connection inherited), forked
    # from one that has bm3c imported already, so 24 start in seconds on two cores
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.store.load_writer"])
    ready: Any = context.Queue()
    out: Any = context.Queue()
    go = context.Event()
    workers = [
        context.Process(
            target=write_in_process,
            args=(url, i, coop, PROCESS_SECONDS, ready, go, out),
            daemon=True,
        )
        for i in range(PROCESSES)
    ]
    try:
        for worker in workers:
            worker.start()
        for _ in workers:
            ready.get(timeout=120)
        go.set()
        outcomes = []
        for _ in workers:
            try:
                outcomes.append(out.get(timeout=PROCESS_SECONDS + GRACE))
            except queue.Empty:
                pytest.fail(f"a writer process still saving {GRACE} s after its time: a hang")
        for worker in workers:
            worker.join(timeout=30)
            assert worker.exitcode == 0
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.kill()
    return outcomes


def _check(store: Store, outcomes: list[Outcome], writers: int) -> None:
    """Every attempt a revision or a conflict; the history exactly the revisions made."""
    assert len(outcomes) == writers
    errors = [f"writer {o.writer}: {e}" for o in outcomes for e in o.errors]
    assert not errors, "\n".join(errors[:20])
    made = sorted(s for o in outcomes for s in o.saved)
    assert made, "no save went through in the whole run"
    assert all(o.latencies for o in outcomes), "a writer never got to save"
    history = store.history(MODEL)
    numbers = [r.number for r in history]
    assert numbers == list(range(1, len(history) + 1))  # no gap, no number twice
    assert store.head(MODEL) == store.count_revisions(MODEL) == len(history)
    # after the first (the set-up's), exactly the revisions the writers were told they made
    assert [(r.number, r.parent, r.message) for r in history[1:]] == made
    for previous, revision in itertools.pairwise(history):
        assert revision.parent == previous.number  # each made on the head of its time
    for revision in history[1:]:
        assert json.loads(revision.content)["description"] == revision.message
        assert revision.message.startswith(f"writer {revision.author.removeprefix('w')} ")


def test_twenty_threads_then_24_processes_save_one_model(
    database_url: str, halle: Cooperation
) -> None:
    store = Store(database_url)
    store.save(MODEL, halle, author="setup", message="import", parent=None)
    threads = _threads(database_url, halle)
    _check(store, threads, THREADS)
    processes = _processes(database_url, halle)
    _check(store, processes + threads, THREADS + PROCESSES)
    saved = sum(len(o.saved) for o in processes + threads)
    assert store.count_revisions(MODEL) == 1 + saved


def test_a_thread_holding_a_connection_cannot_ask_for_another(store: Store) -> None:
    """The rule the load test relies on, enforced: one connection at a time per thread."""
    with reading(store.engine), pytest.raises(NestedConnectionError):
        store.head(MODEL)
    with writing(store.engine), pytest.raises(NestedConnectionError):
        store.list_models()
    assert store.head(MODEL) == 0  # both given back: the thread may ask again
    seen: list[int] = []
    with reading(store.engine):  # another thread is another matter
        other = threading.Thread(target=lambda: seen.append(store.head(MODEL)))
        other.start()
        other.join(timeout=30)
    assert seen == [0]


def test_every_store_connection_goes_through_reading_or_writing() -> None:
    """No store module opens a connection of its own (it would escape the rule above)."""
    for module in sorted((ROOT / "bm3c" / "store").glob("*.py")):
        if module.name == "database.py":
            continue  # where reading() and writing() are made
        tree = ast.parse(module.read_text(encoding="utf-8"))
        calls = [
            node.lineno
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"connect", "begin", "raw_connection"}
        ]
        assert not calls, f"{module.name} lines {calls}: use reading() or writing()"
