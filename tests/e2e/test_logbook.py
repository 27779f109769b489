"""The logbook in real browsers: two participants answer, the facilitator reveals, all see both."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from bm3c.io import load_cooperation
from bm3c.logbook import default_grid, grid_to_data
from bm3c.store import Store
from bm3c.store import logbook as book
from bm3c.ui.main import PAGES
from tests.e2e.conftest import ARTIFACTS, ROOT, open_tab, wait_for_app

pytestmark = pytest.mark.browser

MODEL = "halle-carnet"


def go_to_logbook(tab) -> None:  # type: ignore[no-untyped-def]
    tab.set_viewport_size({"width": 1400, "height": 2600})
    index = [name for name, _icon in PAGES].index("logbook")
    tab.locator('[data-testid="stSidebarNavLink"]').nth(index).click()
    wait_for_app(tab)
    tab.get_by_role("heading", name="Carnet de bord de la coopération").wait_for()


def answer_first_questions(tab, levels: list[int], stakes: str) -> None:  # type: ignore[no-untyped-def]
    radios = tab.locator('[data-testid="stRadio"]')
    for k, level in enumerate(levels):
        radios.nth(k).get_by_text(str(level), exact=True).click()
    tab.get_by_label("Les enjeux de votre structure dans la coopération").fill(stakes)
    tab.get_by_role("button", name="Enregistrer ma réponse").click()
    wait_for_app(tab)
    tab.get_by_text("Réponse enregistrée").wait_for()


def test_two_answer_the_facilitator_reveals_and_the_radar_shows_both(  # type: ignore[no-untyped-def]
    browser, app_url: str, database_url: str
) -> None:
    store = Store(database_url)
    store.save(
        MODEL,
        load_cooperation(ROOT / "examples" / "halle-des-transitions.yaml"),
        author="Setup",
        message="import",
        parent=None,
    )
    grid = grid_to_data(default_grid())
    book.open_session(store, MODEL, "Atelier navigateur", date(2026, 11, 27), grid, "Setup")

    # names of their own: a name still connected from another test would be asked again
    tag = uuid.uuid4().hex[:4]
    anne = open_tab(browser, f"{app_url}/?src=model:{MODEL}&who=Anne-{tag}")
    bruno = open_tab(browser, f"{app_url}/?src=model:{MODEL}&who=Bruno-{tag}")
    camille = open_tab(browser, f"{app_url}/?src=model:{MODEL}&who=Camille-{tag}")
    for tab in (anne, bruno, camille):
        go_to_logbook(tab)
    answer_first_questions(anne, [2, 2, 3], "Un lieu pour nos ateliers")
    answer_first_questions(bruno, [5, 4, 4], "Un festival à l'année")
    assert len(book.latest_answers(store, MODEL, 1)) == 2

    # the facilitator sees who answered (the page follows within two seconds), never what
    camille.get_by_role("tab", name="Ce que voit le groupe").click()
    camille.get_by_text("Déjà répondu (2)").wait_for(timeout=15_000)
    assert "Un lieu pour nos ateliers" not in camille.inner_text("body")
    camille.screenshot(path=str(ARTIFACTS / "logbook-before-reveal.png"), full_page=True)
    camille.get_by_role("button", name="Dévoiler les réponses au groupe").click()
    wait_for_app(camille)

    # every page shows the radar with both answers: the facilitator's at once, Anne's by itself
    anne.get_by_role("tab", name="Ce que voit le groupe").click()
    for tab in (camille, anne):
        radar = tab.locator(".vega-embed svg").first
        radar.wait_for(timeout=15_000)
        legend = radar.inner_html()
        assert "Anne" in legend and "Bruno" in legend
        tab.get_by_text("Un festival à l'année").wait_for(timeout=15_000)  # stakes side by side
    camille.screenshot(path=str(ARTIFACTS / "logbook-revealed.png"), full_page=True)

    # the report made on the Documents page ends with the revealed session
    index = [name for name, _icon in PAGES].index("documents")
    camille.locator('[data-testid="stSidebarNavLink"]').nth(index).click()
    wait_for_app(camille)
    with camille.expect_download(timeout=60_000) as info:
        camille.get_by_role("button", name="Télécharger la page web (.html)").click()
    with open(info.value.path(), encoding="utf-8") as file:
        report = file.read()
    section = report[report.index('<section id="logbook">') :]
    assert "Atelier navigateur" in section and f"Anne-{tag}" in section
