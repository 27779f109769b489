"""Every store test runs on SQLite and on PostgreSQL: a fresh, empty database each time.

SQLite: a file in the test's temporary directory. PostgreSQL: the server given by
``BM3C_TEST_POSTGRES_URL`` (``make test`` starts one with ``.ci/postgres``), with a
schema of its own per test (the URL sets ``search_path`` to it), dropped afterwards.
Without a server the PostgreSQL cases are skipped, unless ``BM3C_REQUIRE_POSTGRES=1``
(as in ``make test`` and CI): then a missing server is an error, never a skip.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError

from bm3c.store import Store
from bm3c.store.database import forget_engine

DATABASES = ["sqlite", "postgresql"]


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("BM3C_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"BM3C_REQUIRE_POSTGRES=1 but {reason}", pytrace=False)
    pytest.skip(f"{reason}: run `make test`, which starts one (.ci/postgres)")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of the test server's database, checked once per session."""
    url = os.environ.get("BM3C_TEST_POSTGRES_URL")
    if not url:
        _unavailable("no PostgreSQL server (BM3C_TEST_POSTGRES_URL is not set)")
    engine = create_engine(url)
    try:
        with engine.connect() as db:
            db.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        _unavailable(f"the PostgreSQL server at {url} does not answer ({error.__class__.__name__})")
    yield url
    engine.dispose()


def _with_schema(url: str, schema: str) -> str:
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture(params=DATABASES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database: an SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'workspace.db'}"
        return
    server: str = request.getfixturevalue("postgres_server")
    schema = f"t_{secrets.token_hex(6)}"
    admin = create_engine(server)
    with admin.begin() as db:
        db.execute(text(f"CREATE SCHEMA {schema}"))
    url = _with_schema(server, schema)
    try:
        yield url
    finally:
        forget_engine(url)  # close this process's pooled connections to the schema
        with admin.begin() as db:
            db.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def store(database_url: str) -> Store:
    """The default workspace of a fresh database."""
    return Store(database_url)
