"""Every page in a real browser, in French and English: no error, a screenshot each."""

from __future__ import annotations

import pytest

from bm3c.ui.main import PAGES
from tests.e2e.conftest import ARTIFACTS, wait_for_app

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_opens_without_error(page, lang: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 1400, "height": 3600})  # Streamlit scrolls inside the app
    if lang == "en":
        page.get_by_text("English", exact=True).click()
        wait_for_app(page)
    for index, (name, _icon) in enumerate(PAGES):
        # navigate as a user does, keeping the session (a reload would start a new one)
        page.locator('[data-testid="stSidebarNavLink"]').nth(index).click()
        wait_for_app(page)
        page.locator("h1").first.wait_for()
        assert ("Vue d'ensemble" in page.inner_text("body")) == (lang == "fr"), name
        assert page.locator('[data-testid="stException"]').count() == 0, name
        page.screenshot(path=str(ARTIFACTS / f"page-{name}-{lang}.png"), full_page=True)
