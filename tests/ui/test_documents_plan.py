"""The Documents page of a plan over time: the files hold the whole plan, whatever year is shown.

A download button's file is made when it is clicked; here each button's maker is
kept when the page registers it, and called as a click would.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from bm3c.model import Cooperation
from bm3c.ui.state import KEY, Workspace
from tests.export.test_plan_workbook import plan_model
from tests.ui.apptest import APP


@pytest.fixture
def makers(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], Any]]:
    """Each download button's file maker by file name, as the page registers it."""
    found: dict[str, Callable[[], Any]] = {}

    def keep(
        self: MediaFileManager,
        data_callable: Callable[[], Any],
        mimetype: str | None,
        coordinates: str,
        file_name: str | None = None,
        **_: Any,
    ) -> str:
        found[str(file_name)] = data_callable
        return f"kept-{len(found)}"

    monkeypatch.setattr(MediaFileManager, "add_deferred", keep)
    return found


def documents_page(plan: Cooperation, year: int) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[KEY] = Workspace(
        plan=plan, source="plan.yaml", loaded=plan, origin="file:plan.yaml", year=year
    )
    at.session_state["lang"] = "fr"
    at.session_state["bm3c.participant"] = "Camille"
    at.run()
    at.switch_page("bm3c/ui/views/documents.py").run()
    assert not at.exception, at.exception
    return at


def test_the_workbook_holds_every_year_when_the_second_is_shown(
    makers: dict[str, Callable[[], Any]],
) -> None:
    documents_page(plan_model(), year=1)
    book = load_workbook(BytesIO(makers["trois-ans.xlsx"]()))
    for name in ("Plan 2027–2029", "Trésorerie", "Résultats 2027", "Résultats 2029"):
        assert name in book.sheetnames
    first = book["Résultats 2027"]
    atelier = next(row for row in first.iter_rows(values_only=True) if row[1] == "a")
    assert atelier[2] == pytest.approx(300 - 600 + 150)  # 2027's figures, not 2028's 450 €


def test_the_page_says_which_years_charts_it_gives(makers: dict[str, Callable[[], Any]]) -> None:
    at = documents_page(plan_model(), year=1)
    captions = [c.value for c in at.caption]
    assert "Les graphiques de l'année 2028 (année 2 sur 3), choisie dans la barre latérale." in (
        captions
    )
    assert any("plan sur 3 ans" in m.value for m in at.markdown)
    assert "trois-ans-2028-value-flows.png" in makers
