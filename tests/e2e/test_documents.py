"""Take-home files in a real browser: the workbook, the PDF and a chart image are downloaded."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import Error as PlaywrightError

from bm3c.ui.main import PAGES
from tests.cli.test_export import assert_holds_every_cash_result
from tests.e2e.conftest import ARTIFACTS, ROOT, wait_for_app

pytestmark = pytest.mark.browser

HALLE = ROOT / "examples" / "halle-des-transitions.yaml"


def go_to(page, name: str) -> None:  # type: ignore[no-untyped-def]
    index = [p for p, _icon in PAGES].index(name)
    page.locator('[data-testid="stSidebarNavLink"]').nth(index).click()
    wait_for_app(page)


def download(page, label: str) -> bytes:  # type: ignore[no-untyped-def]
    """The file behind a download button; clicked again if the browser cancels the download
    (it happens when the page reruns under the click: the button is drawn anew)."""
    for attempt in range(3):
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name=label).first.click()
        try:
            path = info.value.path()
        except PlaywrightError:
            if attempt == 2:
                raise
            wait_for_app(page)
            continue
        wait_for_app(page)
        with open(path, "rb") as file:
            return file.read()
    raise AssertionError("unreachable")


def test_the_documents_page_hands_over_the_workbook_and_the_pdf(page) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 1400, "height": 2000})
    go_to(page, "documents")
    page.screenshot(path=str(ARTIFACTS / "documents-fr.png"), full_page=True)
    assert_holds_every_cash_result(download(page, "Télécharger le classeur (.xlsx)"), HALLE)
    assert download(page, "Télécharger le PDF").startswith(b"%PDF-")


def test_a_chart_downloads_as_png(page) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 1400, "height": 2000})
    go_to(page, "sharing")
    png = download(page, "Image PNG")
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.width > 600
    svg = download(page, "Image SVG")
    assert svg.lstrip().startswith(b"<svg")
