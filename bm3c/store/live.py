"""A live workshop on one workspace: who is connected, and each participant's draft.

A draft is the autosave of one participant's unsaved edits of one model (or file):
a closed tab or a reload loses nothing. It is replaced at every autosave and dropped
when the edits are saved as a revision. Presence is a heartbeat per browser tab.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.store.database import aware, now, reading, writing
from bm3c.store.schema import drafts, presence
from bm3c.store.workspace import Store, canonical_json

__all__ = [
    "PRESENCE_TIMEOUT",
    "Draft",
    "connected",
    "drop_draft",
    "find_draft",
    "leave",
    "participants",
    "save_draft",
]

# A tab checks in once a second (bm3c.ui.live.check_in): one not heard from for 3 s has
# closed (or lost its connection), so it leaves the others' list within about 4 s
PRESENCE_TIMEOUT = timedelta(seconds=3)


@dataclass(frozen=True)
class Draft:
    """A participant's unsaved edits of a model."""

    source: str
    author: str
    base: int  # revision the edits started from (0: not saved in the workspace)
    content: str
    saved_at: datetime

    def cooperation(self) -> Cooperation:
        """The edited model."""
        return validate_cooperation(json.loads(self.content))


def _draft_row(store: Store, source: str, author: str) -> ColumnElement[bool]:
    return (
        (drafts.c.workspace == store.workspace)
        & (drafts.c.source == source)
        & (drafts.c.author == author)
    )


def _upsert(db: Connection, table: Table, keys: dict[str, Any], values: dict[str, Any]) -> None:
    """Insert a row, or update it when one with those keys exists (one statement: no race)."""
    insert = postgresql_insert if db.dialect.name == "postgresql" else sqlite_insert
    statement = insert(table).values(**keys, **values)
    db.execute(statement.on_conflict_do_update(index_elements=list(keys), set_=values))


def save_draft(store: Store, source: str, author: str, base: int, coop: Cooperation) -> None:
    """Keep ``author``'s current edits of ``source`` (replacing their previous draft)."""
    values = {"base": base, "content": canonical_json(coop), "saved_at": now()}
    keys = {"workspace": store.workspace, "source": source, "author": author}
    with writing(store.engine) as db:
        _upsert(db, drafts, keys, values)


def find_draft(store: Store, source: str, author: str) -> Draft | None:
    """``author``'s unsaved edits of ``source``, if any."""
    with reading(store.engine) as db:
        row = db.execute(select(drafts).where(_draft_row(store, source, author))).first()
    if row is None:
        return None
    return Draft(row.source, row.author, row.base, row.content, aware(row.saved_at))


def drop_draft(store: Store, source: str, author: str) -> None:
    """Forget ``author``'s draft of ``source`` (saved, or discarded on purpose)."""
    with writing(store.engine) as db:
        db.execute(delete(drafts).where(_draft_row(store, source, author)))


def participants(store: Store, session: str, name: str, source: str) -> list[str]:
    """Record that tab ``session`` (``name``) has ``source`` open; who else has it open.

    Returns the display names of the other tabs on the same ``source`` heard from
    within :data:`PRESENCE_TIMEOUT`, sorted, each once, without ``name`` itself
    (the same person in a second tab).
    """
    when = now()
    keys = {"workspace": store.workspace, "session": session}
    with writing(store.engine) as db:
        _upsert(db, presence, keys, {"name": name, "source": source, "seen_at": when})
        db.execute(delete(presence).where(presence.c.seen_at < when - 10 * PRESENCE_TIMEOUT))
        names = db.execute(
            select(presence.c.name)
            .distinct()
            .where(
                presence.c.workspace == store.workspace,
                presence.c.source == source,
                presence.c.session != session,
                presence.c.name != name,
                presence.c.seen_at >= when - PRESENCE_TIMEOUT,
            )
        ).scalars()
        return sorted(names)


def connected(store: Store, name: str) -> bool:
    """Whether a tab under ``name`` was heard from within :data:`PRESENCE_TIMEOUT`."""
    with reading(store.engine) as db:
        found = db.execute(
            select(presence.c.session).where(
                presence.c.workspace == store.workspace,
                presence.c.name == name,
                presence.c.seen_at >= now() - PRESENCE_TIMEOUT,
            )
        ).first()
    return found is not None


def leave(store: Store, session: str) -> None:
    """Tab ``session`` closed its model (it no longer shows as connected)."""
    with writing(store.engine) as db:
        db.execute(
            delete(presence).where(
                presence.c.workspace == store.workspace, presence.c.session == session
            )
        )
