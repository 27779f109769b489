"""The ``bm3c models`` commands run on SQLite and on PostgreSQL, as the store tests do."""

from tests.store.conftest import database_url, postgres_server, store

__all__ = ["database_url", "postgres_server", "store"]
