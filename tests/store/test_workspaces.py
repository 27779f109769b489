"""Several workspaces on one database: each sees only its own models; access codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from bm3c.edit.cooperation import set_work
from bm3c.errors import Bm3cError
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.store import (
    AccessDeniedError,
    Store,
    UnknownModelError,
    UnknownWorkspaceError,
)
from bm3c.store.access import AccessGuard, verify_code
from bm3c.store.schema import workspaces

HALLE = Path(__file__).resolve().parents[2] / "examples" / "halle-des-transitions.yaml"


@pytest.fixture
def halle() -> Cooperation:
    return load_cooperation(HALLE)


@pytest.fixture
def waits() -> list[float]:
    """The delays a guard asked for (nothing really sleeps)."""
    return []


@pytest.fixture
def guard(waits: list[float]) -> AccessGuard:
    return AccessGuard(base_delay=0.5, max_delay=4.0, sleep=waits.append)


def _stored_hash(url: str, workspace: str) -> str | None:
    with Store(url).engine.connect() as db:
        found: str | None = db.execute(
            select(workspaces.c.code_hash).where(workspaces.c.id == workspace)
        ).scalar()
    return found


def test_a_protected_workspace_opens_only_with_its_code(
    database_url: str, halle: Cooperation, guard: AccessGuard
) -> None:
    created = Store.create_workspace(database_url, "coll-a", name="Collectif A", code="secret-a")
    assert created.protected and created.name == "Collectif A"
    created.save("halle", halle, author="Anne", message="import", parent=None)
    with pytest.raises(AccessDeniedError, match="needs its access code"):
        Store(database_url, "coll-a", guard=guard)
    with pytest.raises(AccessDeniedError, match="wrong access code"):
        Store(database_url, "coll-a", code="secret-b", guard=guard)
    with pytest.raises(AccessDeniedError):
        Store(database_url, "coll-a", code="", guard=guard)
    opened = Store(database_url, "coll-a", code="secret-a", guard=guard)
    assert [m.id for m in opened.list_models()] == ["halle"]
    assert opened.revision("halle").cooperation() == halle
    # the open default workspace of the same database shows nothing of coll-a
    default = Store(database_url)
    assert not default.protected
    assert default.list_models() == []
    assert default.list_models(trash=True) == []
    assert default.head("halle") == 0
    with pytest.raises(UnknownModelError):
        default.revision("halle")
    with pytest.raises(UnknownModelError):
        default.history("halle")


def test_two_workspaces_never_see_each_other(database_url: str, halle: Cooperation) -> None:
    a = Store.create_workspace(database_url, "coll-a", name="A", code="secret-a")
    b = Store.create_workspace(database_url, "coll-b", name="B")
    edited = set_work(halle, "cafe-cantine", "r3-bordeaux", 100, 0)
    a.save("halle", halle, author="Anne", message="a1", parent=None)
    a.save("halle", edited, author="Anne", message="a2", parent=1)
    b.save("halle", edited, author="Bruno", message="b1", parent=None)  # same id: fine
    b.save("autre", halle, author="Bruno", message="b-autre", parent=None)
    assert [r.message for r in a.history("halle")] == ["a1", "a2"]
    assert [r.message for r in b.history("halle")] == ["b1"]
    assert (a.head("halle"), b.head("halle")) == (2, 1)
    assert [m.id for m in a.list_models()] == ["halle"]
    assert [m.id for m in b.list_models()] == ["autre", "halle"]
    assert b.revision("halle").cooperation() == edited
    a.delete("halle")
    assert [m.id for m in b.list_models()] == ["autre", "halle"]
    with pytest.raises(UnknownModelError):
        a.delete("autre")
    assert a.count_revisions("autre") == 0


def test_the_stored_code_is_a_salted_hash(database_url: str) -> None:
    Store.create_workspace(database_url, "coll-a", name="A", code="secret-commun")
    Store.create_workspace(database_url, "coll-b", name="B", code="secret-commun")
    Store.create_workspace(database_url, "coll-c", name="C")
    stored_a = _stored_hash(database_url, "coll-a")
    stored_b = _stored_hash(database_url, "coll-b")
    assert stored_a is not None and stored_b is not None
    assert stored_a.startswith("scrypt$") and "secret" not in stored_a
    assert stored_a != stored_b  # a fresh salt per workspace
    assert verify_code("secret-commun", stored_a) and verify_code("secret-commun", stored_b)
    assert _stored_hash(database_url, "coll-c") is None


def test_wrong_codes_slow_down_the_next_attempts(
    database_url: str, guard: AccessGuard, waits: list[float]
) -> None:
    Store.create_workspace(database_url, "coll-a", name="A", code="secret-a")
    for guess in ("guess-1", "guess-2", "guess-3", "guess-4"):
        with pytest.raises(AccessDeniedError):
            Store(database_url, "coll-a", code=guess, guard=guard)
    assert waits == [0.5, 1.0, 2.0]
    Store(database_url, "coll-a", code="secret-a", guard=guard)
    Store(database_url, "coll-a", code="secret-a", guard=guard)
    assert waits == [0.5, 1.0, 2.0, 4.0]  # the right code waited once, then reset


def test_changing_or_removing_the_code(database_url: str, guard: AccessGuard) -> None:
    store = Store.create_workspace(database_url, "coll-a", name="A", code="secret-a")
    store.set_code("secret-nouveau")
    with pytest.raises(AccessDeniedError):
        Store(database_url, "coll-a", code="secret-a", guard=guard)
    assert Store(database_url, "coll-a", code="secret-nouveau", guard=guard).protected
    store.set_code(None)
    assert not Store(database_url, "coll-a").protected


def test_unknown_duplicate_and_badly_named_workspaces(database_url: str) -> None:
    with pytest.raises(UnknownWorkspaceError, match="no workspace 'absent'"):
        Store(database_url, "absent")
    Store.create_workspace(database_url, "coll-a", name="A")
    with pytest.raises(Bm3cError, match="exists already"):
        Store.create_workspace(database_url, "coll-a", name="A again")
    with pytest.raises(Bm3cError, match="exists already"):
        Store.create_workspace(database_url, "default", name="The default")
    with pytest.raises(ValueError, match="lowercase"):
        Store.create_workspace(database_url, "Coll A", name="A")
    with pytest.raises(ValueError, match="at least 6"):
        Store.create_workspace(database_url, "coll-b", name="B", code="abc")
    with pytest.raises(UnknownWorkspaceError):
        Store(database_url, "coll-b")  # nothing half-created
