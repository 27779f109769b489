"""The app in a real browser: opens on an example and follows a scenario choice."""

from __future__ import annotations

import pytest

from bm3c.engine import evaluate
from bm3c.io import load_cooperation
from bm3c.ui.format import money
from tests.e2e.conftest import ARTIFACTS, ROOT, wait_for_app

pytestmark = pytest.mark.browser


def test_app_shows_the_engine_figures_and_follows_a_scenario(page) -> None:  # type: ignore[no-untyped-def]
    coop = load_cooperation(ROOT / "examples" / "halle-des-transitions.yaml")
    base = evaluate(coop)
    page.get_by_role("heading", name=coop.name).wait_for()
    body = page.inner_text("body")
    assert money(base.collective.result_eur, "EUR") in body
    page.screenshot(path=str(ARTIFACTS / "overview-base.png"), full_page=True)

    scenario = coop.scenarios[0]
    page.get_by_text(scenario.name, exact=True).click()
    wait_for_app(page)
    changed = evaluate(coop, scenario.id)
    page.get_by_text(money(changed.shared_entity.result_eur, "EUR")).first.wait_for()
    page.screenshot(path=str(ARTIFACTS / "overview-scenario.png"), full_page=True)
