"""The workspace store on SQLite and PostgreSQL: revisions, conflicts, trash, concurrent writers."""

from __future__ import annotations

import itertools
import multiprocessing
import threading
from pathlib import Path

import pytest
from sqlalchemy import update

from bm3c.edit.cooperation import set_work
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.store import ConflictError, Store, TrashedModelError, UnknownModelError, model_slug
from bm3c.store.database import writing
from bm3c.store.schema import models

HALLE = Path(__file__).resolve().parents[2] / "examples" / "halle-des-transitions.yaml"


@pytest.fixture
def halle() -> Cooperation:
    return load_cooperation(HALLE)


def test_every_save_appends_a_revision_and_nothing_is_overwritten(
    store: Store, halle: Cooperation
) -> None:
    first = store.save("halle", halle, author="Anne", message="import", parent=None)
    edited = set_work(halle, "cafe-cantine", "r3-bordeaux", 100, 0)
    second = store.save("halle", edited, author="Bruno", message="R3 en cuisine", parent=1)
    assert (first.number, second.number, second.parent) == (1, 2, 1)
    history = store.history("halle")
    assert [(r.number, r.author, r.message) for r in history] == [
        (1, "Anne", "import"),
        (2, "Bruno", "R3 en cuisine"),
    ]
    assert history[0].cooperation() == halle
    assert store.revision("halle").cooperation() == edited
    assert [m.id for m in store.list_models()] == ["halle"]


def test_a_save_from_an_old_revision_is_a_conflict(store: Store, halle: Cooperation) -> None:
    store.save("halle", halle, author="Anne", message="import", parent=None)
    store.save(
        "halle",
        set_work(halle, "cafe-cantine", "r3-bordeaux", 100, 0),
        author="Anne",
        message="a",
        parent=1,
    )
    with pytest.raises(ConflictError) as caught:
        store.save("halle", halle, author="Bruno", message="b", parent=1)
    assert (caught.value.expected, caught.value.head) == (1, 2)
    with pytest.raises(ConflictError):
        store.save("halle", halle, author="Chloé", message="new?", parent=None)
    assert store.head("halle") == 2


def test_restore_makes_a_new_revision_and_trash_can_be_undone(
    store: Store, halle: Cooperation
) -> None:
    store.save("halle", halle, author="Anne", message="import", parent=None)
    store.save(
        "halle",
        set_work(halle, "cafe-cantine", "r3-bordeaux", 100, 0),
        author="Anne",
        message="a",
        parent=1,
    )
    restored = store.restore("halle", 1, author="Bruno")
    assert restored.number == 3
    assert store.revision("halle").cooperation() == halle
    store.delete("halle")
    assert store.list_models() == []
    assert [m.id for m in store.list_models(trash=True)] == ["halle"]
    assert store.state("halle") == (3, True)
    with pytest.raises(TrashedModelError):  # no revision nobody would see
        store.save("halle", halle, author="Anne", message="b", parent=3)
    store.undelete("halle")
    assert store.state("halle") == (3, False)
    assert [m.id for m in store.list_models()] == ["halle"]
    with pytest.raises(UnknownModelError):
        store.history("absent")
    with pytest.raises(UnknownModelError):
        store.revision("halle", 99)


def test_model_slug() -> None:
    assert model_slug("La Halle des transitions !") == "la-halle-des-transitions"
    assert model_slug("???") == "model"


def _write(url: str, writer: int, results: list[tuple[int, str]]) -> None:
    store = Store(url)
    coop = load_cooperation(HALLE)
    for attempt in range(3):
        parent = store.head("halle")
        try:
            revision = store.save(
                "halle", coop, author=f"writer {writer}", message=f"save {attempt}", parent=parent
            )
        except ConflictError:
            results.append((writer, "conflict"))
        else:
            results.append((writer, f"saved {revision.number}"))


def _write_in_process(url: str, writer: int, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    results: list[tuple[int, str]] = []
    _write(url, writer, results)
    queue.put(results)


def test_twenty_concurrent_writers_never_lose_or_duplicate_a_revision(
    store: Store, halle: Cooperation
) -> None:
    store.save("halle", halle, author="setup", message="import", parent=None)
    results: list[tuple[int, str]] = []
    threads = [threading.Thread(target=_write, args=(store.url, i, results)) for i in range(10)]
    queue: multiprocessing.Queue = multiprocessing.get_context("spawn").Queue()  # type: ignore[type-arg]
    processes = [
        multiprocessing.get_context("spawn").Process(
            target=_write_in_process, args=(store.url, 100 + i, queue)
        )
        for i in range(10)
    ]
    for worker in [*threads, *processes]:
        worker.start()
    for thread in threads:
        thread.join(timeout=120)
    for _ in processes:
        results += queue.get(timeout=120)
    for process in processes:
        process.join(timeout=120)
    assert len(results) == 20 * 3  # every save either became a revision or a conflict
    saved = sorted(int(outcome.split()[1]) for _, outcome in results if outcome != "conflict")
    history = store.history("halle")
    assert len(history) == 1 + len(saved)
    assert [r.number for r in history] == list(range(1, len(history) + 1))
    assert saved == list(range(2, len(history) + 1))  # no number given twice
    assert store.head("halle") == store.count_revisions("halle") == len(history)
    for previous, revision in itertools.pairwise(history):
        assert revision.parent == previous.number


def test_reading_does_not_wait_for_a_writer(store: Store, halle: Cooperation) -> None:
    """WAL lets SQLite readers go on while a write transaction is open (PostgreSQL: MVCC).

    Deterministic: a write transaction is held open until the reader has had 5 s.
    """
    store.save("halle", halle, author="Anne", message="import", parent=None)
    heads: list[int] = []
    with writing(store.engine) as writer:
        writer.execute(update(models).values(name="being renamed"))
        reader = threading.Thread(target=lambda: heads.append(store.head("halle")))
        reader.start()
        reader.join(timeout=5)
        assert heads == [1], "head() waited for the open write transaction"
    reader.join()
