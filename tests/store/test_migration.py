"""A schema-1 database (one workspace, no drafts) is migrated on first open, losing nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select, text

from bm3c.edit.cooperation import set_work
from bm3c.io import load_cooperation
from bm3c.store import DEFAULT_WORKSPACE, Store, canonical_json
from bm3c.store.database import NewerSchemaError
from bm3c.store.schema import SCHEMA_VERSION, revisions, schema_version

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HALLE = load_cooperation(EXAMPLES / "halle-des-transitions.yaml")
PASSERELLES = load_cooperation(EXAMPLES / "passerelles.yaml")
EDITED = set_work(HALLE, "cafe-cantine", "r3-bordeaux", 100, 0)

# the tables as bm3c 0.1 created them (before workspaces), per database
SCHEMA_1 = {
    "sqlite": ("INTEGER PRIMARY KEY AUTOINCREMENT", "DATETIME"),
    "postgresql": ("SERIAL PRIMARY KEY", "TIMESTAMP WITH TIME ZONE"),
}


def _when(day: int) -> datetime:
    return datetime(2025, 3, day, 10, 30, tzinfo=UTC)


def _utc(when: datetime | None) -> datetime | None:
    """SQLite gives back naive UTC datetimes, PostgreSQL aware ones."""
    return when.replace(tzinfo=UTC) if when is not None and when.tzinfo is None else when


def _write_schema_1(url: str) -> None:
    engine = create_engine(url)
    serial, timestamp = SCHEMA_1[engine.dialect.name]
    # SQLAlchemy stored SQLite datetimes as text, without the time zone
    stamp = (
        (lambda d: d.strftime("%Y-%m-%d %H:%M:%S.%f"))
        if engine.dialect.name == "sqlite"
        else (lambda d: d)
    )
    with engine.begin() as db:
        db.execute(
            text(
                f"CREATE TABLE models (id VARCHAR(80) PRIMARY KEY, name VARCHAR(200) NOT NULL, "
                f"head INTEGER NOT NULL, created_at {timestamp} NOT NULL, deleted_at {timestamp})"
            )
        )
        db.execute(
            text(
                f"CREATE TABLE revisions (id {serial}, "
                "model_id VARCHAR(80) NOT NULL REFERENCES models (id), number INTEGER NOT NULL, "
                "parent INTEGER, author VARCHAR(200) NOT NULL, message TEXT NOT NULL, "
                f"created_at {timestamp} NOT NULL, content TEXT NOT NULL, "
                "CONSTRAINT one_revision_per_number UNIQUE (model_id, number))"
            )
        )
        db.execute(
            text(
                "INSERT INTO models (id, name, head, created_at, deleted_at) "
                "VALUES (:id, :name, :head, :created_at, :deleted_at)"
            ),
            [
                {
                    "id": "halle",
                    "name": HALLE.name,
                    "head": 3,
                    "created_at": stamp(_when(1)),
                    "deleted_at": None,
                },
                {
                    "id": "passerelles",
                    "name": PASSERELLES.name,
                    "head": 1,
                    "created_at": stamp(_when(2)),
                    "deleted_at": stamp(_when(5)),
                },
            ],
        )
        db.execute(
            text(
                "INSERT INTO revisions (model_id, number, parent, author, message, created_at, "
                "content) VALUES (:model_id, :number, :parent, :author, :message, :created_at, "
                ":content)"
            ),
            [
                {
                    "model_id": model_id,
                    "number": number,
                    "parent": parent,
                    "author": author,
                    "message": message,
                    "created_at": stamp(_when(number)),
                    "content": canonical_json(coop),
                }
                for model_id, number, parent, author, message, coop in [
                    ("halle", 1, None, "Anne", "import", HALLE),
                    ("passerelles", 1, None, "Bruno", "import", PASSERELLES),
                    ("halle", 2, 1, "Chloé", "R3 en cuisine", EDITED),
                    ("halle", 3, 2, "Anne", "restore revision 1", HALLE),
                ]
            ],
        )
    engine.dispose()


@pytest.fixture
def schema_1_url(database_url: str) -> str:
    """A database as bm3c 0.1 left it: two models (one in the trash), four revisions."""
    _write_schema_1(database_url)
    return database_url


def test_a_schema_1_database_becomes_the_default_workspace(schema_1_url: str) -> None:
    store = Store(schema_1_url)
    assert store.workspace == DEFAULT_WORKSPACE
    assert [(m.id, m.name, m.head) for m in store.list_models()] == [("halle", HALLE.name, 3)]
    [trashed] = store.list_models(trash=True)
    assert (trashed.id, _utc(trashed.deleted_at)) == ("passerelles", _when(5))
    history = store.history("halle")
    assert [(r.number, r.parent, r.author, r.message) for r in history] == [
        (1, None, "Anne", "import"),
        (2, 1, "Chloé", "R3 en cuisine"),
        (3, 2, "Anne", "restore revision 1"),
    ]
    assert [_utc(r.created_at) for r in history] == [_when(1), _when(2), _when(3)]
    assert [r.cooperation() for r in history] == [HALLE, EDITED, HALLE]
    assert store.revision("passerelles").cooperation() == PASSERELLES
    with store.engine.connect() as db:
        assert db.execute(select(schema_version.c.version)).scalar() == SCHEMA_VERSION


def test_a_migrated_database_takes_new_revisions(schema_1_url: str) -> None:
    """New rows get fresh ids after the migrated ones (on PostgreSQL: from the sequence)."""
    store = Store(schema_1_url)
    assert store.save("halle", EDITED, author="Denis", message="again", parent=3).number == 4
    assert (
        store.save("nouveau", PASSERELLES, author="Denis", message="new", parent=None).number == 1
    )
    store.undelete("passerelles")
    assert store.save("passerelles", HALLE, author="Denis", message="x", parent=1).number == 2
    assert store.revision("halle").cooperation() == EDITED
    assert [m.id for m in store.list_models()] == ["halle", "nouveau", "passerelles"]
    with store.engine.connect() as db:
        ids = db.execute(select(revisions.c.id)).scalars().all()
    assert len(ids) == len(set(ids)) == 7
    assert Store(schema_1_url).head("halle") == 4  # opening again migrates nothing twice


def test_a_database_of_a_newer_bm3c_is_refused_and_left_untouched(database_url: str) -> None:
    engine = create_engine(database_url)
    with engine.begin() as db:
        db.execute(text("CREATE TABLE bm3c_schema (version INTEGER PRIMARY KEY)"))
        db.execute(text(f"INSERT INTO bm3c_schema VALUES ({SCHEMA_VERSION + 1})"))
    with pytest.raises(NewerSchemaError, match="newer bm3c"):
        Store(database_url)
    with engine.connect() as db:
        assert inspect(db).get_table_names() == ["bm3c_schema"]
    engine.dispose()
