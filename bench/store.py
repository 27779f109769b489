"""Store benchmark: save and load the 30-member synthetic cooperation, SQLite and PostgreSQL.

Prints, per database: the median time of a save (one new revision, serialising
included), of a load (the latest revision fetched and validated into a
``Cooperation``), then the load of the store test (tests/store/test_load.py): 20
writers as threads of one app server and 24 as separate processes, all saving one
model (each re-reads the head and tries again after a conflict), and, for comparison,
20 threads each on a model of its own (no conflict): saves per second, conflicts,
errors (a save that waited too long: there should be none), and the median and 95th
percentile time of a save call (conflicts included); last, the load time with 1, 100
and 1,000 revisions in the model's history (it should not grow).
Targets: save <= 50 ms, load <= 30 ms. PostgreSQL: ``BM3C_TEST_POSTGRES_URL``, else
the throwaway server ``.ci/postgres`` starts, else skipped. Figures, never asserts:
``.venv/bin/python bench/store.py [--seconds S]`` (S seconds of each load, 20 by default
as in the test).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import queue
import secrets
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from timing import median_ms  # bench/timing.py

from bm3c.errors import Bm3cError
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.store import ConflictError, Store, canonical_json
from bm3c.store.database import LOCK_WAIT_SECONDS, POOL_WAIT_SECONDS, engine_for
from bm3c.synthetic import synthetic_cooperation

ROOT = Path(__file__).resolve().parents[1]
SAVE_TARGET_MS = 50
LOAD_TARGET_MS = 30
THREADS = 20  # the tabs of one app server
PROCESSES = 24  # app servers on one database
#: a writer not done this long after its time is hung (its last save may wait as long as
#: the store lets it: a connection, then the lock)
GRACE = POOL_WAIT_SECONDS + LOCK_WAIT_SECONDS + 60
HISTORY_SIZES = (1, 100, 1000)


def cooperation() -> Cooperation:
    return validate_cooperation(synthetic_cooperation(members=30, activities=200, flows=300))


def postgres_url() -> tuple[str | None, str]:
    """The PostgreSQL server to use, or None and why not."""
    url = os.environ.get("BM3C_TEST_POSTGRES_URL")
    if not url:
        started = subprocess.run(
            ["bash", str(ROOT / ".ci" / "postgres")], capture_output=True, text=True, check=False
        )
        if started.returncode != 0:
            return None, started.stderr.strip().splitlines()[-1] if started.stderr else "failed"
        url = started.stdout.strip()
    try:
        with create_engine(url).connect() as db:
            db.execute(text("SELECT 1"))
    except Exception as error:  # any reason to skip is printed, not raised
        return None, f"{url} does not answer ({error.__class__.__name__})"
    return url, url


@contextmanager
def sqlite_database() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as tmp:
        yield f"sqlite:///{Path(tmp) / 'bench.db'}"


@contextmanager
def postgres_schema(server: str) -> Iterator[str]:
    """A schema of its own on the server, dropped afterwards."""
    schema = f"bench_{secrets.token_hex(4)}"
    admin = create_engine(server)
    with admin.begin() as db:
        db.execute(text(f"CREATE SCHEMA {schema}"))
    url = f"{server}{'&' if '?' in server else '?'}options=-csearch_path%3D{schema}"
    try:
        yield url
    finally:
        engine_for(url).dispose()
        with admin.begin() as db:
            db.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def fill(store: Store, model_id: str, coop: Cooperation, revisions: int) -> None:
    """Give ``model_id`` that many revisions, each with its own description."""
    head = store.head(model_id)
    while head < revisions:
        edited = coop.model_copy(update={"description": f"revision {head + 1}"})
        head = store.save(model_id, edited, author="bench", message="", parent=head or None).number


def load(store: Store, model_id: str) -> Cooperation:
    return store.revision(model_id).cooperation()


@dataclass(frozen=True)
class Load:
    """What a load of concurrent writers got."""

    per_second: float  # revisions saved per second, all writers together
    saved: int
    conflicts: int
    errors: int  # saves that failed otherwise (the workspace busy for too long)
    first_error: str
    p50_ms: float  # of every save call, conflicts included
    p95_ms: float
    missing: int  # writers that never reported (hung)


def write_until(
    url: str,
    writer: int,
    coop: Cooperation,
    start: Any,  # a Barrier of threads or of processes
    seconds: float,
    out: Any,  # a Queue of threads or of processes
    shared: bool,
) -> None:
    """One writer: save from the head, retry after each conflict, until time is up.

    ``model_id`` is ``shared`` for all writers (they race), else each writer's own.
    Sends (saved, conflicts, errors, first error, each save call's seconds).
    """
    store = Store(url)
    model_id = "shared" if shared else f"own-{writer}"
    coop = coop.model_copy(update={"description": f"writer {writer}"})
    saved = conflicts = errors = 0
    first_error = ""
    latencies: list[float] = []
    start.wait(timeout=300)
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        began = time.perf_counter()
        try:
            head = store.head(model_id) or None
            store.save(model_id, coop, author=f"w{writer}", message="", parent=head)
        except ConflictError:
            conflicts += 1
        except Bm3cError as error:  # counted and shown: the benchmark goes on
            errors += 1
            first_error = first_error or str(error)
        else:
            saved += 1
        latencies.append(time.perf_counter() - began)
    out.put((saved, conflicts, errors, first_error, latencies))


def concurrent_writers(
    url: str, coop: Cooperation, seconds: float, writers: int, *, processes: bool, shared: bool
) -> Load:
    """Revisions per second of ``writers`` concurrent writers, conflicts, save call times.

    Processes stand for several app servers on one database; threads for the
    sessions of one app server (one engine, one connection pool, one GIL).
    """
    spawn = multiprocessing.get_context("spawn")
    start: Any = spawn.Barrier(writers + 1) if processes else threading.Barrier(writers + 1)
    out: Any = spawn.Queue() if processes else queue.Queue()
    make: Any = spawn.Process if processes else threading.Thread
    workers = [
        make(target=write_until, args=(url, i, coop, start, seconds, out, shared), daemon=True)
        for i in range(writers)
    ]
    for worker in workers:
        worker.start()
    start.wait(timeout=300)  # every writer is ready: start the clock together
    began = time.perf_counter()
    results = []
    for _ in workers:
        try:
            results.append(out.get(timeout=seconds + GRACE))
        except queue.Empty:
            break  # the rest are hung: said in the figures, the benchmark goes on
    elapsed = time.perf_counter() - began
    for worker in workers:
        worker.join(timeout=10)
        if processes and worker.is_alive():
            worker.kill()
    saved = sum(r[0] for r in results)
    latencies = sorted(t for r in results for t in r[4]) or [0.0]
    return Load(
        per_second=saved / elapsed,
        saved=saved,
        conflicts=sum(r[1] for r in results),
        errors=sum(r[2] for r in results),
        first_error=next((r[3] for r in results if r[3]), ""),
        p50_ms=statistics.median(latencies) * 1000,
        p95_ms=latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))] * 1000,
        missing=writers - len(results),
    )


def bench(label: str, url: str, coop: Cooperation, seconds: float) -> None:
    store = Store(url)
    fill(store, "model", coop, 1)
    head = [store.head("model")]

    def save() -> None:
        head[0] = store.save("model", coop, author="bench", message="", parent=head[0]).number

    save_ms = median_ms(save, 51)
    fetch_ms = median_ms(lambda: store.revision("model"), 51)
    load_ms = median_ms(lambda: load(store, "model"), 51)
    loads = {
        f"{THREADS} threads, one model": concurrent_writers(
            url, coop, seconds, THREADS, processes=False, shared=True
        ),
        f"{PROCESSES} processes, one model": concurrent_writers(
            url, coop, seconds, PROCESSES, processes=True, shared=True
        ),
        f"{THREADS} threads, own models": concurrent_writers(
            url, coop, seconds, THREADS, processes=False, shared=False
        ),
    }
    by_history = []
    for size in HISTORY_SIZES:
        fill(store, f"history-{size}", coop, size)
        by_history.append((size, median_ms(lambda m=f"history-{size}": load(store, m), 41)))
    print(label)
    print(
        f"  save one revision                   {save_ms:8.1f} ms   target <= {SAVE_TARGET_MS} ms"
    )
    print(
        f"  load latest revision + validate     {load_ms:8.1f} ms   target <= {LOAD_TARGET_MS} ms"
    )
    print(f"    of which fetching it              {fetch_ms:8.1f} ms")
    print(f"  writers saving for {seconds:.0f} s (save call time: median, 95th percentile)")
    for kind, figures in loads.items():
        print(
            f"    {kind:25} {figures.per_second:6.1f} saves/s  {figures.saved:5} saved  "
            f"{figures.conflicts:5} conflicts  {figures.errors} errors  "
            f"p50 {figures.p50_ms:6.1f} ms  p95 {figures.p95_ms:7.1f} ms"
        )
        if figures.errors:
            print(f"      first error: {figures.first_error}")
        if figures.missing:
            print(f"      {figures.missing} writers never finished: the store hung")
    for size, ms in by_history:
        print(f"  load with {size:>5,} revisions in history {ms:6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="of each concurrent load")
    args = parser.parse_args()
    coop = cooperation()
    size_kb = len(canonical_json(coop).encode()) / 1024
    print(
        f"synthetic cooperation: 30 members, 200 activities, 300 flows "
        f"({size_kb:.0f} kB of JSON per revision); {os.cpu_count()} CPU(s)"
    )
    with sqlite_database() as url:
        bench("SQLite (temporary file, WAL)", url, coop, args.seconds)
    server, reason = postgres_url()
    if server is None:
        print(f"PostgreSQL: skipped ({reason})")
        return
    with postgres_schema(server) as url:
        bench(f"PostgreSQL ({server})", url, coop, args.seconds)


if __name__ == "__main__":
    main()
