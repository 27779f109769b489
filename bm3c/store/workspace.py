"""The workspace store: saved models with their full history, shared by several people.

Every save appends a revision of the whole model; nothing is overwritten. A save
names the revision it started from, and is refused as a conflict when someone else
saved in between (optimistic concurrency: the head is checked and the new revision
number is unique per model, so two racing writers can never both win).

A database holds several workspaces; a :class:`Store` is opened on one of them, and
a workspace protected by an access code cannot be opened without it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, func, insert, literal, select, update
from sqlalchemy.exc import IntegrityError

from bm3c.errors import Bm3cError
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.store.access import AccessGuard, hash_code
from bm3c.store.database import DEFAULT_WORKSPACE, aware, engine_for, now, reading, writing
from bm3c.store.schema import models, revisions, workspaces

__all__ = [
    "AccessDeniedError",
    "ConflictError",
    "ModelInfo",
    "Revision",
    "Store",
    "TrashedModelError",
    "UnknownModelError",
    "UnknownWorkspaceError",
    "canonical_json",
    "model_slug",
]

GUARD = AccessGuard()  # one per process: wrong codes slow down every later guess


class ConflictError(Bm3cError):
    """Someone else saved the model since the revision an edit started from."""

    def __init__(self, model_id: str, expected: int | None, head: int) -> None:
        self.model_id, self.expected, self.head = model_id, expected, head
        super().__init__(
            f"'{model_id}' was saved by someone else: you started from revision "
            f"{expected or 0}, it is now at revision {head}"
        )


class UnknownModelError(Bm3cError, KeyError):
    """No model (or revision) by that id in the workspace."""

    def __str__(self) -> str:
        return str(self.args[0])


class TrashedModelError(Bm3cError):
    """The model is in the trash: it takes no new revision until it is brought back."""

    def __init__(self, model_id: str) -> None:
        self.model_id = model_id
        super().__init__(
            f"'{model_id}' is in the trash: bring it back first "
            f"(bm3c models delete --undo {model_id})"
        )


class UnknownWorkspaceError(Bm3cError):
    """No workspace by that id in the database."""


class AccessDeniedError(Bm3cError):
    """The workspace is protected and the access code is missing or wrong."""


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
    saved_by: str = ""  # author of the latest revision
    saved_at: datetime | None = None  # when the latest revision was saved


def model_slug(name: str) -> str:
    """A workspace id from a name: lowercase letters, digits and dashes."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:80] or "model"


