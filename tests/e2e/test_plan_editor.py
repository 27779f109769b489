"""In a real browser: make the example a three-year plan, type a year's value in the
yearly table, see a bad value refused in words while it stays in its cell, then accepted."""

from __future__ import annotations

from bm3c.ui.main import PAGES
from tests.e2e.actions import wait_for_cell
from tests.e2e.conftest import wait_for_app

PLAN_PAGE = [name for name, _icon in PAGES].index("plan")
REVENUES = '[class*="st-key-plan-ateliers-sensibilisation-revenues"] [data-testid="stDataFrame"]'


def type_second_year(page, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` into the first row's second year (after line, number, first year)."""
    grid = page.locator(REVENUES).first
    grid.locator("canvas").first.wait_for()
    page.wait_for_timeout(1000)  # the grid draws after the script run ends
    box = grid.locator("canvas").first.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 40, box["y"] + 35 + 17)  # the first body row's first cell
    page.wait_for_timeout(300)
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    page.locator("#portal textarea, #portal input").first.wait_for(timeout=10_000)
    page.keyboard.press("Control+A")
    page.keyboard.type(text, delay=50)
    page.keyboard.press("Enter")
    wait_for_app(page)


def test_a_year_typed_in_the_yearly_table(page) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 1400, "height": 2400})
    page.locator('[data-testid="stSidebarNavLink"]').nth(PLAN_PAGE).click()
    wait_for_app(page)
    page.get_by_role("heading", name="Plan sur plusieurs années").first.wait_for()
    page.get_by_role("button", name="Faire un plan sur plusieurs années").click()
    wait_for_app(page)
    # 80 workshops of 150 € a year, every year of the plan
    wait_for_cell(page, "12\u202f000,00\u00a0€")
    type_second_year(page, "-5")
    alert = page.locator('[data-testid="stAlert"]', has_text="Modification refusée")
    alert.wait_for(timeout=30_000)
    assert "doit valoir au moins 0 (saisi : −5)" in alert.inner_text()
    wait_for_cell(page, "-5")  # what was typed is still there
    type_second_year(page, "90")
    alert.wait_for(state="detached", timeout=30_000)
    wait_for_cell(page, "13\u202f500,00\u00a0€")  # 90 × 150 € in the second year
    undo = page.locator('[class*="st-key-sidebar-undo"] button')
    assert "recettes de « Ateliers" in undo.inner_text()
