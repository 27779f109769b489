"""The logbook on SQLite and PostgreSQL: grids, sessions, append-only answers, the reveal."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Table, select

from bm3c.errors import Bm3cError
from bm3c.io import load_cooperation
from bm3c.store import AccessDeniedError, Store, TrashedModelError, UnknownModelError, logbook
from bm3c.store.access import AccessGuard
from bm3c.store.logbook import (
    InvalidLogbookInputError,
    StoredAnswer,
    UnknownSessionError,
    answer_history,
    current_grid,
    grid_history,
    latest_answers,
    open_session,
    record_answer,
    reveal,
    save_grid,
    session,
    sessions,
    visible_answers,
    who_answered,
)
from bm3c.store.schema import logbook_answers, logbook_grids

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HALLE = load_cooperation(EXAMPLES / "halle-des-transitions.yaml")
PASSERELLES = load_cooperation(EXAMPLES / "passerelles.yaml")
GRID = {"questions": [{"label": "Confiance", "id": "trust"}, {"label": "Charge", "id": "load"}]}
GRID_2 = {"questions": [*GRID["questions"], {"id": "money", "label": "Argent"}]}
DAY = date(2025, 3, 14)


@pytest.fixture
def halle(store: Store) -> Store:
    """The default workspace with the model 'halle' saved in it."""
    store.save("halle", HALLE, author="Anne", message="import", parent=None)
    return store


def _open(store: Store, title: str = "Atelier 1", model_id: str = "halle") -> int:
    return open_session(store, model_id, title, DAY, GRID, "Anne").number


def _answer(
    store: Store, respondent: str, member: str | None, secret: str | None = None, **scores: int
) -> StoredAnswer:
    return record_answer(
        store,
        "halle",
        1,
        respondent=respondent,
        member=member,
        scores=scores,
        stakes="s",
        secret=secret,
    )


def _browser(owner: str) -> str:
    """The secret a browser keeps (random in the app; fixed here)."""
    return f"secret-of-{owner}-browser-0123456789"


def _people(answers: list[StoredAnswer]) -> list[tuple[str, str | None, dict[str, int]]]:
    return [(a.respondent, a.member, a.scores) for a in answers]


def test_grid_versions_are_appended_and_a_session_keeps_its_snapshot(halle: Store) -> None:
    assert current_grid(halle, "halle") is None
    assert grid_history(halle, "halle") == []
    assert save_grid(halle, "halle", GRID, "Anne") == 1
    held = open_session(halle, "halle", "Atelier 1", DAY, GRID, "Anne")
    assert save_grid(halle, "halle", GRID_2, "Bruno") == 2
    assert current_grid(halle, "halle") == GRID_2
    assert [(n, who) for n, who, _ in grid_history(halle, "halle")] == [(1, "Anne"), (2, "Bruno")]
    assert all(
        isinstance(when, datetime) and when.tzinfo for _, _, when in grid_history(halle, "halle")
    )
    # the session answered the grid as it was, not the edited one
    assert held.grid == session(halle, "halle", 1).grid == GRID
    with halle.engine.connect() as db:
        stored = db.execute(select(logbook_grids.c.content).order_by(logbook_grids.c.number))
        first = stored.scalars().first()
    # canonical JSON: compact, keys sorted
    assert first == (
        '{"questions":[{"id":"trust","label":"Confiance"},{"id":"load","label":"Charge"}]}'
    )


def test_sessions_are_numbered_per_model_and_per_workspace(halle: Store) -> None:
    halle.save("passerelles", PASSERELLES, author="Anne", message="import", parent=None)
    other = Store.create_workspace(halle.url, "coll-b", name="B")
    other.save("halle", HALLE, author="Zoé", message="import", parent=None)
    assert [_open(halle), _open(halle, "Atelier 2")] == [1, 2]
    assert _open(halle, model_id="passerelles") == 1
    assert _open(other, "Ailleurs") == 1
    assert [(s.number, s.title, s.held_on) for s in sessions(halle, "halle")] == [
        (1, "Atelier 1", DAY),
        (2, "Atelier 2", DAY),
    ]
    assert [s.title for s in sessions(other, "halle")] == ["Ailleurs"]
    _answer(halle, "Anne", None, trust=4)
    record_answer(other, "halle", 1, respondent="Zoé", member=None, scores={"trust": 1})
    assert _people(latest_answers(halle, "halle", 1)) == [("Anne", None, {"trust": 4})]
    assert _people(latest_answers(other, "halle", 1)) == [("Zoé", None, {"trust": 1})]
    assert latest_answers(halle, "passerelles", 1) == []
    save_grid(other, "halle", GRID, "Zoé")
    assert current_grid(halle, "halle") is None


def test_answers_are_appended_and_the_latest_counts(halle: Store) -> None:
    _open(halle)
    first = _answer(halle, "Anne", "cafe-cantine", trust=2, load=3)
    second = record_answer(
        halle,
        "halle",
        1,
        respondent=" Anne ",  # the same person: surrounding spaces are dropped
        member="cafe-cantine",
        scores={"trust": 4},
        stakes="Être payée",
        expectations="Un planning",
    )
    assert second.id > first.id and second.respondent == "Anne"
    [latest] = latest_answers(halle, "halle", 1)
    assert latest == second
    assert (latest.scores, latest.stakes, latest.expectations) == (
        {"trust": 4},
        "Être payée",
        "Un planning",
    )
    history = answer_history(halle, "halle", 1, "Anne", "cafe-cantine")
    assert [a.scores for a in history] == [{"trust": 2, "load": 3}, {"trust": 4}]
    assert history == [first, second]
    assert answer_history(halle, "halle", 1, "Anne", None) == []


def test_the_latest_answer_is_kept_per_respondent_and_member_in_a_fixed_order(
    halle: Store,
) -> None:
    _open(halle)
    _answer(halle, "bruno", None, trust=1)
    _answer(halle, "Anne", "r3-bordeaux", trust=2)
    _answer(halle, "Anne", None, trust=3)
    _answer(halle, "Anne", "cafe-cantine", trust=4)
    _answer(halle, "anne ", None, trust=5)  # typed otherwise, still Anne: replaces her 3
    assert _people(latest_answers(halle, "halle", 1))[0] == ("anne", None, {"trust": 5})
    _answer(halle, "Anne", "", trust=1)  # a blank member is none: replaces it again
    assert _people(latest_answers(halle, "halle", 1)) == [
        ("Anne", None, {"trust": 1}),
        ("Anne", "cafe-cantine", {"trust": 4}),
        ("Anne", "r3-bordeaux", {"trust": 2}),
        ("bruno", None, {"trust": 1}),
    ]
    assert [(r, m) for r, m, _ in who_answered(halle, "halle", 1)] == [
        ("Anne", None),
        ("Anne", "cafe-cantine"),
        ("Anne", "r3-bordeaux"),
        ("bruno", None),
    ]
    history = answer_history(halle, "halle", 1, "ANNE", None)
    assert [a.scores["trust"] for a in history] == [3, 5, 1]  # every one, oldest first


def test_answers_hidden_until_the_reveal(halle: Store) -> None:
    _open(halle)
    _answer(halle, "Anne", "cafe-cantine", _browser("anne"), trust=2)
    _answer(halle, "Bruno", "r3-bordeaux", _browser("bruno"), trust=5)
    assert _people(visible_answers(halle, "halle", 1, " anne ", _browser("anne"))) == [
        ("Anne", "cafe-cantine", {"trust": 2})
    ]
    assert _people(visible_answers(halle, "halle", 1, "BRUNO", _browser("bruno"))) == [
        ("Bruno", "r3-bordeaux", {"trust": 5})
    ]
    assert visible_answers(halle, "halle", 1, "Chloé", _browser("chloé")) == []
    assert visible_answers(halle, "halle", 1, "  ", _browser("anne")) == []
    # a name is not enough: the right browser, and only with its own name
    assert visible_answers(halle, "halle", 1, "Anne") == []
    assert visible_answers(halle, "halle", 1, "Anne", _browser("bruno")) == []
    assert visible_answers(halle, "halle", 1, "Bruno", _browser("anne")) == []
    assert not session(halle, "halle", 1).revealed
    shown = reveal(halle, "halle", 1, "Chloé")
    assert shown.revealed and shown.revealed_by == "Chloé"
    for viewer in ["Anne", "Chloé", ""]:
        assert [a.respondent for a in visible_answers(halle, "halle", 1, viewer)] == [
            "Anne",
            "Bruno",
        ]


def test_the_same_name_from_another_browser_is_another_respondent(halle: Store) -> None:
    _open(halle)
    mine = _answer(halle, "Anne", None, _browser("anne"), trust=2)
    assert not logbook.same_name_elsewhere(halle, "halle", 1, "anne", _browser("anne"))
    assert logbook.same_name_elsewhere(halle, "halle", 1, "ANNE ", _browser("other"))
    other = _answer(halle, "anne", None, _browser("other"), trust=5)  # not an overwrite
    assert mine.key == logbook.respondent_key(_browser("anne")) != other.key
    assert _browser("anne") not in str(mine.key)  # only the hash is kept
    assert _people(visible_answers(halle, "halle", 1, "Anne", _browser("anne"))) == [
        ("Anne", None, {"trust": 2})
    ]
    assert _people(visible_answers(halle, "halle", 1, "Anne", _browser("other"))) == [
        ("anne", None, {"trust": 5})
    ]
    assert answer_history(halle, "halle", 1, "Anne", None, _browser("anne")) == [mine]
    assert answer_history(halle, "halle", 1, "Anne", None, _browser("third")) == []
    assert _people(latest_answers(halle, "halle", 1)) == [  # two people, first answer first
        ("Anne", None, {"trust": 2}),
        ("anne", None, {"trust": 5}),
    ]
    assert len(who_answered(halle, "halle", 1)) == 2
    with pytest.raises(InvalidLogbookInputError, match="secret"):
        _answer(halle, "Anne", None, "short", trust=1)


def test_who_answered_gives_names_and_times_never_scores(halle: Store) -> None:
    _open(halle)
    _answer(halle, "Anne", "cafe-cantine", trust=2)
    last = _answer(halle, "Anne", "cafe-cantine", trust=3)
    _answer(halle, "Bruno", None, trust=5)
    done = who_answered(halle, "halle", 1)
    assert [(r, m) for r, m, _ in done] == [("Anne", "cafe-cantine"), ("Bruno", None)]
    assert done[0][2] == last.written_at
    assert all(len(row) == 3 and isinstance(row[2], datetime) for row in done)


def test_reveal_is_idempotent_and_late_answers_are_still_taken(halle: Store) -> None:
    _open(halle)
    _open(halle, "Atelier 2")
    _answer(halle, "Anne", None, trust=2)
    first = reveal(halle, "halle", 1, "Chloé")
    again = reveal(halle, "halle", 1, "Denis")
    assert first.revealed_at is not None
    assert (again.revealed_at, again.revealed_by) == (first.revealed_at, "Chloé")
    assert session(halle, "halle", 1) == first
    assert not session(halle, "halle", 2).revealed  # only the session revealed
    _answer(halle, "Bruno", None, trust=4)  # late, after the reveal: shown to everyone
    assert [a.respondent for a in visible_answers(halle, "halle", 1, "Anne")] == ["Anne", "Bruno"]


def test_parallel_answers_from_threads_and_stores_are_all_kept(halle: Store) -> None:
    """Ten people submit at once, each from a Store of their own (as app sessions do)."""
    _open(halle)
    people = [f"Personne {i}" for i in range(10)]
    start = threading.Barrier(len(people))
    failures: list[BaseException] = []

    def submit(name: str) -> None:
        own = Store(halle.url)
        start.wait()
        try:
            for score in (1, 2):
                record_answer(own, "halle", 1, respondent=name, member=None, scores={"t": score})
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=submit, args=(name,)) for name in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert sorted(_people(latest_answers(halle, "halle", 1))) == [
        (name, None, {"t": 2}) for name in people
    ]
    assert all(len(answer_history(halle, "halle", 1, name, None)) == 2 for name in people)


def test_two_facilitators_opening_at_once_get_two_numbers(halle: Store) -> None:
    """Eight sessions and eight grids opened at once: numbers 1–8, none lost or doubled."""
    start = threading.Barrier(8)
    numbers: list[tuple[str, int]] = []
    failures: list[BaseException] = []

    def facilitate(i: int) -> None:
        own = Store(halle.url)
        start.wait()
        try:
            numbers.append(("session", _open(own, f"Atelier {i}")))
            numbers.append(("grid", save_grid(own, "halle", {"v": i}, f"F{i}")))
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=facilitate, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    for kind in ("session", "grid"):
        assert sorted(n for k, n in numbers if k == kind) == list(range(1, 9))
    assert sorted(s.title for s in sessions(halle, "halle")) == [f"Atelier {i}" for i in range(8)]


def test_a_number_taken_meanwhile_is_retried_with_the_next(
    halle: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race made certain: the first attempt picks number 1, taken by then."""
    _open(halle)
    real = logbook._next_number
    picks: list[int] = []

    def stale_then_real(db: Connection, table: Table, store: Store, model_id: str) -> int:
        picks.append(1 if not picks else real(db, table, store, model_id))
        return picks[-1]

    monkeypatch.setattr(logbook, "_next_number", stale_then_real)
    assert _open(halle, "Atelier 2") == 2
    assert picks == [1, 2]
    assert [s.title for s in sessions(halle, "halle")] == ["Atelier 1", "Atelier 2"]


