"""Tables that fit the screen, in normal and projector mode, at 1920×1080 and 1366×768.

On the Halle and on the Jardins (the examples with the most scenarios), the Work,
Structures, Activities and Scenarios pages are shown at a projector's and at a
laptop's size, with projector mode off then on. No table scrolls sideways (a canvas
table's scroller is no wider than the table; a page table no wider than its box),
and every scenario is a row of the comparison, the newest first. A screenshot of
each screen goes to tests/artifacts.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from bm3c.io import load_cooperation
from tests.e2e.conftest import ARTIFACTS, ROOT, wait_for_app

pytestmark = pytest.mark.browser

EXAMPLES = ("halle-des-transitions", "jardins-de-la-faiencerie")
SIZES = ((1920, 1080), (1366, 768))
PAGES = ("structures", "activities", "work", "scenarios")
COMPARISON_TABLES = 3  # cash result, gain, shared entity: the first tables of the Scenarios page

# the what-if table of the Work page is rebuilt with the transfer control, checked there
WHAT_IF_HEADER = "Résultat avant"

# every table on the page: a canvas table (its scroller's widths), or a page table
TABLE_WIDTHS = """() => {
  const shown = (e) => e.getClientRects().length > 0 && e.clientWidth > 0;
  const canvases = [...document.querySelectorAll('[data-testid="stDataFrame"]')]
    .map((e) => e.querySelector('.dvn-scroller')).filter((s) => s && shown(s))
    .map((s) => ({kind: 'canvas', scroll: s.scrollWidth, client: s.clientWidth,
                  text: [...s.closest('[data-testid="stDataFrame"]')
                    .querySelectorAll('[role="columnheader"]')]
                    .map((h) => h.innerText).join(' | ')}));
  const tables = [...document.querySelectorAll('[data-testid="stTable"]')].filter(shown)
    .map((e) => ({kind: 'table', scroll: e.scrollWidth, client: e.clientWidth,
                  text: e.innerText.slice(0, 60)}));
  return canvases.concat(tables);
}"""

PENDING_GRIDS = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
  .filter((e) => !e.querySelector('.dvn-scroller')).length"""


def wait_for_tables(tab) -> None:  # type: ignore[no-untyped-def]
    """Wait until every canvas table of the page is drawn (they load after the run)."""
    for _ in range(60):
        if tab.evaluate(PENDING_GRIDS) == 0:
            break
        tab.wait_for_timeout(500)
    tab.wait_for_timeout(800)


def go_to(tab, page: str) -> None:  # type: ignore[no-untyped-def]
    tab.locator(f'[data-testid="stSidebarNavLink"][href$="/{page}"]').click()
    wait_for_app(tab)
    wait_for_tables(tab)


def first_column(tab, projector: bool) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The first column's texts of each comparison table, as the reader sees them."""
    if projector:
        return tab.evaluate(
            """() => [...document.querySelectorAll('[data-testid="stTable"] table')]
              .map((t) => [...t.querySelectorAll('tbody tr')]
                .map((r) => r.querySelector('td, th').innerText.trim()))"""
        )[:COMPARISON_TABLES]
    grids = tab.locator('[data-testid="stDataFrame"]')
    columns = []
    for index in range(COMPARISON_TABLES):
        grid = grids.nth(index)
        grid.scroll_into_view_if_needed()
        tab.wait_for_timeout(300)
        cells = grid.locator('[role="gridcell"][aria-colindex="1"]').all_inner_texts()
        columns.append([c.strip() for c in cells])
    return columns


@pytest.mark.parametrize("example", EXAMPLES)
@pytest.mark.parametrize(("width", "height"), SIZES, ids=["1920x1080", "1366x768"])
def test_tables_fit_the_width_and_every_scenario_is_a_row(  # type: ignore[no-untyped-def]
    browser, app_url: str, example: str, width: int, height: int
) -> None:
    coop = load_cooperation(ROOT / "examples" / f"{example}.yaml")
    rows = ["Situation de base", *(s.name for s in reversed(coop.scenarios))]
    assert len(coop.scenarios) > 3
    context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR")
    tab = context.new_page()
    tab.goto(f"{app_url}/?who=Projecteur-{uuid.uuid4().hex[:6]}&src=example:{example}.yaml")
    wait_for_app(tab)
    overflowing: list[dict[str, Any]] = []
    for projector in (False, True):
        mode = "projector" if projector else "normal"
        if projector:
            tab.locator('[data-testid="stSidebar"]').get_by_text("Mode projecteur").click()
            wait_for_app(tab)
        for page in PAGES:
            go_to(tab, page)
            widths = tab.evaluate(TABLE_WIDTHS)
            assert widths, f"no table drawn on {page}"
            if page == "scenarios":  # the scenario editor's tables below are not compared
                widths = [w for w in widths if w["kind"] == "table"] if projector else widths
                widths = widths[:COMPARISON_TABLES]
                assert first_column(tab, projector) == [rows] * COMPARISON_TABLES
            overflowing += [
                w | {"page": page, "mode": mode}
                for w in widths
                if w["scroll"] > w["client"] + 1 and WHAT_IF_HEADER not in w["text"]
            ]
            tab.screenshot(path=str(ARTIFACTS / f"screen-{example}-{width}-{mode}-{page}.png"))
    context.close()
    assert not overflowing, [
        f"{w['mode']} {w['page']}: {w['kind']} {w['scroll']} > {w['client']} ({w['text']!r})"
        for w in overflowing
    ]