def canonical_json(coop: Cooperation) -> str:
    """The model as compact JSON with sorted keys: equal models give equal text."""
    data = coop.model_dump(mode="json", by_alias=True, exclude_none=True)
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class Store:
    """One workspace of a database (``sqlite:///models/workspace.db`` by default).

    Raises:
        UnknownWorkspaceError: no such workspace (see :meth:`create_workspace`).
        AccessDeniedError: the workspace has an access code and ``code`` is not it.

    """

    def __init__(
        self,
        url: str,
        workspace: str = DEFAULT_WORKSPACE,
        *,
        code: str | None = None,
        guard: AccessGuard = GUARD,
    ) -> None:
        self.url, self.workspace = url, workspace
        self.engine: Engine = engine_for(url)
        with reading(self.engine) as db:
            row = db.execute(select(workspaces).where(workspaces.c.id == workspace)).first()
        if row is None:
            raise UnknownWorkspaceError(f"no workspace '{workspace}' here")
        self.name: str = row.name
        if row.code_hash is not None:
            if not code:
                raise AccessDeniedError(f"workspace '{workspace}' needs its access code")
            if not guard.check(f"{url}#{workspace}", code, row.code_hash):
                raise AccessDeniedError(f"wrong access code for workspace '{workspace}'")

    @classmethod
    def create_workspace(
        cls, url: str, workspace: str, *, name: str, code: str | None = None
    ) -> Store:
        """Add a workspace (protected when ``code`` is given) and open it.

        Raises:
            ValueError: the id is not a slug, or the code is shorter than six characters.
            Bm3cError: a workspace with that id exists already.

        """
        if model_slug(workspace) != workspace:
            raise ValueError(
                f"a workspace id is lowercase letters, digits and dashes: {workspace!r}"
            )
        code_hash = hash_code(code) if code is not None else None
        try:
            with writing(engine_for(url)) as db:
                db.execute(
                    insert(workspaces).values(
                        id=workspace, name=name, code_hash=code_hash, created_at=now()
                    )
                )
        except IntegrityError:
            raise Bm3cError(f"workspace '{workspace}' exists already") from None
        return cls(url, workspace, code=code)

    @property
    def protected(self) -> bool:
        """Whether opening this workspace asks for an access code."""
        with reading(self.engine) as db:
            found = db.execute(
                select(workspaces.c.code_hash).where(workspaces.c.id == self.workspace)
            ).scalar()
        return found is not None

    def set_code(self, code: str | None) -> None:
        """Protect the workspace with a new access code (``None``: remove the protection)."""
        code_hash = hash_code(code) if code is not None else None
        with writing(self.engine) as db:
            db.execute(
                update(workspaces)
                .where(workspaces.c.id == self.workspace)
                .values(code_hash=code_hash)
            )

    def save(
        self, model_id: str, coop: Cooperation, *, author: str, message: str, parent: int | None
    ) -> Revision:
        """Append a revision; ``parent`` is the revision the edit started from (None: new).

        Raises:
            ConflictError: the model's latest revision is not ``parent``.

        """
        content = canonical_json(coop)
        when = now()
        mine = (models.c.workspace == self.workspace) & (models.c.id == model_id)
        revision = {
            "workspace": self.workspace,
            "model_id": model_id,
            "parent": parent or None,
            "author": author,
            "message": message,
            "created_at": when,
            "content": content,
        }
        try:
            with writing(self.engine) as db:
                row = db.execute(select(models.c.head, models.c.deleted_at).where(mine)).first()
                head = row.head if row else None
                if row is not None and row.deleted_at is not None:
                    raise TrashedModelError(model_id)
                if head != (parent or None):
                    raise ConflictError(model_id, parent, head or 0)
                number = (head or 0) + 1
                if head is None:
                    db.execute(
                        insert(models).values(
                            workspace=self.workspace,
                            id=model_id,
                            name=coop.name,
                            head=number,
                            created_at=when,
                        )
                    )
                    db.execute(insert(revisions).values(number=number, **revision))
                elif not _append(db, mine, head, coop.name, revision):
                    # someone saved since the check above: the new head is read on this
                    # connection (asking the pool for a second one while holding this
                    # could exhaust it under load)
                    now_head = db.execute(select(models.c.head).where(mine)).scalar()
                    raise ConflictError(model_id, parent, int(now_head or 0))
        except IntegrityError:
            # a racing writer took this number first; the transaction is closed and its
            # connection back in the pool: the head is read on a connection of its own
            raise ConflictError(model_id, parent, self.head(model_id)) from None
        _changed(self, model_id)
        return Revision(model_id, number, parent or None, author, message, when, content)

    def head(self, model_id: str) -> int:
        """The number of a model's latest revision (0 when it does not exist)."""
        return self.state(model_id)[0]

    def state(self, model_id: str) -> tuple[int, bool]:
        """A model's latest revision number (0: none) and whether it is in the trash."""
        with reading(self.engine) as db:
            row = db.execute(
                select(models.c.head, models.c.deleted_at).where(
                    models.c.workspace == self.workspace, models.c.id == model_id
                )
            ).first()
        return (int(row.head), row.deleted_at is not None) if row else (0, False)

    def list_models(self, *, trash: bool = False) -> list[ModelInfo]:
        """The workspace's models (or those in the trash), sorted by id."""
        condition = models.c.deleted_at.is_not(None) if trash else models.c.deleted_at.is_(None)
        latest = (
            (revisions.c.workspace == models.c.workspace)
            & (revisions.c.model_id == models.c.id)
            & (revisions.c.number == models.c.head)
        )
        with reading(self.engine) as db:
            rows = db.execute(
                select(models, revisions.c.author, revisions.c.created_at.label("saved_at"))
                .join(revisions, latest)
                .where(models.c.workspace == self.workspace, condition)
                .order_by(models.c.id)
            ).all()
        return [
            ModelInfo(
                r.id,
                r.name,
                r.head,
                aware(r.created_at),
                aware(r.deleted_at) if r.deleted_at else None,
                r.author,
                aware(r.saved_at),
            )
            for r in rows
        ]

    def history(self, model_id: str) -> list[Revision]:
        """Every revision of a model, oldest first."""
        with reading(self.engine) as db:
            rows = db.execute(
                select(revisions)
                .where(revisions.c.workspace == self.workspace, revisions.c.model_id == model_id)
                .order_by(revisions.c.number)
            ).all()
        if not rows:
            raise UnknownModelError(f"no model '{model_id}' in the workspace")
        return [_revision(r) for r in rows]

    def revision(self, model_id: str, number: int | None = None) -> Revision:
        """One revision of a model (its latest when ``number`` is None)."""
        with reading(self.engine) as db:
            if number is None:
                number = db.execute(
                    select(models.c.head).where(
                        models.c.workspace == self.workspace, models.c.id == model_id
                    )
                ).scalar()
            row = db.execute(
                select(revisions).where(
                    revisions.c.workspace == self.workspace,
                    revisions.c.model_id == model_id,
                    revisions.c.number == number,
                )
            ).first()
        if row is None:
            which = f"revision {number} of " if number is not None else ""
            raise UnknownModelError(f"no {which}model '{model_id}' in the workspace")
        return _revision(row)

    def count_revisions(self, model_id: str) -> int:
        """How many revisions a model has."""
        with reading(self.engine) as db:
            found = db.execute(
                select(func.count()).where(
                    revisions.c.workspace == self.workspace, revisions.c.model_id == model_id
                )
            ).scalar()
        return int(found or 0)

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
        self._set_deleted(model_id, now())

    def undelete(self, model_id: str) -> None:
        """Bring a model back from the trash."""
        self._set_deleted(model_id, None)

    def _set_deleted(self, model_id: str, when: datetime | None) -> None:
        with writing(self.engine) as db:
            done = db.execute(
                update(models)
                .where(models.c.workspace == self.workspace, models.c.id == model_id)
                .values(deleted_at=when)
            )
        if done.rowcount != 1:
            raise UnknownModelError(f"no model '{model_id}' in the workspace")
        _changed(self, model_id)


