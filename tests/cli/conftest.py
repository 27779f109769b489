"""The ``bm3c models`` commands run on SQLite and on PostgreSQL, as the store tests do.

Every test here runs in an English locale unless it sets its own: the command line
takes its default language from LC_ALL, LC_MESSAGES and LANG.
"""

import pytest

from tests.store.conftest import database_url, postgres_server, store

__all__ = ["database_url", "english_locale", "postgres_server", "store"]


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """An English locale for the command and the console scripts it starts."""
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
