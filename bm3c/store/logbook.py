"""The logbook of a model: a self-assessment grid answered at each workshop session.

Each member structure (or each person) answers the grid on its own device: scores
1–5 per question, its stakes and its expectations. Answers stay hidden from the
others until the facilitator reveals the session (:func:`visible_answers` is that
rule).

A respondent is a name *and* the secret of the browser that answered (a random
token the browser keeps; only its SHA-256 is stored, :func:`respondent_key`).
Before the reveal an answer is readable only with that secret: typing someone's
name in another browser shows nothing of theirs and cannot replace their answer;
it answers as another respondent of the same name (the analysis labels them
"Anne" and "Anne (2)"). Nothing is overwritten: the grid has numbered versions, each session keeps a
snapshot of the grid it was answered with, and a changed answer is a new row (the
latest submission of a respondent counts, the earlier ones stay as history).

The grid is stored as given (canonical JSON); checking its shape is not done here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from bm3c.errors import Bm3cError
from bm3c.store.database import aware, now, reading, writing
from bm3c.store.schema import logbook_answers, logbook_grids, logbook_sessions, models
from bm3c.store.workspace import Store, TrashedModelError, UnknownModelError

__all__ = [
    "InvalidLogbookInputError",
    "LogbookSession",
    "StoredAnswer",
    "UnknownSessionError",
    "answer_history",
    "current_grid",
    "grid_history",
    "latest_answers",
    "open_session",
    "record_answer",
    "respondent_key",
    "reveal",
    "same_name_elsewhere",
    "save_grid",
    "session",
    "sessions",
    "visible_answers",
    "who_answered",
]

SCORE_MIN, SCORE_MAX = 1, 5
NAME_LENGTH = 200  # the columns' width for names, titles and member ids
_ATTEMPTS = 20  # numbered inserts lost to a concurrent writer before giving up


class UnknownSessionError(Bm3cError):
    """No logbook session by that number for the model."""


class InvalidLogbookInputError(Bm3cError, ValueError):
    """A logbook input is refused; ``field`` names it (e.g. ``scores``)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True)
class LogbookSession:
    """A workshop session of a model's logbook."""

    number: int
    title: str
    held_on: date
    grid: dict[str, Any]  # the grid as it was when the session opened
    created_by: str
    created_at: datetime
    revealed_at: datetime | None
    revealed_by: str | None

    @property
    def revealed(self) -> bool:
        """Whether everyone's answers are shown to everyone."""
        return self.revealed_at is not None


@dataclass(frozen=True)
class StoredAnswer:
    """One submission of a respondent to a session."""

    id: int
    session: int
    respondent: str
    member: str | None  # id of the structure answered for (None: the person only)
    scores: dict[str, int]  # question id -> 1..5
    stakes: str
    expectations: str
    written_at: datetime
    key: str | None = None  # the respondent's browser, hashed (None: answered before schema 4)


def respondent_key(secret: str | None) -> str | None:
    """What the store keeps of a browser's secret: its SHA-256, in hex (None without one)."""
    if secret is None:
        return None
    if not isinstance(secret, str) or len(secret) < 16:
        raise InvalidLogbookInputError("secret", "a browser secret of 16 characters or more")
    return hashlib.sha256(secret.encode()).hexdigest()


def save_grid(store: Store, model_id: str, grid: dict[str, Any], author: str) -> int:
    """Append a version of the model's grid; returns its number (1, 2, ...).

    Raises:
        UnknownModelError: no such model in the workspace.
        TrashedModelError: the model is in the trash.
        InvalidLogbookInputError: ``grid`` is not JSON, or ``author`` is blank.

    """
    values = {
        "content": _json("grid", grid),
        "author": _name("author", author),
        "created_at": now(),
    }
    return _append_numbered(store, model_id, logbook_grids, values)


def current_grid(store: Store, model_id: str) -> dict[str, Any] | None:
    """The model's latest grid (None: it has none yet)."""
    with reading(store.engine) as db:
        _model_trashed(db, store, model_id)
        content = db.execute(
            select(logbook_grids.c.content)
            .where(*_of_model(logbook_grids, store, model_id))
            .order_by(logbook_grids.c.number.desc())
            .limit(1)
        ).scalar()
    return None if content is None else _loads(content)


def grid_history(store: Store, model_id: str) -> list[tuple[int, str, datetime]]:
    """Every version of the model's grid as (number, author, created_at), oldest first."""
    with reading(store.engine) as db:
        _model_trashed(db, store, model_id)
        rows = db.execute(
            select(logbook_grids.c.number, logbook_grids.c.author, logbook_grids.c.created_at)
            .where(*_of_model(logbook_grids, store, model_id))
            .order_by(logbook_grids.c.number)
        ).all()
    return [(r.number, r.author, aware(r.created_at)) for r in rows]


