"""One engine per database URL, with the schema created or migrated on first use.

SQLite runs in WAL mode with immediate write transactions, so concurrent writers
queue instead of failing; PostgreSQL serialises schema set-up with an advisory lock,
so several app processes can start at once on an empty database.

Every store operation takes its connection through :func:`reading` or :func:`writing`,
one at a time: a thread that holds a connection and asks for a second one is refused
at once (:class:`NestedConnectionError`), since under load every thread could hold one
and wait for ever for another. No wait is unbounded: a write waiting for its turn and
its lock (SQLite's write lock, a PostgreSQL row lock) gives up after
:data:`LOCK_WAIT_SECONDS`, an operation waiting for a pooled connection after
:data:`POOL_WAIT_SECONDS`, each with a :class:`StoreBusyError` (nothing written).
"""

from __future__ import annotations

import os
import random
import sqlite3
import threading
import time
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
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from bm3c.errors import Bm3cError
from bm3c.store.schema import METADATA, SCHEMA_VERSION, schema_version, workspaces

__all__ = [
    "DEFAULT_DATABASE",
    "DEFAULT_WORKSPACE",
    "LOCK_WAIT_SECONDS",
    "POOL_WAIT_SECONDS",
    "NestedConnectionError",
    "NewerSchemaError",
    "StoreBusyError",
    "aware",
    "database_url",
    "engine_for",
    "forget_engine",
    "now",
    "open_engine",
    "reading",
    "writing",
]

DEFAULT_WORKSPACE = "default"
#: The longest a write waits for its turn and the database's lock (another save's).
LOCK_WAIT_SECONDS = 30
#: The longest an operation waits for a pooled connection: operations hold one for
#: milliseconds (a save waiting for another's lock, a little longer), so a pool still
#: full after that is a server overloaded, not a queue moving on.
POOL_WAIT_SECONDS = 10
#: Connections of one process (its tabs share them): opened as operations need them
#: (one per operation running at that moment), at most POOL_SIZE kept open between
#: operations, at most POOL_SIZE + POOL_OVERFLOW at once.
POOL_SIZE, POOL_OVERFLOW = 5, 15
_ENGINES: dict[str, Engine] = {}
_WRITERS: dict[Engine, threading.Lock] = {}  # SQLite: the process's writers, one at a time
_LOCK = threading.Lock()
_HELD = threading.local()  # the engines whose connection this thread holds
_SCHEMA_LOCK_ID = 3_000_404  # any constant: the advisory lock taken while setting up tables


