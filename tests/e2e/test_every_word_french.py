"""Every page in Chromium, in French: none of Streamlit's own English is visible.

AppTest (tests/ui/test_every_word_french.py) reads the texts the app writes;
the words Streamlit writes inside its widgets (the file picker's « Upload »
button and « 200MB per file », the « Press Enter to apply » hint) only exist
in the browser. Texts drawn at size zero are the ones the app's style sheet
replaces (ui/streamlit_words.py): they are not visible, their replacement is
read from the style.
"""

from __future__ import annotations

import pytest

from bm3c.ui.main import PAGES
from tests.e2e.conftest import ARTIFACTS, wait_for_app

pytestmark = pytest.mark.browser

STREAMLIT_ENGLISH = (
    "Upload",
    "Drag and drop",
    "per file",
    "Browse files",
    "Press Enter",
    "Press Ctrl+Enter",
    "submit form",
    "Choose an option",
    "Choose options",
    "No results",
    "Number is below",
    "Number is above",
    "allowed range",
    "Running...",
    "Stop",
)

#: Every visible text node (size above zero, not hidden), and the ::after texts of the
#: elements our style sheet words.
VISIBLE_TEXTS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || !el || el.closest('style, script, noscript, [data-testid="stVegaLiteChart"]')) {
      continue;
    }
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    if (parseFloat(style.fontSize) === 0 || el.getClientRects().length === 0) continue;
    out.push(text);
  }
  return out;
}"""
AFTER_TEXTS = """(selector) => [...document.querySelectorAll(selector)].map(
  (el) => getComputedStyle(el, '::after').content)"""


def _english(texts: list[str]) -> list[str]:
    return [t for t in texts if any(word in t for word in STREAMLIT_ENGLISH)]


def test_no_streamlit_english_on_any_page(page) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 1400, "height": 3600})  # Streamlit scrolls inside the app
    found: dict[str, list[str]] = {}
    for index, (name, _icon) in enumerate(PAGES):
        page.locator('[data-testid="stSidebarNavLink"]').nth(index).click()
        wait_for_app(page)
        for summary in page.locator('[data-testid="stExpander"] summary').all():
            summary.click()
        page.wait_for_timeout(300)
        english = _english(page.evaluate(VISIBLE_TEXTS))
        if english:
            found[name] = english
        if name in ("overview", "workspace"):  # a file picker: its words are ours
            page.screenshot(path=str(ARTIFACTS / f"words-{name}.png"), full_page=True)
            buttons = page.evaluate(AFTER_TEXTS, '[data-testid="stFileUploaderDropzone"] button p')
            assert buttons and all(b == '"Choisir un fichier"' for b in buttons), buttons
            hints = page.evaluate(AFTER_TEXTS, '[data-testid="stFileUploaderDropzoneInstructions"]')
            assert hints and all(h == '"ou le déposer ici"' for h in hints), hints
    assert found == {}


def test_the_hint_under_a_form_field_is_french(page) -> None:  # type: ignore[no-untyped-def]
    page.locator('[data-testid="stSidebarNavLink"]').nth(
        [name for name, _ in PAGES].index("structures")
    ).click()
    wait_for_app(page)
    for summary in page.locator('[data-testid="stExpander"] summary').all():
        summary.click()
    field = page.locator('[data-testid="stForm"] [data-testid="stTextInput"] input').first
    field.click()
    field.type("x")
    hint = '[data-testid="stForm"] [data-testid="InputInstructions"] > span:first-child'
    page.wait_for_selector(hint, state="attached")  # drawn at size zero: its ::after shows
    assert page.evaluate(AFTER_TEXTS, hint) == ['"Entrée pour envoyer"']
    assert not _english(page.evaluate(VISIBLE_TEXTS))
    page.screenshot(path=str(ARTIFACTS / "words-form-hint.png"))
