"""Joining a live workshop in real browsers: the banner, reloads, the bare address, presence.

Each browser context is its own browser (its own cookies): two contexts are two
participants on two laptops.
"""

from __future__ import annotations

import time
import uuid
from datetime import date

import pytest

from bm3c.edit.cooperation import set_work
from bm3c.io import load_cooperation
from bm3c.logbook import default_grid, grid_to_data
from bm3c.store import Store
from bm3c.store import logbook as book
from bm3c.ui.main import PAGES
from tests.e2e.conftest import ARTIFACTS, ROOT, open_tab, wait_for_app

pytestmark = pytest.mark.browser

HALLE = load_cooperation(ROOT / "examples" / "halle-des-transitions.yaml")
LAPTOP = {"width": 1366, "height": 768}


def laptop(browser, url: str):  # type: ignore[no-untyped-def]
    """A participant's own browser (its own cookies) at 1366×768, opened at ``url``."""
    tab = browser.new_context(viewport=LAPTOP, locale="fr-FR").new_page()
    tab.goto(url)
    wait_for_app(tab)
    return tab


def join_as(tab, name: str) -> None:  # type: ignore[no-untyped-def]
    """Type a name in the arrival form and join."""
    tab.get_by_label("Votre nom").fill(name)
    tab.get_by_role("button", name="Entrer").click()
    wait_for_app(tab)


def go_to(tab, page: str) -> None:  # type: ignore[no-untyped-def]
    index = [name for name, _icon in PAGES].index(page)
    tab.locator('[data-testid="stSidebarNavLink"]').nth(index).click()
    wait_for_app(tab)


def type_first_member_hourly_cost(tab, cost: int) -> None:  # type: ignore[no-untyped-def]
    """On the Structures page, type ``cost`` into the first member's hourly cost cell."""
    grid = tab.locator('[data-testid="stDataFrame"]').first
    grid.locator("canvas").first.wait_for()
    grid.scroll_into_view_if_needed()
    tab.wait_for_timeout(1000)  # the grid draws after the script run ends
    box = grid.bounding_box()
    assert box is not None
    tab.mouse.click(box["x"] + 40, box["y"] + 35 + 17)  # the first row's first cell
    tab.wait_for_timeout(300)
    tab.keyboard.press("ArrowRight")  # name -> hourly cost (the most useful columns first)
    tab.keyboard.press("Enter")
    tab.wait_for_timeout(300)
    tab.keyboard.press("Control+A")
    tab.keyboard.type(str(cost), delay=50)
    tab.keyboard.press("Enter")
    wait_for_app(tab)


def test_a_save_shows_a_banner_in_view_and_reload_keeps_what_was_typed(  # type: ignore[no-untyped-def]
    browser, app_url: str, database_url: str
) -> None:
    store = Store(database_url)
    store.save("halle-banner", HALLE, author="Setup", message="import", parent=None)
    link = f"{app_url}/?src=model:halle-banner"
    anne = laptop(browser, link)
    join_as(anne, "Anne")
    go_to(anne, "structures")
    first = HALLE.members[0]
    type_first_member_hourly_cost(anne, 47)
    assert "modifications non enregistrées" in anne.inner_text('[data-testid="stSidebar"]')

    # Bruno, on his own laptop, saves another change (R3 works 100 h in the café)
    bruno = laptop(browser, link)
    join_as(bruno, "Bruno")
    theirs = set_work(HALLE, "cafe-cantine", "r3-bordeaux", 100, 0)
    store.save("halle-banner", theirs, author="Bruno", message="R3 en cuisine", parent=1)

    # Anne, scrolled down to the table, sees the banner without scrolling or clicking
    banner = anne.locator(".st-key-live-banner [data-testid='stAlert']")
    banner.wait_for(timeout=5_000)
    text = banner.inner_text()
    assert "Bruno a enregistré ce modèle" in text and "R3 en cuisine" in text
    box = banner.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= LAPTOP["height"], box
    anne.screenshot(path=str(ARTIFACTS / "live-banner-1366.png"))

    anne.get_by_role("button", name="Recharger en gardant mes modifications").click()
    wait_for_app(anne)
    anne.locator(".st-key-live-banner [data-testid='stAlert']").wait_for(state="detached")
    sidebar = anne.inner_text('[data-testid="stSidebar"]')
    assert "révision 2" in sidebar and "modifications non enregistrées" in sidebar
    anne.locator('[role="gridcell"]', has_text="47").first.wait_for(state="attached")
    # what Anne typed is her draft, on top of Bruno's revision: saving keeps both
    anne.get_by_test_id("stPopoverButton").filter(has_text="Enregistrer").click()
    anne.get_by_role("button", name="Enregistrer une nouvelle révision").click()
    wait_for_app(anne)
    saved = store.revision("halle-banner").cooperation()
    assert store.head("halle-banner") == 3
    assert saved.member(first.id).hourly_cost_eur == 47
    cafe = next(a for a in saved.activities if a.id == "cafe-cantine")
    assert any(w.member == "r3-bordeaux" and w.paid_hours == 100 for w in cafe.work)


