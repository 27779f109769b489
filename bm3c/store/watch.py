"""The live state of a workspace, read once per tick for every tab of a server process.

In a workshop every open tab wants to know, once a second, who else has its model
open and whether someone saved a newer revision. Asked by each tab, that is a write
and two reads per tab per second: thirty tabs queue ninety statements a second on
one SQLite file. Here one :class:`Watcher` per process and workspace does it for all
its tabs: a background thread, every :data:`WATCH_SECONDS`,

- writes the heartbeats the tabs left since the last tick, in one statement;
- reads the latest revision (and trash state) of every model a tab asked about, in one
  query, and who is connected to every model a tab has open, in another.

A tab then reads the watcher's memory (:meth:`Watcher.state`, :meth:`Watcher.others`),
which costs no database access. What this process does itself is seen at once: a save
or a move to the trash made here drops the model's remembered state (the next
question reads it afresh), and a tab's first heartbeat is written immediately, so a
newcomer is listed by everyone without waiting. Saves made by another process (or
another server on the same database) arrive within one tick.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError

from bm3c.store.database import engine_for, now, open_engine, reading, writing
from bm3c.store.live import PRESENCE_TIMEOUT
from bm3c.store.schema import models, presence
from bm3c.store.workspace import CHANGE_LISTENERS, Store

__all__ = ["FORGET_SECONDS", "WATCH_SECONDS", "Watcher", "watcher_for"]

#: How often the process reads the workspace for its tabs (and writes their heartbeats).
WATCH_SECONDS = 0.5
#: A model or a source no tab asked about for this long is no longer read.
FORGET_SECONDS = 30.0

log = logging.getLogger(__name__)


class Watcher:
    """Heads, trash states and presence of one workspace, shared by a process's tabs.

    Thread-safe. :meth:`tick` does one round (the background thread of
    :func:`watcher_for` calls it every :data:`WATCH_SECONDS`; tests call it directly).
    """

    def __init__(
        self, url: str, workspace: str, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.url, self.workspace = url, workspace
        self.engine = engine_for(url)
        self._clock = clock
        self._lock = threading.Lock()
        self._beats: dict[str, tuple[str, str]] = {}  # session -> (name, source), to write
        self._written: set[str] = set()  # sessions whose heartbeat is in the database
        self._heads: dict[str, tuple[int, bool]] = {}  # model id -> (head, in the trash)
        self._changes: dict[str, int] = {}  # model id -> saves seen here (a read older is stale)
        self._present: dict[str, list[tuple[str, str]]] = {}  # source -> [(session, name)]
        self._asked_models: dict[str, float] = {}  # model id -> when a tab last asked
        self._asked_sources: dict[str, float] = {}
        self.last_used = clock()

    # --- what a tab calls (memory only, but for the first question about something)

    def check_in(self, session: str, name: str, source: str) -> None:
        """Tab ``session`` (participant ``name``) is here with ``source`` open.

        Written with the others at the next tick; a tab's first heartbeat is written
        at once, so the others list it (and its name counts as taken) without delay.
        """
        with self._lock:
            self._beats[session] = (name, source)
            self._asked_sources[source] = self.last_used = self._clock()
            first = session not in self._written
        if first:
            self._write_beats()
            self._read_presence([source])

    def others(self, session: str, name: str, source: str) -> list[str]:
        """The names of the other tabs on ``source``: sorted, each once, never ``name`` itself."""
        with self._lock:
            rows = self._present.get(source)
            self._asked_sources[source] = self.last_used = self._clock()
        if rows is None:
            rows = self._read_presence([source]).get(source, [])
        return sorted({who for tab, who in rows if tab != session and who != name})

    def state(self, model_id: str) -> tuple[int, bool]:
        """A model's latest revision number (0: none) and whether it is in the trash."""
        with self._lock:
            found = self._heads.get(model_id)
            self._asked_models[model_id] = self.last_used = self._clock()
        if found is None:
            found = self._read_heads([model_id]).get(model_id, (0, False))
        return found

    def changed(self, model_id: str) -> None:
        """Forget ``model_id``'s state: saved here, or moved in or out of the trash here."""
        with self._lock:
            self._heads.pop(model_id, None)
            self._changes[model_id] = self._changes.get(model_id, 0) + 1

    # --- the background round

    def tick(self) -> None:
        """Write the waiting heartbeats; read the heads and presence the tabs ask about."""
        limit = self._clock() - FORGET_SECONDS
        with self._lock:
            for asked in (self._asked_models, self._asked_sources):
                for key in [key for key, when in asked.items() if when < limit]:
                    del asked[key]
            self._present = {k: v for k, v in self._present.items() if k in self._asked_sources}
            self._heads = {k: v for k, v in self._heads.items() if k in self._asked_models}
            model_ids, sources = list(self._asked_models), list(self._asked_sources)
        failure: Exception | None = None
        for step, wanted in (
            (self._write_beats, True),  # each step on its own: one failing stops no other
            (lambda: self._read_heads(model_ids), model_ids),
            (lambda: self._read_presence(sources), sources),
        ):
            try:
                if wanted:
                    step()
            except SQLAlchemyError as error:
                failure = error
        if failure is not None:
            raise failure

    def _write_beats(self) -> None:
        with self._lock:
            beats, self._beats = self._beats, {}
        if not beats:
            return
        when = now()
        rows = [
            {"workspace": self.workspace, "session": session, "name": name, "source": source}
            | {"seen_at": when}
            for session, (name, source) in beats.items()
        ]
        try:
            with writing(self.engine) as db:
                insert = postgresql_insert if db.dialect.name == "postgresql" else sqlite_insert
                statement = insert(presence).values(rows)
                changes = {key: statement.excluded[key] for key in ("name", "source", "seen_at")}
                db.execute(
                    statement.on_conflict_do_update(
                        index_elements=["workspace", "session"], set_=changes
                    )
                )
                db.execute(
                    delete(presence).where(presence.c.seen_at < when - 10 * PRESENCE_TIMEOUT)
                )
        except SQLAlchemyError:
            with self._lock:  # kept for the next tick, unless a newer heartbeat came meanwhile
                self._beats = beats | self._beats
            raise
        with self._lock:
            self._written.update(beats)

    def _read_heads(self, model_ids: Iterable[str]) -> dict[str, tuple[int, bool]]:
        wanted = list(model_ids)
        with self._lock:
            before = {model_id: self._changes.get(model_id, 0) for model_id in wanted}
        with reading(self.engine) as db:
            rows = db.execute(
                select(models.c.id, models.c.head, models.c.deleted_at).where(
                    models.c.workspace == self.workspace, models.c.id.in_(wanted)
                )
            ).all()
        found = {model_id: (0, False) for model_id in wanted}
        found |= {row.id: (int(row.head), row.deleted_at is not None) for row in rows}
        with self._lock:  # a save made here meanwhile: this read may predate it, keep none
            self._heads.update(
                (k, v) for k, v in found.items() if self._changes.get(k, 0) == before[k]
            )
        return found

    def _read_presence(self, sources: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
        wanted = list(sources)
        with reading(self.engine) as db:
            rows = db.execute(
                select(presence.c.session, presence.c.name, presence.c.source).where(
                    presence.c.workspace == self.workspace,
                    presence.c.source.in_(wanted),
                    presence.c.seen_at >= now() - PRESENCE_TIMEOUT,
                )
            ).all()
        found: dict[str, list[tuple[str, str]]] = {source: [] for source in wanted}
        for row in rows:
            found[row.source].append((row.session, row.name))
        with self._lock:
            self._present.update(found)
        return found


_WATCHERS: dict[tuple[str, str], Watcher] = {}
_REGISTRY = threading.Lock()
_THREAD: list[threading.Thread] = []


def watcher_for(store: Store) -> Watcher:
    """The process's watcher of ``store``'s workspace (its background thread started once)."""
    key = (store.url, store.workspace)
    with _REGISTRY:
        watcher = _WATCHERS.get(key)
        if watcher is None:
            watcher = _WATCHERS[key] = Watcher(store.url, store.workspace)
        if not _THREAD:
            thread = threading.Thread(target=_watch, name="bm3c-watch", daemon=True)
            _THREAD.append(thread)
            thread.start()
    return watcher


def _watch() -> None:
    """The background thread: a tick of every watcher in use, every :data:`WATCH_SECONDS`."""
    while True:
        time.sleep(WATCH_SECONDS)
        with _REGISTRY:
            limit = time.monotonic() - FORGET_SECONDS
            for key, watcher in list(_WATCHERS.items()):
                # no tab asked for a while, or the database was let go (about to be dropped)
                if watcher.last_used < limit or open_engine(watcher.url) is not watcher.engine:
                    del _WATCHERS[key]
            watchers = list(_WATCHERS.values())
        for watcher in watchers:
            try:
                watcher.tick()
            except Exception as error:  # the thread must live on: the next tick tries again
                log.warning("live check of workspace %s failed: %s", watcher.workspace, error)


def _on_change(url: str, workspace: str, model_id: str) -> None:
    with _REGISTRY:
        watcher = _WATCHERS.get((url, workspace))
    if watcher is not None:
        watcher.changed(model_id)


CHANGE_LISTENERS.append(_on_change)
