"""Counterfactuals in a real browser: a member leaves, the alone figure explained, filters."""

from __future__ import annotations

import pytest

from bm3c.engine import evaluate
from bm3c.engine.leaving import members_leave
from bm3c.io import load_cooperation
from bm3c.present.alone_words import alone_sentences
from bm3c.present.leaving_tables import leaving_sentence
from bm3c.ui.main import PAGES
from tests.e2e.conftest import ARTIFACTS, ROOT, wait_for_app

pytestmark = pytest.mark.browser

HALLE = ROOT / "examples" / "halle-des-transitions.yaml"


def open_page(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 1400, "height": 2600})
    index = [p for p, _ in PAGES].index(name)
    page.locator('[data-testid="stSidebarNavLink"]').nth(index).click()
    wait_for_app(page)
    page.locator("h1").first.wait_for()


def test_a_member_leaves_and_the_page_says_what_changes(page) -> None:  # type: ignore[no-untyped-def]
    coop = load_cooperation(HALLE)
    sentence = leaving_sentence(members_leave(coop, ["slow-fest"]), "fr")
    open_page(page, "leaving")
    page.locator(".st-key-leaving-members").click()
    page.keyboard.type("Slow Fest")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_for_app(page)
    page.get_by_text(sentence[:40]).first.wait_for(timeout=30_000)
    assert sentence[:40] in page.inner_text("body")
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(ARTIFACTS / "leaving-slow-fest.png"), full_page=True)


def test_the_alone_figure_is_explained_in_words(page) -> None:  # type: ignore[no-untyped-def]
    ev = evaluate(load_cooperation(HALLE))
    first = ev.members[0]  # the expander opens on the first member
    sentences = alone_sentences(ev, "fr")[first.id]
    assert sentences
    open_page(page, "overview")
    page.get_by_text("Pourquoi ce montant seule ?").first.click()
    wait_for_app(page)
    page.get_by_text(sentences[0][:30]).first.wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "overview-alone-why.png"), full_page=True)


def test_a_filtered_change_shows_what_it_touches(page) -> None:  # type: ignore[no-untyped-def]
    coop = load_cooperation(HALLE)
    subsidy = next(
        line.label for a in coop.activities for line in a.revenues if line.kind == "subsidy"
    )
    open_page(page, "scenarios")
    page.get_by_text("Ajouter un changement sur plusieurs lignes").first.click()
    wait_for_app(page)
    page.get_by_text("Toutes les lignes de subvention").first.click()  # the first choice
    wait_for_app(page)
    page.locator('[role="gridcell"]', has_text=subsidy).first.wait_for(
        state="attached", timeout=30_000
    )
    page.screenshot(path=str(ARTIFACTS / "scenarios-filter-preview.png"), full_page=True)
