"""Every page in a real browser, in French and English: no error, a screenshot each."""

from __future__ import annotations

import pytest

from bm3c.ui.main import PAGES
from tests.e2e.conftest import ARTIFACTS, wait_for_app

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_opens_without_error(page, app_url: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    if lang == "en":
        page.get_by_text("English", exact=True).click()
        wait_for_app(page)
    for name, _icon in PAGES:
        page.goto(f"{app_url}/{name}")
        wait_for_app(page)
        page.locator("h1").first.wait_for()
        assert page.locator('[data-testid="stException"]').count() == 0, name
        page.screenshot(path=str(ARTIFACTS / f"page-{name}-{lang}.png"), full_page=True)
