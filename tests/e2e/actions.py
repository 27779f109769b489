"""What a participant does in the browser, shared by the browser tests."""

from __future__ import annotations

from bm3c.ui.main import PAGES
from tests.e2e.conftest import wait_for_app

WORK_PAGE = [name for name, _icon in PAGES].index("work")  # « Répartition du travail »


def wait_for_cell(page, text: str) -> None:  # type: ignore[no-untyped-def]
    """Wait until a table cell shows ``text`` (tables are canvases with a hidden grid)."""
    page.locator('[role="gridcell"]', has_text=text).first.wait_for(
        state="attached", timeout=30_000
    )


def open_work_page(page) -> None:  # type: ignore[no-untyped-def]
    """Go to the work allocation page (tall viewport: its tables are long)."""
    page.set_viewport_size({"width": 1400, "height": 2400})
    page.locator('[data-testid="stSidebarNavLink"]').nth(WORK_PAGE).click()
    wait_for_app(page)
    page.get_by_role("heading", name="Répartition du travail").wait_for()


def type_first_paid_hours(page, hours: float) -> None:  # type: ignore[no-untyped-def]
    """On the work page, type ``hours`` into the first row's paid hours cell."""
    # the hours editor (key work.hours@…), not the transfer's table above it
    grid = page.locator('[class*="st-key-work-hours"] [data-testid="stDataFrame"]').first
    grid.locator("canvas").first.wait_for()
    page.wait_for_timeout(1000)  # the grid draws after the script run ends
    box = grid.locator("canvas").first.bounding_box()  # the cells, not the toolbar above
    assert box is not None
    # the first body row sits one row (~35 px) below the header; start on its first cell
    page.mouse.click(box["x"] + 40, box["y"] + 35 + 17)
    page.wait_for_timeout(300)
    for _ in range(3):  # member, activity, carrier -> paid hours
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")  # open the cell editor, then replace its content
    # the editor opens in an overlay; on a busy machine it takes a moment
    page.locator("#portal textarea, #portal input").first.wait_for(timeout=10_000)
    page.keyboard.press("Control+A")
    page.keyboard.type(str(int(hours)), delay=50)
    page.keyboard.press("Enter")
    wait_for_app(page)
