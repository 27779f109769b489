"""A writer killed (SIGKILL) in the middle of saving loses no acknowledged revision.

A separate process saves revisions of the 30-member synthetic cooperation in a loop
and prints each number once ``save`` has returned. The test kills it at a random
moment inside a save after a few acknowledgements, then checks the
store as the next process finds it: it opens, SQLite's integrity check passes,
every acknowledged revision is there and whole, numbering has no gap, and saving
goes on. Five kills in a row per database.
"""

from __future__ import annotations

import itertools
import random
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bm3c.model.validation import validate_cooperation
from bm3c.store import Store
from bm3c.store.database import engine_for
from bm3c.synthetic import synthetic_cooperation

WRITER = Path(__file__).with_name("crash_writer.py")
MODEL = "synthetic"


def _run_and_kill(url: str, rng: random.Random, log: Path) -> list[int]:
    """Start the writer, kill it after a few acknowledgements; every number it acknowledged."""
    with log.open("w") as errors:
        writer = subprocess.Popen(
            [sys.executable, str(WRITER), url, MODEL],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
    assert writer.stdout is not None
    acknowledged: list[int] = []
    started: dict[int, float] = {}
    durations: list[float] = []

    def read(word_wanted: str) -> None:
        while True:
            line = writer.stdout.readline()  # type: ignore[union-attr]
            assert line, f"the writer stopped by itself:\n{log.read_text()}"
            word, number = line.split()
            if word == "saving":
                started[int(number)] = time.perf_counter()
            else:
                acknowledged.append(int(number))
                durations.append(time.perf_counter() - started[int(number)])
            if word == word_wanted:
                return

    try:
        for _ in range(rng.randint(3, 8)):
            read("saved")
        read("saving")
        # the database work comes last in a save: aim at its second half, sometimes just after
        time.sleep(rng.uniform(0.65, 1.05) * statistics.median(durations))
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    rest = writer.stdout.read().split()  # what it printed before the kill
    acknowledged += [
        int(n) for word, n in zip(rest[::2], rest[1::2], strict=True) if word == "saved"
    ]
    writer.stdout.close()
    assert writer.returncode == -signal.SIGKILL
    return acknowledged


def _check_after_crash(url: str, acknowledged: list[int]) -> int:
    """What the next process must find; returns the head."""
    engine = engine_for(url)
    engine.dispose()  # no connection from before the kill: open anew, as a new process does
    if engine.dialect.name == "sqlite":
        with engine.connect() as db:
            assert db.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    store = Store(url)
    history = store.history(MODEL)
    numbers = [r.number for r in history]
    head = store.head(MODEL)
    assert numbers == list(range(1, len(numbers) + 1))
    assert head == numbers[-1] == store.count_revisions(MODEL)
    assert set(acknowledged) <= set(numbers)
    # at most the save in flight at the kill went through without being acknowledged
    assert max(acknowledged) <= head <= max(acknowledged) + 1
    for previous, revision in itertools.pairwise(history):
        assert revision.parent == previous.number
    for revision in history:
        assert revision.message == f"save {revision.number}"
        assert revision.cooperation().description == f"revision {revision.number}"
    return head


def test_a_killed_writer_loses_no_acknowledged_revision(database_url: str, tmp_path: Path) -> None:
    rng = random.Random(2026)
    acknowledged: list[int] = []
    for _ in range(5):  # the next writer is the fresh process that opens the store after a crash
        acknowledged += _run_and_kill(database_url, rng, tmp_path / "writer.log")
        head = _check_after_crash(database_url, acknowledged)
    coop = validate_cooperation(synthetic_cooperation(seed=1))
    saved = Store(database_url).save(MODEL, coop, author="after", message="after", parent=head)
    assert saved.number == head + 1
    assert Store(database_url).revision(MODEL).cooperation() == coop