def _session_calls(store: Store, model_id: str) -> list[Callable[[], Any]]:
    """Every function that takes a session, on session 1 of ``model_id``."""
    return [
        lambda: session(store, model_id, 1),
        lambda: record_answer(store, model_id, 1, respondent="Anne", member=None, scores={}),
        lambda: latest_answers(store, model_id, 1),
        lambda: visible_answers(store, model_id, 1, "Anne"),
        lambda: who_answered(store, model_id, 1),
        lambda: reveal(store, model_id, 1, "Anne"),
        lambda: answer_history(store, model_id, 1, "Anne", None),
    ]


def test_unknown_models_and_sessions_are_refused(halle: Store) -> None:
    model_calls: list[Callable[[], Any]] = [
        lambda: save_grid(halle, "nope", GRID, "Anne"),
        lambda: current_grid(halle, "nope"),
        lambda: grid_history(halle, "nope"),
        lambda: open_session(halle, "nope", "A", DAY, GRID, "Anne"),
        lambda: sessions(halle, "nope"),
    ]
    for call in [*model_calls, *_session_calls(halle, "nope")]:
        with pytest.raises(UnknownModelError, match="no model 'nope' in the workspace"):
            call()
    for call in _session_calls(halle, "halle"):
        with pytest.raises(UnknownSessionError, match="'halle' has no logbook session 1"):
            call()
    other = Store.create_workspace(halle.url, "coll-b", name="B")
    with pytest.raises(UnknownModelError):  # a model of another workspace is unknown here
        sessions(other, "halle")