def open_session(
    store: Store, model_id: str, title: str, held_on: date, grid: dict[str, Any], author: str
) -> LogbookSession:
    """Open the model's next session (numbered 1, 2, ...), answered with ``grid``.

    Raises:
        UnknownModelError: no such model in the workspace.
        TrashedModelError: the model is in the trash.
        InvalidLogbookInputError: a blank title or author, ``held_on`` not a date,
            ``grid`` not JSON.

    """
    if not isinstance(held_on, date) or isinstance(held_on, datetime):
        raise InvalidLogbookInputError("held_on", f"a date is expected, not {held_on!r}")
    content = _json("grid", grid)
    label, who, when = _name("title", title), _name("author", author), now()
    values = {
        "title": label,
        "held_on": held_on,
        "grid": content,
        "created_by": who,
        "created_at": when,
    }
    number = _append_numbered(store, model_id, logbook_sessions, values)
    return LogbookSession(number, label, held_on, _loads(content), who, when, None, None)


def sessions(store: Store, model_id: str) -> list[LogbookSession]:
    """The model's sessions, by number."""
    with reading(store.engine) as db:
        _model_trashed(db, store, model_id)
        rows = db.execute(
            select(logbook_sessions)
            .where(*_of_model(logbook_sessions, store, model_id))
            .order_by(logbook_sessions.c.number)
        ).all()
    return [_session(r) for r in rows]


def session(store: Store, model_id: str, number: int) -> LogbookSession:
    """Session ``number`` of the model.

    Raises:
        UnknownModelError: no such model in the workspace.
        UnknownSessionError: the model has no session ``number``.

    """
    with reading(store.engine) as db:
        _model_trashed(db, store, model_id)
        return _session(_session_row(db, store, model_id, number))


def record_answer(
    store: Store,
    model_id: str,
    session: int,
    *,
    respondent: str,
    member: str | None,
    scores: dict[str, int],
    stakes: str = "",
    expectations: str = "",
    secret: str | None = None,
) -> StoredAnswer:
    """Append a submission of ``respondent`` (for ``member``) to a session.

    The respondent is ``respondent`` answering from the browser holding ``secret``
    (its hash is kept); another browser under the same name is another respondent,
    never a newer answer of this one. The name is kept as typed, without surrounding
    spaces; a blank ``member`` means none. Scores may cover only some questions (the grid is not
    checked here). A revealed session still takes answers: the group may add late
    ones, shown to everyone at once.

    Raises:
        UnknownModelError: no such model in the workspace.
        TrashedModelError: the model is in the trash.
        UnknownSessionError: the model has no such session.
        InvalidLogbookInputError: a blank respondent, a score not an integer 1–5 or
            under a blank question id, stakes or expectations not text, a secret
            shorter than 16 characters.

    """
    who = _name("respondent", respondent)
    key = respondent_key(secret)
    if member is not None and not isinstance(member, str):
        raise InvalidLogbookInputError("member", f"a structure id or None, not {member!r}")
    structure = _name("member", member) if member and member.strip() else None
    checked = _scores(scores)
    for field, value in (("stakes", stakes), ("expectations", expectations)):
        if not isinstance(value, str):
            raise InvalidLogbookInputError(field, f"text is expected, not {value!r}")
    when = now()
    with _write(store) as db:
        _writable(db, store, model_id)
        _session_row(db, store, model_id, session)
        done = db.execute(
            insert(logbook_answers).values(
                workspace=store.workspace,
                model_id=model_id,
                session=session,
                respondent=who,
                member=structure,
                scores=json.dumps(checked, sort_keys=True, separators=(",", ":")),
                stakes=stakes,
                expectations=expectations,
                written_at=when,
                respondent_key=key,
            )
        )
    row = done.inserted_primary_key
    assert row is not None  # an insert of one row always reports its key
    return StoredAnswer(
        int(row[0]), session, who, structure, checked, stakes, expectations, when, key
    )


def latest_answers(store: Store, model_id: str, session: int) -> list[StoredAnswer]:
    """The latest submission of each (respondent, member), everyone's: not for display.

    A respondent is the name without its case ("Anne" then "anne" is one person)
    from one browser (two browsers under one name are two respondents).

    Ordered by respondent (without case), then member (none first).
    Shown to a participant, use :func:`visible_answers`, which hides the others' answers
    until the session is revealed.
    """
    with reading(store.engine) as db:
        _model_trashed(db, store, model_id)
        _session_row(db, store, model_id, session)
        return _latest(db, store, model_id, session)


