"""A live workshop: each participant's draft, and who else has the same model open."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bm3c.edit.cooperation import set_work
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.store import Store, live
from bm3c.store.live import (
    PRESENCE_TIMEOUT,
    drop_draft,
    find_draft,
    leave,
    participants,
    save_draft,
)

HALLE = Path(__file__).resolve().parents[2] / "examples" / "halle-des-transitions.yaml"


@pytest.fixture
def halle() -> Cooperation:
    return load_cooperation(HALLE)


def test_a_draft_is_saved_replaced_found_and_dropped(store: Store, halle: Cooperation) -> None:
    assert find_draft(store, "halle", "Anne") is None
    save_draft(store, "halle", "Anne", 0, halle)
    first = find_draft(store, "halle", "Anne")
    assert first is not None
    assert (first.source, first.author, first.base) == ("halle", "Anne", 0)
    assert first.cooperation() == halle
    edited = set_work(halle, "cafe-cantine", "r3-bordeaux", 100, 0)
    save_draft(store, "halle", "Anne", 3, edited)  # the next autosave replaces it
    second = find_draft(store, "halle", "Anne")
    assert second is not None
    assert (second.base, second.cooperation()) == (3, edited)
    assert second.saved_at >= first.saved_at
    drop_draft(store, "halle", "Anne")
    assert find_draft(store, "halle", "Anne") is None
    drop_draft(store, "halle", "Anne")  # dropping nothing is fine


def test_drafts_are_kept_per_author_source_and_workspace(store: Store, halle: Cooperation) -> None:
    edited = set_work(halle, "cafe-cantine", "r3-bordeaux", 100, 0)
    other = Store.create_workspace(store.url, "coll-b", name="B")
    save_draft(store, "halle", "Anne", 1, halle)
    save_draft(store, "halle", "Bruno", 1, edited)
    save_draft(store, "file:halle.yaml", "Anne", 0, edited)
    save_draft(other, "halle", "Anne", 7, edited)
    anne, bruno = find_draft(store, "halle", "Anne"), find_draft(store, "halle", "Bruno")
    assert anne is not None and bruno is not None
    assert (anne.cooperation(), bruno.cooperation()) == (halle, edited)
    from_file = find_draft(store, "file:halle.yaml", "Anne")
    assert from_file is not None and from_file.cooperation() == edited
    elsewhere = find_draft(other, "halle", "Anne")
    assert elsewhere is not None and elsewhere.base == 7
    drop_draft(store, "halle", "Anne")
    assert find_draft(store, "halle", "Bruno") is not None
    assert find_draft(store, "file:halle.yaml", "Anne") is not None
    assert find_draft(other, "halle", "Anne") is not None


def test_presence_lists_the_others_on_the_same_model(store: Store) -> None:
    assert participants(store, "tab-1", "Anne", "halle") == []
    assert participants(store, "tab-2", "Bruno", "halle") == ["Anne"]
    assert participants(store, "tab-3", "Chloé", "passerelles") == []
    assert participants(store, "tab-4", "Bruno", "halle") == ["Anne"]  # not himself in tab-2
    assert participants(store, "tab-1", "Anne", "halle") == ["Bruno"]  # each name once
    other = Store.create_workspace(store.url, "coll-b", name="B")
    assert participants(other, "tab-9", "Denis", "halle") == []
    leave(store, "tab-2")
    leave(store, "tab-4")
    assert participants(store, "tab-1", "Anne", "halle") == []
    assert participants(store, "tab-3", "Chloé", "halle") == ["Anne"]  # moved to halle


def test_a_silent_tab_is_gone_after_the_timeout(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_now = live.now
    monkeypatch.setattr(live, "now", lambda: real_now() - PRESENCE_TIMEOUT - timedelta(seconds=1))
    participants(store, "tab-old", "Anne", "halle")
    monkeypatch.setattr(live, "now", real_now)
    assert participants(store, "tab-new", "Bruno", "halle") == []
    assert participants(store, "tab-old", "Anne", "halle") == ["Bruno"]  # back with a heartbeat
