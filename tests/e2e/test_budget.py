"""The funders' budget in a browser: pick a structure, open a class, read a line and the funders.

La Boucle's budget (Halle des transitions, 2027): its class 64 holds its paid hours,
among them 700 h on the café cantine; Bordeaux Métropole funds it.
"""

from __future__ import annotations

import pytest

from bm3c.ui.main import PAGES
from tests.e2e.conftest import ARTIFACTS, wait_for_app

pytestmark = pytest.mark.browser


def test_a_structures_class_opens_on_its_lines_and_its_funders(page) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 1366, "height": 2400})  # Streamlit scrolls inside the app
    page.locator('[data-testid="stSidebarNavLink"]').nth(
        [name for name, _ in PAGES].index("budget")
    ).click()
    wait_for_app(page)
    page.get_by_role("heading", name="Budget pour les financeurs", level=1).wait_for()
    page.get_by_role("heading", name="Budget 2027 – L'action (la coopération entière)").wait_for()

    main = page.locator('[data-testid="stMain"]')
    main.locator('[data-testid="stSelectbox"]', has_text="Budget de").click()
    page.get_by_role("option", name="La Boucle").click()
    wait_for_app(page)
    page.get_by_role("heading", name="Budget 2027 – La Boucle").wait_for()

    line = "Heures salariées de La Boucle : Café cantine (700\u00a0h)"
    staff = main.locator('[data-testid="stExpander"]', has_text="64 – Charges de personnel")
    assert not staff.get_by_text(line).is_visible()  # closed until opened
    staff.locator("summary").click()
    staff.get_by_text(line).wait_for(state="visible")

    # the amount sits on the right of its row, level with the class's title
    summary = staff.locator("summary")
    amount = summary.locator("em").bounding_box()
    box = summary.bounding_box()
    assert amount is not None and box is not None
    assert amount["x"] + amount["width"] > box["x"] + box["width"] - 40

    table = main.locator('[data-testid="stTable"]')
    table.scroll_into_view_if_needed()
    table.locator("th", has_text="Plafond dépassé").wait_for()
    table.locator("td", has_text="Bordeaux Métropole").wait_for()
    assert "9,6\u00a0%" in table.inner_text()  # 8 000 € of La Boucle's 83 600 € of charges
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(ARTIFACTS / "budget-la-boucle.png"), full_page=True)
