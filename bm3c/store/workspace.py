"""The workspace store: saved models with their full history, shared by several people.

Every save appends a revision of the whole model; nothing is overwritten. A save
names the revision it started from, and is refused as a conflict when someone else
saved in between (optimistic concurrency: the head is checked and the new revision
number is unique per model, so two racing writers can never both win).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from bm3c.errors import Bm3cError
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.store.schema import METADATA, models, revisions

__all__ = ["ConflictError", "ModelInfo", "Revision", "Store", "UnknownModelError", "model_slug"]


class ConflictError(Bm3cError):
    """Someone else saved the model since the revision an edit started from."""

    def __init__(self, model_id: str, expected: int | None, head: int) -> None:
        self.model_id, self.expected, self.head = model_id, expected, head
        super().__init__(
            f"'{model_id}' was saved by someone else: you started from revision "
            f"{expected}, it is now at revision {head}"
        )


class UnknownModelError(Bm3cError, KeyError):
    """No model (or revision) by that id in the workspace."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Revision:
    """One saved state of a model."""

    model_id: str
    number: int
    parent: int | None
    author: str
    message: str
    created_at: datetime
    content: str

    def cooperation(self) -> Cooperation:
        """The model this revision holds."""
        return validate_cooperation(json.loads(self.content))


@dataclass(frozen=True)
class ModelInfo:
    """A model of the workspace, as listed."""

    id: str
    name: str
    head: int
    created_at: datetime
    deleted_at: datetime | None


def model_slug(name: str) -> str:
    """A workspace id from a name: lowercase letters, digits and dashes."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:80] or "model"


def _canonical(coop: Cooperation) -> str:
    data = coop.model_dump(mode="json", by_alias=True, exclude_none=True)
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _now() -> datetime:
    return datetime.now(UTC)


class Store:
    """A workspace on a database URL (``sqlite:///models/workspace.db`` by default).

    The schema is created on first use. SQLite runs in WAL mode with immediate
    write transactions, so concurrent writers queue instead of failing.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = create_engine(url, future=True)
        if self.engine.dialect.name == "sqlite":
            _serialise_sqlite_writes(self.engine)
        METADATA.create_all(self.engine)

    def save(
        self, model_id: str, coop: Cooperation, *, author: str, message: str, parent: int | None
    ) -> Revision:
        """Append a revision; ``parent`` is the revision the edit started from (None: new).

        Raises:
            ConflictError: the model's latest revision is not ``parent``.

        """
        content = _canonical(coop)
        now = _now()
        try:
            with self.engine.begin() as db:
                head = db.execute(
                    select(models.c.head).where(models.c.id == model_id)
                ).scalar_one_or_none()
                if head != parent:
                    raise ConflictError(model_id, parent, head or 0)
                number = (head or 0) + 1
                if head is None:
                    db.execute(
                        insert(models).values(
                            id=model_id, name=coop.name, head=number, created_at=now
                        )
                    )
                else:
                    done = db.execute(
                        update(models)
                        .where(models.c.id == model_id, models.c.head == head)
                        .values(head=number, name=coop.name)
                    )
                    if done.rowcount != 1:
                        raise ConflictError(model_id, parent, self.head(model_id))
                db.execute(
                    insert(revisions).values(
                        model_id=model_id,
                        number=number,
                        parent=parent,
                        author=author,
                        message=message,
                        created_at=now,
                        content=content,
                    )
                )
        except IntegrityError:
            raise ConflictError(model_id, parent, self.head(model_id)) from None
        except OperationalError as error:  # a lock wait that ran out: someone else won
            if "locked" in str(error).lower():
                raise ConflictError(model_id, parent, self.head(model_id)) from None
            raise
        return Revision(model_id, number, parent, author, message, now, content)

    def head(self, model_id: str) -> int:
        """The number of a model's latest revision (0 when it does not exist)."""
        with self.engine.connect() as db:
            head = db.execute(select(models.c.head).where(models.c.id == model_id)).scalar()
        return int(head or 0)

    def list_models(self, *, trash: bool = False) -> list[ModelInfo]:
        """The workspace's models (or those in the trash), sorted by id."""
        condition = models.c.deleted_at.is_not(None) if trash else models.c.deleted_at.is_(None)
        with self.engine.connect() as db:
            rows = db.execute(select(models).where(condition).order_by(models.c.id)).all()
        return [ModelInfo(r.id, r.name, r.head, r.created_at, r.deleted_at) for r in rows]

    def history(self, model_id: str) -> list[Revision]:
        """Every revision of a model, oldest first."""
        with self.engine.connect() as db:
            rows = db.execute(
                select(revisions)
                .where(revisions.c.model_id == model_id)
                .order_by(revisions.c.number)
            ).all()
        if not rows:
            raise UnknownModelError(f"no model '{model_id}' in the workspace")
        return [_revision(r) for r in rows]

    def revision(self, model_id: str, number: int | None = None) -> Revision:
        """One revision of a model (its latest when ``number`` is None)."""
        with self.engine.connect() as db:
            query = select(revisions).where(revisions.c.model_id == model_id)
            if number is None:
                number = db.execute(
                    select(func.max(revisions.c.number)).where(revisions.c.model_id == model_id)
                ).scalar()
            row = db.execute(query.where(revisions.c.number == number)).first()
        if row is None:
            raise UnknownModelError(f"no revision {number} of '{model_id}' in the workspace")
        return _revision(row)

    def restore(self, model_id: str, number: int, *, author: str) -> Revision:
        """Make an old revision the latest again, as a new revision (nothing is lost)."""
        old = self.revision(model_id, number)
        return self.save(
            model_id,
            old.cooperation(),
            author=author,
            message=f"restore revision {number}",
            parent=self.head(model_id),
        )

    def delete(self, model_id: str) -> None:
        """Move a model to the trash (it can be restored with :meth:`undelete`)."""
        self._set_deleted(model_id, _now())

    def undelete(self, model_id: str) -> None:
        """Bring a model back from the trash."""
        self._set_deleted(model_id, None)

    def _set_deleted(self, model_id: str, when: datetime | None) -> None:
        with self.engine.begin() as db:
            done = db.execute(update(models).where(models.c.id == model_id).values(deleted_at=when))
        if done.rowcount != 1:
            raise UnknownModelError(f"no model '{model_id}' in the workspace")


def _revision(row: Any) -> Revision:
    return Revision(
        row.model_id, row.number, row.parent, row.author, row.message, row.created_at, row.content
    )


def _serialise_sqlite_writes(engine: Engine) -> None:
    """SQLite: WAL, a busy timeout, and BEGIN IMMEDIATE so writers queue, never deadlock."""

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
        connection.exec_driver_sql("BEGIN IMMEDIATE")
