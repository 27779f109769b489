"""Every app test works in its own workspace database, never in ``models/``."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def workspace_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh SQLite workspace for the test's app sessions."""
    url = f"sqlite:///{tmp_path / 'workspace.db'}"
    monkeypatch.setenv("BM3C_DATABASE_URL", url)
    monkeypatch.delenv("BM3C_WORKSPACE", raising=False)
    return url
