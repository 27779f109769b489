"""A store kept busy answers within its bounds, with a plain message, and loses nothing.

The waits are shortened to one second here (the real ones: store.database's
LOCK_WAIT_SECONDS and POOL_WAIT_SECONDS), before the test's engine is made.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import update

from bm3c.errors import Bm3cError
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.store import Store, StoreBusyError, database
from bm3c.store.database import reading, writing
from bm3c.store.schema import models

HALLE = Path(__file__).resolve().parents[2] / "examples" / "halle-des-transitions.yaml"


@pytest.fixture
def halle() -> Cooperation:
    return load_cooperation(HALLE)


def _in_thread(run: object) -> list[object]:
    """Run ``run`` in another thread; what it returned or raised, and how long it took."""
    outcome: list[object] = []

    def target() -> None:
        started = time.monotonic()
        try:
            outcome.append(run())  # type: ignore[operator]
        except Exception as error:  # the outcome under test
            outcome.append(error)
        outcome.append(time.monotonic() - started)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive(), "still waiting after 60 s: the wait is not bounded"
    return outcome


def test_a_save_kept_waiting_for_the_lock_is_refused_as_busy_and_writes_nothing(
    database_url: str, halle: Cooperation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "LOCK_WAIT_SECONDS", 1)
    store = Store(database_url)
    store.save("halle", halle, author="Anne", message="import", parent=None)
    with writing(store.engine) as holder:  # another save that takes its time
        holder.execute(update(models).values(name="being saved"))
        error, waited = _in_thread(
            lambda: store.save("halle", halle, author="Bruno", message="mine", parent=1)
        )
    assert isinstance(error, StoreBusyError) and isinstance(error, Bm3cError)
    assert str(error) == "the workspace is busy (other saves held it for 1 s): try again"
    assert 0.9 < waited < 10  # type: ignore[operator]
    assert store.count_revisions("halle") == 1
    # nothing half-done: once the lock is free, the same save goes through
    saved = store.save("halle", halle, author="Bruno", message="mine", parent=1)
    assert (saved.number, store.head("halle")) == (2, 2)


def test_a_full_connection_pool_is_refused_as_busy_instead_of_hanging(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "POOL_SIZE", 1)
    monkeypatch.setattr(database, "POOL_OVERFLOW", 0)
    monkeypatch.setattr(database, "POOL_WAIT_SECONDS", 1)
    store = Store(database_url)
    with reading(store.engine):  # the pool's only connection, held
        error, waited = _in_thread(lambda: store.head("halle"))
    assert isinstance(error, StoreBusyError)
    assert "operations of this server have been running for 1 s" in str(error)
    assert 0.9 < waited < 10  # type: ignore[operator]
    assert store.head("halle") == 0  # given back: the store answers again
