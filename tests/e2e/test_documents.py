"""Take-home files in a real browser: the workbook, the PDF and a chart image are downloaded."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from PIL import Image

from bm3c.engine import evaluate
from bm3c.io import load_cooperation
from bm3c.ui.main import PAGES
from tests.e2e.conftest import ARTIFACTS, ROOT, wait_for_app

pytestmark = pytest.mark.browser

HALLE = ROOT / "examples" / "halle-des-transitions.yaml"


def go_to(page, name: str) -> None:  # type: ignore[no-untyped-def]
    index = [p for p, _icon in PAGES].index(name)
    page.locator('[data-testid="stSidebarNavLink"]').nth(index).click()
    wait_for_app(page)


def download(page, label: str) -> bytes:  # type: ignore[no-untyped-def]
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=label).first.click()
    path = info.value.path()
    with open(path, "rb") as file:
        return file.read()


def test_the_documents_page_hands_over_the_workbook_and_the_pdf(page) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 1400, "height": 2000})
    go_to(page, "documents")
    page.screenshot(path=str(ARTIFACTS / "documents-fr.png"), full_page=True)
    book = load_workbook(io.BytesIO(download(page, "Télécharger le classeur (.xlsx)")))
    numbers = [
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, int | float)
    ]
    for m in evaluate(load_cooperation(HALLE)).members:
        assert any(abs(m.cash_result_eur - n) < 1e-6 for n in numbers), m.id
    assert download(page, "Télécharger le PDF").startswith(b"%PDF-")


def test_a_chart_downloads_as_png(page) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 1400, "height": 2000})
    go_to(page, "sharing")
    png = download(page, "Image PNG")
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.width > 600
    svg = download(page, "Image SVG")
    assert svg.lstrip().startswith(b"<svg")
