"""Shared fixtures: the bundled examples and a small model builder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture(params=EXAMPLES, ids=[p.stem for p in EXAMPLES])
def example_path(request: pytest.FixtureRequest) -> Path:
    """Each bundled example file in turn."""
    path: Path = request.param
    return path


def build(**overrides: Any) -> Cooperation:
    """A validated cooperation from a minimal base (two members, a shared entity).

    Keyword arguments replace top-level keys of the file data.
    """
    data: dict[str, Any] = {
        "bm3c": 1,
        "name": "Test",
        "shared_entity": {"id": "commun", "name": "Commun"},
        "members": [
            {"id": "a", "name": "A", "hourly_cost_eur": 20.0},
            {"id": "b", "name": "B", "hourly_cost_eur": 30.0},
        ],
    }
    data.update(overrides)
    return validate_cooperation(data)
