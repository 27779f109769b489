"""A workshop in a real browser: edit an hours cell, move a what-if slider, see results move."""

from __future__ import annotations

import pytest

from bm3c.edit.cooperation import set_work
from bm3c.engine import evaluate
from bm3c.engine.whatif import default_activity
from bm3c.io import load_cooperation
from bm3c.present.work_tables import work_rows
from bm3c.texts.format import money
from tests.e2e.actions import open_work_page, type_first_paid_hours, wait_for_cell
from tests.e2e.conftest import ARTIFACTS, ROOT, wait_for_app

pytestmark = pytest.mark.browser

HALLE = ROOT / "examples" / "halle-des-transitions.yaml"


def test_editing_an_hours_cell_changes_the_member_result(page) -> None:  # type: ignore[no-untyped-def]
    coop = load_cooperation(HALLE)
    first = work_rows(coop, "fr")[0]
    member, activity = first["member"], first["activity"]
    new_paid = first["paid_hours"] + 100
    expected = evaluate(set_work(coop, activity, member, new_paid, first["volunteer_hours"]))
    before = evaluate(coop).member(member).cash_result_eur
    after = expected.member(member).cash_result_eur
    assert after != before

    open_work_page(page)
    type_first_paid_hours(page, new_paid)
    page.screenshot(path=str(ARTIFACTS / "work-hours-typed.png"))
    wait_for_cell(page, money(after, "EUR", "fr"))
    page.screenshot(path=str(ARTIFACTS / "work-hours-edited.png"))


def test_moving_a_what_if_slider_shows_the_change(page) -> None:  # type: ignore[no-untyped-def]
    coop = load_cooperation(HALLE)
    activity = default_activity(coop)
    assert activity is not None
    line = next(w for a in coop.activities if a.id == activity for w in a.work)
    open_work_page(page)
    page.get_by_text("Avancé : un curseur par structure").click()  # the per-member sliders
    wait_for_app(page)
    # Streamlit marks a widget's container with its key, dots turned into dashes
    slider = page.locator(f".st-key-work-whatif-{activity}-{line.member}")
    thumb = slider.locator('input[type="range"]')
    thumb.focus()
    for _ in range(40):
        page.keyboard.press("ArrowRight")
    wait_for_app(page)
    page.wait_for_timeout(1500)
    wait_for_app(page)
    moved = float(thumb.input_value())
    assert moved > line.paid_hours
    expected = evaluate(set_work(coop, activity, line.member, moved, line.volunteer_hours))
    after = expected.member(line.member).cash_result_eur
    wait_for_cell(page, money(after, "EUR", "fr"))
    page.screenshot(path=str(ARTIFACTS / "work-what-if-moved.png"))