def now() -> datetime:
    """The time stored with a row (UTC)."""
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """A stored time with its time zone (SQLite gives UTC back without one)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class StoreBusyError(Bm3cError):
    """The workspace stayed busy too long (see the module's text): nothing written, try again."""


class NestedConnectionError(RuntimeError):
    """A store operation asked for a connection while its thread already held one.

    A mistake in bm3c, never in what a user did: under load every thread could hold
    one connection and wait for ever for a second.
    """


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A connection for reads (the thread must hold none of ``engine``'s already)."""
    with _held(engine), _connection(engine) as db:
        yield db


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A write transaction (on SQLite, ``BEGIN IMMEDIATE``: writers queue, readers never wait).

    On SQLite the process's writers first take turns without a connection: only one
    of them at a time waits for the database's write lock, and readers always find a
    free connection. A lock wait that runs out (SQLite's busy
    timeout, PostgreSQL's ``lock_timeout``) is a :class:`StoreBusyError`; the
    transaction is rolled back, nothing is written.
    """
    deadline = time.monotonic() + LOCK_WAIT_SECONDS  # the turn's wait and the lock's, together
    with _held(engine), _turn(engine, deadline):
        try:
            with _connection(engine) as db, db.execution_options(bm3c_write=deadline).begin():
                yield db
        except OperationalError as error:
            if not _lock_wait_ran_out(error):
                raise
            raise StoreBusyError(_busy()) from None


@contextmanager
def _held(engine: Engine) -> Iterator[None]:
    held: set[int] = _HELD.__dict__.setdefault("engines", set())
    if id(engine) in held:
        raise NestedConnectionError(
            "a store operation asked for a second connection while holding one: "
            "pass the connection down, or read after the first one is closed"
        )
    held.add(id(engine))
    try:
        yield
    finally:
        held.discard(id(engine))


@contextmanager
def _connection(engine: Engine) -> Iterator[Connection]:
    """A pooled connection; a pool full for :data:`POOL_WAIT_SECONDS`: a StoreBusyError."""
    try:
        db = engine.connect()
    except PoolTimeoutError:
        raise StoreBusyError(
            f"the workspace is busy ({POOL_SIZE + POOL_OVERFLOW} operations of this server "
            f"have been running for {POOL_WAIT_SECONDS} s): try again"
        ) from None
    with db:
        yield db


def _busy() -> str:
    return f"the workspace is busy (other saves held it for {LOCK_WAIT_SECONDS} s): try again"


def _lock_wait_ran_out(error: OperationalError) -> bool:
    """SQLite's "database is locked", PostgreSQL's lock_not_available (55P03)."""
    return "database is locked" in str(error) or getattr(error.orig, "sqlstate", "") == "55P03"


@contextmanager
def _turn(engine: Engine, deadline: float) -> Iterator[None]:
    """SQLite: this process's writers one at a time, waiting without a connection.

    A plain lock rather than a queue: a writer that just saved re-reads the head and
    often goes again at once, where a queue would put it behind writers that all
    started from the old head, each to be refused in turn.
    """
    lock = _WRITERS.get(engine)
    if lock is None:  # PostgreSQL: row locks, no turns
        yield
        return
    if not lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
        raise StoreBusyError(_busy())
    try:
        yield
    finally:
        lock.release()


def engine_for(url: str) -> Engine:
    """The process's engine for ``url``, its tables ready (created or migrated once)."""
    with _LOCK:
        engine = _ENGINES.get(url)
        if engine is None:
            # pre-ping: a connection the server dropped (a restart) is replaced, not used
            pool = {
                "pool_size": POOL_SIZE,
                "max_overflow": POOL_OVERFLOW,
                "pool_timeout": POOL_WAIT_SECONDS,
                "pool_pre_ping": True,
            }
            if url.startswith("sqlite"):
                engine = create_engine(url, **pool)
                _serialise_sqlite_writes(engine)
                _WRITERS[engine] = threading.Lock()
            else:
                engine = create_engine(url, **pool)
                _bound_postgresql_lock_waits(engine)
            try:
                _prepare(engine)
            except BaseException:
                _WRITERS.pop(engine, None)
                engine.dispose()  # no connection left open behind a refused database
                raise
            _ENGINES[url] = engine
    return engine


def open_engine(url: str) -> Engine | None:
    """The process's engine for ``url`` if one is open (never opens one)."""
    with _LOCK:
        return _ENGINES.get(url)


def forget_engine(url: str) -> None:
    """Close the process's connections to ``url`` (a database about to be dropped)."""
    with _LOCK:
        engine = _ENGINES.pop(url, None)
        if engine is not None:
            _WRITERS.pop(engine, None)
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
        cursor.execute(f"PRAGMA busy_timeout={LOCK_WAIT_SECONDS * 1000}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        deadline = connection.get_execution_options().get("bm3c_write")
        if deadline is not None:
            _begin_immediate(connection.connection.dbapi_connection, deadline)
        else:
            connection.exec_driver_sql("BEGIN")


def _begin_immediate(dbapi_connection: Any, deadline: float) -> None:
    """Take SQLite's write lock by ``deadline`` (a ``time.monotonic()``), in fair turns.

    SQLite's own busy handler retries less and less often (every 100 ms after a
    while), so among many processes the one that waited longest is the least likely
    to get the lock: a save could wait its whole timeout while others keep saving.
    Here every waiting process tries every few milliseconds, whatever its wait so far.
    """
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=2")
    try:
        while True:
            try:
                cursor.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error):
                    raise
            if time.monotonic() > deadline:
                raise StoreBusyError(_busy())
            time.sleep(random.uniform(0.001, 0.004))
    finally:
        cursor.execute(f"PRAGMA busy_timeout={LOCK_WAIT_SECONDS * 1000}")
        cursor.close()


def _bound_postgresql_lock_waits(engine: Engine) -> None:
    """PostgreSQL: a statement waiting for a lock gives up after :data:`LOCK_WAIT_SECONDS`."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"SET SESSION lock_timeout = '{LOCK_WAIT_SECONDS}s'")
        cursor.close()
        dbapi_connection.commit()  # a SET rolled back with its transaction would be undone


#: The workspace database when no URL is given: a file in the ``models/`` folder.
DEFAULT_DATABASE = "models/workspace.db"


def database_url(given: str | None) -> str:
    """``--database-url``, else ``BM3C_DATABASE_URL``, else an SQLite file in ``models/``."""
    url = given or os.environ.get("BM3C_DATABASE_URL")
    if url:
        return url
    Path(DEFAULT_DATABASE).parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_DATABASE}"
