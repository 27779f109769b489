"""One watcher per process: heads, trash and presence read once a tick for every tab."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from bm3c.edit.cooperation import set_work
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.store import Store, watch
from bm3c.store import workspace as saved
from bm3c.store.database import reading
from bm3c.store.live import PRESENCE_TIMEOUT, connected
from bm3c.store.schema import presence
from bm3c.store.watch import FORGET_SECONDS, WATCH_SECONDS, Watcher, watcher_for

HALLE = Path(__file__).resolve().parents[2] / "examples" / "halle-des-transitions.yaml"


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def halle() -> Cooperation:
    return load_cooperation(HALLE)


def _rows(store: Store) -> int:
    with reading(store.engine) as db:
        return int(db.execute(select(func.count()).select_from(presence)).scalar() or 0)


def test_a_save_by_another_process_is_seen_at_the_next_tick(
    store: Store, halle: Cooperation
) -> None:
    store.save("halle", halle, author="Anne", message="", parent=None)
    watcher = Watcher(store.url, store.workspace)
    assert watcher.state("halle") == (1, False)  # the first question reads the database
    # another server process on the same database: its save does not notify this watcher
    elsewhere = Watcher(store.url, store.workspace)
    other = Store(store.url)
    other.save("halle", set_work(halle, "cafe-cantine", "r3-bordeaux", 100, 0), **_by("Bruno", 1))
    assert elsewhere.state("halle") == (2, False)
    assert watcher.state("halle") == (1, False)  # memory only until the next tick
    watcher.tick()
    assert watcher.state("halle") == (2, False)


def test_a_save_or_a_trash_in_this_process_is_seen_at_once(
    store: Store, halle: Cooperation
) -> None:
    store.save("halle", halle, author="Anne", message="", parent=None)
    watcher = watcher_for(store)
    assert watcher.state("halle") == (1, False)
    store.save("halle", set_work(halle, "cafe-cantine", "r3-bordeaux", 100, 0), **_by("Anne", 1))
    assert watcher.state("halle") == (2, False)  # no tick needed
    store.delete("halle")
    assert watcher.state("halle") == (2, True)
    store.undelete("halle")
    assert watcher.state("halle") == (2, False)
    assert watcher.state("nothing-here") == (0, False)


def test_heartbeats_wait_for_the_tick_and_are_written_together(store: Store) -> None:
    watcher = Watcher(store.url, store.workspace)
    watcher.check_in("tab-a", "Anne", "model:halle")  # a first heartbeat is written at once
    assert _rows(store) == 1 and connected(store, "Anne")
    watcher.check_in("tab-b", "Bruno", "model:halle")
    watcher.check_in("tab-c", "Chloé", "model:other")
    assert _rows(store) == 3
    # the next heartbeats of known tabs wait for the tick: one statement for all
    with reading(store.engine) as db:
        before = dict(db.execute(select(presence.c.session, presence.c.seen_at)).all())
    time.sleep(0.01)
    watcher.check_in("tab-a", "Anne", "model:halle")
    watcher.check_in("tab-b", "Bruno", "model:halle")
    with reading(store.engine) as db:
        unchanged = dict(db.execute(select(presence.c.session, presence.c.seen_at)).all())
    assert unchanged == before
    watcher.tick()
    with reading(store.engine) as db:
        after = dict(db.execute(select(presence.c.session, presence.c.seen_at)).all())
    assert after["tab-a"] > before["tab-a"] and after["tab-b"] > before["tab-b"]
    assert after["tab-c"] == before["tab-c"]  # no heartbeat since: not written again


def test_who_else_is_here_comes_from_memory_refreshed_each_tick(store: Store) -> None:
    mine, theirs = Watcher(store.url, store.workspace), Watcher(store.url, store.workspace)
    mine.check_in("tab-a", "Anne", "model:halle")
    assert mine.others("tab-a", "Anne", "model:halle") == []
    theirs.check_in("tab-b", "Bruno", "model:halle")  # a tab of another process arrives
    theirs.check_in("tab-c", "Anne", "model:halle")  # Anne's second tab: never listed to her
    theirs.check_in("tab-d", "Chloé", "model:other")
    assert mine.others("tab-a", "Anne", "model:halle") == []  # until the next tick
    mine.tick()
    assert mine.others("tab-a", "Anne", "model:halle") == ["Bruno"]
    assert theirs.others("tab-b", "Bruno", "model:halle") == ["Anne"]
    assert theirs.others("tab-d", "Chloé", "model:other") == []


def test_a_closed_tab_leaves_the_list_once_its_heartbeats_stop(store: Store) -> None:
    watcher = Watcher(store.url, store.workspace)
    watcher.check_in("tab-a", "Anne", "model:halle")
    watcher.check_in("tab-b", "Bruno", "model:halle")
    watcher.tick()
    assert watcher.others("tab-a", "Anne", "model:halle") == ["Bruno"]
    # Bruno's tab closes: Anne's keeps checking in; the tick writes only hers
    deadline = time.monotonic() + PRESENCE_TIMEOUT.total_seconds() + 5
    while watcher.others("tab-a", "Anne", "model:halle") and time.monotonic() < deadline:
        watcher.check_in("tab-a", "Anne", "model:halle")
        watcher.tick()
        time.sleep(0.2)
    assert watcher.others("tab-a", "Anne", "model:halle") == []


def test_what_no_tab_asks_about_any_more_is_no_longer_read(
    store: Store, halle: Cooperation
) -> None:
    clock = Clock()
    watcher = Watcher(store.url, store.workspace, clock=clock)
    store.save("halle", halle, author="Anne", message="", parent=None)
    assert watcher.state("halle") == (1, False)
    clock.now += FORGET_SECONDS + 1
    watcher.tick()  # forgotten: the next question reads it afresh
    Store(store.url).save(
        "halle", set_work(halle, "cafe-cantine", "r3-bordeaux", 100, 0), **_by("Bruno", 1)
    )
    assert watcher.state("halle") == (2, False)


def test_the_background_thread_ticks_on_its_own(store: Store, halle: Cooperation) -> None:
    store.save("halle", halle, author="Anne", message="", parent=None)
    watcher = watcher_for(store)
    assert watcher is watcher_for(Store(store.url))  # one per process and workspace
    assert watcher.state("halle") == (1, False)
    listeners = list(saved.CHANGE_LISTENERS)
    saved.CHANGE_LISTENERS.clear()  # as if another process saved
    try:
        store.save("halle", set_work(halle, "cafe-cantine", "r3-bordeaux", 1, 0), **_by("B", 1))
    finally:
        saved.CHANGE_LISTENERS[:] = listeners
    deadline = time.monotonic() + 20 * WATCH_SECONDS
    while watcher.state("halle") != (2, False) and time.monotonic() < deadline:
        time.sleep(WATCH_SECONDS / 5)
    assert watcher.state("halle") == (2, False)


def _watching(store: Store, halle: Cooperation) -> Watcher:
    """A watcher of a workspace where Anne saved the Halle once; it knows revision 1."""
    store.save("halle", halle, author="Anne", message="", parent=None)
    watcher = Watcher(store.url, store.workspace)
    assert watcher.state("halle") == (1, False)
    return watcher


def _by(author: str, parent: int) -> dict[str, object]:
    return {"author": author, "message": "", "parent": parent}


def test_a_read_overtaken_by_a_save_made_here_is_not_kept(
    store: Store, halle: Cooperation, monkeypatch: pytest.MonkeyPatch
) -> None:
    watcher = _watching(store, halle)
    real = watch.reading

    @contextmanager
    def overtaken(engine: Any) -> Iterator[Any]:
        with real(engine) as db:
            yield db
        watcher.changed("halle")  # a save here commits after the tick's read

    monkeypatch.setattr(watch, "reading", overtaken)
    watcher.tick()
    monkeypatch.setattr(watch, "reading", real)
    store.save("halle", set_work(halle, "cafe-cantine", "r3-bordeaux", 100, 0), **_by("Anne", 1))
    assert watcher.state("halle") == (2, False)  # read afresh, not the tick's stale 1


def test_a_failed_heartbeat_write_does_not_stop_the_reads(
    store: Store, halle: Cooperation, monkeypatch: pytest.MonkeyPatch
) -> None:
    watcher = _watching(store, halle)

    def locked() -> None:
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(watcher, "_write_beats", locked)
    Store(store.url).save(
        "halle", set_work(halle, "cafe-cantine", "r3-bordeaux", 100, 0), **_by("Bruno", 1)
    )
    with pytest.raises(OperationalError):
        watcher.tick()  # said, and the thread's loop logs it
    assert watcher.state("halle") == (2, False)  # the heads were read all the same
