"""What the tabs of one server process share: computed once, keyed by content, bounded."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from bm3c.edit.cooperation import set_work
from bm3c.engine import evaluate
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.store import Store
from bm3c.ui import process_cache
from bm3c.ui.process_cache import SharedCache, fingerprint, saved_model, saved_revision
from bm3c.ui.state import Workspace

HALLE = Path(__file__).resolve().parents[2] / "examples" / "halle-des-transitions.yaml"


@pytest.fixture
def halle() -> Cooperation:
    return load_cooperation(HALLE)


def test_equal_models_share_a_fingerprint_and_an_edit_changes_it(halle: Cooperation) -> None:
    again = load_cooperation(HALLE)
    assert again is not halle and fingerprint(again) == fingerprint(halle)
    edited = set_work(halle, "cafe-cantine", "r3-bordeaux", 100, 0)
    assert fingerprint(edited) != fingerprint(halle)


def test_a_missing_value_is_made_once_while_many_ask_together() -> None:
    cache: SharedCache[int] = SharedCache(4)
    calls: list[int] = []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.2)
        return 42

    results: list[int] = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get("k", slow))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [42] * 8 and len(calls) == 1 and cache.made == 1


def test_the_cache_keeps_the_most_recently_used_within_its_size() -> None:
    cache: SharedCache[str] = SharedCache(2)
    cache.get("a", lambda: "A")
    cache.get("b", lambda: "B")
    cache.get("a", lambda: "not made again")  # a is now the most recent
    cache.get("c", lambda: "C")  # b goes
    assert len(cache) == 2 and cache.made == 3
    assert cache.get("a", lambda: "A again") == "A"
    assert cache.get("b", lambda: "B again") == "B again"


def test_a_failure_is_not_kept_and_the_next_one_asking_tries_again() -> None:
    cache: SharedCache[int] = SharedCache(2)

    def broken() -> int:
        raise ValueError("no")

    with pytest.raises(ValueError, match="no"):
        cache.get("k", broken)
    assert cache.get("k", lambda: 7) == 7


def test_tabs_on_the_same_revision_share_its_model_and_evaluation(
    tmp_path: Path, halle: Cooperation
) -> None:
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    store.save("halle", halle, author="Anne", message="", parent=None)
    revision = saved_revision(store, "halle", 1)
    assert saved_revision(store, "halle", 1) is revision  # read once
    model = saved_model(store, revision)
    assert saved_model(store, store.revision("halle", 1)) is model  # parsed once
    process_cache.RESULTS.clear()
    made = process_cache.RESULTS.made
    anne = Workspace(plan=model, source="halle", loaded=model, origin="model:halle", base=1)
    bruno = Workspace(plan=model, source="halle", loaded=model, origin="model:halle", base=1)
    assert anne.evaluation() is bruno.evaluation()
    assert anne.evaluation() == evaluate(halle)
    # a tab whose edits make the same model as another's shares that model's results
    chloe = Workspace(plan=load_cooperation(HALLE), source="f", loaded=halle)
    assert chloe.evaluation() is anne.evaluation()
    edited = set_work(halle, "cafe-cantine", "r3-bordeaux", 100, 0)
    chloe.replace(edited, "edit")
    assert chloe.evaluation() == evaluate(edited) != anne.evaluation()
    # made: the year view and evaluation of the revision, then of the edit; nothing else
    assert process_cache.RESULTS.made - made == 4


def test_a_value_leaving_the_cache_forgets_its_key() -> None:
    cache: SharedCache[object] = SharedCache(1, on_evict=process_cache._forget)
    first, second = object(), object()
    cache.get("a", lambda: first)
    process_cache._remember(first, "a")
    assert process_cache.content_key(first) == "a"
    cache.get("b", lambda: second)  # a goes: nothing keeps it alive for its key any more
    assert process_cache.content_key(first) is None


def test_a_value_asking_for_itself_is_refused_instead_of_waiting_for_ever() -> None:
    cache: SharedCache[int] = SharedCache(4)

    def loop() -> int:
        return cache.get("k", loop) + 1

    with pytest.raises(RuntimeError, match="asks for itself"):
        cache.get("k", loop)
    assert cache.get("other", lambda: cache.get("inner", lambda: 2) + 1) == 3  # nesting is fine