#: Called with (database URL, workspace, model id) after this process saved a model or
#: moved it to or from the trash (:mod:`bm3c.store.watch` listens: its tabs see it at once).
CHANGE_LISTENERS: list[Callable[[str, str, str], None]] = []


def _changed(store: Store, model_id: str) -> None:
    for listener in CHANGE_LISTENERS:
        listener(store.url, store.workspace, model_id)


def _append(
    db: Connection, mine: ColumnElement[bool], head: int, name: str, revision: dict[str, Any]
) -> bool:
    """Move the head from ``head`` to the next number, add that revision; False: already moved.

    The model's row stays locked from the head's move to the commit, and every other
    save of the model waits for it. On PostgreSQL both are one statement, so that lock
    lasts no longer than the commit that follows: a writer slow to send its next
    statement (a busy server) does not hold all the others up.
    """
    number = head + 1
    move = update(models).where(mine, models.c.head == head).values(head=number, name=name)
    if db.dialect.name != "postgresql":  # SQLite: the write lock is the whole transaction's
        if db.execute(move).rowcount != 1:
            return False
        db.execute(insert(revisions).values(number=number, **revision))
        return True
    moved = move.returning(models.c.head).cte("moved")
    values = [literal(value, revisions.c[key].type) for key, value in revision.items()]
    added = db.execute(
        insert(revisions)
        .from_select(["number", *revision], select(moved.c.head, *values))
        .returning(revisions.c.number)
    ).first()
    return added is not None


def _revision(row: Any) -> Revision:
    return Revision(
        row.model_id,
        row.number,
        row.parent,
        row.author,
        row.message,
        aware(row.created_at),
        row.content,
    )