def visible_answers(
    store: Store, model_id: str, session: int, viewer: str, secret: str | None = None
) -> list[StoredAnswer]:
    """The latest answers ``viewer`` may see: everyone's once revealed, else their own.

    Before the reveal, "their own" are the answers whose respondent is ``viewer``,
    compared without surrounding spaces and case (``" anne "`` sees Anne's), written
    from the browser holding ``secret``; a blank viewer, or no secret, sees none.
    """
    with reading(store.engine) as db:
        _model_trashed(db, store, model_id)
        revealed = _session_row(db, store, model_id, session).revealed_at is not None
        answers = _latest(db, store, model_id, session)
    if revealed:
        return answers
    me, key = viewer.strip().casefold(), respondent_key(secret)
    return [
        a
        for a in answers
        if me and key is not None and a.key == key and a.respondent.strip().casefold() == me
    ]


def same_name_elsewhere(
    store: Store, model_id: str, session: int, name: str, secret: str | None
) -> bool:
    """Whether someone under ``name`` answered the session from another browser.

    Says nothing of their answers: only that this browser answers as another
    respondent of the same name.
    """
    me, key = name.strip().casefold(), respondent_key(secret)
    with reading(store.engine) as db:
        _model_trashed(db, store, model_id)
        _session_row(db, store, model_id, session)
        rows = db.execute(
            select(logbook_answers.c.respondent, logbook_answers.c.respondent_key).where(
                *_of_session(store, model_id, session)
            )
        ).all()
    return any(r.respondent.strip().casefold() == me and r.respondent_key != key for r in rows)


def who_answered(
    store: Store, model_id: str, session: int
) -> list[tuple[str, str | None, datetime]]:
    """Who has answered a session: (respondent, member, last written), never their scores.

    Ordered as :func:`latest_answers`.
    """
    with reading(store.engine) as db:
        _model_trashed(db, store, model_id)
        _session_row(db, store, model_id, session)
        answers = _latest(db, store, model_id, session)
    return [(a.respondent, a.member, a.written_at) for a in answers]


def reveal(store: Store, model_id: str, session: int, author: str) -> LogbookSession:
    """Show a session's answers to everyone; revealing again keeps the first time and author.

    Raises:
        UnknownModelError: no such model in the workspace.
        TrashedModelError: the model is in the trash.
        UnknownSessionError: the model has no such session.

    """
    who = _name("author", author)
    with _write(store) as db:
        _writable(db, store, model_id)
        _session_row(db, store, model_id, session)
        db.execute(
            update(logbook_sessions)
            .where(
                *_of_model(logbook_sessions, store, model_id),
                logbook_sessions.c.number == session,
                logbook_sessions.c.revealed_at.is_(None),
            )
            .values(revealed_at=now(), revealed_by=who)
        )
        return _session(_session_row(db, store, model_id, session))


def answer_history(
    store: Store,
    model_id: str,
    session: int,
    respondent: str,
    member: str | None,
    secret: str | None = None,
) -> list[StoredAnswer]:
    """Every submission of ``respondent`` from the browser holding ``secret``, oldest first.

    For ``member``. ``respondent`` is matched without case nor surrounding spaces,
    like the grouping of :func:`latest_answers`; another browser's answers under the
    same name are not this respondent's. Without ``secret``: the answers written
    before schema 4 (no browser's).
    """
    structure = member.strip() if member and member.strip() else None
    mine = [
        logbook_answers.c.member.is_(None)
        if structure is None
        else logbook_answers.c.member == structure
    ]
    with reading(store.engine) as db:
        _model_trashed(db, store, model_id)
        _session_row(db, store, model_id, session)
        rows = db.execute(
            select(logbook_answers)
            .where(*_of_session(store, model_id, session), *mine)
            .order_by(logbook_answers.c.id)
        ).all()
    person = _person(respondent, structure, respondent_key(secret))
    return [_answer(r) for r in rows if _person(r.respondent, r.member, r.respondent_key) == person]


@contextmanager
def _write(store: Store) -> Iterator[Connection]:
    """A write transaction; a lock wait that ran out is a StoreBusyError (a Bm3cError)."""
    with writing(store.engine) as db:
        yield db


def _append_numbered(store: Store, model_id: str, table: Table, values: dict[str, Any]) -> int:
    """Insert a row numbered after the model's last one in ``table``; returns the number.

    On SQLite writers queue (BEGIN IMMEDIATE), so the number is free. On PostgreSQL
    two writers may read the same last number: the unique key lets one insert win and
    the other fails; it then retries in a new transaction with the next number.
    """
    for _ in range(_ATTEMPTS):
        try:
            with _write(store) as db:
                _writable(db, store, model_id)
                number = _next_number(db, table, store, model_id)
                db.execute(
                    insert(table).values(
                        workspace=store.workspace, model_id=model_id, number=number, **values
                    )
                )
            return number
        except IntegrityError:
            continue
    raise Bm3cError(f"'{model_id}' is written by too many people at once: try again")


def _next_number(db: Connection, table: Table, store: Store, model_id: str) -> int:
    last = db.execute(
        select(func.max(table.c.number)).where(*_of_model(table, store, model_id))
    ).scalar()
    return int(last or 0) + 1