def test_a_trashed_model_is_read_but_takes_no_logbook_writes(halle: Store) -> None:
    save_grid(halle, "halle", GRID, "Anne")
    _open(halle)
    _answer(halle, "Anne", None, trust=3)
    halle.delete("halle")
    writes: list[Callable[[], Any]] = [
        lambda: save_grid(halle, "halle", GRID_2, "Anne"),
        lambda: open_session(halle, "halle", "Atelier 2", DAY, GRID, "Anne"),
        lambda: _answer(halle, "Bruno", None, trust=1),
        lambda: reveal(halle, "halle", 1, "Anne"),
    ]
    for write in writes:
        with pytest.raises(TrashedModelError, match="'halle' is in the trash"):
            write()
    assert current_grid(halle, "halle") == GRID
    assert [s.number for s in sessions(halle, "halle")] == [1]
    assert _people(latest_answers(halle, "halle", 1)) == [("Anne", None, {"trust": 3})]
    assert not session(halle, "halle", 1).revealed
    halle.undelete("halle")
    assert reveal(halle, "halle", 1, "Anne").revealed


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("respondent", {"respondent": "   "}),
        ("respondent", {"respondent": None}),
        ("respondent", {"respondent": "x" * 201}),
        ("member", {"member": 3}),
        ("scores", {"scores": {"trust": 6}}),
        ("scores", {"scores": {"trust": 0}}),
        ("scores", {"scores": {"trust": 2.5}}),
        ("scores", {"scores": {"trust": "4"}}),
        ("scores", {"scores": {"trust": True}}),
        ("scores", {"scores": {" ": 3}}),
        ("scores", {"scores": [3]}),
        ("stakes", {"stakes": None}),
        ("expectations", {"expectations": 4}),
    ],
)
def test_a_bad_answer_is_refused_naming_its_field(
    halle: Store, field: str, changes: dict[str, Any]
) -> None:
    _open(halle)
    answer: dict[str, Any] = {"respondent": "Anne", "member": None, "scores": {"trust": 3}}
    with pytest.raises(InvalidLogbookInputError, match=rf"^{field}: ") as caught:
        record_answer(halle, "halle", 1, **{**answer, **changes})
    assert caught.value.field == field
    assert isinstance(caught.value, Bm3cError)
    with halle.engine.connect() as db:
        assert db.execute(select(logbook_answers.c.id)).first() is None