def test_a_reload_never_asks_the_name_again(browser, app_url: str) -> None:  # type: ignore[no-untyped-def]
    tab = laptop(browser, f"{app_url}/?src=example:halle-des-transitions.yaml")
    join_as(tab, "Camille")
    tab.reload()
    wait_for_app(tab)
    assert tab.get_by_role("heading", name="Bienvenue dans bm3c").count() == 0
    assert "Vous : Camille" in tab.inner_text('[data-testid="stSidebar"]')
    # a new tab of the same browser is the same participant too, even at the bare address
    other = tab.context.new_page()
    other.goto(app_url)
    wait_for_app(other)
    assert other.get_by_role("heading", name="Bienvenue dans bm3c").count() == 0
    assert "Vous : Camille" in other.inner_text('[data-testid="stSidebar"]')


def test_the_bare_address_leads_to_the_workspace_models(  # type: ignore[no-untyped-def]
    browser, app_url: str, database_url: str
) -> None:
    Store(database_url).save("halle-accueil", HALLE, author="Setup", message="import", parent=None)
    tab = laptop(browser, app_url)
    join_as(tab, f"Dominique-{uuid.uuid4().hex[:4]}")
    tab.get_by_role("heading", name="Modèles de l'espace de travail").wait_for(timeout=10_000)
    assert "/workspace" in tab.url
    tab.locator('[role="gridcell"]', has_text="halle-accueil").first.wait_for(state="attached")
    tab.screenshot(path=str(ARTIFACTS / "live-bare-address.png"))


def test_a_closed_tab_leaves_the_others_list_within_five_seconds(  # type: ignore[no-untyped-def]
    browser, app_url: str, database_url: str
) -> None:
    store = Store(database_url)
    store.save("halle-presence", HALLE, author="Setup", message="import", parent=None)
    link = f"{app_url}/?src=model:halle-presence"
    eve = open_tab(browser, f"{link}&who=Eve")
    fanny = open_tab(browser, f"{link}&who=Fanny")
    eve.get_by_text("aussi connectés : Fanny").wait_for(timeout=10_000)
    fanny.context.close()
    closed = time.monotonic()
    eve.get_by_text("personne d'autre sur ce modèle").wait_for(timeout=5_000)
    print(f"a closed tab left the list after {time.monotonic() - closed:.1f} s")


def test_the_same_name_in_another_browser_does_not_see_the_answers(  # type: ignore[no-untyped-def]
    browser, app_url: str, database_url: str
) -> None:
    store = Store(database_url)
    store.save("halle-secret", HALLE, author="Setup", message="import", parent=None)
    grid = grid_to_data(default_grid())
    book.open_session(store, "halle-secret", "Atelier", date(2026, 12, 7), grid, "Setup")
    link = f"{app_url}/?src=model:halle-secret"

    gabrielle = laptop(browser, link)
    join_as(gabrielle, "Gabrielle")
    gabrielle.set_viewport_size({"width": 1400, "height": 2600})
    go_to(gabrielle, "logbook")
    gabrielle.locator('[data-testid="stRadio"]').first.get_by_text("2", exact=True).click()
    gabrielle.get_by_label("Les enjeux de votre structure dans la coopération").fill(
        "Notre secret bien gardé"
    )
    gabrielle.get_by_role("button", name="Enregistrer ma réponse").click()
    wait_for_app(gabrielle)
    gabrielle.get_by_text("Réponse enregistrée").wait_for()

    impostor = laptop(browser, link)
    join_as(impostor, "Gabrielle")
    impostor.set_viewport_size({"width": 1400, "height": 2600})
    go_to(impostor, "logbook")
    impostor.get_by_text("depuis un autre navigateur").wait_for(timeout=10_000)
    stakes = "Les enjeux de votre structure dans la coopération"
    assert impostor.get_by_label(stakes).input_value() == ""  # not prefilled with hers
    assert "Votre dernière réponse" not in impostor.inner_text("body")
    impostor.screenshot(path=str(ARTIFACTS / "logbook-same-name.png"), full_page=True)
    # her own answer, and only hers, comes back in her browser after a reload
    gabrielle.reload()
    wait_for_app(gabrielle)
    go_to(gabrielle, "logbook")
    assert gabrielle.get_by_label(stakes).input_value() == "Notre secret bien gardé"
