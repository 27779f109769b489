"""Older databases open as schema 4, losing nothing.

Schema 2 (before the logbook): the logbook tables are added. Schema 3: logbook answers
get the hash of the answering browser's secret; older answers have none.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import (
    Column,
    DateTime,
    ForeignKeyConstraint,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    insert,
    inspect,
    select,
    text,
)

from bm3c.io import load_cooperation
from bm3c.store import Store, canonical_json
from bm3c.store.database import NewerSchemaError, forget_engine
from bm3c.store.live import find_draft
from bm3c.store.logbook import (
    answer_history,
    latest_answers,
    open_session,
    record_answer,
    reveal,
    same_name_elsewhere,
    save_grid,
    sessions,
    visible_answers,
)
from bm3c.store.schema import SCHEMA_VERSION, schema_version
from tests.store.test_migration import _write_schema_1

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HALLE = load_cooperation(EXAMPLES / "halle-des-transitions.yaml")
PASSERELLES = load_cooperation(EXAMPLES / "passerelles.yaml")
LOGBOOK = {"logbook_answers", "logbook_grids", "logbook_sessions"}
SCHEMA_2 = {"bm3c_schema", "drafts", "models", "presence", "revisions", "workspaces"}
WHEN = datetime(2025, 3, 1, 10, 30, tzinfo=UTC)


def _schema_2() -> MetaData:
    """The tables of schema 2 as bm3c created them, frozen here (comments left out)."""
    meta = MetaData()
    stamp = DateTime(timezone=True)
    Table("bm3c_schema", meta, Column("version", Integer, primary_key=True))
    Table(
        "workspaces",
        meta,
        Column("id", String(80), primary_key=True),
        Column("name", String(200), nullable=False),
        Column("code_hash", String(300), nullable=True),
        Column("created_at", stamp, nullable=False),
    )
    Table(
        "models",
        meta,
        Column("workspace", String(80), nullable=False),
        Column("id", String(80), nullable=False),
        Column("name", String(200), nullable=False),
        Column("head", Integer, nullable=False),
        Column("created_at", stamp, nullable=False),
        Column("deleted_at", stamp, nullable=True),
        PrimaryKeyConstraint("workspace", "id"),
        ForeignKeyConstraint(["workspace"], ["workspaces.id"]),
    )
    Table(
        "revisions",
        meta,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("workspace", String(80), nullable=False),
        Column("model_id", String(80), nullable=False),
        Column("number", Integer, nullable=False),
        Column("parent", Integer, nullable=True),
        Column("author", String(200), nullable=False),
        Column("message", Text, nullable=False),
        Column("created_at", stamp, nullable=False),
        Column("content", Text, nullable=False),
        UniqueConstraint("workspace", "model_id", "number", name="one_revision_per_number"),
        ForeignKeyConstraint(["workspace", "model_id"], ["models.workspace", "models.id"]),
    )
    Table(
        "drafts",
        meta,
        Column("workspace", String(80), nullable=False),
        Column("source", String(300), nullable=False),
        Column("author", String(200), nullable=False),
        Column("base", Integer, nullable=False),
        Column("content", Text, nullable=False),
        Column("saved_at", stamp, nullable=False),
        PrimaryKeyConstraint("workspace", "source", "author"),
        ForeignKeyConstraint(["workspace"], ["workspaces.id"]),
    )
    Table(
        "presence",
        meta,
        Column("workspace", String(80), nullable=False),
        Column("session", String(64), nullable=False),
        Column("source", String(300), nullable=False),
        Column("name", String(200), nullable=False),
        Column("seen_at", stamp, nullable=False),
        PrimaryKeyConstraint("workspace", "session"),
        ForeignKeyConstraint(["workspace"], ["workspaces.id"]),
    )
    return meta


def _model(workspace: str, model_id: str, name: str, head: int) -> dict[str, object]:
    return {
        "workspace": workspace,
        "id": model_id,
        "name": name,
        "head": head,
        "created_at": WHEN,
        "deleted_at": None,
    }


def _revision(workspace: str, model_id: str, number: int, content: str) -> dict[str, object]:
    return {
        "workspace": workspace,
        "model_id": model_id,
        "number": number,
        "parent": number - 1 or None,
        "author": "Anne",
        "message": f"save {number}",
        "created_at": WHEN,
        "content": content,
    }


@pytest.fixture
def schema_2_url(database_url: str) -> str:
    """Schema 2 with data: two workspaces, a model in each (three revisions), a draft."""
    tables = _schema_2().tables
    engine = create_engine(database_url)
    with engine.begin() as db:
        _schema_2().create_all(db)
        db.execute(insert(tables["bm3c_schema"]).values(version=2))
        db.execute(
            insert(tables["workspaces"]),
            [
                {"id": "default", "name": "Workspace", "code_hash": None, "created_at": WHEN},
                {"id": "coll-b", "name": "B", "code_hash": None, "created_at": WHEN},
            ],
        )
        db.execute(
            insert(tables["models"]),
            [
                _model("default", "halle", HALLE.name, 2),
                _model("coll-b", "passerelles", PASSERELLES.name, 1),
            ],
        )
        db.execute(
            insert(tables["revisions"]),
            [
                _revision("default", "halle", 1, canonical_json(PASSERELLES)),
                _revision("default", "halle", 2, canonical_json(HALLE)),
                _revision("coll-b", "passerelles", 1, canonical_json(PASSERELLES)),
            ],
        )
        db.execute(
            insert(tables["drafts"]).values(
                workspace="default",
                source="halle",
                author="Bruno",
                base=2,
                content=canonical_json(HALLE),
                saved_at=WHEN,
            )
        )
    engine.dispose()
    return database_url


def _tables(store: Store) -> set[str]:
    with store.engine.connect() as db:
        return set(inspect(db).get_table_names())


def _versions(store: Store) -> list[int]:
    with store.engine.connect() as db:
        return list(db.execute(select(schema_version.c.version)).scalars())


def test_a_schema_2_database_opens_as_schema_4_losing_nothing(schema_2_url: str) -> None:
    store = Store(schema_2_url)
    assert SCHEMA_VERSION == 4
    assert _versions(store) == [4]  # the row updated, not a second one added
    assert _tables(store) == SCHEMA_2 | LOGBOOK
    assert [(m.id, m.head, m.saved_by) for m in store.list_models()] == [("halle", 2, "Anne")]
    assert [r.cooperation() for r in store.history("halle")] == [PASSERELLES, HALLE]
    draft = find_draft(store, "halle", "Bruno")
    assert draft is not None and draft.cooperation() == HALLE
    other = Store(schema_2_url, "coll-b")
    assert other.revision("passerelles").cooperation() == PASSERELLES


def test_a_migrated_database_takes_logbook_rows_and_revisions(schema_2_url: str) -> None:
    store = Store(schema_2_url)
    assert save_grid(store, "halle", {"questions": []}, "Anne") == 1
    opened = open_session(store, "halle", "Atelier 1", date(2025, 3, 14), {}, "Anne")
    record_answer(store, "halle", opened.number, respondent="Anne", member=None, scores={"t": 4})
    assert [a.scores for a in latest_answers(store, "halle", 1)] == [{"t": 4}]
    assert store.save("halle", HALLE, author="Chloé", message="again", parent=2).number == 3
    other = Store(schema_2_url, "coll-b")
    assert sessions(other, "passerelles") == []
    assert _versions(Store(schema_2_url)) == [4]  # opening again changes nothing


def test_a_schema_1_database_still_migrates_to_schema_4(database_url: str) -> None:
    _write_schema_1(database_url)
    store = Store(database_url)
    assert _versions(store) == [4]
    assert _tables(store) >= LOGBOOK
    assert store.head("halle") == 3
    open_session(store, "halle", "Atelier 1", date(2025, 3, 14), {}, "Anne")
    assert [s.number for s in sessions(store, "halle")] == [1]


def test_a_schema_5_database_is_refused_and_left_untouched(schema_2_url: str) -> None:
    engine = create_engine(schema_2_url)
    with engine.begin() as db:
        db.execute(text("UPDATE bm3c_schema SET version = 5"))
    with pytest.raises(NewerSchemaError, match=r"newer bm3c \(schema 5\).*knows schema 4"):
        Store(schema_2_url)
    with engine.connect() as db:
        assert set(inspect(db).get_table_names()) == SCHEMA_2  # no logbook table created
        assert db.execute(text("SELECT version FROM bm3c_schema")).scalar() == 5
    engine.dispose()


def _answer_row(respondent: str, score: int, stakes: str) -> dict[str, object]:
    return {
        "workspace": "default",
        "model_id": "halle",
        "session": 1,
        "respondent": respondent,
        "member": None,
        "scores": f'{{"t":{score}}}',
        "stakes": stakes,
        "expectations": "",
        "written_at": WHEN,
    }


@pytest.fixture
def schema_3_url(schema_2_url: str) -> str:
    """Schema 3 with data: a logbook session answered by Anne and Bruno (no browser secrets)."""
    store = Store(schema_2_url)
    open_session(store, "halle", "Atelier 1", date(2025, 3, 14), {}, "Setup")
    forget_engine(schema_2_url)
    engine = create_engine(schema_2_url)
    with engine.begin() as db:  # back to schema 3's answers table, as bm3c 3 wrote them
        db.execute(text("ALTER TABLE logbook_answers DROP COLUMN respondent_key"))
        db.execute(text("UPDATE bm3c_schema SET version = 3"))
        answers = Table("logbook_answers", MetaData(), autoload_with=db)
        db.execute(
            insert(answers),
            [
                _answer_row("Anne", 2, "Un lieu"),
                _answer_row("Bruno", 4, "Un festival"),
                _answer_row("Anne", 3, "Un lieu à nous"),
            ],
        )
    engine.dispose()
    return schema_2_url


def test_a_schema_3_logbook_keeps_its_answers_readable_by_no_browser_before_the_reveal(
    schema_3_url: str,
) -> None:
    store = Store(schema_3_url)
    assert _versions(store) == [4]
    with store.engine.connect() as db:
        columns = {c["name"] for c in inspect(db).get_columns("logbook_answers")}
    assert "respondent_key" in columns
    kept = latest_answers(store, "halle", 1)
    assert [(a.respondent, a.scores, a.stakes, a.key) for a in kept] == [
        ("Anne", {"t": 3}, "Un lieu à nous", None),
        ("Bruno", {"t": 4}, "Un festival", None),
    ]
    browser = "a-browser-secret-0123456789abcdef"
    # typing "Anne" in a browser shows nothing of the old answers, and does not replace them
    assert visible_answers(store, "halle", 1, "Anne", browser) == []
    assert answer_history(store, "halle", 1, "Anne", None, browser) == []
    assert same_name_elsewhere(store, "halle", 1, "Anne", browser)
    record_answer(
        store, "halle", 1, respondent="Anne", member=None, scores={"t": 5}, secret=browser
    )
    assert [(a.respondent, a.scores) for a in latest_answers(store, "halle", 1)] == [
        ("Anne", {"t": 3}),
        ("Anne", {"t": 5}),
        ("Bruno", {"t": 4}),
    ]
    reveal(store, "halle", 1, "Chloé")
    assert len(visible_answers(store, "halle", 1, "")) == 3  # once revealed, everyone's
    assert _versions(Store(schema_3_url)) == [4]
