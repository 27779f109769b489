"""One engine per database URL, with the schema created or migrated on first use.

SQLite runs in WAL mode with immediate write transactions, so concurrent writers
queue instead of failing; PostgreSQL serialises schema set-up with an advisory lock,
so several app processes can start at once on an empty database.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    DateTime,
    Engine,
    create_engine,
    event,
    insert,
    inspect,
    select,
    text,
    update,
)

from bm3c.errors import Bm3cError
from bm3c.store.schema import METADATA, SCHEMA_VERSION, schema_version, workspaces

__all__ = [
    "DEFAULT_DATABASE",
    "DEFAULT_WORKSPACE",
    "NewerSchemaError",
    "aware",
    "database_url",
    "engine_for",
    "forget_engine",
    "now",
    "writing",
]

DEFAULT_WORKSPACE = "default"
_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()
_SCHEMA_LOCK_ID = 3_000_404  # any constant: the advisory lock taken while setting up tables


def now() -> datetime:
    """The time stored with a row (UTC)."""
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """A stored time with its time zone (SQLite gives UTC back without one)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A write transaction (on SQLite, ``BEGIN IMMEDIATE``: writers queue, readers never wait)."""
    with engine.connect().execution_options(bm3c_write=True) as db, db.begin():
        yield db


def engine_for(url: str) -> Engine:
    """The process's engine for ``url``, its tables ready (created or migrated once)."""
    with _LOCK:
        engine = _ENGINES.get(url)
        if engine is None:
            if url.startswith("sqlite"):
                engine = create_engine(url)
                _serialise_sqlite_writes(engine)
            else:
                # a process's tabs share these; several processes stay under the server's
                # default max_connections (100)
                engine = create_engine(url, pool_size=5, max_overflow=15, pool_pre_ping=True)
            try:
                _prepare(engine)
            except BaseException:
                engine.dispose()  # no connection left open behind a refused database
                raise
            _ENGINES[url] = engine
    return engine


def forget_engine(url: str) -> None:
    """Close the process's connections to ``url`` (a database about to be dropped)."""
    with _LOCK:
        engine = _ENGINES.pop(url, None)
    if engine is not None:
        engine.dispose()


class NewerSchemaError(Bm3cError):
    """The database was written by a newer bm3c: this one leaves it untouched."""


def _prepare(engine: Engine) -> None:
    with writing(engine) as db:
        if engine.dialect.name == "postgresql":
            db.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _SCHEMA_LOCK_ID})
        tables = set(inspect(db).get_table_names())
        if "bm3c_schema" in tables:  # checked before touching anything
            version = db.execute(select(schema_version.c.version)).scalar()
            if version is not None and version > SCHEMA_VERSION:
                raise NewerSchemaError(
                    f"this workspace was written by a newer bm3c (schema {version}); "
                    f"this one knows schema {SCHEMA_VERSION}: upgrade bm3c"
                )
        elif "models" in tables:
            _migrate_from_1(db)
        METADATA.create_all(db)  # from 2 to 3 only tables were added: the missing ones
        _migrate_to_4(db)
        version = db.execute(select(schema_version.c.version)).scalar()
        if version is None:
            db.execute(insert(schema_version).values(version=SCHEMA_VERSION))
        elif version < SCHEMA_VERSION:
            db.execute(update(schema_version).values(version=SCHEMA_VERSION))
        if db.execute(select(workspaces.c.id).where(workspaces.c.id == DEFAULT_WORKSPACE)).first():
            return
        db.execute(
            insert(workspaces).values(id=DEFAULT_WORKSPACE, name="Workspace", created_at=now())
        )


def _migrate_to_4(db: Connection) -> None:
    """Schema 3 to 4: logbook answers get the hash of the answering browser's secret.

    Answers written before have none: nobody's browser can read them before their
    session is revealed, and nobody can add to them (a new answer under the same
    name is another respondent); once revealed they count like any other.
    """
    columns = {c["name"] for c in inspect(db).get_columns("logbook_answers")}
    if "respondent_key" not in columns:
        db.execute(text("ALTER TABLE logbook_answers ADD COLUMN respondent_key VARCHAR(64)"))


def _migrate_from_1(db: Connection) -> None:
    """Schema 1 (one workspace, no drafts): its models become the default workspace's."""
    stamp = DateTime(timezone=True)  # typed, so SQLite gives datetimes back, not text
    read_models = text("SELECT * FROM models").columns(created_at=stamp, deleted_at=stamp)
    read_revisions = text("SELECT * FROM revisions").columns(created_at=stamp)
    old_models = [dict(r._mapping) for r in db.execute(read_models)]
    old_revisions = [dict(r._mapping) for r in db.execute(read_revisions)]
    db.execute(text("DROP TABLE revisions"))
    db.execute(text("DROP TABLE models"))
    METADATA.create_all(db)
    db.execute(insert(workspaces).values(id=DEFAULT_WORKSPACE, name="Workspace", created_at=now()))
    for table, rows in (("models", old_models), ("revisions", old_revisions)):
        if rows:
            target = METADATA.tables[table]
            db.execute(
                insert(target),
                [  # revision ids are renumbered by the database
                    {
                        **{k: v for k, v in row.items() if k != "id" or table == "models"},
                        "workspace": DEFAULT_WORKSPACE,
                    }
                    for row in rows
                ],
            )


def _serialise_sqlite_writes(engine: Engine) -> None:
    """SQLite: WAL, a busy timeout, and BEGIN IMMEDIATE for writes only.

    Writers queue instead of deadlocking; reads take a plain BEGIN and see the last
    committed state without waiting for a writer.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy's BEGIN below decide
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        write = connection.get_execution_options().get("bm3c_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


#: The workspace database when no URL is given: a file in the ``models/`` folder.
DEFAULT_DATABASE = "models/workspace.db"


def database_url(given: str | None) -> str:
    """``--database-url``, else ``BM3C_DATABASE_URL``, else an SQLite file in ``models/``."""
    url = given or os.environ.get("BM3C_DATABASE_URL")
    if url:
        return url
    Path(DEFAULT_DATABASE).parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_DATABASE}"
