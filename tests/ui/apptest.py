"""Helpers to drive the app under Streamlit's AppTest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from streamlit.testing.v1 import AppTest

from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.model.validation import edit_data
from bm3c.ui.state import KEY, Workspace

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
HALLE = ROOT / "examples" / "halle-des-transitions.yaml"


def open_app(
    model: Path | Cooperation = HALLE,
    page: str | None = None,
    lang: str = "fr",
    *,
    who: str = "Camille",
) -> AppTest:
    """The app with ``model`` (a file or a model) open, in ``lang``, on ``page`` ("work"...).

    The participant ``who`` has arrived already (the arrival form is tested on its own).
    """
    at = AppTest.from_file(APP, default_timeout=60)
    coop = model if isinstance(model, Cooperation) else load_cooperation(model)
    source = "test.yaml" if isinstance(model, Cooperation) else model.name
    at.session_state[KEY] = Workspace(
        plan=coop, source=source, loaded=coop, origin=f"file:{source}"
    )
    at.session_state["lang"] = lang
    at.session_state["bm3c.participant"] = who
    at.run()
    if page is not None:
        at.switch_page(f"bm3c/ui/views/{page}.py").run()
    assert not at.exception, at.exception
    return at


def table_with(at: AppTest, column: str, *, read_only: bool = False) -> pd.DataFrame:
    """The first table shown with this column (AppTest gives read-only tables no key)."""
    return next(
        d.value
        for d in at.dataframe
        if column in d.value.columns and (not read_only or d.editing_mode == "read_only")
    )


def workspace_of(at: AppTest) -> Workspace:
    """The app's working state."""
    ws: Workspace = at.session_state[KEY]
    return ws


def edit_table(
    at: AppTest,
    name: str,
    *,
    edited_rows: dict[int, dict[str, Any]] | None = None,
    added_rows: list[dict[str, Any]] | None = None,
    deleted_rows: list[int] | None = None,
) -> AppTest:
    """Make pending edits in the table editor ``name`` (as a user would) and rerun."""
    key = at.session_state[f"bm3c.table_key.{name}"]
    at.session_state[key] = {
        "edited_rows": edited_rows or {},
        "added_rows": added_rows or [],
        "deleted_rows": deleted_rows or [],
    }
    return at.run()


def with_broken_scenario(coop: Cooperation, path: str) -> Cooperation:
    """``coop`` with one scenario « Cassé » (id ``casse``) whose change sets ``path``,
    which matches nothing: a model read without its scenarios checked."""
    scenario = {"id": "casse", "name": "Cassé", "changes": [{"set": path, "value": 0}]}
    return edit_data(coop, lambda data: data.update(scenarios=[scenario]))
