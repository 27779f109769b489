"""A live workshop: two participants on one server see each other's saves."""

from __future__ import annotations

import time

import pytest

from bm3c.edit.cooperation import set_work
from bm3c.engine import evaluate
from bm3c.io import load_cooperation
from bm3c.present.work_tables import work_rows
from bm3c.store import Store
from bm3c.texts.format import money
from tests.e2e.actions import open_work_page, type_first_paid_hours, wait_for_cell
from tests.e2e.conftest import ARTIFACTS, ROOT, open_tab, wait_for_app

pytestmark = pytest.mark.browser

HALLE = ROOT / "examples" / "halle-des-transitions.yaml"


def test_a_save_in_one_page_appears_in_the_other_within_two_seconds(
    browser, app_url: str, database_url: str
) -> None:  # type: ignore[no-untyped-def]
    coop = load_cooperation(HALLE)
    Store(database_url).save("halle-live", coop, author="Setup", message="import", parent=None)
    first = work_rows(coop, "fr")[0]
    new_paid = first["paid_hours"] + 100
    edited = set_work(coop, first["activity"], first["member"], new_paid, first["volunteer_hours"])
    after = money(evaluate(edited).member(first["member"]).cash_result_eur, "EUR", "fr")

    link = f"{app_url}/?src=model:halle-live"
    anne = open_tab(browser, f"{link}&who=Anne")
    bruno = open_tab(browser, f"{link}&who=Bruno")
    # Bruno stays on the overview; within a heartbeat both see each other
    bruno.get_by_text("aussi connectés : Anne").wait_for(timeout=15_000)

    open_work_page(anne)
    type_first_paid_hours(anne, new_paid)
    wait_for_cell(anne, after)
    anne.get_by_role("button", name="Enregistrer", exact=True).click()
    anne.get_by_label("Ce qui a changé (facultatif)").fill("100 h de plus")
    anne.get_by_role("button", name="Enregistrer une nouvelle révision").click()
    store = Store(database_url)
    deadline = time.monotonic() + 30
    while store.head("halle-live") < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    saved = time.monotonic()  # the moment the revision is in the database
    assert store.head("halle-live") == 2
    bruno.locator('[role="gridcell"]', has_text=after).first.wait_for(
        state="attached", timeout=2_000
    )
    print(f"Bruno saw Anne's save {time.monotonic() - saved:.2f} s after it was made")
    bruno.screenshot(path=str(ARTIFACTS / "live-other-page-updated.png"))
    wait_for_app(anne)
    anne.screenshot(path=str(ARTIFACTS / "live-saving-page.png"))
