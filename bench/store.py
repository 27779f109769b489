"""Store benchmark: save and load the 30-member synthetic cooperation, SQLite and PostgreSQL.

Prints, per database: the median time of a save (one new revision, serialising
included), of a load (the latest revision fetched and validated into a
``Cooperation``), the revisions per second that 20 concurrent writers sustain on
one model (each re-reads the head and retries after a conflict; as threads of one
app server, and as separate processes) and, for comparison, each on a model of its
own (no conflict), and the load time
with 1, 100 and 1,000 revisions in the model's history (it should not grow).
Targets: save <= 50 ms, load <= 30 ms. PostgreSQL: ``BM3C_TEST_POSTGRES_URL``, else
the throwaway server ``.ci/postgres`` starts, else skipped. Figures, never asserts:
``.venv/bin/python bench/store.py [--seconds S]``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import queue
import secrets
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from timing import median_ms  # bench/timing.py

from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.store import ConflictError, Store, canonical_json
from bm3c.store.database import engine_for
from bm3c.synthetic import synthetic_cooperation

ROOT = Path(__file__).resolve().parents[1]
SAVE_TARGET_MS = 50
LOAD_TARGET_MS = 30
WRITERS = 20
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


def write_until(
    url: str,
    writer: int,
    start: Any,  # a Barrier of threads or of processes
    seconds: float,
    out: Any,  # a Queue of threads or of processes
    shared: bool,
) -> None:
    """One writer: save from the head, retry after each conflict, until time is up.

    ``model_id`` is ``shared`` for all writers (they race), else each writer's own.
    """
    store = Store(url)
    model_id = "shared" if shared else f"own-{writer}"
    coop = cooperation().model_copy(update={"description": f"writer {writer}"})
    saved = conflicts = 0
    start.wait()
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        try:
            head = store.head(model_id) or None
            store.save(model_id, coop, author=f"w{writer}", message="", parent=head)
        except ConflictError:
            conflicts += 1
        else:
            saved += 1
    out.put((saved, conflicts))


def concurrent_writers(
    url: str, seconds: float, *, processes: bool, shared: bool = True
) -> tuple[float, int, int]:
    """Revisions per second of 20 writers, and the totals saved and refused.

    Processes stand for several app servers on one database; threads for the
    sessions of one app server (one engine, one connection pool, one GIL).
    """
    spawn = multiprocessing.get_context("spawn")
    start: Any = spawn.Barrier(WRITERS + 1) if processes else threading.Barrier(WRITERS + 1)
    out: Any = spawn.Queue() if processes else queue.Queue()
    make: Any = spawn.Process if processes else threading.Thread
    workers = [
        make(target=write_until, args=(url, i, start, seconds, out, shared)) for i in range(WRITERS)
    ]
    for worker in workers:
        worker.start()
    start.wait()  # every writer is ready: start the clock together
    began = time.perf_counter()
    results = [out.get(timeout=seconds + 120) for _ in workers]
    elapsed = time.perf_counter() - began
    for worker in workers:
        worker.join()
    saved = sum(s for s, _ in results)
    return saved / elapsed, saved, sum(c for _, c in results)


def bench(label: str, url: str, coop: Cooperation, seconds: float) -> None:
    store = Store(url)
    fill(store, "model", coop, 1)
    head = [store.head("model")]

    def save() -> None:
        head[0] = store.save("model", coop, author="bench", message="", parent=head[0]).number

    save_ms = median_ms(save, 51)
    fetch_ms = median_ms(lambda: store.revision("model"), 51)
    load_ms = median_ms(lambda: load(store, "model"), 51)
    writers = {
        "threads, one model": concurrent_writers(url, seconds, processes=False),
        "processes, one model": concurrent_writers(url, seconds, processes=True),
        "threads, own models": concurrent_writers(url, seconds, processes=False, shared=False),
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
    for kind, (per_second, saved, refused) in writers.items():
        print(
            f"  {WRITERS} writers ({kind:20}) {per_second:6.1f} revisions/s "
            f"({saved} saved, {refused} conflicts retried in {seconds:.0f} s)"
        )
    for size, ms in by_history:
        print(f"  load with {size:>5,} revisions in history {ms:6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="of concurrent writing")
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