def _latest(db: Connection, store: Store, model_id: str, session: int) -> list[StoredAnswer]:
    # the highest id is the last submission (ids follow the order of the inserts); one
    # person is one person whatever the case they typed their name in ("Anne", "anne")
    rows = db.execute(
        select(logbook_answers)
        .where(*_of_session(store, model_id, session))
        .order_by(logbook_answers.c.id)
    ).all()
    latest = {_person(r.respondent, r.member, r.respondent_key): _answer(r) for r in rows}
    firsts = {}  # a respondent's first submission: two of the same name in answering order
    for r in reversed(rows):
        firsts[_person(r.respondent, r.member, r.respondent_key)] = r.id
    return sorted(
        latest.values(),
        key=lambda a: (
            *_order(a.respondent, a.member),
            firsts[_person(a.respondent, a.member, a.key)],
        ),
    )


def _person(
    respondent: str, member: str | None, key: str | None
) -> tuple[str, str | None, str | None]:
    """Who answered for what: the name without its case and surrounding spaces, the browser."""
    return respondent.strip().casefold(), member, key


def _model_trashed(db: Connection, store: Store, model_id: str) -> bool:
    """Whether the model is in the trash; raises UnknownModelError when there is none."""
    deleted = db.execute(
        select(models.c.deleted_at.is_not(None)).where(
            models.c.workspace == store.workspace, models.c.id == model_id
        )
    ).first()
    if deleted is None:
        raise UnknownModelError(f"no model '{model_id}' in the workspace")
    return bool(deleted[0])


def _writable(db: Connection, store: Store, model_id: str) -> None:
    if _model_trashed(db, store, model_id):
        raise TrashedModelError(model_id)


def _session_row(db: Connection, store: Store, model_id: str, number: int) -> Any:
    row = db.execute(
        select(logbook_sessions).where(
            *_of_model(logbook_sessions, store, model_id), logbook_sessions.c.number == number
        )
    ).first()
    if row is None:
        raise UnknownSessionError(f"'{model_id}' has no logbook session {number}")
    return row


def _of_model(table: Table, store: Store, model_id: str) -> list[ColumnElement[bool]]:
    return [table.c.workspace == store.workspace, table.c.model_id == model_id]


def _of_session(store: Store, model_id: str, session: int) -> list[ColumnElement[bool]]:
    return [*_of_model(logbook_answers, store, model_id), logbook_answers.c.session == session]


def _order(respondent: str, member: str | None) -> tuple[str, bool, str, str]:
    """By person, then structure (none first); the same on SQLite and PostgreSQL."""
    return respondent.strip().casefold(), member is not None, member or "", respondent


def _name(field: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidLogbookInputError(field, f"a non-empty text is expected, not {value!r}")
    if len(value.strip()) > NAME_LENGTH:
        raise InvalidLogbookInputError(field, f"at most {NAME_LENGTH} characters")
    return value.strip()


def _scores(scores: Any) -> dict[str, int]:
    if not isinstance(scores, dict):
        raise InvalidLogbookInputError("scores", f"a mapping question id -> 1–5, not {scores!r}")
    for question, score in scores.items():
        if not isinstance(question, str) or not question.strip():
            raise InvalidLogbookInputError("scores", f"a question id is blank: {question!r}")
        # bool is an int: True would pass as 1
        if isinstance(score, bool) or not isinstance(score, int):
            raise InvalidLogbookInputError(
                "scores", f"'{question}' is scored {score!r}: a whole number 1–5 is expected"
            )
        if not SCORE_MIN <= score <= SCORE_MAX:
            raise InvalidLogbookInputError(
                "scores", f"'{question}' is scored {score}: scores go from 1 to 5"
            )
    return dict(scores)


def _json(field: str, data: Any) -> str:
    """``data`` as compact JSON with sorted keys: equal grids give equal text."""
    if not isinstance(data, dict):
        raise InvalidLogbookInputError(field, f"a JSON object is expected, not {type(data)}")
    try:
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    except (TypeError, ValueError) as error:
        raise InvalidLogbookInputError(field, f"not storable as JSON ({error})") from None


def _loads(content: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(content)
    return data


def _session(row: Any) -> LogbookSession:
    return LogbookSession(
        row.number,
        row.title,
        row.held_on,
        _loads(row.grid),
        row.created_by,
        aware(row.created_at),
        aware(row.revealed_at) if row.revealed_at else None,
        row.revealed_by,
    )


def _answer(row: Any) -> StoredAnswer:
    return StoredAnswer(
        row.id,
        row.session,
        row.respondent,
        row.member,
        json.loads(row.scores),
        row.stakes,
        row.expectations,
        aware(row.written_at),
        row.respondent_key,
    )
