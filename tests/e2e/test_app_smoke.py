"""The app in a real browser: opens on an example, shows the engine's numbers, speaks English."""

from __future__ import annotations

import pytest

from bm3c.engine import evaluate
from bm3c.io import load_cooperation
from bm3c.texts.format import money
from tests.e2e.conftest import ARTIFACTS, ROOT, wait_for_app

pytestmark = pytest.mark.browser


def test_app_opens_on_the_example_and_switches_to_english(page) -> None:  # type: ignore[no-untyped-def]
    coop = load_cooperation(ROOT / "examples" / "halle-des-transitions.yaml")
    base = evaluate(coop)
    page.get_by_role("heading", name=coop.name).first.wait_for()
    assert money(base.collective.result_eur, "EUR", "fr") in page.inner_text("body")
    page.screenshot(path=str(ARTIFACTS / "overview-fr.png"), full_page=True)

    page.get_by_text("English", exact=True).click()
    wait_for_app(page)
    page.get_by_text("Collective result").first.wait_for()
    assert money(base.collective.result_eur, "EUR", "en") in page.inner_text("body")
    page.screenshot(path=str(ARTIFACTS / "overview-en.png"), full_page=True)
