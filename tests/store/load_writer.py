"""One writer of the store load test (test_load.py): saves one model over and over.

The same function runs as a thread of the test's process (the tabs of one app server:
one engine, one connection pool) and as a process of its own (several app servers).
Each attempt reads the head and saves on it; whatever happens is recorded, never
raised: a revision (its number, parent and description), a conflict (with the head it
reported), or an error. The description of a save says who made it and when
(``writer W save K``), so the history can be checked against what each writer saw.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from bm3c.model import Cooperation
from bm3c.store import ConflictError, Store

MODEL = "halle"


@dataclass
class Outcome:
    """What one writer got: every save it made, its conflicts, its errors, and timings."""

    writer: int
    saved: list[tuple[int, int | None, str]] = field(default_factory=list)  # number, parent, text
    conflicts: int = 0
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)  # seconds per save call


def write_for(url: str, writer: int, coop: Cooperation, seconds: float, go: Any) -> Outcome:
    """Save ``coop`` (edited) from the head until ``seconds`` after ``go`` is set."""
    outcome = Outcome(writer)
    try:
        store = Store(url)
    except Exception as error:  # recorded, so the test names it
        outcome.errors.append(f"opening the store: {error!r}")
        return outcome
    return _write(store, outcome, coop, seconds, go)


def write_in_process(
    url: str, writer: int, coop: Cooperation, seconds: float, ready: Any, go: Any, out: Any
) -> None:
    """:func:`write_for` in a process of its own: ready once its store is open, then its outcome.

    The store is opened before saying ready, so the processes' start-up (a first
    connection, the schema checked) is not counted in their time of saving.
    """
    outcome = Outcome(writer)
    try:
        store = Store(url)
    except Exception as error:
        outcome.errors.append(f"opening the store: {error!r}")
        ready.put(writer)
        out.put(outcome)
        return
    ready.put(writer)
    out.put(_write(store, outcome, coop, seconds, go))


def _write(store: Store, outcome: Outcome, coop: Cooperation, seconds: float, go: Any) -> Outcome:
    if not go.wait(timeout=300):
        outcome.errors.append("never told to start")
        return outcome
    deadline = time.monotonic() + seconds
    attempt = 0
    while time.monotonic() < deadline:
        attempt += 1
        text = f"writer {outcome.writer} save {attempt}"
        edited = coop.model_copy(update={"description": text})
        started = time.perf_counter()
        parent: int | None = None
        try:
            parent = store.head(MODEL) or None
            revision = store.save(
                MODEL, edited, author=f"w{outcome.writer}", message=text, parent=parent
            )
        except ConflictError as conflict:
            outcome.conflicts += 1
            if conflict.head <= (parent or 0):
                outcome.errors.append(f"a conflict at head {conflict.head} on parent {parent}")
        except Exception as error:  # every other failure is what the test looks for
            outcome.errors.append(repr(error))
        else:
            outcome.saved.append((revision.number, revision.parent, text))
        outcome.latencies.append(time.perf_counter() - started)
    return outcome
