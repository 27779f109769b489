"""The plan over time in a real browser: year 2 chosen, a subsidy paid later, the low point moves.

The three-year plan is :mod:`tests.present.plan_fixture`'s, opened by upload. La Halle's
subsidy is paid half in March and half in March of the next year: its low point is
−500 € in February 2027. Paid in December instead (half, the other half still in
March of the next year), La Halle spreads −250 € a month until then: −2 750 € in
November 2027.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bm3c.ui.main import PAGES
from tests.e2e.conftest import ARTIFACTS, wait_for_app
from tests.present.plan_fixture import PLAN_YAML

pytestmark = pytest.mark.browser

NEED = re.compile(r"La Halle a besoin de .* d'avance en [a-zéû]+ \d{4}\.")


def open_upload(page, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Open a model file by upload, on the Overview."""
    page.get_by_text("Ouvrir une autre coopération").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    page.get_by_role("button", name="Ouvrir ce fichier").click()
    wait_for_app(page)


def choose_year(page, label: str) -> None:  # type: ignore[no-untyped-def]
    """Choose a plan year in the sidebar's year selector."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stSelectbox"]', has_text="Année du plan").click()
    page.get_by_role("option", name=label).click()
    wait_for_app(page)


def halle_need(page) -> str:  # type: ignore[no-untyped-def]
    """The sentence that says how much cash La Halle needs, and when."""
    sentence = page.get_by_text(NEED).first
    sentence.wait_for(timeout=30_000)
    found = NEED.search(sentence.inner_text())
    assert found is not None
    return found[0]


def test_paying_the_subsidy_later_moves_the_low_point(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan_file = tmp_path / "plan-sur-trois-ans.yaml"
    plan_file.write_text(PLAN_YAML, encoding="utf-8")
    page.set_viewport_size({"width": 1366, "height": 2400})
    open_upload(page, plan_file)
    page.get_by_role("heading", name="Coop test", level=1).wait_for()

    choose_year(page, "2028 (année 2 sur 3)")
    page.locator('[data-testid="stSidebarNavLink"]').nth(
        [p for p, _ in PAGES].index("cash_plan")
    ).click()
    wait_for_app(page)
    page.get_by_role("heading", name="Plan de trésorerie", level=1).wait_for()
    assert halle_need(page) == "La Halle a besoin de 500\u00a0€ d'avance en février 2027."

    # the timing table shows year 2's amounts; the subsidy is its second row
    grid = page.locator('[class*="st-key-cash-timing"] [data-testid="stDataFrame"]').first
    grid.locator("canvas").first.wait_for()
    page.locator('[role="columnheader"]', has_text="Montant 2028").first.wait_for(
        state="attached", timeout=30_000
    )
    page.wait_for_timeout(1000)  # the grid draws after the script run ends
    box = grid.locator("canvas").first.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 40, box["y"] + 35 + 35 + 17)  # row 2, first cell
    page.wait_for_timeout(300)
    for _ in range(3):  # activity -> line, amount, month
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    page.locator("#portal textarea, #portal input").first.wait_for(timeout=10_000)
    page.keyboard.press("Control+A")
    page.keyboard.type("12", delay=50)
    page.keyboard.press("Enter")
    wait_for_app(page)

    after = halle_need(page)
    page.screenshot(path=str(ARTIFACTS / "cash-plan-after.png"), full_page=True)
    assert after == "La Halle a besoin de 2\u202f750\u00a0€ d'avance en novembre 2027."
    # the grid's hidden cells hold its texts: the new timing, in words
    page.locator('[role="gridcell"]', has_text="50 % en décembre, 50 % en mars").first.wait_for(
        state="attached", timeout=30_000
    )