def test_bad_grids_and_sessions_are_refused_naming_the_field(halle: Store) -> None:
    with pytest.raises(InvalidLogbookInputError, match=r"^grid: a JSON object"):
        save_grid(halle, "halle", ["trust"], "Anne")  # type: ignore[arg-type]
    with pytest.raises(InvalidLogbookInputError, match=r"^grid: not storable as JSON"):
        save_grid(halle, "halle", {"when": DAY}, "Anne")
    with pytest.raises(InvalidLogbookInputError, match=r"^author: "):
        save_grid(halle, "halle", GRID, " ")
    with pytest.raises(InvalidLogbookInputError, match=r"^title: "):
        open_session(halle, "halle", "", DAY, GRID, "Anne")
    with pytest.raises(InvalidLogbookInputError, match=r"^held_on: a date"):
        open_session(halle, "halle", "A", datetime(2025, 3, 14), GRID, "Anne")
    assert grid_history(halle, "halle") == []
    assert sessions(halle, "halle") == []


def test_a_protected_workspace_needs_its_code(database_url: str) -> None:
    guard = AccessGuard(sleep=lambda _: None)
    created = Store.create_workspace(database_url, "coll-a", name="A", code="secret-a")
    created.save("halle", HALLE, author="Anne", message="import", parent=None)
    with pytest.raises(AccessDeniedError, match="needs its access code"):
        Store(database_url, "coll-a", guard=guard)
    with pytest.raises(AccessDeniedError, match="wrong access code"):
        Store(database_url, "coll-a", code="secret-b", guard=guard)
    opened = Store(database_url, "coll-a", code="secret-a", guard=guard)
    _open(opened)
    _answer(opened, "Anne", None, trust=3)
    assert [a.respondent for a in latest_answers(opened, "halle", 1)] == ["Anne"]
